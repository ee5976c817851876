//! `forbid`: every occurrence of the patterns in the scope is a finding at
//! that occurrence (overlapping occurrences count once, leftmost-longest),
//! unless it lies inside an occurrence of `exceptions`.

use super::{ScopeRegions, finding, leftmost_longest, occurrences};
use crate::document::Document;
use crate::finding::Finding;
use crate::matcher::{Hits, PatternSet};
use crate::rules::Rule;
use crate::rules::template::Values;

pub(super) fn check(
    rule: &Rule,
    document: &Document,
    hits: &Hits,
    scope: &ScopeRegions,
    patterns: &PatternSet,
    exceptions: Option<&PatternSet>,
) -> Vec<Finding> {
    let found = occurrences(hits, patterns, scope, exceptions)
        .map(|(_, span)| (span.clone(), ()))
        .collect();
    leftmost_longest(found)
        .into_iter()
        .map(|(span, ())| {
            let matched = &document.text()[span.clone()];
            let values = Values {
                matched: Some(matched),
                ..Values::default()
            };
            finding(rule, rule.severity, span, values, "")
        })
        .collect()
}
