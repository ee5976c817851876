//! The audit as one self-contained HTML page for a supervisor's browser: the
//! matrix with sortable columns and colour-coded cells (the evidence in each
//! cell's tooltip), filters by issuer kind, year and completeness, the
//! similar pairs, and a drill-down per report with its elements and findings,
//! the matched text highlighted in each excerpt.
//!
//! Everything is inline: no external script, style sheet, font or image,
//! and a Content-Security-Policy that forbids the page any network request,
//! because the offices that read it are often offline. The page works
//! without JavaScript (all content is in the HTML); the script adds sorting,
//! filtering and opening a report's drill-down from its link.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{
    TIMELINESS_LEGEND, cluster_heading, clusters_summary, common_folder, kind_word, line_range,
    lines_word, pairs, passage_reach, passage_text, percent, summary, verdict_tip,
};
use crate::ErrorWords;
use crate::words::{Mark, Words};
use fzlint_core::audit::timeliness::{Status as Timely, Verdict};
use fzlint_core::audit::{Audit, Excerpt, Row};
use fzlint_core::document::metadata::IssuerKind;
use fzlint_core::element::Status;
use fzlint_core::finding::Severity;

/// A path without the folder all reports share.
fn short<'a>(path: &'a str, prefix: &str) -> &'a str {
    path.strip_prefix(prefix).unwrap_or(path)
}

/// Escapes text for HTML content and quoted attribute values.
fn esc(text: &str) -> std::borrow::Cow<'_, str> {
    quick_xml::escape::escape(text)
}

/// An excerpt with its matched text in `<mark>`.
fn marked(excerpt: &Excerpt) -> String {
    let text = &excerpt.text;
    let h = &excerpt.highlight;
    format!(
        "{}<mark>{}</mark>{}",
        esc(&text[..h.start]),
        esc(&text[h.clone()]),
        esc(&text[h.end..])
    )
}

fn status_class(status: Status) -> &'static str {
    match status {
        Status::Present => "present",
        Status::Partial => "partial",
        Status::Missing => "missing",
        Status::NotApplicable => "na",
    }
}

/// Sort key of a status: gaps sort after what is present.
fn status_rank(status: Status) -> u8 {
    match status {
        Status::Present => 0,
        Status::Partial => 1,
        Status::Missing => 2,
        Status::NotApplicable => 3,
    }
}

fn kind_key(kind: Option<IssuerKind>) -> &'static str {
    kind.map_or("unknown", |k| k.as_str())
}

fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
    }
}

const STYLE: &str = r#"
:root { --present:#d7f0d4; --partial:#fff0b8; --missing:#f7c9c5; --na:#eeeeee; --line:#c8ccd0; }
* { box-sizing: border-box; }
body { font-family: "PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif; margin: 1.5rem; color: #1f2328; line-height: 1.5; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
.summary { margin: .3rem 0; }
.filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin: .8rem 0; padding: .5rem .8rem; background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; }
.legend span { display: inline-block; padding: 0 .5rem; margin-right: .3rem; border-radius: 3px; }
.wrap { overflow-x: auto; }
table { border-collapse: collapse; }
#matrix { font-size: .875rem; }
#matrix th, #matrix td { border: 1px solid var(--line); padding: .2rem .3rem; white-space: nowrap; }
#matrix td.report { white-space: normal; overflow-wrap: anywhere; min-width: 9em; max-width: 16em; }
#matrix td.issuer { white-space: normal; min-width: 6em; max-width: 10em; }
#matrix td.t { line-height: 1.25; }
#matrix td.t .date { display: block; font-size: .8em; font-weight: normal; }
#matrix td.s { padding: .2rem 0; min-width: 1.9em; }
#matrix tfoot td.s { font-size: .75em; }
#matrix td.report, #matrix thead th:first-child, #matrix tfoot th { position: sticky; left: 0; z-index: 1; background: #fff; }
#matrix thead th:first-child { z-index: 2; background: #f6f8fa; }
#matrix tfoot th { background: #f6f8fa; }
.columns { max-width: 60rem; }
#matrix thead th { position: sticky; top: 0; background: #f6f8fa; cursor: pointer; user-select: none; vertical-align: bottom; }
#matrix thead th.col { writing-mode: vertical-rl; text-orientation: upright; letter-spacing: .05em; padding: .4rem 0; }
#matrix thead th[aria-sort="ascending"]::after { content: "▲"; }
#matrix thead th[aria-sort="descending"]::after { content: "▼"; }
#matrix tfoot th, #matrix tfoot td { background: #f6f8fa; font-weight: bold; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.s { text-align: center; }
.present { background: var(--present); }
.partial { background: var(--partial); }
.missing { background: var(--missing); font-weight: bold; }
.na { background: var(--na); color: #777; }
td.late { color: #b42318; font-weight: bold; }
td.ontime { color: #1a7f37; }
td.sim { color: #8250df; font-weight: bold; }
.similar th, .similar td, .elements th, .elements td { border: 1px solid var(--line); padding: .25rem .45rem; vertical-align: top; text-align: left; }
details.report { border: 1px solid var(--line); border-radius: 6px; margin: .5rem 0; padding: .3rem .8rem; }
details.report[open] { background: #fcfcfd; }
details.report summary { cursor: pointer; font-weight: bold; }
.findings li { margin: .35rem 0; }
.sev { display: inline-block; min-width: 2.5rem; text-align: center; border-radius: 3px; font-size: .85em; margin-right: .3rem; }
.sev-error { background: #f7c9c5; } .sev-warning { background: #fff0b8; } .sev-info { background: #dbe9f9; }
blockquote { margin: .2rem 0 .2rem 1rem; padding-left: .6rem; border-left: 3px solid var(--line); color: #444; }
mark { background: #ffe066; padding: 0 .1em; }
code { font-family: ui-monospace, "SFMono-Regular", Consolas, monospace; font-size: .9em; }
.muted { color: #6e7781; }
"#;

const SCRIPT: &str = r#"
(function () {
  var table = document.getElementById('matrix');
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var kind = document.getElementById('f-kind');
  var year = document.getElementById('f-year');
  var incomplete = document.getElementById('f-incomplete');
  var count = document.getElementById('f-count');
  var years = {};
  rows.forEach(function (r) { if (r.dataset.year) { years[r.dataset.year] = true; } });
  Object.keys(years).sort().forEach(function (y) {
    var o = document.createElement('option'); o.value = y; o.textContent = y; year.appendChild(o);
  });
  function filter() {
    var shown = 0;
    rows.forEach(function (r) {
      var ok = (!kind.value || r.dataset.kind === kind.value) &&
               (!year.value || r.dataset.year === year.value) &&
               (!incomplete.checked || r.dataset.compliant === '0');
      r.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = '显示 ' + shown + ' / ' + rows.length + ' 份';
  }
  [kind, year, incomplete].forEach(function (el) { el.addEventListener('change', filter); });
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  heads.forEach(function (th, index) {
    th.addEventListener('click', function () {
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      function key(r) {
        var cell = r.cells[index];
        return cell.dataset.v !== undefined ? Number(cell.dataset.v) : cell.textContent;
      }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var c = (typeof x === 'number' && typeof y === 'number') ? x - y : String(x).localeCompare(String(y), 'zh-CN');
        return ascending ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.tagName === 'DETAILS') { target.open = true; target.scrollIntoView(); }
  }
  window.addEventListener('hashchange', openTarget);
  openTarget();
  filter();
  document.documentElement.setAttribute('data-ready', '1');
})();
"#;

fn matrix(out: &mut String, audit: &Audit, prefix: &str) {
    let with_similar = audit.similar.is_some();
    out.push_str("<div class=\"wrap\"><table id=\"matrix\">\n<thead><tr>");
    for head in ["报告", "主体", "年度", "类型"] {
        let _ = write!(out, "<th>{head}</th>");
    }
    out.push_str("<th title=\"报送：成文日期是否在报送截止日之前\">报送</th><th title=\"公开：发布日期是否在次年4月1日之前\">公开</th><th>字数</th>");
    for column in &audit.columns {
        let _ = write!(
            out,
            "<th class=\"col\" title=\"{}（{}）\">{}</th>",
            esc(&column.title),
            esc(&column.id),
            esc(&column.label)
        );
    }
    for head in ["错误", "警告", "提示"] {
        let _ = write!(out, "<th>{head}</th>");
    }
    if with_similar {
        out.push_str("<th>相似</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (index, row) in audit.rows.iter().enumerate() {
        let _ = write!(
            out,
            "<tr data-kind=\"{}\" data-year=\"{}\" data-compliant=\"{}\">",
            kind_key(row.issuer_kind),
            row.year.map_or(String::new(), |y| y.to_string()),
            u8::from(row.compliant)
        );
        let _ = write!(
            out,
            "<td class=\"report\"><a href=\"#r{index}\" title=\"{}\">{}</a></td><td class=\"issuer\">{}</td><td class=\"num\" data-v=\"{}\">{}</td><td>{}</td>{}{}<td class=\"num\" data-v=\"{}\">{}</td>",
            esc(&row.path),
            esc(short(&row.path, prefix)),
            esc(row.issuer.as_deref().unwrap_or("")),
            row.year.unwrap_or(0),
            row.year.map_or(String::new(), |y| y.to_string()),
            kind_word(row.issuer_kind),
            verdict_td("报送", &row.timeliness.submitted),
            verdict_td("公开", &row.timeliness.published),
            row.length,
            row.length
        );
        for element in &row.elements {
            let tip = element_tip(row, element);
            let _ = write!(
                out,
                "<td class=\"s {}\" data-v=\"{}\" title=\"{}\">{}</td>",
                status_class(element.status),
                status_rank(element.status),
                esc(&tip),
                element.status.mark()
            );
        }
        for n in [row.counts.errors, row.counts.warnings, row.counts.infos] {
            let _ = write!(out, "<td class=\"num\" data-v=\"{n}\">{n}</td>");
        }
        if with_similar {
            let similar = audit.similar_to(index);
            let best = similar.iter().map(|(_, p)| percent(p.similarity)).max();
            match best {
                Some(p) => {
                    let names: Vec<String> = similar
                        .iter()
                        .map(|(other, pair)| {
                            format!(
                                "{}（{}%）",
                                audit.rows[*other].path,
                                percent(pair.similarity)
                            )
                        })
                        .collect();
                    let target = audit
                        .cluster_of(index)
                        .map_or("similar".to_owned(), |(c, _)| format!("cluster{}", c + 1));
                    let _ = write!(
                        out,
                        "<td class=\"num sim\" data-v=\"{p}\" title=\"{}\"><a href=\"#{target}\">{p}%</a></td>",
                        esc(&names.join("；"))
                    );
                }
                None => out.push_str("<td class=\"num\" data-v=\"0\"></td>"),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n<tfoot><tr>");
    let totals = &audit.totals;
    let _ = write!(out, "<th>合计 {} 份</th>", totals.reports);
    out.push_str("<td></td><td></td><td></td>");
    let _ = write!(
        out,
        "<td>逾期 {}</td><td>逾期 {}</td><td></td>",
        totals.submitted.late, totals.published.late
    );
    for t in &totals.columns {
        match t.percent() {
            Some(p) => {
                let _ = write!(
                    out,
                    "<td class=\"s\" title=\"有 {}，部分 {}，缺 {}，不适用 {}\">{p}%</td>",
                    t.present, t.partial, t.missing, t.not_applicable
                );
            }
            None => out.push_str("<td class=\"s na\">／</td>"),
        }
    }
    for n in [
        totals.counts.errors,
        totals.counts.warnings,
        totals.counts.infos,
    ] {
        let _ = write!(out, "<td class=\"num\">{n}</td>");
    }
    if with_similar {
        out.push_str("<td></td>");
    }
    out.push_str("</tr></tfoot>\n</table></div>\n");
}

/// A timeliness cell: the verdict, and its date below it; the date's
/// source and the deadline in its tooltip. Sorted by date.
fn verdict_td(what: &str, verdict: &Verdict) -> String {
    let class = match verdict.status {
        Timely::OnTime => "ontime",
        Timely::Late => "late",
        Timely::Unknown => "muted",
    };
    let date = verdict.date.map_or(String::new(), |d| {
        format!("<span class=\"date\">{d}</span>")
    });
    format!(
        "<td class=\"t {class}\" data-v=\"{}\" title=\"{}\">{}{date}</td>",
        verdict
            .date
            .map_or(0, |d| d.year * 10000 + d.month * 100 + d.day),
        esc(&verdict_tip(what, verdict)),
        verdict.status.word()
    )
}

/// A cell's tooltip: the status, and where and what the evidence is (the
/// whole excerpt is in the report's drill-down).
fn element_tip(row: &Row, element: &fzlint_core::element::Element) -> String {
    let mut tip = element.status.word().to_owned();
    if let Some(span) = &element.evidence {
        let e = row.excerpt(span);
        let _ = write!(tip, "：第{}行「{}」", e.line, e.matched());
    }
    if !element.missing_items.is_empty() {
        let _ = write!(tip, "；缺 {}", element.missing_items.join("、"));
    }
    tip
}

fn similar_section(out: &mut String, audit: &Audit, prefix: &str) {
    let Some(threshold) = audit.threshold else {
        return;
    };
    let _ = writeln!(
        out,
        "<section id=\"similar\"><h2>相似的报告（相似度 ≥ {}%）</h2>",
        percent(threshold)
    );
    let pairs = pairs(audit);
    if pairs.is_empty() {
        out.push_str("<p>没有。</p></section>\n");
        return;
    }
    out.push_str("<p class=\"muted\">相似度：较短的一份报告中，有多大比例的文字落在两份报告逐字相同的整段文字里（去掉标点和空白、数字不计差别；不足 32 字的相同片段，如各报告都用的套话，不算）。</p>\n");
    let _ = writeln!(out, "<p>{}</p>", esc(&clusters_summary(audit)));
    for (index, cluster) in audit.clusters.iter().flatten().enumerate() {
        let _ = writeln!(
            out,
            "<h3 id=\"cluster{}\">{}</h3>",
            index + 1,
            esc(&cluster_heading(index + 1, cluster))
        );
        out.push_str("<table class=\"similar\"><thead><tr><th>报告</th><th>与组内相似报告共有的文字</th></tr></thead><tbody>\n");
        for member in &cluster.members {
            let _ = writeln!(
                out,
                "<tr><td><a href=\"#r{}\">{}</a></td><td class=\"num sim\">{}%</td></tr>",
                member.text,
                esc(short(&audit.rows[member.text].path, prefix)),
                percent(member.shared)
            );
        }
        out.push_str("</tbody></table>\n");
        if !cluster.passages.is_empty() {
            out.push_str("<table class=\"similar\"><thead><tr><th>共同的段落</th><th>在各报告中的位置</th></tr></thead><tbody>\n");
            for passage in &cluster.passages {
                let text = passage.places.first().map_or(String::new(), |(row, span)| {
                    passage_text(&audit.rows[*row], span, 120)
                });
                let _ = write!(
                    out,
                    "<tr><td>{}：<q>{}</q></td><td>",
                    esc(&passage_reach(cluster, passage)),
                    esc(&text)
                );
                for (row, span) in &passage.places {
                    let r = &audit.rows[*row];
                    let _ = write!(
                        out,
                        "<div><a href=\"#r{row}\">{}</a> {}</div>",
                        esc(short(&r.path, prefix)),
                        lines_word(line_range(&r.source, span))
                    );
                }
                out.push_str("</td></tr>\n");
            }
            out.push_str("</tbody></table>\n");
        }
    }
    let between = audit.pairs_between_clusters();
    if between.is_empty() {
        out.push_str("</section>\n");
        return;
    }
    out.push_str("<h3>不同组之间的相似报告</h3>\n");
    out.push_str("<table class=\"similar\"><thead><tr><th>相似度</th><th>报告</th><th>报告</th><th>共同的段落</th></tr></thead><tbody>\n");
    for pair in between {
        let a = &audit.rows[pair.a];
        let b = &audit.rows[pair.b];
        let _ = write!(
            out,
            "<tr><td class=\"num sim\">{}%</td><td><a href=\"#r{}\">{}</a></td><td><a href=\"#r{}\">{}</a></td><td>",
            percent(pair.similarity),
            pair.a,
            esc(short(&a.path, prefix)),
            pair.b,
            esc(short(&b.path, prefix))
        );
        for passage in &pair.passages {
            let _ = write!(
                out,
                "<div>{} ≈ {}：<q>{}</q></div>",
                lines_word(line_range(&a.source, &passage.a)),
                lines_word(line_range(&b.source, &passage.b)),
                esc(&passage_text(a, &passage.a, 120))
            );
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody></table></section>\n");
}

fn drill_down(out: &mut String, audit: &Audit, prefix: &str) {
    out.push_str("<section id=\"reports\"><h2>逐份报告</h2>\n");
    for (index, row) in audit.rows.iter().enumerate() {
        let _ = write!(
            out,
            "<details class=\"report\" id=\"r{index}\"><summary>{}　<span class=\"muted\">{} {} {}</span></summary>\n<p class=\"muted\">{}</p>\n",
            esc(short(&row.path, prefix)),
            esc(row.issuer.as_deref().unwrap_or("主体不明")),
            row.year
                .map_or("年度不明".to_owned(), |y| format!("{y}年度")),
            kind_word(row.issuer_kind),
            esc(&row.path)
        );
        let _ = writeln!(
            out,
            "<p>{}<br>{}</p>",
            esc(&verdict_tip("报送", &row.timeliness.submitted)),
            esc(&verdict_tip("公开", &row.timeliness.published))
        );
        if let Some(title) = &row.title {
            let _ = writeln!(out, "<p>标题：{}</p>", esc(title));
        }
        out.push_str("<h3>必备要素</h3>\n<table class=\"elements\"><tbody>\n");
        for (column, element) in audit.columns.iter().zip(&row.elements) {
            let _ = write!(
                out,
                "<tr><th>{}</th><td class=\"{}\">{}</td><td>",
                esc(&column.label),
                status_class(element.status),
                element.status.word()
            );
            if let Some(span) = &element.evidence {
                let e = row.excerpt(span);
                let _ = write!(out, "第{}行：{}", e.line, marked(&e));
            }
            if !element.missing_items.is_empty() {
                let _ = write!(
                    out,
                    "<div>缺：{}</div>",
                    esc(&element.missing_items.join("、"))
                );
            }
            out.push_str("</td></tr>\n");
        }
        out.push_str("</tbody></table>\n");
        let _ = writeln!(out, "<h3>问题（{}）</h3>", row.findings.len());
        if !row.findings.is_empty() {
            out.push_str("<ol class=\"findings\">\n");
            for finding in &row.findings {
                let e = row.excerpt(&finding.span);
                let _ = writeln!(
                    out,
                    "<li><span class=\"sev sev-{}\">{}</span><code>{}</code> 第{}行：{}<blockquote>{}</blockquote></li>",
                    finding.severity.as_str(),
                    severity_word(finding.severity),
                    esc(&finding.rule),
                    e.line,
                    esc(&finding.message),
                    marked(&e)
                );
            }
            out.push_str("</ol>\n");
        }
        out.push_str("</details>\n");
    }
    out.push_str("</section>\n");
}

/// Writes an audit as one self-contained HTML page.
pub fn write(out: &mut dyn Write, audit: &Audit, error_words: ErrorWords<'_>) -> io::Result<()> {
    let totals = &audit.totals;
    let mut page = String::new();
    page.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    // fzlint's mark: a folder walk passes this file over next time.
    let _ = writeln!(
        page,
        "<meta name=\"generator\" content=\"{}\">",
        fzlint_core::document::genre::GENERATED
    );
    page.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    page.push_str("<title>法治政府建设年度报告审计</title>\n<style>");
    page.push_str(STYLE);
    page.push_str("</style>\n</head>\n<body>\n<h1>法治政府建设年度报告审计</h1>\n");
    let _ = writeln!(
        page,
        "<p class=\"summary\">{}</p>",
        summary(totals, |text| format!("<a href=\"#failed\">{text}</a>"))
    );
    page.push_str("<div class=\"filters\"><label>类型 <select id=\"f-kind\"><option value=\"\">全部</option><option value=\"government\">政府</option><option value=\"department\">部门</option><option value=\"unknown\">不明</option></select></label>");
    page.push_str(
        "<label>年度 <select id=\"f-year\"><option value=\"\">全部</option></select></label>",
    );
    page.push_str("<label><input type=\"checkbox\" id=\"f-incomplete\"> 只看要素不齐全的</label><span id=\"f-count\" class=\"muted\"></span></div>\n");
    let _ = writeln!(
        page,
        "<p class=\"legend\"><span class=\"present\">{} 有</span><span class=\"partial\">{} 部分</span><span class=\"missing\">{} 缺</span><span class=\"na\">{} 不适用</span> 点击列标题排序；把鼠标停在格子上可看到证据，点击报告名查看详情。</p>",
        Status::Present.mark(),
        Status::Partial.mark(),
        Status::Missing.mark(),
        Status::NotApplicable.mark()
    );
    let prefix = common_folder(audit.rows.iter().map(|r| r.path.as_str()));
    if !prefix.is_empty() {
        let _ = writeln!(page, "<p class=\"muted\">报告位于 {}</p>", esc(&prefix));
    }
    matrix(&mut page, audit, &prefix);
    let columns: Vec<String> = audit
        .columns
        .iter()
        .map(|c| format!("{}：{}", esc(&c.label), esc(&c.title)))
        .collect();
    page.push_str("<p class=\"muted columns\">");
    if !columns.is_empty() {
        let _ = write!(page, "列：{}。", columns.join("；"));
    }
    let _ = writeln!(page, "{}</p>", esc(TIMELINESS_LEGEND));
    similar_section(&mut page, audit, &prefix);
    if !audit.failed.is_empty() {
        page.push_str("<section id=\"failed\"><h2>无法读取的文件</h2><ul>\n");
        for error in &audit.failed {
            let _ = writeln!(page, "<li>{}</li>", esc(&error_words(error)));
        }
        page.push_str("</ul></section>\n");
    }
    if !audit.skipped.is_empty() {
        page.push_str("<section id=\"skipped\"><h2>不像年度报告、已跳过的文件</h2><ul>\n");
        for (path, skip) in &audit.skipped {
            let _ = writeln!(page, "<li>{}：{}</li>", esc(path), esc(skip.message()));
        }
        page.push_str("</ul></section>\n");
    }
    drill_down(&mut page, audit, &prefix);
    let _ = writeln!(
        page,
        "<footer class=\"muted\" id=\"provenance\">检查工具：{}</footer>",
        esc(&audit.provenance.line())
    );
    page.push_str("<script>");
    page.push_str(SCRIPT);
    page.push_str("</script>\n</body>\n</html>\n");
    out.write_all(page.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_content_and_attributes() {
        assert_eq!(
            esc("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;"
        );
        let e = Excerpt {
            line: 1,
            column: 1,
            text: "甲<乙>丙".to_owned(),
            highlight: 3..8,
        };
        assert_eq!(marked(&e), "甲<mark>&lt;乙&gt;</mark>丙");
    }
}
