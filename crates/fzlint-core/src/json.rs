//! The JSON contract of one checked report, shared by every front end: an
//! entry of `files` in `fzlint check --format json` is what the browser
//! page's `fzlint.check` returns, field for field, and an entry of `fzlint
//! outline --format json` what it shows as the outline and metadata.
//!
//! A finding: `{"rule":…,"severity":…,"message":…,"span":{"start":…,
//! "end":…,"line":…,"column":…,"end_line":…,"end_column":…},"help":…,
//! "basis":…,"replacement":…,"labels":[…]}`. Absent optional fields are
//! omitted. `start` and `end` are byte offsets into the text as read (a
//! UTF-8 byte-order mark counts); `line`/`column` are 1-based, columns in
//! Unicode characters; `end_line`/`end_column` is the position just past the
//! span's last character. A Word document's spans also give their
//! `paragraph`, a web page's their `html_line`.

use std::ops::Range;

use serde::Serialize;

use crate::document::metadata::{IssuerKind, Metadata};
use crate::document::outline::Outline;
use crate::document::{Document, Format, Origin};
use crate::engine::Outcome;
use crate::error::InputError;
use crate::finding::{Finding, Severity};
use crate::text::source::SourceFile;

/// The version of the JSON contracts (`check`, `outline` and `audit`
/// `--format json`).
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

/// A secondary label of a finding.
#[derive(Debug, Serialize)]
pub struct JsonLabel<'a> {
    span: JsonSpan,
    message: &'a str,
}

/// A finding as the JSON formats write it.
#[derive(Debug, Serialize)]
pub struct JsonFinding<'a> {
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
    /// A finding of `document`.
    pub fn new(document: &Document, finding: &'a Finding) -> Self {
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

/// One checked report: one entry of `files` in `fzlint check --format
/// json`, and what the browser page's `fzlint.check` resolves to.
#[derive(Debug, Serialize)]
pub struct JsonFile<'a> {
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
    /// Why the file was passed over (a folder's file that is not a report).
    #[serde(skip_serializing_if = "Option::is_none")]
    skipped: Option<JsonSkip>,
}

/// Why a file was passed over: `{"reason":"not_a_report","message":…}`.
#[derive(Debug, Serialize)]
pub struct JsonSkip {
    reason: &'static str,
    message: &'static str,
}

impl<'a> JsonFile<'a> {
    /// The entry of the report called `path`; `error` says why a report
    /// could not be read, in the front end's words.
    pub fn new(path: &'a str, outcome: &'a Outcome, error: impl Fn(&InputError) -> String) -> Self {
        match outcome {
            Outcome::Checked {
                document, findings, ..
            } => JsonFile {
                path,
                format: matches!(document.format(), Format::Docx | Format::Html)
                    .then(|| document.format().as_str()),
                encoding: (!document.source().decoding().is_utf8())
                    .then(|| document.source().decoding().name()),
                findings: findings
                    .iter()
                    .map(|f| JsonFinding::new(document, f))
                    .collect(),
                error: None,
                skipped: None,
            },
            Outcome::Failed(err) => JsonFile {
                path,
                format: None,
                encoding: None,
                findings: Vec::new(),
                error: Some(error(err)),
                skipped: None,
            },
            Outcome::Skipped(skip) => JsonFile {
                path,
                format: None,
                encoding: None,
                findings: Vec::new(),
                error: None,
                skipped: Some(JsonSkip {
                    reason: skip.as_str(),
                    message: skip.message(),
                }),
            },
        }
    }
}

#[derive(Debug, Serialize)]
struct JsonSection<'a> {
    level: u8,
    number: Option<&'a str>,
    heading: &'a str,
    line: usize,
    span: JsonSpan,
    heading_span: JsonSpan,
    children: Vec<JsonSection<'a>>,
}

#[derive(Debug, Serialize)]
struct JsonFound<T: Serialize> {
    value: T,
    span: JsonSpan,
}

#[derive(Debug, Serialize)]
struct JsonMetadata<'a> {
    issuer: Option<JsonFound<&'a str>>,
    /// Where the issuer was found: `title`, `title+locality`, `opening`,
    /// `opening+locality` or `signature`.
    issuer_source: Option<&'static str>,
    issuer_kind: Option<IssuerKind>,
    /// Where the kind was found: `issuer` (its name) or `text` (我局,
    /// 县政府常务会议…).
    issuer_kind_source: Option<&'static str>,
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
            issuer_source: metadata.issuer_source.map(|s| s.as_str()),
            issuer_kind: metadata.issuer_kind,
            issuer_kind_source: metadata.kind_source.map(|s| s.as_str()),
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

/// A report's title, metadata and outline: one entry of `files` in
/// `fzlint outline --format json`.
#[derive(Debug, Serialize)]
pub struct JsonOutlineFile<'a> {
    path: &'a str,
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title_span: Option<JsonSpan>,
    metadata: JsonMetadata<'a>,
    sections: Vec<JsonSection<'a>>,
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

impl<'a> JsonOutlineFile<'a> {
    /// The outline entry of a document.
    pub fn new(document: &'a Document) -> Self {
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
    }
}
