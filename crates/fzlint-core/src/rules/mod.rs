//! The rule model: what a rule says (id, title, message, severity, help,
//! basis, scope, conditions, examples, audit column) as data, below the
//! checks that run it and the loader that builds it from YAML
//! ([`crate::pack`]). The compiled form of what a rule checks lives with
//! the checks ([`crate::checks`]); a [`crate::engine::RuleSet`] holds both.

pub mod known;
pub(crate) mod template;

use std::fmt;

pub use known::{KnownDocument, PackVersion, RuleDocuments, Years};
pub use template::Template;

use crate::document::Format;
use crate::document::metadata::IssuerKind;
use crate::finding::Severity;
pub use crate::matcher::{PatternRef, PatternSet};

/// The id of the engine's own rule for suppression comments that suppress
/// nothing (present in every rule set, so a config can turn it off).
pub const UNUSED_SUPPRESSION: &str = "unused-suppression";

/// The kinds of rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// At least one of `patterns` must occur in the scope.
    Require,
    /// Every item must occur in the scope; a finding names the missing ones.
    RequireAll,
    /// A section whose heading matches one of `patterns` must exist.
    Section,
    /// Every occurrence of `patterns` in the scope is a finding.
    Forbid,
    /// Every occurrence of a wrong form is a finding with its right form.
    Substitute,
    /// A check written in Rust that YAML configures (`check:`, `params:`).
    Builtin,
}

impl Kind {
    /// All kinds, in the order the documentation lists them.
    pub const ALL: [Kind; 6] = [
        Kind::Require,
        Kind::RequireAll,
        Kind::Section,
        Kind::Forbid,
        Kind::Substitute,
        Kind::Builtin,
    ];

    /// The name used in rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Require => "require",
            Kind::RequireAll => "require-all",
            Kind::Section => "section",
            Kind::Forbid => "forbid",
            Kind::Substitute => "substitute",
            Kind::Builtin => "builtin",
        }
    }

    pub(crate) fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where in a document a rule looks.
#[derive(Debug, Clone)]
pub enum Scope {
    /// The whole report (default).
    Document,
    /// Only the text of section headings.
    Headings,
    /// Only the title.
    Title,
    /// Only inside sections (with their subsections) whose heading matches;
    /// without the matching heading itself when `include_heading` is false.
    /// A document without such a section is not checked by the rule (that a
    /// section is missing is the business of a `section` rule).
    Sections {
        /// Patterns matched against section headings.
        patterns: PatternSet,
        /// Whether the matching heading is part of the scope.
        include_heading: bool,
    },
}

impl Scope {
    /// A short description, for listings.
    pub fn describe(&self) -> &'static str {
        match self {
            Scope::Document => "document",
            Scope::Headings => "headings",
            Scope::Title => "title",
            Scope::Sections { .. } => "sections",
        }
    }
}

/// Example texts that document a rule and test it.
#[derive(Debug, Clone, Default)]
pub struct Examples {
    /// Texts on which the rule must report nothing.
    pub pass: Vec<String>,
    /// Texts on which the rule must report at least one finding.
    pub fail: Vec<String>,
}

/// Conditions on a document for a rule to apply; unknown metadata fails a
/// condition on it (a rule for reports on 2021 and later does not run on a
/// report whose year is unknown).
#[derive(Debug, Clone, Default)]
pub struct When {
    /// The report year is at least this.
    pub year_min: Option<u32>,
    /// The report year is at most this.
    pub year_max: Option<u32>,
    /// The issuer is a government or a department.
    pub issuer_kind: Option<IssuerKind>,
    /// The input format.
    pub format: Option<Format>,
    /// Any of these patterns occurs in the report.
    pub(crate) mentions: Option<PatternSet>,
    /// The report has (or has not) a recognisable title.
    pub has_title: Option<bool>,
}

impl When {
    /// Whether there is any condition.
    pub fn is_empty(&self) -> bool {
        self.year_min.is_none()
            && self.year_max.is_none()
            && self.issuer_kind.is_none()
            && self.format.is_none()
            && self.mentions.is_none()
            && self.has_title.is_none()
    }
}

/// One element of a `require-all` rule.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub name: String,
    pub patterns: PatternSet,
}

/// One wrong → right pair of a `substitute` rule.
#[derive(Debug, Clone)]
pub(crate) struct Replacement {
    pub wrong: PatternRef,
    /// The right form; for a regex `wrong`, `$1`/`${name}` refer to its groups.
    pub right: String,
    /// This pair's own help and basis, instead of the rule's: the words for
    /// 截止→截至 are not those for 法制→法治.
    pub help: Option<String>,
    pub basis: Option<String>,
}

/// How a rule reports a partial result (some items of a `require-all`, or
/// a `section` whose content is only mentioned elsewhere).
#[derive(Debug, Clone, Default)]
pub(crate) struct Partial {
    pub severity: Option<Severity>,
    pub message: Option<Template>,
}

/// A validated, compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Unique kebab-case id.
    pub id: String,
    /// One-line title.
    pub title: String,
    /// The message template.
    pub message: Template,
    /// Default severity of its findings.
    pub severity: Severity,
    /// How to fix a finding.
    pub help: Option<String>,
    /// The legal or policy source of the requirement.
    pub basis: Option<String>,
    /// Where it looks.
    pub scope: Scope,
    /// Its documented examples.
    pub examples: Examples,
    /// When it applies.
    pub when: When,
    /// The rule file it was defined in.
    pub origin: String,
    /// The id of the pack it belongs to (empty for the engine's own rule
    /// and for rule files given without a pack).
    pub pack: String,
    /// The pack whose rule of the same id this one replaces, if any.
    pub overrides: Option<String>,
    /// Its column label in the audit matrix, when it is a required element
    /// a supervisor audits (`audit: {column: …}`).
    pub audit: Option<String>,
    /// Whether `check --fix` may apply its replacements (`fix: safe`).
    pub safe_fix: bool,
    /// The documents of the pack's table it cites and uses.
    pub documents: RuleDocuments,
    /// Its kind.
    pub(crate) kind: Kind,
    /// For a built-in check, the check's name.
    pub(crate) builtin: Option<&'static str>,
}

impl Rule {
    /// The rule's kind.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The name of a built-in check.
    pub fn builtin(&self) -> Option<&'static str> {
        self.builtin
    }

    /// Its basis for a report on `year`: its own words and the cited
    /// documents that apply to that year (all of them when it is unknown).
    pub fn basis_for(&self, year: Option<u32>) -> Option<String> {
        known::basis_for(self.basis.as_deref(), &self.documents.cites, year)
    }

    /// Its help for a report on `year`, `{current:SERIES|…}` filled in.
    pub fn help_for(&self, year: Option<u32>) -> Option<String> {
        let help = self.help.as_deref()?;
        Some(known::help_for(help, &self.documents.help_series, year))
    }

    /// Its help for no report in particular: a `{current:SERIES|…}` gets its
    /// fallback words (see [`known::help_generic`]).
    pub fn generic_help(&self) -> Option<String> {
        self.help.as_deref().map(known::help_generic)
    }

    /// Its basis as `rules explain` shows it: its own words and every
    /// document it cites.
    pub fn full_basis(&self) -> Option<String> {
        self.basis_for(None)
    }
}
