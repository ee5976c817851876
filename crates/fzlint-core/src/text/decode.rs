//! Decoding a text file's bytes: a byte-order mark first (UTF-8, UTF-16LE,
//! UTF-16BE), then valid UTF-8, then detection for the files Windows tools
//! and government websites still write in GBK/GB18030 (or Big5): chardetng,
//! told the text comes from a `.cn` site, guesses, and the guess is accepted
//! only if the bytes decode without a single error and the result reads as
//! Chinese. Anything else is an error naming the file, never garbage text.
//! `--encoding NAME` decodes with the named encoding instead.
//!
//! The text of a decoded file is UTF-8; spans are byte offsets into it. A
//! UTF-8 byte-order mark stays at the start of the text (as read); a UTF-16
//! one is dropped with the rest of the UTF-16 encoding.

pub use encoding_rs::Encoding;
use encoding_rs::{BIG5, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

use crate::error::InputError;

/// The UTF-8 byte-order mark.
pub const BOM: &str = "\u{feff}";

/// How a file's bytes became text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decoding {
    /// The encoding of the bytes.
    pub encoding: &'static Encoding,
    /// Whether the bytes started with a byte-order mark.
    pub bom: bool,
    /// Whether the encoding was detected (not given by a BOM, by being
    /// valid UTF-8, or by `--encoding`).
    pub detected: bool,
}

impl Decoding {
    /// Plain UTF-8 without a byte-order mark.
    pub const UTF8: Decoding = Decoding {
        encoding: UTF_8,
        bom: false,
        detected: false,
    };

    /// Whether the text is the file's bytes unchanged (UTF-8).
    pub fn is_utf8(&self) -> bool {
        self.encoding == UTF_8
    }

    /// The encoding's name, as users know it (`UTF-8`, `GBK`, `UTF-16LE`).
    pub fn name(&self) -> &'static str {
        self.encoding.name()
    }
}

/// Parses an encoding name given on the command line (any WHATWG label:
/// `gbk`, `gb2312`, `gb18030`, `utf-16le`, `big5`, …).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// The byte-order marks of UTF-16.
const UTF16_BOMS: [(&[u8], &Encoding); 2] = [(b"\xFF\xFE", UTF_16LE), (b"\xFE\xFF", UTF_16BE)];

/// Decodes a text file. `forced` is the encoding given with `--encoding`.
pub fn decode(
    name: &str,
    bytes: &[u8],
    forced: Option<&'static Encoding>,
) -> Result<(String, Decoding), InputError> {
    // A UTF-16 file's byte-order mark is not text, whoever names the
    // encoding.
    let utf16 = UTF16_BOMS
        .iter()
        .find(|(bom, encoding)| forced.is_none_or(|f| f == *encoding) && bytes.starts_with(bom));
    if let Some(&(bom, encoding)) = utf16 {
        return decode_strictly(name, &bytes[bom.len()..], encoding, false)
            .map(|(text, d)| (text, Decoding { bom: true, ..d }));
    }
    if let Some(encoding) = forced {
        return decode_strictly(name, bytes, encoding, false).map_err(|error| match error {
            InputError::Undecodable {
                path,
                encoding,
                position,
                ..
            } => InputError::Undecodable {
                path,
                encoding,
                position,
                forced: true,
            },
            other => other,
        });
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return decode_strictly(name, bytes, UTF_8, false).map(|(text, _)| {
            (
                text,
                Decoding {
                    bom: true,
                    ..Decoding::UTF8
                },
            )
        });
    }
    if bytes.contains(&0) {
        // UTF-16 saved without a byte-order mark (some editors' "Unicode"):
        // every other byte of ASCII is NUL. Read it when it decodes cleanly
        // into Chinese text; otherwise it is a binary file.
        return utf16_without_bom(name, bytes).ok_or_else(|| InputError::Binary {
            path: name.to_owned(),
        });
    }
    // simdutf8 validates with SIMD: several times faster than the standard
    // library on Chinese text, where every character is three bytes.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        // Short GBK text can also be valid UTF-8 (学习目录 → ѧϰĿ¼): UTF-8
        // with no Chinese at all, at least two other non-ASCII characters
        // and none of the accented letters of Western text (é, ü: "café"
        // stays), that reads in GB18030 as Chinese only, is GB18030.
        let non_ascii = text.chars().filter(|c| !c.is_ascii()).count();
        if non_ascii >= 2
            && !text
                .chars()
                .any(|c| is_cjk(c) || ('\u{C0}'..='\u{FF}').contains(&c))
            && let Ok((gbk, decoding)) = decode_strictly(name, bytes, GB18030, true)
            && gbk.chars().filter(|c| !c.is_ascii()).all(is_cjk)
        {
            return Ok((gbk, decoding));
        }
        return Ok((text.to_owned(), Decoding::UTF8));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
    // GBK's decoder is GB18030's: it reads the four-byte sequences too.
    let encoding = if guess == GBK { GB18030 } else { guess };
    let chinese = [GB18030, BIG5].contains(&encoding);
    match decode_strictly(name, bytes, encoding, true) {
        Ok((text, decoding)) if chinese && reads_as_chinese(&text) => Ok((text, decoding)),
        _ => Err(undecodable(name, bytes)),
    }
}

/// A file that is UTF-16 (little- or big-endian) without a byte-order mark:
/// an even length, and decoding cleanly into text with no NUL that reads as
/// Chinese.
fn utf16_without_bom(name: &str, bytes: &[u8]) -> Option<(String, Decoding)> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    [UTF_16LE, UTF_16BE].into_iter().find_map(|encoding| {
        let (text, decoding) = decode_strictly(name, bytes, encoding, true).ok()?;
        (!text.contains('\0') && reads_as_chinese(&text)).then_some((text, decoding))
    })
}

/// A CJK ideograph, or CJK or full-width punctuation.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
}

/// Whether at least a fifth of a text's non-ASCII characters are CJK
/// ideographs or CJK punctuation: text decoded with the wrong encoding
/// reads as symbols and rare characters.
fn reads_as_chinese(text: &str) -> bool {
    let mut non_ascii = 0usize;
    let mut cjk = 0usize;
    for c in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        if is_cjk(c) {
            cjk += 1;
        }
    }
    non_ascii > 0 && cjk * 5 >= non_ascii
}

fn decode_strictly(
    name: &str,
    bytes: &[u8],
    encoding: &'static Encoding,
    detected: bool,
) -> Result<(String, Decoding), InputError> {
    let decoded = encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or_else(|| InputError::Undecodable {
            path: name.to_owned(),
            encoding: Some(encoding.name()),
            position: first_bad_position(bytes, encoding),
            forced: false,
        })?;
    Ok((
        decoded.into_owned(),
        Decoding {
            encoding,
            bom: false,
            detected,
        },
    ))
}

fn undecodable(name: &str, bytes: &[u8]) -> InputError {
    InputError::Undecodable {
        path: name.to_owned(),
        encoding: None,
        position: first_bad_position(bytes, UTF_8),
        forced: false,
    }
}

/// Line and column (in the characters decoded before it) of the first
/// byte that `encoding` cannot decode.
fn first_bad_position(bytes: &[u8], encoding: &'static Encoding) -> Option<(usize, usize)> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(..) => {
            let _ = read;
            Some(end_position(&out))
        }
        _ => None,
    }
}

/// Line and column of the end of `text`, as [`SourceFile::position`]
/// counts them: 1-based, columns in characters, a byte-order mark and a
/// line's `\r` not counted.
///
/// [`SourceFile::position`]: super::source::SourceFile::position
fn end_position(text: &str) -> (usize, usize) {
    let line_start = text.rfind('\n').map_or(0, |i| i + 1);
    let mut last = &text[line_start..];
    if line_start == 0 {
        last = last.strip_prefix(BOM).unwrap_or(last);
    }
    let last = last.strip_suffix('\r').unwrap_or(last);
    (
        text.bytes().filter(|&b| b == b'\n').count() + 1,
        last.chars().count() + 1,
    )
}

/// Encodes text back into a decoding's encoding (for fixes written back):
/// UTF-16 by hand (encoding_rs encodes to UTF-8 when asked for UTF-16);
/// `None` when a character cannot be encoded.
///
/// The text is encoded as it is: a U+FEFF in it (a zero-width no-break
/// space, or a second byte-order mark) is a character of the file. The
/// byte-order mark a UTF-16 file starts with is not part of its decoded
/// text, and the caller keeps those bytes.
pub fn encode(text: &str, decoding: &Decoding) -> Option<Vec<u8>> {
    if decoding.encoding == UTF_16LE || decoding.encoding == UTF_16BE {
        let little = decoding.encoding == UTF_16LE;
        return Some(
            text.encode_utf16()
                .flat_map(|unit| {
                    if little {
                        unit.to_le_bytes()
                    } else {
                        unit.to_be_bytes()
                    }
                })
                .collect(),
        );
    }
    let (bytes, _, unmappable) = decoding.encoding.encode(text);
    (!unmappable).then(|| bytes.into_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn short_gbk_that_is_also_utf8_is_read_as_gbk() {
        // 学习目录 in GBK is the valid UTF-8 ѧϰĿ¼.
        let (gbk, _, _) = GBK.encode("学习目录");
        let (text, decoding) = decode("t.txt", &gbk, None).unwrap();
        assert_eq!(text, "学习目录");
        assert_eq!(decoding.encoding, GB18030);
        // UTF-8 with Chinese in it, or with no Chinese reading, stays UTF-8.
        for utf8 in ["学习目录 ѧϰ", "Ĳ", "café", "naïve café", "plain ASCII"] {
            let (text, decoding) = decode("t.txt", utf8.as_bytes(), None).unwrap();
            assert_eq!((text.as_str(), decoding.encoding), (utf8, UTF_8), "{utf8}");
        }
    }

    #[test]
    fn utf16_without_a_byte_order_mark_is_read() {
        let text = "湄川县司法局2023年度法治政府建设情况报告\r\n一、主要举措\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, expected) in [(le, UTF_16LE), (be, UTF_16BE)] {
            let (decoded, decoding) = decode("r.txt", &bytes, None).unwrap();
            assert_eq!(decoded, text);
            assert_eq!(decoding.encoding, expected);
            assert!(!decoding.bom);
        }
        // A binary file with NUL bytes is still refused as binary.
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0";
        assert!(matches!(
            decode("p.txt", png, None),
            Err(InputError::Binary { .. })
        ));
    }

    use super::*;

    const REPORT: &str =
        "法治政府建设情况的报告\n一、主要举措和成效\n全面推行行政执法“三项制度”。\n";

    #[test]
    fn boms_and_utf8() {
        let (text, d) = decode("a", REPORT.as_bytes(), None).unwrap();
        assert_eq!((text.as_str(), d), (REPORT, Decoding::UTF8));
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), REPORT.as_bytes()].concat();
        let (text, d) = decode("a", &with_bom, None).unwrap();
        assert!(text.starts_with(BOM) && d.bom && d.is_utf8());
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(REPORT.encode_utf16().flat_map(u16::to_le_bytes));
        let (text, d) = decode("a", &utf16, None).unwrap();
        assert_eq!((text.as_str(), d.name(), d.bom), (REPORT, "UTF-16LE", true));
        assert_eq!(encode(&text, &d).unwrap(), utf16[2..]);
    }

    #[test]
    fn gbk_and_gb18030_are_detected() {
        let (gbk, _, _) = GBK.encode(REPORT);
        let (text, d) = decode("g", &gbk, None).unwrap();
        assert_eq!(text, REPORT);
        assert!(d.detected);
        assert_eq!(d.name(), "gb18030");
        // A character outside GBK: four bytes in GB18030.
        let rare = format!("{REPORT}𠀀字的报告\n");
        let (bytes, _, unmappable) = GB18030.encode(&rare);
        assert!(!unmappable);
        let (text, _) = decode("g", &bytes, None).unwrap();
        assert_eq!(text, rare);
    }

    #[test]
    fn what_cannot_be_decoded_with_confidence_is_an_error() {
        // Bytes that are neither UTF-8 nor Chinese text.
        let noise: Vec<u8> = (0..400u32).map(|i| (i * 37 % 254 + 1) as u8).collect();
        match decode("n.txt", &noise, None) {
            Err(InputError::Undecodable { path, .. }) => assert_eq!(path, "n.txt"),
            other => panic!("{other:?}"),
        }
        // A forced encoding that does not fit names where it breaks.
        let mut bytes = "第一行\n第".as_bytes().to_vec();
        bytes.extend_from_slice(&[0xFF, 0xFF]);
        match decode("x.txt", &bytes, Some(UTF_8)) {
            Err(InputError::Undecodable { position, .. }) => assert_eq!(position, Some((2, 2))),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            decode("b", b"PK\x03\x04\x00\x00", None),
            Err(InputError::Binary { .. })
        ));
    }

    #[test]
    fn a_forced_encoding_wins() {
        let (gbk, _, _) = GBK.encode(REPORT);
        let (text, d) = decode("g", &gbk, encoding_for_label("GB2312")).unwrap();
        assert_eq!(text, REPORT);
        assert!(!d.detected);
        assert!(encoding_for_label("no-such-encoding").is_none());
    }
}
