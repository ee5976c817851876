//! Pattern matching shared by all rules of a run.
//!
//! Every distinct literal of every rule is one pattern of a single
//! Aho-Corasick automaton, run once over a document's normalised text with
//! overlapping matches (so two rules whose literals overlap both see their
//! match). Each distinct regex is compiled once and run once per document on
//! the original text. The per-document result, [`Hits`], gives every pattern's
//! occurrences as source spans, sorted by start.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::par::*;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex_automata::Input;
use regex_automata::meta;
use regex_automata::util::captures::Captures;
use regex_syntax::hir::Hir;

use crate::document::Document;

mod gate;

/// Compiled size limit of one regex; user rule files cannot exhaust memory.
const REGEX_SIZE_LIMIT: usize = 4 << 20;

/// A required literal shorter than this (in characters) is too common in
/// reports to be worth a gate.
const MIN_GATE_CHARS: usize = 2;

/// A regex of a rule file, parsed at load and compiled once: at load when
/// `eager` (a user's rule file: a regex over the size limit is then a load
/// error), else when first used (the embedded pack, whose regexes unit
/// tests compile), so that a run never compiles a regex it does not need.
#[derive(Debug, Clone)]
pub(crate) struct LazyRegex {
    hir: Hir,
    /// `None` inside only if compiling failed, which validation rules out.
    compiled: OnceLock<Option<meta::Regex>>,
}

impl LazyRegex {
    pub fn new(source: &str, eager: bool) -> Result<LazyRegex, String> {
        let hir = parse(source)?;
        let compiled = match eager {
            true => OnceLock::from(Some(compile_hir(&hir)?)),
            false => OnceLock::new(),
        };
        Ok(LazyRegex { hir, compiled })
    }

    /// The compiled regex, compiled now if it was not yet.
    pub fn get(&self) -> Option<&meta::Regex> {
        self.compiled
            .get_or_init(|| compile_hir(&self.hir).ok())
            .as_ref()
    }

    /// Whether it is compiled already.
    pub fn is_compiled(&self) -> bool {
        self.compiled.get().is_some()
    }
}

/// Parses a rule's regex (with CRLF-aware `(?m)` anchors).
fn parse(source: &str) -> Result<Hir, String> {
    regex_syntax::ParserBuilder::new()
        .crlf(true)
        .build()
        .parse(source)
        .map_err(|e| format!("正则表达式无效：\n{e}"))
}

/// Compiles a rule's parsed regex, with a bounded size, into the regex
/// engine under the `regex` crate, whose searches can be confined to a range
/// of the text while look-around assertions (`^`, `$`, `\b`) still see the
/// whole text.
fn compile_hir(hir: &Hir) -> Result<meta::Regex, String> {
    meta::Regex::builder()
        .configure(
            meta::Regex::config()
                .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
                .onepass_size_limit(Some(REGEX_SIZE_LIMIT))
                .dfa(false),
        )
        .build_from_hir(hir)
        .map_err(|e| match e.size_limit() {
            Some(limit) => format!("正则表达式编译后超过 {limit} 字节的上限，请简化"),
            None => format!("正则表达式无效：\n{e}"),
        })
}

/// Why a rule's regex was refused, by the value at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RegexError {
    /// The regex itself (invalid, too large, matching empty or no text).
    Regex(String),
    /// Its `group:`, which the regex does not have.
    Group(String),
}

/// A pattern of the run's matcher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PatternRef {
    /// A loosely matched literal.
    Literal(usize),
    /// A regex matched on the original text.
    Regex(usize),
}

/// The patterns of one rule field (any of them counts as a match).
#[derive(Debug, Clone, Default)]
pub struct PatternSet(pub(crate) Vec<PatternRef>);

/// Collects and deduplicates the patterns of all rules while they load.
#[derive(Debug, Default)]
pub(crate) struct MatcherBuilder {
    literals: Vec<String>,
    literal_ids: HashMap<String, usize>,
    /// Required literals of the regexes, matched on the original text.
    gates: Vec<String>,
    gate_ids: HashMap<String, usize>,
    regexes: Vec<CompiledRegex>,
    regex_ids: HashMap<(String, usize, bool), usize>,
    /// Whether regexes are compiled (and so fully validated) as they load;
    /// off only for the embedded pack.
    pub eager: bool,
}

/// The index of `item` in `items`, added if new.
fn intern(items: &mut Vec<String>, ids: &mut HashMap<String, usize>, item: String) -> usize {
    let next = items.len();
    let id = *ids.entry(item.clone()).or_insert(next);
    if id == next {
        items.push(item);
    }
    id
}

/// A rule's regex with how it is matched.
#[derive(Debug)]
pub(crate) struct CompiledRegex {
    /// As written in the rule file (for `Debug` output and tests).
    #[cfg_attr(not(test), allow(dead_code))]
    source: String,
    regex: LazyRegex,
    /// The longest match in bytes, when the regex has a bound: a match that
    /// contains an occurrence of a gate lies within this many bytes of it,
    /// so the regex only runs near its gates' occurrences.
    reach: Option<usize>,
    /// The capture group whose span is the occurrence (0: the whole match).
    pub group: usize,
    /// Whether it runs on the normalised text rather than the original.
    pub loose: bool,
    /// Literal patterns one of which occurs in every match (see
    /// [`super::gate`]); empty when none is known and the regex always runs.
    gate: Vec<usize>,
}

impl CompiledRegex {
    /// The compiled regex.
    pub fn regex(&self) -> Option<&meta::Regex> {
        self.regex.get()
    }

    /// The ranges of `text` this regex must search: near the occurrences of
    /// its gates (`occurrences`, per gate) when its matches have a bounded
    /// length; `None` for the whole text. Every match lies inside one range.
    fn ranges(&self, text: &str, occurrences: &[Vec<Range<usize>>]) -> Option<Vec<Range<usize>>> {
        // Searching most of the text in pieces costs more than in one go.
        self.windows(text, occurrences)
            .filter(|windows| windows.iter().map(|w| w.len()).sum::<usize>() * 2 <= text.len())
    }

    /// The merged neighbourhoods of the gates' occurrences within which every
    /// match lies (`None` when the regex has no gate, runs on the normalised
    /// text, or has no bound on its length).
    fn windows(&self, text: &str, occurrences: &[Vec<Range<usize>>]) -> Option<Vec<Range<usize>>> {
        let reach = self
            .reach
            .filter(|_| !self.gate.is_empty() && !self.loose)?;
        let mut windows: Vec<Range<usize>> = self
            .gate
            .iter()
            .flat_map(|&id| &occurrences[id])
            // An occurrence found through the normalised text spans the
            // characters skipped inside it; one longer than the longest
            // match is in no match.
            .filter(|o| o.len() <= reach)
            .map(|o| {
                text.floor_char_boundary(o.end.saturating_sub(reach))
                    ..text.ceil_char_boundary(o.start + reach)
            })
            .collect();
        windows.sort_unstable_by_key(|w| w.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(windows.len());
        for w in windows {
            match merged.last_mut() {
                Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
                _ => merged.push(w),
            }
        }
        Some(merged)
    }

    /// The occurrences of this regex in a document that are report text, as
    /// source spans, searching `ranges` of the text it runs on (the whole
    /// text when `None`).
    fn occurrences(
        &self,
        regex: &meta::Regex,
        document: &Document,
        ranges: Option<&[Range<usize>]>,
    ) -> Vec<Range<usize>> {
        let text = document.text();
        let loose = document.loose();
        let haystack = if self.loose { loose.as_str() } else { text };
        let whole = [0..haystack.len()];
        self.search(regex, haystack, ranges.unwrap_or(&whole))
            .into_iter()
            .filter(|span| !span.is_empty())
            .map(|span| {
                if self.loose {
                    loose.source_span(text, span)
                } else {
                    span
                }
            })
            .filter(|span| document.is_text(span))
            .collect()
    }

    /// The occurrences (the reported group's spans) in `ranges` of
    /// `haystack`, in order.
    fn search(
        &self,
        regex: &meta::Regex,
        haystack: &str,
        ranges: &[Range<usize>],
    ) -> Vec<Range<usize>> {
        let mut spans = Vec::new();
        for range in ranges {
            if self.group == 0 {
                spans.extend(
                    regex
                        .find_iter(Input::new(haystack).range(range.clone()))
                        .map(|m| m.range()),
                );
            } else {
                let mut matches = GroupCaptures::new(regex, haystack, self.group, range.clone());
                while let Some(caps) = matches.next_match() {
                    if let Some(group) = caps.get_group(self.group) {
                        spans.push(group.range());
                    }
                }
            }
        }
        spans
    }
}

/// How many bytes after its reported group a match may run (its right
/// context) and still have the next search resume at the group's end.
/// Bounds the text searched twice, so matching stays linear.
const MAX_RESCAN: usize = 64;

/// The matches of a regex in `haystack` from `at` on, for a regex that
/// reports its capture group `group`. A group pattern takes the characters
/// around the occurrence as context (`(?:^|[^0-9])([0-9]{2})年`, a stand-in
/// for look-around); the next search resumes at the end of the group, not
/// of the whole match, so that an occurrence whose context character the
/// previous match took is still found (the second XX of “XX、XX”).
pub(crate) struct GroupCaptures<'r, 'h> {
    regex: &'r meta::Regex,
    input: Input<'h>,
    group: usize,
    caps: Captures,
    done: bool,
}

impl<'r, 'h> GroupCaptures<'r, 'h> {
    /// The matches of `regex` in `range` of `haystack`.
    pub fn new(
        regex: &'r meta::Regex,
        haystack: &'h str,
        group: usize,
        range: Range<usize>,
    ) -> Self {
        GroupCaptures {
            regex,
            input: Input::new(haystack).range(range),
            group,
            caps: regex.create_captures(),
            done: false,
        }
    }

    /// The next match with its groups, or `None` when there is none.
    pub fn next_match(&mut self) -> Option<&Captures> {
        if self.done {
            return None;
        }
        self.regex.search_captures(&self.input, &mut self.caps);
        let Some(whole) = self.caps.get_match().map(|m| m.span()) else {
            self.done = true;
            return None;
        };
        let resume = match self.caps.get_group(self.group) {
            Some(g) if whole.end - g.end <= MAX_RESCAN => g.end,
            _ => whole.end,
        };
        // At least one character on, so that an empty match cannot repeat.
        let haystack = self.input.haystack();
        let mut next = resume.max(whole.start + 1);
        while next < haystack.len() && haystack[next] & 0xC0 == 0x80 {
            next += 1;
        }
        if next > self.input.end() {
            self.done = true;
        } else {
            self.input.set_start(next);
        }
        Some(&self.caps)
    }
}

impl MatcherBuilder {
    /// Adds a normalised, non-empty literal.
    pub fn literal(&mut self, normalized: String) -> PatternRef {
        PatternRef::Literal(intern(
            &mut self.literals,
            &mut self.literal_ids,
            normalized,
        ))
    }

    /// Compiles a regex (CRLF-aware `(?m)` anchors, bounded size); `group`
    /// is the capture group whose span is the occurrence (0: the whole
    /// match). Rejects regexes that can match empty text, which would flag
    /// every position, and groups the regex does not have.
    pub fn regex(
        &mut self,
        source: &str,
        group: usize,
        loose: bool,
    ) -> Result<PatternRef, RegexError> {
        let key = (source.to_owned(), group, loose);
        if let Some(&id) = self.regex_ids.get(&key) {
            return Ok(PatternRef::Regex(id));
        }
        let regex = LazyRegex::new(source, self.eager).map_err(RegexError::Regex)?;
        if self.eager && regex.get().is_some_and(|r| r.is_match("")) {
            return Err(RegexError::Regex(
                "正则表达式能匹配空文本，会在每个位置报告；请让它至少匹配一个字符".to_owned(),
            ));
        }
        let hir = &regex.hir;
        if hir.properties().minimum_len().is_none() {
            return Err(RegexError::Regex(
                "正则表达式永远匹配不到任何文本（例如空的字符类），这个模式没有作用".to_owned(),
            ));
        }
        let groups = hir.properties().explicit_captures_len() + 1;
        if group >= groups {
            return Err(RegexError::Group(format!(
                "`group: {group}` 超出了正则表达式的分组数（共 {} 个分组）",
                groups - 1
            )));
        }
        // Regexes on the normalised text always run.
        let gate = if loose {
            Vec::new()
        } else {
            gate::required_literals(hir, MIN_GATE_CHARS)
                .map(|set| {
                    set.into_iter()
                        .map(|s| intern(&mut self.gates, &mut self.gate_ids, s))
                        .collect()
                })
                .unwrap_or_default()
        };
        let id = self.regexes.len();
        self.regexes.push(CompiledRegex {
            source: source.to_owned(),
            reach: hir.properties().maximum_len(),
            regex,
            group,
            loose,
            gate,
        });
        self.regex_ids.insert(key, id);
        Ok(PatternRef::Regex(id))
    }

    /// Builds the automata. A gate none of whose characters can be Markdown
    /// markup (see [`loose_safe`]) is found through the normalised text: each
    /// of its occurrences in report text is there as an occurrence of its
    /// normalised form, whose span lies inside the original occurrence (so
    /// a regex match that contains the one contains the other, and the
    /// search windows stay right). The one scan of the normalised text finds
    /// these gates; the original text is scanned only for the others.
    pub fn finish(mut self) -> Result<Matcher, String> {
        let mut gate_literals = Vec::with_capacity(self.gates.len());
        let mut rest = Vec::new();
        for (id, gate) in self.gates.iter().enumerate() {
            let normalized = crate::text::loose::normalize(gate);
            if !normalized.is_empty() && gate.chars().all(loose_safe) {
                let literal = intern(&mut self.literals, &mut self.literal_ids, normalized);
                gate_literals.push(Some(literal));
            } else {
                gate_literals.push(None);
                rest.push(id);
            }
        }
        let texts = GateTexts {
            all: self.gates,
            rest,
        };
        let nfa = Automata::build(&self.literals, &texts, AhoCorasickKind::ContiguousNFA)?;
        // Leftmost-first, so that aho-corasick's vectorised prefilter
        // (Teddy) can skip to candidates: the rest of the gates are rare in
        // reports, and most documents need no scan for them. Built once:
        // it is the same for the NFAs and the DFAs.
        let rest = texts.rest_texts();
        let rest_probe = match rest.is_empty() {
            true => None,
            false => Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostFirst)
                    // The prefilter does the work; a DFA behind it would
                    // only cost building.
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .build(&rest)
                    .map_err(|e| format!("无法构建字面模式的匹配自动机：{e}"))?,
            ),
        };
        Ok(Matcher {
            nfa,
            rest_probe,
            dfa: OnceLock::new(),
            scanned: AtomicUsize::new(0),
            literal_text: self.literals,
            gates: texts,
            gate_literals,
            regexes: self.regexes,
        })
    }
}

/// Whether a character of a gate leaves it findable through the normalised
/// text: it is skipped there (quotes, whitespace, 、), or it folds to a
/// letter, a digit or a non-ASCII character. ASCII punctuation may be
/// Markdown markup (`**`, `_`), which the normalised text leaves out.
fn loose_safe(c: char) -> bool {
    crate::text::loose::fold(c).is_none_or(|f| f.is_ascii_alphanumeric() || !f.is_ascii())
}

/// The gates' texts: all of them, and the ids of those not found through
/// the normalised text.
#[derive(Debug)]
struct GateTexts {
    all: Vec<String>,
    rest: Vec<usize>,
}

impl GateTexts {
    /// The texts of the gates not found through the normalised text.
    fn rest_texts(&self) -> Vec<&str> {
        self.rest.iter().map(|&id| self.all[id].as_str()).collect()
    }
}

/// Documents scanned with the automata that are quick to build before the
/// matcher switches to those that are quick to run: building the DFAs costs
/// about as much as scanning 150 reports with the NFAs instead (measured
/// with callgrind on synthetic reports). A run that knows it has more
/// reports than this builds them at once (see [`Matcher::expect`]).
const DFA_AFTER: usize = 200;

/// The literal automata of a run.
#[derive(Debug)]
struct Automata {
    /// The rules' literals and the gates kept by loose matching, on the
    /// normalised text.
    literals: Option<AhoCorasick>,
    /// All the regexes' required literals, on the original text: for
    /// documents with masked regions (Markdown code, comments, front
    /// matter), which the normalised text leaves out but a match may reach
    /// into. Built when the first such document comes; `None` inside when
    /// there are no gates or building failed, and then every regex runs.
    gates: OnceLock<Option<AhoCorasick>>,
    /// The other required literals, on the original text.
    rest: Option<AhoCorasick>,
    kind: AhoCorasickKind,
}

impl Automata {
    fn build(
        literals: &[String],
        gates: &GateTexts,
        kind: AhoCorasickKind,
    ) -> Result<Automata, String> {
        Ok(Automata {
            literals: Self::automaton(literals, kind)?,
            gates: OnceLock::new(),
            rest: Self::automaton(&gates.rest_texts(), kind)?,
            kind,
        })
    }

    /// The automaton of all the gates (see [`Automata::gates`]).
    fn gates(&self, gates: &GateTexts) -> Option<&AhoCorasick> {
        self.gates
            .get_or_init(|| Self::automaton(&gates.all, self.kind).ok().flatten())
            .as_ref()
    }

    fn automaton(
        patterns: &[impl AsRef<[u8]>],
        kind: AhoCorasickKind,
    ) -> Result<Option<AhoCorasick>, String> {
        if patterns.is_empty() {
            return Ok(None);
        }
        AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(kind))
            // Reports are dense with the characters patterns start with: a
            // prefilter's candidates would be too frequent to pay.
            .prefilter(false)
            .build(patterns)
            .map(Some)
            .map_err(|e| format!("无法构建字面模式的匹配自动机：{e}"))
    }
}

/// The compiled patterns of a run. The literal automata start as NFAs, which
/// build in a fraction of a millisecond (one report's latency), and become
/// DFAs, which scan several times faster, once a run has scanned a few
/// documents (a folder of reports).
#[derive(Debug)]
pub(crate) struct Matcher {
    nfa: Automata,
    /// Whether any gate that is not found through the normalised text
    /// occurs (see [`MatcherBuilder::finish`]).
    rest_probe: Option<AhoCorasick>,
    dfa: OnceLock<Option<Automata>>,
    scanned: AtomicUsize,
    literal_text: Vec<String>,
    gates: GateTexts,
    /// For each gate, its id among the literals of the normalised text when
    /// it is found there.
    gate_literals: Vec<Option<usize>>,
    regexes: Vec<CompiledRegex>,
}

impl Matcher {
    fn automata(&self) -> &Automata {
        if let Some(Some(dfa)) = self.dfa.get() {
            return dfa;
        }
        // One thread builds the DFAs; the others go on with the NFAs.
        if self.scanned.fetch_add(1, Ordering::Relaxed) == DFA_AFTER {
            let dfa = Automata::build(&self.literal_text, &self.gates, AhoCorasickKind::DFA);
            if let Some(dfa) = self.dfa.get_or_init(|| dfa.ok()) {
                return dfa;
            }
        }
        &self.nfa
    }

    /// Tells the matcher how many documents the run will scan: when that is
    /// more than [`DFA_AFTER`], the first scan builds the DFAs (while other
    /// threads go on with the NFAs) instead of the 200th.
    pub fn expect(&self, documents: usize) {
        if documents > DFA_AFTER {
            let _ =
                self.scanned
                    .compare_exchange(0, DFA_AFTER, Ordering::Relaxed, Ordering::Relaxed);
        }
    }

    /// The distinct literals of the scan of the normalised text (the rules'
    /// literals and the gates found there), normalised as they are matched.
    pub fn literal_patterns(&self) -> &[String] {
        &self.literal_text
    }

    /// Finds every occurrence of every pattern in a document.
    pub fn scan(&self, document: &Document) -> Hits {
        let automata = self.automata();
        let mut literal = vec![Vec::new(); self.literal_text.len()];
        if let Some(ac) = &automata.literals {
            let loose = document.loose();
            let text = document.text();
            for m in ac.find_overlapping_iter(loose.as_str()) {
                literal[m.pattern().as_usize()].push(loose.source_span(text, m.start()..m.end()));
            }
            for spans in &mut literal {
                spans.sort_by_key(|s| (s.start, s.end));
            }
        }
        let text = document.text();
        let mut occurrences = vec![Vec::new(); self.gates.all.len()];
        // Whether `occurrences` holds every gate's occurrences.
        let mut gates_known = true;
        if document.has_masked_regions() {
            match automata.gates(&self.gates) {
                Some(gates) => {
                    for m in gates.find_overlapping_iter(text) {
                        occurrences[m.pattern().as_usize()].push(m.start()..m.end());
                    }
                }
                None => gates_known = false,
            }
        } else {
            for (id, literal_id) in self.gate_literals.iter().enumerate() {
                if let Some(literal_id) = literal_id {
                    occurrences[id].clone_from(&literal[*literal_id]);
                }
            }
            // Most reports have none of these: a search with the prefilter
            // says so quickly, and only then are all occurrences found.
            let probe = self.rest_probe.as_ref();
            if let Some(rest) = automata
                .rest
                .as_ref()
                .filter(|_| probe.is_some_and(|p| p.is_match(text)))
            {
                for m in rest.find_overlapping_iter(text) {
                    let id = self.gates.rest[m.pattern().as_usize()];
                    occurrences[id].push(m.start()..m.end());
                }
            }
        }
        let gated_out = |compiled: &CompiledRegex| {
            gates_known
                && !compiled.gate.is_empty()
                && compiled.gate.iter().all(|&id| occurrences[id].is_empty())
        };
        // The regexes this document needs that are not compiled yet (the
        // first documents of a run): compiled on all cores, since compiling
        // is most of one report's latency.
        let pending: Vec<&CompiledRegex> = self
            .regexes
            .iter()
            .filter(|c| !c.regex.is_compiled() && !gated_out(c))
            .collect();
        if pending.len() > 1 {
            pending.par_iter().for_each(|c| {
                c.regex();
            });
        }
        let regex = self
            .regexes
            .iter()
            .map(|compiled| {
                let Some(regex) = (!gated_out(compiled)).then(|| compiled.regex()).flatten() else {
                    return Vec::new();
                };
                let ranges = gates_known
                    .then(|| compiled.ranges(text, &occurrences))
                    .flatten();
                compiled.occurrences(regex, document, ranges.as_deref())
            })
            .collect();
        Hits { literal, regex }
    }

    /// A compiled regex and its reported group, for expanding capture groups
    /// in a replacement.
    pub fn regex(&self, id: usize) -> &CompiledRegex {
        &self.regexes[id]
    }
}

/// Occurrences of every pattern in one document, as source spans sorted by start.
#[derive(Debug)]
pub(crate) struct Hits {
    literal: Vec<Vec<Range<usize>>>,
    regex: Vec<Vec<Range<usize>>>,
}

impl Hits {
    /// The occurrences of one pattern.
    pub fn of(&self, pattern: PatternRef) -> &[Range<usize>] {
        match pattern {
            PatternRef::Literal(id) => &self.literal[id],
            PatternRef::Regex(id) => &self.regex[id],
        }
    }

    /// The occurrences of every pattern of a set, with the pattern.
    pub fn of_set<'a>(
        &'a self,
        set: &'a PatternSet,
    ) -> impl Iterator<Item = (PatternRef, &'a Range<usize>)> + 'a {
        set.0
            .iter()
            .flat_map(move |&p| self.of(p).iter().map(move |span| (p, span)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::{fazhi, load};

    fn compile(source: &str) -> Result<meta::Regex, String> {
        compile_hir(&parse(source)?)
    }

    /// The repository's root, where the fixtures are.
    fn repository_root() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    fn embedded_matcher() -> Matcher {
        let rules = load(&fazhi()).expect("the embedded pack loads");
        rules.matcher
    }

    fn groups(pattern: &str, text: &str) -> Vec<String> {
        let regex = compile(pattern).expect("test regex");
        let mut matches = GroupCaptures::new(&regex, text, 1, 0..text.len());
        let mut found = Vec::new();
        while let Some(caps) = matches.next_match() {
            found.extend(caps.get_group(1).map(|g| text[g.range()].to_owned()));
        }
        found
    }

    #[test]
    fn group_matches_may_start_in_the_context_of_the_match_before() {
        let xx = r"(?:^|[^A-Za-z])([Xx]{2,})(?:[^A-Za-z]|$)";
        assert_eq!(groups(xx, "由XX、XX同志负责"), ["XX", "XX"]);
        assert_eq!(groups(xx, "XX"), ["XX"]);
        assert_eq!(groups(xx, "XXX、box、Xx"), ["XXX", "Xx"]);
        let year = r"(?:^|[^0-9])([0-9]{2})年度";
        assert_eq!(groups(year, "22年度23年度"), ["22", "23"]);
        assert_eq!(groups(year, "2022年度"), Vec::<String>::new());
        // A right context longer than MAX_RESCAN: the search goes on after
        // the whole match (linear), so an occurrence inside it is not seen.
        let long = format!("(甲)[^。]{{{MAX_RESCAN}}}");
        let text = format!("{}。", "甲".repeat(MAX_RESCAN + 2));
        assert_eq!(groups(&long, &text), ["甲"]);
        let short = "(甲)[^。]{3}";
        assert_eq!(groups(short, "甲甲甲甲甲。"), ["甲", "甲"]);
    }

    /// The embedded pack's regexes are compiled lazily, so this is where
    /// they are compiled and validated as a user's would be at load.
    #[test]
    fn every_embedded_regex_compiles_and_never_matches_empty_text() {
        for compiled in &embedded_matcher().regexes {
            let regex = compile(&compiled.source).expect("compiles");
            assert!(!regex.is_match(""), "{}", compiled.source);
            assert!(compiled.group < regex.captures_len(), "{}", compiled.source);
            assert!(compiled.regex().is_some());
        }
    }

    /// What `scan` finds for each regex (gated, windowed, with gates found
    /// through the normalised text when possible) is what running every
    /// regex over the whole text finds, on every fixture document (text,
    /// Markdown with and without masked regions, Word, web pages).
    #[test]
    fn scanning_finds_what_every_regex_finds_on_the_whole_text() {
        let matcher = embedded_matcher();
        let root = repository_root();
        let mut stack: Vec<std::path::PathBuf> = ["fixtures", "rules/fazhi/tests"]
            .iter()
            .map(|d| root.join(d))
            .collect();
        // A match that starts in the text and ends in a masked region (an
        // HTML comment, inline code): its required literal is only in the
        // original text.
        let mut extra: Vec<Document> = [
            "# 报告\n\n规范性文件均经过<!-- 法制审核 -->。\n",
            "# 报告\n\n规范性文件均经过`法制审核`。\n",
        ]
        .iter()
        .map(|text| {
            let source = crate::text::source::SourceFile::new("masked.md", *text);
            Document::parse(source, crate::document::Format::Markdown)
        })
        .collect();
        let (mut documents, mut masked, mut found) = (0, 0, 0);
        loop {
            let (path, document) = if let Some(document) = extra.pop() {
                (std::path::PathBuf::from("masked.md"), document)
            } else if let Some(path) = stack.pop() {
                if path.is_dir() {
                    for entry in std::fs::read_dir(&path).expect("fixture dir") {
                        stack.push(entry.expect("entry").path());
                    }
                    continue;
                }
                let Ok(bytes) = std::fs::read(&path) else {
                    continue;
                };
                let name = path.display().to_string();
                let format = crate::document::Format::from_path(&path);
                let Ok(document) = Document::read(&name, &bytes, format, None) else {
                    continue;
                };
                (path, document)
            } else {
                break;
            };
            documents += 1;
            masked += usize::from(document.has_masked_regions());
            let hits = matcher.scan(&document);
            for (id, compiled) in matcher.regexes.iter().enumerate() {
                let regex = compiled.regex().expect("compiles");
                let expected = compiled.occurrences(regex, &document, None);
                found += expected.len();
                assert_eq!(
                    hits.regex[id],
                    expected,
                    "{}: {}",
                    path.display(),
                    compiled.source
                );
            }
        }
        assert!(
            documents > 30 && masked > 3,
            "{documents} documents, {masked} masked"
        );
        assert!(found > 300, "{found} matches");
    }

    /// A run that expects many documents scans the first with DFAs; one
    /// that expects few never builds them; both find the same.
    #[test]
    fn the_dfas_are_built_at_once_only_for_a_run_of_many_documents() {
        let text = "一、主要举措和成效\n我局存在问题，推行行政执法公示制度。\n";
        let document = Document::parse(
            crate::text::source::SourceFile::new("a.txt", text.to_owned()),
            crate::document::Format::Text,
        );
        let few = embedded_matcher();
        few.expect(DFA_AFTER);
        let by_nfa = few.scan(&document);
        assert!(few.dfa.get().is_none());
        let many = embedded_matcher();
        many.expect(DFA_AFTER + 1);
        let by_dfa = many.scan(&document);
        assert!(matches!(many.dfa.get(), Some(Some(_))));
        assert_eq!(by_nfa.literal, by_dfa.literal);
        assert_eq!(by_nfa.regex, by_dfa.regex);
        assert!(by_dfa.literal.iter().any(|spans| !spans.is_empty()));
    }

    /// Found by the `check_docx` fuzz target: a gate found through the
    /// normalised text may span many skipped characters in the original
    /// (`存` and `在问题` thirty spaces apart), longer than any match of
    /// its regex; its window was empty and backwards, and the search
    /// panicked.
    #[test]
    fn an_occurrence_longer_than_any_match_opens_no_window() {
        let matcher = embedded_matcher();
        for gap in [" ".repeat(40), "\u{3000}".repeat(20), "“”".repeat(10)] {
            let text = format!("我局存{gap}在问题。我局存在问题。\n");
            let source = crate::text::source::SourceFile::new("gap.txt", text.clone());
            let document = Document::parse(source, crate::document::Format::Text);
            let hits = matcher.scan(&document);
            let compiled = matcher
                .regexes
                .iter()
                .position(|r| r.source == "存在(的|着)?(主要)?(问题|不足|差距|短板|困难)")
                .expect("the pack has the shortcomings regex");
            let start = text.rfind("存在问题").expect("in the text");
            assert_eq!(hits.regex[compiled], [start..start + "存在问题".len()]);
        }
    }

    /// A gate never hides a match: on every fixture report, wherever a
    /// gated regex matches, one of its required literals occurs.
    #[test]
    fn gates_never_hide_a_match_and_windows_find_every_match_in_the_fixtures() {
        let matcher = embedded_matcher();
        let gates = matcher
            .nfa
            .gates(&matcher.gates)
            .expect("the pack has gated regexes");
        let gated = matcher
            .regexes
            .iter()
            .filter(|r| !r.gate.is_empty())
            .count();
        assert!(gated * 2 > matcher.regexes.len(), "{gated} gated");
        let mut texts = Vec::new();
        for dir in [
            "fixtures/reports",
            "fixtures/audit",
            "fixtures/formats",
            "rules/fazhi/tests",
        ] {
            let root = repository_root().join(dir);
            let mut stack = vec![root];
            while let Some(path) = stack.pop() {
                if path.is_dir() {
                    for entry in std::fs::read_dir(&path).expect("fixture dir") {
                        stack.push(entry.expect("entry").path());
                    }
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    texts.push(text);
                }
            }
        }
        assert!(texts.len() > 20);
        let mut matched = 0;
        let mut windowed = 0;
        for text in &texts {
            let mut occurrences = vec![Vec::new(); matcher.gates.all.len()];
            for m in gates.find_overlapping_iter(text.as_str()) {
                occurrences[m.pattern().as_usize()].push(m.start()..m.end());
            }
            for compiled in matcher.regexes.iter().filter(|r| !r.gate.is_empty()) {
                let regex = compiled.regex().expect("compiles");
                // Searching near the gates finds what searching the whole
                // text finds.
                let everywhere = compiled.search(regex, text, &[0..text.len()]);
                if let Some(windows) = compiled.windows(text, &occurrences) {
                    windowed += usize::from(!everywhere.is_empty());
                    let near = compiled.search(regex, text, &windows);
                    assert_eq!(near, everywhere, "{}", compiled.source);
                }
                if regex.is_match(text) {
                    matched += 1;
                    assert!(
                        compiled.gate.iter().any(|&id| !occurrences[id].is_empty()),
                        "{} matches but none of its gates {:?} occurs",
                        compiled.source,
                        compiled
                            .gate
                            .iter()
                            .map(|&id| &matcher.gates.all[id])
                            .collect::<Vec<_>>()
                    );
                }
            }
        }
        assert!(matched > 50, "{matched} gated matches");
        assert!(windowed > 50, "{windowed} windowed searches with matches");
    }
}
