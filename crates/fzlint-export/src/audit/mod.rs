//! The audit's exports, the same from the command line (`fzlint audit
//! --format csv|json|markdown|html`) and from the page: CSV for Excel and
//! WPS, a JSON contract, Markdown for a memo, and one self-contained HTML
//! page. Each says which engine and rules judged the reports. (The
//! terminal table is the command line's own.) The helpers below are shared
//! with that table.

pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;

use fzlint_core::audit::timeliness::{DateSource, Verdict};
use fzlint_core::audit::{Audit, Row, SimilarCluster, SimilarPair, Totals};
use fzlint_core::document::metadata::IssuerKind;
use fzlint_core::text::source::SourceFile;

use crate::words::Words;

/// 政府 or 部门.
pub fn kind_word(kind: Option<IssuerKind>) -> &'static str {
    match kind {
        Some(IssuerKind::Government) => "政府",
        Some(IssuerKind::Department) => "部门",
        None => "",
    }
}

/// A similarity as a whole percentage.
pub fn percent(similarity: f64) -> u32 {
    (similarity * 100.0).round() as u32
}

/// `第1组（3 份）：a.txt（92%）；b.txt（61%）`: the cluster of a row and
/// the reports similar to it.
pub fn similar_cell(audit: &Audit, row: usize) -> String {
    let others = audit
        .similar_to(row)
        .into_iter()
        .map(|(other, pair)| {
            format!(
                "{}（{}%）",
                audit.rows[other].path,
                percent(pair.similarity)
            )
        })
        .collect::<Vec<_>>()
        .join("；");
    match audit.cluster_of(row) {
        Some((index, cluster)) => format!(
            "第{}组（{} 份）：{others}",
            index + 1,
            cluster.members.len()
        ),
        None => others,
    }
}

/// The 1-based first and last lines of a byte range.
pub fn line_range(source: &SourceFile, span: &std::ops::Range<usize>) -> (usize, usize) {
    let first = source.position(span.start).line;
    let last = source
        .position(span.end.saturating_sub(1).max(span.start))
        .line;
    (first, last)
}

/// A shared passage's text from the first report on one line (each line
/// trimmed, lines joined by a space), cut to `max` characters with `…`.
pub fn passage_text(row: &Row, span: &std::ops::Range<usize>, max: usize) -> String {
    let text: String = row.source.text()[span.clone()]
        .lines()
        .map(|line| line.trim_matches(|c: char| c.is_whitespace()))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if text.chars().count() > max {
        let mut cut: String = text.chars().take(max).collect();
        cut.push('…');
        cut
    } else {
        text
    }
}

/// `第3–15行` or `第3行`.
pub fn lines_word((first, last): (usize, usize)) -> String {
    if first == last {
        format!("第{first}行")
    } else {
        format!("第{first}–{last}行")
    }
}

/// `第1组：3 份报告，2 对相似，相似度 60%–80%`: a cluster's heading
/// (`number` from 1).
pub fn cluster_heading(number: usize, cluster: &SimilarCluster) -> String {
    let (lowest, highest) = (percent(cluster.lowest), percent(cluster.highest));
    let range = if lowest == highest {
        format!("{lowest}%")
    } else {
        format!("{lowest}%–{highest}%")
    };
    format!(
        "第{number}组：{} 份报告，{} 对相似，相似度 {range}",
        cluster.members.len(),
        cluster.pairs.len()
    )
}

/// `12 对相似的报告，归为 3 组。`
pub fn clusters_summary(audit: &Audit) -> String {
    let clusters = audit.clusters.as_deref().unwrap_or(&[]);
    let reports: usize = clusters.iter().map(|c| c.members.len()).sum();
    format!(
        "{} 对相似的报告，涉及 {reports} 份，归为 {} 组（同一模板、互相抄用或层层转抄的报告为一组）。",
        pairs(audit).len(),
        clusters.len()
    )
}

/// `a.txt 第3–5行`: where a shared passage is in one report.
pub fn place_word(audit: &Audit, (row, span): &(usize, std::ops::Range<usize>)) -> String {
    let row = &audit.rows[*row];
    format!("{} {}", row.path, lines_word(line_range(&row.source, span)))
}

/// `3 份都有，120 字` or `50 份中 49 份共有，55 字`: how widely a
/// cluster's passage is shared.
pub fn passage_reach(
    cluster: &SimilarCluster,
    passage: &fzlint_core::similar::SharedPassage,
) -> String {
    let members = cluster.members.len();
    if passage.places.len() == members {
        format!("{members} 份都有，{} 字", passage.chars)
    } else {
        format!(
            "{members} 份中 {} 份共有，{} 字",
            passage.places.len(),
            passage.chars
        )
    }
}

/// The pairs of an audit, or none.
pub fn pairs(audit: &Audit) -> &[SimilarPair] {
    audit.similar.as_deref().unwrap_or(&[])
}

/// The folder every path starts with (`a/b/` for `a/b/c.txt` and
/// `a/b/d/e.txt`), or nothing.
pub fn common_folder<'a>(paths: impl Iterator<Item = &'a str>) -> String {
    let mut common: Option<Vec<&str>> = None;
    for path in paths {
        let folders: Vec<&str> = match path.rsplit_once('/') {
            Some((dir, _)) => dir.split('/').collect(),
            None => Vec::new(),
        };
        common = Some(match common {
            None => folders,
            Some(prefix) => prefix
                .iter()
                .zip(&folders)
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| *a)
                .collect(),
        });
    }
    common
        .filter(|c| !c.is_empty())
        .map_or(String::new(), |c| format!("{}/", c.join("/")))
}

/// The audit's one-sentence summary; `failed` renders the note on
/// unreadable files (plain, or as a link).
pub fn summary(totals: &Totals, failed: impl Fn(&str) -> String) -> String {
    let mut failed = if totals.failed > 0 {
        format!("；{}", failed(&format!("{} 个文件无法读取", totals.failed)))
    } else {
        String::new()
    };
    if totals.skipped > 0 {
        failed.push_str(&format!(
            "；另有 {} 个文件不是年度报告，已跳过",
            totals.skipped
        ));
    }
    format!(
        "共 {} 份报告，必备要素齐全的 {} 份；报送逾期 {} 份、不明 {} 份，公开逾期 {} 份、不明 {} 份{failed}。",
        totals.reports,
        totals.compliant,
        totals.submitted.late,
        totals.submitted.unknown,
        totals.published.late,
        totals.published.unknown
    )
}

/// A timeliness verdict in a table cell: `按时 2024-02-20`, `逾期
/// 2024-04-15`, `未知 2024-02-20` (a date but no deadline) or `未知`.
pub fn verdict_cell(verdict: &Verdict) -> String {
    match verdict.date {
        Some(date) => format!("{} {date}", verdict.status.word()),
        None => verdict.status.word().to_owned(),
    }
}

/// What a verdict is about, for a tooltip: its date, where the date comes
/// from and its deadline, or what is not known. `what` is 报送 or 公开.
pub fn verdict_tip(what: &str, verdict: &Verdict) -> String {
    let date_word = match verdict.source {
        _ if what == "报送" => "成文日期",
        Some(DateSource::Manifest) => "清单所列发布日期",
        Some(DateSource::Published) => "网页的发布时间",
        Some(DateSource::Written) | None => "发布日期",
    };
    let date = match verdict.date {
        Some(date) => format!("{date_word} {date}"),
        None => format!("没有找到{date_word}"),
    };
    match verdict.deadline {
        Some(deadline) => format!("{what}{}：{date}，截止 {deadline}", verdict.status.word()),
        None if what == "报送" => {
            format!("{what}未知：{date}；报告年度或发文单位类型不明，不知截止日期")
        }
        None => format!("{what}未知：{date}；报告年度不明，不知截止日期"),
    }
}

/// The legend of the two timeliness columns.
pub const TIMELINESS_LEGEND: &str = "报送：成文日期（文末落款日期）是否在报送截止日（部门和市县乡政府为次年3月1日，省级政府为次年4月1日）之前；公开：发布日期（清单所给，或网页的发布时间）是否在次年4月1日之前。";
