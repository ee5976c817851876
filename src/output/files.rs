//! codespan-reporting's view of a [`SourceFile`] for one diagnostic.
//!
//! Reports often hold a whole paragraph on one line, hundreds of characters
//! long; printed whole, the underline under a span is lost in the terminal's
//! wrapping. An [`Excerpt`] therefore crops every long line to a window around
//! the labels on it (marking the cut with `…`) and maps the labels into the
//! cropped text. Line numbers and columns shown in the diagnostic are still
//! those of the original file, from fzlint's own line index (CRLF terminators
//! excluded from lines, the byte-order mark not counted in columns).
//!
//! An excerpt holds only the lines its spans are on (and a line between two
//! of them, which codespan shows), so writing a report's findings costs what
//! they show, not the size of the file for each of them: 20,000 findings in
//! a 20,000-line file are written in well under a second.

use std::ops::Range;

use codespan_reporting::files::{Error, Files};
use unicode_width::UnicodeWidthChar;

use fzlint_core::text::source::SourceFile;

/// Lines wider than this (in terminal columns) are cropped.
const MAX_WIDTH: usize = 100;
/// Columns of context kept on each side of the labels of a cropped line.
const CONTEXT: usize = 24;
/// A cropped line is widened to about this many columns when it can be.
const TARGET_WIDTH: usize = 80;
const ELLIPSIS: &str = "…";

/// A character's width in terminal columns (East Asian wide characters
/// count two).
pub(crate) fn width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Whether `text` is wider than `max` columns (looking at no more of it
/// than that: a line may be megabytes long).
fn wider_than(text: &str, max: usize) -> bool {
    let mut used = 0;
    text.chars().any(|c| {
        used += width(c);
        used > max
    })
}

/// A piece of an original line shown in the excerpt.
#[derive(Debug, Clone)]
struct Piece {
    /// The original text shown.
    original: Range<usize>,
    /// Where it starts in the excerpt's text.
    shown_at: usize,
}

/// One line of the excerpt: one piece, or several separated by `…` when the
/// labels on a long line are far apart; or a blank line standing for lines
/// left out (so codespan marks the gap with `·`).
#[derive(Debug, Clone)]
struct Line {
    /// Start of the next line in the excerpt's text.
    next: usize,
    pieces: Vec<Piece>,
    /// The line's 0-based index in the file (for a blank stand-in, the
    /// index of the line before it).
    original: usize,
}

/// A file as shown in one diagnostic.
pub(crate) struct Excerpt<'a> {
    source: &'a SourceFile,
    text: String,
    lines: Vec<Line>,
}

impl<'a> Excerpt<'a> {
    /// Builds the view in which `spans` are shown.
    pub fn new(source: &'a SourceFile, spans: &[Range<usize>]) -> Excerpt<'a> {
        // The lines shown: every line of every span (a heading's span may
        // cover several), and a single line between two of them (codespan
        // prints it rather than a gap). With no span, the first line.
        let mut shown: Vec<usize> = Vec::new();
        for span in spans {
            shown.extend(source.line_index(span.start)..=source.line_index(span.end));
        }
        if shown.is_empty() {
            shown.push(0);
        }
        shown.sort_unstable();
        shown.dedup();
        let mut with_gaps: Vec<usize> = Vec::with_capacity(shown.len());
        for line in shown {
            if let Some(&last) = with_gaps.last()
                && line == last + 2
            {
                with_gaps.push(last + 1);
            }
            with_gaps.push(line);
        }
        let original = source.text();
        let mut text = String::new();
        let mut lines: Vec<Line> = Vec::with_capacity(with_gaps.len() + 2);
        for (i, &index) in with_gaps.iter().enumerate() {
            // Two blank stand-ins for the lines left out before this one, so
            // codespan marks the gap (`·`) as it would with the whole file.
            if i > 0 && index > with_gaps[i - 1] + 1 {
                for _ in 0..2 {
                    text.push('\n');
                    lines.push(Line {
                        next: text.len(),
                        pieces: Vec::new(),
                        original: with_gaps[i - 1],
                    });
                }
            }
            let range = source.line_range(index);
            // The parts of the labels on this line.
            let mut at: Vec<Range<usize>> = spans
                .iter()
                .filter(|s| s.start <= range.end && s.end >= range.start)
                .map(|s| s.start.max(range.start)..s.end.min(range.end))
                .collect();
            let windows = if !wider_than(&original[range.clone()], MAX_WIDTH) {
                vec![range.clone()]
            } else {
                at.sort_unstable_by_key(|r| (r.start, r.end));
                windows(original, range.clone(), &at)
            };
            let mut pieces = Vec::with_capacity(windows.len());
            let mut previous_end = range.start;
            for window in windows {
                if window.start > previous_end || (window.start > range.start && pieces.is_empty())
                {
                    text.push_str(ELLIPSIS);
                }
                pieces.push(Piece {
                    original: window.clone(),
                    shown_at: text.len(),
                });
                text.push_str(&original[window.clone()]);
                previous_end = window.end;
            }
            if previous_end < range.end {
                text.push_str(ELLIPSIS);
            }
            text.push('\n');
            lines.push(Line {
                next: text.len(),
                pieces,
                original: index,
            });
        }
        Excerpt {
            source,
            text,
            lines,
        }
    }

    /// Maps an original offset into the excerpt (an offset that is not
    /// shown maps to the nearest shown one).
    pub fn map(&self, offset: usize) -> usize {
        let original = self.source.line_index(offset);
        // The first line at or after it: the real line (a blank stand-in
        // carries the index of the real line before it, and follows it).
        let index = self
            .lines
            .partition_point(|l| l.original < original)
            .min(self.lines.len().saturating_sub(1));
        let line = &self.lines[index];
        if line.pieces.is_empty() {
            return line.next.saturating_sub(1);
        }
        let i = line
            .pieces
            .partition_point(|p| p.original.start <= offset)
            .saturating_sub(1);
        let piece = &line.pieces[i];
        piece.shown_at + offset.clamp(piece.original.start, piece.original.end)
            - piece.original.start
    }

    /// Maps a span into the excerpt.
    pub fn map_span(&self, span: &Range<usize>) -> Range<usize> {
        self.map(span.start)..self.map(span.end)
    }

    /// Maps an excerpt offset back to the original file.
    fn unmap(&self, offset: usize) -> usize {
        let line = &self.lines[self.index(offset)];
        if line.pieces.is_empty() {
            return self.source.line_range(line.original).end;
        }
        let i = line
            .pieces
            .partition_point(|p| p.shown_at <= offset)
            .saturating_sub(1);
        let piece = &line.pieces[i];
        (piece.original.start + offset.saturating_sub(piece.shown_at)).min(piece.original.end)
    }

    fn index(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|l| l.next <= offset)
            .min(self.lines.len().saturating_sub(1))
    }
}

/// The parts of a long line to show: each label whole (a `…` never falls
/// inside underlined text), with [`CONTEXT`] columns around it (labels
/// whose windows would overlap share one); a single window is widened
/// towards [`TARGET_WIDTH`] columns. All on character boundaries. `labels`
/// are sorted and lie within the line.
fn windows(text: &str, line: Range<usize>, labels: &[Range<usize>]) -> Vec<Range<usize>> {
    if labels.is_empty() {
        return vec![grow(text, &line, line.start..line.start, 0, TARGET_WIDTH)];
    }
    let mut windows: Vec<Range<usize>> = Vec::new();
    for label in labels {
        let label = label.start.clamp(line.start, line.end)..label.end.clamp(line.start, line.end);
        let window = grow(text, &line, label, CONTEXT, 0);
        match windows.last_mut() {
            Some(last) if window.start <= last.end => last.end = last.end.max(window.end),
            _ => windows.push(window),
        }
    }
    if let [only] = windows.as_mut_slice() {
        *only = grow(text, &line, only.clone(), 0, TARGET_WIDTH);
    }
    windows
}

/// Extends `window` within `line` by `context` columns on each side, then
/// further on both sides while it is narrower than `target` columns.
fn grow(
    text: &str,
    line: &Range<usize>,
    window: Range<usize>,
    context: usize,
    target: usize,
) -> Range<usize> {
    let (mut start, mut end) = (window.start, window.end);
    let mut used = text[start..end].chars().map(width).sum::<usize>();
    let mut left = text[line.start..start].chars().rev();
    let mut right = text[end..line.end].chars();
    let (mut left_context, mut right_context) = (0, 0);
    loop {
        let mut grew = false;
        if (left_context < context || used < target)
            && let Some(c) = left.next()
        {
            start -= c.len_utf8();
            left_context += width(c);
            used += width(c);
            grew = true;
        }
        if (right_context < context || used < target)
            && let Some(c) = right.next()
        {
            end += c.len_utf8();
            right_context += width(c);
            used += width(c);
            grew = true;
        }
        if !grew {
            break;
        }
    }
    start..end
}

impl<'a> Files<'a> for Excerpt<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(self.source.name())
    }

    fn source(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, Error> {
        Ok(self.index(byte_index))
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        self.lines
            .get(line_index)
            .map(|l| {
                let start = if line_index == 0 {
                    0
                } else {
                    self.lines[line_index - 1].next
                };
                start..l.next
            })
            .ok_or(Error::LineTooLarge {
                given: line_index,
                max: self.lines.len().saturating_sub(1),
            })
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, Error> {
        Ok(self
            .lines
            .get(line_index)
            .map_or(line_index, |l| l.original)
            + 1)
    }

    fn column_number(
        &'a self,
        (): (),
        _line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        Ok(self.source.position(self.unmap(byte_index)).column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_shown_whole_and_keep_their_numbers() {
        let source = SourceFile::new("t", "\u{feff}标题\r\n第二行正文\r\n");
        let offset = source.text().find("正文").unwrap();
        let excerpt = Excerpt::new(&source, &[offset..offset + "正文".len()]);
        assert_eq!(excerpt.text, "第二行正文\n");
        let mapped = excerpt.map(offset);
        assert_eq!(&excerpt.text[mapped..mapped + "正文".len()], "正文");
        assert_eq!(excerpt.column_number((), 0, mapped).unwrap(), 4);
        assert_eq!(excerpt.line_number((), 0).unwrap(), 2);
    }

    #[test]
    fn only_the_lines_of_the_spans_are_in_the_excerpt() {
        let text: String = (1..=20_000).map(|i| format!("第{i}行\n")).collect();
        let source = SourceFile::new("t", text.as_str());
        let at = |line: &str| {
            let start = text.find(line).unwrap();
            start..start + line.len()
        };
        // Lines 3 and 5: line 4 between them is shown too; line 9000 after a
        // gap, marked by two blank stand-ins (codespan prints `·`).
        let spans = [at("第3行"), at("第5行"), at("第9000行")];
        let excerpt = Excerpt::new(&source, &spans);
        assert_eq!(excerpt.text, "第3行\n第4行\n第5行\n\n\n第9000行\n");
        let numbers: Vec<usize> = (0..6)
            .map(|i| excerpt.line_number((), i).unwrap())
            .collect();
        assert_eq!(numbers[..3], [3, 4, 5]);
        assert_eq!(numbers[5], 9000);
        let mapped = excerpt.map_span(&spans[2]);
        assert_eq!(&excerpt.text[mapped.clone()], "第9000行");
        // The line before the gap maps to itself, not to a stand-in.
        assert_eq!(&excerpt.text[excerpt.map_span(&spans[1])], "第5行");
        assert_eq!(excerpt.line_index((), mapped.start).unwrap(), 5);
        assert_eq!(excerpt.column_number((), 5, mapped.start).unwrap(), 1);
    }

    #[test]
    fn long_lines_are_cropped_around_the_label() {
        let long = format!("{}目标词{}", "甲".repeat(200), "乙".repeat(200));
        let text = format!("标题\n{long}\n");
        let source = SourceFile::new("t", text.as_str());
        let start = text.find("目标词").unwrap();
        let span = start..start + "目标词".len();
        let excerpt = Excerpt::new(&source, std::slice::from_ref(&span));
        let line = excerpt.text.lines().next().unwrap();
        assert!(line.starts_with('…') && line.ends_with('…'), "{line}");
        let shown: usize = line.chars().map(width).sum();
        assert!(
            (TARGET_WIDTH..=TARGET_WIDTH + 6).contains(&shown),
            "{shown}: {line}"
        );
        let mapped = excerpt.map_span(&span);
        assert_eq!(&excerpt.text[mapped.clone()], "目标词");
        // Line and column are still those of the original file.
        assert_eq!(excerpt.line_number((), 0).unwrap(), 2);
        assert_eq!(excerpt.column_number((), 0, mapped.start).unwrap(), 201);
        assert_eq!(excerpt.unmap(mapped.end), span.end);
    }

    #[test]
    fn labels_far_apart_on_one_line_get_a_window_each() {
        let text = format!("甲{}乙{}\n", "丙".repeat(300), "丁".repeat(100));
        let source = SourceFile::new("t", text.as_str());
        let first = 0.."甲".len();
        let last_start = text.find('乙').unwrap();
        let last = last_start..last_start + "乙".len();
        let excerpt = Excerpt::new(&source, &[first.clone(), last.clone()]);
        assert_eq!(&excerpt.text[excerpt.map_span(&first)], "甲");
        assert_eq!(&excerpt.text[excerpt.map_span(&last)], "乙");
        let line = excerpt.text.lines().next().unwrap();
        assert!(line.starts_with('甲') && line.ends_with('…'), "{line}");
        assert_eq!(line.matches('…').count(), 2, "{line}");
        assert!(
            line.chars().map(width).sum::<usize>() < 2 * (2 * CONTEXT + 2) + 4,
            "{line}"
        );
        let mapped = excerpt.map(last_start);
        assert_eq!(excerpt.column_number((), 0, mapped).unwrap(), 302);
    }

    #[test]
    fn a_long_label_is_shown_whole_and_the_cut_falls_outside_it() {
        // A span of 120 characters in a line of 600: its start and end are
        // more than two contexts apart, and a `…` fell between them.
        let label = "乙".repeat(120);
        let text = format!("{}{label}{}\n", "甲".repeat(240), "丙".repeat(240));
        let source = SourceFile::new("t", text.as_str());
        let start = text.find('乙').unwrap();
        let span = start..start + label.len();
        let excerpt = Excerpt::new(&source, std::slice::from_ref(&span));
        let mapped = excerpt.map_span(&span);
        assert_eq!(&excerpt.text[mapped.clone()], label);
        let line = excerpt.text.lines().next().unwrap();
        assert!(line.starts_with('…') && line.ends_with('…'), "{line}");
        assert_eq!(line.matches('…').count(), 2, "{line}");
        assert_eq!(excerpt.unmap(mapped.end), span.end);
    }
}
