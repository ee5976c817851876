//! Findings: what a rule reports about a document. Plain data; turning them
//! into text happens in a front end (the CLI's `output`).

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use serde::Serialize;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run by default.
    Info,
    /// Probably a problem; an author should look.
    Warning,
    /// A required element is missing or something is wrong.
    Error,
}

impl Severity {
    /// The name used in rule files and JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(()),
        }
    }
}

/// A secondary place a finding points at, with what to look for there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Byte range in the document's text.
    pub span: Range<usize>,
    /// A short note shown at that place.
    pub message: String,
}

/// One problem found in one document by one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The id of the rule that found it.
    pub rule: String,
    /// Its severity (a rule's `partial_severity` may lower it).
    pub severity: Severity,
    /// The rule's message with its placeholders filled in.
    pub message: String,
    /// Byte range in the document's text: the offending text, or for a
    /// missing element the place a reader should look (title or heading).
    pub span: Range<usize>,
    /// A short note shown under the primary span.
    pub label: String,
    /// Further places that explain the finding.
    pub secondary: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
    /// The legal or policy source of the requirement.
    pub basis: Option<String>,
    /// The text that should replace `span`, when the fix is a substitution.
    pub replacement: Option<String>,
}
