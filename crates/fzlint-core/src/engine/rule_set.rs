//! The compiled rules of a run and how they check a document: one scan of
//! the document for every pattern of every rule, then each selected rule's
//! check on the hits.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::checks::{self, Check};
use crate::document::Document;
use crate::element::{Element, Status};
use crate::engine::{Provenance, Selection};
use crate::error::RuleErrors;
use crate::finding::Finding;
use crate::matcher::Matcher;
use crate::pack::{self, Compiled, RuleSource};
use crate::par;
use crate::rules::{KnownDocument, Rule};

/// The compiled rules of a run.
#[derive(Debug)]
pub struct RuleSet {
    rules: Vec<Rule>,
    /// The documents the rules cite (the packs' tables).
    documents: Vec<Arc<KnownDocument>>,
    /// What each rule checks, compiled; `checks[i]` is `rules[i]`'s.
    checks: Vec<Check>,
    matcher: Matcher,
    /// The engine's version and what identifies these rules.
    provenance: Provenance,
    /// Whether the built-in checks' constant regexes are compiled (see
    /// [`Check::warm_up`]).
    warm: AtomicBool,
}

impl RuleSet {
    /// A rule set from compiled rules (see [`crate::pack::load`]).
    pub(crate) fn new(compiled: Compiled, mut provenance: Provenance) -> RuleSet {
        provenance.pack_versions = compiled.packs;
        RuleSet {
            provenance,
            documents: compiled.documents,
            rules: compiled.rules,
            checks: compiled.checks,
            matcher: compiled.matcher,
            warm: AtomicBool::new(false),
        }
    }

    /// Parses, validates and compiles rule files into a rule set (see
    /// [`crate::pack::load`]).
    pub fn load(sources: &[RuleSource]) -> Result<RuleSet, RuleErrors> {
        pack::load(sources).map(|compiled| RuleSet::new(compiled, Provenance::of(sources)))
    }

    /// The engine's version, the packs and the rule set's hash: what
    /// every export says judged its reports.
    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    /// The documents the packs' rules cite, in load order.
    pub fn documents(&self) -> &[Arc<KnownDocument>] {
        &self.documents
    }

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
    pub(crate) fn check_and_assess(
        &self,
        document: &Document,
        selection: &Selection,
    ) -> (Vec<Finding>, Vec<Element>) {
        let hits = if self.warm.load(Ordering::Relaxed) {
            self.matcher.scan(document)
        } else {
            let (hits, ()) = par::join(
                || self.matcher.scan(document),
                || {
                    for check in &self.checks {
                        check.warm_up();
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
            .map(|(index, rule)| {
                selection.enabled(index) && checks::applies(&rule.when, document, &hits)
            })
            .collect();
        let mut findings: Vec<Finding> = self
            .rules
            .iter()
            .enumerate()
            .filter(|(index, _)| applies[*index])
            .flat_map(|(index, rule)| {
                let mut found =
                    checks::run(rule, &self.checks[index], document, &hits, &self.matcher);
                if let Some(severity) = selection.severity(index) {
                    for finding in &mut found {
                        finding.severity = severity;
                    }
                }
                if rule.documents.words_by_year() {
                    by_year(rule, document, &mut found);
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
                checks::assess(index, rule, &self.checks[index], document, &hits)
                    .unwrap_or_else(|| Element::without(index, Status::NotApplicable))
            })
            .collect();
        (findings, elements)
    }
}

/// Gives findings that carry the rule's own help and basis the ones for
/// the report's year (a pair's own basis, from a `substitute` rule, stays).
fn by_year(rule: &Rule, document: &Document, findings: &mut [Finding]) {
    let year = document.metadata().year.as_ref().map(|y| y.value);
    let help = rule.help_for(year);
    let basis = rule.basis_for(year);
    for finding in findings {
        if finding.help == rule.help {
            finding.help.clone_from(&help);
        }
        if finding.basis == rule.basis {
            finding.basis.clone_from(&basis);
        }
    }
}
