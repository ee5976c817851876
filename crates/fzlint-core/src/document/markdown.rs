//! Markdown reading: pulldown-cmark classifies the regions of the file
//! (headings, fenced code, HTML, front matter); the text itself is always
//! matched on the raw source, never on pulldown-cmark's decoded events.
//!
//! Indented code blocks are deliberately *not* masked: in this genre an
//! indented block is a paragraph indented by habit (four spaces, as many
//! reports are), not code, and must be checked like any other text.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag};

use crate::document::outline::MarkdownHeading;
use crate::text::source::SourceFile;

/// What the Markdown structure says about a file.
#[derive(Debug, Default)]
pub struct MarkdownRegions {
    /// Headings (ATX and setext), in order.
    pub headings: Vec<MarkdownHeading>,
    /// Sorted, disjoint ranges that are not report text.
    pub masked: Vec<Range<usize>>,
    /// Sorted emphasis delimiters (`**`, `*`, `__`, `_`, `~~`): markup
    /// inside report text, invisible to matching.
    pub markup: Vec<Range<usize>>,
}

/// Scans a Markdown file.
pub fn scan(source: &SourceFile) -> MarkdownRegions {
    let base = source.content_start();
    let text = &source.text()[base..];
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_STRIKETHROUGH;
    let mut regions = MarkdownRegions::default();
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let range = base + range.start..base + range.end;
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                if let Some(heading) = heading(source, range, depth(level)) {
                    regions.headings.push(heading);
                }
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_)))
            | Event::Start(Tag::HtmlBlock)
            | Event::Start(Tag::MetadataBlock(_))
            | Event::Html(_)
            | Event::InlineHtml(_) => regions.masked.push(range),
            Event::Start(Tag::Strong) => delimiters(source.text(), range, 2, &mut regions.markup),
            Event::Start(Tag::Emphasis) => delimiters(source.text(), range, 1, &mut regions.markup),
            Event::Start(Tag::Strikethrough) => {
                let tildes = source.text()[range.clone()]
                    .chars()
                    .take_while(|&c| c == '~')
                    .count();
                delimiters(source.text(), range, tildes.min(2), &mut regions.markup);
            }
            _ => {}
        }
    }
    regions.masked = merge(regions.masked);
    regions.markup = merge(regions.markup);
    let bold = unflanked_bold(source.text(), &regions.masked, &regions.markup);
    if !bold.is_empty() {
        regions.markup.extend(bold);
        regions.markup = merge(regions.markup);
    }
    regions
}

/// Characters that end a bold phrase in Chinese text right before its
/// closing `**`: sentence punctuation and closing brackets and quotes.
const SENTENCE_CLOSERS: &[char] = &[
    '。', '！', '？', '；', '：', '）', '】', '」', '』', '”', '’', '》',
];

/// `**` pairs that CommonMark leaves as text because of Chinese punctuation
/// beside them — `**（一）加强组织领导。**调整…`: a closing `**` after `。`
/// and before a character is not "right-flanking" — but that the author
/// meant as bold, as editors that handle Chinese show them. They are markup,
/// not placeholders. Pairs are taken left to right within a line from the
/// `**` runs that are not markup already, not masked, and do not stand for
/// a missing figure (`办理案件**件`); a run left without a partner stays text.
fn unflanked_bold(
    text: &str,
    masked: &[Range<usize>],
    markup: &[Range<usize>],
) -> Vec<Range<usize>> {
    let covered = |at: usize, regions: &[Range<usize>]| {
        let i = regions.partition_point(|r| r.end <= at);
        regions.get(i).is_some_and(|r| r.start <= at)
    };
    let mut bold = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let mut open: Option<Range<usize>> = None;
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] != b'*' {
                i += 1;
                continue;
            }
            let run = i;
            while i < bytes.len() && bytes[i] == b'*' {
                i += 1;
            }
            let range = line_start + run..line_start + i;
            if range.len() != 2
                || covered(range.start, masked)
                || covered(range.start, markup)
                || stands_for_a_figure(text, &range)
            {
                continue;
            }
            match open.take() {
                // Text between the two that ends a sentence or a bracket
                // right before the closing `**` — the case CommonMark
                // misses. Anything else (`由**同志、**同志负责`) is left to
                // the placeholder rule.
                Some(first)
                    if !text[first.end..range.start].trim().is_empty()
                        && text[..range.start]
                            .chars()
                            .next_back()
                            .is_some_and(|c| SENTENCE_CLOSERS.contains(&c)) =>
                {
                    bold.push(first);
                    bold.push(range);
                }
                _ => open = Some(range),
            }
        }
        line_start += line.len();
    }
    bold
}

/// Counting units: a run of asterisks right before one of these, in the
/// middle of a word, stands for a missing figure ("办理案件**件").
const UNITS: &[char] = &[
    '件', '个', '人', '名', '家', '项', '次', '元', '万', '亿', '%', '％', '天', '场', '份', '条',
    '起', '户', '所', '台', '辆', '处', '类', '批', '期', '篇', '亩', '吨', '年', '月', '日', '倍',
];

/// Whether the delimiter at `range` is a placeholder for a figure rather
/// than markup: it follows a letter or figure and a counting unit follows it.
fn stands_for_a_figure(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    before.is_some_and(|c| c.is_alphanumeric()) && after.is_some_and(|c| UNITS.contains(&c))
}

/// Records the opening and closing delimiters (`len` bytes of `*`, `_` or
/// `~`) of an emphasis spanning `range`, except those that stand for a
/// missing figure (CommonMark pairs "案件**件，纠错**件" as emphasis, but the
/// author left two placeholders).
fn delimiters(text: &str, range: Range<usize>, len: usize, markup: &mut Vec<Range<usize>>) {
    let is_delimiter =
        |s: &str| !s.is_empty() && s.bytes().all(|b| matches!(b, b'*' | b'_' | b'~'));
    if len == 0 || range.len() < 2 * len {
        return;
    }
    let open = range.start..range.start + len;
    let close = range.end - len..range.end;
    if text.get(open.clone()).is_some_and(is_delimiter)
        && text.get(close.clone()).is_some_and(is_delimiter)
    {
        for delimiter in [open, close] {
            if !stands_for_a_figure(text, &delimiter) {
                markup.push(delimiter);
            }
        }
    }
}

fn depth(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Locates the text of a heading whose block spans `range`.
fn heading(source: &SourceFile, range: Range<usize>, depth: u8) -> Option<MarkdownHeading> {
    let text = source.text();
    let first_line = source.line_index(range.start);
    let last_line = source.line_index(range.end.saturating_sub(1).max(range.start));
    let first = source.line_range(first_line);
    let start = range.start.max(first.start);
    let line = &text[start..first.end];
    let text_range = if line.trim_start().starts_with('#') {
        // ATX: `## 标题 ##`
        let after_indent = start + (line.len() - line.trim_start().len());
        let after_hashes = after_indent + text[after_indent..first.end].len()
            - text[after_indent..first.end].trim_start_matches('#').len();
        let mut content = &text[after_hashes..first.end];
        content = content.trim_end();
        let without_closing = content.trim_end_matches('#');
        if without_closing.is_empty() || without_closing.ends_with([' ', '\t']) {
            content = without_closing.trim_end();
        }
        let content_start = after_hashes + (content.len() - content.trim_start().len());
        content_start..after_hashes + content.len()
    } else {
        // Setext: the text lines above the `===`/`---` underline.
        let last_text_line = last_line.saturating_sub(1).max(first_line);
        let end = source.line_range(last_text_line).end;
        let slice = &text[start..end];
        let content_start = start + (slice.len() - slice.trim_start().len());
        content_start..start + slice.trim_end().len()
    };
    (text_range.start < text_range.end).then_some(MarkdownHeading {
        first_line,
        last_line,
        depth,
        text: text_range,
    })
}

/// Sorts ranges and merges the overlapping or touching ones.
fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_text(text: &str) -> (SourceFile, MarkdownRegions) {
        let source = SourceFile::new("t.md", text);
        let regions = scan(&source);
        (source, regions)
    }

    fn heading_texts(text: &str) -> Vec<(u8, String)> {
        let (source, regions) = scan_text(text);
        regions
            .headings
            .iter()
            .map(|h| (h.depth, source.slice(h.text.clone()).to_owned()))
            .collect()
    }

    #[test]
    fn atx_and_setext_headings() {
        let text = "报告标题\n====\n\n## 一、成效 ##\n\n正文\n\n小结\n---\n\n###   （一）领导   \n";
        assert_eq!(
            heading_texts(text),
            vec![
                (1, "报告标题".to_owned()),
                (2, "一、成效".to_owned()),
                (2, "小结".to_owned()),
                (3, "（一）领导".to_owned()),
            ]
        );
    }

    #[test]
    fn heading_lines_with_crlf_and_bom() {
        let text = "\u{feff}# 标题\r\n\r\n## 一、成效\r\n";
        let (source, regions) = scan_text(text);
        let first = &regions.headings[0];
        assert_eq!(first.text.start, 3 + "# ".len());
        assert_eq!(source.slice(first.text.clone()), "标题");
        assert_eq!(source.slice(regions.headings[1].text.clone()), "一、成效");
        assert_eq!(regions.headings[1].first_line, 2);
    }

    #[test]
    fn fenced_code_html_and_front_matter_are_masked() {
        let text = "---\ntitle: x\n---\n\n正文<!-- 注释 -->正文\n\n```\n一、代码\n```\n\n<div>\n块\n</div>\n";
        let (source, regions) = scan_text(text);
        let masked: Vec<&str> = regions
            .masked
            .iter()
            .map(|r| source.slice(r.clone()))
            .collect();
        assert!(masked[0].starts_with("---\ntitle"));
        assert_eq!(masked[1], "<!-- 注释 -->");
        assert!(masked[2].starts_with("```\n一、代码"));
        assert!(masked[3].starts_with("<div>"));
    }

    #[test]
    fn emphasis_delimiters_are_markup_but_stray_asterisks_are_text() {
        let text = "**一、加粗**与*强调*，办理案件**件。\n";
        let (source, regions) = scan_text(text);
        let markup: Vec<&str> = regions
            .markup
            .iter()
            .map(|r| source.slice(r.clone()))
            .collect();
        assert_eq!(markup, vec!["**", "**", "*", "*"]);
        let stray = text.rfind("**").unwrap();
        assert!(
            regions
                .markup
                .iter()
                .all(|r| r.end <= stray || r.start > stray)
        );
    }

    #[test]
    fn asterisks_standing_for_figures_are_not_markup() {
        let text = "办理案件**件，纠错**件。进行**重点**监督。\n";
        let (source, regions) = scan_text(text);
        let markup: Vec<usize> = regions.markup.iter().map(|r| r.start).collect();
        let emphasis = text.find("**重点").unwrap();
        assert_eq!(markup, vec![emphasis, emphasis + "**重点".len()]);
        assert_eq!(source.slice(regions.markup[0].clone()), "**");
    }

    #[test]
    fn bold_that_commonmark_misses_beside_chinese_punctuation_is_markup() {
        // CommonMark leaves both `**` as text here (the closing one follows
        // 。 and precedes 调); they are still bold to the author.
        let text = "**（一）加强组织领导。**调整充实领导小组。\n办理案件**件，纠错**件。\n";
        let (source, regions) = scan_text(text);
        let markup: Vec<usize> = regions.markup.iter().map(|r| r.start).collect();
        let close = text.find("。**调").unwrap() + "。".len();
        assert_eq!(markup, vec![0, close], "{markup:?}");
        assert!(
            regions
                .markup
                .iter()
                .all(|r| source.slice(r.clone()) == "**")
        );
        // Placeholders stay text: a lone `**`, and `**` pairs CommonMark
        // rejects that do not close a sentence.
        for placeholder in ["由**同志负责。\n", "由**同志、**同志负责。\n"] {
            let (_, regions) = scan_text(placeholder);
            assert!(
                regions.markup.is_empty(),
                "{placeholder}: {:?}",
                regions.markup
            );
        }
    }

    #[test]
    fn indented_paragraphs_are_not_masked() {
        let text = "标题\n\n    一、成效\n    正文正文\n";
        let (_, regions) = scan_text(text);
        assert!(regions.masked.is_empty());
    }
}
