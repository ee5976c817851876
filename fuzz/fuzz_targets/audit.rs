//! `fzlint audit --similar` on a handful of reports: 2–6 small reports in
//! plain text or Markdown built from the fuzz input in the genre's shape,
//! later ones reusing passages of earlier ones (whole, re-laid out, with new
//! figures, full-width digits, changed punctuation), some unreadable, with a
//! manifest sometimes; or the raw input split into reports. Each is checked
//! through the engine's entry point and added to the audit as the command
//! line does, similar reports are looked for at a fuzzed threshold, and the
//! audit is written as the terminal table and through `fzlint-export`'s
//! CSV, JSON, Markdown and HTML writers.
//!
//! Nothing may panic; the audit's counts must add up; every similar pair
//! must be two rows in order, its similarity in [0, 1] and at the
//! threshold, its passages byte ranges on character boundaries of the right
//! texts that read the same once reduced as the similarity measure reduces
//! them; the exports must be UTF-8, the JSON must parse, the CSV must read
//! back with one record per report and no cell a spreadsheet would run as
//! a formula, and the HTML page must have no script but its own.
//!
//! The first byte selects: bit 0 the raw input, else the structure; raw,
//! bit 1 the first part is a manifest, bits 2–7 report 1–6 is Markdown,
//! the second byte the threshold (/255), and the rest is split at 0xFF
//! bytes into the manifest and up to six reports.

#![no_main]

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use fzlint::output::termcolor::NoColor;
use fzlint_core::audit::manifest::ManifestCsv;
use fzlint_core::audit::{self, Audit};
use fzlint_core::engine::{FileResult, Input, Outcome, Selection};
use fzlint_core::error::InputError;
use fzlint_core::similar;
use fzlint_core::text::decode::encoding_for_label;
use fzlint_fuzz::dice::Dice;
use fzlint_fuzz::{assert_result_sound, embedded_engine, genre};
use libfuzzer_sys::fuzz_target;

/// One report as the audit gets it: its name and bytes.
struct Report {
    name: String,
    bytes: Vec<u8>,
}

/// What the fuzz input asks for.
struct Case {
    reports: Vec<Report>,
    manifest: Option<Vec<u8>>,
    threshold: f64,
    /// Columns to leave out (as a config's `disable` does).
    disabled: Vec<usize>,
    /// Options for a direct call of `similar::find`.
    direct: similar::Options,
}

const FOLDERS: &[&str] = &[
    "reports/",
    "reports/county/",
    "",
    "报告/2025/",
    "a b/",
    "./reports/",
];

/// Names a spreadsheet or a Markdown table could take for something else.
const ODD_NAMES: &[&str] = &[
    "=1+1县司法局",
    "+86电话",
    "-草稿",
    "@SUM(A1)",
    "报告|竖线",
    "引号\"和,逗号",
    "换\n行",
    "<script>alert(1)</script>",
    "\tTab",
    "&amp;",
];

fn threshold_of(byte: u8) -> f64 {
    match byte % 16 {
        0 => 0.0,
        1 => 1.0,
        2 => similar::Options::default().threshold,
        _ => f64::from(byte) / 255.0,
    }
}

/// Takes a piece of `text`, on character boundaries.
fn piece<'t>(dice: &mut Dice<'_>, text: &'t str) -> &'t str {
    let chars = text.chars().count();
    let start = dice.below(chars.max(1));
    let len = 16 + dice.below(400);
    let from = text
        .char_indices()
        .nth(start)
        .map_or(text.len(), |(i, _)| i);
    let to = text[from..]
        .char_indices()
        .nth(len)
        .map_or(text.len(), |(i, _)| from + i);
    &text[from..to]
}

/// A copied passage changed as copies are: new figures, full-width digits,
/// other punctuation, re-laid out, spaces in it.
fn retouch(dice: &mut Dice<'_>, passage: &str) -> String {
    match dice.below(7) {
        0 => passage
            .chars()
            .map(|c| if c.is_ascii_digit() { '7' } else { c })
            .collect(),
        1 => passage
            .chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)
                } else {
                    c
                }
            })
            .collect(),
        2 => passage
            .replace('，', ",")
            .replace('。', ".")
            .replace('、', ";"),
        3 => passage.replace('\n', ""),
        4 => passage.chars().flat_map(|c| [c, ' ']).collect(),
        5 => passage.replace('。', "。\n　　"),
        _ => passage.to_owned(),
    }
}

/// A report's text in the genre's shape, reusing passages of `earlier`.
fn report_text(dice: &mut Dice<'_>, earlier: &[String], markdown: bool) -> String {
    if !earlier.is_empty() && dice.one_in(6) {
        // A copy of an earlier report, retouched.
        let from = &earlier[dice.below(earlier.len())];
        return retouch(dice, from);
    }
    let mut out = String::new();
    let h = |level: usize| {
        if markdown {
            "#".repeat(level + 1) + " "
        } else {
            String::new()
        }
    };
    if !dice.one_in(8) {
        out.push_str(&h(0));
        out.push_str(&genre::title(dice));
        out.push_str("\n\n");
    }
    for section in 0..=dice.below(4) {
        if dice.is_empty() {
            break;
        }
        out.push_str(&h(1));
        out.push_str(&genre::heading_line(dice, 0, section));
        out.push('\n');
        for sub in 0..=dice.below(4) {
            match dice.below(8) {
                0 => {
                    out.push_str(&h(2));
                    out.push_str(&genre::heading_line(dice, 1, sub));
                    out.push('\n');
                }
                1 | 2 if !earlier.is_empty() => {
                    let from = &earlier[dice.below(earlier.len())];
                    let passage = piece(dice, from).to_owned();
                    out.push_str(&retouch(dice, &passage));
                    out.push('\n');
                }
                3 => {
                    // A refrain, the same sentence many times.
                    let sentence = genre::sentence(dice);
                    out.push_str(&sentence.repeat(1 + dice.below(20)));
                    out.push('\n');
                }
                4 if markdown => {
                    let md = dice.pick(&[
                        "- 列表项一\n- 列表项二\n",
                        "> 引用的一段文字。\n",
                        "```\n代码块里的字\n```\n",
                        "| 项目 | 数量 |\n|---|---:|\n| 案件 | 12 |\n",
                        "<!-- fzlint-disable placeholder -- 例外 -->\n",
                        "**加粗的段落**\n",
                    ]);
                    out.push_str(md);
                }
                5 => {
                    let raw = dice.take(48);
                    out.push_str(&String::from_utf8_lossy(raw));
                    out.push('\n');
                }
                _ => {
                    out.push_str("　　");
                    out.push_str(&genre::paragraph(dice));
                    out.push('\n');
                }
            }
        }
    }
    if !dice.one_in(6) {
        let (issuer, date) = genre::closing(dice);
        out.push_str(&format!("\n{issuer}\n{date}\n"));
    }
    out
}

/// The bytes of a text as saved: UTF-8, with a byte-order mark, GB18030,
/// UTF-16LE, CRLF line ends; or bytes that cannot be read.
fn encode(dice: &mut Dice<'_>, text: &str) -> Vec<u8> {
    match dice.below(12) {
        0 => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        1 => {
            let gb18030 = encoding_for_label("gb18030").expect("GB18030");
            gb18030.encode(text).0.into_owned()
        }
        2 => {
            let mut out = b"\xFF\xFE".to_vec();
            out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            out
        }
        3 => text.replace('\n', "\r\n").into_bytes(),
        4 if dice.one_in(4) => b"\x00\x01\x02binary\xFF".to_vec(),
        4 if dice.one_in(3) => Vec::new(),
        _ => text.as_bytes().to_vec(),
    }
}

/// A manifest naming some of the reports (and one that is not there).
fn manifest(dice: &mut Dice<'_>, names: &[String]) -> Vec<u8> {
    let mut out = dice
        .pick(&[
            "路径,主体,发布日期\n",
            "path,issuer,published\n",
            "文件,单位,发布时间\n",
            "\u{feff}路径,主体,发布日期\n",
            "path,published\n",
            "主体,路径\n",
        ])
        .to_owned();
    for name in names {
        if dice.one_in(3) {
            continue;
        }
        let issuer = match dice.below(4) {
            0 => String::new(),
            1 => "\"澹江市某局,二处\"".to_owned(),
            _ => genre::issuer(dice),
        };
        let date = genre::date(dice);
        let name = name.replace('"', "\"\"");
        out.push_str(&format!("\"{name}\",{issuer},{date}\n"));
    }
    if dice.one_in(3) {
        out.push_str("withdrawn/old-bureau-2023.txt,澹江市某局,2024-03-01\n");
    }
    out.into_bytes()
}

fn structured(data: &[u8]) -> Case {
    let mut dice = Dice::new(data);
    let count = 2 + dice.below(5);
    let threshold = threshold_of(dice.byte());
    let mut texts: Vec<String> = Vec::new();
    let mut reports = Vec::new();
    for i in 0..count {
        let markdown = dice.one_in(3);
        let text = report_text(&mut dice, &texts, markdown);
        let bytes = encode(&mut dice, &text);
        texts.push(text);
        let folder = dice.pick(FOLDERS);
        let stem = if dice.one_in(6) {
            dice.pick(ODD_NAMES).to_owned()
        } else {
            format!("{}-{}", genre::issuer(&mut dice), 2015 + dice.below(20))
        };
        let ext = match dice.below(16) {
            0 => "doc",
            1 => "TXT",
            _ if markdown => "md",
            _ => "txt",
        };
        reports.push(Report {
            name: format!("{folder}{i}-{stem}.{ext}"),
            bytes,
        });
    }
    let names: Vec<String> = reports.iter().map(|r| r.name.clone()).collect();
    let manifest = dice.one_in(3).then(|| manifest(&mut dice, &names));
    let disabled = (0..dice.below(3)).map(|_| dice.byte().into()).collect();
    let direct = similar::Options {
        threshold: threshold_of(dice.byte()),
        shingle: dice.below(13),
        sample: dice.below(9) as u64,
        min_passage: dice.below(65),
        max_passages: dice.below(9),
    };
    Case {
        reports,
        manifest,
        threshold,
        disabled,
        direct,
    }
}

fn raw(mode: u8, data: &[u8]) -> Case {
    let Some((&t, rest)) = data.split_first() else {
        return Case {
            reports: Vec::new(),
            manifest: None,
            threshold: 0.5,
            disabled: Vec::new(),
            direct: similar::Options::default(),
        };
    };
    let mut parts = rest.split(|&b| b == 0xFF);
    let manifest = if mode & 2 != 0 {
        parts.next().map(<[u8]>::to_vec)
    } else {
        None
    };
    let reports = parts
        .take(6)
        .enumerate()
        .map(|(i, bytes)| Report {
            name: format!(
                "reports/{i}.{}",
                if (mode >> (2 + i)) & 1 == 1 {
                    "md"
                } else {
                    "txt"
                }
            ),
            bytes: bytes.to_vec(),
        })
        .collect();
    Case {
        reports,
        manifest,
        threshold: threshold_of(t),
        disabled: Vec::new(),
        direct: similar::Options::default(),
    }
}

/// Letters and digits, full-width forms folded, every digit 0: what the
/// similarity measure compares (`fzlint_core::similar`).
fn reduced(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .map(|c| if c.is_numeric() { '0' } else { c })
        .collect()
}

fn assert_span(text: &str, span: &std::ops::Range<usize>, what: &str) {
    assert!(
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end),
        "{what}: {span:?} outside a text of {} bytes or not on character boundaries",
        text.len()
    );
}

/// Pairs of `texts` as `similar::find` promises them.
fn assert_pairs_sound(texts: &[&str], pairs: &[similar::Pair], options: &similar::Options) {
    for pair in pairs {
        assert!(
            pair.a < pair.b && pair.b < texts.len(),
            "pair ({}, {}) of {} texts",
            pair.a,
            pair.b,
            texts.len()
        );
        assert!(
            (0.0..=1.0).contains(&pair.similarity),
            "similarity {}",
            pair.similarity
        );
        assert!(
            pair.similarity >= options.threshold,
            "similarity {} below the threshold {}",
            pair.similarity,
            options.threshold
        );
        assert!(
            pair.passages.len() <= options.max_passages,
            "{} passages, at most {} asked for",
            pair.passages.len(),
            options.max_passages
        );
        let (a, b) = (texts[pair.a], texts[pair.b]);
        for passage in &pair.passages {
            assert_span(a, &passage.a, "passage in the first text");
            assert_span(b, &passage.b, "passage in the second text");
            let (in_a, in_b) = (
                reduced(&a[passage.a.clone()]),
                reduced(&b[passage.b.clone()]),
            );
            assert_eq!(
                in_a,
                in_b,
                "the passage reads differently in the two texts: {:?} / {:?}",
                &a[passage.a.clone()],
                &b[passage.b.clone()]
            );
            assert_eq!(in_a.len(), passage.chars, "the passage's length");
            assert!(
                passage.chars >= options.min_passage,
                "a passage of {} characters, shorter than {}",
                passage.chars,
                options.min_passage
            );
        }
        assert!(
            pair.passages.windows(2).all(|w| w[0].chars >= w[1].chars),
            "passages not longest first"
        );
    }
    assert!(
        pairs.windows(2).all(|w| {
            let (x, y) = (&w[0], &w[1]);
            x.similarity > y.similarity || (x.similarity == y.similarity && (x.a, x.b) < (y.a, y.b))
        }),
        "pairs not ordered by similarity, then by index"
    );
}

fn assert_audit_sound(audit: &Audit, reports: usize, threshold: f64) {
    assert_eq!(
        audit.rows.len() + audit.failed.len(),
        reports,
        "rows and failures"
    );
    let totals = &audit.totals;
    assert_eq!(totals.reports, audit.rows.len());
    assert_eq!(totals.failed, audit.failed.len());
    assert!(totals.compliant <= totals.reports);
    for verdict in [totals.submitted, totals.published] {
        assert!(verdict.late + verdict.unknown <= totals.reports);
    }
    assert_eq!(totals.columns.len(), audit.columns.len());
    for (column, counts) in audit.columns.iter().zip(&totals.columns) {
        assert_eq!(
            counts.applicable() + counts.not_applicable,
            audit.rows.len(),
            "the totals of column {}",
            column.id
        );
    }
    for row in &audit.rows {
        assert_eq!(
            row.elements.len(),
            audit.columns.len(),
            "{}: one element per column",
            row.path
        );
        fzlint_fuzz::assert_findings_sound(&row.source, &row.findings);
    }
    assert_eq!(audit.threshold, Some(threshold));
    let pairs = audit
        .similar
        .as_deref()
        .expect("similar reports were asked for");
    let texts: Vec<&str> = audit.rows.iter().map(|r| r.source.text()).collect();
    let options = similar::Options {
        threshold,
        ..similar::Options::default()
    };
    assert_pairs_sound(&texts, pairs, &options);
    for row in 0..audit.rows.len() {
        let expected = pairs.iter().filter(|p| p.a == row || p.b == row).count();
        assert_eq!(audit.similar_to(row).len(), expected, "pairs of row {row}");
    }
}

/// How many `<script` a page of the HTML export has with no report: its
/// own.
fn own_scripts() -> usize {
    static SCRIPTS: OnceLock<usize> = OnceLock::new();
    *SCRIPTS.get_or_init(|| {
        let empty = Audit::new(
            Vec::new(),
            embedded_engine().rules(),
            audit::Options::default(),
        );
        let mut page = Vec::new();
        fzlint_export::audit::html::write(&mut page, &empty, &words).expect("writing to memory");
        scripts(&String::from_utf8(page).expect("UTF-8"))
    })
}

fn scripts(page: &str) -> usize {
    page.to_ascii_lowercase().matches("<script").count()
}

fn words(error: &InputError) -> String {
    fzlint::output::words::input_error(error)
}

/// A cell that Excel or WPS would run as a formula: one that starts like
/// one and is not a plain number (`-3`, `1.5e3`; `-inf` is not one).
fn formula(cell: &str) -> bool {
    let number = cell.parse::<f64>().is_ok()
        && cell
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '+' | '-' | 'e' | 'E'));
    cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && !number
}

/// Writes the audit in every format, into memory, and reads back what can
/// be read.
fn export(audit: &Audit) {
    // As wide as its columns (a file or a pipe), and fitted to a terminal.
    for width in [None, Some(80), Some(24)] {
        let mut table = NoColor::new(Vec::new());
        fzlint::output::audit::table::write(&mut table, audit, width).expect("writing to memory");
        String::from_utf8(table.into_inner()).expect("the table is UTF-8");
    }

    let mut json = Vec::new();
    fzlint_export::audit::json::write(&mut json, audit, &words).expect("writing to memory");
    let value: serde_json::Value = serde_json::from_slice(&json).expect("the JSON parses");
    assert_eq!(
        value["reports"].as_array().map(Vec::len),
        Some(audit.rows.len()),
        "one JSON report per row"
    );
    assert_eq!(
        value["similar"].as_array().map(Vec::len),
        audit.similar.as_ref().map(Vec::len),
        "one JSON pair per pair"
    );

    let mut csv = Vec::new();
    fzlint_export::audit::csv::write(&mut csv, audit, &words).expect("writing to memory");
    let text = String::from_utf8(csv).expect("the CSV is UTF-8");
    let body = text
        .strip_prefix('\u{feff}')
        .expect("the CSV starts with a byte-order mark");
    let records: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.expect("the CSV reads back"))
        .collect();
    assert_eq!(
        records.len(),
        1 + audit.rows.len() + 1 + audit.failed.len() + 1,
        "header, rows, totals, failures, provenance"
    );
    let width = records[0].len();
    for (i, record) in records.iter().enumerate() {
        assert_eq!(
            record.len(),
            width,
            "CSV record {i} has {} cells",
            record.len()
        );
        for cell in record {
            assert!(!formula(cell), "CSV record {i}: a formula {cell:?}");
        }
    }
    for (row, record) in audit.rows.iter().zip(&records[1..]) {
        let path = &record[0];
        assert!(
            path == row.path || path.strip_prefix('\'') == Some(row.path.as_str()),
            "CSV path {path:?} for {:?}",
            row.path
        );
    }

    let mut markdown = Vec::new();
    fzlint_export::audit::markdown::write(&mut markdown, audit, &words).expect("writing to memory");
    String::from_utf8(markdown).expect("the Markdown is UTF-8");

    let mut html = Vec::new();
    fzlint_export::audit::html::write(&mut html, audit, &words).expect("writing to memory");
    let page = String::from_utf8(html).expect("the HTML is UTF-8");
    assert_eq!(
        scripts(&page),
        own_scripts(),
        "a script from a report in the HTML page"
    );
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let case = if mode & 1 == 1 {
        raw(mode, rest)
    } else {
        structured(rest)
    };
    let rules = embedded_engine();
    let manifest = case
        .manifest
        .as_deref()
        .and_then(|bytes| ManifestCsv::parse("manifest.csv", bytes, Path::new("")).ok())
        .map(Arc::new);
    let mut selection = Selection::all(rules.rules());
    let columns: Vec<usize> = rules.rules().columns().map(|(i, _)| i).collect();
    for pick in &case.disabled {
        if !columns.is_empty() {
            selection.set_enabled(columns[pick % columns.len()], false);
        }
    }
    let mut builder = Audit::builder(
        rules.rules(),
        audit::Options {
            similar: Some(similar::Options {
                threshold: case.threshold,
                ..similar::Options::default()
            }),
            manifest: manifest
                .clone()
                .map(|m| m as Arc<dyn fzlint_core::audit::Manifest>),
            selection: Some(&selection),
        },
    );
    for report in &case.reports {
        let result = FileResult::from(rules.check(&Input::new(&report.name, &report.bytes)));
        assert_result_sound(&result);
        if let Outcome::Checked { .. } = &result.outcome {
            assert_eq!(result.path, report.name);
        }
        builder.add(result);
    }
    let audit = builder.finish();
    assert_audit_sound(&audit, case.reports.len(), case.threshold);
    if let Some(manifest) = &manifest {
        let audited: Vec<PathBuf> = audit.rows.iter().map(|r| PathBuf::from(&r.path)).collect();
        let _ = manifest.unmatched(&audited);
    }
    export(&audit);

    // The similarity measure with other options than the command line's.
    let texts: Vec<&str> = audit.rows.iter().map(|r| r.source.text()).collect();
    let found = similar::search(&texts, &case.direct);
    let effective = similar::Options {
        shingle: case.direct.shingle.max(2),
        ..case.direct
    };
    assert_pairs_sound(&texts, &found.pairs, &effective);
    assert_clusters_sound(&texts, &found, &effective);
});

/// Clusters of `found` as `similar::search` promises them: every text of a
/// pair in exactly one cluster and no other text; each cluster's pairs
/// exactly the pairs between its members; its passages the same words in
/// every place.
fn assert_clusters_sound(texts: &[&str], found: &similar::Similar, options: &similar::Options) {
    let mut cluster_of = vec![None; texts.len()];
    for (c, cluster) in found.clusters.iter().enumerate() {
        assert!(cluster.members.len() >= 2, "a cluster of one: {cluster:?}");
        assert!(
            cluster.members.windows(2).all(|w| w[0].text < w[1].text),
            "members not in text order: {cluster:?}"
        );
        for member in &cluster.members {
            assert!(member.text < texts.len());
            assert!(
                cluster_of[member.text].is_none(),
                "text {} in two clusters",
                member.text
            );
            cluster_of[member.text] = Some(c);
            assert!(
                (0.0..=1.0).contains(&member.shared),
                "shared {}",
                member.shared
            );
        }
        assert!(
            options.threshold <= cluster.lowest
                && cluster.lowest <= cluster.highest
                && cluster.highest <= 1.0,
            "similarity range {}–{}",
            cluster.lowest,
            cluster.highest
        );
        assert!(cluster.passages.len() <= options.max_passages);
        for passage in &cluster.passages {
            assert!(passage.places.len() >= 2, "a passage in one place");
            assert!(
                passage.places.windows(2).all(|w| w[0].0 < w[1].0),
                "places not one per member in text order: {passage:?}"
            );
            let (first, span) = &passage.places[0];
            let words = reduced(&texts[*first][span.clone()]);
            assert_eq!(words.len(), passage.chars, "the passage's length");
            assert!(passage.chars >= options.min_passage);
            for (text, span) in &passage.places {
                assert!(
                    cluster.members.iter().any(|m| m.text == *text),
                    "a passage's place in text {text}, not a member"
                );
                assert_span(texts[*text], span, "a cluster passage");
                assert_eq!(
                    reduced(&texts[*text][span.clone()]),
                    words,
                    "the passage reads differently"
                );
            }
        }
    }
    for (index, pair) in found.pairs.iter().enumerate() {
        let (Some(a), Some(b)) = (cluster_of[pair.a], cluster_of[pair.b]) else {
            panic!("pair ({}, {}) outside every cluster", pair.a, pair.b);
        };
        assert_eq!(
            a == b,
            found.clusters[a].pairs.contains(&index),
            "pair {index} listed in its cluster if and only if both texts are in it"
        );
    }
    let listed: usize = found.clusters.iter().map(|c| c.pairs.len()).sum();
    let inside = found
        .pairs
        .iter()
        .filter(|p| cluster_of[p.a] == cluster_of[p.b])
        .count();
    assert_eq!(listed, inside, "a cluster lists a pair twice or another's");
    let in_pairs = (0..texts.len())
        .filter(|&t| found.pairs.iter().any(|p| p.a == t || p.b == t))
        .count();
    let in_clusters = cluster_of.iter().filter(|c| c.is_some()).count();
    assert_eq!(in_pairs, in_clusters, "a text in a cluster without a pair");
}
