//! `year-consistency`: the year the report is about, as its title states it,
//! agrees with the year the introduction names ("2023年，我县……",
//! "现将2023年度……情况报告如下") and the year in the heading of the results
//! part (the scope). Each disagreeing year is a finding at that year.

use super::Spec;
use crate::rules::template::Placeholder::{Match, Right};
use std::sync::LazyLock;

use regex::Regex;

use super::super::{ScopeRegions, correction};
use crate::document::Document;
use crate::document::metadata::{Found, plain_years};
use crate::finding::Finding;
use crate::rules::Rule;

/// The check, as the registry and rule files know it.
pub(super) const SPEC: Spec = Spec {
    name: "year-consistency",
    summary: "the years of the introduction and of the results part agree with the title's",
    needs: &[],
    allows: &[],
    placeholders: &[Match, Right],
    needs_sections: true,
};

/// "2023年，" at the start of a line, or "现将……2023年".
static INTRO_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)(?:^[\s\u{3000}]*|现将[^。\n]{0,20}?)((?:19|20)[0-9]{2})\s*年")
        .expect("constant regex")
});

/// Compiles the check's regex (see [`super::Builtin::warm_up`]).
pub(super) fn warm_up() {
    LazyLock::force(&INTRO_YEAR);
}

pub(super) fn check(rule: &Rule, document: &Document, scope: &ScopeRegions) -> Vec<Finding> {
    let metadata = document.metadata();
    let (Some(title_year), true) = (metadata.year.as_ref(), metadata.year_in_title) else {
        return Vec::new();
    };
    let text = document.text();
    let outline = document.outline();
    let intro_start = outline.title.as_ref().map_or(0, |t| t.span.end);
    let intro_end = outline
        .sections
        .first()
        .map_or(text.len(), |s| s.span.start);
    let mut candidates: Vec<Found<u32>> = Vec::new();
    if intro_start < intro_end {
        let intro = &text[intro_start..intro_end];
        candidates.extend(INTRO_YEAR.captures_iter(intro).filter_map(|caps| {
            let m = caps.get(1)?;
            Some(Found {
                value: m.as_str().parse().ok()?,
                span: intro_start + m.start()..intro_start + m.end(),
            })
        }));
    }
    for &index in scope.sections() {
        let heading = &outline.sections[index].heading_span;
        candidates.extend(plain_years(&text[heading.clone()], heading.start).take(1));
    }
    candidates
        .into_iter()
        .filter(|year| year.value != title_year.value)
        .map(|year| {
            let matched = year.value.to_string();
            let right = title_year.value.to_string();
            let label = format!("标题写的是{right}年度");
            let mut f = correction(rule, year.span, &matched, right, label);
            f.secondary.push(crate::finding::Label {
                span: title_year.span.clone(),
                message: "标题中的年度".to_owned(),
            });
            f
        })
        .collect()
}
