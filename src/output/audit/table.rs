//! The audit as a table for a terminal: one row per report, one column per
//! required element, aligned with double-width Chinese characters counted
//! as two (unicode-width), coloured when the terminal allows. To keep rows
//! short, element labels are written vertically (竖排) above two-cell-wide
//! columns, cells use one wide character (有, 半, 缺, ／) whose width every
//! terminal agrees on, paths are shown relative to the folder all reports
//! share, and the title is left to the other formats.
//!
//! Given a width (a terminal's), the table fits it: first as it is; else
//! with the issuer and the path cut short (…) and the timeliness cells
//! without their dates; else transposed — one row per element and one
//! column per report, numbered, in as many blocks as the width needs, the
//! reports listed below. Every other line is wrapped to the width. Without
//! a width (a file or a pipe) the table is as wide as its columns.

use std::io;

use unicode_width::UnicodeWidthStr;

use crate::output::termcolor::{Color, ColorSpec, WriteColor};
use crate::output::words::{self, Words};
use fzlint_core::audit::Audit;
use fzlint_core::audit::timeliness::{Status as Timely, Verdict};
use fzlint_core::element::Status;
use fzlint_export::audit::{
    TIMELINESS_LEGEND, cluster_heading, clusters_summary, common_folder, kind_word, line_range,
    lines_word, pairs, passage_reach, passage_text, percent, summary, verdict_cell,
};

use crate::output::files::width as char_width;

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

fn timely_color(cell: Cell, status: Timely) -> Cell {
    match status {
        Timely::OnTime => cell.colored(fg(Color::Green)),
        Timely::Late => cell.colored(fg(Color::Red)),
        Timely::Unknown => cell,
    }
}

fn timely_cell(verdict: &Verdict, dated: bool) -> Cell {
    let text = if dated {
        verdict_cell(verdict)
    } else {
        verdict.status.word().to_owned()
    };
    timely_color(Cell::left(text), verdict.status)
}

/// `text` cut to at most `max` columns, with `…` where it is cut: its end
/// kept (a path's file name) or its start (a name).
fn cut(text: &str, max: usize, keep_end: bool) -> String {
    if text.width() <= max {
        return text.to_owned();
    }
    let room = max.saturating_sub(1);
    let mut used = 0;
    let mut kept: Vec<char> = Vec::new();
    let chars: Box<dyn Iterator<Item = char>> = if keep_end {
        Box::new(text.chars().rev())
    } else {
        Box::new(text.chars())
    };
    for c in chars {
        if used + char_width(c) > room {
            break;
        }
        used += char_width(c);
        kept.push(c);
    }
    if keep_end {
        kept.reverse();
        format!("…{}", kept.into_iter().collect::<String>())
    } else {
        format!("{}…", kept.into_iter().collect::<String>())
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

/// A table laid out: its lines of cells, column widths and the gaps before
/// each column.
struct Table {
    lines: Vec<Vec<Cell>>,
    widths: Vec<usize>,
    gaps: Vec<usize>,
}

impl Table {
    fn new(lines: Vec<Vec<Cell>>, gaps: Vec<usize>) -> Table {
        let columns = lines.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0; columns];
        for cells in &lines {
            for (width, cell) in widths.iter_mut().zip(cells) {
                *width = (*width).max(cell.text.width());
            }
        }
        Table {
            lines,
            widths,
            gaps,
        }
    }

    /// Its widest line, in columns.
    fn width(&self) -> usize {
        self.widths.iter().sum::<usize>()
            + (1..self.widths.len())
                .map(|i| self.gaps.get(i).copied().unwrap_or(2))
                .sum::<usize>()
    }

    fn write(&self, out: &mut dyn WriteColor) -> io::Result<()> {
        for cells in &self.lines {
            write_row(out, cells, &self.widths, &self.gaps)?;
        }
        Ok(())
    }
}

/// How the row-per-report table is shortened to fit.
#[derive(Clone, Copy)]
struct Fit {
    /// The widest path and issuer, in columns.
    path: Option<usize>,
    issuer: Option<usize>,
    /// Whether timeliness cells show their dates.
    dates: bool,
}

const FULL: Fit = Fit {
    path: None,
    issuer: None,
    dates: true,
};

/// The row-per-report table fitted to `width`, if it can be: as it is;
/// else without the dates of the timeliness cells; else with paths (down to
/// 24, then 14 columns, their ends kept) and issuers (down to 10) cut short.
fn fitted(audit: &Audit, short: &dyn Fn(&str) -> String, width: usize) -> Option<Table> {
    let full = by_report(audit, short, FULL);
    if full.width() <= width {
        return Some(full);
    }
    let undated = Fit {
        dates: false,
        ..FULL
    };
    let table = by_report(audit, short, undated);
    let mut over = table.width().saturating_sub(width);
    if over == 0 {
        return Some(table);
    }
    let widest =
        |texts: &mut dyn Iterator<Item = String>| texts.map(|t| t.width()).max().unwrap_or(0);
    let mut path = widest(&mut audit.rows.iter().map(|r| short(&r.path)));
    let mut issuer = widest(
        &mut audit
            .rows
            .iter()
            .map(|r| r.issuer.clone().unwrap_or_default()),
    );
    let mut shrink = |column: &mut usize, floor: usize| {
        let cut = over.min(column.saturating_sub(floor));
        *column -= cut;
        over -= cut;
    };
    shrink(&mut path, 24);
    shrink(&mut issuer, 10);
    shrink(&mut path, 14);
    if over > 0 {
        return None;
    }
    let table = by_report(
        audit,
        short,
        Fit {
            path: Some(path),
            issuer: Some(issuer),
            dates: false,
        },
    );
    (table.width() <= width).then_some(table)
}

fn bold() -> ColorSpec {
    let mut bold = ColorSpec::new();
    bold.set_bold(true);
    bold
}

/// One row per report, one column per element.
fn by_report(audit: &Audit, short: &dyn Fn(&str) -> String, fit: Fit) -> Table {
    let with_similar = audit.similar.is_some();
    let first = ["报告", "主体", "年度", "类型", "报送", "公开", "字数"];
    let mut last: Vec<(&str, Align)> = vec![
        ("错误", Align::Right),
        ("警告", Align::Right),
        ("提示", Align::Right),
    ];
    if with_similar {
        last.push(("相似", Align::Right));
    }
    let bold = bold();
    // Header lines: element labels one character per line; the other
    // headings on the last line.
    let depth = audit
        .columns
        .iter()
        .map(|c| c.label.chars().count())
        .max()
        .unwrap_or(0)
        .max(1);
    let mut lines: Vec<Vec<Cell>> = Vec::new();
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
        lines.push(cells.into_iter().map(|c| c.colored(bold.clone())).collect());
    }

    for (index, row) in audit.rows.iter().enumerate() {
        let path = short(&row.path);
        let issuer = row.issuer.as_deref().unwrap_or("");
        let mut cells = vec![
            Cell::left(fit.path.map_or(path.clone(), |max| cut(&path, max, true))),
            Cell::left(
                fit.issuer
                    .map_or(issuer.to_owned(), |max| cut(issuer, max, false)),
            ),
            Cell::right(row.year.map_or(String::new(), |y| y.to_string())),
            Cell::left(kind_word(row.issuer_kind)),
            timely_cell(&row.timeliness.submitted, fit.dates),
            timely_cell(&row.timeliness.published, fit.dates),
            Cell::right(row.length.to_string()),
        ];
        cells.extend(row.elements.iter().map(|e| status_cell(e.status)));
        cells.extend(
            [row.counts.errors, row.counts.warnings, row.counts.infos]
                .into_iter()
                .map(|n| Cell::right(n.to_string())),
        );
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
        lines.push(cells);
    }

    let totals = &audit.totals;
    let mut total_cells = vec![
        Cell::left(format!("合计 {} 份", totals.reports)),
        Cell::left(""),
        Cell::left(""),
        Cell::left(""),
        Cell::left(format!("逾期{}", totals.submitted.late)),
        Cell::left(format!("逾期{}", totals.published.late)),
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
    if with_similar {
        total_cells.push(Cell::right(""));
    }
    lines.push(
        total_cells
            .into_iter()
            .map(|c| c.colored(bold.clone()))
            .collect(),
    );

    // Two spaces between columns, one between element columns.
    let mut gaps = vec![2; first.len() + audit.columns.len() + last.len()];
    for gap in gaps
        .iter_mut()
        .skip(first.len() + 1)
        .take(audit.columns.len().saturating_sub(1))
    {
        *gap = 1;
    }
    Table::new(lines, gaps)
}

/// One row per element (and per timeliness verdict and finding count), one
/// column per report, numbered; split into blocks of reports that fit
/// `width`.
fn by_element(audit: &Audit, width: usize) -> Vec<Table> {
    let bold = bold();
    let mut labels: Vec<String> = audit.columns.iter().map(|c| c.label.clone()).collect();
    labels.extend(["报送", "公开", "错误", "警告", "提示"].map(str::to_owned));
    let label_width = labels.iter().map(|l| l.width()).max().unwrap_or(0);
    let totals = &audit.totals;
    let mut total_cells: Vec<Cell> = totals
        .columns
        .iter()
        .map(|t| Cell::right(t.percent().map_or("／".to_owned(), |p| format!("{p}%"))))
        .collect();
    total_cells.push(Cell::right(format!("逾{}", totals.submitted.late)));
    total_cells.push(Cell::right(format!("逾{}", totals.published.late)));
    for n in [
        totals.counts.errors,
        totals.counts.warnings,
        totals.counts.infos,
    ] {
        total_cells.push(Cell::right(n.to_string()));
    }
    let total_width = total_cells
        .iter()
        .map(|c| c.text.width())
        .chain(["合计".width()])
        .max()
        .unwrap_or(0);
    let mark = |status: Timely| {
        let text = match status {
            Timely::OnTime => "按",
            Timely::Late => "逾",
            Timely::Unknown => "？",
        };
        timely_color(Cell::left(text), status)
    };
    let report_cells: Vec<Vec<Cell>> = audit
        .rows
        .iter()
        .map(|row| {
            let mut cells: Vec<Cell> = row.elements.iter().map(|e| status_cell(e.status)).collect();
            cells.push(mark(row.timeliness.submitted.status));
            cells.push(mark(row.timeliness.published.status));
            cells.extend(
                [row.counts.errors, row.counts.warnings, row.counts.infos]
                    .into_iter()
                    .map(|n| Cell::right(n.to_string())),
            );
            cells
        })
        .collect();
    let report_width = |index: usize| {
        report_cells[index]
            .iter()
            .map(|c| c.text.width())
            .chain([(index + 1).to_string().len(), 2])
            .max()
            .unwrap_or(2)
    };
    // Blocks of reports: the labels, the reports (one space apart) and the
    // totals.
    let mut blocks: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    while start < audit.rows.len() {
        let mut used = label_width + 2 + total_width;
        let mut end = start;
        while end < audit.rows.len() {
            let next = report_width(end) + if end == start { 0 } else { 1 };
            if end > start && used + next + 2 > width {
                break;
            }
            used += next;
            end += 1;
        }
        blocks.push(start..end);
        start = end;
    }
    if blocks.is_empty() {
        blocks.push(0..0);
    }
    blocks
        .into_iter()
        .map(|block| {
            let mut header = vec![Cell::left("")];
            header.extend(block.clone().map(|i| Cell::right((i + 1).to_string())));
            header.push(Cell::right("合计"));
            let mut lines = vec![
                header
                    .into_iter()
                    .map(|c| c.colored(bold.clone()))
                    .collect(),
            ];
            for (line, label) in labels.iter().enumerate() {
                let mut cells = vec![Cell::left(label.clone()).colored(bold.clone())];
                for i in block.clone() {
                    let cell = &report_cells[i][line];
                    cells.push(Cell {
                        text: cell.text.clone(),
                        color: cell.color.clone(),
                        align: cell.align,
                    });
                }
                let total = &total_cells[line];
                cells.push(Cell::right(total.text.clone()).colored(bold.clone()));
                lines.push(cells);
            }
            let mut gaps = vec![1; block.len() + 2];
            gaps[1] = 2;
            if let Some(last) = gaps.last_mut() {
                *last = 2;
            }
            Table::new(lines, gaps)
        })
        .collect()
}

/// Writes an audit as an aligned table, with the totals, a legend, the
/// similar pairs and the unreadable files below it; fitted to `width`
/// columns when one is given (see the module's documentation).
pub fn write(out: &mut dyn WriteColor, audit: &Audit, width: Option<usize>) -> io::Result<()> {
    let mut wrapped = Wrap::new(out, width);
    let out: &mut dyn WriteColor = &mut wrapped;
    let prefix = common_folder(audit.rows.iter().map(|r| r.path.as_str()));
    let short = |path: &str| {
        path.strip_prefix(prefix.as_str())
            .unwrap_or(path)
            .to_owned()
    };
    let bold = bold();
    if !prefix.is_empty() {
        writeln!(out, "报告位于 {prefix}")?;
    }
    let table = match width {
        Some(width) => fitted(audit, &short, width),
        None => Some(by_report(audit, &short, FULL)),
    };
    let transposed = table.is_none();
    let totals = &audit.totals;
    match (table, width) {
        (Some(table), _) => table.write(out)?,
        (None, width) => {
            let width = width.unwrap_or(usize::MAX);
            for (i, block) in by_element(audit, width).iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                block.write(out)?;
            }
            writeln!(out)?;
            for (index, row) in audit.rows.iter().enumerate() {
                out.set_color(&bold)?;
                write!(out, "{}", index + 1)?;
                out.reset()?;
                let items = [
                    short(&row.path),
                    row.issuer.as_deref().unwrap_or("主体不明").to_owned(),
                    row.year
                        .map_or("年度不明".to_owned(), |y| format!("{y}年度")),
                    kind_word(row.issuer_kind).to_owned(),
                    format!("报送 {}", verdict_cell(&row.timeliness.submitted)),
                    format!("公开 {}", verdict_cell(&row.timeliness.published)),
                ];
                // Items on one line while they fit, the rest on lines
                // indented by two.
                let mut column = (index + 1).to_string().len();
                for item in items.iter().filter(|i| !i.is_empty()) {
                    let gap = if column == (index + 1).to_string().len() {
                        1
                    } else {
                        2
                    };
                    if column > 2 && column + gap + item.width() > width {
                        write!(out, "\n  {item}")?;
                        column = 2 + item.width();
                    } else {
                        write!(out, "{:gap$}{item}", "")?;
                        column += gap + item.width();
                    }
                }
                writeln!(out)?;
            }
        }
    }

    writeln!(out)?;
    writeln!(out, "{}", summary(totals, str::to_owned))?;
    writeln!(
        out,
        "有：找到；半：只写了一部分（或没有单列一部分）；缺：没有找到；／：不适用。合计行是具备该要素的报告占适用报告的百分比；错误、警告、提示是其他规则的问题数。证据和每个问题见 --format html 或 json。"
    )?;
    if transposed {
        writeln!(out, "{TIMELINESS_LEGEND}按：按时；逾：逾期；？：未知。")?;
    } else {
        writeln!(out, "{TIMELINESS_LEGEND}")?;
    }
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
    for (path, skip) in &audit.skipped {
        out.set_color(&fg(Color::Cyan))?;
        write!(out, "已跳过")?;
        out.reset()?;
        writeln!(out, "：{path}：{}", skip.message())?;
    }
    // The last line, if it did not end with a line break.
    out.flush()
}

/// Wraps what is written to a width, counting East Asian wide characters
/// as two columns; a continuation line starts with two spaces. A line is
/// broken after its last space when what follows fits in half the width
/// (a path or a name moves to the next line whole), else at the character
/// that does not fit (Chinese text, which has no spaces). Without a width
/// it writes through.
struct Wrap<'a> {
    inner: &'a mut dyn WriteColor,
    width: Option<usize>,
    /// The line being written: text and colour changes, in order.
    line: Vec<Op>,
    /// Its width so far.
    column: usize,
    /// The start of a character split between two writes.
    pending: Vec<u8>,
}

enum Op {
    Char(char),
    Color(ColorSpec),
    Reset,
}

const INDENT: &str = "  ";

impl<'a> Wrap<'a> {
    fn new(inner: &'a mut dyn WriteColor, width: Option<usize>) -> Wrap<'a> {
        Wrap {
            inner,
            width,
            line: Vec::new(),
            column: 0,
            pending: Vec::new(),
        }
    }

    /// Writes out `ops`.
    fn emit(&mut self, ops: Vec<Op>) -> io::Result<()> {
        let mut text = String::new();
        for op in ops {
            match op {
                Op::Char(c) => text.push(c),
                Op::Color(spec) => {
                    self.inner.write_all(text.as_bytes())?;
                    text.clear();
                    self.inner.set_color(&spec)?;
                }
                Op::Reset => {
                    self.inner.write_all(text.as_bytes())?;
                    text.clear();
                    self.inner.reset()?;
                }
            }
        }
        self.inner.write_all(text.as_bytes())
    }

    /// Breaks the line being written, which is wider than `width`.
    fn break_line(&mut self, width: usize) -> io::Result<()> {
        let chars: Vec<(usize, char)> = self
            .line
            .iter()
            .enumerate()
            .filter_map(|(i, op)| match op {
                Op::Char(c) => Some((i, *c)),
                _ => None,
            })
            .collect();
        // Where the line's own text starts (after its indentation).
        let text_start = chars.iter().position(|(_, c)| *c != ' ').unwrap_or(0);
        let space = chars
            .iter()
            .enumerate()
            .skip(text_start)
            .rev()
            .find(|(_, (_, c))| *c == ' ')
            .map(|(n, _)| n);
        let rest_width = |from: usize| -> usize {
            chars[from..]
                .iter()
                .map(|(_, c)| char_width(*c))
                .sum::<usize>()
        };
        let cut = match space {
            Some(n) if n + 1 < chars.len() && rest_width(n + 1) <= width / 2 => n + 1,
            _ => chars.len().saturating_sub(1),
        };
        let Some(&(at, _)) = chars.get(cut) else {
            return Ok(());
        };
        let rest = self.line.split_off(at);
        let mut head = std::mem::take(&mut self.line);
        // No spaces left at the end of the broken line.
        while matches!(head.last(), Some(Op::Char(' '))) {
            head.pop();
        }
        self.emit(head)?;
        self.inner.write_all(b"\n")?;
        self.line = INDENT.chars().map(Op::Char).collect();
        let mut rest = rest.into_iter().peekable();
        while matches!(rest.peek(), Some(Op::Char(' '))) {
            rest.next();
        }
        self.line.extend(rest);
        self.column = self
            .line
            .iter()
            .map(|op| match op {
                Op::Char(c) => char_width(*c),
                _ => 0,
            })
            .sum();
        Ok(())
    }
}

impl io::Write for Wrap<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let Some(width) = self.width else {
            return self.inner.write(buf);
        };
        self.pending.extend_from_slice(buf);
        let bytes = std::mem::take(&mut self.pending);
        let valid = match std::str::from_utf8(&bytes) {
            Ok(text) => text.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => {
                // Not text: passed on as it is.
                let line = std::mem::take(&mut self.line);
                self.emit(line)?;
                self.inner.write_all(&bytes)?;
                return Ok(buf.len());
            }
        };
        let text = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        for c in text.chars() {
            if c == '\n' {
                let line = std::mem::take(&mut self.line);
                self.emit(line)?;
                self.inner.write_all(b"\n")?;
                self.column = 0;
                continue;
            }
            self.line.push(Op::Char(c));
            self.column += char_width(c);
            // A line of only its indentation and one character is not
            // broken, however narrow the width.
            if self.column > width && self.column > INDENT.len() + 2 {
                self.break_line(width)?;
            }
        }
        self.pending = bytes[valid..].to_vec();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let line = std::mem::take(&mut self.line);
        self.emit(line)?;
        self.inner.flush()
    }
}

impl WriteColor for Wrap<'_> {
    fn supports_color(&self) -> bool {
        self.inner.supports_color()
    }

    fn set_color(&mut self, spec: &ColorSpec) -> io::Result<()> {
        if self.width.is_none() {
            return self.inner.set_color(spec);
        }
        self.line.push(Op::Color(spec.clone()));
        Ok(())
    }

    fn reset(&mut self) -> io::Result<()> {
        if self.width.is_none() {
            return self.inner.reset();
        }
        self.line.push(Op::Reset);
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::output::termcolor::NoColor;
    use std::io::Write;

    fn wrapped(width: usize, text: &str) -> String {
        let mut out = NoColor::new(Vec::new());
        let mut wrap = Wrap::new(&mut out, Some(width));
        // In two writes, one splitting a character.
        let bytes = text.as_bytes();
        let split = text.char_indices().nth(3).map_or(0, |(i, _)| i + 1);
        wrap.write_all(&bytes[..split]).unwrap();
        wrap.write_all(&bytes[split..]).unwrap();
        wrap.flush().unwrap();
        String::from_utf8(out.into_inner()).unwrap()
    }

    #[test]
    fn lines_break_after_a_space_or_at_a_wide_character() {
        // What follows the last space fits in half the width: it moves
        // whole, with no space left at the end of the line.
        assert_eq!(wrapped(12, "aaaa bbbbbb cc\n"), "aaaa bbbbbb\n  cc\n");
        // Chinese has no spaces: broken at the character that does not
        // fit, counting two columns for each.
        assert_eq!(wrapped(10, "一二三四五六七\n"), "一二三四五\n  六七\n");
        // A long word after the space is cut, not moved.
        assert_eq!(wrapped(10, "ab cdefghijklm"), "ab cdefghi\n  jklm");
        // Lines that fit are left alone.
        assert_eq!(wrapped(10, "一二三\nabc\n"), "一二三\nabc\n");
    }

    #[test]
    fn cut_keeps_the_start_or_the_end_within_the_width() {
        assert_eq!(cut("澹江市文化广电旅游局", 9, false), "澹江市文…");
        assert_eq!(cut("culture-tourism-2023.txt", 10, true), "…-2023.txt");
        assert_eq!(cut("短", 9, false), "短");
    }
}
