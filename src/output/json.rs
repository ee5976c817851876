//! JSON output: a stable contract read by CI layers and external tools.
//!
//! `check`: `{"version":1,"files":[{"path":…,"findings":[{"rule":…,
//! "severity":…,"message":…,"span":{"start":…,"end":…,"line":…,"column":…,
//! "end_line":…,"end_column":…},"help":…,"basis":…,"replacement":…,
//! "labels":[…]}],"error":…}],"summary":{"files":N,"errors":N,"warnings":N,
//! "infos":N,"failed_files":N,"skipped_files":N},"engine":{"version":…,
//! "packs":[…],"rules_hash":…,"pack_versions":[{"id":…,"version":…,
//! "knowledge_as_of":…}]}}` (which rules judged the files); a file a folder walk passed
//! over has `"skipped":{"reason":"not_a_report","message":…}` and no
//! findings. Absent optional fields are omitted. `start`
//! and `end` are byte offsets into the file as read (a UTF-8 byte-order mark
//! counts); `line`/`column` are 1-based, columns in Unicode characters;
//! `end_line`/`end_column` is the position just past the span's last
//! character. A file that could not be read has `"error"` and no findings.
//!
//! `outline`: `{"files":[{"path":…,"title":…,"title_span":…,"metadata":{
//! "issuer":{"value":…,"span":…},"issuer_kind":"government"|"department",
//! "year":{"value":…,"span":…},"year_source":"title"|"body","written":{
//! "value":"YYYY-MM-DD","span":…},"published":{"value":"YYYY-MM-DD","span":…}},
//! "sections":[{"level":…,"number":…,
//! "heading":…,"line":…,"span":…,"heading_span":…,"children":[…]}]}]}`,
//! where `span` covers the whole section and `heading_span` its heading;
//! metadata not found is `null`.

use std::io::{self, Write};

use serde::Serialize;

use super::StreamWriter;
use crate::output::words;
use crate::report::{FileResult, Summary};
use fzlint_core::document::Document;
use fzlint_core::engine::{Provenance, RuleSet};
use fzlint_core::finding::Severity;
use fzlint_core::json::{JsonFile, JsonOutlineFile};

pub use fzlint_core::json::{JsonFinding, JsonSpan};

pub use fzlint_core::json::VERSION;

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    failed_files: usize,
    /// Files a folder walk passed over as not reports.
    skipped_files: usize,
}

/// Writes the results of a `check` run.
pub fn write_report(
    out: &mut dyn Write,
    results: &[FileResult],
    summary: &Summary,
    engine: &Provenance,
) -> io::Result<()> {
    super::write_stream(JsonStream::new(out, engine), results, summary)
}

/// Writes `value` pretty-printed as if nested `depth` levels deep in a
/// pretty-printed document (JSON strings never hold a raw line break, so
/// indenting every line after the first is exact).
fn write_nested(out: &mut dyn Write, value: &impl Serialize, depth: usize) -> io::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    let indent = "  ".repeat(depth);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            out.write_all(indent.as_bytes())?;
        }
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// The `check` JSON document written file by file as results come, so a
/// run over thousands of reports never holds them all: byte for byte what
/// serialising the whole run at once would give.
pub struct JsonStream<'a> {
    out: &'a mut dyn Write,
    files: usize,
    /// The engine and rule packs of the run, written after the summary.
    engine: &'a Provenance,
}

impl<'a> JsonStream<'a> {
    /// A document on `out`; nothing is written before the first file.
    pub fn new(out: &'a mut dyn Write, engine: &'a Provenance) -> Self {
        JsonStream {
            out,
            files: 0,
            engine,
        }
    }
}

impl std::fmt::Debug for JsonStream<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonStream").finish_non_exhaustive()
    }
}

impl StreamWriter for JsonStream<'_> {
    fn file(&mut self, result: &FileResult) -> io::Result<()> {
        if self.files == 0 {
            write!(
                self.out,
                "{{\n  \"version\": {VERSION},\n  \"files\": [\n    "
            )?;
        } else {
            write!(self.out, ",\n    ")?;
        }
        self.files += 1;
        write_nested(
            self.out,
            &JsonFile::new(&result.path, &result.outcome, words::input_error),
            2,
        )
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        if self.files == 0 {
            write!(
                self.out,
                "{{\n  \"version\": {VERSION},\n  \"files\": [],\n"
            )?;
        } else {
            write!(self.out, "\n  ],\n")?;
        }
        write!(self.out, "  \"summary\": ")?;
        let summary = JsonSummary {
            files: summary.files,
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
            failed_files: summary.failed,
            skipped_files: summary.skipped,
        };
        write_nested(self.out, &summary, 1)?;
        write!(self.out, ",\n  \"engine\": ")?;
        write_nested(self.out, self.engine, 1)?;
        writeln!(self.out, "\n}}")
    }
}

#[derive(Serialize)]
struct JsonOutlines<'a> {
    files: Vec<JsonOutlineFile<'a>>,
}

/// Writes the outlines and metadata of several documents.
pub fn write_outlines(out: &mut dyn Write, documents: &[Document]) -> io::Result<()> {
    let files = documents.iter().map(JsonOutlineFile::new).collect();
    serde_json::to_writer_pretty(&mut *out, &JsonOutlines { files })?;
    writeln!(out)
}

#[derive(Serialize)]
struct JsonRule<'a> {
    id: &'a str,
    kind: &'a str,
    severity: Severity,
    title: &'a str,
    scope: &'a str,
    /// Its help, a `{current:SERIES|…}` given its fallback words (a
    /// finding's help names the document of its report's year).
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<String>,
    /// Its own words and every document it cites (a finding's basis has
    /// only those that apply to its report's year).
    #[serde(skip_serializing_if = "Option::is_none")]
    basis: Option<String>,
    /// The report years it applies to (`2024—`), when it has a condition
    /// on the year.
    #[serde(skip_serializing_if = "Option::is_none")]
    report_years: Option<String>,
    /// The ids of the documents of the packs' tables it uses.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    documents: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    audit_column: Option<&'a str>,
    origin: &'a str,
    /// The pack the rule belongs to (empty for the engine's own rule).
    pack: &'a str,
    /// The pack whose rule of the same id it replaces.
    #[serde(skip_serializing_if = "Option::is_none")]
    overrides: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonRules<'a> {
    engine: &'a Provenance,
    rules: Vec<JsonRule<'a>>,
}

/// Writes the rule list, with the engine's version, the packs and the rule
/// set's hash (what the audit's exports name).
pub fn write_rules(out: &mut dyn Write, set: &RuleSet) -> io::Result<()> {
    let rules = set
        .rules()
        .iter()
        .map(|r| JsonRule {
            id: &r.id,
            kind: r.kind().as_str(),
            severity: r.severity,
            title: &r.title,
            scope: r.scope.describe(),
            help: r.generic_help(),
            basis: r.full_basis(),
            report_years: super::words::report_years(r),
            documents: r.documents.used.iter().map(|d| d.id.as_str()).collect(),
            audit_column: r.audit.as_deref(),
            origin: &r.origin,
            pack: &r.pack,
            overrides: r.overrides.as_deref(),
        })
        .collect();
    serde_json::to_writer_pretty(
        &mut *out,
        &JsonRules {
            engine: set.provenance(),
            rules,
        },
    )?;
    writeln!(out)
}
