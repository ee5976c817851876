//! Running a rule on a document: one module per rule kind. Each check gets
//! the document, the run's pattern hits and the rule's scope, and returns
//! plain [`Finding`]s.

mod forbid;
mod require;
mod require_all;
mod section;
mod substitute;

use std::ops::Range;

use crate::document::Document;
use crate::finding::{Finding, Label, Severity};
use crate::rules::template::Values;
use crate::rules::{Check, Hits, Matcher, PatternSet, Rule, Scope};

/// Runs one rule.
pub(crate) fn run(
    rule: &Rule,
    document: &Document,
    hits: &Hits,
    matcher: &Matcher,
) -> Vec<Finding> {
    let scope = ScopeRegions::new(&rule.scope, document, hits);
    match &rule.check {
        Check::Require { patterns } => require::check(rule, hits, &scope, patterns),
        Check::RequireAll {
            items,
            satisfied_by,
            partial_severity,
        } => require_all::check(
            rule,
            hits,
            &scope,
            items,
            satisfied_by.as_ref(),
            *partial_severity,
        ),
        Check::Section {
            patterns,
            max_level,
        } => section::check(rule, document, hits, &scope, patterns, *max_level),
        Check::Forbid { patterns } => forbid::check(rule, document, hits, &scope, patterns),
        Check::Substitute { replacements } => {
            substitute::check(rule, document, hits, &scope, replacements, matcher)
        }
    }
}

/// The parts of a document a rule looks at, and where a finding about
/// something missing from them points.
#[derive(Debug)]
pub(crate) struct ScopeRegions {
    /// Sorted, disjoint byte ranges.
    regions: Vec<Range<usize>>,
    /// Where to point when the required thing is not found.
    anchor: Range<usize>,
    /// What to say there.
    missing_label: &'static str,
}

const NOT_IN_REPORT: &str = "在报告中未找到";
const NOT_IN_SECTION: &str = "在这一部分中未找到";
const NO_SUCH_SECTION: &str = "报告中没有这条规则所查的部分";

impl ScopeRegions {
    fn new(scope: &Scope, document: &Document, hits: &Hits) -> ScopeRegions {
        let outline = document.outline();
        let anchor = document.anchor();
        match scope {
            Scope::Document => ScopeRegions {
                regions: vec![0..document.text().len()],
                anchor,
                missing_label: NOT_IN_REPORT,
            },
            Scope::Headings => ScopeRegions {
                regions: outline
                    .sections
                    .iter()
                    .map(|s| s.heading_span.clone())
                    .collect(),
                anchor,
                missing_label: NOT_IN_REPORT,
            },
            Scope::Title => ScopeRegions {
                regions: outline.title.iter().map(|t| t.span.clone()).collect(),
                anchor,
                missing_label: NOT_IN_REPORT,
            },
            Scope::Sections(patterns) => {
                let matched: Vec<&crate::outline::Section> = outline
                    .sections
                    .iter()
                    .filter(|s| any_within(hits, patterns, &s.heading_span).is_some())
                    .collect();
                let mut regions: Vec<Range<usize>> = Vec::with_capacity(matched.len());
                for section in &matched {
                    match regions.last_mut() {
                        Some(last) if section.span.start < last.end => {
                            last.end = last.end.max(section.span.end);
                        }
                        _ => regions.push(section.span.clone()),
                    }
                }
                match matched.first() {
                    Some(first) => ScopeRegions {
                        regions,
                        anchor: first.heading_span.clone(),
                        missing_label: NOT_IN_SECTION,
                    },
                    None => ScopeRegions {
                        regions,
                        anchor,
                        missing_label: NO_SUCH_SECTION,
                    },
                }
            }
        }
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
