//! Shared code of fzlint's fuzz targets: the embedded rule pack compiled
//! once, a check that runs like `fzlint check` does on one file (rules,
//! audit elements, inline suppressions), the invariants every finding must
//! hold, and rendering through the writers authors and CI systems read.
//!
//! A panic anywhere is a bug: fzlint promises that reading a report never
//! fails on its content and that every span is an exact byte range into the
//! text it checked.

use std::ops::Range;
use std::sync::OnceLock;

use fzlint::config::FailLevel;
use fzlint::output::termcolor::NoColor;
use fzlint::report::Run;
use fzlint_core::document::Document;
use fzlint_core::engine::{Engine, FileResult, Outcome, RuleSet};
use fzlint_core::finding::Finding;
use fzlint_core::text::source::SourceFile;

pub mod dice;
pub mod genre;

#[path = "../../tests/support/position.rs"]
mod position;
pub use position::expected_position;

/// The engine with the default pack (`rules/fazhi/`), compiled once per
/// process.
pub fn embedded_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        Engine::load(&fzlint::packs::default_pack()).expect("the embedded rule pack loads")
    })
}

/// Checks a document as the command line does one file: through the
/// engine's one entry point, after reading.
pub fn check(engine: &Engine, document: Document) -> FileResult {
    FileResult::from(Ok(engine.check_document(document)))
}

fn check_span(source: &SourceFile, span: &Range<usize>, what: &str) {
    let text = source.text();
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on character boundaries"
    );
    for offset in [span.start, span.end] {
        let position = source.position(offset);
        assert_eq!(
            (position.line, position.column),
            expected_position(text, offset),
            "{what}: position of offset {offset}"
        );
    }
}

/// Asserts what every finding must satisfy: its span and its labels' spans
/// are byte ranges inside the text, on character boundaries, and their line
/// and column agree with an independent computation.
pub fn assert_findings_sound(source: &SourceFile, findings: &[Finding]) {
    for finding in findings {
        let what = format!("finding of {}", finding.rule);
        check_span(source, &finding.span, &what);
        for label in &finding.secondary {
            check_span(source, &label.span, &format!("label of {}", finding.rule));
        }
    }
}

/// Asserts the invariants of a checked file (an unreadable one has none).
pub fn assert_result_sound(result: &FileResult) {
    if let Outcome::Checked {
        document, findings, ..
    } = &result.outcome
    {
        assert_findings_sound(document.source(), findings);
        let text = document.text();
        for section in &document.outline().sections {
            let (span, heading) = (&section.span, &section.heading_span);
            for range in [span, heading] {
                assert!(
                    range.start <= range.end
                        && range.end <= text.len()
                        && text.is_char_boundary(range.start)
                        && text.is_char_boundary(range.end),
                    "section span {range:?} outside the text or not on character boundaries"
                );
            }
            assert!(
                span.start <= heading.start && heading.end <= span.end,
                "section {span:?} does not contain its heading {heading:?}"
            );
        }
    }
}

/// Renders results through the writers of `fzlint check`: human
/// diagnostics (with the long-line cropping and caret placement), JSON,
/// JSON Lines, SARIF and GitHub workflow commands, into memory. The JSON
/// output must parse back.
pub fn render(engine: &Engine, results: &[FileResult]) {
    let rules: &RuleSet = engine.rules();
    let summary = fzlint::report::summarize(results);
    let run = Run {
        results,
        summary: &summary,
        rules,
        fail_level: FailLevel::Error,
    };
    let mut human = NoColor::new(Vec::new());
    for result in results {
        match &result.outcome {
            Outcome::Checked {
                document, findings, ..
            } => fzlint::output::human::write_findings(&mut human, document, findings)
                .expect("writing to memory"),
            Outcome::Failed(error) => fzlint::output::human::write_input_error(&mut human, error)
                .expect("writing to memory"),
        }
    }
    fzlint::output::human::write_summary(&mut human, &summary).expect("writing to memory");
    for result in results {
        if let Outcome::Checked { document, .. } = &result.outcome {
            fzlint::output::human::write_outline(&mut human, document.source(), document.outline())
                .expect("writing to memory");
            let mut outline = Vec::new();
            fzlint::output::json::write_outlines(&mut outline, std::slice::from_ref(&**document))
                .expect("writing to memory");
            let _: serde_json::Value =
                serde_json::from_slice(&outline).expect("the JSON outline parses");
        }
    }
    let mut json = Vec::new();
    fzlint::output::json::write_report(&mut json, results, &summary).expect("writing to memory");
    let _: serde_json::Value = serde_json::from_slice(&json).expect("the JSON output parses");
    let mut out = Vec::new();
    fzlint::output::jsonl::write(&mut out, &run).expect("writing to memory");
    out.clear();
    fzlint::output::sarif::write(&mut out, &run).expect("writing to memory");
    out.clear();
    fzlint::output::github::write(&mut out, &run).expect("writing to memory");
}
