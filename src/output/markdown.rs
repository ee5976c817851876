//! Markdown output: the table of rules that README.md shows (a test keeps
//! the README's copy current).

use std::io::{self, Write};

use fzlint_core::rules::Rule;

/// Escapes a table cell: pipes and line breaks would break the row.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\r', '\n'], " ")
}

/// Writes one table row per rule: id, kind, severity, what it checks, basis.
pub fn write_rules(out: &mut dyn Write, rules: &[Rule]) -> io::Result<()> {
    writeln!(out, "| id | kind | severity | checks | basis |")?;
    writeln!(out, "|---|---|---|---|---|")?;
    for rule in rules {
        let kind = match rule.builtin() {
            Some(check) => format!("builtin: {check}"),
            None => rule.kind().as_str().to_owned(),
        };
        let mut checks = cell(&rule.title);
        if !rule.when.is_empty() {
            let mut conditions = Vec::new();
            if let Some(min) = rule.when.year_min {
                conditions.push(format!("{min}年度及以后的报告"));
            }
            if let Some(max) = rule.when.year_max {
                conditions.push(format!("{max}年度及以前的报告"));
            }
            if let Some(kind) = rule.when.issuer_kind {
                conditions.push(
                    match kind {
                        fzlint_core::document::metadata::IssuerKind::Government => "政府的报告",
                        fzlint_core::document::metadata::IssuerKind::Department => "部门的报告",
                    }
                    .to_owned(),
                );
            }
            if !conditions.is_empty() {
                checks.push_str(&format!("（仅{}）", conditions.join("、")));
            }
        }
        writeln!(
            out,
            "| `{}` | {kind} | {} | {checks} | {} |",
            rule.id,
            rule.severity,
            cell(rule.basis.as_deref().unwrap_or(""))
        )?;
    }
    Ok(())
}
