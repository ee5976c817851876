//! Required elements, as the supervisor's audit sees them: for each rule a
//! pack marks as an audit column (`audit: {column: …}`), whether a report
//! has the element, has part of it, or lacks it, and where the evidence is.
//! Plain data, computed by the presence checks (`require`, `require-all`,
//! `section`) from the same matches as their findings.

use std::ops::Range;

use serde::Serialize;

/// Whether a report has a required element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Found: a pattern occurs, every item occurs, or the section exists.
    Present,
    /// Some of it: some items of a `require-all`, or a `section` whose
    /// content is only mentioned in another part.
    Partial,
    /// Not found.
    Missing,
    /// The rule does not apply to this report: its `when:` conditions
    /// exclude it, or the config disables the rule for this file.
    NotApplicable,
}

impl Status {
    /// The name used in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Present => "present",
            Status::Partial => "partial",
            Status::Missing => "missing",
            Status::NotApplicable => "not_applicable",
        }
    }
}

/// One required element of one report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// Index of the rule in the run's rule set.
    pub rule: usize,
    /// Present, partial, missing or not applicable.
    pub status: Status,
    /// Where the element (or the part of it that is there) was found: the
    /// first occurrence, the section heading, or the paragraph that mentions
    /// it. `None` when missing or not applicable.
    pub evidence: Option<Range<usize>>,
    /// For a partial `require-all`: the names of the missing items.
    pub missing_items: Vec<String>,
}

impl Element {
    /// An element found at `span`.
    pub(crate) fn present(rule: usize, span: Range<usize>) -> Element {
        Element {
            rule,
            status: Status::Present,
            evidence: Some(span),
            missing_items: Vec::new(),
        }
    }

    /// An element without evidence: missing or not applicable.
    pub(crate) fn without(rule: usize, status: Status) -> Element {
        Element {
            rule,
            status,
            evidence: None,
            missing_items: Vec::new(),
        }
    }
}
