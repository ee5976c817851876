//! Every rule of the default pack documents examples; each `pass` example
//! must produce no finding of that rule and each `fail` example at least one.

#![allow(clippy::unwrap_used)]

use fzlint::packs::default_pack;
use fzlint_core::document::Document;
use fzlint_core::document::Format;
use fzlint_core::engine::{Checked, Engine, Input};
use fzlint_core::text::source::SourceFile;

fn load() -> Engine {
    Engine::load(&default_pack()).unwrap()
}

/// Checks a text as `fzlint check` does a file of that format.
fn check_text(engine: &Engine, name: &str, text: &str, format: Format) -> Checked {
    engine.check_document(Document::parse(SourceFile::new(name, text), format))
}

#[test]
fn default_pack_examples() {
    let set = match Engine::load(&default_pack()) {
        Ok(set) => set,
        Err(errors) => {
            let lines: Vec<String> = errors.0.iter().map(ToString::to_string).collect();
            panic!("the default pack does not load:\n{}", lines.join("\n"));
        }
    };
    let mut failures = Vec::new();
    let mut ran = 0;
    // The engine's own rules (unused-suppression) have no examples: plain
    // example texts cannot hold suppressions; fixtures cover them.
    for rule in set
        .rules()
        .rules()
        .iter()
        .filter(|r| r.origin != "<fzlint>")
    {
        assert!(
            !rule.examples.pass.is_empty() && !rule.examples.fail.is_empty(),
            "{} needs pass and fail examples",
            rule.id
        );
        for (expect_finding, texts) in [(false, &rule.examples.pass), (true, &rule.examples.fail)] {
            for text in texts {
                ran += 1;
                let Checked { findings, .. } =
                    check_text(&set, "example", text.as_str(), Format::Text);
                let fired = findings.iter().any(|f| f.rule == rule.id);
                if fired != expect_finding {
                    let what = if expect_finding { "fail" } else { "pass" };
                    failures.push(format!("{} {what} example: {text}", rule.id));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(ran >= 10);
}

/// `fzlint rules test` on the default pack: the same examples, and every
/// `substitute` rule's fail examples as fix examples (the replacements
/// written in leave nothing to report and nothing doubled).
#[test]
fn default_pack_passes_rules_test() {
    let results = fzlint_core::pack_test::run(&load(), &[]);
    let failures: Vec<String> = results
        .iter()
        .flat_map(|(id, r)| r.failures.iter().map(move |f| format!("{id}: {f}")))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        results
            .iter()
            .any(|(id, r)| id == "commemorative-day-name" && r.examples >= 8)
    );
}

/// Every rule of the default pack has the fields an author needs.
#[test]
fn default_pack_rules_are_documented() {
    let set = load();
    for rule in set.rules().rules() {
        // The basis may be the rule's own words or the documents it cites.
        for (field, value) in [("help", &rule.help), ("basis", &rule.full_basis())] {
            assert!(
                value.as_deref().is_some_and(|v| !v.trim().is_empty()),
                "{} has no {field}",
                rule.id
            );
        }
    }
}

/// Every rule of the default pack fires on at least one fixture report, so
/// the snapshots show each rule at work on a whole report.
#[test]
fn every_rule_fires_on_some_fixture() {
    let engine = load();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/reports");
    let mut fired = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.display().to_string();
        let bytes = std::fs::read(&path).unwrap();
        if let Ok(checked) = engine.check(&Input::new(&name, &bytes)) {
            fired.extend(checked.findings.into_iter().map(|f| f.rule));
        }
    }
    let silent: Vec<&str> = engine
        .rules()
        .rules()
        .iter()
        .map(|r| r.id.as_str())
        .filter(|id| !fired.contains(*id))
        .collect();
    assert!(silent.is_empty(), "no fixture triggers: {silent:?}");
}

/// Markdown emphasis is markup, not a placeholder; in plain text the same
/// asterisks are left-over placeholders. "X射线" is never one.
#[test]
fn placeholders_and_markdown_emphasis() {
    use fzlint_core::document::Format;
    let set = load();
    let placeholders = |text: &str, format: Format| -> Vec<String> {
        let Checked {
            findings, document, ..
        } = check_text(&set, "t", text, format);
        findings
            .iter()
            .filter(|f| f.rule == "placeholder")
            .map(|f| document.text()[f.span.clone()].to_owned())
            .collect()
    };
    let text = "全年办理**重点**案件**件，配备X射线设备2台。\n";
    assert_eq!(placeholders(text, Format::Markdown), vec!["**"]);
    assert_eq!(placeholders(text, Format::Text), vec!["**", "**", "**"]);
    assert!(placeholders("配备X射线设备。XXL码。", Format::Text).is_empty());
    assert_eq!(
        placeholders("由XX县、ＸＸ乡、×××同志负责。", Format::Text),
        vec!["XX", "ＸＸ", "×××"]
    );
}
