//! What a `.fzlint.yaml` means: which rule packs to load, which rules to
//! run on which files and at what severity, which files a folder walk
//! checks, which baseline to use, and when a run fails.
//!
//! This crate reads the file's text and nothing else: no file system. The
//! command line finds the file (searching upward from the working
//! directory, or `--config`), reads it and resolves the paths in it against
//! its folder; the browser page reads a `.fzlint.yaml` the user chose and
//! matches its globs against paths in the folder chosen; the language server
//! does as the command line. Paths and file globs are relative to the folder
//! that holds the file, with `/` separators. Rule selection is resolved
//! against the loaded rules ([`Settings::selector`]), so an unknown rule id
//! or a glob that matches no rule is an error pointing at the value, like
//! any other mistake in the file.

mod globs;
mod raw;
mod settings;
mod starter;

use std::fmt;

use fzlint_core::finding::Severity;

pub use raw::{RawConfig, RawOverride, SeverityMap, schema};
pub use settings::{NOT_REPORTS, Selector, Settings};
pub use starter::STARTER;

/// File names of the configuration, in order of preference.
pub const FILE_NAMES: [&str; 2] = [".fzlint.yaml", ".fzlint.yml"];

/// Extensions of the files a folder walk checks, by default.
pub const DEFAULT_EXTENSIONS: [&str; 6] = ["md", "markdown", "txt", "docx", "html", "htm"];

/// The severity from which findings fail a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailLevel {
    /// Errors fail the run (default).
    Error,
    /// Warnings and errors fail the run.
    Warning,
    /// Any finding fails the run.
    Info,
    /// Findings never fail the run (input and rule errors still do).
    Never,
}

impl FailLevel {
    /// Parses `error`, `warning`, `info` or `never`.
    pub fn parse(name: &str) -> Option<FailLevel> {
        match name {
            "error" => Some(FailLevel::Error),
            "warning" => Some(FailLevel::Warning),
            "info" => Some(FailLevel::Info),
            "never" => Some(FailLevel::Never),
            _ => None,
        }
    }

    /// Whether a finding of `severity` fails the run.
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailLevel::Error => severity >= Severity::Error,
            FailLevel::Warning => severity >= Severity::Warning,
            FailLevel::Info => true,
            FailLevel::Never => false,
        }
    }
}

impl fmt::Display for FailLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FailLevel::Error => "error",
            FailLevel::Warning => "warning",
            FailLevel::Info => "info",
            FailLevel::Never => "never",
        })
    }
}
