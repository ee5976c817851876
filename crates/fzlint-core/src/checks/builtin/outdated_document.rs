//! `outdated-document`: a report cites a document of a series (the 纲要, a
//! 普法 plan) that a later one of the series has replaced by the report's
//! year. The series comes from the pack's table of documents (`series:`),
//! each with the report years it applies to; a document is outdated for a
//! report only when a successor is known that had begun by that year, so
//! the check never claims a document is current that the pack does not
//! know (no 2026—2030 纲要 is known: citing the 2021—2025 one in a report
//! on 2026 is not flagged). The finding's help names what applies to the
//! report's year, or says that nothing is verified for it.

use std::sync::Arc;

use super::super::{ScopeRegions, at_match};
use super::Spec;
use crate::document::Document;
use crate::finding::Finding;
use crate::matcher::{Hits, PatternRef};
use crate::rules::template::Placeholder::{Match, Right};
use crate::rules::{KnownDocument, Rule};

/// The check, as the registry and rule files know it.
pub(super) const SPEC: Spec = Spec {
    name: "outdated-document",
    summary: "a document of the `series` (from the pack's documents) that a later one replaced by the report's year",
    needs: &["series"],
    allows: &[],
    placeholders: &[Match, Right],
    needs_sections: false,
};

/// Characters that end a place's or a body's name: a title's name after
/// one of them is a local document of the same name (《某区法治政府建设实施纲要…》).
const LOCAL: &[char] = &[
    '省', '市', '县', '区', '州', '盟', '旗', '镇', '乡', '局', '委', '厅', '办',
];

/// The regex that finds a citation of `document`: its name and its
/// title's years, with any dash or none between them (compiled into the
/// rule set's matcher, so it is found in the one scan of each report).
pub(crate) fn citation_regex(document: &KnownDocument) -> Result<String, String> {
    let (Some(name), Some((from, to))) = (&document.named_regex, document.title_years) else {
        return Err("缺少 `named`，或标题中没有年份区间".to_owned());
    };
    Ok(format!(
        r"(?:{name})\s*[（(]\s*{from}\s*年?\s*[—–\-－~～至到]?\s*{to}\s*年?\s*[）)]"
    ))
}

pub(super) fn check(
    rule: &Rule,
    document: &Document,
    hits: &Hits,
    scope: &ScopeRegions,
    documents: &[(Arc<KnownDocument>, PatternRef)],
) -> Vec<Finding> {
    let Some(year) = document.metadata().year.as_ref().map(|y| y.value) else {
        return Vec::new();
    };
    let text = document.text();
    let mut findings = Vec::new();
    for (cited, pattern) in documents {
        let Some(ended) = cited.reports.and_then(|r| r.to).filter(|to| *to < year) else {
            continue;
        };
        // The next of the series after it, begun by the report's year.
        let Some(successor) = documents
            .iter()
            .map(|(d, _)| d)
            .filter_map(|d| Some((d, d.reports?)))
            .filter(|(_, r)| r.from > ended && r.from <= year)
            .min_by_key(|(_, r)| r.from)
            .map(|(d, _)| d)
        else {
            continue;
        };
        for span in hits.of(*pattern) {
            let span = span.clone();
            if !scope.contains(&span) || !document.is_text(&span) {
                continue;
            }
            if text[..span.start]
                .chars()
                .next_back()
                .is_some_and(|c| LOCAL.contains(&c))
            {
                continue;
            }
            let current = documents
                .iter()
                .map(|(d, _)| d)
                .rfind(|d| d.reports.is_some_and(|r| r.contains(year)));
            let said = match current {
                Some(current) => format!("{year}年度适用的是{}。", current.quoted()),
                None => format!(
                    "{year}年度适用的后续文件尚未核实（{}之后的尚未见到）。",
                    successor.quoted()
                ),
            };
            let matched = &text[span.clone()];
            let right = successor.quoted();
            let label = format!(
                "适用于{}年度的报告",
                cited.reports.map_or_else(String::new, |r| r.describe())
            );
            let mut f = at_match(rule, span, matched, &right, label);
            f.basis = Some(successor.cite());
            f.help = Some(match &rule.help {
                Some(help) => format!("{said}{help}"),
                None => said,
            });
            findings.push(f);
        }
    }
    findings
}
