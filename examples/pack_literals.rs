//! Prints the literals fzlint's scan of the normalised text looks for with
//! the embedded default pack (the rules' literal patterns and the regexes'
//! required literals), one per line, normalised as fzlint matches them: the
//! pattern file of the benchmark's `rg -c -F -f` floor (see `bench/run.sh`).
//!
//!     cargo run --release --example pack_literals > literals.txt

use std::io::Write as _;

fn main() {
    let rules = match fzlint_core::engine::RuleSet::load(&fzlint::packs::default_pack()) {
        Ok(rules) => rules,
        Err(errors) => {
            eprintln!("the embedded pack does not load: {errors:?}");
            std::process::exit(2);
        }
    };
    let mut out = std::io::stdout().lock();
    for literal in rules.literal_patterns() {
        if writeln!(out, "{literal}").is_err() {
            std::process::exit(1);
        }
    }
}
