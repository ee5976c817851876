//! `require-all`: every item must occur in the scope. A collective name in
//! `satisfied_by` satisfies all items at once. When some items are present and
//! others not, the finding points at the first item that is present (where
//! the reader sees the incomplete list), labels the other present ones, names
//! the missing ones in `{missing}`, and takes `partial_severity` and
//! `partial_message` if given.
//! When none is present it points at the title like `require`.

use super::{ScopeRegions, finding};
use crate::finding::{Finding, Label};
use crate::rules::template::Values;
use crate::rules::{Hits, Item, Partial, PatternSet, Rule};

pub(super) fn check(
    rule: &Rule,
    hits: &Hits,
    scope: &ScopeRegions,
    items: &[Item],
    satisfied_by: Option<&PatternSet>,
    partial: &Partial,
) -> Vec<Finding> {
    if let Some(all) = satisfied_by
        && hits.of_set(all).any(|(_, span)| scope.contains(span))
    {
        return Vec::new();
    }
    let mut present = Vec::new();
    let mut missing = Vec::new();
    for item in items {
        let first = hits
            .of_set(&item.patterns)
            .map(|(_, span)| span)
            .filter(|span| scope.contains(span))
            .min_by_key(|span| (span.start, span.end));
        match first {
            Some(span) => present.push((item, span.clone())),
            None => missing.push(item.name.as_str()),
        }
    }
    if missing.is_empty() {
        return Vec::new();
    }
    let missing = missing.join("、");
    let values = Values {
        missing: Some(&missing),
        ..Values::default()
    };
    present.sort_by_key(|(_, span)| span.start);
    let Some(((first_item, first_span), others)) = present.split_first() else {
        return vec![finding(
            rule,
            rule.severity,
            scope.anchor.clone(),
            values,
            scope.missing_label(),
        )];
    };
    let mut found = finding(
        rule,
        partial.severity.unwrap_or(rule.severity),
        first_span.clone(),
        values,
        format!("已提到：{}", first_item.name),
    );
    if let Some(message) = &partial.message {
        found.message = message.render(values);
    }
    found.secondary = others
        .iter()
        .map(|(item, span)| Label {
            span: span.clone(),
            message: format!("已提到：{}", item.name),
        })
        .collect();
    vec![found]
}
