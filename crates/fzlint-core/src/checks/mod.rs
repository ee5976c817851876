//! Running a rule on a document: one module per rule kind. Each check gets
//! the document, the run's pattern hits and the rule's scope, and returns
//! plain [`Finding`]s.

pub(crate) mod builtin;
pub(crate) mod collision;
mod forbid;
mod require;
mod require_all;
mod section;
mod substitute;

use std::ops::Range;

use crate::document::Document;
use crate::element::{Element, Status};
use crate::finding::{Finding, Label, Severity};
use crate::matcher::{Hits, Matcher, PatternRef, PatternSet};
use crate::rules::template::Values;
use crate::rules::{Item, Partial, Replacement, Rule, Scope, When};
pub(crate) use builtin::Builtin;

/// What a rule checks, with its compiled patterns: the part of a rule that
/// runs (the rest, [`Rule`], is what it says).
#[derive(Debug, Clone)]
pub(crate) enum Check {
    Require {
        patterns: PatternSet,
        /// Words that also occur in passing (`weak_patterns`).
        weak: Option<PatternSet>,
    },
    RequireAll {
        items: Vec<Item>,
        satisfied_by: Option<PatternSet>,
        partial: Partial,
    },
    Section {
        patterns: PatternSet,
        max_level: Option<u8>,
        opened_by: Option<PatternSet>,
        mentioned_by: Option<PatternSet>,
        partial: Partial,
    },
    Forbid {
        patterns: PatternSet,
        exceptions: Option<PatternSet>,
    },
    Substitute {
        replacements: Vec<Replacement>,
        exceptions: Option<PatternSet>,
    },
    Builtin(Builtin),
}

impl Check {
    /// Compiles the constant regexes the check uses, which are otherwise
    /// compiled when first used: the first report of a run has this done on
    /// another core while the rules' patterns are compiled and scanned.
    pub(crate) fn warm_up(&self) {
        if let Check::Builtin(builtin) = self {
            builtin.warm_up();
        }
    }
}

/// Whether a rule's conditions hold for a document; unknown metadata fails
/// a condition on it (a rule for reports on 2021 and later does not run on
/// a report whose year is unknown).
pub(crate) fn applies(when: &When, document: &Document, hits: &Hits) -> bool {
    let metadata = document.metadata();
    let year = metadata.year.as_ref().map(|y| y.value);
    when.year_min
        .is_none_or(|min| year.is_some_and(|y| y >= min))
        && when
            .year_max
            .is_none_or(|max| year.is_some_and(|y| y <= max))
        && when
            .issuer_kind
            .is_none_or(|kind| metadata.issuer_kind == Some(kind))
        && when.format.is_none_or(|format| document.format() == format)
        && when
            .has_title
            .is_none_or(|wanted| document.outline().title.is_some() == wanted)
        && when
            .mentions
            .as_ref()
            .is_none_or(|set| hits.of_set(set).next().is_some())
}

/// Runs one rule.
pub(crate) fn run(
    rule: &Rule,
    check: &Check,
    document: &Document,
    hits: &Hits,
    matcher: &Matcher,
) -> Vec<Finding> {
    let Some(scope) = ScopeRegions::new(&rule.scope, document, hits) else {
        return Vec::new();
    };
    match check {
        Check::Require { patterns, weak } => {
            require::check(rule, hits, &scope, patterns, weak.as_ref())
        }
        Check::RequireAll {
            items,
            satisfied_by,
            partial,
        } => {
            let evaluation = require_all::evaluate(hits, &scope, items, satisfied_by.as_ref());
            require_all::check(rule, &scope, evaluation, partial)
        }
        Check::Section { partial, .. } => match section::Wanted::of(check) {
            Some(wanted) => {
                let evaluation = section::evaluate(document, hits, &scope, &wanted);
                section::check(rule, &scope, evaluation, partial)
            }
            None => Vec::new(),
        },
        Check::Forbid {
            patterns,
            exceptions,
        } => forbid::check(rule, document, hits, &scope, patterns, exceptions.as_ref()),
        Check::Substitute {
            replacements,
            exceptions,
        } => substitute::check(
            rule,
            document,
            hits,
            &scope,
            replacements,
            exceptions.as_ref(),
            matcher,
        ),
        Check::Builtin(check) => builtin::run(check, rule, document, hits, &scope),
    }
}

/// Whether a document has the element a presence rule (`require`,
/// `require-all`, `section`) asks for, and where: the same evaluation as the
/// rule's findings. `None` for the other kinds. A rule scoped to sections
/// the document lacks finds its element missing.
pub(crate) fn assess(
    index: usize,
    rule: &Rule,
    check: &Check,
    document: &Document,
    hits: &Hits,
) -> Option<Element> {
    let Some(scope) = ScopeRegions::new(&rule.scope, document, hits) else {
        return matches!(
            check,
            Check::Require { .. } | Check::RequireAll { .. } | Check::Section { .. }
        )
        .then(|| Element::without(index, Status::Missing));
    };
    let element = match check {
        Check::Require { patterns, weak } => {
            match require::coverage(document, hits, &scope, patterns, weak.as_ref()) {
                require::Coverage::Discussed(span) => Element::present(index, span.clone()),
                require::Coverage::InPassing(span) => Element {
                    rule: index,
                    status: Status::Partial,
                    evidence: Some(span.clone()),
                    missing_items: Vec::new(),
                },
                require::Coverage::Missing => Element::without(index, Status::Missing),
            }
        }
        Check::RequireAll {
            items,
            satisfied_by,
            ..
        } => match require_all::evaluate(hits, &scope, items, satisfied_by.as_ref()) {
            require_all::Evaluation::Collective(span) => Element::present(index, span),
            require_all::Evaluation::Items { present, missing } => {
                match (present.first(), missing.is_empty()) {
                    (None, _) => Element::without(index, Status::Missing),
                    (Some((_, span)), true) => Element::present(index, span.clone()),
                    (Some((_, span)), false) => Element {
                        rule: index,
                        status: Status::Partial,
                        evidence: Some(span.clone()),
                        missing_items: missing.iter().map(|m| (*m).to_owned()).collect(),
                    },
                }
            }
        },
        Check::Section { .. } => {
            let wanted = section::Wanted::of(check)?;
            match section::evaluate(document, hits, &scope, &wanted) {
                section::Evaluation::Found(span) => Element::present(index, span),
                section::Evaluation::Mentioned(span) => Element {
                    rule: index,
                    status: Status::Partial,
                    evidence: Some(span),
                    missing_items: Vec::new(),
                },
                section::Evaluation::Missing => Element::without(index, Status::Missing),
            }
        }
        Check::Forbid { .. } | Check::Substitute { .. } | Check::Builtin(_) => return None,
    };
    Some(element)
}

/// The parts of a document a rule looks at, and where a finding about
/// something missing from them points.
#[derive(Debug)]
pub(crate) struct ScopeRegions {
    /// Sorted, disjoint byte ranges.
    regions: Vec<Range<usize>>,
    /// For a sections scope: the matching sections (outermost only), in order.
    sections: Vec<usize>,
    /// Where to point when the required thing is not found.
    anchor: Range<usize>,
    /// What to say there.
    missing_label: &'static str,
}

const NOT_IN_REPORT: &str = "在报告中未找到";
const NOT_IN_SECTION: &str = "在这一部分中未找到";

impl ScopeRegions {
    /// The scope of a rule in a document; `None` when the rule looks at
    /// certain sections and the document has none of them.
    fn new(scope: &Scope, document: &Document, hits: &Hits) -> Option<ScopeRegions> {
        let outline = document.outline();
        let whole = |regions| ScopeRegions {
            regions,
            sections: Vec::new(),
            anchor: document.anchor(),
            missing_label: NOT_IN_REPORT,
        };
        Some(match scope {
            Scope::Document => whole(vec![0..document.text().len()]),
            Scope::Headings => whole(
                outline
                    .sections
                    .iter()
                    .map(|s| s.heading_span.clone())
                    .collect(),
            ),
            Scope::Title => ScopeRegions {
                missing_label: if outline.title.is_some() {
                    "标题不符合要求"
                } else {
                    "报告开头没有可识别的标题"
                },
                ..whole(outline.title.iter().map(|t| t.span.clone()).collect())
            },
            Scope::Sections {
                patterns,
                include_heading,
            } => {
                let mut sections: Vec<usize> = Vec::new();
                let mut regions: Vec<Range<usize>> = Vec::new();
                for (index, section) in outline.sections.iter().enumerate() {
                    if any_within(hits, patterns, &section.heading_span).is_none() {
                        continue;
                    }
                    if regions
                        .last()
                        .is_some_and(|last| section.span.start < last.end)
                    {
                        continue; // inside a section already in scope
                    }
                    sections.push(index);
                    let start = if *include_heading {
                        section.span.start
                    } else {
                        section.heading_span.end
                    };
                    regions.push(start..section.span.end);
                }
                let first = sections.first()?;
                ScopeRegions {
                    regions,
                    anchor: outline.sections[*first].heading_span.clone(),
                    sections,
                    missing_label: NOT_IN_SECTION,
                }
            }
        })
    }

    /// Whether a span lies wholly inside the scope.
    fn contains(&self, span: &Range<usize>) -> bool {
        let i = self.regions.partition_point(|r| r.start <= span.start);
        i > 0 && self.regions[i - 1].end >= span.end
    }

    /// The label for a finding about something missing.
    fn missing_label(&self) -> &'static str {
        self.missing_label
    }

    /// The regions, sorted.
    fn regions(&self) -> &[Range<usize>] {
        &self.regions
    }

    /// For a sections scope, the matching sections' indexes.
    fn sections(&self) -> &[usize] {
        &self.sections
    }
}

/// Occurrences of `set` in the scope that do not lie inside an occurrence
/// of `exceptions` (so `法制审核` can be an exception to a rule about 法制).
fn occurrences<'a>(
    hits: &'a Hits,
    set: &'a PatternSet,
    scope: &'a ScopeRegions,
    exceptions: Option<&'a PatternSet>,
) -> impl Iterator<Item = (PatternRef, &'a Range<usize>)> + 'a {
    hits.of_set(set)
        .filter(move |(_, span)| scope.contains(span))
        .filter(move |(_, span)| exceptions.is_none_or(|e| !excepted(hits, e, span)))
}

/// Whether `span` lies inside an occurrence of one of `exceptions`.
fn excepted(hits: &Hits, exceptions: &PatternSet, span: &Range<usize>) -> bool {
    exceptions.0.iter().any(|&p| {
        let spans = hits.of(p);
        let before = spans.partition_point(|s| s.start <= span.start);
        spans[..before].iter().rev().any(|s| s.end >= span.end)
    })
}

/// The first occurrence of a pattern of `set` lying wholly inside `region`.
fn any_within<'a>(
    hits: &'a Hits,
    set: &PatternSet,
    region: &Range<usize>,
) -> Option<&'a Range<usize>> {
    set.0.iter().find_map(|&p| {
        let spans = hits.of(p);
        let first = spans.partition_point(|s| s.start < region.start);
        spans[first..]
            .iter()
            .take_while(|s| s.start < region.end)
            .find(|s| s.end <= region.end)
    })
}

/// Keeps the leftmost-longest of overlapping occurrences.
fn leftmost_longest<T>(mut hits: Vec<(Range<usize>, T)>) -> Vec<(Range<usize>, T)> {
    hits.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
    let mut kept = Vec::with_capacity(hits.len());
    let mut end = 0;
    for hit in hits {
        if hit.0.start >= end {
            end = hit.0.end;
            kept.push(hit);
        }
    }
    kept
}

/// A finding of `rule` with its help and basis.
fn finding(
    rule: &Rule,
    severity: Severity,
    span: Range<usize>,
    values: Values<'_>,
    label: impl Into<String>,
) -> Finding {
    Finding {
        rule: rule.id.clone(),
        severity,
        message: rule.message.render(values),
        span,
        label: label.into(),
        secondary: Vec::<Label>::new(),
        help: rule.help.clone(),
        basis: rule.basis.clone(),
        replacement: None,
    }
}

/// A finding that `matched` (at `span`) should read `right`, carrying
/// `right` as the replacement; the message fills `{match}` and `{right}`.
fn correction(
    rule: &Rule,
    span: Range<usize>,
    matched: &str,
    right: String,
    label: impl Into<String>,
) -> Finding {
    let mut f = at_match(rule, span, matched, &right, label);
    f.replacement = Some(right);
    f
}

/// A finding of `rule` at its severity about `matched` (at `span`); the
/// message fills `{match}` and `{right}` (which may be empty), and nothing
/// is offered as a replacement.
fn at_match(
    rule: &Rule,
    span: Range<usize>,
    matched: &str,
    right: &str,
    label: impl Into<String>,
) -> Finding {
    finding(
        rule,
        rule.severity,
        span,
        Values::pair(matched, right),
        label,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftmost_longest_drops_overlaps() {
        let kept = leftmost_longest(vec![
            (2..4, 'b'),
            (0..3, 'a'),
            (0..2, 'c'),
            (3..6, 'd'),
            (6..7, 'e'),
        ]);
        let kept: Vec<char> = kept.into_iter().map(|(_, c)| c).collect();
        assert_eq!(kept, vec!['a', 'd', 'e']);
    }
}
