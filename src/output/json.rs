//! JSON output: a stable contract read by CI layers and external tools.
//!
//! `check`: `{"version":1,"files":[{"path":…,"findings":[{"rule":…,
//! "severity":…,"message":…,"span":{"start":…,"end":…,"line":…,"column":…,
//! "end_line":…,"end_column":…},"help":…,"basis":…,"replacement":…,
//! "labels":[…]}],"error":…}],"summary":{"files":N,"errors":N,"warnings":N,
//! "infos":N,"failed_files":N}}`. Absent optional fields are omitted. `start`
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
use std::ops::Range;

use serde::Serialize;

use super::StreamWriter;
use crate::output::words;
use crate::report::{FileResult, Outcome, Summary};
use fzlint_core::document::metadata::{IssuerKind, Metadata};
use fzlint_core::document::outline::Outline;
use fzlint_core::document::{Document, Format, Origin};
use fzlint_core::finding::{Finding, Severity};
use fzlint_core::rules::Rule;
use fzlint_core::text::source::SourceFile;

/// The version of the JSON contract.
pub const VERSION: u32 = 1;

/// A span with its line/column positions.
#[derive(Debug, Serialize)]
pub struct JsonSpan {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    /// For a Word document: the paragraph (1-based) the span starts in.
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraph: Option<u32>,
    /// For a web page: the line of the HTML source the span's line starts
    /// on, where it could be found.
    #[serde(skip_serializing_if = "Option::is_none")]
    html_line: Option<u32>,
}

impl JsonSpan {
    /// Positions of a byte span in a document, with where it is in the
    /// original Word document or web page.
    pub fn in_document(document: &Document, span: &Range<usize>) -> JsonSpan {
        let mut json = JsonSpan::new(document.source(), span);
        match document.origin_of_line(json.line - 1) {
            Some(Origin::Paragraph(n)) => json.paragraph = Some(n),
            Some(Origin::HtmlLine(n)) => json.html_line = Some(n),
            None => {}
        }
        json
    }

    /// Positions of a byte span.
    pub fn new(source: &SourceFile, span: &Range<usize>) -> JsonSpan {
        let start = source.position(span.start);
        let end = source.position(span.end);
        JsonSpan {
            start: span.start,
            end: span.end,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            paragraph: None,
            html_line: None,
        }
    }
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    span: JsonSpan,
    message: &'a str,
}

/// A finding as the JSON formats write it.
#[derive(Serialize)]
pub(crate) struct JsonFinding<'a> {
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    span: JsonSpan,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    basis: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    replacement: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    labels: Vec<JsonLabel<'a>>,
}

impl<'a> JsonFinding<'a> {
    pub(crate) fn new(document: &Document, finding: &'a Finding) -> Self {
        JsonFinding {
            rule: &finding.rule,
            severity: finding.severity,
            message: &finding.message,
            span: JsonSpan::in_document(document, &finding.span),
            help: finding.help.as_deref(),
            basis: finding.basis.as_deref(),
            replacement: finding.replacement.as_deref(),
            labels: finding
                .secondary
                .iter()
                .map(|l| JsonLabel {
                    span: JsonSpan::in_document(document, &l.span),
                    message: &l.message,
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    /// `docx` or `html` (absent for Markdown and plain text).
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    /// The encoding the file was decoded from (absent for UTF-8).
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<&'static str>,
    findings: Vec<JsonFinding<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    failed_files: usize,
}

/// Writes the results of a `check` run.
pub fn write_report(
    out: &mut dyn Write,
    results: &[FileResult],
    summary: &Summary,
) -> io::Result<()> {
    super::write_stream(JsonStream::new(out), results, summary)
}

fn json_file(result: &FileResult) -> JsonFile<'_> {
    match &result.outcome {
        Outcome::Checked {
            document, findings, ..
        } => JsonFile {
            path: &result.path,
            format: matches!(document.format(), Format::Docx | Format::Html)
                .then(|| document.format().as_str()),
            encoding: (!document.source().decoding().is_utf8())
                .then(|| document.source().decoding().name()),
            findings: findings
                .iter()
                .map(|f| JsonFinding::new(document, f))
                .collect(),
            error: None,
        },
        Outcome::Failed(err) => JsonFile {
            path: &result.path,
            format: None,
            encoding: None,
            findings: Vec::new(),
            error: Some(words::input_error(err)),
        },
    }
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
}

impl<'a> JsonStream<'a> {
    /// A document on `out`; nothing is written before the first file.
    pub fn new(out: &'a mut dyn Write) -> Self {
        JsonStream { out, files: 0 }
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
        write_nested(self.out, &json_file(result), 2)
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
        };
        write_nested(self.out, &summary, 1)?;
        writeln!(self.out, "\n}}")
    }
}

#[derive(Serialize)]
struct JsonSection<'a> {
    level: u8,
    number: Option<&'a str>,
    heading: &'a str,
    line: usize,
    span: JsonSpan,
    heading_span: JsonSpan,
    children: Vec<JsonSection<'a>>,
}

#[derive(Serialize)]
struct JsonFound<T: Serialize> {
    value: T,
    span: JsonSpan,
}

#[derive(Serialize)]
struct JsonMetadata<'a> {
    issuer: Option<JsonFound<&'a str>>,
    issuer_kind: Option<IssuerKind>,
    year: Option<JsonFound<u32>>,
    year_source: Option<&'static str>,
    written: Option<JsonFound<String>>,
    published: Option<JsonFound<String>>,
}

impl<'a> JsonMetadata<'a> {
    fn new(source: &SourceFile, metadata: &'a Metadata) -> Self {
        JsonMetadata {
            issuer: metadata.issuer.as_ref().map(|i| JsonFound {
                value: i.value.as_str(),
                span: JsonSpan::new(source, &i.span),
            }),
            issuer_kind: metadata.issuer_kind,
            year: metadata.year.as_ref().map(|y| JsonFound {
                value: y.value,
                span: JsonSpan::new(source, &y.span),
            }),
            year_source: metadata.year.as_ref().map(|_| {
                if metadata.year_in_title {
                    "title"
                } else {
                    "body"
                }
            }),
            written: metadata.written.as_ref().map(|d| JsonFound {
                value: d.value.to_string(),
                span: JsonSpan::new(source, &d.span),
            }),
            published: metadata.published.as_ref().map(|d| JsonFound {
                value: d.value.to_string(),
                span: JsonSpan::new(source, &d.span),
            }),
        }
    }
}

#[derive(Serialize)]
struct JsonOutlineFile<'a> {
    path: &'a str,
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title_span: Option<JsonSpan>,
    metadata: JsonMetadata<'a>,
    sections: Vec<JsonSection<'a>>,
}

#[derive(Serialize)]
struct JsonOutlines<'a> {
    files: Vec<JsonOutlineFile<'a>>,
}

fn section<'a>(source: &SourceFile, outline: &'a Outline, index: usize) -> JsonSection<'a> {
    let s = &outline.sections[index];
    JsonSection {
        level: s.level,
        number: s.number.as_deref(),
        heading: &s.heading,
        line: s.line + 1,
        span: JsonSpan::new(source, &s.span),
        heading_span: JsonSpan::new(source, &s.heading_span),
        children: s
            .children
            .iter()
            .map(|&c| section(source, outline, c))
            .collect(),
    }
}

/// Writes the outlines and metadata of several documents.
pub fn write_outlines(out: &mut dyn Write, documents: &[Document]) -> io::Result<()> {
    let files = documents
        .iter()
        .map(|document| {
            let (source, outline) = (document.source(), document.outline());
            JsonOutlineFile {
                path: source.name(),
                title: outline.title.as_ref().map(|t| t.text.as_str()),
                title_span: outline
                    .title
                    .as_ref()
                    .map(|t| JsonSpan::new(source, &t.span)),
                metadata: JsonMetadata::new(source, document.metadata()),
                sections: outline
                    .roots()
                    .map(|(i, _)| section(source, outline, i))
                    .collect(),
            }
        })
        .collect();
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
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    basis: Option<&'a str>,
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
    rules: Vec<JsonRule<'a>>,
}

/// Writes the rule list.
pub fn write_rules(out: &mut dyn Write, rules: &[Rule]) -> io::Result<()> {
    let rules = rules
        .iter()
        .map(|r| JsonRule {
            id: &r.id,
            kind: r.kind().as_str(),
            severity: r.severity,
            title: &r.title,
            scope: r.scope.describe(),
            help: r.help.as_deref(),
            basis: r.basis.as_deref(),
            audit_column: r.audit.as_deref(),
            origin: &r.origin,
            pack: &r.pack,
            overrides: r.overrides.as_deref(),
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &JsonRules { rules })?;
    writeln!(out)
}
