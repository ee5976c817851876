//! `section`: a section whose heading matches one of the patterns must exist
//! (at `max_level` or higher, if given, and within the scope). Otherwise one
//! finding at the title. When the content is there but without a section of
//! its own — an occurrence of `mentioned_by` in the text — the finding says
//! so with `partial_message`/`partial_severity` and points at that place
//! with a secondary label, instead of claiming the content is missing.

use super::{ScopeRegions, any_within, finding};
use crate::document::Document;
use crate::finding::{Finding, Label};
use crate::rules::template::Values;
use crate::rules::{Hits, Partial, PatternSet, Rule};

#[allow(clippy::too_many_arguments)]
pub(super) fn check(
    rule: &Rule,
    document: &Document,
    hits: &Hits,
    scope: &ScopeRegions,
    patterns: &PatternSet,
    max_level: Option<u8>,
    mentioned_by: Option<&PatternSet>,
    partial: &Partial,
) -> Vec<Finding> {
    let found = document.outline().sections.iter().any(|section| {
        max_level.is_none_or(|max| section.level <= max)
            && scope.contains(&section.heading_span)
            && any_within(hits, patterns, &section.heading_span).is_some()
    });
    if found {
        return Vec::new();
    }
    let mention = mentioned_by.and_then(|set| {
        hits.of_set(set)
            .map(|(_, span)| span)
            .filter(|span| scope.contains(span))
            .min_by_key(|span| (span.start, span.end))
    });
    let Some(mention) = mention else {
        return vec![finding(
            rule,
            rule.severity,
            scope.anchor.clone(),
            Values::default(),
            "报告中没有以此为标题的部分",
        )];
    };
    let mut f = finding(
        rule,
        partial.severity.unwrap_or(rule.severity),
        scope.anchor.clone(),
        Values::default(),
        "报告中没有以此为标题的部分",
    );
    if let Some(message) = &partial.message {
        f.message = message.render(Values::default());
    }
    f.secondary.push(Label {
        span: mention.clone(),
        message: "只在这里的段落中提到，没有单列一部分".to_owned(),
    });
    vec![f]
}
