//! Built-in checks: logic that patterns cannot express (year arithmetic,
//! ordinals, percentages, part order and length), configured from YAML with
//! `kind: builtin`, `check: NAME` and `params:`. Rule ids are never special-
//! cased; a rule pack chooses which checks to run and with what patterns.

mod arithmetic;
mod ordinal;
mod part_order;
mod plan_year;
mod shortcomings_depth;
mod year_consistency;

use super::ScopeRegions;
use crate::document::Document;
use crate::finding::Finding;
use crate::rules::template::Placeholder;
use crate::rules::{Hits, Item, LazyRegex, PatternSet, Rule};

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
    /// Suppressions that suppress nothing: reported by the suppression
    /// layer after all rules have run, never by a document check.
    UnusedSuppression,
}

/// What a built-in check needs from its rule.
#[derive(Debug)]
pub(crate) struct Spec {
    /// The name used in `check:`.
    pub name: &'static str,
    /// Parameters it needs.
    pub needs: &'static [&'static str],
    /// Parameters it may take.
    pub allows: &'static [&'static str],
    /// Placeholders its message may use.
    pub placeholders: &'static [Placeholder],
    /// Whether it needs `scope: {sections: …}` (the part it looks at).
    pub needs_sections: bool,
}

/// The built-in checks.
pub(crate) const SPECS: [Spec; 6] = [
    Spec {
        name: "plan-year",
        needs: &[],
        allows: &["offset"],
        placeholders: &[Placeholder::Match, Placeholder::Right],
        needs_sections: true,
    },
    Spec {
        name: "year-consistency",
        needs: &[],
        allows: &[],
        placeholders: &[Placeholder::Match, Placeholder::Right],
        needs_sections: true,
    },
    Spec {
        name: "commemorative-ordinal",
        needs: &["days"],
        allows: &[],
        placeholders: &[Placeholder::Match, Placeholder::Right],
        needs_sections: false,
    },
    Spec {
        name: "percentage-arithmetic",
        needs: &[],
        allows: &[],
        placeholders: &[Placeholder::Match, Placeholder::Right],
        needs_sections: false,
    },
    Spec {
        name: "shortcomings-depth",
        needs: &["stock_phrases", "compare_with"],
        allows: &["min_ratio"],
        placeholders: &[],
        needs_sections: true,
    },
    Spec {
        name: "part-order",
        needs: &["parts"],
        allows: &[],
        placeholders: &[Placeholder::Match, Placeholder::Right],
        needs_sections: false,
    },
];

/// The spec of a check by name.
pub(crate) fn spec(name: &str) -> Option<&'static Spec> {
    SPECS.iter().find(|s| s.name == name)
}

impl Builtin {
    /// The check's name.
    pub fn name(&self) -> &'static str {
        match self {
            Builtin::PlanYear { .. } => "plan-year",
            Builtin::YearConsistency => "year-consistency",
            Builtin::Ordinal { .. } => "commemorative-ordinal",
            Builtin::Arithmetic => "percentage-arithmetic",
            Builtin::ShortcomingsDepth { .. } => "shortcomings-depth",
            Builtin::PartOrder { .. } => "part-order",
            Builtin::UnusedSuppression => "unused-suppression",
        }
    }

    /// Compiles the constant regexes the check uses, which are otherwise
    /// compiled when first used: the first report of a run has this done on
    /// another core while the rules' patterns are compiled and scanned.
    pub(crate) fn warm_up(&self) {
        match self {
            Builtin::YearConsistency => year_consistency::warm_up(),
            Builtin::Arithmetic => arithmetic::warm_up(),
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
        Builtin::UnusedSuppression => Vec::new(),
    }
}
