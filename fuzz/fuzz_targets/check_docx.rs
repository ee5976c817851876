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

use std::io::Write;

use fzlint::document::{Document, docx};
use fzlint::report::Outcome;
use fzlint_fuzz::{assert_result_sound, check, embedded_rules, render};
use libfuzzer_sys::fuzz_target;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;

/// A `.docx` with the given parts (`None` leaves a part out).
fn docx_with(parts: &[(&str, Option<&[u8]>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let fixed: [(&str, Option<&[u8]>); 3] = [
        ("[Content_Types].xml", Some(CONTENT_TYPES.as_bytes())),
        ("_rels/.rels", Some(RELS.as_bytes())),
        (
            "word/_rels/document.xml.rels",
            Some(DOCUMENT_RELS.as_bytes()),
        ),
    ];
    for (name, content) in fixed.iter().chain(parts) {
        if let Some(content) = content {
            zip.start_file(*name, options).expect("zip in memory");
            zip.write_all(content).expect("zip in memory");
        }
    }
    zip.finish().expect("zip in memory").into_inner()
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
    let rules = embedded_rules();
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
        if let Ok((copy, _)) = fzlint::annotate::annotate("fuzz.docx", &bytes, findings) {
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
