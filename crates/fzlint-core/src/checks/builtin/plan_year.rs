//! `plan-year`: the next-year plan is about the report year + `offset` (1).
//! The plan's year is the one in its heading, else one in the first sentence
//! of its text ("2024年，我局将……"); a first sentence that names the right
//! year among others passes. No finding when the report year or the plan's
//! year is unknown.

use super::super::{ScopeRegions, correction};
use super::Spec;
use crate::document::Document;
use crate::document::metadata::{Found, plain_years};
use crate::finding::Finding;
use crate::rules::Rule;
use crate::rules::template::Placeholder::{Match, Right};

/// The check, as the registry and rule files know it.
pub(super) const SPEC: Spec = Spec {
    name: "plan-year",
    summary: "the next-year plan is about the report year + `offset` (default 1)",
    needs: &[],
    allows: &["offset"],
    placeholders: &[Match, Right],
    needs_sections: true,
};

pub(super) fn check(
    rule: &Rule,
    document: &Document,
    scope: &ScopeRegions,
    offset: i32,
) -> Vec<Finding> {
    let Some(report_year) = document.metadata().year.as_ref() else {
        return Vec::new();
    };
    let expected = i64::from(report_year.value) + i64::from(offset);
    let text = document.text();
    let outline = document.outline();
    let mut findings = Vec::new();
    for &index in scope.sections() {
        let section = &outline.sections[index];
        let heading = section.heading_span.clone();
        let in_heading: Vec<Found<u32>> =
            plain_years(&text[heading.clone()], heading.start).collect();
        let years = if in_heading.is_empty() {
            let body = section.heading_span.end..section.span.end;
            let sentence_end = text[body.clone()]
                .find(['。', '；'])
                .map_or(body.end, |i| body.start + i);
            plain_years(&text[body.start..sentence_end], body.start).collect()
        } else {
            in_heading
        };
        if years.is_empty() || years.iter().any(|y| i64::from(y.value) == expected) {
            continue;
        }
        let found = &years[0];
        let matched = found.value.to_string();
        let right = expected.to_string();
        let label = format!("报告年度为{}年，下一年度应为{right}年", report_year.value);
        findings.push(correction(rule, found.span.clone(), &matched, right, label));
    }
    findings
}
