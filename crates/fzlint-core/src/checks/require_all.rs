//! `require-all`: every item must occur in the scope. A collective name in
//! `satisfied_by` satisfies all items at once. When some items are present and
//! others not, the finding points at the first item that is present (where
//! the reader sees the incomplete list), labels the other present ones, names
//! the missing ones in `{missing}`, and takes `partial_severity` and
//! `partial_message` if given.
//! When none is present it points at the title like `require`.

use std::ops::Range;

use super::{ScopeRegions, finding, require};
use crate::finding::{Finding, Label};
use crate::matcher::{Hits, PatternSet};
use crate::rules::template::Values;
use crate::rules::{Item, Partial, Rule};

/// Which items occur in the scope.
pub(super) enum Evaluation<'a> {
    /// The collective name occurs, here.
    Collective(Range<usize>),
    /// The items found (first occurrence each, in text order) and the names
    /// of those not found.
    Items {
        present: Vec<(&'a Item, Range<usize>)>,
        missing: Vec<&'a str>,
    },
}

pub(super) fn evaluate<'a>(
    hits: &Hits,
    scope: &ScopeRegions,
    items: &'a [Item],
    satisfied_by: Option<&PatternSet>,
) -> Evaluation<'a> {
    if let Some(span) = satisfied_by.and_then(|all| require::first(hits, scope, all)) {
        return Evaluation::Collective(span.clone());
    }
    let mut present = Vec::new();
    let mut missing = Vec::new();
    for item in items {
        match require::first(hits, scope, &item.patterns) {
            Some(span) => present.push((item, span.clone())),
            None => missing.push(item.name.as_str()),
        }
    }
    present.sort_by_key(|(_, span)| span.start);
    Evaluation::Items { present, missing }
}

pub(super) fn check(
    rule: &Rule,
    scope: &ScopeRegions,
    evaluation: Evaluation<'_>,
    partial: &Partial,
) -> Vec<Finding> {
    let Evaluation::Items { present, missing } = evaluation else {
        return Vec::new();
    };
    if missing.is_empty() {
        return Vec::new();
    }
    let missing = missing.join("、");
    let values = Values {
        missing: Some(&missing),
        ..Values::default()
    };
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
