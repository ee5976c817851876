//! `shortcomings-depth`: the shortcomings part (the scope) is more than a
//! handful of stock phrases. A finding when it is short — under `min_ratio`
//! (default 0.25) of the length of the results part (`compare_with`:
//! patterns of its heading) — and most of its sentences are stock phrases
//! (`stock_phrases`: "有待进一步加强", "还不够到位"…). The label gives the
//! figures; secondary labels point at the stock phrases.

use super::super::{ScopeRegions, any_within, finding};
use super::Spec;
use crate::document::Document;
use crate::finding::{Finding, Label};
use crate::matcher::{Hits, PatternSet};
use crate::rules::Rule;
use crate::rules::template::Values;
use crate::text::source::visible_chars;

/// The check, as the registry and rule files know it.
pub(super) const SPEC: Spec = Spec {
    name: "shortcomings-depth",
    summary: "the shortcomings part is more than a few stock phrases",
    needs: &["stock_phrases", "compare_with"],
    allows: &["min_ratio"],
    placeholders: &[],
    needs_sections: true,
};

/// Most stock phrases shown as secondary labels.
const SHOWN: usize = 3;

pub(super) fn check(
    rule: &Rule,
    document: &Document,
    hits: &Hits,
    scope: &ScopeRegions,
    stock_phrases: &PatternSet,
    compare_with: &PatternSet,
    min_ratio: f64,
) -> Vec<Finding> {
    let text = document.text();
    let length = |range: &std::ops::Range<usize>| visible_chars(&text[range.clone()]);
    let results: usize = document
        .outline()
        .roots()
        .filter(|(_, s)| any_within(hits, compare_with, &s.heading_span).is_some())
        .map(|(_, s)| length(&(s.heading_span.end..s.span.end)))
        .sum();
    let shortcomings: usize = scope.regions().iter().map(length).sum();
    if results == 0 || (shortcomings as f64) >= min_ratio * results as f64 {
        return Vec::new();
    }
    let mut stock: Vec<&std::ops::Range<usize>> = hits
        .of_set(stock_phrases)
        .map(|(_, span)| span)
        .filter(|span| scope.contains(span))
        .collect();
    stock.sort_by_key(|s| s.start);
    let sentences: Vec<std::ops::Range<usize>> = scope
        .regions()
        .iter()
        .flat_map(|region| sentences(text, region.clone()))
        .collect();
    let formulaic = sentences
        .iter()
        .filter(|s| stock.iter().any(|p| s.start <= p.start && p.end <= s.end))
        .count();
    if sentences.is_empty() || formulaic * 2 < sentences.len() {
        return Vec::new();
    }
    let label = format!(
        "这一部分约{shortcomings}字，成效部分约{results}字；{}句中有{formulaic}句是套话",
        sentences.len()
    );
    let mut f = finding(
        rule,
        rule.severity,
        scope.anchor.clone(),
        Values::default(),
        label,
    );
    f.secondary = stock
        .iter()
        .take(SHOWN)
        .map(|span| Label {
            span: (*span).clone(),
            message: "套话".to_owned(),
        })
        .collect();
    vec![f]
}

/// The sentences of a region that have text, split at 。！？； and line ends.
fn sentences(text: &str, region: std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = region.start;
    for (i, c) in text[region.clone()].char_indices() {
        if matches!(c, '。' | '！' | '？' | '；' | '\n') {
            let end = region.start + i;
            if text[start..end].chars().any(|c| !c.is_whitespace()) {
                out.push(start..end);
            }
            start = end + c.len_utf8();
        }
    }
    if text[start..region.end].chars().any(|c| !c.is_whitespace()) {
        out.push(start..region.end);
    }
    out
}
