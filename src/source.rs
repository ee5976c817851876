//! A report's text as read from disk, and conversions between byte offsets and
//! line/column positions.
//!
//! Every span in fzlint is a byte range into [`SourceFile::text`], which is the
//! file exactly as read (a UTF-8 byte-order mark, if present, stays at the start
//! and counts in byte offsets). Lines are 1-based. Columns are 1-based and
//! counted in Unicode scalar values from the start of the line; the byte-order
//! mark is not counted, so the first visible character of a file is always at
//! column 1, as an editor shows it. A line ends at `\n`; a `\r` before it
//! belongs to the line terminator, never to the line's content.

use std::fmt;
use std::io::{self, Read};
use std::ops::Range;
use std::path::Path;

use crate::error::InputError;

/// The UTF-8 byte-order mark.
pub const BOM: &str = "\u{feff}";

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
}

impl SourceFile {
    /// Wraps text that is already known to be valid UTF-8.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let bom_len = if text.starts_with(BOM) { BOM.len() } else { 0 };
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            name: name.into(),
            text,
            line_starts,
            bom_len,
        }
    }

    /// Decodes the bytes of a report. Fails, naming `name`, on content that is
    /// not a text report: NUL bytes (a binary file), UTF-16, invalid UTF-8, or
    /// nothing but whitespace.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Result<Self, InputError> {
        let name = name.into();
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Err(InputError::Utf16 { path: name });
        }
        if bytes.contains(&0) {
            return Err(InputError::Binary { path: name });
        }
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => {
                let valid_up_to = err.utf8_error().valid_up_to();
                let bytes = err.into_bytes();
                // The prefix is valid UTF-8 by definition of `valid_up_to`.
                let prefix = String::from_utf8_lossy(&bytes[..valid_up_to]);
                let probe = SourceFile::new(name.clone(), prefix.into_owned());
                let position = probe.position(valid_up_to);
                return Err(InputError::InvalidUtf8 {
                    path: name,
                    offset: valid_up_to,
                    line: position.line,
                    column: position.column,
                });
            }
        };
        if text.trim_start_matches(BOM).trim().is_empty() {
            return Err(InputError::Empty { path: name });
        }
        Ok(Self::new(name, text))
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
    /// mark and without the `\r\n` or `\n` terminator.
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
        let end = offset.clamp(range.start, range.end);
        let column = self.text[range.start..self.floor_char_boundary(end)]
            .chars()
            .count()
            + 1;
        Position {
            line: index + 1,
            column,
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

/// The name standard input is reported under.
pub const STDIN_NAME: &str = "<stdin>";

/// Reads a report file. The error names the file and says what to do.
pub fn read_file(path: &Path) -> Result<SourceFile, InputError> {
    let name = path.display().to_string();
    if path.is_dir() {
        return Err(InputError::Directory { path: name });
    }
    match std::fs::read(path) {
        Ok(bytes) => SourceFile::from_bytes(name, bytes),
        Err(err) => Err(InputError::Io {
            path: name,
            reason: describe_io_error(&err),
        }),
    }
}

/// Reads a report from standard input.
pub fn read_stdin() -> Result<SourceFile, InputError> {
    let mut bytes = Vec::new();
    match io::stdin().lock().read_to_end(&mut bytes) {
        Ok(_) => SourceFile::from_bytes(STDIN_NAME, bytes),
        Err(err) => Err(InputError::Io {
            path: STDIN_NAME.to_owned(),
            reason: describe_io_error(&err),
        }),
    }
}

fn describe_io_error(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "文件不存在".to_owned(),
        io::ErrorKind::PermissionDenied => "没有读取权限".to_owned(),
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let file = SourceFile::new("t", "一、总体情况\n（一）加强领导");
        let offset = file.text().find("加强").unwrap();
        assert_eq!(file.position(offset), Position { line: 2, column: 4 });
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
            SourceFile::from_bytes("b", b"PK\x03\x04\x00\x00".to_vec()),
            Err(InputError::Binary { .. })
        ));
        assert!(matches!(
            SourceFile::from_bytes("u", vec![0xFF, 0xFE, b'a', 0]),
            Err(InputError::Utf16 { .. })
        ));
        assert!(matches!(
            SourceFile::from_bytes("e", b" \n\t\r\n".to_vec()),
            Err(InputError::Empty { .. })
        ));
        assert!(matches!(
            SourceFile::from_bytes("e", "\u{feff}\u{3000}\n".as_bytes().to_vec()),
            Err(InputError::Empty { .. })
        ));
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        // "第一行\n第" then a GBK byte pair.
        let mut bytes = "第一行\n第".as_bytes().to_vec();
        bytes.extend_from_slice(&[0xB5, 0xDA]);
        match SourceFile::from_bytes("gbk.txt", bytes) {
            Err(InputError::InvalidUtf8 {
                line,
                column,
                offset,
                ..
            }) => {
                assert_eq!((line, column), (2, 2));
                assert_eq!(offset, "第一行\n第".len());
            }
            other => panic!("expected InvalidUtf8, got {other:?}"),
        }
    }
}
