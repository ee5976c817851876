//! A Markdown summary of a run, fit for `$GITHUB_STEP_SUMMARY` or a memo:
//! the totals, a table per file and a table per rule.

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::output::words;
use crate::report::{Outcome, Run};
use fzlint_core::finding::Severity;

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\r', '\n'], " ")
}

/// Writes a run's summary as Markdown.
pub fn write(out: &mut dyn Write, run: &Run<'_>) -> io::Result<()> {
    let s = run.summary;
    // fzlint's mark: a folder walk passes this file over next time.
    writeln!(out, "<!-- {} -->", fzlint_core::document::genre::GENERATED)?;
    writeln!(out, "## fzlint")?;
    writeln!(out)?;
    writeln!(
        out,
        "检查了 {} 个文件：{} 个错误、{} 个警告、{} 个提示{}。",
        s.files - s.failed,
        s.errors,
        s.warnings,
        s.infos,
        if s.failed > 0 {
            format!("；{} 个文件无法读取", s.failed)
        } else {
            String::new()
        }
    )?;
    writeln!(out)?;
    writeln!(out, "| 文件 | 错误 | 警告 | 提示 |")?;
    writeln!(out, "|---|---:|---:|---:|")?;
    let mut per_rule: BTreeMap<&str, (usize, Severity)> = BTreeMap::new();
    for result in run.results {
        match &result.outcome {
            Outcome::Checked { findings, .. } => {
                let count = |level| findings.iter().filter(|f| f.severity == level).count();
                writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    cell(&result.path),
                    count(Severity::Error),
                    count(Severity::Warning),
                    count(Severity::Info)
                )?;
                for finding in findings {
                    let entry = per_rule
                        .entry(&finding.rule)
                        .or_insert((0, finding.severity));
                    entry.0 += 1;
                    entry.1 = entry.1.max(finding.severity);
                }
            }
            Outcome::Skipped(skip) => {
                writeln!(
                    out,
                    "| {} | 已跳过：{} | | |",
                    cell(&result.path),
                    cell(skip.message())
                )?;
            }
            Outcome::Failed(err) => {
                writeln!(
                    out,
                    "| {} | 无法读取：{} | | |",
                    cell(&result.path),
                    cell(&words::input_error(err))
                )?;
            }
        }
    }
    if per_rule.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "| 规则 | 严重程度 | 次数 | 说明 |")?;
    writeln!(out, "|---|---|---:|---|")?;
    let mut rows: Vec<(&str, (usize, Severity))> = per_rule.into_iter().collect();
    rows.sort_by(|a, b| (b.1.1, b.1.0).cmp(&(a.1.1, a.1.0)).then(a.0.cmp(b.0)));
    for (rule, (count, severity)) in rows {
        let title = run.rules.get(rule).map_or("", |r| r.title.as_str());
        writeln!(out, "| `{rule}` | {severity} | {count} | {} |", cell(title))?;
    }
    Ok(())
}
