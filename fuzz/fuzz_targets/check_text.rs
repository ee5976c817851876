//! Any bytes as a report in plain text, Markdown or a web page, optionally
//! with an encoding forced as with `--encoding`: reading may fail with an
//! `InputError`, but nothing may panic, every finding's span must be exact,
//! and `--fix` must splice its edits into the very bytes that were read
//! (or refuse for a reason).
//!
//! The first byte selects how the rest is read: bits 0–1 the format (text,
//! Markdown, HTML, text), bits 2–4 a forced encoding (none, GB18030,
//! UTF-16LE, UTF-16BE, Big5, none…).

#![no_main]

use fzlint_core::document::{Document, Format, html};
use fzlint_core::engine::Outcome;
use fzlint_core::fix::{self, FixError};
use fzlint_core::text::source::SourceFile;
use fzlint_fuzz::{assert_result_sound, check, embedded_engine, render};
use libfuzzer_sys::fuzz_target;

/// Whether the text encodes back, with its byte-order mark, to exactly the
/// bytes it was decoded from (computed without `fzlint_core::text::decode::encode`).
fn round_trips(bytes: &[u8], source: &SourceFile) -> bool {
    let decoding = source.decoding();
    let text = source.text();
    let name = decoding.name();
    let mut out = Vec::new();
    if name == "UTF-16LE" || name == "UTF-16BE" {
        let little = name == "UTF-16LE";
        if decoding.bom {
            out.extend_from_slice(if little { b"\xFF\xFE" } else { b"\xFE\xFF" });
        }
        for unit in text.encode_utf16() {
            out.extend(if little {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
    } else {
        let (encoded, _, unmappable) = decoding.encoding.encode(text);
        if unmappable {
            return false;
        }
        out.extend_from_slice(&encoded);
    }
    out == bytes
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else {
        return;
    };
    let format = match mode & 3 {
        1 => Format::Markdown,
        2 => Format::Html,
        _ => Format::Text,
    };
    let forced = match (mode >> 2) & 7 {
        1 => fzlint_core::text::decode::encoding_for_label("gb18030"),
        2 => fzlint_core::text::decode::encoding_for_label("utf-16le"),
        3 => fzlint_core::text::decode::encoding_for_label("utf-16be"),
        4 => fzlint_core::text::decode::encoding_for_label("big5"),
        _ => None,
    };
    let rules = embedded_engine();
    let document = match format {
        Format::Html => match html::read("fuzz.html", bytes, forced) {
            Ok(extracted) => Document::from_extracted(extracted),
            Err(_) => return,
        },
        _ => match SourceFile::from_bytes("fuzz.txt", bytes, forced) {
            Ok(source) => Document::parse(source, format),
            Err(_) => return,
        },
    };
    let result = check(rules, document);
    assert_result_sound(&result);
    if format != Format::Html
        && let Outcome::Checked {
            document, findings, ..
        } = &result.outcome
    {
        // `--fix` rewrites the file by splicing the original bytes. The
        // bytes just read have not changed, so a refusal needs a reason: a
        // replacement the encoding cannot hold, or text that does not
        // encode back to the same bytes.
        let source = document.source();
        let edits = fix::edits(findings, rules.rules());
        let fixed = fix::apply(source.text(), &edits);
        match fix::rewrite(bytes, source, &edits) {
            Ok(new) => {
                let decoding = source.decoding();
                if decoding.is_utf8() {
                    assert_eq!(new, fixed.as_bytes(), "UTF-8 rewrite");
                } else {
                    let lead = if decoding.bom { 2 } else { 0 };
                    let back = decoding
                        .encoding
                        .decode_without_bom_handling_and_without_replacement(&new[lead..])
                        .expect("the rewritten bytes decode");
                    assert_eq!(back, fixed, "{} rewrite", decoding.name());
                }
            }
            Err(FixError::Unencodable(..)) => {}
            // Refusing is right when the text does not encode back to the
            // very bytes it was decoded from (GB18030 reads 0x80 as €, which
            // it writes as A2 E3; Big5 has duplicate codes).
            Err(FixError::NotReversible(encoding)) => assert!(
                !round_trips(bytes, source),
                "fix refused as not reversible, but {encoding} round-trips ({} edits)",
                edits.len()
            ),
            // The bytes are exactly those read: they cannot have changed.
            Err(FixError::Changed) => panic!(
                "fix refused as if the file had changed ({} edits, {})",
                edits.len(),
                source.decoding().name()
            ),
        }
    }
    render(rules, std::slice::from_ref(&result));
});
