//! Line and column of a byte offset, computed without fzlint's
//! `SourceFile`: the independent computation spans are checked against.
//! Shared by `tests/spans.rs`, `tests/properties.rs` and the fuzz targets
//! (`fuzz/src/lib.rs`).

/// Line and column of `offset` in `text`: lines end at `\n` (a `\r` just
/// before it belongs to the terminator) and at a lone `\r` (old Mac
/// files); columns count characters from the line start, a leading
/// byte-order mark not counted.
pub fn expected_position(text: &str, offset: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let (mut line, mut line_start) = (1, 0);
    for (i, &b) in bytes[..offset].iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            line += 1;
            line_start = i + 1;
        }
    }
    let mut prefix = &text[line_start..offset];
    if line_start == 0 {
        prefix = prefix.strip_prefix('\u{feff}').unwrap_or(prefix);
    }
    if text[offset..].starts_with('\n') {
        prefix = prefix.strip_suffix('\r').unwrap_or(prefix);
    }
    (line, prefix.chars().count() + 1)
}
