//! Writes the report of `fixtures/formats/report.txt` in every form fzlint
//! reads — Markdown, a Word document (automatic numbering, heading styles,
//! a table, a tracked change), a GB2312 web page, GBK, GB18030, UTF-16LE,
//! UTF-8 with BOM and CRLF text — for trying fzlint by hand:
//!
//!     cargo run --example format_fixtures -- DIR
//!     cargo run -- check DIR/report.docx

#[path = "../tests/support/formats.rs"]
mod formats;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: format_fixtures DIR");
        std::process::exit(2);
    };
    let dir = std::path::Path::new(&dir);
    if let Err(err) = std::fs::create_dir_all(dir).and_then(|()| formats::write_all(dir)) {
        eprintln!("{}: {err}", dir.display());
        std::process::exit(2);
    }
    for name in formats::FILES {
        println!("{}", dir.join(name).display());
    }
}
