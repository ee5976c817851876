//! codespan-reporting's view of a [`SourceFile`] for one diagnostic.
//!
//! Reports often hold a whole paragraph on one line, hundreds of characters
//! long; printed whole, the underline under a span is lost in the terminal's
//! wrapping. An [`Excerpt`] therefore crops every long line to a window around
//! the labels on it (marking the cut with `…`) and maps the labels into the
//! cropped text. Line numbers and columns shown in the diagnostic are still
//! those of the original file, from fzlint's own line index (CRLF terminators
//! excluded from lines, the byte-order mark not counted in columns).

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

fn width(c: char) -> usize {
    c.width().unwrap_or(0)
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
/// labels on a long line are far apart.
#[derive(Debug, Clone)]
struct Line {
    /// Start of the next line in the excerpt's text.
    next: usize,
    pieces: Vec<Piece>,
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
        let mut points: Vec<Vec<usize>> = vec![Vec::new(); source.line_count()];
        for span in spans {
            for offset in [span.start, span.end] {
                points[source.line_index(offset)].push(offset);
            }
        }
        let original = source.text();
        let mut text = String::with_capacity(original.len().min(1 << 16));
        let mut lines = Vec::with_capacity(source.line_count());
        for (index, at) in points.iter_mut().enumerate() {
            let range = source.line_range(index);
            let windows = if original[range.clone()].chars().map(width).sum::<usize>() <= MAX_WIDTH
            {
                vec![range.clone()]
            } else {
                at.sort_unstable();
                windows(original, range.clone(), at)
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
        let line = &self.lines[self.source.line_index(offset)];
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

/// The parts of a long line to show: each cluster of label points with
/// [`CONTEXT`] columns around it (clusters whose windows would overlap are
/// merged); a single window is widened towards [`TARGET_WIDTH`] columns. All
/// on character boundaries. `points` are sorted.
fn windows(text: &str, line: Range<usize>, points: &[usize]) -> Vec<Range<usize>> {
    if points.is_empty() {
        return vec![grow(text, &line, line.start..line.start, 0, TARGET_WIDTH)];
    }
    let mut windows: Vec<Range<usize>> = Vec::new();
    for &point in points {
        let point = point.clamp(line.start, line.end);
        let window = grow(text, &line, point..point, CONTEXT, 0);
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
    fn short_lines_are_shown_whole() {
        let source = SourceFile::new("t", "\u{feff}标题\r\n第二行正文\r\n");
        let excerpt = Excerpt::new(&source, &[]);
        assert_eq!(excerpt.text, "标题\n第二行正文\n\n");
        let offset = source.text().find("正文").unwrap();
        let mapped = excerpt.map(offset);
        assert_eq!(&excerpt.text[mapped..mapped + "正文".len()], "正文");
        assert_eq!(excerpt.column_number((), 1, mapped).unwrap(), 4);
    }

    #[test]
    fn long_lines_are_cropped_around_the_label() {
        let long = format!("{}目标词{}", "甲".repeat(200), "乙".repeat(200));
        let text = format!("标题\n{long}\n");
        let source = SourceFile::new("t", text.as_str());
        let start = text.find("目标词").unwrap();
        let span = start..start + "目标词".len();
        let excerpt = Excerpt::new(&source, std::slice::from_ref(&span));
        let line = excerpt.text.lines().nth(1).unwrap();
        assert!(line.starts_with('…') && line.ends_with('…'), "{line}");
        let shown: usize = line.chars().map(width).sum();
        assert!(
            (TARGET_WIDTH..=TARGET_WIDTH + 6).contains(&shown),
            "{shown}: {line}"
        );
        let mapped = excerpt.map_span(&span);
        assert_eq!(&excerpt.text[mapped.clone()], "目标词");
        // Columns are still those of the original line.
        assert_eq!(excerpt.column_number((), 1, mapped.start).unwrap(), 201);
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
}
