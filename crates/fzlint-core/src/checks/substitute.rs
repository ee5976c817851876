//! `substitute`: every occurrence of a wrong form is a finding carrying its
//! right form as the replacement, unless it lies inside an occurrence of
//! `exceptions`. For a regex wrong form, `$1` or `${name}` in the right form
//! are filled from the match's groups. An occurrence that already reads as
//! its right form is not reported, so a regex may match the right form too.

use std::ops::Range;

use super::{ScopeRegions, correction, excepted, leftmost_longest};
use crate::document::Document;
use crate::finding::Finding;
use crate::matcher::{GroupCaptures, Hits, Matcher, PatternRef, PatternSet};
use crate::rules::{Replacement, Rule};

pub(super) fn check(
    rule: &Rule,
    document: &Document,
    hits: &Hits,
    scope: &ScopeRegions,
    replacements: &[Replacement],
    exceptions: Option<&PatternSet>,
    matcher: &Matcher,
) -> Vec<Finding> {
    let text = document.text();
    let found = replacements
        .iter()
        .flat_map(|r| hits.of(r.wrong).iter().map(move |span| (span.clone(), r)))
        .filter(|(span, _)| scope.contains(span))
        .filter(|(span, _)| exceptions.is_none_or(|e| !excepted(hits, e, span)))
        .collect();
    leftmost_longest(found)
        .into_iter()
        .filter_map(|(span, replacement)| {
            let matched = &text[span.clone()];
            let right = right_form(replacement, text, &span, matcher);
            if matched == right {
                return None;
            }
            let label = format!("应为“{right}”");
            Some(correction(rule, span, matched, right, label))
        })
        .collect()
}

fn right_form(
    replacement: &Replacement,
    text: &str,
    span: &Range<usize>,
    matcher: &Matcher,
) -> String {
    let PatternRef::Regex(id) = replacement.wrong else {
        return replacement.right.clone();
    };
    if !replacement.right.contains('$') {
        return replacement.right.clone();
    }
    let compiled = matcher.regex(id);
    let group = compiled.group;
    let Some(regex) = compiled.regex() else {
        return replacement.right.clone();
    };
    // The match whose reported group is this occurrence starts at or before
    // it, on its line; the matches are found as the matcher found them.
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let mut matches = GroupCaptures::new(regex, text, group, line_start..text.len());
    while let Some(caps) = matches.next_match() {
        if caps
            .get_match()
            .is_none_or(|whole| whole.start() > span.start)
        {
            break;
        }
        if caps.get_group(group).is_some_and(|m| m.range() == *span) {
            let mut expanded = String::new();
            caps.interpolate_string_into(text, &replacement.right, &mut expanded);
            return expanded;
        }
    }
    replacement.right.clone()
}
