//! Writes a collection of synthetic 法治政府建设年度报告 for benchmarks of
//! `fzlint audit` (see `tests/support/synthetic.rs` for what they contain).
//!
//!     cargo run --release --example synthetic_reports -- DIR [COUNT] [SEED] [VARIETY]
//!
//! COUNT defaults to 5000, SEED to 2026, VARIETY (how many characters the
//! reports' own details are drawn from; a small number makes them repeat
//! across reports, the hard case for the similarity index) to 60. Prints
//! the planted similar pairs as `a<TAB>b` lines, paths relative to DIR.

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: synthetic_reports DIR [COUNT] [SEED] [VARIETY]");
        std::process::exit(2);
    };
    let count: usize = args.next().and_then(|c| c.parse().ok()).unwrap_or(5000);
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(2026);
    let variety: usize = args.next().and_then(|v| v.parse().ok()).unwrap_or(60);
    match synthetic::generate(std::path::Path::new(&dir), count, seed, variety) {
        Ok(reports) => {
            for (a, b) in synthetic::planted_pairs(&reports) {
                println!("{a}\t{b}");
            }
        }
        Err(err) => {
            eprintln!("{dir}: {err}");
            std::process::exit(2);
        }
    }
}
