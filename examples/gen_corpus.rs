//! Writes a synthetic corpus of 法治政府建设年度报告 for fzlint's benchmark
//! (`bench/run.sh`); see `tests/support/corpus.rs` for what the reports
//! contain and which faults are planted in them.
//!
//!     cargo run --release --example gen_corpus -- DIR [-n COUNT] [--seed SEED]
//!
//! COUNT defaults to 10000, SEED to 1. DIR must be empty or not exist yet.
//! The reports (5–20 KB each, a third `.md`, two thirds `.txt`) go into 100
//! sub-folders of DIR, and `manifest.tsv` lists each report's planted rule
//! ids. The same COUNT and SEED give the same bytes on every run. Prints a
//! one-line summary.

#[path = "../tests/support/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::exit;

const USAGE: &str = "usage: gen_corpus DIR [-n COUNT] [--seed SEED]";

struct Args {
    dir: PathBuf,
    count: usize,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut dir: Option<PathBuf> = None;
    let mut count: usize = 10_000;
    let mut seed: u64 = 1;
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("-h" | "--help") => {
                println!("{USAGE}");
                exit(0);
            }
            Some("-n" | "--count") => {
                let value = args.next().ok_or("-n needs a number")?;
                count = value
                    .to_str()
                    .and_then(|v| v.replace('_', "").parse().ok())
                    .ok_or_else(|| format!("-n: not a count: {}", value.to_string_lossy()))?;
            }
            Some("--seed") => {
                let value = args.next().ok_or("--seed needs a number")?;
                seed = value
                    .to_str()
                    .and_then(|v| v.parse().ok())
                    .ok_or_else(|| format!("--seed: not a number: {}", value.to_string_lossy()))?;
            }
            Some(flag) if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("unknown option {flag}"));
            }
            _ if dir.is_none() => dir = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument {}", arg.to_string_lossy())),
        }
    }
    Ok(Args {
        dir: dir.ok_or("no DIR given")?,
        count,
        seed,
    })
}

fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("gen_corpus: {message}\n{USAGE}");
            exit(2);
        }
    };
    let dir = &args.dir;
    // Never mix a new corpus with old files: the manifest would not describe
    // them, and a benchmark would measure something else.
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                eprintln!(
                    "gen_corpus: {} is not empty; give a new or empty folder",
                    dir.display()
                );
                exit(2);
            }
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => {
            eprintln!("gen_corpus: {}: {err}", dir.display());
            exit(2);
        }
    }
    let started = std::time::Instant::now();
    let reports = match corpus::generate(dir, args.count, args.seed) {
        Ok(reports) => reports,
        Err(err) => {
            eprintln!("gen_corpus: {}: {err}", dir.display());
            exit(2);
        }
    };
    let total: usize = reports.iter().map(|r| r.bytes).sum();
    let markdown = reports.iter().filter(|r| r.path.ends_with(".md")).count();
    let faulty = reports.iter().filter(|r| !r.planted.is_empty()).count();
    let (min, max) = reports.iter().fold((usize::MAX, 0), |(lo, hi), r| {
        (lo.min(r.bytes), hi.max(r.bytes))
    });
    let mean = if reports.is_empty() {
        0.0
    } else {
        total as f64 / reports.len() as f64
    };
    println!(
        "{}: {} reports ({} .md, {} .txt) in {} folders, {} bytes ({:.1} MB), mean {:.0} bytes (min {}, max {}), {} with planted faults (seed {}, {:.1} s)",
        dir.display(),
        reports.len(),
        markdown,
        reports.len() - markdown,
        corpus::FOLDERS.min(reports.len()),
        total,
        total as f64 / 1e6,
        mean,
        if reports.is_empty() { 0 } else { min },
        max,
        faulty,
        args.seed,
        started.elapsed().as_secs_f64()
    );
}
