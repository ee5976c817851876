//! `part-order`: the parts of the report (`parts:`, each a name and heading
//! patterns, in the expected order) come in that order among the top-level
//! sections. Each part is placed at the first top-level section whose heading
//! matches it; a part placed after one that should follow it is a finding at
//! its heading. Parts that are missing, or only subsections, are not judged
//! here.

use super::super::{any_within, finding};
use super::Spec;
use crate::document::Document;
use crate::finding::{Finding, Label};
use crate::matcher::Hits;
use crate::rules::template::Placeholder::{Match, Right};
use crate::rules::template::Values;
use crate::rules::{Item, Rule};

/// The check, as the registry and rule files know it.
pub(super) const SPEC: Spec = Spec {
    name: "part-order",
    summary: "the parts of the report come in the given order",
    needs: &["parts"],
    allows: &[],
    placeholders: &[Match, Right],
    needs_sections: false,
};

pub(super) fn check(rule: &Rule, document: &Document, hits: &Hits, parts: &[Item]) -> Vec<Finding> {
    let outline = document.outline();
    // (position among the top-level sections, rank in the expected order)
    let mut placed: Vec<(usize, usize)> = parts
        .iter()
        .enumerate()
        .filter_map(|(rank, part)| {
            outline
                .roots()
                .position(|(_, s)| any_within(hits, &part.patterns, &s.heading_span).is_some())
                .map(|position| (position, rank))
        })
        .collect();
    placed.sort();
    let roots: Vec<_> = outline.roots().map(|(_, s)| s).collect();
    let mut findings = Vec::new();
    let mut latest: Option<(usize, usize)> = None;
    for &(position, rank) in &placed {
        match latest {
            Some((later_position, later_rank)) if later_rank > rank => {
                let here = roots[position];
                let there = roots[later_position];
                let values = Values::pair(&parts[rank].name, &parts[later_rank].name);
                let mut f = finding(
                    rule,
                    rule.severity,
                    here.heading_span.clone(),
                    values,
                    format!("应排在“{}”之前", parts[later_rank].name),
                );
                f.secondary.push(Label {
                    span: there.heading_span.clone(),
                    message: format!("“{}”在这里", parts[later_rank].name),
                });
                findings.push(f);
            }
            _ => latest = Some((position, rank)),
        }
    }
    findings
}
