//! The benchmark's second floor: what finding every occurrence of every
//! literal costs, with nothing else a linter does. Reads every `.md`/`.txt`
//! under a folder (on all cores, like `fzlint check`) and runs one
//! Aho-Corasick DFA of the given patterns over each file's bytes with
//! overlapping matches — the scan fzlint's literal rules need — then prints
//! the number of files and of occurrences.
//!
//! `rg -c` (the first floor) is cheaper still: it stops at the first match
//! of a line and never reports overlaps. See `bench/run.sh`.
//!
//!     cargo run --release --example overlap_floor -- literals.txt DIR

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rayon::prelude::*;

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files(&path, out)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("md" | "txt")
        ) {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [literals, dir] = args.as_slice() else {
        eprintln!("usage: overlap_floor LITERALS_FILE DIR");
        return ExitCode::from(2);
    };
    let patterns = match std::fs::read_to_string(literals) {
        Ok(text) => text
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect::<Vec<_>>(),
        Err(e) => {
            eprintln!("overlap_floor: {literals}: {e}");
            return ExitCode::from(2);
        }
    };
    let automaton = match AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .prefilter(false)
        .build(&patterns)
    {
        Ok(automaton) => automaton,
        Err(e) => {
            eprintln!("overlap_floor: {e}");
            return ExitCode::from(2);
        }
    };
    let mut paths = Vec::new();
    if let Err(e) = files(Path::new(dir), &mut paths) {
        eprintln!("overlap_floor: {dir}: {e}");
        return ExitCode::from(2);
    }
    let counts: Vec<usize> = paths
        .par_iter()
        .map(|path| match std::fs::read(path) {
            Ok(bytes) => automaton.find_overlapping_iter(&bytes).count(),
            Err(e) => {
                eprintln!("overlap_floor: {}: {e}", path.display());
                0
            }
        })
        .collect();
    println!(
        "{} files, {} occurrences of {} patterns",
        paths.len(),
        counts.iter().sum::<usize>(),
        patterns.len()
    );
    ExitCode::SUCCESS
}
