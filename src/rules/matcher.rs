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

use aho_corasick::{AhoCorasick, MatchKind};
use regex::{Regex, RegexBuilder};

use crate::document::Document;

/// Compiled size limit of one regex; user rule files cannot exhaust memory.
const REGEX_SIZE_LIMIT: usize = 4 << 20;

/// Whether a regex can match nothing at all (`[^\s\S]`, `a\bb`…): its
/// syntax tree has no minimum match length.
fn never_matches(source: &str) -> bool {
    regex_syntax::ParserBuilder::new()
        .crlf(true)
        .build()
        .parse(source)
        .is_ok_and(|hir| hir.properties().minimum_len().is_none())
}

/// Compiles a rule's regex: CRLF-aware `(?m)` anchors, bounded size.
pub(crate) fn compile(source: &str) -> Result<Regex, String> {
    RegexBuilder::new(source)
        .crlf(true)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(limit) => {
                format!("正则表达式编译后超过 {limit} 字节的上限，请简化")
            }
            other => format!("正则表达式无效：\n{other}"),
        })
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
    regexes: Vec<CompiledRegex>,
    regex_ids: HashMap<(String, usize, bool), usize>,
}

/// A rule's regex with how it is matched.
#[derive(Debug)]
pub(crate) struct CompiledRegex {
    /// The regex.
    pub regex: Regex,
    /// The capture group whose span is the occurrence (0: the whole match).
    pub group: usize,
    /// Whether it runs on the normalised text rather than the original.
    pub loose: bool,
}

impl MatcherBuilder {
    /// Adds a normalised, non-empty literal.
    pub fn literal(&mut self, normalized: String) -> PatternRef {
        let next = self.literals.len();
        let id = *self.literal_ids.entry(normalized.clone()).or_insert(next);
        if id == next {
            self.literals.push(normalized);
        }
        PatternRef::Literal(id)
    }

    /// Compiles a regex (CRLF-aware `(?m)` anchors, bounded size); `group`
    /// is the capture group whose span is the occurrence (0: the whole
    /// match). Rejects regexes that can match empty text, which would flag
    /// every position, and groups the regex does not have.
    pub fn regex(&mut self, source: &str, group: usize, loose: bool) -> Result<PatternRef, String> {
        let key = (source.to_owned(), group, loose);
        if let Some(&id) = self.regex_ids.get(&key) {
            return Ok(PatternRef::Regex(id));
        }
        let regex = compile(source)?;
        if regex.is_match("") {
            return Err(
                "正则表达式能匹配空文本，会在每个位置报告；请让它至少匹配一个字符".to_owned(),
            );
        }
        if never_matches(source) {
            return Err(
                "正则表达式永远匹配不到任何文本（例如空的字符类），这个模式没有作用".to_owned(),
            );
        }
        if group >= regex.captures_len() {
            return Err(format!(
                "`group: {group}` 超出了正则表达式的分组数（共 {} 个分组）",
                regex.captures_len() - 1
            ));
        }
        let id = self.regexes.len();
        self.regexes.push(CompiledRegex {
            regex,
            group,
            loose,
        });
        self.regex_ids.insert(key, id);
        Ok(PatternRef::Regex(id))
    }

    /// Builds the automaton.
    pub fn finish(self) -> Result<Matcher, String> {
        let literals = if self.literals.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                    .prefilter(false)
                    .build(&self.literals)
                    .map_err(|e| format!("无法构建字面模式的匹配自动机：{e}"))?,
            )
        };
        Ok(Matcher {
            literals,
            literal_count: self.literals.len(),
            literal_text: self.literals,
            regexes: self.regexes,
        })
    }
}

/// The compiled patterns of a run.
#[derive(Debug)]
pub(crate) struct Matcher {
    literals: Option<AhoCorasick>,
    literal_count: usize,
    literal_text: Vec<String>,
    regexes: Vec<CompiledRegex>,
}

impl Matcher {
    /// The distinct literals of the run, normalised as they are matched.
    pub fn literal_patterns(&self) -> &[String] {
        &self.literal_text
    }

    /// Finds every occurrence of every pattern in a document.
    pub fn scan(&self, document: &Document) -> Hits {
        let mut literal = vec![Vec::new(); self.literal_count];
        if let Some(ac) = &self.literals {
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
        let loose = document.loose();
        let regex = self
            .regexes
            .iter()
            .map(|compiled| {
                let haystack = if compiled.loose { loose.as_str() } else { text };
                let spans: Vec<Range<usize>> = if compiled.group == 0 {
                    compiled
                        .regex
                        .find_iter(haystack)
                        .map(|m| m.range())
                        .collect()
                } else {
                    compiled
                        .regex
                        .captures_iter(haystack)
                        .filter_map(|caps| caps.get(compiled.group).map(|m| m.range()))
                        .collect()
                };
                spans
                    .into_iter()
                    .filter(|span| !span.is_empty())
                    .map(|span| {
                        if compiled.loose {
                            loose.source_span(text, span)
                        } else {
                            span
                        }
                    })
                    .filter(|span| document.is_text(span))
                    .collect()
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
