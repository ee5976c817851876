//! `section`: a section whose heading matches one of the patterns must exist
//! (at `max_level` or higher, if given, and within the scope). Otherwise one
//! finding at the title.

use super::{ScopeRegions, any_within, finding};
use crate::document::Document;
use crate::finding::Finding;
use crate::rules::template::Values;
use crate::rules::{Hits, PatternSet, Rule};

pub(super) fn check(
    rule: &Rule,
    document: &Document,
    hits: &Hits,
    scope: &ScopeRegions,
    patterns: &PatternSet,
    max_level: Option<u8>,
) -> Vec<Finding> {
    let found = document.outline().sections.iter().any(|section| {
        max_level.is_none_or(|max| section.level <= max)
            && scope.contains(&section.heading_span)
            && any_within(hits, patterns, &section.heading_span).is_some()
    });
    if found {
        return Vec::new();
    }
    vec![finding(
        rule,
        rule.severity,
        scope.anchor.clone(),
        Values::default(),
        "报告中没有以此为标题的部分",
    )]
}
