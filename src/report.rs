//! The results of a run, as data: per file, either its document and findings
//! or the reason it could not be read. Writers in [`crate::output`] render it.

use std::path::Path;

use crate::document::{Document, Format};
use crate::error::InputError;
use crate::finding::{Finding, Severity};
use crate::rules::RuleSet;
use crate::source::SourceFile;

/// What happened to one input.
#[derive(Debug)]
pub enum Outcome {
    /// The file was read and checked.
    Checked {
        /// The report as read.
        document: Box<Document>,
        /// Its findings, sorted by position.
        findings: Vec<Finding>,
    },
    /// The file could not be read; the run went on with the others.
    Failed(InputError),
}

/// One input of a run.
#[derive(Debug)]
pub struct FileResult {
    /// The path as given (or `<stdin>`).
    pub path: String,
    /// Its outcome.
    pub outcome: Outcome,
}

/// Counts over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Inputs, including those that could not be read.
    pub files: usize,
    /// Inputs that could not be read.
    pub failed: usize,
    /// Error-severity findings.
    pub errors: usize,
    /// Warning-severity findings.
    pub warnings: usize,
    /// Info-severity findings.
    pub infos: usize,
}

/// Reads and checks one report. `path` `-` means standard input.
pub fn check_path(path: &Path, rules: &RuleSet) -> FileResult {
    match Document::read(path) {
        Ok(document) => FileResult {
            path: document.source().name().to_owned(),
            outcome: check_document(Box::new(document), rules),
        },
        Err(err) => FileResult {
            path: err.path().to_owned(),
            outcome: Outcome::Failed(err),
        },
    }
}

/// Checks a report that has already been read.
pub fn check_source(source: SourceFile, format: Format, rules: &RuleSet) -> Outcome {
    check_document(Box::new(Document::parse(source, format)), rules)
}

fn check_document(document: Box<Document>, rules: &RuleSet) -> Outcome {
    let findings = rules.check(&document);
    Outcome::Checked { document, findings }
}

/// Counts the findings and failures of a run.
pub fn summarize(results: &[FileResult]) -> Summary {
    let mut summary = Summary {
        files: results.len(),
        ..Summary::default()
    };
    for result in results {
        match &result.outcome {
            Outcome::Failed(_) => summary.failed += 1,
            Outcome::Checked { findings, .. } => {
                for finding in findings {
                    match finding.severity {
                        Severity::Error => summary.errors += 1,
                        Severity::Warning => summary.warnings += 1,
                        Severity::Info => summary.infos += 1,
                    }
                }
            }
        }
    }
    summary
}
