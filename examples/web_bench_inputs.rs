//! Writes the inputs of the page's benchmark (`bench/web.sh`): a report of
//! about 20,000 characters as a Word document and as plain text, made from
//! the format fixtures' master report (`fixtures/formats/report.txt`) by
//! repeating the paragraphs of its first part.
//!
//!     cargo run --release --example web_bench_inputs -- DIR

#[path = "../tests/support/formats.rs"]
mod formats;

use std::path::PathBuf;

/// About the length of a long county report.
const CHARACTERS: usize = 20_000;

fn main() {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: web_bench_inputs DIR");
        std::process::exit(2);
    };
    let master = formats::master();
    let lines: Vec<&str> = master.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.starts_with("一、"))
        .unwrap_or(0);
    let second = lines
        .iter()
        .position(|l| l.starts_with("二、"))
        .unwrap_or(lines.len());
    let body: Vec<&str> = lines[first + 1..second]
        .iter()
        .copied()
        .filter(|l| !l.starts_with('（'))
        .collect();
    let mut out: Vec<&str> = lines[..second].to_vec();
    let mut length: usize = master.chars().count();
    while length < CHARACTERS && !body.is_empty() {
        for line in &body {
            out.push(line);
            length += line.chars().count() + 1;
        }
    }
    out.extend(&lines[second..]);
    let text = out.join("\n") + "\n";
    let write = |name: &str, bytes: &[u8]| {
        if let Err(e) = std::fs::write(dir.join(name), bytes) {
            eprintln!("{name}: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{}: {e}", dir.display());
        std::process::exit(1);
    }
    write("report-20k.txt", text.as_bytes());
    match formats::docx(&text) {
        Ok(docx) => write("report-20k.docx", &docx),
        Err(e) => {
            eprintln!("report-20k.docx: {e}");
            std::process::exit(1);
        }
    }
    println!(
        "{}: report-20k.txt and report-20k.docx, {} characters",
        dir.display(),
        text.chars().count()
    );
}
