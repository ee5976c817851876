//! Any bytes as a rule file (`--rules FILE`): loading may fail with rule
//! errors, which must render; a pack that loads must run on a report, on
//! its own examples (`fzlint rules test`) and through the writers without
//! panicking, and its findings' spans must be exact.

#![no_main]

use fzlint::output::termcolor::NoColor;
use fzlint_core::document::{Document, Format};
use fzlint_core::engine::Engine;
use fzlint_core::pack::RuleSource;
use fzlint_core::text::source::SourceFile;
use fzlint_fuzz::{assert_result_sound, check, render};
use libfuzzer_sys::fuzz_target;

/// A report for the fuzzed rules to run on.
const REPORT: &str = include_str!("../../fixtures/formats/report.txt");

fuzz_target!(|data: &[u8]| {
    // `read_pack` rejects a rule file that is not UTF-8 before parsing.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = RuleSource::new("fuzz.yaml", text);
    let rules = match Engine::load(&[source]) {
        Ok(rules) => rules,
        Err(errors) => {
            let mut out = NoColor::new(Vec::new());
            for error in &errors.0 {
                fzlint::output::human::write_rule_error(&mut out, error)
                    .expect("writing to memory");
            }
            return;
        }
    };
    let mut out = NoColor::new(Vec::new());
    let set = rules.rules();
    fzlint::output::human::write_rules(&mut out, set.rules(), set.provenance())
        .expect("writing to memory");
    let mut out = Vec::new();
    fzlint::output::json::write_rules(&mut out, set).expect("writing to memory");
    let _: serde_json::Value = serde_json::from_slice(&out).expect("the JSON rule list parses");
    out.clear();
    fzlint::output::markdown::write_rules(&mut out, set.rules()).expect("writing to memory");
    // The rules' own examples are fuzzed text checked by fuzzed rules.
    let _ = fzlint_core::pack_test::run(&rules, &[]);
    let mut results = Vec::new();
    for (name, format) in [
        ("report.txt", Format::Text),
        ("report.md", Format::Markdown),
    ] {
        let source = SourceFile::new(name, REPORT);
        results.push(check(&rules, Document::parse(source, format)));
    }
    for result in &results {
        assert_result_sound(result);
    }
    render(&rules, &results);
});
