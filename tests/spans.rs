//! Spans are exact: byte offsets into the file as read, on character
//! boundaries, with 1-based line and column (in characters) that agree with
//! an independent computation — on Chinese text, CRLF files and files with a
//! byte-order mark.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

use fzlint_core::document::Document;
use fzlint_core::document::Format;
use fzlint_core::engine::{Checked, Engine};
use fzlint_core::pack::RuleSource;
use fzlint_core::text::source::SourceFile;

#[path = "support/fixtures.rs"]
mod fixtures;
#[path = "support/position.rs"]
mod position;

use fixtures::fixture_reports;
use position::expected_position;

/// Checks a finding's or heading's span: it also may not start with the BOM
/// or end in a line terminator.
fn check_span(bytes: &[u8], span: &serde_json::Value, context: &str) {
    check_region(bytes, span, context);
    let text = std::str::from_utf8(bytes).unwrap();
    let start = span["start"].as_u64().unwrap() as usize;
    let end = span["end"].as_u64().unwrap() as usize;
    assert!(
        !text[start..end].starts_with('\u{feff}'),
        "{context}: span covers the BOM"
    );
    assert!(
        !text[start..end].ends_with(['\r', '\n']),
        "{context}: span ends in a terminator"
    );
}

/// Checks any span, including a whole section's, which runs up to the next
/// heading's line and so through line terminators.
fn check_region(bytes: &[u8], span: &serde_json::Value, context: &str) {
    let text = std::str::from_utf8(bytes).unwrap();
    let start = span["start"].as_u64().unwrap() as usize;
    let end = span["end"].as_u64().unwrap() as usize;
    assert!(start <= end && end <= bytes.len(), "{context}: {span}");
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{context}: {span}"
    );
    assert_eq!(
        (
            span["line"].as_u64().unwrap() as usize,
            span["column"].as_u64().unwrap() as usize
        ),
        expected_position(text, start),
        "{context}: start of {span}"
    );
    assert_eq!(
        (
            span["end_line"].as_u64().unwrap() as usize,
            span["end_column"].as_u64().unwrap() as usize
        ),
        expected_position(text, end),
        "{context}: end of {span}"
    );
}

fn run_json(args: &[&str]) -> serde_json::Value {
    let output = Command::new(env!("CARGO_BIN_EXE_fzlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn every_finding_span_of_every_fixture_is_exact() {
    let mut runs: Vec<Vec<String>> = fixture_reports()
        .into_iter()
        .map(|p| {
            vec![
                "check".to_owned(),
                "--format".to_owned(),
                "json".to_owned(),
                p,
            ]
        })
        .collect();
    runs.push(
        [
            "check",
            "--format",
            "json",
            "--rules",
            "fixtures/rules/custom",
            "fixtures/custom-report.txt",
        ]
        .map(str::to_owned)
        .to_vec(),
    );
    let mut checked = 0;
    for args in runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run_json(&args);
        let file = &out["files"][0];
        let path = file["path"].as_str().unwrap();
        let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
        for finding in file["findings"].as_array().unwrap() {
            check_span(&bytes, &finding["span"], path);
            checked += 1;
            for label in finding["labels"].as_array().into_iter().flatten() {
                check_span(&bytes, &label["span"], path);
            }
        }
    }
    assert!(checked >= 15, "only {checked} findings checked");
}

#[test]
fn every_outline_span_of_every_fixture_is_exact() {
    fn walk(bytes: &[u8], sections: &serde_json::Value, path: &str) {
        for section in sections.as_array().unwrap() {
            check_region(bytes, &section["span"], path);
            check_span(bytes, &section["heading_span"], path);
            let hs = &section["heading_span"];
            let heading = &bytes
                [hs["start"].as_u64().unwrap() as usize..hs["end"].as_u64().unwrap() as usize];
            assert_eq!(
                std::str::from_utf8(heading).unwrap(),
                section["heading"],
                "{path}"
            );
            walk(bytes, &section["children"], path);
        }
    }
    for path in fixture_reports() {
        let out = run_json(&["outline", "--format", "json", &path]);
        let file = &out["files"][0];
        let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(&path)).unwrap();
        check_span(&bytes, &file["title_span"], &path);
        assert!(!file["sections"].as_array().unwrap().is_empty(), "{path}");
        walk(&bytes, &file["sections"], &path);
    }
}

#[test]
fn exact_spans_in_a_crlf_file_with_a_bom() {
    let rules = "rules:\n  - id: old-term\n    title: 旧称\n    kind: substitute\n    message: “{match}”应为“{right}”\n    replacements:\n      - wrong: 法制宣传教育\n        right: 法治宣传教育\n  - id: who\n    title: 谁执法谁普法\n    kind: forbid\n    message: 出现“{match}”\n    patterns: [{regex: '谁执法、?谁普法'}]\n";
    let engine = Engine::load(&[RuleSource::new("t.yaml", rules)]).unwrap();
    let text = "\u{feff}标题\r\n\r\n　　一、开展“法制 宣传教育”。\r\n　　落实谁执法、谁普法。\r\n";
    let Checked {
        findings, document, ..
    } = engine.check_document(Document::parse(
        SourceFile::new("t.txt", text),
        Format::Text,
    ));
    assert_eq!(findings.len(), 2);
    let substitute = &findings[0];
    let start = text.find("法制").unwrap();
    let end = text.find("”。").unwrap();
    assert_eq!(substitute.span, start..end);
    assert_eq!(&text[substitute.span.clone()], "法制 宣传教育");
    assert_eq!(substitute.replacement.as_deref(), Some("法治宣传教育"));
    let position = document.source().position(start);
    // "　　一、开展“法制": 法 is the eighth character of line 3.
    assert_eq!((position.line, position.column), (3, 8));
    let regex = &findings[1];
    assert_eq!(&text[regex.span.clone()], "谁执法、谁普法");
    let position = document.source().position(regex.span.start);
    assert_eq!((position.line, position.column), (4, 5));
    let end = document.source().position(regex.span.end);
    assert_eq!((end.line, end.column), (4, 12));
}
