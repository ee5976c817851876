//! Rule packs: the YAML format, loading and validation, and the compiled
//! [`RuleSet`] that checks documents.
//!
//! A rule pack is a folder of `*.yaml`/`*.yml` files, each a mapping with a
//! `rules:` list. Rules are validated and compiled once per run: all literal
//! patterns of all rules go into one Aho-Corasick automaton that scans a
//! document's normalised text once; each regex is compiled once.

mod gate;
mod load;
mod matcher;
pub(crate) mod template;
mod yaml;

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};

pub use load::{
    RuleSource, TESTS_DIR, embedded_pack, embedded_pack_tests, load, read_pack, read_pack_tests,
};
pub use template::Template;

/// The JSON Schema of a rule file.
pub fn schema() -> schemars::Schema {
    yaml::schema()
}

pub(crate) use matcher::{GroupCaptures, Hits, LazyRegex, Matcher};
pub use matcher::{PatternRef, PatternSet};
pub(crate) use yaml::SeverityName;

pub(crate) use crate::checks::builtin::Builtin;
use crate::document::{Document, Format};
use crate::element::{Element, Status};
use crate::finding::{Finding, Severity};
use crate::metadata::IssuerKind;

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
    /// Whether the rule applies to a document.
    pub(crate) fn applies(&self, document: &Document, hits: &Hits) -> bool {
        let metadata = document.metadata();
        let year = metadata.year.as_ref().map(|y| y.value);
        self.year_min
            .is_none_or(|min| year.is_some_and(|y| y >= min))
            && self
                .year_max
                .is_none_or(|max| year.is_some_and(|y| y <= max))
            && self
                .issuer_kind
                .is_none_or(|kind| metadata.issuer_kind == Some(kind))
            && self.format.is_none_or(|format| document.format() == format)
            && self
                .has_title
                .is_none_or(|wanted| document.outline().title.is_some() == wanted)
            && self
                .mentions
                .as_ref()
                .is_none_or(|set| hits.of_set(set).next().is_some())
    }

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
    /// Its column label in the audit matrix, when it is a required element
    /// a supervisor audits (`audit: {column: …}`).
    pub audit: Option<String>,
    /// Whether `check --fix` may apply its replacements (`fix: safe`).
    pub safe_fix: bool,
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
            Check::Builtin(_) => Kind::Builtin,
        }
    }

    /// The name of a built-in check.
    pub fn builtin(&self) -> Option<&'static str> {
        match &self.check {
            Check::Builtin(builtin) => Some(builtin.name()),
            _ => None,
        }
    }
}

/// Which rules run on a document, and at what severity (a config's
/// `disable`/`enable`/`severity` resolved for one file).
#[derive(Debug, Clone)]
pub struct Selection {
    enabled: Vec<bool>,
    severity: Vec<Option<Severity>>,
}

impl Selection {
    /// Every rule, at its own severity.
    pub fn all(rules: &RuleSet) -> Selection {
        Selection {
            enabled: vec![true; rules.rules.len()],
            severity: vec![None; rules.rules.len()],
        }
    }

    /// Whether the rule at `index` runs.
    pub fn enabled(&self, index: usize) -> bool {
        self.enabled.get(index).copied().unwrap_or(false)
    }

    /// The severity the rule at `index` is set to, if overridden.
    pub fn severity(&self, index: usize) -> Option<Severity> {
        self.severity.get(index).copied().flatten()
    }

    /// Turns the rule at `index` on or off.
    pub fn set_enabled(&mut self, index: usize, on: bool) {
        if let Some(slot) = self.enabled.get_mut(index) {
            *slot = on;
        }
    }

    /// Overrides the severity of the rule at `index`.
    pub fn set_severity(&mut self, index: usize, severity: Severity) {
        if let Some(slot) = self.severity.get_mut(index) {
            *slot = Some(severity);
        }
    }
}

/// The compiled rules of a run.
#[derive(Debug)]
pub struct RuleSet {
    rules: Vec<Rule>,
    matcher: matcher::Matcher,
    /// Whether the built-in checks' constant regexes are compiled (see
    /// [`Builtin::warm_up`](crate::checks::builtin::Builtin::warm_up)).
    warm: AtomicBool,
}

impl RuleSet {
    /// The rules, in load order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The distinct literals of the scan of the normalised text — the
    /// rules' literal patterns and most of the regexes' required literals —
    /// normalised as they are matched (quotes, whitespace and 、 removed,
    /// full-width folded): what a plain multi-pattern scan would look for
    /// (the benchmark's floor).
    pub fn literal_patterns(&self) -> &[String] {
        self.matcher.literal_patterns()
    }

    /// Tells the rule set how many documents the run will check, so that it
    /// can choose the automata worth building for that many.
    pub fn expect_documents(&self, documents: usize) {
        self.matcher.expect(documents);
    }

    /// A rule by id.
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Ids of loaded rules that look like a misspelling of `id` (edit
    /// distance at most 2, or one contains the other), closest first, at
    /// most three: for "did you mean" hints.
    pub fn similar_ids(&self, id: &str) -> Vec<&str> {
        let mut close: Vec<(usize, &str)> = self
            .rules
            .iter()
            .map(|r| r.id.as_str())
            .filter_map(|candidate| {
                let distance = strsim::levenshtein(id, candidate);
                let contains = id.len() >= 4 && (candidate.contains(id) || id.contains(candidate));
                (distance <= 2 || contains).then_some((distance, candidate))
            })
            .collect();
        close.sort();
        close.into_iter().take(3).map(|(_, id)| id).collect()
    }

    /// The index of a rule by id.
    pub fn index(&self, id: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.id == id)
    }

    /// Runs every rule on a document. Findings are sorted by position, then
    /// rule id.
    pub fn check(&self, document: &Document) -> Vec<Finding> {
        self.check_selected(document, &Selection::all(self))
    }

    /// Runs the selected rules on a document, with the selection's
    /// severities.
    pub fn check_selected(&self, document: &Document, selection: &Selection) -> Vec<Finding> {
        self.check_and_assess(document, selection).0
    }

    /// The rules that are audit columns, with their indexes, in load order.
    pub fn columns(&self) -> impl Iterator<Item = (usize, &Rule)> {
        self.rules
            .iter()
            .enumerate()
            .filter(|(_, rule)| rule.audit.is_some())
    }

    /// Runs the selected rules on a document (scanning it once) and
    /// assesses every audit column: its findings, sorted by position then
    /// rule id, and one [`Element`] per column, in column order. A column
    /// whose rule is not selected or whose `when:` excludes the document is
    /// not applicable.
    pub fn check_and_assess(
        &self,
        document: &Document,
        selection: &Selection,
    ) -> (Vec<Finding>, Vec<Element>) {
        let hits = if self.warm.load(Ordering::Relaxed) {
            self.matcher.scan(document)
        } else {
            let (hits, ()) = rayon::join(
                || self.matcher.scan(document),
                || {
                    for rule in &self.rules {
                        if let Check::Builtin(builtin) = &rule.check {
                            builtin.warm_up();
                        }
                    }
                    self.warm.store(true, Ordering::Relaxed);
                },
            );
            hits
        };
        let applies: Vec<bool> = self
            .rules
            .iter()
            .enumerate()
            .map(|(index, rule)| selection.enabled(index) && rule.when.applies(document, &hits))
            .collect();
        let mut findings: Vec<Finding> = self
            .rules
            .iter()
            .enumerate()
            .filter(|(index, _)| applies[*index])
            .flat_map(|(index, rule)| {
                let mut found = crate::checks::run(rule, document, &hits, &self.matcher);
                if let Some(severity) = selection.severity(index) {
                    for finding in &mut found {
                        finding.severity = severity;
                    }
                }
                found
            })
            .collect();
        findings.sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
        });
        let elements = self
            .columns()
            .map(|(index, rule)| {
                if !applies[index] {
                    return Element::without(index, Status::NotApplicable);
                }
                crate::checks::assess(index, rule, document, &hits)
                    .unwrap_or_else(|| Element::without(index, Status::NotApplicable))
            })
            .collect();
        (findings, elements)
    }
}
