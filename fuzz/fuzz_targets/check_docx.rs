//! Word documents: fuzzed `word/document.xml` (and `numbering.xml`,
//! `styles.xml`, an existing `comments.xml`) zipped into an otherwise valid
//! `.docx`, or the raw input as the `.docx` file. Reading may fail with an
//! `InputError`; nothing may panic, every finding's span must be exact, and
//! `fzlint annotate` must write a copy that reads back to the same text.
//!
//! The first byte selects: bit 0 the raw input as the file; bit 1 annotate
//! too. Otherwise the rest is split at 0xFF bytes (never in UTF-8) into the
//! parts, in the order above.

#![no_main]

use fzlint_core::document::{Document, docx};
use fzlint_core::engine::Outcome;
use fzlint_fuzz::{assert_result_sound, check, embedded_engine, render};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/docx_package.rs"]
mod docx_package;

/// A `.docx` with the given parts (`None` leaves a part out), stored
/// uncompressed.
fn docx_with(parts: &[(&str, Option<&[u8]>)]) -> Vec<u8> {
    docx_package::package(parts, zip::CompressionMethod::Stored).expect("zip in memory")
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, input)) = data.split_first() else {
        return;
    };
    let bytes = if mode & 1 == 1 {
        input.to_vec()
    } else {
        let mut parts = input.split(|&b| b == 0xFF);
        let document = parts.next().unwrap_or_default();
        let (numbering, styles, comments) = (parts.next(), parts.next(), parts.next());
        docx_with(&[
            ("word/document.xml", Some(document)),
            ("word/numbering.xml", numbering),
            ("word/styles.xml", styles),
            ("word/comments.xml", comments),
        ])
    };
    let rules = embedded_engine();
    let Ok(extracted) = docx::read("fuzz.docx", &bytes) else {
        return;
    };
    let result = check(rules, Document::from_extracted(extracted));
    assert_result_sound(&result);
    if mode & 2 == 2
        && let Outcome::Checked {
            document, findings, ..
        } = &result.outcome
    {
        // The annotated copy is still a Word document with the same text:
        // comments are not report text.
        if let Ok((copy, _)) = fzlint_core::annotate::annotate("fuzz.docx", &bytes, findings) {
            let again = docx::read("fuzz.fzlint.docx", &copy)
                .unwrap_or_else(|e| panic!("the annotated copy does not read: {e}"));
            assert_eq!(
                again.source.text(),
                document.text(),
                "the annotated copy reads differently"
            );
        }
    }
    render(rules, std::slice::from_ref(&result));
});
