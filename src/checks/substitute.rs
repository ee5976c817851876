//! `substitute`: every occurrence of a wrong form is a finding carrying its
//! right form as the replacement. For a regex wrong form, `$1` or `${name}`
//! in the right form are filled from the match's groups. An occurrence that
//! already reads as its right form is not reported.

use super::{ScopeRegions, finding, leftmost_longest};
use crate::document::Document;
use crate::finding::Finding;
use crate::rules::template::Values;
use crate::rules::{Hits, Matcher, PatternRef, Replacement, Rule};

pub(super) fn check(
    rule: &Rule,
    document: &Document,
    hits: &Hits,
    scope: &ScopeRegions,
    replacements: &[Replacement],
    matcher: &Matcher,
) -> Vec<Finding> {
    let text = document.text();
    let occurrences = replacements
        .iter()
        .flat_map(|r| hits.of(r.wrong).iter().map(move |span| (span.clone(), r)))
        .filter(|(span, _)| scope.contains(span))
        .collect();
    leftmost_longest(occurrences)
        .into_iter()
        .filter_map(|(span, replacement)| {
            let matched = &text[span.clone()];
            let right = right_form(replacement, text, &span, matcher);
            if matched == right {
                return None;
            }
            let values = Values {
                matched: Some(matched),
                right: Some(&right),
                ..Values::default()
            };
            let label = format!("应为“{right}”");
            let mut f = finding(rule, rule.severity, span, values, label);
            f.replacement = Some(right);
            Some(f)
        })
        .collect()
}

fn right_form(
    replacement: &Replacement,
    text: &str,
    span: &std::ops::Range<usize>,
    matcher: &Matcher,
) -> String {
    let PatternRef::Regex(id) = replacement.wrong else {
        return replacement.right.clone();
    };
    match matcher.regex(id).captures_at(text, span.start) {
        Some(caps) if caps.get(0).is_some_and(|m| m.range() == *span) => {
            let mut expanded = String::new();
            caps.expand(&replacement.right, &mut expanded);
            expanded
        }
        _ => replacement.right.clone(),
    }
}
