//! The results of a run, as data: per file, either its document and findings
//! or the reason it could not be read. Writers in [`crate::output`] render it.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{Config, Selector};
use crate::document::{Document, Format, ReadOptions};
use crate::element::Element;
use crate::error::InputError;
use crate::finding::{Finding, Severity};
use crate::rules::{RuleSet, Selection};
use crate::source::SourceFile;
use crate::suppress::{self, RuleState};

/// What happened to one input.
#[derive(Debug)]
pub enum Outcome {
    /// The file was read and checked.
    Checked {
        /// The report as read.
        document: Box<Document>,
        /// Its findings, sorted by position.
        findings: Vec<Finding>,
        /// The rules that ran on it, at what severity.
        selection: Selection,
        /// The audit columns of the rule set, assessed on it (before
        /// suppressions: a supervisor sees what the text contains).
        elements: Vec<Element>,
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

/// A run's rules, with the config's per-file selection and the inline
/// suppressions applied to every file checked.
#[derive(Debug)]
pub struct Linter {
    rules: RuleSet,
    selector: Selector,
    config: Config,
    read: ReadOptions,
}

impl Linter {
    /// Prepares a run.
    pub fn new(rules: RuleSet, selector: Selector, config: Config) -> Linter {
        Linter {
            rules,
            selector,
            config,
            read: ReadOptions::default(),
        }
    }

    /// Reads reports with these options (an encoding given by the user).
    pub fn with_read_options(mut self, read: ReadOptions) -> Linter {
        self.read = read;
        self
    }

    /// How reports are read.
    pub fn read_options(&self) -> &ReadOptions {
        &self.read
    }

    /// The rules.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The rules, without the rest.
    pub fn into_rules(self) -> RuleSet {
        self.rules
    }

    /// The per-file rule selection.
    pub fn selector(&self) -> &Selector {
        &self.selector
    }

    /// The config.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Reads and checks one report (`-` is standard input).
    pub fn check_path(&self, path: &Path) -> FileResult {
        match Document::read_with(path, &self.read) {
            Ok(document) => {
                let relative = self.config.relative(path);
                let selection = self.selector.for_file(&self.rules, &relative);
                FileResult {
                    path: document.source().name().to_owned(),
                    outcome: self.check_document(Box::new(document), &selection),
                }
            }
            Err(err) => FileResult {
                path: err.path().to_owned(),
                outcome: Outcome::Failed(err),
            },
        }
    }

    /// Checks reports in parallel; the results are in the order of `paths`.
    pub fn check_paths(&self, paths: &[PathBuf]) -> Vec<FileResult> {
        self.rules.expect_documents(paths.len());
        paths.par_iter().map(|path| self.check_path(path)).collect()
    }

    /// Checks reports in parallel and hands each result to `each` in the
    /// order of `paths`, while the next window of reports is being checked:
    /// memory holds at most two windows of documents, however many paths
    /// there are. Stops at the first error `each` returns.
    pub fn check_each<E>(
        &self,
        paths: &[PathBuf],
        mut each: impl FnMut(FileResult) -> Result<(), E>,
    ) -> Result<(), E> {
        // One report (an author's draft, an editor's save hook): no thread
        // pool to start.
        if let [path] = paths {
            return each(self.check_path(path));
        }
        self.rules.expect_documents(paths.len());
        let window = (8 * rayon::current_num_threads()).max(16);
        let mut windows = paths.chunks(window);
        let check = |chunk: &[PathBuf]| -> Vec<FileResult> {
            chunk.par_iter().map(|path| self.check_path(path)).collect()
        };
        let mut ready = windows.next().map(check).unwrap_or_default();
        for chunk in windows {
            let mut next = Vec::new();
            let written = rayon::in_place_scope(|scope| {
                scope.spawn(|_| next = check(chunk));
                ready.drain(..).try_for_each(&mut each)
            });
            written?;
            ready = next;
        }
        ready.into_iter().try_for_each(each)
    }

    fn check_document(&self, document: Box<Document>, selection: &Selection) -> Outcome {
        lint(&self.rules, document, selection)
    }
}

/// Runs the selected rules on a document and applies its inline
/// suppressions (reporting unused ones when `unused-suppression` is on).
fn lint(rules: &RuleSet, document: Box<Document>, selection: &Selection) -> Outcome {
    let (findings, elements) = rules.check_and_assess(&document, selection);
    let unused = rules
        .index(suppress::UNUSED)
        .filter(|&i| selection.enabled(i))
        .map(|i| selection.severity(i).unwrap_or(rules.rules()[i].severity));
    let state = |id: &str| match rules.index(id) {
        None => RuleState::Unknown,
        Some(i) if selection.enabled(i) => RuleState::Enabled,
        Some(_) => RuleState::Disabled,
    };
    let findings = suppress::apply(&document, findings, state, unused);
    Outcome::Checked {
        document,
        findings,
        selection: selection.clone(),
        elements,
    }
}

/// Reads and checks one report with every rule. `path` `-` means standard
/// input.
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
    lint(rules, document, &Selection::all(rules))
}

/// Everything a writer needs about a finished run.
#[derive(Debug, Clone, Copy)]
pub struct Run<'a> {
    /// The results, in output order.
    pub results: &'a [FileResult],
    /// Their counts.
    pub summary: &'a Summary,
    /// The rules of the run (for rule metadata).
    pub rules: &'a RuleSet,
    /// From which severity findings fail the run.
    pub fail_level: crate::config::FailLevel,
}

/// Counts the findings and failures of a run.
pub fn summarize(results: &[FileResult]) -> Summary {
    let mut summary = Summary::default();
    for result in results {
        summary.add(result);
    }
    summary
}

impl Summary {
    /// Counts one more input.
    pub fn add(&mut self, result: &FileResult) {
        self.files += 1;
        match &result.outcome {
            Outcome::Failed(_) => self.failed += 1,
            Outcome::Checked { findings, .. } => {
                for finding in findings {
                    match finding.severity {
                        Severity::Error => self.errors += 1,
                        Severity::Warning => self.warnings += 1,
                        Severity::Info => self.infos += 1,
                    }
                }
            }
        }
    }
}
