//! A report's text as read, and conversions between byte offsets and
//! line/column positions (characters for people, UTF-16 code units for
//! editors and JavaScript).
//!
//! Every span in fzlint is a byte range into [`SourceFile::text`], which is the
//! file exactly as read (a UTF-8 byte-order mark, if present, stays at the start
//! and counts in byte offsets). Lines are 1-based. Columns are 1-based and
//! counted in Unicode scalar values from the start of the line; the byte-order
//! mark is not counted, so the first visible character of a file is always at
//! column 1, as an editor shows it. A line ends at `\n`; a `\r` before it
//! belongs to the line terminator, never to the line's content.

use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

use crate::error::InputError;
use crate::text::decode::{self, Decoding};

pub use super::decode::BOM;

/// A 1-based line/column position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in Unicode characters.
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// A position as editors and JavaScript count: 0-based line, and 0-based
/// character offset in UTF-16 code units from the start of the line's
/// content (the Language Server Protocol's default `Position`). A
/// byte-order mark is not counted, as it is not in columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Utf16Position {
    /// 0-based line number.
    pub line: u32,
    /// 0-based offset in the line, in UTF-16 code units.
    pub character: u32,
}

/// A named text with its line index.
#[derive(Debug, Clone)]
pub struct SourceFile {
    name: String,
    text: String,
    /// Byte offset where each line starts. The first entry is 0 even when the
    /// file starts with a byte-order mark; see [`SourceFile::content_start`].
    line_starts: Vec<usize>,
    /// Length of the byte-order mark at the start of `text` (0 or 3).
    bom_len: usize,
    /// How the file's bytes became `text`.
    decoding: Decoding,
    /// Character and UTF-16 counts at points through the text, made the
    /// first time a position far into a long line is asked for.
    counts: OnceLock<Vec<Checkpoint>>,
}

/// Counts of the text before a byte offset (a character boundary).
#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    byte: usize,
    chars: usize,
    utf16: usize,
}

/// Bytes between checkpoints: counting from the nearest one costs at most
/// this much, however long the line (a report saved as one 40 MB line, or
/// thousands of findings on one paragraph, stays linear).
const CHECKPOINT_EVERY: usize = 4096;

impl SourceFile {
    /// Wraps text that is already known to be valid UTF-8.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let bom_len = if text.starts_with(BOM) { BOM.len() } else { 0 };
        // A line ends at `\n`, at `\r\n`, and at a lone `\r` (old Mac
        // files): such a file is not one long line.
        let bytes = text.as_bytes();
        let line_starts = std::iter::once(0)
            .chain(
                memchr::memchr2_iter(b'\n', b'\r', bytes)
                    .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
                    .map(|i| i + 1),
            )
            .collect();
        Self {
            name: name.into(),
            text,
            line_starts,
            bom_len,
            decoding: Decoding {
                bom: bom_len > 0,
                ..Decoding::UTF8
            },
            counts: OnceLock::new(),
        }
    }

    /// Wraps text decoded from bytes in another encoding.
    pub fn decoded(name: impl Into<String>, text: impl Into<String>, decoding: Decoding) -> Self {
        Self {
            decoding,
            ..Self::new(name, text)
        }
    }

    /// How the file's bytes became its text.
    pub fn decoding(&self) -> &Decoding {
        &self.decoding
    }

    /// Decodes the bytes of a text report (see [`crate::text::decode`]); `forced`
    /// is an encoding given with `--encoding`. Fails, naming `name`, on
    /// content that is not a text report: NUL bytes (a binary file), bytes
    /// that cannot be decoded with confidence, or nothing but whitespace.
    pub fn from_bytes(
        name: impl Into<String>,
        bytes: &[u8],
        forced: Option<&'static encoding_rs::Encoding>,
    ) -> Result<Self, InputError> {
        let name = name.into();
        let (text, decoding) = decode::decode(&name, bytes, forced)?;
        if text.trim_start_matches(BOM).trim().is_empty() {
            return Err(InputError::Empty { path: name });
        }
        Ok(Self::decoded(name, text, decoding))
    }

    /// The name the file is reported under (its path as given, or `<stdin>`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The whole text as read, including a byte-order mark if there was one.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Byte offset of the first character after the byte-order mark.
    pub fn content_start(&self) -> usize {
        self.bom_len
    }

    /// Number of lines (a final line without `\n` counts; a file ending in
    /// `\n` has an empty last line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based index of the line containing `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte range of a line's content (0-based index), without the byte-order
    /// mark and without the `\r\n`, `\n` or `\r` terminator.
    pub fn line_range(&self, index: usize) -> Range<usize> {
        let start = self.line_starts[index].max(if index == 0 { self.bom_len } else { 0 });
        let mut end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next - 1);
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end.max(start)
    }

    /// Byte ranges of all lines' contents, in order.
    pub fn lines(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        (0..self.line_count()).map(|i| self.line_range(i))
    }

    /// Line and column of a byte offset. An offset inside a line terminator
    /// maps to the column just past the line's last character.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let index = self.line_index(offset);
        let range = self.line_range(index);
        let end = self.floor_char_boundary(offset.clamp(range.start, range.end));
        let column = self.count(range.start, end).chars + 1;
        Position {
            line: index + 1,
            column,
        }
    }

    /// The position of a byte offset in UTF-16 code units (see
    /// [`Utf16Position`]): a character outside the Basic Multilingual
    /// Plane (𠀀, 😀) counts two, every other character one. An offset
    /// inside a line terminator maps to the end of the line, as
    /// [`SourceFile::position`] does.
    pub fn utf16_position(&self, offset: usize) -> Utf16Position {
        let offset = offset.min(self.text.len());
        let index = self.line_index(offset);
        let range = self.line_range(index);
        let end = self.floor_char_boundary(offset.clamp(range.start, range.end));
        Utf16Position {
            line: u32::try_from(index).unwrap_or(u32::MAX),
            character: u32::try_from(self.count(range.start, end).utf16).unwrap_or(u32::MAX),
        }
    }

    /// The byte offset of a [`Utf16Position`], the inverse of
    /// [`SourceFile::utf16_position`]: a line past the end maps to the end of
    /// the text, a character past the end of its line to the line's end, and
    /// one in the middle of a surrogate pair to the character's start.
    pub fn offset_of_utf16(&self, position: Utf16Position) -> usize {
        let index = position.line as usize;
        if index >= self.line_count() {
            return self.text.len();
        }
        let range = self.line_range(index);
        let mut units = 0usize;
        for (at, c) in self.text[range.clone()].char_indices() {
            units += c.len_utf16();
            if units > position.character as usize {
                return range.start + at;
            }
        }
        range.end
    }

    /// The number of UTF-16 code units before a byte offset, counting from
    /// the start of the text as read (a byte-order mark counts one): the
    /// index into a JavaScript string holding the same text.
    pub fn utf16_offset(&self, offset: usize) -> usize {
        self.count(0, self.floor_char_boundary(offset.min(self.text.len())))
            .utf16
    }

    /// Characters and UTF-16 units in `text[from..to]` (both character
    /// boundaries): counted directly when the range is short, else as the
    /// difference of the counts before each end, taken from the nearest
    /// checkpoint.
    fn count(&self, from: usize, to: usize) -> Checkpoint {
        if to - from <= CHECKPOINT_EVERY {
            let slice = &self.text[from..to];
            return Checkpoint {
                byte: to,
                chars: slice.chars().count(),
                utf16: utf16_len(slice),
            };
        }
        let (a, b) = (self.before(from), self.before(to));
        Checkpoint {
            byte: to,
            chars: b.chars - a.chars,
            utf16: b.utf16 - a.utf16,
        }
    }

    /// The counts of the text before `offset` (a character boundary).
    fn before(&self, offset: usize) -> Checkpoint {
        let counts = self.counts.get_or_init(|| {
            let mut counts = vec![Checkpoint {
                byte: 0,
                chars: 0,
                utf16: 0,
            }];
            let mut at = 0;
            while at + CHECKPOINT_EVERY < self.text.len() {
                let next = self.floor_char_boundary(at + CHECKPOINT_EVERY);
                let slice = &self.text[at..next];
                let last = counts[counts.len() - 1];
                counts.push(Checkpoint {
                    byte: next,
                    chars: last.chars + slice.chars().count(),
                    utf16: last.utf16 + utf16_len(slice),
                });
                at = next;
            }
            counts
        });
        let i = counts
            .partition_point(|c| c.byte <= offset)
            .saturating_sub(1);
        let base = counts[i];
        let slice = &self.text[base.byte..offset];
        Checkpoint {
            byte: offset,
            chars: base.chars + slice.chars().count(),
            utf16: base.utf16 + utf16_len(slice),
        }
    }

    /// The text of a span.
    pub fn slice(&self, span: Range<usize>) -> &str {
        &self.text[span]
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// The length of a text in UTF-16 code units.
fn utf16_len(text: &str) -> usize {
    // Four-byte UTF-8 sequences (lead bytes F0–F4) are the characters that
    // need two UTF-16 units; every other character needs one.
    text.chars().count() + text.bytes().filter(|&b| b >= 0xF0).count()
}

/// The number of characters of a text that are not whitespace (the length
/// of a report or a part, as authors count it: 字数). Counted in passes the
/// standard library and memchr vectorise: all characters, less ASCII
/// whitespace, less U+3000 (the full-width space of Chinese documents), less
/// the other whitespace characters, which all start with C2, E1 or E2.
pub fn visible_chars(text: &str) -> usize {
    let bytes = text.as_bytes();
    let all = text.chars().count();
    // Byte counters summed per block of 255 bytes, which the compiler
    // turns into vector additions.
    let ascii: usize = bytes
        .chunks(255)
        .map(|block| {
            let spaces = block.iter().fold(0u8, |n, &b| {
                n + u8::from(b == b' ' || b.wrapping_sub(b'\t') < 5)
            });
            usize::from(spaces)
        })
        .sum();
    let ideographic = memchr::memmem::find_iter(bytes, "\u{3000}".as_bytes()).count();
    let other = memchr::memchr3_iter(0xC2, 0xE1, 0xE2, bytes)
        .filter(|&i| text[i..].chars().next().is_some_and(char::is_whitespace))
        .count();
    all - ascii - ideographic - other
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let text = "标题\r一、主要举措\r\n正文\n（一）小标题\r";
        let source = SourceFile::new("t", text);
        let lines: Vec<&str> = source.lines().map(|r| &text[r]).collect();
        assert_eq!(lines, ["标题", "一、主要举措", "正文", "（一）小标题", ""]);
        let at = text.find("正文").unwrap();
        assert_eq!(source.position(at), Position { line: 3, column: 1 });
    }

    #[test]
    fn positions_far_into_a_long_line_are_counted_exactly() {
        // One line of 30,000 characters mixing ASCII, CJK and characters
        // outside the BMP (two UTF-16 units), after a short line and a BOM.
        let mut long = String::new();
        for i in 0..10_000 {
            long.push(match i % 3 {
                0 => 'a',
                1 => '截',
                _ => '𠀀',
            });
            long.push_str(if i % 7 == 0 { "止" } else { "" });
        }
        let text = format!("\u{feff}标题\r\n{long}\n尾");
        let source = SourceFile::new("t", text.as_str());
        let line_start = text.find('\n').unwrap() + 1;
        for (offset, _) in text.char_indices().step_by(997) {
            let naive_line = text[..offset].matches('\n').count();
            let position = source.position(offset);
            assert_eq!(position.line, naive_line + 1);
            if naive_line == 1 {
                let column = text[line_start..offset].chars().count() + 1;
                assert_eq!(position.column, column, "at {offset}");
                let units = text[line_start..offset].encode_utf16().count();
                assert_eq!(source.utf16_position(offset).character as usize, units);
            }
            assert_eq!(
                source.utf16_offset(offset),
                text[..offset].encode_utf16().count()
            );
        }
    }

    use super::*;

    #[test]
    fn visible_chars_counts_what_is_not_whitespace() {
        let every: String = (0..=0x10FFFF).filter_map(char::from_u32).collect();
        let expected = every.chars().filter(|c| !c.is_whitespace()).count();
        assert_eq!(visible_chars(&every), expected);
        assert_eq!(visible_chars(" 依法\u{3000}行政\r\n。\u{A0}a\u{2028}"), 6);
        assert_eq!(visible_chars(""), 0);
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let file = SourceFile::new("t", "一、总体情况\n（一）加强领导");
        let offset = file.text().find("加强").unwrap();
        assert_eq!(file.position(offset), Position { line: 2, column: 4 });
    }

    #[test]
    fn utf16_positions_count_surrogate_pairs_and_skip_the_bom() {
        // 𠀀 (U+20000) and 😀 are outside the BMP: two UTF-16 units each.
        let text = "\u{feff}𠀀年度报告\r\n一、😀依法行政\n";
        let file = SourceFile::new("t", text);
        let at = |needle: &str| file.text().find(needle).unwrap();
        assert_eq!(
            file.utf16_position(at("年度")),
            Utf16Position {
                line: 0,
                character: 2
            }
        );
        assert_eq!(
            file.utf16_position(at("依法")),
            Utf16Position {
                line: 1,
                character: 4
            }
        );
        // The \r of a CRLF is the end of the line.
        assert_eq!(
            file.utf16_position(at("\r")),
            Utf16Position {
                line: 0,
                character: 6
            }
        );
        // JavaScript's index into the same string counts the BOM.
        assert_eq!(file.utf16_offset(at("年度")), 3);
        assert_eq!(file.utf16_offset(at("依法")), 1 + 2 + 4 + 2 + 2 + 2);
        assert_eq!(
            file.utf16_offset(file.text().len()),
            text.encode_utf16().count()
        );
        // And back.
        for needle in ["年度", "依法", "😀", "一、", "\r"] {
            let offset = at(needle);
            assert_eq!(
                file.offset_of_utf16(file.utf16_position(offset)),
                offset,
                "{needle}"
            );
        }
        // Inside a surrogate pair: the character's start.
        let inside = Utf16Position {
            line: 1,
            character: 3,
        };
        assert_eq!(file.offset_of_utf16(inside), at("😀"));
        assert_eq!(
            file.offset_of_utf16(Utf16Position {
                line: 9,
                character: 0
            }),
            text.len()
        );
    }

    #[test]
    fn utf16_positions_agree_with_an_independent_count_everywhere() {
        let text = "标题𠀀\r\n\n（一）😀a—“引号”\r\n最后一行𪚥";
        let file = SourceFile::new("t", text);
        for (offset, _) in text.char_indices() {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let mut line = &text[line_start..offset];
            line = line.strip_suffix('\r').unwrap_or(line);
            let expected = Utf16Position {
                line: text[..offset].matches('\n').count() as u32,
                character: line.encode_utf16().count() as u32,
            };
            assert_eq!(file.utf16_position(offset), expected, "at {offset}");
            assert_eq!(
                file.utf16_offset(offset),
                text[..offset].encode_utf16().count()
            );
        }
    }

    #[test]
    fn crlf_terminator_is_not_line_content() {
        let file = SourceFile::new("t", "第一行\r\n第二行\r\n");
        assert_eq!(file.slice(file.line_range(0)), "第一行");
        assert_eq!(file.slice(file.line_range(1)), "第二行");
        let second = file.text().find("第二").unwrap();
        assert_eq!(second, "第一行\r\n".len());
        assert_eq!(file.position(second).line, 2);
        assert_eq!(file.position(second).column, 1);
        // The offset of the `\r` itself is just past the last character.
        assert_eq!(file.position("第一行".len()).column, 4);
    }

    #[test]
    fn bom_counts_in_bytes_but_not_in_columns() {
        let file = SourceFile::new("t", "\u{feff}报告标题\n正文");
        assert_eq!(file.content_start(), 3);
        assert_eq!(file.slice(file.line_range(0)), "报告标题");
        assert_eq!(file.position(3), Position { line: 1, column: 1 });
        assert_eq!(file.position(3 + "报告".len()).column, 3);
    }

    #[test]
    fn decoding_rejects_what_is_not_a_text_report() {
        assert!(matches!(
            SourceFile::from_bytes("b", b"PK\x03\x04\x00\x00", None),
            Err(InputError::Binary { .. })
        ));
        assert!(matches!(
            SourceFile::from_bytes("e", b" \n\t\r\n", None),
            Err(InputError::Empty { .. })
        ));
        assert!(matches!(
            SourceFile::from_bytes("e", "\u{feff}\u{3000}\n".as_bytes(), None),
            Err(InputError::Empty { .. })
        ));
    }

    #[test]
    fn a_gbk_file_is_decoded_and_says_so() {
        let (bytes, _, _) = encoding_rs::GBK.encode("第一行\n第二行，法治政府建设。\n");
        let file = SourceFile::from_bytes("gbk.txt", &bytes, None).unwrap();
        assert_eq!(file.text(), "第一行\n第二行，法治政府建设。\n");
        assert_eq!(file.decoding().name(), "gb18030");
        assert_eq!(file.position(file.text().find("法治").unwrap()).column, 5);
    }
}
