//! `section`: a section whose heading matches one of the patterns must exist
//! (at `max_level` or higher, if given, and within the scope); with
//! `opened_by`, a subsection whose text opens with one of those patterns (in
//! its first sentence) counts too — "（一）加强组织领导。局长履行第一责任人职责
//! ……" is a subsection on that duty whatever its heading says. Otherwise one
//! finding at the title. When the content is there but without a section of
//! its own — an occurrence of `mentioned_by` in the text — the finding says
//! so with `partial_message`/`partial_severity` and points at that place
//! with a secondary label, instead of claiming the content is missing.

use std::ops::Range;

use super::Check;
use super::{ScopeRegions, any_within, finding, require};
use crate::document::Document;
use crate::finding::{Finding, Label};
use crate::matcher::{Hits, PatternSet};
use crate::rules::template::Values;
use crate::rules::{Partial, Rule};

/// What a `section` rule looks for.
pub(super) struct Wanted<'a> {
    pub patterns: &'a PatternSet,
    pub max_level: Option<u8>,
    pub opened_by: Option<&'a PatternSet>,
    pub mentioned_by: Option<&'a PatternSet>,
}

/// Whether the section is there.
pub(super) enum Evaluation {
    /// A section with this heading span.
    Found(Range<usize>),
    /// No such section, but the content is mentioned here.
    Mentioned(Range<usize>),
    /// Neither.
    Missing,
}

impl<'a> Wanted<'a> {
    /// What a `section` rule's check looks for; `None` for other kinds.
    pub(super) fn of(check: &'a Check) -> Option<Wanted<'a>> {
        match check {
            Check::Section {
                patterns,
                max_level,
                opened_by,
                mentioned_by,
                ..
            } => Some(Wanted {
                patterns,
                max_level: *max_level,
                opened_by: opened_by.as_ref(),
                mentioned_by: mentioned_by.as_ref(),
            }),
            _ => None,
        }
    }
}

pub(super) fn evaluate(
    document: &Document,
    hits: &Hits,
    scope: &ScopeRegions,
    wanted: &Wanted<'_>,
) -> Evaluation {
    let text = document.text();
    let found = document.outline().sections.iter().find(|section| {
        if wanted.max_level.is_some_and(|max| section.level > max)
            || !scope.contains(&section.heading_span)
        {
            return false;
        }
        if any_within(hits, wanted.patterns, &section.heading_span).is_some() {
            return true;
        }
        // Only a subsection: a whole part that happens to open with the
        // subject is not a part on it.
        section.parent.is_some()
            && wanted.opened_by.is_some_and(|opening| {
                let body = section.heading_span.end..section.span.end;
                let first_sentence = text[body.clone()]
                    .char_indices()
                    .skip(1)
                    .find(|(_, c)| matches!(c, '。' | '；' | '！' | '？'))
                    .map_or(body.end, |(i, _)| body.start + i);
                any_within(hits, opening, &(body.start..first_sentence)).is_some()
            })
    });
    if let Some(section) = found {
        return Evaluation::Found(section.heading_span.clone());
    }
    wanted
        .mentioned_by
        .and_then(|set| require::first(hits, scope, set))
        .map_or(Evaluation::Missing, |span| {
            Evaluation::Mentioned(span.clone())
        })
}

pub(super) fn check(
    rule: &Rule,
    scope: &ScopeRegions,
    evaluation: Evaluation,
    partial: &Partial,
) -> Vec<Finding> {
    let mention = match evaluation {
        Evaluation::Found(_) => return Vec::new(),
        Evaluation::Missing => {
            return vec![finding(
                rule,
                rule.severity,
                scope.anchor.clone(),
                Values::default(),
                "报告中没有以此为标题的部分",
            )];
        }
        Evaluation::Mentioned(span) => span,
    };
    let mut f = finding(
        rule,
        partial.severity.unwrap_or(rule.severity),
        scope.anchor.clone(),
        Values::default(),
        "报告中没有以此为标题的部分",
    );
    if let Some(message) = &partial.message {
        f.message = message.render(Values::default());
    }
    f.secondary.push(Label {
        span: mention,
        message: "只在这里的段落中提到，没有单列一部分".to_owned(),
    });
    vec![f]
}
