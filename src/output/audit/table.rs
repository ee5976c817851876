//! The audit as a table for a terminal: one row per report, one column per
//! required element, aligned with double-width Chinese characters counted
//! as two (unicode-width), coloured when the terminal allows. To keep rows
//! short, element labels are written vertically (竖排) above two-cell-wide
//! columns, cells use one wide character (有, 半, 缺, ／) whose width every
//! terminal agrees on, paths are shown relative to the folder all reports
//! share, and the title is left to the other formats.

use std::io;

use unicode_width::UnicodeWidthStr;

use crate::output::termcolor::{Color, ColorSpec, WriteColor};
use crate::output::words::{self, Words};
use fzlint_core::audit::Audit;
use fzlint_core::audit::timeliness::Status as Timely;
use fzlint_core::element::Status;
use fzlint_export::audit::{
    cluster_heading, clusters_summary, common_folder, kind_word, line_range, lines_word, pairs,
    passage_reach, passage_text, percent, summary,
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Right,
}

struct Cell {
    text: String,
    color: Option<ColorSpec>,
    align: Align,
}

impl Cell {
    fn left(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            color: None,
            align: Align::Left,
        }
    }

    fn right(text: impl Into<String>) -> Cell {
        Cell {
            align: Align::Right,
            ..Cell::left(text)
        }
    }

    fn colored(mut self, color: ColorSpec) -> Cell {
        self.color = Some(color);
        self
    }
}

fn fg(color: Color) -> ColorSpec {
    let mut spec = ColorSpec::new();
    spec.set_fg(Some(color));
    spec
}

fn status_cell(status: Status) -> Cell {
    let (text, color) = match status {
        Status::Present => ("有", fg(Color::Green)),
        Status::Partial => ("半", fg(Color::Yellow)),
        Status::Missing => ("缺", {
            let mut spec = fg(Color::Red);
            spec.set_bold(true);
            spec
        }),
        Status::NotApplicable => ("／", {
            let mut spec = ColorSpec::new();
            spec.set_dimmed(true);
            spec
        }),
    };
    Cell::left(text).colored(color)
}

fn timely_cell(status: Timely) -> Cell {
    let cell = Cell::left(status.word());
    match status {
        Timely::OnTime => cell.colored(fg(Color::Green)),
        Timely::Late => cell.colored(fg(Color::Red)),
        Timely::Unknown => cell,
    }
}

fn write_row(
    out: &mut dyn WriteColor,
    cells: &[Cell],
    widths: &[usize],
    gaps: &[usize],
) -> io::Result<()> {
    // Nothing after the last non-empty cell: no trailing spaces.
    let end = cells
        .iter()
        .rposition(|c| !c.text.is_empty())
        .map_or(0, |i| i + 1);
    for (i, (cell, width)) in cells[..end].iter().zip(widths).enumerate() {
        let gap = if i == 0 {
            0
        } else {
            gaps.get(i).copied().unwrap_or(2)
        };
        write!(out, "{:gap$}", "")?;
        let pad = width.saturating_sub(cell.text.width());
        if cell.align == Align::Right {
            write!(out, "{:pad$}", "")?;
        }
        if let Some(color) = &cell.color {
            out.set_color(color)?;
            write!(out, "{}", cell.text)?;
            out.reset()?;
        } else {
            write!(out, "{}", cell.text)?;
        }
        if cell.align == Align::Left && i + 1 < end {
            write!(out, "{:pad$}", "")?;
        }
    }
    writeln!(out)
}

/// Writes an audit as an aligned table, with the totals, a legend, the
/// similar pairs and the unreadable files below it.
pub fn write(out: &mut dyn WriteColor, audit: &Audit) -> io::Result<()> {
    let with_similar = audit.similar.is_some();
    let prefix = common_folder(audit.rows.iter().map(|r| r.path.as_str()));
    let short = |path: &str| {
        path.strip_prefix(prefix.as_str())
            .unwrap_or(path)
            .to_owned()
    };
    let first = ["报告", "主体", "年度", "类型", "成文日期", "字数"];
    let mut last: Vec<(&str, Align)> = vec![
        ("错误", Align::Right),
        ("警告", Align::Right),
        ("提示", Align::Right),
        ("时效", Align::Left),
    ];
    if with_similar {
        last.push(("相似", Align::Right));
    }
    let mut bold = ColorSpec::new();
    bold.set_bold(true);
    // Header lines: element labels one character per line; the other
    // headings on the last line.
    let depth = audit
        .columns
        .iter()
        .map(|c| c.label.chars().count())
        .max()
        .unwrap_or(0)
        .max(1);
    let mut header_lines: Vec<Vec<Cell>> = Vec::new();
    for line in 0..depth {
        let is_last = line + 1 == depth;
        let mut cells: Vec<Cell> = first
            .iter()
            .map(|h| Cell::left(if is_last { *h } else { "" }))
            .collect();
        cells.extend(audit.columns.iter().map(|c| {
            Cell::left(
                c.label
                    .chars()
                    .nth(line)
                    .map_or(String::new(), String::from),
            )
        }));
        cells.extend(last.iter().map(|(h, align)| Cell {
            text: if is_last {
                (*h).to_owned()
            } else {
                String::new()
            },
            color: None,
            align: *align,
        }));
        header_lines.push(cells.into_iter().map(|c| c.colored(bold.clone())).collect());
    }

    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for (index, row) in audit.rows.iter().enumerate() {
        let mut cells = vec![
            Cell::left(short(&row.path)),
            Cell::left(row.issuer.as_deref().unwrap_or("")),
            Cell::right(row.year.map_or(String::new(), |y| y.to_string())),
            Cell::left(kind_word(row.issuer_kind)),
            Cell::left(row.written.map_or(String::new(), |d| d.to_string())),
            Cell::right(row.length.to_string()),
        ];
        cells.extend(row.elements.iter().map(|e| status_cell(e.status)));
        cells.extend(
            [row.counts.errors, row.counts.warnings, row.counts.infos]
                .into_iter()
                .map(|n| Cell::right(n.to_string())),
        );
        cells.push(timely_cell(row.timeliness.status));
        if with_similar {
            let best = audit
                .similar_to(index)
                .into_iter()
                .map(|(_, pair)| percent(pair.similarity))
                .max();
            cells.push(match best {
                Some(p) => Cell::right(format!("{p}%")).colored(fg(Color::Magenta)),
                None => Cell::right(""),
            });
        }
        rows.push(cells);
    }

    let totals = &audit.totals;
    let mut total_cells = vec![
        Cell::left(format!("合计 {} 份", totals.reports)),
        Cell::left(""),
        Cell::left(""),
        Cell::left(""),
        Cell::left(""),
        Cell::left(""),
    ];
    total_cells.extend(
        totals
            .columns
            .iter()
            .map(|t| Cell::left(t.percent().map_or("／".to_owned(), |p| p.to_string()))),
    );
    total_cells.extend(
        [
            totals.counts.errors,
            totals.counts.warnings,
            totals.counts.infos,
        ]
        .into_iter()
        .map(|n| Cell::right(n.to_string())),
    );
    total_cells.push(Cell::left(format!("逾期{}", totals.late)));
    if with_similar {
        total_cells.push(Cell::right(""));
    }
    let total_cells: Vec<Cell> = total_cells
        .into_iter()
        .map(|c| c.colored(bold.clone()))
        .collect();

    let mut widths = vec![0; total_cells.len()];
    for cells in header_lines
        .iter()
        .chain(&rows)
        .chain(std::iter::once(&total_cells))
    {
        for (width, cell) in widths.iter_mut().zip(cells) {
            *width = (*width).max(cell.text.width());
        }
    }
    if !prefix.is_empty() {
        writeln!(out, "报告位于 {prefix}")?;
    }
    // Two spaces between columns, one between element columns.
    let mut gaps = vec![2; widths.len()];
    for gap in gaps
        .iter_mut()
        .skip(first.len() + 1)
        .take(audit.columns.len().saturating_sub(1))
    {
        *gap = 1;
    }
    for cells in &header_lines {
        write_row(out, cells, &widths, &gaps)?;
    }
    for cells in &rows {
        write_row(out, cells, &widths, &gaps)?;
    }
    write_row(out, &total_cells, &widths, &gaps)?;

    writeln!(out)?;
    writeln!(out, "{}", summary(totals, str::to_owned))?;
    writeln!(
        out,
        "有：找到；半：只写了一部分（或没有单列一部分）；缺：没有找到；／：不适用。合计行是具备该要素的报告占适用报告的百分比；错误、警告、提示是其他规则的问题数。证据和每个问题见 --format html 或 json。"
    )?;

    if let Some(threshold) = audit.threshold {
        writeln!(out)?;
        let pairs = pairs(audit);
        if pairs.is_empty() {
            writeln!(out, "没有相似度达到 {}% 的报告。", percent(threshold))?;
        } else {
            writeln!(out, "相似的报告（相似度 ≥ {}%）：", percent(threshold))?;
            writeln!(out, "{}", clusters_summary(audit))?;
            for (index, cluster) in audit.clusters.iter().flatten().enumerate() {
                out.set_color(&bold)?;
                write!(out, "{}", cluster_heading(index + 1, cluster))?;
                out.reset()?;
                writeln!(out)?;
                for member in &cluster.members {
                    writeln!(
                        out,
                        "  {:>4}%  {}",
                        percent(member.shared),
                        short(&audit.rows[member.text].path)
                    )?;
                }
                for passage in cluster.passages.iter().take(3) {
                    let text = passage.places.first().map_or(String::new(), |(row, span)| {
                        passage_text(&audit.rows[*row], span, 40)
                    });
                    writeln!(
                        out,
                        "  共同段落（{}）：{}",
                        passage_reach(cluster, passage),
                        text
                    )?;
                    let places: Vec<String> = passage
                        .places
                        .iter()
                        .map(|(row, span)| {
                            let r = &audit.rows[*row];
                            format!(
                                "{} {}",
                                short(&r.path),
                                lines_word(line_range(&r.source, span))
                            )
                        })
                        .collect();
                    writeln!(out, "       {}", places.join("；"))?;
                }
            }
            let between = audit.pairs_between_clusters();
            if !between.is_empty() {
                writeln!(out, "不同组之间的相似报告：")?;
            }
            for pair in between {
                let a = &audit.rows[pair.a];
                let b = &audit.rows[pair.b];
                out.set_color(&bold)?;
                write!(out, "{:>4}%", percent(pair.similarity))?;
                out.reset()?;
                writeln!(out, "  {} ↔ {}", short(&a.path), short(&b.path))?;
                for passage in pair.passages.iter().take(3) {
                    writeln!(
                        out,
                        "       {} ≈ {}：{}",
                        lines_word(line_range(&a.source, &passage.a)),
                        lines_word(line_range(&b.source, &passage.b)),
                        passage_text(a, &passage.a, 40)
                    )?;
                }
            }
        }
    }
    for error in &audit.failed {
        let mut red = fg(Color::Red);
        red.set_bold(true);
        out.set_color(&red)?;
        write!(out, "无法读取")?;
        out.reset()?;
        writeln!(out, "：{}", words::input_error(error))?;
    }
    Ok(())
}
