//! SARIF 2.1.0, for GitHub code scanning and other SARIF viewers: the rules
//! (title, help, basis, default level) in the tool's `rules`, one result per
//! finding with its region (columns in Unicode code points, as
//! `columnKind` declares, plus byte offsets), related locations for
//! secondary labels, a fix for substitutions, and files that could not be
//! read as tool execution notifications.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::output::words;
use crate::report::{Outcome, Run};
use fzlint_core::finding::{Finding, Severity};
use fzlint_core::text::source::SourceFile;

/// The SARIF schema this output follows.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: `/` separators, everything but
/// unreserved characters and `/` percent-encoded (RFC 3986).
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn region(source: &SourceFile, span: &std::ops::Range<usize>) -> Value {
    let start = source.position(span.start);
    let end = source.position(span.end);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
        "byteOffset": span.start,
        "byteLength": span.len(),
    })
}

fn location(path: &str, source: &SourceFile, span: &std::ops::Range<usize>) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": {"uri": uri(path), "uriBaseId": "%SRCROOT%"},
            "region": region(source, span),
        }
    })
}

fn result(run: &Run<'_>, path: &str, source: &SourceFile, finding: &Finding) -> Value {
    let mut value = json!({
        "ruleId": finding.rule,
        "level": level(finding.severity),
        "message": {"text": finding.message},
        "locations": [location(path, source, &finding.span)],
    });
    if let Some(index) = run.rules.index(&finding.rule) {
        value["ruleIndex"] = json!(index);
    }
    if !finding.secondary.is_empty() {
        value["relatedLocations"] = finding
            .secondary
            .iter()
            .enumerate()
            .map(|(id, label)| {
                let mut related = location(path, source, &label.span);
                related["id"] = json!(id + 1);
                related["message"] = json!({"text": label.message});
                related
            })
            .collect();
    }
    if let Some(right) = &finding.replacement {
        value["fixes"] = json!([{
            "description": {"text": format!("改为“{right}”")},
            "artifactChanges": [{
                "artifactLocation": {"uri": uri(path), "uriBaseId": "%SRCROOT%"},
                "replacements": [{
                    "deletedRegion": {"byteOffset": finding.span.start, "byteLength": finding.span.len()},
                    "insertedContent": {"text": right},
                }],
            }],
        }]);
    }
    value
}

/// Writes a run as a SARIF log.
pub fn write(out: &mut dyn Write, run: &Run<'_>) -> io::Result<()> {
    let rules: Vec<Value> = run
        .rules
        .rules()
        .iter()
        .map(|rule| {
            let mut help = rule.generic_help().unwrap_or_default();
            let basis = rule.full_basis();
            if let Some(basis) = &basis {
                help.push_str(&format!("\n依据：{basis}"));
            }
            let mut properties = json!({
                "kind": rule.kind().as_str(),
                "basis": basis,
                "origin": rule.origin,
            });
            if let Some(years) = words::report_years(rule) {
                properties["reportYears"] = json!(years);
            }
            json!({
                "id": rule.id,
                "shortDescription": {"text": rule.title},
                "fullDescription": {"text": rule.message.as_str()},
                "help": {"text": help},
                "defaultConfiguration": {"level": level(rule.severity)},
                "properties": properties,
            })
        })
        .collect();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for file in run.results {
        match &file.outcome {
            Outcome::Checked {
                document, findings, ..
            } => {
                results.extend(findings.iter().map(|f| result(run, &file.path, document.source(), f)));
            }
            Outcome::Skipped(skip) => notifications.push(json!({
                "level": "note",
                "message": {"text": words::skipped(*skip)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(&file.path), "uriBaseId": "%SRCROOT%"}}}],
            })),
            Outcome::Failed(err) => notifications.push(json!({
                "level": "error",
                "message": {"text": words::input_error(err)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(&file.path), "uriBaseId": "%SRCROOT%"}}}],
            })),
        }
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "fzlint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            },
            // The rule packs, with the version and the date their knowledge
            // runs to: which rules judged these reports.
            "extensions": run.rules.provenance().pack_versions.iter().map(|p| json!({
                "name": p.id,
                "version": p.version,
                "properties": {"knowledgeAsOf": p.knowledge_as_of},
            })).collect::<Vec<_>>()},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "invocations": [{
                "executionSuccessful": run.summary.failed == 0,
                "toolExecutionNotifications": notifications,
            }],
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(
            uri("./reports/县 报告.md"),
            "reports/%E5%8E%BF%20%E6%8A%A5%E5%91%8A.md"
        );
        assert_eq!(uri("a\\b.txt"), "a/b.txt");
    }
}
