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

use fzlint_core::audit::{Audit, Row, SimilarPair, Totals};
use fzlint_core::document::metadata::IssuerKind;
use fzlint_core::text::source::SourceFile;

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

/// `a.txt（92%）；b.txt（61%）`: the reports similar to a row.
pub fn similar_cell(audit: &Audit, row: usize) -> String {
    audit
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
        .join("；")
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
    let failed = if totals.failed > 0 {
        format!("；{}", failed(&format!("{} 个文件无法读取", totals.failed)))
    } else {
        String::new()
    };
    format!(
        "共 {} 份报告，必备要素齐全的 {} 份；逾期 {} 份，日期不明 {} 份{failed}。",
        totals.reports, totals.compliant, totals.late, totals.timeliness_unknown
    )
}
