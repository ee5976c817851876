//! `substitute`: every occurrence of a wrong form is a finding carrying its
//! right form as the replacement, unless it lies inside an occurrence of
//! `exceptions`. For a regex wrong form, `$1` or `${name}` in the right form
//! are filled from the match's groups. An occurrence that already reads as
//! its right form is not reported, so a regex may match the right form too.
//! A right form that would collide with the word next to the occurrence
//! ([`super::collision`]) is named in the label but carries no
//! replacement, so nothing writes it in.

use std::collections::HashMap;
use std::ops::Range;

use super::{ScopeRegions, correction, excepted, leftmost_longest};
use crate::document::Document;
use crate::finding::Finding;
use crate::matcher::{GroupCaptures, Hits, Matcher, PatternRef, PatternSet};
use crate::rules::{Replacement, Rule};

pub(super) fn check(
    rule: &Rule,
    document: &Document,
    hits: &Hits,
    scope: &ScopeRegions,
    replacements: &[Replacement],
    exceptions: Option<&PatternSet>,
    matcher: &Matcher,
) -> Vec<Finding> {
    let text = document.text();
    let found = replacements
        .iter()
        .flat_map(|r| hits.of(r.wrong).iter().map(move |span| (span.clone(), r)))
        .filter(|(span, _)| scope.contains(span))
        .filter(|(span, _)| exceptions.is_none_or(|e| !excepted(hits, e, span)))
        .collect();
    // Right forms with `$1` are filled from the groups of each match, found
    // in one pass over the text per replacement that needs it (not a search
    // from the line's start for each occurrence: a line may hold thousands).
    let mut expansions: HashMap<*const Replacement, HashMap<(usize, usize), String>> =
        HashMap::new();
    leftmost_longest(found)
        .into_iter()
        .filter_map(|(span, replacement)| {
            let matched = &text[span.clone()];
            let right = right_form(replacement, text, &span, matcher, &mut expansions);
            if matched == right {
                return None;
            }
            // A right form that would collide with the word next to the
            // match (全面国家安全日 → 全面全民…) is named, not offered as a
            // replacement: no fix, safe or suggested, writes it in.
            let collision = super::collision::collision(text, &span, &right);
            let label = match &collision {
                Some(next) => {
                    let side = if next.end <= span.start {
                        "前面"
                    } else {
                        "后面"
                    };
                    format!(
                        "应为“{right}”，连同{side}的“{}”一并核对（不自动改正）",
                        &text[next.clone()]
                    )
                }
                None => format!("应为“{right}”"),
            };
            let mut finding = correction(rule, span, matched, right, label);
            if collision.is_some() {
                finding.replacement = None;
            }
            if replacement.help.is_some() {
                finding.help.clone_from(&replacement.help);
            }
            if replacement.basis.is_some() {
                finding.basis.clone_from(&replacement.basis);
            }
            Some(finding)
        })
        .collect()
}

fn right_form(
    replacement: &Replacement,
    text: &str,
    span: &Range<usize>,
    matcher: &Matcher,
    expansions: &mut HashMap<*const Replacement, HashMap<(usize, usize), String>>,
) -> String {
    let PatternRef::Regex(id) = replacement.wrong else {
        return replacement.right.clone();
    };
    if !replacement.right.contains('$') {
        return replacement.right.clone();
    }
    let filled = expansions
        .entry(std::ptr::from_ref(replacement))
        .or_insert_with(|| expand_all(replacement, text, matcher, id));
    filled
        .get(&(span.start, span.end))
        .cloned()
        .unwrap_or_else(|| replacement.right.clone())
}

/// The right form for every occurrence of the replacement's regex in the
/// text (keyed by the occurrence's span), its groups filled in; the matches
/// are found as the matcher finds them.
fn expand_all(
    replacement: &Replacement,
    text: &str,
    matcher: &Matcher,
    id: usize,
) -> HashMap<(usize, usize), String> {
    let compiled = matcher.regex(id);
    let group = compiled.group;
    let mut out = HashMap::new();
    let Some(regex) = compiled.regex() else {
        return out;
    };
    let mut matches = GroupCaptures::new(regex, text, group, 0..text.len());
    while let Some(caps) = matches.next_match() {
        if let Some(occurrence) = caps.get_group(group) {
            let mut expanded = String::new();
            caps.interpolate_string_into(text, &replacement.right, &mut expanded);
            out.entry((occurrence.start, occurrence.end))
                .or_insert(expanded);
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::engine::{Engine, Input};
    use crate::pack::RuleSource;

    const PACK: &str = r#"
rules:
  - id: terms
    title: 用语
    kind: substitute
    message: “{match}”应为“{right}”
    help: 通用的建议。
    basis: 通用的依据。
    replacements:
      - wrong: 截止目前
        right: 截至目前
        help: &jiezhi 截至后面接时间。
        basis: 词典“截至”条
      - {wrong: 截止今年, right: 截至今年, help: *jiezhi}
      - {wrong: 布署, right: 部署}
"#;

    #[test]
    fn a_pair_carries_its_own_help_and_basis_and_falls_back_to_the_rules() {
        let engine = Engine::load(&[RuleSource::new("terms.yaml", PACK)]).unwrap();
        let text = "截止目前，截止今年，布署工作。";
        let checked = engine.check(&Input::new("a.txt", text.as_bytes())).unwrap();
        let got: Vec<(&str, Option<&str>, Option<&str>)> = checked
            .findings
            .iter()
            .filter(|f| f.rule == "terms")
            .map(|f| (&text[f.span.clone()], f.help.as_deref(), f.basis.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("截止目前", Some("截至后面接时间。"), Some("词典“截至”条")),
                ("截止今年", Some("截至后面接时间。"), Some("通用的依据。")),
                ("布署", Some("通用的建议。"), Some("通用的依据。")),
            ]
        );
    }
}
