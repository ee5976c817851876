//! The audit as JSON, a stable contract (version 1):
//!
//! `{"version":1,"engine":{"version":…,"packs":[…],"rules_hash":…},"columns":[{"rule":…,"label":…,"title":…}],
//! "reports":[{"path":…,"issuer":…,"year":…,"issuer_kind":…,"title":…,
//! "written":"YYYY-MM-DD","length":…,"elements":{"<rule id>":{"status":
//! "present"|"partial"|"missing"|"not_applicable","line":…,"column":…,
//! "excerpt":…,"match":…,"missing_items":[…]}},"counts":{"errors":…,
//! "warnings":…,"infos":…},"compliant":…,"timeliness":{"submitted":
//! <verdict>,"published":<verdict>},"findings":[{"rule":…,"severity":…,
//! "message":…,"line":…,"column":…,"excerpt":…,"match":…}]}],"failed":
//! [{"path":…,"error":…}],"skipped":[{"path":…,"reason":"not_a_report",
//! "message":…}],"totals":{"reports":…,"failed":…,"skipped":…,"compliant":…,
//! "timeliness":{"submitted":{"late":…,"unknown":…},"published":{"late":…,
//! "unknown":…}},"counts":{…},"elements":{"<rule id>":{"present":…,
//! "partial":…,"missing":…,"not_applicable":…,"percent":…}}},"threshold":…,
//! "similar":[{"a":…,"b":…,"similarity":…,"passages":[{"a_lines":[from,to],
//! "b_lines":[from,to],"text":…}]}],"clusters":[{"size":…,"similarity":
//! [lowest,highest],"pairs":…,"members":[{"path":…,"shared":…}],"passages":
//! [{"chars":…,"text":…,"places":[{"path":…,"lines":[from,to]}]}]}]}`
//!
//! A `<verdict>` is `{"status":"on_time"|"late"|"unknown","date":…,
//! "source":…,"deadline":…}`: `submitted` (报送) judges the date of writing
//! (`source` `"written"`) against the reporting deadline (3月1日 of the next
//! year; 4月1日 for a province-level government; `null` for an issuer of
//! unknown kind), `published` (公开) the publication date (`source`
//! `"manifest"` or `"published"`, a web page's 发布时间) against 4月1日.
//!
//! `elements` lists the columns in column order; `line`, `column`,
//! `excerpt` and `match` are absent for a missing or not applicable element,
//! `missing_items` is present only for a partial `require-all`. `counts`
//! leaves out the column rules. Unknown values are `null`. `threshold`,
//! `similar` and `clusters` are present only when similar reports were
//! looked for. A cluster groups similar reports (a template family, a copy
//! chain; every report of a pair is in one): `pairs` counts the pairs
//! between its members, `shared` is the share of a member's text it shares
//! with the others, `passages` what several members share (in most members
//! first), each with its place in every member that has it.

use std::io::{self, Write};

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::{line_range, passage_text};
use crate::ErrorWords;
use fzlint_core::audit::timeliness::Verdict;
use fzlint_core::audit::{
    Audit, Column, ColumnTotals, Counts, Row, SimilarCluster, TimelinessTotals,
};
use fzlint_core::document::metadata::IssuerKind;
use fzlint_core::element::{Element, Status};
use fzlint_core::engine::Provenance;

#[derive(Serialize)]
struct JsonAudit<'a> {
    version: u32,
    engine: &'a Provenance,
    columns: Vec<JsonColumn<'a>>,
    reports: Vec<JsonReport<'a>>,
    failed: Vec<JsonFailed>,
    skipped: Vec<JsonSkipped>,
    totals: JsonTotals<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    threshold: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    similar: Option<Vec<JsonPair<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    clusters: Option<Vec<JsonCluster<'a>>>,
}

#[derive(Serialize)]
struct JsonColumn<'a> {
    rule: &'a str,
    label: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct JsonCounts {
    errors: usize,
    warnings: usize,
    infos: usize,
}

impl From<Counts> for JsonCounts {
    fn from(c: Counts) -> Self {
        JsonCounts {
            errors: c.errors,
            warnings: c.warnings,
            infos: c.infos,
        }
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    path: &'a str,
    issuer: Option<&'a str>,
    year: Option<u32>,
    issuer_kind: Option<IssuerKind>,
    title: Option<&'a str>,
    written: Option<String>,
    length: usize,
    elements: Elements<'a>,
    counts: JsonCounts,
    compliant: bool,
    timeliness: JsonTimeliness,
    findings: Vec<JsonFinding<'a>>,
}

/// The elements of a row as a map in column order.
struct Elements<'a> {
    columns: &'a [Column],
    row: &'a Row,
}

impl Serialize for Elements<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.columns.len()))?;
        for (column, element) in self.columns.iter().zip(&self.row.elements) {
            map.serialize_entry(&column.id, &JsonElement::new(self.row, element))?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct JsonElement<'a> {
    status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    excerpt: Option<String>,
    #[serde(rename = "match", skip_serializing_if = "Option::is_none")]
    matched: Option<String>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    missing_items: &'a [String],
}

impl<'a> JsonElement<'a> {
    fn new(row: &Row, element: &'a Element) -> Self {
        let excerpt = element.evidence.as_ref().map(|span| row.excerpt(span));
        JsonElement {
            status: element.status,
            line: excerpt.as_ref().map(|e| e.line),
            column: excerpt.as_ref().map(|e| e.column),
            matched: excerpt.as_ref().map(|e| e.matched().to_owned()),
            excerpt: excerpt.map(|e| e.text),
            missing_items: &element.missing_items,
        }
    }
}

#[derive(Serialize)]
struct JsonTimeliness {
    submitted: JsonVerdict,
    published: JsonVerdict,
}

#[derive(Serialize)]
struct JsonVerdict {
    status: &'static str,
    date: Option<String>,
    source: Option<&'static str>,
    deadline: Option<String>,
}

impl From<&Verdict> for JsonVerdict {
    fn from(v: &Verdict) -> Self {
        JsonVerdict {
            status: v.status.as_str(),
            date: v.date.map(|d| d.to_string()),
            source: v.source.map(|s| s.as_str()),
            deadline: v.deadline.map(|d| d.to_string()),
        }
    }
}

#[derive(Serialize)]
struct JsonTimelinessTotals {
    submitted: JsonLate,
    published: JsonLate,
}

#[derive(Serialize)]
struct JsonLate {
    late: usize,
    unknown: usize,
}

impl From<TimelinessTotals> for JsonLate {
    fn from(t: TimelinessTotals) -> Self {
        JsonLate {
            late: t.late,
            unknown: t.unknown,
        }
    }
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'static str,
    message: &'a str,
    line: usize,
    column: usize,
    excerpt: String,
    #[serde(rename = "match")]
    matched: String,
}

#[derive(Serialize)]
struct JsonFailed {
    path: String,
    error: String,
}

/// A file passed over: `{"path":…,"reason":"not_a_report","message":…}`.
#[derive(Serialize)]
struct JsonSkipped {
    path: String,
    reason: &'static str,
    message: &'static str,
}

#[derive(Serialize)]
struct JsonTotals<'a> {
    reports: usize,
    failed: usize,
    skipped: usize,
    compliant: usize,
    timeliness: JsonTimelinessTotals,
    counts: JsonCounts,
    elements: TotalsMap<'a>,
}

struct TotalsMap<'a> {
    columns: &'a [Column],
    totals: &'a [ColumnTotals],
}

#[derive(Serialize)]
struct JsonColumnTotals {
    present: usize,
    partial: usize,
    missing: usize,
    not_applicable: usize,
    percent: Option<u32>,
}

impl Serialize for TotalsMap<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.columns.len()))?;
        for (column, t) in self.columns.iter().zip(self.totals) {
            map.serialize_entry(
                &column.id,
                &JsonColumnTotals {
                    present: t.present,
                    partial: t.partial,
                    missing: t.missing,
                    not_applicable: t.not_applicable,
                    percent: t.percent(),
                },
            )?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct JsonPair<'a> {
    a: &'a str,
    b: &'a str,
    similarity: f64,
    passages: Vec<JsonPassage>,
}

#[derive(Serialize)]
struct JsonPassage {
    a_lines: [usize; 2],
    b_lines: [usize; 2],
    text: String,
}

#[derive(Serialize)]
struct JsonCluster<'a> {
    size: usize,
    similarity: [f64; 2],
    pairs: usize,
    members: Vec<JsonMember<'a>>,
    passages: Vec<JsonSharedPassage<'a>>,
}

#[derive(Serialize)]
struct JsonMember<'a> {
    path: &'a str,
    shared: f64,
}

#[derive(Serialize)]
struct JsonSharedPassage<'a> {
    chars: usize,
    text: String,
    places: Vec<JsonPlace<'a>>,
}

#[derive(Serialize)]
struct JsonPlace<'a> {
    path: &'a str,
    lines: [usize; 2],
}

fn cluster<'a>(audit: &'a Audit, cluster: &SimilarCluster) -> JsonCluster<'a> {
    JsonCluster {
        size: cluster.members.len(),
        similarity: [round3(cluster.lowest), round3(cluster.highest)],
        pairs: cluster.pairs.len(),
        members: cluster
            .members
            .iter()
            .map(|m| JsonMember {
                path: &audit.rows[m.text].path,
                shared: round3(m.shared),
            })
            .collect(),
        passages: cluster
            .passages
            .iter()
            .map(|p| {
                let text = p.places.first().map_or(String::new(), |(row, span)| {
                    passage_text(&audit.rows[*row], span, 200)
                });
                JsonSharedPassage {
                    chars: p.chars,
                    text,
                    places: p
                        .places
                        .iter()
                        .map(|(row, span)| {
                            let row = &audit.rows[*row];
                            let (first, last) = line_range(&row.source, span);
                            JsonPlace {
                                path: &row.path,
                                lines: [first, last],
                            }
                        })
                        .collect(),
                }
            })
            .collect(),
    }
}

/// Rounds to three decimals, so the output is stable and readable.
fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn report<'a>(audit: &'a Audit, row: &'a Row) -> JsonReport<'a> {
    let t = &row.timeliness;
    JsonReport {
        path: &row.path,
        issuer: row.issuer.as_deref(),
        year: row.year,
        issuer_kind: row.issuer_kind,
        title: row.title.as_deref(),
        written: row.written.map(|d| d.to_string()),
        length: row.length,
        elements: Elements {
            columns: &audit.columns,
            row,
        },
        counts: row.counts.into(),
        compliant: row.compliant,
        timeliness: JsonTimeliness {
            submitted: (&t.submitted).into(),
            published: (&t.published).into(),
        },
        findings: row
            .findings
            .iter()
            .map(|f| {
                let excerpt = row.excerpt(&f.span);
                JsonFinding {
                    rule: &f.rule,
                    severity: f.severity.as_str(),
                    message: &f.message,
                    line: excerpt.line,
                    column: excerpt.column,
                    matched: excerpt.matched().to_owned(),
                    excerpt: excerpt.text,
                }
            })
            .collect(),
    }
}

/// Writes an audit as JSON.
pub fn write(out: &mut dyn Write, audit: &Audit, error_words: ErrorWords<'_>) -> io::Result<()> {
    let json = JsonAudit {
        version: fzlint_core::json::VERSION,
        engine: &audit.provenance,
        columns: audit
            .columns
            .iter()
            .map(|c| JsonColumn {
                rule: &c.id,
                label: &c.label,
                title: &c.title,
            })
            .collect(),
        reports: audit.rows.iter().map(|row| report(audit, row)).collect(),
        failed: audit
            .failed
            .iter()
            .map(|e| JsonFailed {
                path: e.path().to_owned(),
                error: error_words(e),
            })
            .collect(),
        skipped: audit
            .skipped
            .iter()
            .map(|(path, skip)| JsonSkipped {
                path: path.clone(),
                reason: skip.as_str(),
                message: skip.message(),
            })
            .collect(),
        totals: JsonTotals {
            reports: audit.totals.reports,
            failed: audit.totals.failed,
            skipped: audit.totals.skipped,
            compliant: audit.totals.compliant,
            timeliness: JsonTimelinessTotals {
                submitted: audit.totals.submitted.into(),
                published: audit.totals.published.into(),
            },
            counts: audit.totals.counts.into(),
            elements: TotalsMap {
                columns: &audit.columns,
                totals: &audit.totals.columns,
            },
        },
        threshold: audit.threshold.map(round3),
        similar: audit.similar.as_ref().map(|pairs| {
            pairs
                .iter()
                .map(|pair| {
                    let a = &audit.rows[pair.a];
                    let b = &audit.rows[pair.b];
                    JsonPair {
                        a: &a.path,
                        b: &b.path,
                        similarity: round3(pair.similarity),
                        passages: pair
                            .passages
                            .iter()
                            .map(|p| {
                                let (a_first, a_last) = line_range(&a.source, &p.a);
                                let (b_first, b_last) = line_range(&b.source, &p.b);
                                JsonPassage {
                                    a_lines: [a_first, a_last],
                                    b_lines: [b_first, b_last],
                                    text: passage_text(a, &p.a, 200),
                                }
                            })
                            .collect(),
                    }
                })
                .collect()
        }),
        clusters: audit
            .clusters
            .as_ref()
            .map(|clusters| clusters.iter().map(|c| cluster(audit, c)).collect()),
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}
