//! Writes Word documents made to hurt a reader, for measuring fzlint on
//! them by hand (`tests/support/hostile_docx.rs` says what each holds):
//!
//!     cargo run --example hostile_docx -- DIR
//!     /usr/bin/time -v target/release/fzlint check --no-config DIR/bomb-1gib.docx
//!
//! - `bomb-1gib.docx`, `bomb-3gib.docx`: `word/document.xml` inflates to
//!   1 GiB (3 GiB) of spaces from a file of about 1 MB (3 MB);
//! - `numbering-CASE.docx`: forty paragraphs numbered under each case of
//!   `NUMBERING_CASES` (a level of 18446744073709551615 or 300000000, a
//!   start of 4000000000 in letters or roman numerals, a start override of
//!   4294967295, a level text of 20,000 placeholders);
//! - `nested-N.docx`: paragraphs nested N deep in text boxes.

#[path = "../tests/support/docx_package.rs"]
mod docx_package;
#[allow(dead_code)]
#[path = "../tests/support/hostile_docx.rs"]
mod hostile_docx;

use std::path::Path;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: hostile_docx DIR");
        std::process::exit(2);
    };
    if let Err(err) = write_all(Path::new(&dir)) {
        eprintln!("{dir}: {err}");
        std::process::exit(2);
    }
}

fn write_all(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        println!("{} ({} bytes)", path.display(), bytes.len());
        std::fs::write(path, bytes)
    };
    for (name, gib) in [("bomb-1gib.docx", 1), ("bomb-3gib.docx", 3)] {
        let copies = (gib << 30) / 258;
        write(
            name,
            &hostile_docx::zip_bomb(&[], &[("word/document.xml", copies, None)]),
        )?;
    }
    let docx = |document: &str, numbering: Option<&str>| {
        docx_package::package(
            &[
                ("word/document.xml", Some(document.as_bytes())),
                ("word/numbering.xml", numbering.map(str::as_bytes)),
            ],
            zip::CompressionMethod::Deflated,
        )
    };
    for (case, levels, overrides) in hostile_docx::NUMBERING_CASES {
        let numbering = hostile_docx::numbering_xml(levels, overrides);
        let document = hostile_docx::document_xml(&hostile_docx::numbered_body(40));
        write(
            &format!("numbering-{case}.docx"),
            &docx(&document, Some(&numbering))?,
        )?;
    }
    for depth in [10_000, 40_000, 100_000] {
        let document = hostile_docx::document_xml(&hostile_docx::nested_text_boxes(depth, true));
        write(&format!("nested-{depth}.docx"), &docx(&document, None)?)?;
    }
    Ok(())
}
