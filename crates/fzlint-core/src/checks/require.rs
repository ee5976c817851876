//! `require`: at least one of the patterns must occur in the scope; otherwise
//! one finding, pointing at the title (or the scope's first section heading).
//! For the audit, the first occurrence is the evidence.

use std::ops::Range;

use super::{ScopeRegions, finding};
use crate::finding::Finding;
use crate::matcher::{Hits, PatternSet};
use crate::rules::Rule;
use crate::rules::template::Values;

/// The first occurrence of the patterns in the scope.
pub(super) fn first<'h>(
    hits: &'h Hits,
    scope: &ScopeRegions,
    patterns: &'h PatternSet,
) -> Option<&'h Range<usize>> {
    hits.of_set(patterns)
        .map(|(_, span)| span)
        .filter(|span| scope.contains(span))
        .min_by_key(|span| (span.start, span.end))
}

pub(super) fn check(
    rule: &Rule,
    hits: &Hits,
    scope: &ScopeRegions,
    patterns: &PatternSet,
) -> Vec<Finding> {
    if first(hits, scope, patterns).is_some() {
        return Vec::new();
    }
    vec![finding(
        rule,
        rule.severity,
        scope.anchor.clone(),
        Values::default(),
        scope.missing_label(),
    )]
}
