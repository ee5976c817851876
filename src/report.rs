//! A run of the command line over files: each file read from disk and
//! checked by the engine, in parallel, in the order of the paths; and what
//! a writer needs about the finished run. The results themselves are the
//! engine's plain data ([`FileResult`], [`Outcome`]).

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use fzlint_core::engine::{Engine, RuleSet, Select, Selection};
pub use fzlint_core::engine::{FileResult, Outcome, Summary, summarize};
use fzlint_core::error::InputError;

use crate::config::{Config, Selector};
use crate::read::{self, ReadOptions};

/// A run's engine (its rules, with the config's per-file selection) and
/// how files are read.
#[derive(Debug)]
pub struct Linter {
    engine: Engine,
    /// The selection for files no `overrides` block of the config matches.
    base: Selection,
    config: Config,
    read: ReadOptions,
    /// Whether files found in folders are checked even when they do not
    /// read as reports (`--all`).
    all: bool,
}

/// The config's selection, by a report's path relative to the config's
/// folder.
#[derive(Debug)]
struct ConfigSelection {
    selector: Selector,
    config_root: PathBuf,
}

impl Select for ConfigSelection {
    fn select<'a>(&'a self, rules: &RuleSet, name: &str) -> Cow<'a, Selection> {
        let relative = crate::config::relative_to(&self.config_root, Path::new(name));
        self.selector.for_file(rules, &relative)
    }
}

impl Linter {
    /// Prepares a run.
    pub fn new(rules: RuleSet, selector: Selector, config: Config) -> Linter {
        let base = selector.base().clone();
        let select = ConfigSelection {
            selector,
            config_root: config.root.clone(),
        };
        Linter {
            engine: Engine::with_selection(rules, Box::new(select)),
            base,
            config,
            read: ReadOptions::default(),
            all: false,
        }
    }

    /// Checks every file a folder walk finds, whether or not it reads as a
    /// report (`--all`).
    pub fn with_all(mut self, all: bool) -> Linter {
        self.all = all;
        self
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

    /// The engine.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The rules.
    pub fn rules(&self) -> &RuleSet {
        self.engine.rules()
    }

    /// The rules, without the rest.
    pub fn into_rules(self) -> RuleSet {
        self.engine.into_rules()
    }

    /// The engine, with the config's per-file selection, without the rest
    /// (the language server checks texts an editor holds, not files).
    pub fn into_engine(self) -> Engine {
        self.engine
    }

    /// The rules that run on files no `overrides` block of the config
    /// matches.
    pub fn base_selection(&self) -> &Selection {
        &self.base
    }

    /// The config.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Reads and checks one report (`-` is standard input). A defect that
    /// panics on this file becomes its error ([`crate::guard`]).
    pub fn check_path(&self, path: &Path) -> FileResult {
        self.check_input(path, false)
    }

    /// Reads one file and checks it; a file `found` in a folder (not named
    /// by the user) is passed over if it does not read as a report, unless
    /// `--all` or the config's `include` names it.
    fn check_input(&self, path: &Path, found: bool) -> FileResult {
        let only_reports = found && !self.all && !self.config.names(path);
        let outcome = crate::guard::guarded(|| match read::read_file(path, &self.read) {
            Err(err) => Outcome::Failed(err),
            Ok(file) if only_reports => self.engine.check_if_report(&file.input()),
            Ok(file) => self.engine.check(&file.input()).into(),
        })
        .unwrap_or_else(|reason| {
            Outcome::Failed(InputError::Internal {
                path: path.display().to_string(),
                reason,
            })
        });
        FileResult {
            path: result_path(path, &outcome),
            outcome,
        }
    }

    /// Checks reports in parallel and hands each result to `each` in the
    /// order of `paths`, while the next window of reports is being checked:
    /// memory holds at most two windows of documents, however many paths
    /// there are. Those in `found` came from a folder walk (see
    /// [`Linter::check_input`]). Stops at the first error `each` returns.
    pub fn check_each<E>(
        &self,
        paths: &[PathBuf],
        found: &HashSet<PathBuf>,
        mut each: impl FnMut(FileResult) -> Result<(), E>,
    ) -> Result<(), E> {
        let check_path = |path: &PathBuf| self.check_input(path, found.contains(path));
        // One report (an author's draft, an editor's save hook): no thread
        // pool to start.
        if let [path] = paths {
            return each(check_path(path));
        }
        self.engine.expect_documents(paths.len());
        let window = (8 * rayon::current_num_threads()).max(16);
        let mut windows = paths.chunks(window);
        let check =
            |chunk: &[PathBuf]| -> Vec<FileResult> { chunk.par_iter().map(check_path).collect() };
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
}

/// The name a result is reported under: the document's (`<stdin>` for
/// standard input), the error's, or the path as walked.
fn result_path(path: &Path, outcome: &Outcome) -> String {
    match outcome {
        Outcome::Checked { document, .. } => document.source().name().to_owned(),
        Outcome::Failed(err) => err.path().to_owned(),
        Outcome::Skipped(_) => path.display().to_string(),
    }
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
