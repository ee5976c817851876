//! Line and column of a byte offset, computed without fzlint's
//! `SourceFile`: the independent computation spans are checked against.
//! Shared by `tests/spans.rs`, `tests/properties.rs` and the fuzz targets
//! (`fuzz/src/lib.rs`).

/// Line and column of `offset` in `text`: lines end at `\n` (a `\r` just
/// before it belongs to the terminator, a lone `\r` is a character),
/// columns count characters from the line start, a leading byte-order mark
/// not counted.
pub fn expected_position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let mut prefix = &text[line_start..offset];
    if line_start == 0 {
        prefix = prefix.strip_prefix('\u{feff}').unwrap_or(prefix);
    }
    if text[offset..].starts_with('\n') {
        prefix = prefix.strip_suffix('\r').unwrap_or(prefix);
    }
    (line, prefix.chars().count() + 1)
}
