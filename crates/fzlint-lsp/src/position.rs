//! Positions as the client counts them: a 0-based line and a character
//! offset in UTF-16 code units (the protocol's default) or in UTF-8 bytes
//! (when the client offers it), converted from and to the exact byte
//! offsets the engine works in. Lines end at `\n`, `\r\n` and a lone `\r`,
//! as in the protocol and in [`SourceFile`]. A byte-order mark at the start
//! of the text is a character to the client, so it is counted here,
//! although [`SourceFile`]'s own columns leave it out.

use std::ops::Range;

use fzlint_core::text::source::{SourceFile, Utf16Position};
use lsp_types::{Position, PositionEncodingKind};

/// The position encoding negotiated with the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Characters count UTF-16 code units (the protocol's default).
    Utf16,
    /// Characters count UTF-8 bytes.
    Utf8,
}

impl Encoding {
    /// UTF-8 when the client lists it among the encodings it supports,
    /// else UTF-16.
    pub fn choose(offered: &[String]) -> Encoding {
        if offered.iter().any(|kind| kind == "utf-8") {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    /// The protocol's name for it.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf8 => PositionEncodingKind::UTF8,
        }
    }
}

/// The byte-order mark's length in the first line, in the encoding's
/// units (0 without one).
fn bom_units(source: &SourceFile, encoding: Encoding) -> u32 {
    match (source.content_start(), encoding) {
        (0, _) => 0,
        (_, Encoding::Utf16) => 1,
        (n, Encoding::Utf8) => u32::try_from(n).unwrap_or(u32::MAX),
    }
}

/// The client's position of a byte offset (an offset inside a line
/// terminator is the end of that line).
pub fn position(source: &SourceFile, offset: usize, encoding: Encoding) -> Position {
    let offset = source.text().floor_char_boundary(offset);
    match encoding {
        Encoding::Utf16 => {
            let Utf16Position { line, character } = source.utf16_position(offset);
            let bom = if line == 0 && offset > 0 {
                bom_units(source, encoding)
            } else {
                0
            };
            Position::new(line, character.saturating_add(bom))
        }
        Encoding::Utf8 => {
            let line = source.line_index(offset);
            let range = source.line_range(line);
            let start = if line == 0 { 0 } else { range.start };
            let at = offset.clamp(start, range.end);
            Position::new(
                u32::try_from(line).unwrap_or(u32::MAX),
                u32::try_from(at - start).unwrap_or(u32::MAX),
            )
        }
    }
}

/// The client's range of a byte span.
pub fn range(source: &SourceFile, span: &Range<usize>, encoding: Encoding) -> lsp_types::Range {
    lsp_types::Range::new(
        position(source, span.start, encoding),
        position(source, span.end.max(span.start), encoding),
    )
}

/// The byte offset of a client's position: a line past the end is the end
/// of the text, a character past the end of its line the line's end, one
/// inside a character (half a surrogate pair, a byte inside a UTF-8
/// sequence) that character's start.
pub fn offset(source: &SourceFile, position: Position, encoding: Encoding) -> usize {
    let line = position.line as usize;
    if line >= source.line_count() {
        return source.text().len();
    }
    let bom = if line == 0 {
        bom_units(source, encoding)
    } else {
        0
    };
    match encoding {
        Encoding::Utf16 => {
            if bom > 0 && position.character < bom {
                return 0;
            }
            source.offset_of_utf16(Utf16Position {
                line: position.line,
                character: position.character - bom,
            })
        }
        Encoding::Utf8 => {
            let range = source.line_range(line);
            let start = if line == 0 { 0 } else { range.start };
            let at = start
                .saturating_add(position.character as usize)
                .min(range.end);
            source.text().floor_char_boundary(at)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str, encoding: Encoding) {
        let source = SourceFile::new("t.md", text);
        for (at, _) in text.char_indices().chain([(text.len(), ' ')]) {
            // Offsets inside a line terminator have no position of their own.
            let p = position(&source, at, encoding);
            let back = offset(&source, p, encoding);
            let inside_terminator = text[..at].ends_with('\r') && text[at..].starts_with('\n');
            if !inside_terminator {
                assert_eq!(back, at, "{text:?} at {at}: {p:?}");
            }
        }
    }

    #[test]
    fn offsets_survive_a_round_trip_in_both_encodings() {
        for text in [
            "一、总体情况\r\n（一）𠀀字与😀\n\n末行",
            "\u{feff}标题𠀀\r旧式换行\r\n",
            "",
            "a",
        ] {
            round_trip(text, Encoding::Utf16);
            round_trip(text, Encoding::Utf8);
        }
    }

    #[test]
    fn characters_count_as_the_client_counts_them() {
        let source = SourceFile::new("t.md", "\u{feff}甲𠀀乙\r\n丙");
        let yi = "\u{feff}甲𠀀".len();
        assert_eq!(position(&source, yi, Encoding::Utf16), Position::new(0, 4));
        assert_eq!(position(&source, yi, Encoding::Utf8), Position::new(0, 10));
        let bing = source.text().len() - "丙".len();
        assert_eq!(
            position(&source, bing, Encoding::Utf16),
            Position::new(1, 0)
        );
        // Past the line's end: the line's end, before `\r\n`.
        assert_eq!(
            offset(&source, Position::new(0, 99), Encoding::Utf16),
            yi + "乙".len()
        );
        // Inside the surrogate pair of 𠀀: its start.
        assert_eq!(
            offset(&source, Position::new(0, 3), Encoding::Utf16),
            "\u{feff}甲".len()
        );
        // Past the last line: the end.
        assert_eq!(
            offset(&source, Position::new(9, 0), Encoding::Utf8),
            source.text().len()
        );
    }
}
