//! `require`: at least one of the patterns must occur in the scope; otherwise
//! one finding, pointing at the title (or the scope's first section heading).

use super::{ScopeRegions, finding};
use crate::finding::Finding;
use crate::rules::template::Values;
use crate::rules::{Hits, PatternSet, Rule};

pub(super) fn check(
    rule: &Rule,
    hits: &Hits,
    scope: &ScopeRegions,
    patterns: &PatternSet,
) -> Vec<Finding> {
    if hits.of_set(patterns).any(|(_, span)| scope.contains(span)) {
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
