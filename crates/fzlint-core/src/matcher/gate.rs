//! Required literals of a regex: a small set of strings one of which occurs
//! in every match. The matcher adds them to its single literal scan of a
//! document and runs (and, the first time, compiles) a regex only when one
//! of them was seen — most rules' regexes look for terms most reports never
//! contain, so most documents skip most regexes.
//!
//! The analysis walks the regex's syntax tree: a literal, a small class or
//! a fixed repetition is an *exact* set of strings; adjacent exact parts of
//! a concatenation multiply into longer strings; an alternation unions its
//! branches; anything that may match arbitrary or empty text breaks a run.
//! The best candidate is the set whose shortest string is longest.

use regex_syntax::hir::{Class, Hir, HirKind};

/// Above this many strings a set is not worth tracking (two digits and a
/// character, `[0-3][0-9]年`, are 40).
const MAX_SET: usize = 64;
/// A class of at most this many characters is expanded (the ten digits).
const MAX_CLASS: u32 = 10;

/// What is known of the text a part of a regex matches.
enum Known {
    /// It matches exactly one of these strings.
    Exact(Vec<String>),
    /// Every match contains one of these (non-empty) strings.
    Required(Vec<String>),
}

/// Strings one of which occurs in every match of `hir`, each at least
/// `min_chars` characters long; `None` when no such small set is known.
pub(crate) fn required_literals(hir: &Hir, min_chars: usize) -> Option<Vec<String>> {
    let set = match analyse(hir)? {
        Known::Exact(set) | Known::Required(set) => set,
    };
    let useful = !set.is_empty() && set.iter().all(|s| s.chars().count() >= min_chars);
    useful.then_some(set)
}

fn analyse(hir: &Hir) -> Option<Known> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(Known::Exact(vec![String::new()])),
        HirKind::Literal(literal) => {
            let text = std::str::from_utf8(&literal.0).ok()?;
            Some(Known::Exact(vec![text.to_owned()]))
        }
        HirKind::Class(Class::Unicode(class)) => {
            let count: u32 = class
                .iter()
                .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
                .sum();
            if count > MAX_CLASS {
                return None;
            }
            let chars = class
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .map(String::from)
                .collect();
            Some(Known::Exact(chars))
        }
        HirKind::Class(Class::Bytes(_)) => None,
        HirKind::Capture(capture) => analyse(&capture.sub),
        HirKind::Repetition(repetition) => {
            if repetition.min == 0 {
                return None;
            }
            match analyse(&repetition.sub)? {
                // `x{n}` is n copies; `x{n,}` and `x{n,m}` start with them.
                Known::Exact(set) => {
                    let mut product = vec![String::new()];
                    for _ in 0..repetition.min {
                        match multiply(&product, &set) {
                            Some(longer) => product = longer,
                            None if repetition.max == Some(repetition.min) => return None,
                            None => break,
                        }
                    }
                    if repetition.max == Some(repetition.min) {
                        Some(Known::Exact(product))
                    } else {
                        required(product)
                    }
                }
                Known::Required(set) => required(set),
            }
        }
        HirKind::Concat(parts) => concat(parts),
        HirKind::Alternation(branches) => {
            let mut union = Vec::new();
            let mut exact = true;
            for branch in branches {
                match analyse(branch)? {
                    Known::Exact(set) => union.extend(set),
                    Known::Required(set) => {
                        exact = false;
                        union.extend(set);
                    }
                }
            }
            union.sort();
            union.dedup();
            if union.len() > MAX_SET {
                return None;
            }
            if exact {
                Some(Known::Exact(union))
            } else {
                required(union)
            }
        }
    }
}

/// A concatenation: runs of exact parts multiply; the best run or required
/// part is what every match must contain.
fn concat(parts: &[Hir]) -> Option<Known> {
    let mut best: Option<Vec<String>> = None;
    let mut run: Option<Vec<String>> = Some(vec![String::new()]);
    let mut all_exact = true;
    let offer = |set: Vec<String>, best: &mut Option<Vec<String>>| {
        if set.iter().any(String::is_empty) {
            return;
        }
        if best.as_ref().is_none_or(|b| better(&set, b)) {
            *best = Some(set);
        }
    };
    for part in parts {
        match analyse(part) {
            Some(Known::Exact(set)) => {
                let joined = run.as_ref().and_then(|r| multiply(r, &set));
                run = match joined {
                    Some(joined) => Some(joined),
                    None => {
                        all_exact = false;
                        if let Some(previous) = run.take() {
                            offer(previous, &mut best);
                        }
                        Some(set)
                    }
                };
            }
            Some(Known::Required(set)) => {
                all_exact = false;
                if let Some(previous) = run.take() {
                    offer(previous, &mut best);
                }
                offer(set, &mut best);
                run = Some(vec![String::new()]);
            }
            None => {
                all_exact = false;
                if let Some(previous) = run.take() {
                    offer(previous, &mut best);
                }
                run = Some(vec![String::new()]);
            }
        }
    }
    if all_exact {
        return run.map(Known::Exact);
    }
    if let Some(previous) = run {
        offer(previous, &mut best);
    }
    best.map(Known::Required)
}

fn required(set: Vec<String>) -> Option<Known> {
    (!set.iter().any(String::is_empty)).then_some(Known::Required(set))
}

/// Every string of `a` followed by every string of `b`, unless too many.
fn multiply(a: &[String], b: &[String]) -> Option<Vec<String>> {
    if a.len() * b.len() > MAX_SET {
        return None;
    }
    let mut out: Vec<String> = a
        .iter()
        .flat_map(|x| b.iter().map(move |y| format!("{x}{y}")))
        .collect();
    out.sort();
    out.dedup();
    Some(out)
}

/// Whether `a` is a more selective requirement than `b`: its shortest
/// string is longer, or as long with fewer strings.
fn better(a: &[String], b: &[String]) -> bool {
    let shortest = |set: &[String]| set.iter().map(|s| s.chars().count()).min().unwrap_or(0);
    (shortest(a), std::cmp::Reverse(a.len())) > (shortest(b), std::cmp::Reverse(b.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate(regex: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::ParserBuilder::new()
            .crlf(true)
            .build()
            .parse(regex)
            .expect("test regex");
        required_literals(&hir, 2)
    }

    fn set(items: &[&str]) -> Option<Vec<String>> {
        let mut v: Vec<String> = items.iter().map(|s| (*s).to_owned()).collect();
        v.sort();
        Some(v)
    }

    #[test]
    fn literals_alternations_and_classes() {
        assert_eq!(gate("第一责任人"), set(&["第一责任人"]));
        assert_eq!(
            gate("(主要负责(人|同志)|党组书记)[^。；\\n]{0,30}第一责任人"),
            set(&["第一责任人"])
        );
        assert_eq!(gate("法[制治]宣传日"), set(&["法制宣传日", "法治宣传日"]));
        assert_eq!(gate("(述职|年终)述法"), set(&["年终述法", "述职述法"]));
        assert_eq!(gate("评查|执法[^。]{0,6}监督"), set(&["执法", "评查"]));
    }

    #[test]
    fn repetitions_and_digits() {
        assert_eq!(gate("\\*{2,}|＊{2,}"), set(&["**", "＊＊"]));
        assert_eq!(gate("□{2,}"), set(&["□□"]));
        let xx = gate("(?:^|[^A-Za-z])([XxＸｘ×]{2,})(?:[^A-Za-z]|$)").expect("a gate");
        assert_eq!(xx.len(), 25);
        assert!(xx.contains(&"XX".to_owned()) && xx.contains(&"ｘ×".to_owned()));
        let year = gate("(?:^|[^0-9])([0-3][0-9])年(?:度|底)").expect("a gate");
        assert_eq!(year.len(), 40);
        assert!(year.contains(&"22年".to_owned()) && year.contains(&"39年".to_owned()));
        // One character repeated is still one character.
        assert_eq!(gate("[0-9]{1,}年?"), None);
    }

    #[test]
    fn what_may_match_anything_gives_no_gate() {
        // A wide class, an optional part, a one-character requirement.
        assert_eq!(gate("[^。]{2,}"), None);
        assert_eq!(gate("(?:第一)?责"), None);
        assert_eq!(gate("[0-9]{4}年"), None);
        // A branch without literals makes the alternation unknown.
        assert_eq!(gate("第一责任人|[0-9]+"), None);
    }

    #[test]
    fn case_insensitive_and_anchored_words() {
        let todo = gate("(?mi)(?:^|[^A-Za-z])(todo|tbd)(?:[^A-Za-z]|$)").expect("a gate");
        assert!(
            todo.contains(&"TODO".to_owned()) || todo.len() > 1,
            "{todo:?}"
        );
        assert!(todo.iter().all(|s| s.chars().count() >= 2));
    }
}
