// Word documents made to hurt a reader: a zip bomb, numbering with extreme
// values, paragraphs nested in text boxes thousands deep. Shared by the Word
// reader's unit tests (`include!`d, so this file has no inner attributes),
// `tests/regressions.rs` and `examples/hostile_docx.rs`.

/// The namespaces of `word/document.xml` and `word/numbering.xml`.
pub const W_NAMESPACES: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape""#;

/// `word/document.xml` around `body`.
pub fn document_xml(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W_NAMESPACES}><w:body>{body}</w:body></w:document>"#
    )
}

/// How many bytes [`deflated_spaces`] inflates to: a space, then `copies`
/// copies of the longest match deflate has (258 bytes).
pub fn spaces_len(copies: u64) -> u64 {
    1 + 258 * copies
}

/// A raw deflate stream of [`spaces_len`]`(copies)` spaces, written by hand:
/// one block whose own Huffman codes give length 258 and distance 1 a bit
/// each, so each 258 spaces take 2 bits — deflate's densest, about a
/// thousandth of what it inflates to — and made at once, however large.
pub fn deflated_spaces(copies: u64) -> Vec<u8> {
    let mut bits = Bits::default();
    bits.put(1, 1); // the last block
    bits.put(2, 2); // with its own Huffman codes
    bits.put(29, 5); // 286 literal/length codes
    bits.put(0, 5); // 1 distance code
    bits.put(14, 4); // 18 code length codes, in deflate's order:
    // 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1
    for length in [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2] {
        bits.put(length, 3);
    }
    // The code lengths (18: "0", 2: "11", 1: "10"): literal ' ' (32) and
    // end of block (256) 2 bits, length 258 (285) 1 bit; distance 1 1 bit.
    let zeros = |bits: &mut Bits, n: u32| {
        bits.code(0, 1);
        bits.put(n - 11, 7);
    };
    zeros(&mut bits, 32);
    bits.code(0b11, 2);
    zeros(&mut bits, 138);
    zeros(&mut bits, 85);
    bits.code(0b11, 2);
    zeros(&mut bits, 28);
    bits.code(0b10, 2);
    bits.code(0b10, 2);
    // The data (' ': "10", 258: "0", distance 1: "0", end: "11").
    bits.code(0b10, 2);
    for _ in 0..copies {
        bits.code(0, 2);
    }
    bits.code(0b11, 2);
    bits.finish()
}

/// Deflate's bit order: values from the least significant bit, Huffman
/// codes from the most significant.
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u32,
    len: u32,
}

impl Bits {
    fn put(&mut self, value: u32, count: u32) {
        self.acc |= value << self.len;
        self.len += count;
        while self.len >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.len -= 8;
        }
    }

    fn code(&mut self, code: u32, count: u32) {
        self.put(code.reverse_bits() >> (32 - count), count);
    }

    fn finish(mut self) -> Vec<u8> {
        if self.len > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

/// The CRC-32 of `len` spaces, in a few thousand steps however long: from
/// the CRC of one space, doubling (zlib's `crc32_combine`).
fn crc32_of_spaces(len: u64) -> u32 {
    const ONE_SPACE: u32 = 0xE96C_CF45;
    let mut crc = 0; // of no bytes
    let mut done = 0;
    for bit in (0..64).rev() {
        crc = crc32_combine(crc, crc, done);
        done *= 2;
        if len >> bit & 1 == 1 {
            crc = crc32_combine(crc, ONE_SPACE, 1);
            done += 1;
        }
    }
    crc
}

/// The CRC-32 of `a` then `b`, from theirs and `b`'s length.
fn crc32_combine(crc_a: u32, crc_b: u32, len_b: u64) -> u32 {
    fn times(matrix: &[u32; 32], mut vector: u32) -> u32 {
        let mut sum = 0;
        let mut row = 0;
        while vector != 0 {
            if vector & 1 == 1 {
                sum ^= matrix[row];
            }
            vector >>= 1;
            row += 1;
        }
        sum
    }
    fn square(matrix: &[u32; 32]) -> [u32; 32] {
        std::array::from_fn(|n| times(matrix, matrix[n]))
    }
    if len_b == 0 {
        return crc_a;
    }
    // The operator for one zero bit, then two, then four.
    let mut odd: [u32; 32] =
        std::array::from_fn(|n| if n == 0 { 0xEDB8_8320 } else { 1 << (n - 1) });
    let mut even = square(&odd);
    odd = square(&even);
    let (mut crc, mut len) = (crc_a, len_b);
    loop {
        even = square(&odd);
        if len & 1 == 1 {
            crc = times(&even, crc);
        }
        len >>= 1;
        if len == 0 {
            break;
        }
        odd = square(&even);
        if len & 1 == 1 {
            crc = times(&odd, crc);
        }
        len >>= 1;
        if len == 0 {
            break;
        }
    }
    crc ^ crc_b
}

/// The CRC-32 of `bytes`.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                0xEDB8_8320 ^ (crc >> 1)
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zip bomb: a zip (no zip64) of `stored` parts, `(name, content)`, kept
/// as they are, then `bombs`, each `(name, copies, declared)`, whose content
/// is [`spaces_len`]`(copies)` spaces deflated by [`deflated_spaces`];
/// `declared` is the uncompressed size its headers claim (`None`: the true
/// size, with the true CRC).
pub fn zip_bomb(stored: &[(&str, &[u8])], bombs: &[(&str, u64, Option<u32>)]) -> Vec<u8> {
    let mut entries: Vec<(&str, u16, Vec<u8>, u32, u32)> = stored
        .iter()
        .map(|&(name, content)| {
            let size = u32::try_from(content.len()).expect("under 4 GiB");
            (name, 0, content.to_vec(), size, crc32(content))
        })
        .collect();
    for &(name, copies, declared) in bombs {
        let len = spaces_len(copies);
        let (size, crc) = match declared {
            Some(size) => (size, 0),
            None => (
                u32::try_from(len).expect("under 4 GiB"),
                crc32_of_spaces(len),
            ),
        };
        entries.push((name, 8, deflated_spaces(copies), size, crc));
    }
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, method, data, size, crc) in &entries {
        let offset = u32::try_from(out.len()).expect("under 4 GiB");
        let compressed = u32::try_from(data.len()).expect("under 4 GiB");
        let name_len = u16::try_from(name.len()).expect("a short name");
        // version needed 2.0, no flags, the method, 1980-01-01 00:00
        let common = |buf: &mut Vec<u8>| {
            for field in [20u16, 0, *method, 0, 0x21] {
                buf.extend_from_slice(&field.to_le_bytes());
            }
            for field in [*crc, compressed, *size] {
                buf.extend_from_slice(&field.to_le_bytes());
            }
            buf.extend_from_slice(&name_len.to_le_bytes());
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend_from_slice(&0u16.to_le_bytes()); // no extra field
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // made by 2.0
        common(&mut central);
        // no extra field or comment, disk 0, no attributes
        for field in [0u16, 0, 0, 0] {
            central.extend_from_slice(&field.to_le_bytes());
        }
        central.extend_from_slice(&0u32.to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let central_at = u32::try_from(out.len()).expect("under 4 GiB");
    let central_len = u32::try_from(central.len()).expect("under 4 GiB");
    let count = u16::try_from(entries.len()).expect("a few entries");
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for field in [0u16, 0, count, count] {
        out.extend_from_slice(&field.to_le_bytes());
    }
    out.extend_from_slice(&central_len.to_le_bytes());
    out.extend_from_slice(&central_at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // no comment
    out
}

/// `word/numbering.xml` cases with values no real document has, each
/// `(name, the abstract numbering's levels, the num's overrides)`: list 1
/// uses them; level 0 is always defined (decimal, `%1.`) unless the case
/// redefines it.
pub const NUMBERING_CASES: [(&str, &str, &str); 6] = [
    (
        "ilvl-max",
        r#"<w:lvl w:ilvl="18446744073709551615"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>"#,
        "",
    ),
    (
        "ilvl-300000000",
        r#"<w:lvl w:ilvl="300000000"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>"#,
        "",
    ),
    (
        "start-letters",
        r#"<w:lvl w:ilvl="0"><w:start w:val="4000000000"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1."/></w:lvl>"#,
        "",
    ),
    (
        "start-roman",
        r#"<w:lvl w:ilvl="0"><w:start w:val="4000000000"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%1."/></w:lvl>"#,
        "",
    ),
    (
        "start-override-max",
        "",
        r#"<w:lvlOverride w:ilvl="0"><w:startOverride w:val="4294967295"/></w:lvlOverride><w:lvlOverride w:ilvl="18446744073709551615"><w:startOverride w:val="4294967295"/></w:lvlOverride>"#,
    ),
    (
        "long-lvl-text",
        // 20,000 placeholders, each 31 letters: 620,000 per paragraph.
        "LONG_LVL_TEXT",
        "",
    ),
];

/// The `word/numbering.xml` of a case of [`NUMBERING_CASES`].
pub fn numbering_xml(levels: &str, overrides: &str) -> String {
    let levels = if levels == "LONG_LVL_TEXT" {
        format!(
            r#"<w:lvl w:ilvl="0"><w:start w:val="806"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="{}"/></w:lvl>"#,
            "%1".repeat(20_000)
        )
    } else {
        levels.to_owned()
    };
    let level_0 = if levels.contains(r#"w:ilvl="0""#) {
        ""
    } else {
        r#"<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>"#
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {W_NAMESPACES}><w:abstractNum w:abstractNumId="0">{level_0}{levels}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/>{overrides}</w:num></w:numbering>"#
    )
}

/// `count` paragraphs of list 1, alternating levels 0 and 1, then one at a
/// level past Word's nine.
pub fn numbered_body(count: usize) -> String {
    let mut body = String::new();
    for i in 0..count {
        body.push_str(&format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{}"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>第{}段</w:t></w:r></w:p>"#,
            i % 2,
            i + 1
        ));
    }
    body.push_str(r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="18446744073709551615"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>层级过大</w:t></w:r></w:p>"#);
    body
}

/// `depth` paragraphs, each in a text box in a run of the one before:
/// `第1层`, `第2层`, …; the innermost says `最里层`. With `closed` false the
/// innermost half are closed and the rest left open (a truncated file).
pub fn nested_text_boxes(depth: usize, closed: bool) -> String {
    let mut body = String::with_capacity(depth * 120);
    for i in 1..=depth {
        body.push_str(&format!(
            r#"<w:p><w:r><w:t>第{i}层</w:t></w:r><w:r><w:pict><w:txbxContent>"#
        ));
    }
    body.push_str("<w:p><w:r><w:t>最里层</w:t></w:r></w:p>");
    let closing = if closed { depth } else { depth / 2 };
    for _ in 0..closing {
        body.push_str("</w:txbxContent></w:pict></w:r></w:p>");
    }
    body
}
