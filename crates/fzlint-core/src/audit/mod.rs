//! The supervisor's audit: every report against every required element, in
//! one table, with evidence; how many reports have each element; which were
//! late; which were copied. Plain data built from a run's results; the
//! writers of a front end render it (the CLI's `output::audit`).

pub mod excerpt;
pub mod manifest;
pub mod timeliness;

use crate::document::metadata::{Date, IssuerKind};
use crate::element::{Element, Status};
use crate::engine::{FileResult, Outcome, Skip};
use crate::engine::{Provenance, RuleSet, Selection};
use crate::error::InputError;
use crate::finding::{Finding, Severity};
use crate::similar;
use crate::text::source::SourceFile;
use std::collections::HashSet;
use std::sync::Arc;

pub use excerpt::Excerpt;
pub use timeliness::Timeliness;

/// A column of the matrix: a rule marked `audit: {column: …}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Index of the rule in the run's rule set.
    pub rule: usize,
    /// The rule id.
    pub id: String,
    /// The short column label.
    pub label: String,
    /// The rule's title (a tooltip or legend).
    pub title: String,
}

/// Error, warning and info counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Info findings.
    pub infos: usize,
}

impl Counts {
    fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }
}

/// One report's row.
#[derive(Debug)]
pub struct Row {
    /// Its path as given or walked.
    pub path: String,
    /// The report's text as read (kept for excerpts; the rest of the
    /// checked document is dropped as soon as its row is made, so an audit
    /// of many reports holds only their texts).
    pub source: SourceFile,
    /// All its findings (after the config and suppressions), by position.
    pub findings: Vec<Finding>,
    /// One element per column, in column order (before suppressions).
    pub elements: Vec<Element>,
    /// Findings of the rules that are not columns, by severity.
    pub counts: Counts,
    /// The issuer: the manifest's if given, else the report's.
    pub issuer: Option<String>,
    /// Government or department, from the issuer's name.
    pub issuer_kind: Option<IssuerKind>,
    /// The report year.
    pub year: Option<u32>,
    /// The title.
    pub title: Option<String>,
    /// The date of writing found in the report.
    pub written: Option<Date>,
    /// Length in characters, whitespace not counted (字数).
    pub length: usize,
    /// Whether it was submitted (报送) and published (公开) in time.
    pub timeliness: Timeliness,
    /// Whether every applicable column at warning level or above (as the
    /// config sets it for this file) is present.
    pub compliant: bool,
}

impl Row {
    /// The excerpt for a span of this report.
    pub fn excerpt(&self, span: &std::ops::Range<usize>) -> Excerpt {
        excerpt::excerpt(&self.source, span)
    }
}

/// How many reports have each status of one column.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ColumnTotals {
    /// Reports that have the element.
    pub present: usize,
    /// Reports that have part of it.
    pub partial: usize,
    /// Reports that lack it.
    pub missing: usize,
    /// Reports it does not apply to.
    pub not_applicable: usize,
}

impl ColumnTotals {
    /// Reports the column applies to.
    pub fn applicable(&self) -> usize {
        self.present + self.partial + self.missing
    }

    /// Present as a percentage of applicable, rounded; `None` when it
    /// applies to none.
    pub fn percent(&self) -> Option<u32> {
        let applicable = self.applicable();
        (applicable > 0).then(|| ((self.present as f64 * 100.0) / applicable as f64).round() as u32)
    }
}

/// The totals row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    /// Reports audited (read and checked).
    pub reports: usize,
    /// Reports that could not be read.
    pub failed: usize,
    /// Files passed over as not reports.
    pub skipped: usize,
    /// Fully compliant reports (see [`Row::compliant`]).
    pub compliant: usize,
    /// Per column, in column order.
    pub columns: Vec<ColumnTotals>,
    /// Findings of the non-column rules over all reports.
    pub counts: Counts,
    /// Reports late and unknown for submission (报送).
    pub submitted: TimelinessTotals,
    /// Reports late and unknown for publication (公开).
    pub published: TimelinessTotals,
}

/// How many reports one timeliness verdict finds late, and for how many it
/// is unknown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TimelinessTotals {
    /// Reports whose date is after the deadline.
    pub late: usize,
    /// Reports without a date or a deadline.
    pub unknown: usize,
}

impl TimelinessTotals {
    fn add(&mut self, status: timeliness::Status) {
        match status {
            timeliness::Status::Late => self.late += 1,
            timeliness::Status::Unknown => self.unknown += 1,
            timeliness::Status::OnTime => {}
        }
    }
}

/// Two similar reports, by row index.
pub type SimilarPair = similar::Pair;

/// A group of similar reports (row indexes; its pairs index
/// [`Audit::similar`]).
pub type SimilarCluster = similar::Cluster;

/// A finished audit.
#[derive(Debug)]
pub struct Audit {
    /// The columns, in rule order.
    pub columns: Vec<Column>,
    /// One row per report read, in path order.
    pub rows: Vec<Row>,
    /// The inputs that could not be read.
    pub failed: Vec<InputError>,
    /// The files passed over (path, why), in path order.
    pub skipped: Vec<(String, Skip)>,
    /// The totals row.
    pub totals: Totals,
    /// Similar pairs (row indexes), when asked for.
    pub similar: Option<Vec<SimilarPair>>,
    /// The similar reports grouped, when asked for: every report of a pair
    /// is in one cluster.
    pub clusters: Option<Vec<SimilarCluster>>,
    /// The similarity threshold used, when asked for.
    pub threshold: Option<f64>,
    /// The engine and rules that judged the reports (every export says it).
    pub provenance: Provenance,
}

/// A supervising office's list of the reports it expects (the CLI reads
/// one from a CSV file), by report name.
pub trait Manifest: std::fmt::Debug + Send + Sync {
    /// What the list says of the report called `name`, if it lists it.
    fn entry(&self, name: &str) -> Option<ManifestEntry>;
}

/// What a manifest says of one report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ManifestEntry {
    /// The issuer's name, if given.
    pub issuer: Option<String>,
    /// The publication date, if given.
    pub published: Option<Date>,
}

/// What an audit does besides the matrix.
#[derive(Debug, Clone, Default)]
pub struct Options<'a> {
    /// Look for copied and templated reports.
    pub similar: Option<similar::Options>,
    /// The office's list of reports with publication dates (shared: a front
    /// end may keep it to say which of its entries no report matched).
    pub manifest: Option<Arc<dyn Manifest>>,
    /// The rules of the run as a whole (the config's selection outside its
    /// `overrides`): a column whose rule it disables is left out.
    pub selection: Option<&'a Selection>,
}

/// An audit being built, one report at a time (see [`Audit::builder`]).
#[derive(Debug)]
pub struct AuditBuilder<'a> {
    /// The ids of the rules that are columns (their findings are not
    /// counted apart).
    audited: HashSet<String>,
    /// Each rule's severity as written, by index.
    severities: Vec<Severity>,
    provenance: Provenance,
    options: Options<'a>,
    columns: Vec<Column>,
    rows: Vec<Row>,
    failed: Vec<InputError>,
    skipped: Vec<(String, Skip)>,
}

impl Audit {
    /// Builds the audit from a run's results (in output order).
    pub fn new(results: Vec<FileResult>, rules: &RuleSet, options: Options<'_>) -> Audit {
        let mut builder = Audit::builder(rules, options);
        for result in results {
            builder.add(result);
        }
        builder.finish()
    }

    /// Starts an audit to which results are added as they come (in output
    /// order), so that a run need not hold every checked document at once.
    pub fn builder<'a>(rules: &RuleSet, options: Options<'a>) -> AuditBuilder<'a> {
        let columns: Vec<Column> = rules
            .columns()
            .filter(|(index, _)| options.selection.is_none_or(|s| s.enabled(*index)))
            .map(|(index, rule)| Column {
                rule: index,
                id: rule.id.clone(),
                label: rule.audit.clone().unwrap_or_default(),
                title: rule.title.clone(),
            })
            .collect();
        AuditBuilder {
            audited: rules
                .rules()
                .iter()
                .filter(|r| r.audit.is_some())
                .map(|r| r.id.clone())
                .collect(),
            severities: rules.rules().iter().map(|r| r.severity).collect(),
            provenance: rules.provenance().clone(),
            options,
            columns,
            rows: Vec::new(),
            failed: Vec::new(),
            skipped: Vec::new(),
        }
    }

    /// The cluster a row is in, with its index (its number less one).
    pub fn cluster_of(&self, row: usize) -> Option<(usize, &SimilarCluster)> {
        self.clusters
            .iter()
            .flatten()
            .enumerate()
            .find(|(_, cluster)| cluster.members.iter().any(|m| m.text == row))
    }

    /// The pairs that link reports of two different clusters.
    pub fn pairs_between_clusters(&self) -> Vec<&SimilarPair> {
        let inside: HashSet<usize> = self
            .clusters
            .iter()
            .flatten()
            .flat_map(|c| c.pairs.iter().copied())
            .collect();
        self.similar
            .iter()
            .flatten()
            .enumerate()
            .filter(|(index, _)| !inside.contains(index))
            .map(|(_, pair)| pair)
            .collect()
    }

    /// The pairs a row is part of, with the other row's index.
    pub fn similar_to(&self, row: usize) -> Vec<(usize, &SimilarPair)> {
        self.similar
            .iter()
            .flatten()
            .filter_map(|pair| {
                if pair.a == row {
                    Some((pair.b, pair))
                } else if pair.b == row {
                    Some((pair.a, pair))
                } else {
                    None
                }
            })
            .collect()
    }
}

impl AuditBuilder<'_> {
    /// Adds one report's result: its row, or why it could not be read.
    pub fn add(&mut self, result: FileResult) {
        let (options, columns) = (&self.options, &self.columns);
        match result.outcome {
            Outcome::Failed(err) => self.failed.push(err),
            Outcome::Skipped(skip) => self.skipped.push((result.path, skip)),
            Outcome::Checked {
                document,
                findings,
                selection,
                elements,
            } => {
                let entry = options
                    .manifest
                    .as_ref()
                    .and_then(|m| m.entry(&result.path));
                let metadata = document.metadata();
                let issuer = entry
                    .as_ref()
                    .and_then(|e| e.issuer.clone())
                    .or_else(|| metadata.issuer.as_ref().map(|i| i.value.clone()));
                let issuer_kind = issuer
                    .as_deref()
                    .and_then(IssuerKind::of)
                    .or(metadata.issuer_kind);
                let mut counts = Counts::default();
                for finding in &findings {
                    if !self.audited.contains(&finding.rule) {
                        counts.add(finding.severity);
                    }
                }
                let elements: Vec<Element> = elements
                    .into_iter()
                    .filter(|e| columns.iter().any(|c| c.rule == e.rule))
                    .collect();
                let compliant = elements.iter().all(|element| {
                    let severity = selection
                        .severity(element.rule)
                        .or_else(|| self.severities.get(element.rule).copied())
                        .unwrap_or(Severity::Warning);
                    severity < Severity::Warning
                        || matches!(element.status, Status::Present | Status::NotApplicable)
                });
                // Judged by the issuer as the row gives it (the manifest's
                // name, if it names one).
                let mut timeliness_metadata = metadata.clone();
                timeliness_metadata.issuer_kind = issuer_kind;
                if let Some(name) = &issuer {
                    timeliness_metadata.issuer = Some(crate::document::metadata::Found {
                        value: name.clone(),
                        span: metadata.issuer.as_ref().map_or(0..0, |i| i.span.clone()),
                    });
                }
                let timeliness =
                    timeliness::judge(&timeliness_metadata, entry.and_then(|e| e.published));
                self.rows.push(Row {
                    path: result.path,
                    issuer,
                    issuer_kind,
                    year: metadata.year.as_ref().map(|y| y.value),
                    title: document.outline().title.as_ref().map(|t| t.text.clone()),
                    written: metadata.written.as_ref().map(|d| d.value),
                    length: crate::text::source::visible_chars(document.text()),
                    timeliness,
                    compliant,
                    counts,
                    elements,
                    findings,
                    source: document.into_source(),
                });
            }
        }
    }

    /// The audit: totals and, when asked for, similar reports.
    pub fn finish(self) -> Audit {
        let AuditBuilder {
            options,
            columns,
            rows,
            failed,
            skipped,
            provenance,
            ..
        } = self;
        let totals = Totals {
            skipped: skipped.len(),
            ..totals(&columns, &rows, failed.len())
        };
        let (similar, clusters) = options
            .similar
            .map(|opts| {
                let texts: Vec<&str> = rows.iter().map(|r| r.source.text()).collect();
                let found = similar::search(&texts, &opts);
                (found.pairs, found.clusters)
            })
            .unzip();
        Audit {
            columns,
            rows,
            failed,
            skipped,
            totals,
            similar,
            clusters,
            threshold: options.similar.map(|o| o.threshold),
            provenance,
        }
    }
}

fn totals(columns: &[Column], rows: &[Row], failed: usize) -> Totals {
    let mut totals = Totals {
        reports: rows.len(),
        failed,
        columns: vec![ColumnTotals::default(); columns.len()],
        ..Totals::default()
    };
    for row in rows {
        if row.compliant {
            totals.compliant += 1;
        }
        for (column, element) in totals.columns.iter_mut().zip(&row.elements) {
            match element.status {
                Status::Present => column.present += 1,
                Status::Partial => column.partial += 1,
                Status::Missing => column.missing += 1,
                Status::NotApplicable => column.not_applicable += 1,
            }
        }
        totals.counts.errors += row.counts.errors;
        totals.counts.warnings += row.counts.warnings;
        totals.counts.infos += row.counts.infos;
        totals.submitted.add(row.timeliness.submitted.status);
        totals.published.add(row.timeliness.published.status);
    }
    totals
}
