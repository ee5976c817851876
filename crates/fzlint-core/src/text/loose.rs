//! Loose matching of literal patterns.
//!
//! Reports write the same term in many ways: `三项制度`, `“三项”制度`,
//! `三项 制度`, `谁执法、谁普法`, full-width `ＧＤＰ`. A literal pattern is
//! therefore matched on a *normalised* copy of the text, in which whitespace,
//! quotation marks and the enumeration comma `、` are dropped and full-width
//! ASCII forms are folded to half-width. The pattern is normalised the same
//! way. [`LooseText`] keeps, for every byte of the normalised copy, the source
//! range of the character it came from, so a match maps back to an exact span
//! of the file.
//!
//! The normalised copy is built from *segments* of the source (paragraphs,
//! heading lines); a separator that no pattern contains is put between
//! segments, so a loose match never joins a heading to the next line, two
//! paragraphs, or text on both sides of a masked code block.

use std::ops::Range;

/// Separator between segments; normalised patterns never contain it.
const SEPARATOR: char = '\n';

/// How a character is treated by loose matching: `None` when it is skipped,
/// otherwise its folded form.
pub fn fold(c: char) -> Option<char> {
    match c {
        // Quotation marks of all widths, the enumeration comma, and
        // invisible characters that Word and web pages leave behind.
        '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』' | '"' | '\'' | '＂' | '＇' | '、'
        | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => None,
        c if c.is_whitespace() => None,
        // Full-width ASCII variants fold to ASCII.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21),
        // Half-width ideographic full stop.
        '\u{FF61}' => Some('。'),
        c => Some(c),
    }
}

/// Whether a character starting with this byte may be skipped or folded by
/// [`fold`]: ASCII whitespace and quotes, and the first bytes of U+0080–U+00FF
/// (C2), U+1680 (E1), U+2000–U+2FFF (E2), U+3000–U+3FFF (E3) and
/// U+F000–U+FFFF (EF). Every other character folds to itself.
fn may_fold(lead: u8) -> bool {
    matches!(
        lead,
        b'\t'..=b'\r' | b' ' | b'"' | b'\'' | 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF
    )
}

/// Normalises a literal pattern. The result is empty when the pattern has
/// nothing but skipped characters.
pub fn normalize(pattern: &str) -> String {
    pattern.chars().filter_map(fold).collect()
}

/// A normalised copy of a document's text with a map back to source offsets.
#[derive(Debug, Clone, Default)]
pub struct LooseText {
    text: String,
    /// For each byte of `text`: start of the source character it came from
    /// (its end follows from the source text).
    source_start: Vec<u32>,
}

impl LooseText {
    /// Normalises the given segments of `source`, in order, leaving out the
    /// characters in `skip` (markup such as emphasis delimiters). Segments
    /// and `skip` must be sorted, disjoint, and on character boundaries.
    pub fn build(source: &str, segments: &[Range<usize>], skip: &[Range<usize>]) -> Self {
        let capacity: usize = segments.iter().map(|s| s.len() + 1).sum();
        let mut loose = LooseText {
            text: String::with_capacity(capacity),
            source_start: Vec::with_capacity(capacity),
        };
        for segment in segments {
            if !loose.text.is_empty() {
                loose.push(SEPARATOR, segment.start);
            }
            // The stretches of the segment between skipped ranges.
            let mut at = segment.start;
            for r in &skip[skip.partition_point(|r| r.end <= segment.start)..] {
                if r.start >= segment.end {
                    break;
                }
                if r.start > at {
                    loose.push_folded(source, at..r.start);
                }
                at = at.max(r.end);
            }
            if at < segment.end {
                loose.push_folded(source, at..segment.end);
            }
        }
        loose
    }

    /// Normalises `source[range]` onto the end of the copy. Most characters
    /// of a report (CJK ideographs, ASCII letters and digits) are their own
    /// folded form: they are copied in runs, and only characters whose first
    /// byte can begin a skipped or folded character go through [`fold`].
    fn push_folded(&mut self, source: &str, range: Range<usize>) {
        let bytes = source.as_bytes();
        let mut run = range.start;
        let mut i = range.start;
        while i < range.end {
            let lead = bytes[i];
            let width = match lead {
                0x00..=0x7F => 1,
                0x80..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            if !may_fold(lead) {
                i += width;
                continue;
            }
            self.push_verbatim(source, run..i);
            if let Some(c) = source[i..].chars().next()
                && let Some(folded) = fold(c)
            {
                self.push(folded, i);
            }
            i += width;
            run = i;
        }
        self.push_verbatim(source, run..range.end);
    }

    /// Copies `source[range]` (whole characters that fold to themselves).
    fn push_verbatim(&mut self, source: &str, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        self.text.push_str(&source[range.clone()]);
        // Offsets fit in u32: fzlint does not read files of 4 GiB or more.
        let base = range.start;
        let mut start = base as u32;
        self.source_start
            .extend(
                source.as_bytes()[range]
                    .iter()
                    .enumerate()
                    .map(|(offset, &byte)| {
                        if byte & 0xC0 != 0x80 {
                            start = (base + offset) as u32;
                        }
                        start
                    }),
            );
    }

    fn push(&mut self, c: char, source_start: usize) {
        self.text.push(c);
        let start = source_start as u32;
        for _ in 0..c.len_utf8() {
            self.source_start.push(start);
        }
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Maps a non-empty range of the normalised text to the span of `source`
    /// (the text it was built from) from the first matched character to the
    /// end of the last.
    pub fn source_span(&self, source: &str, range: Range<usize>) -> Range<usize> {
        let start = self.source_start[range.start] as usize;
        let last = self.source_start[range.end.saturating_sub(1).max(range.start)] as usize;
        let end = last + source[last..].chars().next().map_or(0, char::len_utf8);
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasick;

    fn find(source: &str, segments: &[Range<usize>], pattern: &str) -> Option<Range<usize>> {
        let loose = LooseText::build(source, segments, &[]);
        let ac = AhoCorasick::new([normalize(pattern)]).unwrap();
        ac.find(loose.as_str())
            .map(|m| loose.source_span(source, m.start()..m.end()))
    }

    fn whole(source: &str) -> Vec<Range<usize>> {
        vec![0..source.len()]
    }

    /// The copy `build` makes, character by character through [`fold`].
    fn reference(source: &str, segments: &[Range<usize>], skip: &[Range<usize>]) -> LooseText {
        let mut loose = LooseText::default();
        for segment in segments {
            if !loose.text.is_empty() {
                loose.push(SEPARATOR, segment.start);
            }
            for (offset, c) in source[segment.clone()].char_indices() {
                let at = segment.start + offset;
                if skip.iter().any(|r| r.contains(&at)) {
                    continue;
                }
                if let Some(folded) = fold(c) {
                    loose.push(folded, at);
                }
            }
        }
        loose
    }

    #[test]
    fn the_fast_copy_is_the_character_by_character_copy() {
        // Every character `may_fold` singles out, its neighbours in the same
        // blocks, and ordinary text around them.
        let mut special: Vec<char> = (0u32..0x3100)
            .chain(0xFE00..0x10000)
            .filter_map(char::from_u32)
            .filter(|c| fold(*c) != Some(*c))
            .collect();
        special.extend([
            '\u{2EFF}',
            '\u{2F00}',
            '\u{3040}',
            '\u{E000}',
            '\u{10000}',
            '\u{1F600}',
        ]);
        special.extend("三项制度ＧＤＰ（预计）abc 12".chars());
        let text: String = special.iter().collect();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let lead = c.encode_utf8(&mut buf).as_bytes()[0];
            assert!(fold(c) == Some(c) || may_fold(lead), "{c:?}");
        }
        assert_eq!(text.len(), text.chars().map(char::len_utf8).sum::<usize>());
        for (seed, chunk) in [(0usize, 7usize), (1, 13), (2, 64)] {
            // Segments and skipped ranges on character boundaries.
            let bounds: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            let mut segments = Vec::new();
            let mut skip = Vec::new();
            let mut k = seed;
            while k + chunk < bounds.len() {
                segments.push(bounds[k]..bounds[k + chunk]);
                if k % 3 == 0 {
                    skip.push(bounds[k + 1]..bounds[k + 3]);
                }
                k += chunk + 1;
            }
            let fast = LooseText::build(&text, &segments, &skip);
            let slow = reference(&text, &segments, &skip);
            assert_eq!(fast.text, slow.text);
            assert_eq!(fast.source_start, slow.source_start);
        }
        let whole = whole(&text);
        let fast = LooseText::build(&text, &whole, &[]);
        let slow = reference(&text, &whole, &[]);
        assert_eq!(
            (fast.text, fast.source_start),
            (slow.text, slow.source_start)
        );
    }

    #[test]
    fn quotes_whitespace_and_enumeration_commas_are_skipped() {
        let source = "全面推行行政执法“三项”制度，落实“谁执法、谁普法”责任制";
        let span = find(source, &whole(source), "三项制度").unwrap();
        assert_eq!(&source[span], "三项”制度");
        let span = find(source, &whole(source), "谁执法谁普法").unwrap();
        assert_eq!(&source[span], "谁执法、谁普法");
        let source = "三项\u{3000}制度";
        assert_eq!(
            &source[find(source, &whole(source), "三项制度").unwrap()],
            source
        );
    }

    #[test]
    fn full_width_forms_fold_to_half_width() {
        let source = "ＧＤＰ增长（预计）";
        let span = find(source, &whole(source), "GDP").unwrap();
        assert_eq!(&source[span], "ＧＤＰ");
        let span = find(source, &whole(source), "(预计)").unwrap();
        assert_eq!(&source[span], "（预计）");
    }

    #[test]
    fn a_pattern_is_normalised_like_the_text() {
        assert_eq!(normalize("“三项”制度"), "三项制度");
        assert_eq!(normalize(" 、“”"), "");
        let source = "落实三项制度";
        assert!(find(source, &whole(source), "“三项” 制度").is_some());
    }

    #[test]
    fn matches_cross_line_breaks_within_a_segment() {
        let source = "推行行政执法公示\r\n制度";
        let span = find(source, &whole(source), "执法公示制度").unwrap();
        assert_eq!(&source[span], "执法公示\r\n制度");
    }

    #[test]
    fn matches_never_cross_segments() {
        let source = "一、执法公示\n制度建设";
        let heading = 0.."一、执法公示".len();
        let body = heading.end + 1..source.len();
        assert_eq!(find(source, &[heading, body], "执法公示制度"), None);
    }

    #[test]
    fn skipped_markup_is_invisible() {
        let source = "推行“三项”**制度**。";
        let open = source.find("**").unwrap();
        let close = source.rfind("**").unwrap();
        let loose = LooseText::build(
            source,
            &[0..source.len()],
            &[open..open + 2, close..close + 2],
        );
        assert_eq!(loose.as_str(), "推行三项制度。");
        let start = loose.as_str().find("三项制度").unwrap();
        let span = loose.source_span(source, start..start + "三项制度".len());
        assert_eq!(&source[span], "三项”**制度");
    }

    #[test]
    fn spans_are_exact_with_a_bom() {
        let source = "\u{feff}“谁执法谁普法”";
        let span = find(source, &[3..source.len()], "谁执法谁普法").unwrap();
        assert_eq!(span.start, 3 + "“".len());
        assert_eq!(&source[span], "谁执法谁普法");
    }
}
