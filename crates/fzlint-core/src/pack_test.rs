//! Testing rule packs (`fzlint rules test`): every rule's `examples` (a
//! `pass` example must produce no finding of the rule, a `fail` example at
//! least one), and annotated fixture reports in the pack's `tests/` folder.
//!
//! A `substitute` rule's `fail` examples are fix examples too: every finding
//! of the rule carries a replacement, and writing them in (as `check --fix`
//! does, [`crate::fix::apply`]) gives a text on which the rule reports
//! nothing, with each right form where its wrong one was and nothing
//! doubled at its edges (全民全民, 全国全国, …日日).
//!
//! In a fixture, a line `<!-- expect: RULE[, RULE…] -->` says that a finding
//! of RULE starts on the next line with text; `<!-- ok: RULE -->` that none
//! does. A finding of a rule the fixture annotates, on a line no annotation
//! expects it, is a failure too (a false positive).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::document::{Document, Format};
use crate::engine::Engine;
use crate::fix::{self, Edit};
use crate::rules::{Kind, Rule};
use crate::text::source::SourceFile;

/// An annotated fixture report.
#[derive(Debug, Clone)]
pub struct Fixture {
    /// Its display name.
    pub name: String,
    /// Its text.
    pub text: String,
}

/// The results for one rule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleResult {
    /// Examples that behaved as documented.
    pub examples_passed: usize,
    /// All examples.
    pub examples: usize,
    /// Fixture annotations (and unannotated findings) that held.
    pub fixtures_passed: usize,
    /// All fixture checks.
    pub fixtures: usize,
    /// What went wrong, one line each.
    pub failures: Vec<String>,
}

impl RuleResult {
    /// Whether everything passed.
    pub fn ok(&self) -> bool {
        self.failures.is_empty()
    }
}

static ANNOTATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*(expect|ok)\s*:\s*([A-Za-z0-9_, -]+?)\s*-->").expect("constant regex")
});

/// Runs the examples of every rule and the fixtures; results by rule id, in
/// rule order.
pub fn run(engine: &Engine, fixtures: &[Fixture]) -> Vec<(String, RuleResult)> {
    let rules = engine.rules();
    let mut results: BTreeMap<&str, RuleResult> = BTreeMap::new();
    for rule in rules.rules() {
        let result = results.entry(&rule.id).or_default();
        for (should_fire, texts) in [(false, &rule.examples.pass), (true, &rule.examples.fail)] {
            for text in texts {
                result.examples += 1;
                let document =
                    Document::parse(SourceFile::new("example", text.as_str()), Format::Text);
                let fired = engine
                    .check_document(document)
                    .findings
                    .iter()
                    .any(|f| f.rule == rule.id);
                if fired == should_fire {
                    let fixed = match should_fire && rule.kind() == Kind::Substitute {
                        true => fix_example(engine, rule, text),
                        false => Ok(()),
                    };
                    match fixed {
                        Ok(()) => result.examples_passed += 1,
                        Err(failure) => result.failures.push(failure),
                    }
                } else if should_fire {
                    result
                        .failures
                        .push(format!("fail 例子没有报告问题：{}", one_line(text)));
                } else {
                    result
                        .failures
                        .push(format!("pass 例子报告了问题：{}", one_line(text)));
                }
            }
        }
    }
    for fixture in fixtures {
        check_fixture(engine, fixture, &mut results);
    }
    rules
        .rules()
        .iter()
        .filter_map(|r| results.remove(r.id.as_str()).map(|res| (r.id.clone(), res)))
        .collect()
}

fn check_example(engine: &Engine, text: &str) -> Vec<crate::finding::Finding> {
    let document = Document::parse(SourceFile::new("example", text), Format::Text);
    engine.check_document(document).findings
}

/// A `substitute` rule's fail example as a fix example: its findings'
/// replacements, written in, leave nothing for the rule to report, and
/// nothing doubled at the edges of a replacement that was not so before.
fn fix_example(engine: &Engine, rule: &Rule, text: &str) -> Result<(), String> {
    let findings = check_example(engine, text);
    let mut edits = Vec::new();
    for finding in findings.iter().filter(|f| f.rule == rule.id) {
        let Some(right) = &finding.replacement else {
            return Err(format!(
                "fail 例子不能改正：{}（{}）",
                one_line(text),
                finding.label
            ));
        };
        edits.push(Edit {
            span: finding.span.clone(),
            replacement: right.clone(),
            rule: rule.id.clone(),
        });
    }
    let edits = fix::non_overlapping(edits);
    let fixed = fix::apply(text, &edits);
    if check_example(engine, &fixed)
        .iter()
        .any(|f| f.rule == rule.id)
    {
        return Err(format!("fail 例子改正后仍报告问题：{}", one_line(&fixed)));
    }
    let mut shift = 0isize;
    for edit in &edits {
        let start = edit.span.start.saturating_add_signed(shift);
        shift += edit.replacement.len() as isize - edit.span.len() as isize;
        let at = start..start + edit.replacement.len();
        if fixed.get(at.clone()) != Some(edit.replacement.as_str()) {
            return Err(format!(
                "fail 例子改正后“{}”不在原处：{}",
                edit.replacement,
                one_line(&fixed)
            ));
        }
        let was = doubled(text, &edit.span, &text[edit.span.clone()]);
        if let Some(twice) =
            doubled(&fixed, &at, &edit.replacement).filter(|d| Some(d) != was.as_ref())
        {
            return Err(format!(
                "fail 例子改正后有重复的“{twice}”：{}",
                one_line(&fixed)
            ));
        }
    }
    Ok(())
}

/// A piece of one or two characters at an edge of `text[at]` that the text
/// next to it repeats (全民 before 全民国家…, 日 after …日).
fn doubled(text: &str, at: &std::ops::Range<usize>, inside: &str) -> Option<String> {
    let before = &text[..at.start];
    let after = &text[at.end..];
    (1..=2).find_map(|n| {
        let head: String = inside.chars().take(n).collect();
        let tail: String = {
            let mut t: Vec<char> = inside.chars().rev().take(n).collect();
            t.reverse();
            t.into_iter().collect()
        };
        let full = head.chars().count() == n && inside.chars().count() > n;
        if full && before.ends_with(&head) {
            Some(head)
        } else if full && after.starts_with(&tail) {
            Some(tail)
        } else {
            None
        }
    })
}

fn one_line(text: &str) -> String {
    let line: String = text.replace('\n', "⏎");
    if line.chars().count() > 40 {
        format!("{}…", line.chars().take(40).collect::<String>())
    } else {
        line
    }
}

fn check_fixture(engine: &Engine, fixture: &Fixture, results: &mut BTreeMap<&str, RuleResult>) {
    let format = if fixture.name.ends_with(".md") || fixture.name.ends_with(".markdown") {
        Format::Markdown
    } else {
        Format::Text
    };
    let document = Document::parse(
        SourceFile::new(fixture.name.clone(), fixture.text.clone()),
        format,
    );
    let source = document.source();
    // (rule, line) → whether a finding is expected there.
    let mut wanted: BTreeMap<(String, usize), bool> = BTreeMap::new();
    for (index, range) in source.lines().enumerate() {
        let line = &document.text()[range];
        for caps in ANNOTATION.captures_iter(line) {
            let (Some(kind), Some(ids)) = (caps.get(1), caps.get(2)) else {
                continue;
            };
            let target = (index + 1..source.line_count()).find(|&l| {
                let text = &document.text()[source.line_range(l)];
                !text.trim().is_empty() && !ANNOTATION.is_match(text)
            });
            for id in ids
                .as_str()
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                if let Some(target) = target {
                    wanted.insert((id.to_owned(), target + 1), kind.as_str() == "expect");
                }
            }
        }
    }
    let checked = engine.check_document(document);
    let source = checked.document.source();
    let mut found: BTreeMap<(String, usize), usize> = BTreeMap::new();
    for finding in &checked.findings {
        let line = source.position(finding.span.start).line;
        *found.entry((finding.rule.clone(), line)).or_default() += 1;
    }
    for ((rule, line), expected) in &wanted {
        let Some(result) = results.get_mut(rule.as_str()) else {
            if let Some(first) = results.values_mut().next() {
                first.failures.push(format!(
                    "{}:{line}: 注释中的规则 `{rule}` 不存在",
                    fixture.name
                ));
            }
            continue;
        };
        result.fixtures += 1;
        let present = found.contains_key(&(rule.clone(), *line));
        if present == *expected {
            result.fixtures_passed += 1;
        } else if *expected {
            result.failures.push(format!(
                "{}:{line}: 应有 `{rule}` 的问题，实际没有",
                fixture.name
            ));
        } else {
            result.failures.push(format!(
                "{}:{line}: 不应有 `{rule}` 的问题，实际有",
                fixture.name
            ));
        }
    }
    // Findings of annotated rules where nothing was expected.
    let annotated: Vec<&str> = wanted.keys().map(|(r, _)| r.as_str()).collect();
    for (rule, line) in found.keys() {
        if annotated.contains(&rule.as_str())
            && !wanted.contains_key(&(rule.clone(), *line))
            && let Some(result) = results.get_mut(rule.as_str())
        {
            result.fixtures += 1;
            result
                .failures
                .push(format!("{}:{line}: 有未标注的 `{rule}` 问题", fixture.name));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::RuleSource;

    const PACK: &str = "rules:\n  - id: no-xx\n    title: t\n    kind: forbid\n    message: m\n    patterns: [{regex: 'XX'}]\n    examples: {pass: [甲], fail: [XX县]}\n  - id: broken\n    title: t\n    kind: forbid\n    message: m\n    patterns: [乙]\n    examples: {pass: [乙], fail: [丙]}\n";

    fn rules() -> Engine {
        Engine::load(&[RuleSource::new("p.yaml", PACK)]).unwrap()
    }

    #[test]
    fn examples_are_run() {
        let results = run(&rules(), &[]);
        let (id, ok) = &results[0];
        assert_eq!(id, "no-xx");
        assert!(ok.ok() && ok.examples == 2 && ok.examples_passed == 2);
        let (_, broken) = &results[1];
        assert_eq!(broken.failures.len(), 2, "{:?}", broken.failures);
    }

    const FIXES: &str = "rules:\n  - id: day\n    title: t\n    kind: substitute\n    message: m\n    replacements:\n      - {wrong: 国家安全日, right: 全民国家安全教育日}\n      - {wrong: 科技工作者节, right: 全国科技工作者日}\n      - {wrong: 乙, right: 乙乙}\n    examples:\n      pass: [甲]\n      fail: [在国家安全日开展宣传。, 开展全面国家安全日宣传。, 庆祝科技工作者节日。, 庆祝科技工作者节。, 丙乙丁]\n";

    #[test]
    fn substitute_fail_examples_are_fix_examples() {
        let engine = Engine::load(&[RuleSource::new("p.yaml", FIXES)]).unwrap();
        let results = run(&engine, &[]);
        let (_, day) = &results[0];
        assert_eq!((day.examples, day.examples_passed), (6, 3));
        assert_eq!(
            day.failures,
            [
                // 全面 + 全民国家安全教育日: no replacement is offered.
                "fail 例子不能改正：开展全面国家安全日宣传。（应为“全民国家安全教育日”，连同前面的“全面”一并核对（不自动改正））",
                // The 日 of 节日 is left over.
                "fail 例子改正后有重复的“日”：庆祝全国科技工作者日日。",
                // The right form holds the wrong one.
                "fail 例子改正后仍报告问题：丙乙乙丁",
            ]
        );
    }

    #[test]
    fn annotated_fixtures() {
        let text = "标题\n<!-- expect: no-xx -->\n\n办理XX件。\n<!-- ok: no-xx -->\n办理5件。\n又有XX项。\n<!-- expect: no-xx -->\n没有问题的一行。\n";
        let results = run(
            &rules(),
            &[Fixture {
                name: "t.txt".to_owned(),
                text: text.to_owned(),
            }],
        );
        let (_, result) = &results[0];
        assert_eq!(result.fixtures, 4);
        assert_eq!(result.fixtures_passed, 2);
        assert_eq!(
            result.failures,
            vec![
                "t.txt:9: 应有 `no-xx` 的问题，实际没有".to_owned(),
                "t.txt:7: 有未标注的 `no-xx` 问题".to_owned(),
            ]
        );
    }
}
