//! Built-in checks: logic that patterns cannot express (year arithmetic,
//! ordinals, percentages, part order and length), configured from YAML with
//! `kind: builtin`, `check: NAME` and `params:`. Rule ids are never special-
//! cased; a rule pack chooses which checks to run and with what patterns.

mod arithmetic;
mod document_years;
mod ordinal;
mod outdated_document;
mod part_order;
mod plan_year;
mod shortcomings_depth;
mod year_consistency;

use std::sync::Arc;

pub(crate) use outdated_document::citation_regex;

use super::ScopeRegions;
use crate::document::Document;
use crate::finding::Finding;
use crate::matcher::{Hits, LazyRegex, PatternRef, PatternSet};
use crate::rules::template::Placeholder;
use crate::rules::{Item, KnownDocument, Rule};

/// A commemorative day whose ordinal ("第N个") follows from the year.
#[derive(Debug, Clone)]
pub(crate) struct Day {
    /// Finds "第N个<name>"; group 1 is the ordinal number.
    pub regex: LazyRegex,
    /// The year of the first one.
    pub first_year: u32,
}

/// A configured built-in check.
#[derive(Debug, Clone)]
pub(crate) enum Builtin {
    /// The next-year plan's year is the report year + `offset`.
    PlanYear { offset: i32 },
    /// The years of the introduction and the results part agree with the
    /// title's.
    YearConsistency,
    /// "第N个<day>" agrees with the year.
    Ordinal { days: Vec<Day> },
    /// A percentage change or share stated beside its two figures is right.
    Arithmetic,
    /// The shortcomings part is more than a few stock phrases.
    ShortcomingsDepth {
        stock_phrases: PatternSet,
        compare_with: PatternSet,
        min_ratio: f64,
    },
    /// The parts come in the given order.
    PartOrder { parts: Vec<Item> },
    /// A document of a series cited after a later one replaced it; each
    /// with the regex that finds its citations.
    OutdatedDocument {
        documents: Vec<(Arc<KnownDocument>, PatternRef)>,
    },
    /// The year range of a cited document's title is possible and right.
    DocumentYears { documents: Vec<Arc<KnownDocument>> },
    /// Suppressions that suppress nothing: reported by the suppression
    /// layer after all rules have run, never by a document check.
    UnusedSuppression,
}

/// The built-in checks, one variant each; adding one is a new file beside
/// this one, a variant here and its arm in [`Name::spec`], and the compiler
/// then points at every `match` that must learn it (the loader's, which
/// configures it from `params:`, and [`run`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Name {
    PlanYear,
    YearConsistency,
    Ordinal,
    Arithmetic,
    ShortcomingsDepth,
    PartOrder,
    OutdatedDocument,
    DocumentYears,
}

impl Name {
    /// Every built-in check, in the order the documentation lists them.
    pub(crate) const ALL: [Name; 8] = [
        Name::PlanYear,
        Name::YearConsistency,
        Name::Ordinal,
        Name::Arithmetic,
        Name::ShortcomingsDepth,
        Name::PartOrder,
        Name::OutdatedDocument,
        Name::DocumentYears,
    ];

    /// What the check is and needs: declared in its own file.
    pub(crate) fn spec(self) -> &'static Spec {
        match self {
            Name::PlanYear => &plan_year::SPEC,
            Name::YearConsistency => &year_consistency::SPEC,
            Name::Ordinal => &ordinal::SPEC,
            Name::Arithmetic => &arithmetic::SPEC,
            Name::ShortcomingsDepth => &shortcomings_depth::SPEC,
            Name::PartOrder => &part_order::SPEC,
            Name::OutdatedDocument => &outdated_document::SPEC,
            Name::DocumentYears => &document_years::SPEC,
        }
    }

    /// The check called `name` in a rule file (`check: plan-year`).
    pub(crate) fn parse(name: &str) -> Option<Name> {
        Name::ALL.into_iter().find(|n| n.spec().name == name)
    }
}

/// What a built-in check is and needs from its rule.
#[derive(Debug)]
pub(crate) struct Spec {
    /// The name used in `check:`.
    pub name: &'static str,
    /// What it checks, in a sentence (for pack authors).
    pub summary: &'static str,
    /// Parameters it needs.
    pub needs: &'static [&'static str],
    /// Parameters it may take.
    pub allows: &'static [&'static str],
    /// Placeholders its message may use.
    pub placeholders: &'static [Placeholder],
    /// Whether it needs `scope: {sections: …}` (the part it looks at).
    pub needs_sections: bool,
}

impl Builtin {
    /// The check's name.
    pub fn name(&self) -> &'static str {
        let name = match self {
            Builtin::PlanYear { .. } => Name::PlanYear,
            Builtin::YearConsistency => Name::YearConsistency,
            Builtin::Ordinal { .. } => Name::Ordinal,
            Builtin::Arithmetic => Name::Arithmetic,
            Builtin::ShortcomingsDepth { .. } => Name::ShortcomingsDepth,
            Builtin::PartOrder { .. } => Name::PartOrder,
            Builtin::OutdatedDocument { .. } => Name::OutdatedDocument,
            Builtin::DocumentYears { .. } => Name::DocumentYears,
            Builtin::UnusedSuppression => return "unused-suppression",
        };
        name.spec().name
    }

    /// Compiles the constant regexes the check uses, which are otherwise
    /// compiled when first used: the first report of a run has this done on
    /// another core while the rules' patterns are compiled and scanned.
    pub(crate) fn warm_up(&self) {
        match self {
            Builtin::YearConsistency => year_consistency::warm_up(),
            Builtin::Arithmetic => arithmetic::warm_up(),
            Builtin::DocumentYears { .. } => document_years::warm_up(),
            Builtin::Ordinal { days } => {
                for day in days {
                    day.regex.get();
                }
            }
            _ => {}
        }
    }
}

/// Runs a built-in check.
pub(crate) fn run(
    builtin: &Builtin,
    rule: &Rule,
    document: &Document,
    hits: &Hits,
    scope: &ScopeRegions,
) -> Vec<Finding> {
    match builtin {
        Builtin::PlanYear { offset } => plan_year::check(rule, document, scope, *offset),
        Builtin::YearConsistency => year_consistency::check(rule, document, scope),
        Builtin::Ordinal { days } => ordinal::check(rule, document, scope, days),
        Builtin::Arithmetic => arithmetic::check(rule, document, scope),
        Builtin::ShortcomingsDepth {
            stock_phrases,
            compare_with,
            min_ratio,
        } => shortcomings_depth::check(
            rule,
            document,
            hits,
            scope,
            stock_phrases,
            compare_with,
            *min_ratio,
        ),
        Builtin::PartOrder { parts } => part_order::check(rule, document, hits, parts),
        Builtin::OutdatedDocument { documents } => {
            outdated_document::check(rule, document, hits, scope, documents)
        }
        Builtin::DocumentYears { documents } => {
            document_years::check(rule, document, scope, documents)
        }
        Builtin::UnusedSuppression => Vec::new(),
    }
}
