//! The Chinese outline recogniser: finds the numbered headings of a report
//! (GB/T 9704-2012 order: `一、` / `（一）` / `1.` / `（1）`), the Markdown
//! headings where the input is Markdown, and the report's title, and builds
//! the section tree.
//!
//! Detection works line by line on the raw text, so it finds headings inside a
//! Markdown paragraph, in indented lines (ASCII or full-width spaces) and in
//! plain text alike. A numbered line is a heading only when it is plausible:
//!
//! * the marker is followed by heading text (`1.5亿元` is a decimal, `1、2月`
//!   an enumeration, `一是` a paragraph device — none are headings);
//! * the previous line does not end mid-sentence (a hard-wrapped line that
//!   happens to start with `2.` after a line ending in `，` is prose);
//! * the number continues the sequence of its level under the current parent
//!   (`二、` after `一、`; a list restarting at `1.` inside the same section is
//!   prose). A gap of one number is tolerated when the skipped number does not
//!   turn up later, so a typo in the numbering does not lose the rest of the
//!   outline.
//!
//! The heading of a numbered line is the marker plus the text up to the first
//! `。` or the end of the line: reports often run the heading on into its
//! paragraph (`（一）加强组织领导。成立了……`).

use std::ops::Range;

/// Levels of the four numbering styles.
pub const MAX_NUMBERED_LEVEL: u8 = 4;

/// A numbering marker at the start of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    /// 1 `一、`, 2 `（一）`, 3 `1.`, 4 `（1）`.
    pub level: u8,
    /// The number's value (一 = 1, 十二 = 12).
    pub value: u32,
    /// Byte offset of the number within the line (after an opening bracket).
    pub number_start: usize,
    /// Byte offset just past the number.
    pub number_end: usize,
    /// Byte length of the whole marker, brackets and delimiter included.
    pub len: usize,
}

/// Recognises a numbering marker at the very start of `line` (leading
/// whitespace already removed). Returns `None` for anything that is not a
/// heading marker followed by heading text.
pub fn parse_marker(line: &str) -> Option<Marker> {
    let marker = parse_bracketed(line).or_else(|| parse_delimited(line))?;
    let rest = &line[marker.len..];
    if rest.trim().is_empty() || rest.trim_start().starts_with('。') {
        return None;
    }
    Some(marker)
}

/// `（一）` `(一)` `（1）` `(1)`, full- or half-width brackets in any mix.
fn parse_bracketed(line: &str) -> Option<Marker> {
    let open = line.chars().next()?;
    if open != '（' && open != '(' {
        return None;
    }
    let inner = &line[open.len_utf8()..];
    let (value, len, level) = if let Some((value, len)) = chinese_number(inner) {
        (value, len, 2)
    } else if let Some((value, len)) = arabic_number(inner) {
        (value, len, 4)
    } else {
        return None;
    };
    let close = inner[len..].chars().next()?;
    if close != '）' && close != ')' {
        return None;
    }
    let start = open.len_utf8();
    Some(Marker {
        level,
        value,
        number_start: start,
        number_end: start + len,
        len: start + len + close.len_utf8(),
    })
}

/// `一、` `一.` `一．` and `1.` `1．` `1、`.
fn parse_delimited(line: &str) -> Option<Marker> {
    if let Some((value, len)) = chinese_number(line) {
        let delimiter = line[len..].chars().next()?;
        if !matches!(delimiter, '、' | '.' | '．') {
            return None;
        }
        let rest = &line[len + delimiter.len_utf8()..];
        // "一、二、三级" or "一、二季度": an enumeration of numbers, not a heading.
        if let Some((_, next_len)) = chinese_number(rest)
            && rest[next_len..].starts_with(['、', '季', '月', '级', '至', '到'])
        {
            return None;
        }
        return Some(Marker {
            level: 1,
            value,
            number_start: 0,
            number_end: len,
            len: len + delimiter.len_utf8(),
        });
    }
    let (value, len) = arabic_number(line)?;
    let delimiter = line[len..].chars().next()?;
    if !matches!(delimiter, '.' | '．' | '、') {
        return None;
    }
    let rest = &line[len + delimiter.len_utf8()..];
    // "1.5亿元", "1、2月份", "3.15": a figure, not a heading.
    if rest.chars().next().is_some_and(is_digit) {
        return None;
    }
    Some(Marker {
        level: 3,
        value,
        number_start: 0,
        number_end: len,
        len: len + delimiter.len_utf8(),
    })
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// An Arabic number of one or two digits (ASCII or full-width), 1 to 99.
/// Longer runs (years like 2023) are not outline numbers.
fn arabic_number(s: &str) -> Option<(u32, usize)> {
    let mut value = 0;
    let mut len = 0;
    let mut count = 0;
    for c in s.chars() {
        let Some(d) = digit_value(c) else { break };
        value = value * 10 + d;
        len += c.len_utf8();
        count += 1;
        if count > 2 {
            return None;
        }
    }
    (count > 0 && value > 0).then_some((value, len))
}

fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// A Chinese numeral from 一 to 九十九 at the start of `s`: `一`, `十`, `十二`,
/// `二十`, `二十三`. Returns the value and its byte length.
pub fn chinese_number(s: &str) -> Option<(u32, usize)> {
    let mut chars = s.chars();
    let first = chars.next()?;
    let second = chars.next();
    let third = chars.next();
    let width = '一'.len_utf8();
    match (first, second, third) {
        ('十', Some(c), _) if chinese_digit(c).is_some() => {
            Some((10 + chinese_digit(c)?, 2 * width))
        }
        ('十', _, _) => Some((10, width)),
        (d, Some('十'), Some(c)) if chinese_digit(d).is_some() && chinese_digit(c).is_some() => {
            Some((chinese_digit(d)? * 10 + chinese_digit(c)?, 3 * width))
        }
        (d, Some('十'), _) if chinese_digit(d).is_some_and(|v| v > 1) => {
            Some((chinese_digit(d)? * 10, 2 * width))
        }
        (d, next, _) if next.and_then(chinese_digit).is_none() => Some((chinese_digit(d)?, width)),
        _ => None,
    }
}

/// A Markdown heading found by the Markdown reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownHeading {
    /// 0-based index of the heading's first line.
    pub first_line: usize,
    /// 0-based index of its last line (the underline of a setext heading).
    pub last_line: usize,
    /// `#` count (1–6); setext `===` is 1, `---` is 2.
    pub depth: u8,
    /// Byte range of the heading text, markers and surrounding spaces excluded.
    pub text: Range<usize>,
}

/// What the outline recogniser needs to know about a document.
#[derive(Debug, Clone, Copy)]
pub struct OutlineInput<'a> {
    /// The whole text.
    pub text: &'a str,
    /// Byte range of each line's content (terminator excluded), in order.
    pub lines: &'a [Range<usize>],
    /// Sorted, disjoint byte ranges that are not report text (code blocks,
    /// HTML, front matter): no heading is looked for there.
    pub masked: &'a [Range<usize>],
    /// Markdown headings, in order (empty for plain text).
    pub markdown_headings: &'a [MarkdownHeading],
    /// Whether the text is Markdown: emphasis markers around a numbered
    /// line (`**一、成效**`, as Word converters write headings) are then not
    /// part of it.
    pub markdown: bool,
}

/// The report's title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// The title text; a title wrapped over several lines is joined.
    pub text: String,
    /// From the first character of the title to its last.
    pub span: Range<usize>,
    /// 0-based index of the title's first line.
    pub line: usize,
}

/// Where a heading's level comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingSource {
    /// A Chinese outline number (`一、`, `（一）`, `1.`, `（1）`).
    Numbered,
    /// A Markdown heading without an outline number; its level follows its
    /// `#` depth relative to the shallowest Markdown heading.
    Markdown,
}

/// One section of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// 1 for `一、`, 2 for `（一）`, 3 for `1.`, 4 for `（1）`; unnumbered
    /// Markdown headings get the level their depth implies.
    pub level: u8,
    /// The outline number as written (`一`, `12`), if numbered.
    pub number: Option<String>,
    /// The number's value, if numbered.
    pub value: Option<u32>,
    /// The heading text: marker plus text up to the first `。` or line end.
    pub heading: String,
    /// Byte range of `heading` in the text.
    pub heading_span: Range<usize>,
    /// From the start of the heading's line to the start of the next section
    /// of the same or a higher level (or the end of the text).
    pub span: Range<usize>,
    /// 0-based index of the heading's line.
    pub line: usize,
    /// Index of the enclosing section in [`Outline::sections`].
    pub parent: Option<usize>,
    /// Indexes of the direct subsections.
    pub children: Vec<usize>,
    /// Whether the level comes from numbering or Markdown.
    pub source: HeadingSource,
}

/// The title and the sections of a report, sections in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// The title, when the first lines of the report look like one.
    pub title: Option<Title>,
    /// All sections in document order; the tree is given by `parent` and
    /// `children`.
    pub sections: Vec<Section>,
}

impl Outline {
    /// Ends every section that runs past `offset` (the start of the closing
    /// signature and date) at `offset`. A closing block that starts inside a
    /// heading (a date line underlined with the heading as one Markdown
    /// setext heading) is part of that heading, not a closing: nothing is
    /// cut. A section never ends before its heading does.
    pub fn end_sections_at(&mut self, offset: usize) {
        if self
            .sections
            .iter()
            .any(|s| s.heading_span.start <= offset && offset < s.heading_span.end)
        {
            return;
        }
        for section in &mut self.sections {
            if section.span.start < offset && section.span.end > offset {
                section.span.end = offset.max(section.heading_span.end);
            }
        }
    }

    /// Top-level sections (those without a parent), in order.
    pub fn roots(&self) -> impl Iterator<Item = (usize, &Section)> {
        self.sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.parent.is_none())
    }
}

/// Characters that, ending a line, mean the sentence goes on in the next line.
const CONTINUES: &[char] = &['，', ',', '、', '（', '(', '“', '‘', '《', '—', '－', '-'];

/// Maximum length in characters of a title line.
const TITLE_LINE_MAX: usize = 60;

#[derive(Debug, Clone)]
enum LineKind {
    /// Inside a masked region.
    Masked,
    /// Whitespace only.
    Blank,
    /// The first line of a Markdown heading (index into `markdown_headings`).
    MarkdownHeading(usize),
    /// A further line of a Markdown heading (setext underline).
    MarkdownHeadingTail,
    /// A line starting with a numbering marker; `start` is where the marker is.
    Numbered { start: usize, marker: Marker },
    /// Anything else; `start` is the first non-whitespace byte.
    Plain { start: usize },
}

/// Builds the outline of a document.
pub fn build(input: OutlineInput<'_>) -> Outline {
    let kinds = classify(input);
    let title = find_title(input, &kinds);
    let title_lines = title.as_ref().map_or(0..0, |t| {
        let last = input
            .lines
            .iter()
            .rposition(|l| l.start <= t.span.end)
            .unwrap_or(t.line);
        t.line..last + 1
    });
    let title_heading = title.as_ref().and_then(|t| match kinds.get(t.line) {
        Some(LineKind::MarkdownHeading(i)) => Some(*i),
        _ => None,
    });
    let min_depth = input
        .markdown_headings
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != title_heading)
        .map(|(_, h)| h.depth)
        .min()
        .unwrap_or(1);

    let mut heads: Vec<Head> = Vec::new();
    let mut counters = [None::<u32>; MAX_NUMBERED_LEVEL as usize + 1];
    // The last character of the previous non-blank line when that line ends
    // in prose (not a heading, the title or a blank line).
    let mut prose_end: Option<char> = None;

    for (index, kind) in kinds.iter().enumerate() {
        if title_lines.contains(&index) {
            prose_end = None;
            continue;
        }
        let line = &input.lines[index];
        match kind {
            LineKind::Masked | LineKind::MarkdownHeadingTail => {}
            LineKind::Blank => prose_end = None,
            LineKind::Plain { start } => {
                prose_end = input.text[*start..line.end].trim_end().chars().last();
            }
            LineKind::MarkdownHeading(h) => {
                let heading = &input.markdown_headings[*h];
                let text = &input.text[heading.text.clone()];
                let head = match parse_marker(text) {
                    Some(marker) => {
                        accept(&mut counters, marker.level, marker.value);
                        Head::numbered(input.text, index, heading.text.start, marker)
                            .with_heading_span(heading.text.clone(), input.text)
                    }
                    None => {
                        let level = heading.depth.saturating_sub(min_depth) + 1;
                        reset_below(&mut counters, level);
                        Head {
                            line: index,
                            level,
                            number: None,
                            value: None,
                            heading_span: heading.text.clone(),
                            source: HeadingSource::Markdown,
                        }
                    }
                };
                heads.push(head);
                prose_end = None;
            }
            LineKind::Numbered { start, marker } => {
                let mid_sentence = prose_end.is_some_and(|c| CONTINUES.contains(&c));
                let plausible = !mid_sentence && in_sequence(&kinds, index, *marker, &counters);
                if plausible {
                    accept(&mut counters, marker.level, marker.value);
                    let head = Head::numbered(input.text, index, *start, *marker).run_on(
                        input.text,
                        *start,
                        line.end,
                        input.markdown,
                    );
                    // A run-on heading's line ends in prose, which may go on
                    // in the next line like any other sentence.
                    prose_end = input.text[head.heading_span.end..line.end]
                        .trim_end()
                        .chars()
                        .last();
                    heads.push(head);
                } else {
                    prose_end = input.text[*start..line.end].trim_end().chars().last();
                }
            }
        }
    }

    Outline {
        title,
        sections: into_tree(input, heads),
    }
}

#[derive(Debug)]
struct Head {
    line: usize,
    level: u8,
    number: Option<String>,
    value: Option<u32>,
    heading_span: Range<usize>,
    source: HeadingSource,
}

impl Head {
    fn numbered(text: &str, line: usize, start: usize, marker: Marker) -> Self {
        let number = &text[start + marker.number_start..start + marker.number_end];
        Head {
            line,
            level: marker.level,
            number: Some(number.to_owned()),
            value: Some(marker.value),
            heading_span: start..start + marker.len,
            source: HeadingSource::Numbered,
        }
    }

    fn with_heading_span(mut self, span: Range<usize>, text: &str) -> Self {
        self.heading_span = trim_span(text, span);
        self
    }

    /// The heading of a numbered line runs up to the first `。` or line end
    /// (in Markdown, closing emphasis markers excluded, and a line that
    /// opens with bold ends its heading where the bold ends:
    /// `**（二）规范执法**：全面落实…`).
    fn run_on(mut self, text: &str, start: usize, line_end: usize, markdown: bool) -> Self {
        let mut end = text[start..line_end]
            .find('。')
            .map_or(line_end, |i| start + i);
        if markdown {
            let before = text[..start].trim_end_matches([' ', '\t']);
            for delimiter in ["**", "__"] {
                if before.ends_with(delimiter)
                    && let Some(close) = text[start..end].find(delimiter)
                {
                    end = start + close;
                }
            }
        }
        let mut span = trim_span(text, start..end);
        if markdown {
            let kept = text[span.clone()].trim_end_matches(['*', '_']).trim_end();
            span.end = span.start + kept.len();
        }
        self.heading_span = span;
        self
    }
}

fn trim_span(text: &str, span: Range<usize>) -> Range<usize> {
    let slice = &text[span.clone()];
    let start = span.start + (slice.len() - slice.trim_start().len());
    let end = span.start + slice.trim_end().len();
    start..end.max(start)
}

fn accept(counters: &mut [Option<u32>], level: u8, value: u32) {
    if let Some(slot) = counters.get_mut(level as usize) {
        *slot = Some(value);
    }
    reset_below(counters, level);
}

fn reset_below(counters: &mut [Option<u32>], level: u8) {
    for slot in counters.iter_mut().skip(level as usize + 1) {
        *slot = None;
    }
}

/// Whether `marker` continues the numbering of its level. A gap of one is
/// accepted when the skipped number does not appear later at the same level
/// before the next higher-level marker.
fn in_sequence(kinds: &[LineKind], index: usize, marker: Marker, counters: &[Option<u32>]) -> bool {
    let expected = counters
        .get(marker.level as usize)
        .copied()
        .flatten()
        .map_or(1, |last| last + 1);
    if marker.value == expected {
        return true;
    }
    if marker.value != expected + 1 {
        return false;
    }
    for kind in &kinds[index + 1..] {
        if let LineKind::Numbered { marker: later, .. } = kind {
            if later.level < marker.level {
                break;
            }
            if later.level == marker.level && later.value == expected {
                return false;
            }
        }
    }
    true
}

fn classify(input: OutlineInput<'_>) -> Vec<LineKind> {
    let mut kinds = Vec::with_capacity(input.lines.len());
    let mut headings = input.markdown_headings.iter().enumerate().peekable();
    let mut masked = input.masked.iter().peekable();
    let mut heading_tail_until = None;
    for (index, line) in input.lines.iter().enumerate() {
        while masked.peek().is_some_and(|m| m.end <= line.start) {
            masked.next();
        }
        if let Some((h, heading)) = headings.peek()
            && heading.first_line == index
        {
            kinds.push(LineKind::MarkdownHeading(*h));
            heading_tail_until = Some(heading.last_line);
            headings.next();
            continue;
        }
        if heading_tail_until.is_some_and(|last| index <= last) {
            kinds.push(LineKind::MarkdownHeadingTail);
            continue;
        }
        let content = &input.text[line.clone()];
        let mut trimmed = skip_bookmarks(content.trim_start());
        if input.markdown {
            trimmed = trimmed.trim_start_matches(['*', '_']).trim_start();
        }
        let start = line.start + (content.len() - trimmed.len());
        if masked
            .peek()
            .is_some_and(|m| m.start <= start && start < m.end)
        {
            kinds.push(LineKind::Masked);
        } else if trimmed.trim_end().is_empty() {
            kinds.push(LineKind::Blank);
        } else if let Some(marker) = parse_marker(trimmed) {
            kinds.push(LineKind::Numbered { start, marker });
        } else {
            kinds.push(LineKind::Plain { start });
        }
    }
    kinds
}

/// Words that make a line read as a report's title.
const TITLE_WORDS: [&str; 6] = ["报告", "总结", "情况", "報告", "總結", "情況"];
/// How many lines from the first non-empty one are searched for the title.
const TITLE_SEARCH_LINES: usize = 12;
/// Most lines a title is wrapped over.
const TITLE_MAX_LINES: usize = 3;

/// Skips Word bookmarks that conversion leaves at the start of a paragraph
/// (`[bookmark: _GoBack]（三）…`), so they do not hide a heading.
fn skip_bookmarks(mut line: &str) -> &str {
    while let Some(rest) = line.strip_prefix("[bookmark:") {
        match rest.find(']') {
            Some(end) => line = rest[end + 1..].trim_start(),
            None => break,
        }
    }
    line
}

/// The title: among the first lines before any heading, the first block of
/// consecutive title-like lines (short, no sentence punctuation, no `：`, not
/// numbered) whose text contains 报告, 总结 or 情况 — so a breadcrumb, a
/// publication-date line or an issuer line above the title is skipped —
/// else the first block if it starts the report. A title wrapped over two or
/// three lines is joined. A first Markdown heading without an outline number
/// is the title too.
fn find_title(input: OutlineInput<'_>, kinds: &[LineKind]) -> Option<Title> {
    let first = kinds
        .iter()
        .position(|k| !matches!(k, LineKind::Blank | LineKind::Masked))?;
    if let LineKind::MarkdownHeading(h) = &kinds[first] {
        let heading = &input.markdown_headings[*h];
        let text = &input.text[heading.text.clone()];
        if parse_marker(text).is_some() || text.trim().is_empty() {
            return None;
        }
        let span = trim_span(input.text, heading.text.clone());
        return Some(Title {
            text: input.text[span.clone()].to_owned(),
            span,
            line: first,
        });
    }
    let line_text =
        |index: usize, start: usize| input.text[start..input.lines[index].end].trim_end();
    // Blocks of consecutive title-like lines, as (first line, line count).
    let mut blocks: Vec<(usize, usize)> = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (index, kind) in kinds
        .iter()
        .enumerate()
        .skip(first)
        .take(TITLE_SEARCH_LINES)
    {
        match kind {
            LineKind::Plain { start }
                if title_like(line_text(index, *start))
                    && !site_header(line_text(index, *start)) =>
            {
                open = Some(match open {
                    Some((from, count)) => (from, count + 1),
                    None => (index, 1),
                });
            }
            LineKind::Numbered { .. } | LineKind::MarkdownHeading(_) => break,
            _ => blocks.extend(open.take()),
        }
    }
    blocks.extend(open);
    let joined = |&(from, count): &(usize, usize)| -> (String, Range<usize>) {
        let mut text = String::new();
        let mut span = 0..0;
        let block = kinds
            .iter()
            .enumerate()
            .skip(from)
            .take(count.min(TITLE_MAX_LINES));
        for (index, kind) in block {
            let LineKind::Plain { start } = *kind else {
                break;
            };
            let line = line_text(index, start);
            if index > from && TITLE_WORDS.iter().any(|w| text.ends_with(w)) {
                break;
            }
            if text.is_empty() {
                span.start = start;
            }
            text.push_str(line);
            span.end = start + line.len();
        }
        (text, span)
    };
    let chosen = blocks
        .iter()
        .map(|block| (block.0, joined(block)))
        .find(|(_, (text, _))| TITLE_WORDS.iter().any(|w| text.contains(w)))
        .or_else(|| {
            blocks
                .first()
                .filter(|block| block.0 == first)
                .map(|block| (block.0, joined(block)))
        });
    chosen.map(|(line, (text, span))| Title { text, span, line })
}

/// A site's name above an article (某县人民政府门户网站, 法治网): never part
/// of the title, though it is short and unpunctuated like one.
fn site_header(line: &str) -> bool {
    let line = line.trim();
    ["网站", "门户", "网", "客户端", "融媒体中心", "新闻中心"]
        .iter()
        .any(|w| line.ends_with(w))
}

fn title_like(line: &str) -> bool {
    let count = line.chars().count();
    (2..=TITLE_LINE_MAX).contains(&count)
        && !line.contains(['。', '，', '；', '：', ':', '>', '＞', '|', '｜'])
        && !line.ends_with('、')
}

fn into_tree(input: OutlineInput<'_>, heads: Vec<Head>) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::with_capacity(heads.len());
    // Open sections; a section ends where the next section of the same or a
    // higher level starts, which is when it is popped.
    let mut stack: Vec<usize> = Vec::new();
    for head in heads {
        let line_start = input.lines[head.line].start;
        while let Some(&open) = stack.last() {
            if sections[open].level < head.level {
                break;
            }
            sections[open].span.end = line_start;
            stack.pop();
        }
        let parent = stack.last().copied();
        let index = sections.len();
        if let Some(parent) = parent {
            sections[parent].children.push(index);
        }
        sections.push(Section {
            level: head.level,
            number: head.number,
            value: head.value,
            heading: input.text[head.heading_span.clone()].to_owned(),
            heading_span: head.heading_span,
            span: line_start..input.text.len(),
            line: head.line,
            parent,
            children: Vec::new(),
            source: head.source,
        });
        stack.push(index);
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        for line in text.split('\n') {
            let end = start + line.trim_end_matches('\r').len();
            out.push(start..end);
            start += line.len() + 1;
        }
        out
    }

    fn outline(text: &str) -> Outline {
        let lines = lines_of(text);
        build(OutlineInput {
            text,
            lines: &lines,
            masked: &[],
            markdown_headings: &[],
            markdown: false,
        })
    }

    fn headings(text: &str) -> Vec<(u8, String)> {
        outline(text)
            .sections
            .iter()
            .map(|s| (s.level, s.heading.clone()))
            .collect()
    }

    #[test]
    fn chinese_numbers_to_ninety_nine() {
        assert_eq!(chinese_number("一、"), Some((1, 3)));
        assert_eq!(chinese_number("十、"), Some((10, 3)));
        assert_eq!(chinese_number("十二、"), Some((12, 6)));
        assert_eq!(chinese_number("二十、"), Some((20, 6)));
        assert_eq!(chinese_number("二十三"), Some((23, 9)));
        assert_eq!(chinese_number("九十九"), Some((99, 9)));
        assert_eq!(chinese_number("一一"), None);
        assert_eq!(chinese_number("是"), None);
    }

    #[test]
    fn markers_of_the_four_levels() {
        let levels = |s: &str| parse_marker(s).map(|m| (m.level, m.value));
        assert_eq!(levels("一、总体情况"), Some((1, 1)));
        assert_eq!(levels("二十、其他"), Some((1, 20)));
        assert_eq!(levels("三.工作安排"), Some((1, 3)));
        assert_eq!(levels("（一）加强领导"), Some((2, 1)));
        assert_eq!(levels("(二)完善制度"), Some((2, 2)));
        assert_eq!(levels("（十五）其他"), Some((2, 15)));
        assert_eq!(levels("1.成立领导小组"), Some((3, 1)));
        assert_eq!(levels("12．加强培训"), Some((3, 12)));
        assert_eq!(levels("３、规范执法"), Some((3, 3)));
        assert_eq!(levels("20. 其他"), Some((3, 20)));
        assert_eq!(levels("（1）健全机制"), Some((4, 1)));
        assert_eq!(levels("(12)健全机制"), Some((4, 12)));
    }

    #[test]
    fn things_that_are_not_markers() {
        for line in [
            "一是全面落实《优化营商环境条例》",
            "1.5亿元专项资金已拨付",
            "3.15消费者权益日",
            "1、2月份完成清理",
            "2022.3月",
            "2023年3月",
            "一、二季度完成",
            "一、二、三级指标",
            "（一）",
            "1.",
            "一、。",
            "（2023）",
            "一般事项",
        ] {
            assert_eq!(parse_marker(line), None, "{line}");
        }
    }

    #[test]
    fn a_report_outline() {
        let text = "禾丰县人民政府关于2023年度法治政府建设情况的报告\n\
                    \n\
                    2023年，我县……。\n\
                    一、主要举措和成效\n\
                    （一）加强组织领导。成立了领导小组。\n\
                    1. 健全制度。制定了方案。\n\
                    2. 压实责任\n\
                    （二）推进依法决策\n\
                    二、存在的不足和原因\n\
                    一是学法不够深入。\n\
                    三、下一年度工作安排";
        let out = outline(text);
        assert_eq!(
            out.title.as_ref().map(|t| t.text.as_str()),
            Some("禾丰县人民政府关于2023年度法治政府建设情况的报告")
        );
        assert_eq!(
            headings(text),
            vec![
                (1, "一、主要举措和成效".to_owned()),
                (2, "（一）加强组织领导".to_owned()),
                (3, "1. 健全制度".to_owned()),
                (3, "2. 压实责任".to_owned()),
                (2, "（二）推进依法决策".to_owned()),
                (1, "二、存在的不足和原因".to_owned()),
                (1, "三、下一年度工作安排".to_owned()),
            ]
        );
        let roots: Vec<_> = out.roots().map(|(i, _)| i).collect();
        assert_eq!(roots, vec![0, 5, 6]);
        assert_eq!(out.sections[0].children, vec![1, 4]);
        assert_eq!(out.sections[1].children, vec![2, 3]);
        // Section spans nest and end where the next sibling starts.
        let second = &out.sections[5];
        assert_eq!(out.sections[0].span.end, second.span.start);
        assert!(text[second.span.clone()].starts_with("二、存在的不足和原因\n一是"));
        assert_eq!(out.sections[6].span.end, text.len());
    }

    #[test]
    fn indented_headings_with_ascii_and_full_width_spaces() {
        let text = "标题\n    一、总体情况\n\u{3000}\u{3000}（一）加强领导。正文。\n\t二、下步安排";
        assert_eq!(
            headings(text),
            vec![
                (1, "一、总体情况".to_owned()),
                (2, "（一）加强领导".to_owned()),
                (1, "二、下步安排".to_owned()),
            ]
        );
        let out = outline(text);
        // The heading span starts at the marker, not at the indentation.
        assert_eq!(
            &text[out.sections[1].heading_span.clone()],
            "（一）加强领导"
        );
    }

    #[test]
    fn numbered_line_continuing_a_sentence_is_not_a_heading() {
        let text =
            "一、成效\n全年共办理复议案件，\n2. 5件已结案。\n（二）完善制度。\n（一）加强领导";
        assert_eq!(
            headings(text),
            vec![(1, "一、成效".to_owned()), (2, "（一）加强领导".to_owned())]
        );
    }

    #[test]
    fn numbered_line_after_a_run_on_heading_ending_in_a_comma_is_prose() {
        let text =
            "一、成效\n（一）普法。开展两项活动：1.民法典轮训，\n2.合规讲座，共42场。\n（二）执法";
        assert_eq!(
            headings(text),
            vec![
                (1, "一、成效".to_owned()),
                (2, "（一）普法".to_owned()),
                (2, "（二）执法".to_owned()),
            ]
        );
    }

    #[test]
    fn decimal_figure_at_line_start_is_not_a_heading() {
        let text = "一、成效\n全年投入资金\n1.5亿元用于执法装备。\n1. 加强培训";
        assert_eq!(
            headings(text),
            vec![(1, "一、成效".to_owned()), (3, "1. 加强培训".to_owned())]
        );
    }

    #[test]
    fn restarted_list_inside_a_section_is_not_headings() {
        let text = "（一）制度建设\n1. 建章\n2. 立制\n其中：\n1. 修订办法\n2. 废止文件\n3. 完善流程\n（二）执法\n1. 培训";
        assert_eq!(
            headings(text),
            vec![
                (2, "（一）制度建设".to_owned()),
                (3, "1. 建章".to_owned()),
                (3, "2. 立制".to_owned()),
                (3, "3. 完善流程".to_owned()),
                (2, "（二）执法".to_owned()),
                (3, "1. 培训".to_owned()),
            ]
        );
    }

    #[test]
    fn out_of_sequence_number_is_not_a_heading() {
        let text = "一、成效\n三、四项工作均已完成\n二、不足\n三、安排";
        assert_eq!(
            headings(text),
            vec![
                (1, "一、成效".to_owned()),
                (1, "二、不足".to_owned()),
                (1, "三、安排".to_owned()),
            ]
        );
    }

    #[test]
    fn a_single_skipped_number_keeps_the_outline() {
        let text = "一、成效\n二、不足\n四、安排\n五、其他";
        let levels: Vec<_> = outline(text)
            .sections
            .iter()
            .map(|s| s.value.unwrap())
            .collect();
        assert_eq!(levels, vec![1, 2, 4, 5]);
        // But a jump of two is implausible.
        assert_eq!(headings("一、成效\n四、安排").len(), 1);
    }

    #[test]
    fn numbering_restarts_under_a_new_parent() {
        let text = "一、成效\n（一）甲\n（二）乙\n二、不足\n（一）丙";
        assert_eq!(headings(text).len(), 5);
    }

    #[test]
    fn word_bookmarks_do_not_hide_a_heading() {
        let text = "一、成效\n[bookmark: _GoBack]（一）加强领导。正文。\n（二）完善制度";
        let got = headings(text);
        assert_eq!(got[1], (2, "（一）加强领导".to_owned()));
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn yi_shi_paragraphs_are_not_headings() {
        let text = "一、成效\n一是加强领导。二是完善制度。\n二是重复";
        assert_eq!(headings(text), vec![(1, "一、成效".to_owned())]);
    }

    #[test]
    fn numbers_up_to_twenty() {
        let mut text = String::from("标题\n");
        let numerals = [
            "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三",
            "十四", "十五", "十六", "十七", "十八", "十九", "二十",
        ];
        for n in numerals {
            text.push_str(&format!("（{n}）事项\n"));
        }
        for n in 1..=20 {
            text.push_str(&format!("{n}. 条目\n"));
        }
        let out = outline(&text);
        assert_eq!(out.sections.iter().filter(|s| s.level == 2).count(), 20);
        assert_eq!(out.sections.iter().filter(|s| s.level == 3).count(), 20);
        assert_eq!(out.sections[19].value, Some(20));
    }

    #[test]
    fn title_over_two_lines_is_joined() {
        let text = "2023年度云岭市科学技术局法治政府\n建设工作报告\n\n正文。\n一、成效";
        let title = outline(text).title.unwrap();
        assert_eq!(title.text, "2023年度云岭市科学技术局法治政府建设工作报告");
        assert_eq!(title.span.start, 0);
        assert_eq!(&text[title.span.end - "报告".len()..title.span.end], "报告");
    }

    #[test]
    fn salutation_and_issuer_lines_are_not_part_of_the_title() {
        let out = outline(
            "云岭市科技局2022年度法治政府建设工作总结\n市委法治建设办：\n根据要求，现报告如下：\n一、成效",
        );
        assert_eq!(
            out.title.unwrap().text,
            "云岭市科技局2022年度法治政府建设工作总结"
        );
        let out = outline("关于2023年度法治政府建设情况的报告\n禾丰县司法局\n一、成效");
        assert_eq!(
            out.title.unwrap().text,
            "关于2023年度法治政府建设情况的报告"
        );
    }

    #[test]
    fn web_page_lines_above_the_title_are_skipped() {
        let text = "首页 > 政务公开 > 法治政府建设\n发布时间：2024-03-20  来源：县司法局\n\n禾丰县人民政府\n关于2023年度法治政府建设情况的报告\n\n一、成效";
        let title = outline(text).title.unwrap();
        assert_eq!(
            title.text,
            "禾丰县人民政府关于2023年度法治政府建设情况的报告"
        );
        assert_eq!(title.line, 3);
    }

    #[test]
    fn a_first_line_without_title_words_is_still_the_title() {
        let out = outline("2023年度法治工作回顾\n\n2023年，我局……。\n一、成效");
        assert_eq!(out.title.unwrap().text, "2023年度法治工作回顾");
        // But not a short line further down.
        let out = outline("2023年，我局认真落实。\n工作回顾\n一、成效");
        assert_eq!(out.title, None);
    }

    #[test]
    fn no_title_when_the_report_starts_with_prose_or_a_heading() {
        assert_eq!(outline("2023年，我局认真贯彻落实。\n一、成效").title, None);
        assert_eq!(outline("一、成效\n正文").title, None);
    }

    #[test]
    fn markdown_headings_compose_with_numbering() {
        let text = "# 禾丰县报告\n## 一、成效\n### 工作亮点\n（一）加强领导\n## 二、不足";
        let lines = lines_of(text);
        let heading = |line: usize, depth: u8| {
            let range = lines[line].clone();
            let hashes = text[range.clone()].find(' ').unwrap() + 1;
            MarkdownHeading {
                first_line: line,
                last_line: line,
                depth,
                text: range.start + hashes..range.end,
            }
        };
        let md = [heading(0, 1), heading(1, 2), heading(2, 3), heading(4, 2)];
        let out = build(OutlineInput {
            text,
            lines: &lines,
            masked: &[],
            markdown_headings: &md,
            markdown: true,
        });
        assert_eq!(out.title.unwrap().text, "禾丰县报告");
        let got: Vec<_> = out
            .sections
            .iter()
            .map(|s| (s.level, s.heading.as_str(), s.source))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, "一、成效", HeadingSource::Numbered),
                (2, "工作亮点", HeadingSource::Markdown),
                (2, "（一）加强领导", HeadingSource::Numbered),
                (1, "二、不足", HeadingSource::Numbered),
            ]
        );
    }

    #[test]
    fn bold_numbered_lines_in_markdown_are_headings() {
        let text = "标题\n\n**一、主要举措和成效**\n\n**（一）加强组织领导。**成立了领导小组。\n\n**（二）规范执法**：全面落实制度。\n";
        let lines = lines_of(text);
        let input = OutlineInput {
            text,
            lines: &lines,
            masked: &[],
            markdown_headings: &[],
            markdown: true,
        };
        let got: Vec<_> = build(input)
            .sections
            .iter()
            .map(|s| (s.level, s.heading.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, "一、主要举措和成效".to_owned()),
                (2, "（一）加强组织领导".to_owned()),
                (2, "（二）规范执法".to_owned())
            ]
        );
        // In plain text, asterisks are text.
        assert!(
            build(OutlineInput {
                markdown: false,
                ..input
            })
            .sections
            .is_empty()
        );
    }

    #[test]
    fn masked_lines_are_not_headings() {
        let text = "标题\n一、成效\n```\n二、代码里的行\n```\n二、不足";
        let lines = lines_of(text);
        let start = text.find("```").unwrap();
        let end = text.rfind("```").unwrap() + 3;
        let out = build(OutlineInput {
            text,
            lines: &lines,
            masked: &[start..end],
            markdown_headings: &[],
            markdown: true,
        });
        let got: Vec<_> = out.sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(got, vec!["一、成效", "二、不足"]);
    }

    #[test]
    fn crlf_lines() {
        let text = "标题\r\n一、成效\r\n（一）领导。正文\r\n二、不足\r\n";
        let out = outline(text);
        assert_eq!(out.sections.len(), 3);
        assert_eq!(&text[out.sections[2].heading_span.clone()], "二、不足");
        assert_eq!(out.sections[1].heading, "（一）领导");
    }
}
