//! `document-years`: the year range in a cited document's title is
//! possible and right. In 《name（A—B年）》 (any dash, or none):
//! - a name the pack's table knows (`named:`) with years none of its
//!   documents of that name has: the known years (《…第八个五年规划
//!   （2025—2025年）》 → 2021—2025);
//! - an end before the start (2025—2021);
//! - a plan whose name gives its length (五年规划, 三年行动计划) spanning
//!   another number of years.

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use regex::Regex;

use super::super::{ScopeRegions, at_match, correction};
use super::Spec;
use crate::document::Document;
use crate::finding::Finding;
use crate::rules::template::Placeholder::{Match, Right};
use crate::rules::{KnownDocument, Rule};

/// The check, as the registry and rule files know it.
pub(super) const SPEC: Spec = Spec {
    name: "document-years",
    summary: "the year range in a cited document's title is possible and, for a document the pack's table knows, right",
    needs: &[],
    allows: &[],
    placeholders: &[Match, Right],
    needs_sections: false,
};

/// A year range closing a title: （A—B年）》, any dash or none; groups:
/// the range, A, B. The title's name is found by walking back from it to
/// its opening mark (a regex that began at the mark would need a bounded
/// repetition of a multi-byte class, slow over a whole report).
static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[（(]\s*(((?:19|20)[0-9]{2})\s*年?\s*[—–\-－~～至到]?\s*((?:19|20)[0-9]{2}))\s*年?\s*[）)]\s*[》〉]",
    )
    .expect("constant regex")
});

/// The longest title name looked at, in characters.
const LONGEST_TITLE: usize = 80;

/// The name of the title whose year range starts at `at`: the text from
/// its opening mark, on the same line and at most [`LONGEST_TITLE`]
/// characters back.
fn name_before(text: &str, at: usize) -> Option<&str> {
    let before = &text[..at];
    let (open, mark) = before
        .char_indices()
        .rev()
        .take(LONGEST_TITLE + 1)
        .find(|(_, c)| matches!(c, '《' | '〈' | '》' | '〉' | '\n'))?;
    matches!(mark, '《' | '〈').then(|| &before[open + mark.len_utf8()..])
}

/// A plan's length in its name: 五年规划, 三年行动计划, 第八个五年规划.
static LENGTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([一两二三四五六七八九十])年(?:规划|计划|行动计划|行动方案|攻坚行动|实施方案)")
        .expect("constant regex")
});

/// Compiles the check's regexes (see [`super::Builtin::warm_up`]).
pub(super) fn warm_up() {
    LazyLock::force(&RANGE);
    LazyLock::force(&LENGTH);
}

pub(super) fn check(
    rule: &Rule,
    document: &Document,
    scope: &ScopeRegions,
    documents: &[Arc<KnownDocument>],
) -> Vec<Finding> {
    let text = document.text();
    let mut findings = Vec::new();
    for caps in RANGE.captures_iter(text) {
        let (Some(whole), Some(range), Some(a), Some(b)) =
            (caps.get(0), caps.get(1), caps.get(2), caps.get(3))
        else {
            continue;
        };
        let Some(name) = name_before(text, whole.start()) else {
            continue;
        };
        let span: Range<usize> = range.range();
        if !scope.contains(&span) || !document.is_text(&span) {
            continue;
        }
        let (Ok(from), Ok(to)) = (a.as_str().parse::<u32>(), b.as_str().parse::<u32>()) else {
            continue;
        };
        let name = name.trim();
        let matched = range.as_str();
        if let Some(found) = known_years(name, (from, to), documents) {
            findings.push(found.finding(rule, span, matched));
            continue;
        }
        if to < from {
            let label = format!("结束年份{to}年早于开始年份{from}年");
            findings.push(at_match(rule, span, matched, "", label));
            continue;
        }
        if let Some(length) = LENGTH
            .captures(name)
            .and_then(|c| c.get(1))
            .and_then(|m| number(m.as_str()))
            && to - from + 1 != length
        {
            let label = format!(
                "{}年的规划，这里跨{}年",
                chinese_digit(length),
                to - from + 1
            );
            findings.push(at_match(rule, span, matched, "", label));
        }
    }
    findings
}

/// What the table says about a title's years.
enum Known {
    /// One document of that name: its years.
    One(Arc<KnownDocument>, (u32, u32)),
    /// Several: the years each has.
    Several(Vec<(u32, u32)>),
}

impl Known {
    fn finding(&self, rule: &Rule, span: Range<usize>, matched: &str) -> Finding {
        match self {
            Known::One(document, (from, to)) => {
                let right = format!("{from}—{to}");
                let label = format!("{}是{right}年", document.quoted());
                let mut f = correction(rule, span, matched, right, label);
                f.basis = Some(document.cite());
                f
            }
            Known::Several(years) => {
                let known: Vec<String> = years.iter().map(|(a, b)| format!("{a}—{b}年")).collect();
                let label = format!("这一名称的文件有{}", known.join("、"));
                at_match(rule, span, matched, "", label)
            }
        }
    }
}

/// `None` when no document of the table has this name, or one of them has
/// these years.
fn known_years(name: &str, years: (u32, u32), documents: &[Arc<KnownDocument>]) -> Option<Known> {
    let named: Vec<&Arc<KnownDocument>> = documents.iter().filter(|d| d.is_named(name)).collect();
    if named.is_empty() || named.iter().any(|d| d.title_years == Some(years)) {
        return None;
    }
    let known: Vec<(u32, u32)> = named.iter().filter_map(|d| d.title_years).collect();
    match named[..] {
        [one] => Some(Known::One(Arc::clone(one), one.title_years?)),
        _ => {
            // The one that shares a year, if only one does.
            let sharing: Vec<&&Arc<KnownDocument>> = named
                .iter()
                .filter(|d| {
                    d.title_years
                        .is_some_and(|(a, b)| a == years.0 || b == years.1)
                })
                .collect();
            match sharing[..] {
                [one] => Some(Known::One(Arc::clone(one), one.title_years?)),
                _ => Some(Known::Several(known)),
            }
        }
    }
}

fn number(digit: &str) -> Option<u32> {
    if digit.starts_with('两') {
        return Some(2);
    }
    "一二三四五六七八九十"
        .chars()
        .position(|c| digit.starts_with(c))
        .map(|i| i as u32 + 1)
}

fn chinese_digit(length: u32) -> char {
    "一二三四五六七八九十"
        .chars()
        .nth(length as usize - 1)
        .unwrap_or('几')
}
