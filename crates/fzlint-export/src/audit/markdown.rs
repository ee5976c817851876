//! The audit as Markdown, for a memo or a repository's summary page: the
//! matrix with a totals row, the similar reports (in clusters, with the
//! pairs between clusters), and the unreadable files.

use std::io::{self, Write};

use super::{
    TIMELINESS_LEGEND, cluster_heading, clusters_summary, kind_word, line_range, lines_word, pairs,
    passage_reach, passage_text, percent, place_word, summary, verdict_cell,
};
use crate::ErrorWords;
use crate::words::Mark;
use fzlint_core::audit::Audit;
use fzlint_core::element::Status;

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\r', '\n'], " ")
}

/// Writes an audit as Markdown.
pub fn write(out: &mut dyn Write, audit: &Audit, error_words: ErrorWords<'_>) -> io::Result<()> {
    let totals = &audit.totals;
    // fzlint's mark: a folder walk passes this file over next time.
    writeln!(out, "<!-- {} -->", fzlint_core::document::genre::GENERATED)?;
    writeln!(out, "## 法治政府建设年度报告审计")?;
    writeln!(out)?;
    writeln!(out, "{}", summary(totals, str::to_owned))?;
    writeln!(out)?;
    writeln!(
        out,
        "{} 有　{} 部分　{} 缺　{} 不适用。合计行是具备该要素的报告占适用报告的比例。",
        Status::Present.mark(),
        Status::Partial.mark(),
        Status::Missing.mark(),
        Status::NotApplicable.mark()
    )?;
    writeln!(out)?;

    let mut header = vec!["报告", "主体", "年度", "类型", "报送", "公开", "字数"];
    header.extend(audit.columns.iter().map(|c| c.label.as_str()));
    header.extend(["错误", "警告", "提示"]);
    writeln!(out, "| {} |", header.join(" | "))?;
    let mut rule = vec!["---", "---", "---:", "---", "---", "---", "---:"];
    rule.extend(audit.columns.iter().map(|_| ":---:"));
    rule.extend(["---:", "---:", "---:"]);
    writeln!(out, "|{}|", rule.join("|"))?;
    for row in &audit.rows {
        let mut cells = vec![
            cell(&row.path),
            cell(row.issuer.as_deref().unwrap_or("")),
            row.year.map_or(String::new(), |y| y.to_string()),
            kind_word(row.issuer_kind).to_owned(),
            verdict_cell(&row.timeliness.submitted),
            verdict_cell(&row.timeliness.published),
            row.length.to_string(),
        ];
        cells.extend(row.elements.iter().map(|e| e.status.mark().to_owned()));
        cells.extend([
            row.counts.errors.to_string(),
            row.counts.warnings.to_string(),
            row.counts.infos.to_string(),
        ]);
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    let mut cells = vec![
        format!("**合计 {} 份**", totals.reports),
        String::new(),
        String::new(),
        String::new(),
        format!("逾期 {}", totals.submitted.late),
        format!("逾期 {}", totals.published.late),
        String::new(),
    ];
    cells.extend(totals.columns.iter().map(|t| match t.percent() {
        Some(p) => format!("{}/{} ({p}%)", t.present, t.applicable()),
        None => Status::NotApplicable.mark().to_owned(),
    }));
    cells.extend([
        totals.counts.errors.to_string(),
        totals.counts.warnings.to_string(),
        totals.counts.infos.to_string(),
    ]);
    writeln!(out, "| {} |", cells.join(" | "))?;
    writeln!(out)?;
    let legend: Vec<String> = audit
        .columns
        .iter()
        .map(|c| format!("{}：{}", c.label, cell(&c.title)))
        .collect();
    if !legend.is_empty() {
        writeln!(out, "列：{}。", legend.join("；"))?;
    }
    writeln!(out)?;
    writeln!(out, "{TIMELINESS_LEGEND}")?;

    if let Some(threshold) = audit.threshold {
        writeln!(out)?;
        writeln!(out, "### 相似的报告（相似度 ≥ {}%）", percent(threshold))?;
        writeln!(out)?;
        let pairs = pairs(audit);
        if pairs.is_empty() {
            writeln!(out, "没有。")?;
        } else {
            writeln!(out, "{}", clusters_summary(audit))?;
            for (index, cluster) in audit.clusters.iter().flatten().enumerate() {
                writeln!(out)?;
                writeln!(out, "#### {}", cluster_heading(index + 1, cluster))?;
                writeln!(out)?;
                writeln!(out, "| 报告 | 与组内相似报告共有的文字 |")?;
                writeln!(out, "|---|---:|")?;
                for member in &cluster.members {
                    writeln!(
                        out,
                        "| {} | {}% |",
                        cell(&audit.rows[member.text].path),
                        percent(member.shared)
                    )?;
                }
                if !cluster.passages.is_empty() {
                    writeln!(out)?;
                    writeln!(out, "共同的段落：")?;
                    writeln!(out)?;
                    for (n, passage) in cluster.passages.iter().enumerate() {
                        let text = passage.places.first().map_or(String::new(), |(row, span)| {
                            passage_text(&audit.rows[*row], span, 60)
                        });
                        let places: Vec<String> = passage
                            .places
                            .iter()
                            .map(|p| place_word(audit, p))
                            .collect();
                        writeln!(
                            out,
                            "{}. {}：{}。“{}”",
                            n + 1,
                            passage_reach(cluster, passage),
                            cell(&places.join("；")),
                            cell(&text)
                        )?;
                    }
                }
            }
            let between = audit.pairs_between_clusters();
            if !between.is_empty() {
                writeln!(out)?;
                writeln!(out, "#### 不同组之间的相似报告")?;
                writeln!(out)?;
                writeln!(out, "| 相似度 | 报告 | 报告 | 最长的共同段落 |")?;
                writeln!(out, "|---:|---|---|---|")?;
                for pair in between {
                    let a = &audit.rows[pair.a];
                    let b = &audit.rows[pair.b];
                    let passage = pair.passages.first().map_or(String::new(), |p| {
                        format!(
                            "{} ≈ {}：{}",
                            lines_word(line_range(&a.source, &p.a)),
                            lines_word(line_range(&b.source, &p.b)),
                            passage_text(a, &p.a, 60)
                        )
                    });
                    writeln!(
                        out,
                        "| {}% | {} | {} | {} |",
                        percent(pair.similarity),
                        cell(&a.path),
                        cell(&b.path),
                        cell(&passage)
                    )?;
                }
            }
        }
    }
    if !audit.failed.is_empty() {
        writeln!(out)?;
        writeln!(out, "### 无法读取的文件")?;
        writeln!(out)?;
        for error in &audit.failed {
            writeln!(out, "- {}", cell(&error_words(error)))?;
        }
    }
    if !audit.skipped.is_empty() {
        writeln!(out)?;
        writeln!(out, "### 不像年度报告、已跳过的文件")?;
        writeln!(out)?;
        for (path, skip) in &audit.skipped {
            writeln!(out, "- {}：{}", cell(path), skip.message())?;
        }
    }
    writeln!(out)?;
    writeln!(out, "检查工具：{}", audit.provenance.line())?;
    Ok(())
}
