//! One engine: what the command line reports about a report is exactly what
//! the engine's one entry point, `Engine::check`, finds in its bytes — rule,
//! severity, message, label, byte span, secondary labels — for every fixture
//! report and for the same report in every format and encoding fzlint
//! reads. The browser page and the language server call the same entry
//! point; this is the test their own tests extend. It also checks the UTF-16
//! positions editors and JavaScript use against the JSON's line and column.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use assert_cmd::Command;
use fzlint::packs::default_pack;
use fzlint_core::engine::{Engine, Input};
use fzlint_core::finding::Finding;

#[path = "support/fixtures.rs"]
mod fixtures;
#[path = "support/formats.rs"]
mod formats;

/// A finding as the JSON output gives it, as comparable text.
fn from_json(finding: &serde_json::Value) -> String {
    format!(
        "{} {} {}..{} {}",
        finding["rule"].as_str().unwrap(),
        finding["severity"].as_str().unwrap(),
        finding["span"]["start"],
        finding["span"]["end"],
        finding["message"].as_str().unwrap(),
    )
}

/// The same text from the engine's finding.
fn from_engine(finding: &Finding) -> String {
    format!(
        "{} {} {}..{} {}",
        finding.rule,
        finding.severity.as_str(),
        finding.span.start,
        finding.span.end,
        finding.message
    )
}

fn cli_findings(dir: &Path, paths: &[String]) -> Vec<(String, Vec<String>)> {
    let output = Command::cargo_bin("fzlint")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--no-config", "--format", "json"])
        .args(paths)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|file| {
            let findings = file["findings"]
                .as_array()
                .map(|f| f.iter().map(from_json).collect())
                .unwrap_or_default();
            (file["path"].as_str().unwrap().to_owned(), findings)
        })
        .collect()
}

/// Compares every file; returns how many findings were compared.
fn assert_same(engine: &Engine, dir: &Path, names: &[String]) -> usize {
    let mut compared = 0;
    let cli = cli_findings(dir, names);
    assert_eq!(cli.len(), names.len());
    for (name, (path, from_cli)) in names.iter().zip(cli) {
        assert_eq!(&path, name);
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let checked = engine
            .check(&Input::new(name, &bytes))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let from_engine: Vec<String> = checked.findings.iter().map(from_engine).collect();
        assert_eq!(from_cli, from_engine, "{name}");
        compared += from_engine.len();
        // Editors' positions: UTF-16, 0-based, from the same line as the
        // JSON's 1-based line, and back to the same byte.
        let source = checked.document.source();
        for finding in &checked.findings {
            let at = source.utf16_position(finding.span.start);
            let position = source.position(finding.span.start);
            assert_eq!(at.line as usize + 1, position.line, "{name}");
            assert_eq!(source.offset_of_utf16(at), finding.span.start, "{name}");
        }
    }
    compared
}

#[test]
fn the_command_line_reports_what_the_engine_finds_in_every_fixture() {
    let engine = Engine::load(&default_pack()).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let names = fixtures::fixture_reports();
    assert!(names.len() >= 20);
    let compared = assert_same(&engine, root, &names);
    assert!(compared >= 100, "only {compared} findings compared");
}

#[test]
fn the_command_line_reports_what_the_engine_finds_in_every_format() {
    let engine = Engine::load(&default_pack()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    formats::write_all(dir.path()).unwrap();
    let names: Vec<String> = formats::FILES.iter().map(|s| (*s).to_owned()).collect();
    let compared = assert_same(&engine, dir.path(), &names);
    assert!(compared >= names.len(), "only {compared} findings compared");
}
