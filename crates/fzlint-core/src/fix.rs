//! Fixes written back: the replacements of rules marked `fix: safe` (a
//! substitution with a single right form — a canonical term, the 一字线 in a
//! year range, 截止→截至), never a structural change.
//!
//! A file is rewritten by splicing its original bytes: every byte outside
//! the replaced spans is copied unchanged, so its encoding, byte-order mark
//! and line endings stay as they were, and only the replacements are
//! encoded (in the file's encoding). For a file that was decoded from
//! another encoding, each stretch of the text is encoded again and compared
//! with the original bytes before they are trusted; any difference refuses
//! the fix for that file rather than risk changing what was not meant to
//! change.
//!
//! A replacement is only offered where writing it in is right as it stands
//! ([`crate::checks::collision`], decided where the finding is made): a fix that adds words at an edge of what it replaces
//! (国家安全日 → 全民国家安全教育日 writes 全民 in front) is not offered
//! when the word next to the match is of the same shape as the one it adds
//! (全面国家安全日 would become 全面全民国家安全教育日). The finding stays,
//! for a person to correct.

use std::ops::Range;

use crate::engine::RuleSet;
use crate::finding::Finding;
use crate::text::decode;
use crate::text::source::SourceFile;

/// One replacement to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Byte range in the text.
    pub span: Range<usize>,
    /// What replaces it.
    pub replacement: String,
    /// The rule that asked for it.
    pub rule: String,
}

/// Why a file could not be fixed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FixError {
    /// The file on disk is no longer the text that was checked.
    #[error("文件在检查之后被改动过，未修改")]
    Changed,
    /// The file is as checked, but a character of it does not encode back
    /// to the bytes it was read from (GBK's euro sign 0x80 reads as € and
    /// encodes as A2 E3), so the file cannot be rewritten byte for byte.
    #[error(
        "文件中有按 {0} 编码读出后无法原样写回的字符（如 GBK 的欧元符号 0x80），为免改动其他字节，未修改"
    )]
    NotReversible(&'static str),
    /// A replacement has a character the file's encoding cannot hold.
    #[error("替换文字“{0}”无法用文件的编码（{1}）保存，未修改")]
    Unencodable(String, &'static str),
}

/// The safe edits among findings: replacements of `fix: safe` rules, in
/// text order; of overlapping edits the first is kept.
pub fn edits(findings: &[Finding], rules: &RuleSet) -> Vec<Edit> {
    let edits: Vec<Edit> = findings
        .iter()
        .filter(|f| rules.get(&f.rule).is_some_and(|r| r.safe_fix))
        .filter_map(|f| {
            Some(Edit {
                span: f.span.clone(),
                replacement: f.replacement.clone()?,
                rule: f.rule.clone(),
            })
        })
        .collect();
    non_overlapping(edits)
}

/// Sorts edits and drops each that overlaps an earlier one.
pub(crate) fn non_overlapping(mut edits: Vec<Edit>) -> Vec<Edit> {
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut kept: Vec<Edit> = Vec::with_capacity(edits.len());
    for edit in edits {
        if kept
            .last()
            .is_none_or(|last| last.span.end <= edit.span.start)
        {
            kept.push(edit);
        }
    }
    kept
}

/// The text with the edits made.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.replacement);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The file's new bytes: `original` (the bytes as they are on disk, from
/// which `source` was decoded) with the edits spliced in.
pub fn rewrite(original: &[u8], source: &SourceFile, edits: &[Edit]) -> Result<Vec<u8>, FixError> {
    let decoding = source.decoding();
    let text = source.text();
    if decoding.is_utf8() {
        if original != text.as_bytes() {
            return Err(FixError::Changed);
        }
        return Ok(apply(text, edits).into_bytes());
    }
    // The bytes before the text: a UTF-16 byte-order mark.
    let lead = if decoding.bom { 2 } else { 0 };
    if original.len() < lead {
        return Err(FixError::Changed);
    }
    // Whether the file is still what was checked decides what a mismatch
    // below means.
    let (again, _) = decoding
        .encoding
        .decode_without_bom_handling(&original[lead..]);
    if again != text {
        return Err(FixError::Changed);
    }
    let mismatch = || FixError::NotReversible(decoding.name());
    let mut out = original[..lead].to_vec();
    let mut from_text = 0;
    let mut from_bytes = lead;
    // Copies the original bytes of text[from_text..to], checked.
    let keep = |to: usize, out: &mut Vec<u8>, from_text: &mut usize, from_bytes: &mut usize| {
        let bytes = decode::encode(&text[*from_text..to], decoding).ok_or_else(mismatch)?;
        let end = *from_bytes + bytes.len();
        if original.get(*from_bytes..end) != Some(bytes.as_slice()) {
            return Err(mismatch());
        }
        out.extend_from_slice(&original[*from_bytes..end]);
        *from_bytes = end;
        *from_text = to;
        Ok(())
    };
    for edit in edits {
        keep(edit.span.start, &mut out, &mut from_text, &mut from_bytes)?;
        let replaced = decode::encode(&text[edit.span.clone()], decoding).ok_or_else(mismatch)?;
        let end = from_bytes + replaced.len();
        if original.get(from_bytes..end) != Some(replaced.as_slice()) {
            return Err(mismatch());
        }
        let new = decode::encode(&edit.replacement, decoding)
            .ok_or_else(|| FixError::Unencodable(edit.replacement.clone(), decoding.name()))?;
        out.extend_from_slice(&new);
        from_bytes = end;
        from_text = edit.span.end;
    }
    let mut scratch = (from_text, from_bytes);
    keep(text.len(), &mut out, &mut scratch.0, &mut scratch.1)?;
    if scratch.1 != original.len() {
        return Err(mismatch());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::decode::Decoding;

    fn edit(text: &str, wrong: &str, right: &str) -> Edit {
        let start = text.find(wrong).unwrap();
        Edit {
            span: start..start + wrong.len(),
            replacement: right.to_owned(),
            rule: "r".to_owned(),
        }
    }

    const TEXT: &str = "一、成效\r\n开展法制宣传活动，落实《纲要（2021-2025年）》。\r\n";

    #[test]
    fn only_the_replaced_spans_change_in_utf8_with_crlf() {
        let edits = [edit(TEXT, "法制宣传", "法治宣传"), edit(TEXT, "-", "—")];
        let source = SourceFile::new("t.txt", TEXT);
        let out = rewrite(TEXT.as_bytes(), &source, &edits).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "一、成效\r\n开展法治宣传活动，落实《纲要（2021—2025年）》。\r\n"
        );
    }

    #[test]
    fn gbk_and_utf16_files_keep_their_encoding() {
        let edits = [edit(TEXT, "法制宣传", "法治宣传")];
        let (gbk, _, _) = encoding_rs::GB18030.encode(TEXT);
        let (text, decoding) = decode::decode("g", &gbk, None).unwrap();
        let source = SourceFile::decoded("g", text, decoding);
        let out = rewrite(&gbk, &source, &edits).unwrap();
        let fixed = TEXT.replace("法制宣传", "法治宣传");
        let (expected, _, _) = encoding_rs::GB18030.encode(&fixed);
        assert_eq!(out, expected.into_owned());
        // Every byte outside the replaced span is the original's.
        let differing: Vec<usize> = (0..gbk.len()).filter(|&i| gbk[i] != out[i]).collect();
        let start = encoding_rs::GB18030
            .encode(&TEXT[..TEXT.find("法制").unwrap()])
            .0
            .len();
        assert!(
            differing.iter().all(|&i| (start..start + 4).contains(&i)),
            "{differing:?}"
        );

        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(TEXT.encode_utf16().flat_map(u16::to_le_bytes));
        let (text, decoding) = decode::decode("u", &utf16, None).unwrap();
        let source = SourceFile::decoded("u", text, decoding);
        let out = rewrite(&utf16, &source, &edits).unwrap();
        assert_eq!(&out[..2], &[0xFF, 0xFE]);
        let back = String::from_utf16(
            &out[2..]
                .chunks(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect::<Vec<_>>(),
        )
        .unwrap();
        assert_eq!(back, TEXT.replace("法制宣传", "法治宣传"));
    }

    #[test]
    fn a_changed_file_or_an_unencodable_replacement_is_refused() {
        let edits = [edit(TEXT, "法制宣传", "法治宣传")];
        let source = SourceFile::new("t.txt", TEXT);
        assert_eq!(
            rewrite(b"something else", &source, &edits),
            Err(FixError::Changed)
        );
        let (gbk, _, _) = encoding_rs::GBK.encode(TEXT);
        let decoding = Decoding {
            encoding: encoding_rs::GBK,
            bom: false,
            detected: true,
        };
        let source = SourceFile::decoded("g", TEXT, decoding);
        let rare = [edit(TEXT, "法制宣传", "𠀀")];
        assert!(matches!(
            rewrite(&gbk, &source, &rare),
            Err(FixError::Unencodable(..))
        ));
    }

    #[test]
    fn overlapping_edits_keep_the_first() {
        let text = "截止2023年底";
        let mut a = edit(text, "截止2023年", "截至2023年");
        a.rule = "a".to_owned();
        let mut b = edit(text, "2023年底", "2023年末");
        b.rule = "b".to_owned();
        let kept = non_overlapping(vec![b, a.clone()]);
        assert_eq!(kept, vec![a]);
        assert_eq!(apply(text, &kept), "截至2023年底");
    }
}
