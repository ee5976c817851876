//! Excerpts: the sentence around a span, short enough for a table cell or a
//! drill-down, with the span marked.

use std::ops::Range;

use crate::text::source::SourceFile;

/// Characters of context kept on each side of the span.
const CONTEXT: usize = 30;
/// Characters of the span itself kept.
const SPAN_MAX: usize = 80;

/// A short quotation from a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// 1-based line of the span's start.
    pub line: usize,
    /// 1-based column (in characters) of the span's start.
    pub column: usize,
    /// The quotation: the span with the rest of its sentence (at most
    /// `CONTEXT` characters on each side, cut with `…`), on one line.
    pub text: String,
    /// Byte range of the span within `text`.
    pub highlight: Range<usize>,
}

impl Excerpt {
    /// The span's text, as it appears in `text`.
    pub fn matched(&self) -> &str {
        &self.text[self.highlight.clone()]
    }
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '；' | '！' | '？' | ';' | '!' | '?')
}

/// The excerpt for `span` in `source`. A span over several lines is cut at
/// the end of its first line.
pub fn excerpt(source: &SourceFile, span: &Range<usize>) -> Excerpt {
    let text = source.text();
    let position = source.position(span.start);
    let line = source.line_range(position.line - 1);
    let start = span.start.clamp(line.start, line.end);
    let end = span.end.clamp(start, line.end);

    // Before: back to the end of the previous sentence, at most CONTEXT chars.
    let before_text = &text[line.start..start];
    let sentence_start = before_text
        .char_indices()
        .rev()
        .find(|&(_, c)| is_sentence_end(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let mut before = before_text[sentence_start..].trim_start();
    if sentence_start == 0 {
        // Markdown heading and quote markers are not the report's words.
        before = before.trim_start_matches(['#', '>', ' ', '\t']);
    }
    let before_chars: Vec<char> = before.chars().collect();
    let (before, cut_before) = if before_chars.len() > CONTEXT {
        (
            before_chars[before_chars.len() - CONTEXT..]
                .iter()
                .collect::<String>(),
            true,
        )
    } else {
        (before.to_owned(), false)
    };

    // The span, capped.
    let matched: Vec<char> = text[start..end].chars().collect();
    let (matched, cut_span) = if matched.len() > SPAN_MAX {
        (matched[..SPAN_MAX].iter().collect::<String>(), true)
    } else {
        (matched.iter().collect::<String>(), false)
    };

    // After: to the end of the sentence, at most CONTEXT chars.
    let after_text = if cut_span { "" } else { &text[end..line.end] };
    let mut after = String::new();
    let mut cut_after = cut_span;
    for (count, c) in after_text.chars().enumerate() {
        if count == CONTEXT {
            cut_after = true;
            break;
        }
        after.push(c);
        if is_sentence_end(c) {
            break;
        }
    }
    let after = after.trim_end().to_owned();

    let mut out = String::new();
    if cut_before {
        out.push('…');
    }
    out.push_str(&before);
    let highlight_start = out.len();
    out.push_str(&matched);
    let highlight = highlight_start..out.len();
    out.push_str(&after);
    if cut_after {
        out.push('…');
    }
    Excerpt {
        line: position.line,
        column: position.column,
        text: out,
        highlight,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str) -> Excerpt {
        let source = SourceFile::new("t.txt", text);
        let start = text.find(needle).unwrap();
        excerpt(&source, &(start..start + needle.len()))
    }

    #[test]
    fn the_sentence_around_the_span() {
        let e = at(
            "一、成效\n　　全年办理案件12件。严格落实行政执法公示制度，公示信息300条。其他。\n",
            "行政执法公示",
        );
        assert_eq!(e.text, "严格落实行政执法公示制度，公示信息300条。");
        assert_eq!(e.matched(), "行政执法公示");
        assert_eq!((e.line, e.column), (2, 17));
    }

    #[test]
    fn long_sentences_are_cut_on_both_sides() {
        let long = "很".repeat(50);
        let text = format!("{long}关键词{long}。\n");
        let e = at(&text, "关键词");
        assert!(
            e.text.starts_with('…') && e.text.ends_with('…'),
            "{}",
            e.text
        );
        assert_eq!(e.text.chars().count(), 1 + 30 + 3 + 30 + 1);
        assert_eq!(e.matched(), "关键词");
    }

    #[test]
    fn markdown_heading_markers_are_left_out() {
        let e = at("# 标题\n## 二、党政主要负责人履行职责情况\n", "主要负责人");
        assert_eq!(e.text, "二、党政主要负责人履行职责情况");
        assert_eq!(e.matched(), "主要负责人");
    }

    #[test]
    fn a_heading_span_and_crlf() {
        let e = at(
            "标题\r\n二、存在的不足和原因\r\n正文。\r\n",
            "二、存在的不足和原因",
        );
        assert_eq!(e.text, "二、存在的不足和原因");
        assert_eq!(e.highlight, 0..e.text.len());
    }
}
