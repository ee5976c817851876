//! Inline suppressions in Markdown reports:
//!
//! - `<!-- fzlint-disable RULE[,RULE…] -- reason -->` … `<!-- fzlint-enable -->`
//!   (no rule list: every rule; `fzlint-enable RULE` ends only that rule),
//! - `<!-- fzlint-disable-next-line RULE -->` (the next line with text),
//! - `<!-- fzlint-disable-file RULE -->`.
//!
//! In Word reports, a Word comment (by anyone but fzlint, whose own
//! comments `fzlint annotate` writes) whose text begins
//! `fzlint-disable RULE[,RULE…] -- reason` (full-width `，`、`、`、`：`、`——`
//! also) suppresses the findings of those rules that overlap the text it is
//! anchored on.
//!
//! A finding is suppressed when it starts in a region disabled for its rule
//! (for a Word comment: when it overlaps the commented text). A suppression
//! that suppresses nothing, or names a rule that does not exist, is itself
//! reported as `unused-suppression`, so that suppressions do not outlive
//! their reason. Plain-text reports cannot hold comments: their per-file
//! rule lists go in the config's `overrides`, and a suppression comment
//! written in one is reported (as `unused-suppression`, at info) rather
//! than silently ignored.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::document::{Document, Format};
use crate::finding::{Finding, Severity};

/// The id of the rule for suppressions that suppress nothing.
pub const UNUSED: &str = crate::rules::UNUSED_SUPPRESSION;

/// A Word comment that suppresses: `fzlint-disable`, the rule ids, then an
/// optional reason after `--`, `——` or `—`.
static WORD_DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*fzlint-disable(?:\s*[:：]\s*|\s+)([^\n]*?)\s*(?:(?:--|——|—)(.*))?$")
        .expect("constant regex")
});

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*fzlint-(disable-next-line|disable-file|disable|enable)\b([^>]*?)-->")
        .expect("constant regex")
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Disable,
    Enable,
    NextLine,
    File,
}

/// One suppression comment.
#[derive(Debug, Clone)]
struct Directive {
    kind: Kind,
    /// The rules it names (empty: all rules).
    rules: Vec<String>,
    /// The comment.
    span: Range<usize>,
}

/// A region in which some rules are suppressed, from one directive.
#[derive(Debug)]
struct Region {
    directive: usize,
    rules: Vec<String>,
    range: Range<usize>,
    /// A Word comment's: findings that overlap it are suppressed, not only
    /// those that start in it.
    overlap: bool,
}

/// The rule ids of a suppression's list.
fn rule_list(list: &str) -> Vec<String> {
    list.split([',', ' ', '，', '、', '\u{3000}'])
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The suppressions of a Word document: its comments (not fzlint's own)
/// that begin `fzlint-disable`, each a region over the commented text.
fn word_directives(document: &Document) -> Vec<Directive> {
    document
        .comments()
        .iter()
        .filter(|c| c.author != crate::document::docx::FZLINT_AUTHOR)
        .filter_map(|c| {
            let first = c.text.lines().next().unwrap_or("");
            let caps = WORD_DIRECTIVE.captures(first)?;
            Some(Directive {
                kind: Kind::Disable,
                rules: rule_list(caps.get(1).map_or("", |m| m.as_str())),
                span: c.range.clone(),
            })
        })
        .collect()
}

/// Parses the suppression comments of a Markdown document (none for plain
/// text).
fn directives(document: &Document) -> Vec<Directive> {
    if document.format() == Format::Docx {
        return word_directives(document);
    }
    if document.format() != Format::Markdown {
        return Vec::new();
    }
    let text = document.text();
    let mut out = Vec::new();
    for masked in document.masked() {
        for caps in DIRECTIVE.captures_iter(&text[masked.clone()]) {
            let (Some(whole), Some(kind), Some(rest)) = (caps.get(0), caps.get(1), caps.get(2))
            else {
                continue;
            };
            let kind = match kind.as_str() {
                "disable" => Kind::Disable,
                "enable" => Kind::Enable,
                "disable-next-line" => Kind::NextLine,
                _ => Kind::File,
            };
            // Rules come before an optional " -- reason".
            let list = rest.as_str().split(" --").next().unwrap_or("");
            let rules = list
                .split([',', ' ', '，'])
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_owned)
                .collect();
            out.push(Directive {
                kind,
                rules,
                span: masked.start + whole.start()..masked.start + whole.end(),
            });
        }
    }
    out
}

fn regions(document: &Document, directives: &[Directive]) -> Vec<Region> {
    let source = document.source();
    let end = document.text().len();
    let mut regions = Vec::new();
    let word = document.format() == Format::Docx;
    for (index, directive) in directives.iter().enumerate() {
        if word {
            regions.push(Region {
                directive: index,
                rules: directive.rules.clone(),
                range: directive.span.clone(),
                overlap: true,
            });
            continue;
        }
        let range = match directive.kind {
            Kind::Enable => continue,
            Kind::File => 0..end,
            Kind::Disable => {
                let stop = directives[index + 1..]
                    .iter()
                    .find(|later| {
                        later.kind == Kind::Enable
                            && (later.rules.is_empty()
                                || directive.rules.is_empty()
                                || directive.rules.iter().any(|r| later.rules.contains(r)))
                    })
                    .map_or(end, |later| later.span.start);
                directive.span.end..stop
            }
            Kind::NextLine => {
                let line = source.line_index(directive.span.end);
                let next = (line + 1..source.line_count())
                    .map(|l| source.line_range(l))
                    .find(|r| !document.text()[r.clone()].trim().is_empty());
                match next {
                    Some(range) => range,
                    None => continue,
                }
            }
        };
        regions.push(Region {
            directive: index,
            rules: directive.rules.clone(),
            range,
            overlap: false,
        });
    }
    regions
}

/// What a suppression comment's rule id refers to in this run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleState {
    /// No loaded rule has this id.
    Unknown,
    /// The rule exists but is disabled for this file.
    Disabled,
    /// The rule runs on this file.
    Enabled,
}

/// Removes the suppressed findings and adds an `unused-suppression` finding
/// for each directive that suppressed nothing or names an unknown rule.
/// `state` tells what a rule id refers to; `report_unused` whether the
/// `unused-suppression` rule is enabled for this file (and at what
/// severity). A directive whose rules are all disabled for the file is not
/// reported: the same report may be checked under another config (a
/// supervisor's) where they run.
pub fn apply(
    document: &Document,
    findings: Vec<Finding>,
    state: impl Fn(&str) -> RuleState,
    report_unused: Option<Severity>,
) -> Vec<Finding> {
    if document.format() == Format::Text {
        return with_plain_text_notices(document, findings, report_unused);
    }
    let directives = directives(document);
    if directives.is_empty() {
        return findings;
    }
    let regions = regions(document, &directives);
    let mut used = vec![false; directives.len()];
    let mut kept: Vec<Finding> = findings
        .into_iter()
        .filter(|finding| {
            let hit = regions.iter().find(|region| {
                let within = if region.overlap {
                    finding.span.start < region.range.end.max(region.range.start + 1)
                        && region.range.start < finding.span.end.max(finding.span.start + 1)
                } else {
                    region.range.contains(&finding.span.start)
                };
                within && (region.rules.is_empty() || region.rules.contains(&finding.rule))
            });
            if let Some(region) = hit {
                used[region.directive] = true;
            }
            hit.is_none()
        })
        .collect();
    let Some(severity) = report_unused else {
        return kept;
    };
    for (index, directive) in directives.iter().enumerate() {
        if directive.kind == Kind::Enable {
            continue;
        }
        let unknown: Vec<&str> = directive
            .rules
            .iter()
            .map(String::as_str)
            .filter(|r| state(r) == RuleState::Unknown)
            .collect();
        let all_disabled = !directive.rules.is_empty()
            && directive
                .rules
                .iter()
                .all(|r| state(r) == RuleState::Disabled);
        let message = if !unknown.is_empty() {
            format!("抑制注释中的规则 {} 不存在", quoted(&unknown))
        } else if !used[index] && !all_disabled {
            let what = if directive.rules.is_empty() {
                "任何规则".to_owned()
            } else {
                quoted(
                    &directive
                        .rules
                        .iter()
                        .map(String::as_str)
                        .collect::<Vec<_>>(),
                )
            };
            format!("抑制注释没有抑制{what}的任何问题，应删除")
        } else {
            continue;
        };
        kept.push(Finding {
            rule: UNUSED.to_owned(),
            severity,
            message,
            span: directive.span.clone(),
            label: String::new(),
            secondary: Vec::new(),
            help: Some(
                "删除这条抑制注释，或改正其中的规则 id；抑制注释应只留给确实需要例外的地方，并写明原因（`-- 原因`）。"
                    .to_owned(),
            ),
            basis: None,
            replacement: None,
        });
    }
    kept.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
    });
    kept
}

/// A plain-text report's suppression comments do nothing (plain text has no
/// comments): each is reported, at info, with where suppressions go.
fn with_plain_text_notices(
    document: &Document,
    mut findings: Vec<Finding>,
    report_unused: Option<Severity>,
) -> Vec<Finding> {
    if report_unused.is_none() {
        return findings;
    }
    let before = findings.len();
    for found in DIRECTIVE.find_iter(document.text()) {
        findings.push(Finding {
            rule: UNUSED.to_owned(),
            severity: Severity::Info,
            message: "纯文本报告中的抑制注释不生效".to_owned(),
            span: found.range(),
            label: String::new(),
            secondary: Vec::new(),
            help: Some(
                "纯文本没有注释：要为这份报告关闭规则，请在 .fzlint.yaml 的 overrides 中为它写 disable；或把报告写成 Markdown（.md），在其中用抑制注释；并删除这一行。"
                    .to_owned(),
            ),
            basis: None,
            replacement: None,
        });
    }
    if findings.len() > before {
        findings.sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
        });
    }
    findings
}

fn quoted(ids: &[&str]) -> String {
    ids.iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join("、")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::source::SourceFile;

    fn finding(rule: &str, at: usize) -> Finding {
        Finding {
            rule: rule.to_owned(),
            severity: Severity::Warning,
            message: String::new(),
            span: at..at + 1,
            label: String::new(),
            secondary: Vec::new(),
            help: None,
            basis: None,
            replacement: None,
        }
    }

    fn run(text: &str, findings: Vec<Finding>) -> Vec<(String, String)> {
        let document = Document::parse(SourceFile::new("t.md", text), Format::Markdown);
        apply(
            &document,
            findings,
            |r| match r.as_bytes().first() {
                Some(b'r') => RuleState::Enabled,
                Some(b'd') => RuleState::Disabled,
                _ => RuleState::Unknown,
            },
            Some(Severity::Warning),
        )
        .into_iter()
        .map(|f| (f.rule, f.message))
        .collect()
    }

    #[test]
    fn disable_until_enable() {
        let text = "甲\n<!-- fzlint-disable r1 -- 引用原文 -->\n乙\n<!-- fzlint-enable -->\n丙\n";
        let at = |s: &str| text.find(s).unwrap();
        let kept = run(
            text,
            vec![
                finding("r1", at("甲")),
                finding("r1", at("乙")),
                finding("r2", at("乙")),
                finding("r1", at("丙")),
            ],
        );
        let rules: Vec<&str> = kept.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(rules, vec!["r1", "r2", "r1"]);
    }

    #[test]
    fn next_line_and_file() {
        let text = "<!-- fzlint-disable-file r3 -->\n甲\n<!-- fzlint-disable-next-line r1,r2 -->\n\n乙\n丙\n";
        let at = |s: &str| text.find(s).unwrap();
        let kept = run(
            text,
            vec![
                finding("r1", at("乙")),
                finding("r2", at("乙")),
                finding("r1", at("丙")),
                finding("r3", at("甲")),
            ],
        );
        let rules: Vec<&str> = kept.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(rules, vec!["r1"]);
    }

    #[test]
    fn unused_and_unknown_suppressions_are_reported() {
        let text =
            "甲\n<!-- fzlint-disable-next-line r1 -->\n乙\n<!-- fzlint-disable-file x9 -->\n";
        let kept = run(text, Vec::new());
        assert_eq!(kept.len(), 2);
        assert_eq!(kept[0].0, UNUSED);
        assert!(kept[0].1.contains("没有抑制`r1`"), "{}", kept[0].1);
        assert!(kept[1].1.contains("`x9` 不存在"), "{}", kept[1].1);
    }

    #[test]
    fn suppressions_of_disabled_rules_are_not_unused() {
        // d1 is disabled for this file: its comment is kept quietly. A
        // comment naming an enabled rule as well is still checked.
        let text =
            "<!-- fzlint-disable-file d1 -->\n甲\n<!-- fzlint-disable-next-line d1,r1 -->\n乙\n";
        let kept = run(text, Vec::new());
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert!(kept[0].1.contains("没有抑制`d1`、`r1`"), "{}", kept[0].1);
    }

    #[test]
    fn word_comment_directives_in_ascii_and_full_width() {
        let parse = |text: &str| {
            WORD_DIRECTIVE
                .captures(text)
                .map(|c| rule_list(c.get(1).map_or("", |m| m.as_str())))
        };
        assert_eq!(
            parse("fzlint-disable a -- 理由"),
            Some(vec!["a".to_owned()])
        );
        assert_eq!(
            parse("  fzlint-disable a,b c -- 理由"),
            Some(vec!["a".to_owned(), "b".to_owned(), "c".to_owned()])
        );
        assert_eq!(
            parse("fzlint-disable：a、b，c——理由"),
            Some(vec!["a".to_owned(), "b".to_owned(), "c".to_owned()])
        );
        assert_eq!(parse("fzlint-disable a"), Some(vec!["a".to_owned()]));
        assert_eq!(parse("fzlint-disable -- 全部"), Some(Vec::new()));
        assert_eq!(parse("fzlint-disable-next-line a"), None);
        assert_eq!(parse("请核实 fzlint-disable a"), None);
    }

    #[test]
    fn plain_text_has_no_suppressions_and_says_so() {
        let text = "<!-- fzlint-disable-file r1 -- 理由 -->\n甲\n";
        let document = Document::parse(SourceFile::new("t.txt", text), Format::Text);
        let kept = apply(
            &document,
            vec![finding("r1", 40)],
            |_| RuleState::Enabled,
            Some(Severity::Warning),
        );
        // The finding stays; the comment is reported, at info.
        assert_eq!(kept.len(), 2, "{kept:?}");
        assert_eq!(kept[0].rule, UNUSED);
        assert_eq!(kept[0].severity, Severity::Info);
        assert_eq!(kept[0].span, 0..text.find('\n').unwrap());
        assert!(kept[0].help.as_deref().unwrap().contains("overrides"));
        assert_eq!(kept[1].rule, "r1");
        // Not when unused-suppression is disabled.
        let kept = apply(
            &document,
            vec![finding("r1", 40)],
            |_| RuleState::Enabled,
            None,
        );
        assert_eq!(kept.len(), 1);
    }
}
