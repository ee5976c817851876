//! The audit as CSV for Excel and WPS: UTF-8 with a byte-order mark (without
//! it both show Chinese as mojibake), one header row, one row per report,
//! a totals row, the unreadable files and a last row naming the engine and
//! the rule set. Written with the `csv` crate, so quoting is right.

use std::io::{self, Write};

use super::{kind_word, similar_cell};
use crate::ErrorWords;
use crate::words::Words;
use fzlint_core::audit::Audit;
use fzlint_core::document::metadata::Date;

/// A cell as written: text that a spreadsheet would take for a formula
/// (`=1+1县…`, `+`, `-`, `@`, or a tab or carriage return first) gets a
/// leading apostrophe, which Excel and WPS read as "this is text"; numbers
/// are left as they are.
fn cell(text: String) -> String {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if formula && text.parse::<f64>().is_err() {
        format!("'{text}")
    } else {
        text
    }
}

fn date(date: Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// Writes one row, every cell through [`cell`].
fn write_row<W: Write>(writer: &mut csv::Writer<W>, cells: Vec<String>) -> io::Result<()> {
    writer
        .write_record(cells.into_iter().map(cell))
        .map_err(to_io)
}

fn to_io(err: csv::Error) -> io::Error {
    match err.into_kind() {
        csv::ErrorKind::Io(err) => err,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Writes an audit as CSV; its last row says which engine and rules judged
/// the reports.
pub fn write(out: &mut dyn Write, audit: &Audit, error_words: ErrorWords<'_>) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut writer = csv::Writer::from_writer(out);
    let with_similar = audit.similar.is_some();
    let mut header: Vec<String> = ["路径", "主体", "年度", "类型", "标题", "成文日期", "字数"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    header.extend(audit.columns.iter().map(|c| c.label.clone()));
    header.extend(
        [
            "错误",
            "警告",
            "提示",
            "要素齐全",
            "报送",
            "报送截止",
            "公开",
            "发布日期",
            "发布日期来源",
            "公开截止",
        ]
        .into_iter()
        .map(str::to_owned),
    );
    if with_similar {
        header.push("相似报告".to_owned());
    }
    write_row(&mut writer, header.clone())?;

    for (index, row) in audit.rows.iter().enumerate() {
        let t = &row.timeliness;
        let mut record: Vec<String> = vec![
            row.path.clone(),
            row.issuer.clone().unwrap_or_default(),
            row.year.map(|y| y.to_string()).unwrap_or_default(),
            kind_word(row.issuer_kind).to_owned(),
            row.title.clone().unwrap_or_default(),
            row.written.map(|d| d.to_string()).unwrap_or_default(),
            row.length.to_string(),
        ];
        record.extend(row.elements.iter().map(|e| e.status.word().to_owned()));
        record.extend([
            row.counts.errors.to_string(),
            row.counts.warnings.to_string(),
            row.counts.infos.to_string(),
            if row.compliant { "是" } else { "否" }.to_owned(),
            t.submitted.status.word().to_owned(),
            date(t.submitted.deadline),
            t.published.status.word().to_owned(),
            date(t.published.date),
            t.published
                .source
                .map(|s| s.word().to_owned())
                .unwrap_or_default(),
            date(t.published.deadline),
        ]);
        if with_similar {
            record.push(similar_cell(audit, index));
        }
        write_row(&mut writer, record)?;
    }

    let totals = &audit.totals;
    let mut record: Vec<String> = vec![
        "合计".to_owned(),
        format!("{} 份", totals.reports),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ];
    record.extend(totals.columns.iter().map(|t| match t.percent() {
        Some(p) => format!("{}/{}（{p}%）", t.present, t.applicable()),
        None => "不适用".to_owned(),
    }));
    record.extend([
        totals.counts.errors.to_string(),
        totals.counts.warnings.to_string(),
        totals.counts.infos.to_string(),
        format!("{} 份", totals.compliant),
        format!("逾期 {} 份", totals.submitted.late),
        String::new(),
        format!("逾期 {} 份", totals.published.late),
        String::new(),
        String::new(),
        String::new(),
    ]);
    if with_similar {
        record.push(String::new());
    }
    write_row(&mut writer, record)?;
    for error in &audit.failed {
        let mut record = vec![
            error.path().to_owned(),
            format!("无法读取：{}", error_words(error)),
        ];
        record.resize(header.len(), String::new());
        write_row(&mut writer, record)?;
    }
    for (path, skip) in &audit.skipped {
        let mut record = vec![path.clone(), format!("已跳过：{}", skip.message())];
        record.resize(header.len(), String::new());
        write_row(&mut writer, record)?;
    }
    let p = &audit.provenance;
    let mut record = vec![
        "检查工具".to_owned(),
        format!("fzlint {}", p.version),
        format!("规则包 {}", p.packs.join(" + ")),
        format!("规则集哈希 {}", p.rules_hash),
    ];
    record.resize(header.len().max(record.len()), String::new());
    write_row(&mut writer, record)?;
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn text_a_spreadsheet_would_run_as_a_formula_is_quoted_as_text() {
        for formula in ["=1+1县司法局", "+86 电话", "-草稿.txt", "@SUM(A1)", "\t=1"] {
            assert_eq!(cell(formula.to_owned()), format!("'{formula}"));
        }
        for plain in ["澹江市司法局", "2024-03-01", "12", "-3", "1.5", "", "合计"] {
            assert_eq!(cell(plain.to_owned()), plain);
        }
    }
}
