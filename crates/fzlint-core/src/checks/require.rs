//! `require`: at least one of the patterns must occur in the scope; otherwise
//! one finding, pointing at the title (or the scope's first section heading).
//! For the audit, the first occurrence is the evidence.

use std::ops::Range;

use super::{ScopeRegions, finding};
use crate::document::Document;
use crate::finding::Finding;
use crate::matcher::{Hits, PatternSet};
use crate::rules::Rule;
use crate::rules::template::Values;

/// The first occurrence of the patterns in the scope.
pub(super) fn first<'h>(
    hits: &'h Hits,
    scope: &ScopeRegions,
    patterns: &'h PatternSet,
) -> Option<&'h Range<usize>> {
    hits.of_set(patterns)
        .map(|(_, span)| span)
        .filter(|span| scope.contains(span))
        .min_by_key(|span| (span.start, span.end))
}

/// How well a report covers what a `require` rule asks, for the audit.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Coverage<'h> {
    /// One of the patterns, or a weak pattern discussed: the evidence is
    /// the first strong occurrence, else the weak one that shows it.
    Discussed(&'h Range<usize>),
    /// Only a weak pattern, once, in passing: the evidence is that
    /// occurrence.
    InPassing(&'h Range<usize>),
    /// Not there.
    Missing,
}

/// Words that, before an occurrence in its clause, make it the means or
/// place of what the clause says rather than its subject (在门户网站公开…,
/// 通过信访渠道反映…).
const NOT_THE_SUBJECT: [&str; 9] = [
    "在", "通过", "依托", "利用", "借助", "经由", "运用", "结合", "借力",
];
/// Characters that end a sentence.
const SENTENCE_END: [char; 5] = ['。', '！', '？', '；', '\n'];
/// Characters that end a clause.
const CLAUSE_END: [char; 8] = ['。', '！', '？', '；', '\n', '，', '：', '、'];
/// How far into its clause an occurrence may start and still be what the
/// clause is about, in characters.
const SUBJECT_REACH: usize = 6;

/// Whether the report has what the rule asks for, and how surely: any
/// occurrence of `patterns` is enough; `weak` patterns (words that also
/// occur in passing: 门户网站 for oversight, 信访 for dispute resolution)
/// count only when the report discusses them — in the title or a section
/// heading, in two sentences or more, or opening a clause (within a few
/// characters of its start, not after 在/通过/依托…). A single weak
/// occurrence in passing is partial.
pub(super) fn coverage<'h>(
    document: &Document,
    hits: &'h Hits,
    scope: &ScopeRegions,
    patterns: &'h PatternSet,
    weak: Option<&'h PatternSet>,
) -> Coverage<'h> {
    if let Some(span) = first(hits, scope, patterns) {
        return Coverage::Discussed(span);
    }
    let Some(weak) = weak else {
        return Coverage::Missing;
    };
    let text = document.text();
    let mut occurrences: Vec<&Range<usize>> = hits
        .of_set(weak)
        .map(|(_, span)| span)
        .filter(|span| scope.contains(span))
        .collect();
    occurrences.sort_by_key(|span| (span.start, span.end));
    let Some(&first) = occurrences.first() else {
        return Coverage::Missing;
    };
    let outline = document.outline();
    let in_heading = |span: &Range<usize>| {
        outline.title.iter().any(|t| contains(&t.span, span))
            || outline
                .sections
                .iter()
                .any(|s| contains(&s.heading_span, span))
    };
    if let Some(&heading) = occurrences.iter().find(|s| in_heading(s)) {
        return Coverage::Discussed(heading);
    }
    let start_of = |offset: usize, ends: &[char]| {
        text[..offset]
            .char_indices()
            .rev()
            .find(|(_, c)| ends.contains(c))
            .map_or(0, |(i, c)| i + c.len_utf8())
    };
    let sentence = start_of(first.start, &SENTENCE_END);
    if occurrences
        .iter()
        .any(|s| start_of(s.start, &SENTENCE_END) != sentence)
    {
        return Coverage::Discussed(first);
    }
    let opens_its_clause = |span: &Range<usize>| {
        let before = text[start_of(span.start, &CLAUSE_END)..span.start].trim_start();
        before.chars().count() <= SUBJECT_REACH
            && !NOT_THE_SUBJECT.iter().any(|w| before.contains(w))
    };
    match occurrences.iter().find(|s| opens_its_clause(s)) {
        Some(&subject) => Coverage::Discussed(subject),
        None => Coverage::InPassing(first),
    }
}

fn contains(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

pub(super) fn check(
    rule: &Rule,
    hits: &Hits,
    scope: &ScopeRegions,
    patterns: &PatternSet,
    weak: Option<&PatternSet>,
) -> Vec<Finding> {
    if first(hits, scope, patterns).is_some()
        || weak.is_some_and(|weak| first(hits, scope, weak).is_some())
    {
        return Vec::new();
    }
    vec![finding(
        rule,
        rule.severity,
        scope.anchor.clone(),
        Values::default(),
        scope.missing_label(),
    )]
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::element::Status;
    use crate::engine::{Engine, Input};
    use crate::pack::RuleSource;

    const PACK: &str = r"
rules:
  - id: topic-disputes
    title: 纠纷化解
    kind: require
    audit: {column: 纠纷化解}
    severity: info
    message: 没有提到纠纷化解
    patterns: [行政复议, 人民调解]
    weak_patterns: [信访, 门户网站]
  - id: topic-disputes-all-strong
    title: 纠纷化解（都算）
    kind: require
    audit: {column: 都算}
    severity: info
    message: 没有提到纠纷化解
    patterns: [行政复议, 人民调解, 信访, 门户网站]
";

    fn statuses(text: &str) -> (Status, Status) {
        let engine = Engine::load(&[RuleSource::new("topics.yaml", PACK)]).unwrap();
        let checked = engine.check(&Input::new("a.txt", text.as_bytes())).unwrap();
        (checked.elements[0].status, checked.elements[1].status)
    }

    const TITLE: &str = "东岭县水利局2024年度法治政府建设情况报告\n";

    #[test]
    fn one_passing_mention_is_partial() {
        // The element is there only as the channel of something else.
        for body in [
            "一、主要举措\n群众通过信访渠道反映的执法问题均已办结。\n",
            "一、主要举措\n全年在门户网站公开执法信息，并处理了群众反映的一件信访事项。\n",
        ] {
            let text = format!("{TITLE}{body}");
            assert_eq!(
                statuses(&text),
                (Status::Partial, Status::Present),
                "{body}"
            );
        }
    }

    #[test]
    fn a_heading_two_sentences_or_the_subject_of_a_clause_is_discussion() {
        for body in [
            // in a heading
            "一、主要举措\n（一）做好信访工作\n全年办结案件四件，无一在门户网站投诉。\n",
            // a strong pattern, anywhere
            "一、主要举措\n依托门户网站和行政复议渠道受理申请。\n",
            // in two sentences
            "一、主要举措\n通过信访渠道反映的问题均已办结。群众信访量下降两成。\n",
            // what the clause is about
            "一、主要举措\n全年，信访事项办结四件，无一重复访。\n",
            "一、主要举措\n二是信访工作实行领导包案。\n",
        ] {
            let text = format!("{TITLE}{body}");
            assert_eq!(
                statuses(&text),
                (Status::Present, Status::Present),
                "{body}"
            );
        }
    }

    #[test]
    fn absent_is_missing_either_way() {
        let text = format!("{TITLE}一、主要举措\n全年开展执法检查。\n");
        assert_eq!(statuses(&text), (Status::Missing, Status::Missing));
    }

    #[test]
    fn weak_patterns_belong_to_require_rules() {
        let pack = "rules:\n  - id: a\n    title: t\n    kind: forbid\n    message: m\n    patterns: [甲]\n    weak_patterns: [乙]\n";
        let errors = Engine::load(&[RuleSource::new("a.yaml", pack)]).unwrap_err();
        assert!(
            errors.0.iter().any(|e| e.message.contains("weak_patterns")),
            "{:?}",
            errors.0
        );
    }

    #[test]
    fn a_weak_pattern_alone_is_enough_for_no_finding() {
        let engine = Engine::load(&[RuleSource::new("topics.yaml", PACK)]).unwrap();
        let text = format!("{TITLE}一、主要举措\n群众通过信访渠道反映的执法问题均已办结。\n");
        let checked = engine.check(&Input::new("a.txt", text.as_bytes())).unwrap();
        assert!(checked.findings.iter().all(|f| f.rule != "topic-disputes"));
    }
}
