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
    writeln!(
        out,
        "| id | kind | severity | report years | checks | basis |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|")?;
    for rule in rules {
        let kind = match rule.builtin() {
            Some(check) => format!("builtin: {check}"),
            None => rule.kind().as_str().to_owned(),
        };
        let mut checks = cell(&rule.title);
        if !rule.when.is_empty() {
            let mut conditions = Vec::new();
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
        let mut years = super::words::report_years(rule).unwrap_or_else(|| "all".to_owned());
        if rule.documents.by_year() {
            // What it says or checks depends on the documents table.
            years.push_str(" (by year)");
        }
        writeln!(
            out,
            "| `{}` | {kind} | {} | {years} | {checks} | {} |",
            rule.id,
            rule.severity,
            cell(&rule.full_basis().unwrap_or_default())
        )?;
    }
    Ok(())
}
