//! Rule packs: the YAML format, loading and validation, and the compiled
//! [`RuleSet`] that checks documents.
//!
//! A rule pack is a folder of `*.yaml`/`*.yml` files, each a mapping with a
//! `rules:` list. Rules are validated and compiled once per run: all literal
//! patterns of all rules go into one Aho-Corasick automaton that scans a
//! document's normalised text once; each regex is compiled once.

mod load;
mod matcher;
pub(crate) mod template;
mod yaml;

use std::fmt;

pub use load::{RuleSource, embedded_pack, load, read_pack};
pub use template::Template;

pub(crate) use matcher::{Hits, Matcher};
pub use matcher::{PatternRef, PatternSet};

use crate::document::Document;
use crate::finding::{Finding, Severity};

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
}

impl Kind {
    /// All kinds, in the order the documentation lists them.
    pub const ALL: [Kind; 5] = [
        Kind::Require,
        Kind::RequireAll,
        Kind::Section,
        Kind::Forbid,
        Kind::Substitute,
    ];

    /// The name used in rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Require => "require",
            Kind::RequireAll => "require-all",
            Kind::Section => "section",
            Kind::Forbid => "forbid",
            Kind::Substitute => "substitute",
        }
    }

    fn parse(name: &str) -> Option<Kind> {
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
    /// Only inside sections (with their subsections) whose heading matches.
    Sections(PatternSet),
}

impl Scope {
    /// A short description, for listings.
    pub fn describe(&self) -> &'static str {
        match self {
            Scope::Document => "document",
            Scope::Headings => "headings",
            Scope::Title => "title",
            Scope::Sections(_) => "sections",
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
}

/// What a rule checks, with its compiled patterns.
#[derive(Debug, Clone)]
pub(crate) enum Check {
    Require {
        patterns: PatternSet,
    },
    RequireAll {
        items: Vec<Item>,
        satisfied_by: Option<PatternSet>,
        partial_severity: Option<Severity>,
    },
    Section {
        patterns: PatternSet,
        max_level: Option<u8>,
    },
    Forbid {
        patterns: PatternSet,
    },
    Substitute {
        replacements: Vec<Replacement>,
    },
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
    /// The rule file it was defined in.
    pub origin: String,
    pub(crate) check: Check,
}

impl Rule {
    /// The rule's kind.
    pub fn kind(&self) -> Kind {
        match self.check {
            Check::Require { .. } => Kind::Require,
            Check::RequireAll { .. } => Kind::RequireAll,
            Check::Section { .. } => Kind::Section,
            Check::Forbid { .. } => Kind::Forbid,
            Check::Substitute { .. } => Kind::Substitute,
        }
    }
}

/// The compiled rules of a run.
#[derive(Debug)]
pub struct RuleSet {
    rules: Vec<Rule>,
    matcher: matcher::Matcher,
}

impl RuleSet {
    /// The rules, in load order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// A rule by id.
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Runs every rule on a document. Findings are sorted by position, then
    /// rule id.
    pub fn check(&self, document: &Document) -> Vec<Finding> {
        let hits = self.matcher.scan(document);
        let mut findings: Vec<Finding> = self
            .rules
            .iter()
            .flat_map(|rule| crate::checks::run(rule, document, &hits, &self.matcher))
            .collect();
        findings.sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
        });
        findings
    }
}
