//! End-to-end tests of `fzlint audit`: the matrix on the audit fixtures
//! (every element the fixtures' EXPECTED.md describes), the copied and the
//! templated pair and no other, timeliness from the reports and from a
//! manifest, broken files beside good ones, exit statuses, CSV that a CSV
//! parser reads back, and a config that drops columns.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

#[path = "support/synthetic.rs"]
mod synthetic;

use assert_cmd::Command;
use predicates::str::contains;
use serde_json::Value;

fn fzlint(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fzlint"));
    cmd.current_dir(dir);
    cmd
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn audit_json(args: &[&str]) -> Value {
    let assert = fzlint(root())
        .args(["audit", "--no-config", "--format", "json"])
        .args(args)
        .assert()
        .code(0);
    serde_json::from_slice(&assert.get_output().stdout).unwrap()
}

/// `file name → report` for the reports of an audit.
fn by_name(audit: &Value) -> BTreeMap<String, &Value> {
    audit["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let path = r["path"].as_str().unwrap();
            (path.rsplit('/').next().unwrap().to_owned(), r)
        })
        .collect()
}

/// The `key` string of every object in a JSON array.
fn field<'a>(array: &'a Value, key: &str) -> Vec<&'a str> {
    array
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item[key].as_str().unwrap())
        .collect()
}

fn status<'a>(report: &'a Value, rule: &str) -> &'a str {
    report["elements"][rule]["status"].as_str().unwrap()
}

const CORE: [&str; 5] = [
    "shortcomings-section",
    "first-responsible-person",
    "three-enforcement-systems",
    "legality-review",
    "who-enforces-educates",
];

#[test]
fn the_matrix_matches_what_the_fixtures_contain() {
    let audit = audit_json(&["fixtures/audit"]);
    assert_eq!(audit["version"], 1);
    let columns = field(&audit["columns"], "rule");
    assert_eq!(&columns[..5], &CORE);
    let reports = by_name(&audit);
    assert_eq!(reports.len(), 12);

    // (file, rule, status) for every gap EXPECTED.md lists; every other
    // core element of every report is present.
    let gaps = [
        (
            "fengzhu-district-2024.txt",
            "shortcomings-section",
            "partial",
        ),
        (
            "cenling-county-2023.txt",
            "first-responsible-person",
            "missing",
        ),
        (
            "culture-tourism-2023.txt",
            "three-enforcement-systems",
            "partial",
        ),
        ("statistics-2024.md", "legality-review", "missing"),
        ("health-2022.txt", "who-enforces-educates", "missing"),
        ("gov-office-2024.md", "shortcomings-section", "missing"),
        (
            "lichuan-emergency-2024.txt",
            "three-enforcement-systems",
            "missing",
        ),
    ];
    for (name, report) in &reports {
        for rule in CORE {
            let expected = gaps
                .iter()
                .find(|(n, r, _)| n == name && *r == rule)
                .map_or("present", |(_, _, s)| *s);
            assert_eq!(status(report, rule), expected, "{name} {rule}");
        }
    }

    // Evidence: where each present or partial element was found.
    let paragraph = &reports["fengzhu-district-2024.txt"]["elements"]["shortcomings-section"];
    assert_eq!(paragraph["line"], 18);
    assert!(paragraph["excerpt"].as_str().unwrap().contains("问题"));
    let partial = &reports["culture-tourism-2023.txt"]["elements"]["three-enforcement-systems"];
    assert_eq!(
        partial["missing_items"],
        serde_json::json!(["重大执法决定法制审核制度"])
    );
    assert_eq!(partial["line"], 14);
    let missing = &reports["cenling-county-2023.txt"]["elements"]["first-responsible-person"];
    assert!(missing.get("line").is_none() && missing.get("excerpt").is_none());
    let present = &reports["danjiang-city-2023.md"]["elements"]["three-enforcement-systems"];
    let excerpt = present["excerpt"].as_str().unwrap();
    assert!(excerpt.contains(present["match"].as_str().unwrap()));

    // 突发事件 applies to governments only.
    let emergency = |name: &str| status(reports[name], "topic-emergency-response");
    assert_eq!(emergency("transport-2023.txt"), "not_applicable");
    assert_eq!(emergency("danjiang-city-2023.md"), "present");

    // Metadata and timeliness.
    let culture = reports["culture-tourism-2023.txt"];
    assert_eq!(culture["issuer"], "澹江市文化广电旅游局");
    assert_eq!(culture["issuer_kind"], "department");
    assert_eq!(culture["year"], 2023);
    let submitted = &culture["timeliness"]["submitted"];
    assert_eq!(submitted["status"], "late");
    assert_eq!(submitted["date"], "2024-03-18");
    assert_eq!(submitted["source"], "written");
    assert_eq!(submitted["deadline"], "2024-03-01");
    // A city government reports to its party committee and people's
    // congress by 3月1日 as well.
    let danjiang = &reports["danjiang-city-2023.md"]["timeliness"]["submitted"];
    assert_eq!(danjiang["status"], "late");
    assert_eq!(danjiang["deadline"], "2024-03-01");
    assert_eq!(
        reports["cenling-county-2023.txt"]["timeliness"]["submitted"]["status"],
        "unknown"
    );
    // Without a manifest or a 发布时间, no publication date.
    let published = &culture["timeliness"]["published"];
    assert_eq!(published["status"], "unknown");
    assert_eq!(published["date"], Value::Null);
    assert_eq!(published["deadline"], "2024-04-01");

    // Totals.
    let totals = &audit["totals"];
    assert_eq!(totals["reports"], 12);
    assert_eq!(totals["timeliness"]["submitted"]["late"], 2);
    assert_eq!(totals["timeliness"]["submitted"]["unknown"], 1);
    assert_eq!(totals["timeliness"]["published"]["late"], 0);
    assert_eq!(totals["timeliness"]["published"]["unknown"], 12);
    let shortcomings = &totals["elements"]["shortcomings-section"];
    assert_eq!(
        (
            &shortcomings["present"],
            &shortcomings["partial"],
            &shortcomings["missing"]
        ),
        (&Value::from(10), &Value::from(1), &Value::from(1))
    );
    assert_eq!(shortcomings["percent"], 83);
    let compliant = reports.values().filter(|r| r["compliant"] == true).count();
    assert_eq!(totals["compliant"], compliant);
    // Without --similar, no similarity.
    assert!(audit.get("similar").is_none());
}

#[test]
fn the_copied_and_the_templated_pair_and_no_other() {
    let audit = audit_json(&["--similar", "fixtures/audit"]);
    let pairs: Vec<(String, String, f64)> = audit["similar"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let name = |k: &str| {
                p[k].as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_owned()
            };
            (name("a"), name("b"), p["similarity"].as_f64().unwrap())
        })
        .collect();
    assert_eq!(pairs.len(), 2, "{pairs:?}");
    assert_eq!(
        (pairs[0].0.as_str(), pairs[0].1.as_str()),
        ("lichuan-county-2022.txt", "lichuan-county-2023.txt")
    );
    assert!(pairs[0].2 > 0.9, "{pairs:?}");
    assert_eq!(
        (pairs[1].0.as_str(), pairs[1].1.as_str()),
        ("culture-tourism-2023.txt", "transport-2023.txt")
    );
    assert!((0.5..0.9).contains(&pairs[1].2), "{pairs:?}");
    // Passages: line ranges in both files and the text.
    let passage = &audit["similar"][0]["passages"][0];
    let a_lines = passage["a_lines"].as_array().unwrap();
    assert!(a_lines[0].as_u64().unwrap() <= a_lines[1].as_u64().unwrap());
    assert!(passage["text"].as_str().unwrap().chars().count() > 20);

    // A lower threshold finds more; the independent reports stay far below
    // the default: the stock phrases of the genre are not copying.
    let loose = audit_json(&["--threshold", "0.2", "fixtures/audit"]);
    assert_eq!(loose["similar"].as_array().unwrap().len(), 2);
    assert_eq!(loose["threshold"], 0.2);
}

#[test]
fn a_manifest_gives_publication_dates_and_names_rows_without_a_report() {
    let assert = fzlint(root())
        .args([
            "audit",
            "--no-config",
            "--format",
            "json",
            "--manifest",
            "fixtures/audit/manifest.csv",
            "fixtures/audit",
        ])
        .assert()
        .code(0)
        .stderr(contains("manifest.csv:5"))
        .stderr(contains("withdrawn/old-bureau-2023.txt"));
    let audit: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    let reports = by_name(&audit);
    let transport = &reports["transport-2023.txt"]["timeliness"];
    assert_eq!(transport["published"]["source"], "manifest");
    assert_eq!(transport["published"]["date"], "2024-04-08");
    assert_eq!(transport["published"]["status"], "late");
    // Published late, but submitted in time: each verdict its own date.
    assert_eq!(transport["submitted"]["status"], "on_time");
    assert_eq!(transport["submitted"]["date"], "2024-02-23");
    let cenling = &reports["cenling-county-2023.txt"]["timeliness"]["published"];
    assert_eq!(
        (&cenling["status"], &cenling["source"]),
        (&Value::from("on_time"), &Value::from("manifest"))
    );
    // Not in the manifest: no publication date.
    assert_eq!(
        reports["health-2022.txt"]["timeliness"]["published"]["status"],
        "unknown"
    );
    assert_eq!(audit["totals"]["timeliness"]["published"]["late"], 1);

    // A manifest with mistakes stops the audit, naming every line.
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("bad.csv"),
        "path,published\na.txt,2024-02-30x\nb.txt,明天\n",
    )
    .unwrap();
    fzlint(dir.path())
        .args(["audit", "--no-config", "--manifest", "bad.csv", "."])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("bad.csv:2:2"))
        .stderr(contains("bad.csv:3:2"));
}

#[test]
fn broken_files_are_named_and_the_rest_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["danjiang-city-2023.md", "lichuan-county-2022.txt"] {
        fs::copy(
            root().join("fixtures/audit/governments").join(name),
            dir.path().join(name),
        )
        .unwrap();
    }
    fs::write(
        dir.path().join("binary.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .unwrap();
    fs::write(dir.path().join("garbled.txt"), b"\xff\x80\xff\x81\xfe\n").unwrap();
    fs::write(dir.path().join("empty.md"), "").unwrap();
    let assert = fzlint(dir.path())
        .args(["audit", "--no-config", "--format", "json", "."])
        .assert()
        .code(2)
        .stderr(contains("binary.txt"))
        .stderr(contains("garbled.txt"))
        .stderr(contains("empty.md"));
    let audit: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(by_name(&audit).len(), 2);
    let failed = field(&audit["failed"], "path");
    assert_eq!(failed.len(), 3, "{failed:?}");
    assert_eq!(audit["totals"]["failed"], 3);
    // The table names them too, after the matrix.
    fzlint(dir.path())
        .args(["audit", "--no-config", "--color", "never", "."])
        .assert()
        .code(2)
        .stdout(contains("danjiang-city-2023.md"))
        .stdout(contains("无法读取"));
}

#[test]
fn a_file_in_the_folder_that_is_no_report_is_named_not_audited() {
    // A supervisor's folder of reports also holds a staff list: it gets no
    // row full of 缺, and every format of the audit names it.
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        root().join("fixtures/audit/governments/lichuan-county-2022.txt"),
        dir.path().join("lichuan-county-2022.txt"),
    )
    .unwrap();
    fs::write(dir.path().join("名单.txt"), "张三\t办公室\n李四\t财务科\n").unwrap();
    let assert = fzlint(dir.path())
        .args(["audit", "--no-config", "--format", "json", "."])
        .assert()
        .code(0)
        .stderr(contains("名单.txt: 不像法治政府建设年度报告，已跳过"));
    let audit: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(by_name(&audit).len(), 1);
    assert_eq!(field(&audit["skipped"], "path"), ["名单.txt"]);
    assert_eq!(audit["skipped"][0]["reason"], "not_a_report");
    assert_eq!(audit["totals"]["skipped"], 1);
    for (format, expected) in [
        ("csv", "名单.txt,已跳过：不像法治政府建设年度报告，已跳过"),
        ("markdown", "- 名单.txt：不像法治政府建设年度报告，已跳过"),
        (
            "html",
            "<li>名单.txt：不像法治政府建设年度报告，已跳过</li>",
        ),
        (
            "table",
            "已跳过：名单.txt：不像法治政府建设年度报告，已跳过",
        ),
    ] {
        let assert = fzlint(dir.path())
            .args([
                "audit",
                "--no-config",
                "--color",
                "never",
                "--format",
                format,
                ".",
            ])
            .assert()
            .code(0)
            .stdout(contains(expected));
        // The formats with a summary sentence count it there too.
        if format != "csv" {
            assert.stdout(contains("另有 1 个文件不是年度报告，已跳过"));
        }
    }
    // --all audits it as a report.
    let assert = fzlint(dir.path())
        .args(["audit", "--no-config", "--format", "json", "--all", "."])
        .assert()
        .code(0);
    let audit: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(by_name(&audit).len(), 2);
}

#[test]
fn the_exit_status_is_zero_unless_a_fail_level_is_given() {
    // The fixtures have missing elements (error findings): still 0.
    fzlint(root())
        .args(["audit", "--no-config", "fixtures/audit"])
        .assert()
        .code(0);
    fzlint(root())
        .args([
            "audit",
            "--no-config",
            "--fail-level",
            "error",
            "fixtures/audit",
        ])
        .assert()
        .code(1);
    // The complete city report has no finding at all.
    for level in ["error", "info"] {
        fzlint(root())
            .args([
                "audit",
                "--no-config",
                "--fail-level",
                level,
                "fixtures/audit/governments/danjiang-city-2023.md",
            ])
            .assert()
            .code(0);
    }
    fzlint(root())
        .args([
            "audit",
            "--no-config",
            "--threshold",
            "1.5",
            "fixtures/audit",
        ])
        .assert()
        .code(2)
        .stderr(contains("0 到 1"));
}

#[test]
fn csv_reads_back_with_a_csv_parser() {
    let assert = fzlint(root())
        .args([
            "audit",
            "--no-config",
            "--similar",
            "--format",
            "csv",
            "fixtures/audit",
        ])
        .assert()
        .code(0);
    let bytes = &assert.get_output().stdout;
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "no byte-order mark");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(&header[..4], ["路径", "主体", "年度", "类型"]);
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // Twelve reports, the totals row and the provenance row, each as wide
    // as the header.
    assert_eq!(records.len(), 14);
    assert!(records.iter().all(|r| r.len() == header.len()));
    let row = records
        .iter()
        .find(|r| r[0].ends_with("culture-tourism-2023.txt"))
        .unwrap();
    assert_eq!(&row[column("主体")], "澹江市文化广电旅游局");
    assert_eq!(&row[column("三项制度")], "部分");
    assert_eq!(&row[column("报送")], "逾期");
    assert_eq!(&row[column("报送截止")], "2024-03-01");
    assert_eq!(&row[column("公开")], "未知");
    assert!(row[column("相似报告")].contains("transport-2023.txt（74%）"));
    // A title with a comma or a quote would be quoted; this one round-trips.
    assert_eq!(
        &row[column("标题")],
        "澹江市文化广电旅游局关于2023年度法治政府建设情况的报告"
    );
    let totals = &records[12];
    assert_eq!(&totals[0], "合计");
    assert_eq!(&totals[column("不足和原因")], "10/12（83%）");
    // The last row says which engine and rules judged the reports: the
    // hash `rules list --format json` gives for the same rules.
    let provenance = records.last().unwrap();
    assert_eq!(&provenance[0], "检查工具");
    assert_eq!(&provenance[2], "规则包 fazhi");
    let hash = provenance[3].strip_prefix("规则集哈希 ").unwrap();
    let listed = fzlint(root())
        .args(["rules", "list", "--no-config", "--format", "json"])
        .assert()
        .code(0);
    let listed: serde_json::Value = serde_json::from_slice(&listed.get_output().stdout).unwrap();
    assert_eq!(listed["engine"]["rules_hash"], hash);
    assert_eq!(listed["engine"]["packs"], serde_json::json!(["fazhi"]));
    assert_eq!(
        &provenance[1],
        &format!("fzlint {}", env!("CARGO_PKG_VERSION"))
    );
}

/// The same department report as text and as a saved web page (with a
/// 发布时间) is judged alike for submission, by its date of writing; only the
/// web page has a publication date to judge.
#[test]
fn a_report_is_submitted_alike_whatever_its_format() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        fs::read_to_string(root().join("fixtures/audit/city-departments/culture-tourism-2023.txt"))
            .unwrap();
    fs::write(dir.path().join("culture.txt"), &text).unwrap();
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let title = lines.next().unwrap();
    let mut html = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1><p>发布时间：2024-03-25 09:30　来源：市文化广电旅游局</p>\n"
    );
    for line in lines {
        html.push_str(&format!("<p>{line}</p>\n"));
    }
    html.push_str("</body></html>\n");
    fs::write(dir.path().join("culture.html"), html).unwrap();
    let assert = fzlint(dir.path())
        .args(["audit", "--no-config", "--format", "json", "."])
        .assert()
        .code(0);
    let audit: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    let reports = by_name(&audit);
    let (page, plain) = (&reports["culture.html"], &reports["culture.txt"]);
    assert_eq!(page["issuer_kind"], "department");
    for report in [page, plain] {
        let submitted = &report["timeliness"]["submitted"];
        assert_eq!(submitted["status"], "late", "{report}");
        assert_eq!(submitted["date"], "2024-03-18", "{report}");
        assert_eq!(submitted["source"], "written", "{report}");
        assert_eq!(submitted["deadline"], "2024-03-01", "{report}");
    }
    // The web page shows both dates: written late, published in time.
    let published = &page["timeliness"]["published"];
    assert_eq!(published["status"], "on_time");
    assert_eq!(published["date"], "2024-03-25");
    assert_eq!(published["source"], "published");
    assert_eq!(published["deadline"], "2024-04-01");
    assert_eq!(plain["timeliness"]["published"]["status"], "unknown");

    // And so do the matrix's other formats.
    let markdown = fzlint(dir.path())
        .args(["audit", "--no-config", "--format", "markdown", "."])
        .assert()
        .code(0);
    let markdown = String::from_utf8_lossy(&markdown.get_output().stdout).into_owned();
    let row = markdown
        .lines()
        .find(|l| l.starts_with("| culture.html"))
        .unwrap();
    assert!(
        row.contains("| 逾期 2024-03-18 | 按时 2024-03-25 |"),
        "{row}"
    );
    let table = fzlint(dir.path())
        .args(["audit", "--no-config", "."])
        .env_remove("COLUMNS")
        .assert()
        .code(0);
    let table = String::from_utf8_lossy(&table.get_output().stdout).into_owned();
    let row = table
        .lines()
        .find(|l| l.starts_with("culture.html"))
        .unwrap();
    assert!(row.contains("逾期 2024-03-18  按时 2024-03-25"), "{row}");
}

/// Every line of the table as a terminal `width` columns wide shows it,
/// East Asian wide characters counted as two.
fn table_lines(dir: &Path, args: &[&str], width: usize) -> Vec<String> {
    let assert = fzlint(dir)
        .args(["audit", "--color", "never"])
        .args(args)
        .env("COLUMNS", width.to_string())
        .assert()
        .code(0);
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let lines: Vec<String> = out.lines().map(str::to_owned).collect();
    for line in &lines {
        assert!(
            unicode_width::UnicodeWidthStr::width(line.as_str()) <= width,
            "wider than {width}: {line}\n{out}"
        );
    }
    lines
}

#[test]
fn the_table_fits_the_terminal() {
    for width in [80, 120] {
        // Twenty element columns do not fit as rows: one row per element,
        // one column per report, the reports listed below.
        let lines = table_lines(
            root(),
            &[
                "--no-config",
                "--similar",
                "--manifest",
                "fixtures/audit/manifest.csv",
                "fixtures/audit",
            ],
            width,
        );
        let shortcomings = lines.iter().find(|l| l.starts_with("不足和原因")).unwrap();
        assert_eq!(
            shortcomings.matches(['有', '半', '缺', '／']).count(),
            12,
            "{shortcomings}"
        );
        assert!(lines.iter().any(|l| l.starts_with("报送 ")), "{lines:?}");
        assert!(
            lines.iter().any(|l| l.contains("报送 逾期 2024-03-18")),
            "{lines:?}"
        );
    }
    // Without a width (a pipe), one row per report, as wide as it is.
    let assert = fzlint(root())
        .args(["audit", "--no-config", "fixtures/audit"])
        .env_remove("COLUMNS")
        .assert()
        .code(0);
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(out.lines().any(
        |l| l.starts_with("city-departments/culture-tourism-2023.txt")
            && l.contains("澹江市文化广电旅游局")
            && l.contains("逾期 2024-03-18")
    ));

    // Eight columns fit 120 as rows once the names are cut short and the
    // dates left out; not 80.
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "culture-tourism-2023.txt",
        "health-2022.txt",
        "transport-2023.txt",
    ] {
        fs::copy(
            root().join("fixtures/audit/city-departments").join(name),
            dir.path().join(name),
        )
        .unwrap();
    }
    fs::write(dir.path().join(".fzlint.yaml"), "disable: ['topic-*']\n").unwrap();
    let lines = table_lines(dir.path(), &["."], 120);
    let culture = lines
        .iter()
        .find(|l| l.starts_with("culture-tourism-2023.txt"))
        .unwrap();
    assert!(culture.contains("澹江市文化广…"), "{culture}");
    assert!(culture.contains("逾期"), "{culture}");
    assert!(!culture.contains("2024-03-18"), "{culture}");
    let lines = table_lines(dir.path(), &["."], 80);
    assert!(
        lines.iter().any(|l| l.starts_with("不足和原因")),
        "{lines:?}"
    );
}

#[test]
fn a_config_that_disables_a_rule_drops_its_column() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        root().join("fixtures/audit/governments/danjiang-city-2023.md"),
        dir.path().join("report.md"),
    )
    .unwrap();
    fs::write(
        dir.path().join(".fzlint.yaml"),
        "disable: ['topic-*']\noverrides:\n  - files: ['report.md']\n    disable: [other-matters-section]\n",
    )
    .unwrap();
    let assert = fzlint(dir.path())
        .args(["audit", "--format", "json"])
        .assert()
        .code(0);
    let audit: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    let columns = field(&audit["columns"], "rule");
    assert!(
        columns.iter().all(|c| !c.starts_with("topic-")),
        "{columns:?}"
    );
    assert_eq!(columns.len(), 8);
    // Disabled for this file only: not applicable there.
    assert_eq!(
        audit["reports"][0]["elements"]["other-matters-section"]["status"],
        "not_applicable"
    );
}

#[test]
fn copies_and_templates_in_a_synthetic_collection() {
    // 600 reports whose own details repeat (the hard case): copies of
    // earlier reports and templated groups among them.
    let dir = tempfile::tempdir().unwrap();
    let reports = synthetic::generate(dir.path(), 600, 7, 12).unwrap();
    let planted = synthetic::planted_pairs(&reports);
    assert!(
        planted.len() >= 10,
        "too few planted pairs: {}",
        planted.len()
    );
    let assert = fzlint(dir.path())
        .args(["audit", "--no-config", "--similar", "--format", "json"])
        .assert()
        .code(0);
    let audit: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(audit["totals"]["reports"], 600);
    let found: Vec<(String, String)> = audit["similar"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let a = p["a"].as_str().unwrap().to_owned();
            let b = p["b"].as_str().unwrap().to_owned();
            if a < b { (a, b) } else { (b, a) }
        })
        .collect();
    // Every pair found is a planted one: independent reports sharing the
    // genre's phrases and fragments are not taken for copies.
    for pair in &found {
        assert!(planted.contains(pair), "not planted: {pair:?}");
    }
    // And nearly every planted pair is found.
    let recall = found.len() as f64 / planted.len() as f64;
    eprintln!(
        "synthetic: {} planted pairs, {} found",
        planted.len(),
        found.len()
    );
    assert!(
        recall >= 0.9,
        "found {} of {} planted pairs",
        found.len(),
        planted.len()
    );
}

/// `len` pseudo-random CJK ideographs: a paragraph that shares nothing
/// with another seed's.
fn paragraph(seed: u64, len: usize) -> String {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            char::from_u32(0x4E00 + (x % 0x51A0) as u32).unwrap()
        })
        .collect()
}

/// A report of one paragraph per line, each the paragraph of its seed.
fn paragraphs(seeds: &[u64]) -> String {
    seeds
        .iter()
        .map(|&s| format!("{}。\n", paragraph(s, 100)))
        .collect()
}

#[test]
fn similar_reports_are_grouped_in_clusters_with_the_passages_they_share() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| fs::write(dir.path().join(name), text).unwrap();
    // A template of five paragraphs filled in by four offices, each
    // rewriting one paragraph.
    for (i, name) in ["t1.txt", "t2.txt", "t3.txt", "t4.txt"].iter().enumerate() {
        let mut seeds = vec![1, 2, 3, 4, 5];
        seeds[i] = 100 + i as u64;
        write(name, &paragraphs(&seeds));
    }
    // A report re-submitted with its last paragraph changed, both ending
    // with a boilerplate paragraph the template has too; a short note that
    // is that paragraph (so similar to all six).
    write("c1.txt", &paragraphs(&[11, 12, 13, 14, 5]));
    write("c2.txt", &paragraphs(&[11, 12, 13, 15, 5]));
    write("note.txt", &format!("{}。\n", paragraph(5, 100)));
    write("other.txt", &paragraphs(&[21, 22, 23]));
    // Paragraphs of random characters do not read as reports: --all.
    let assert = fzlint(dir.path())
        .args([
            "audit",
            "--no-config",
            "--similar",
            "--all",
            "--format",
            "json",
        ])
        .assert()
        .code(0);
    let audit: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    let pairs = audit["similar"].as_array().unwrap();
    // The pairs are all still there: the template's six, the copy, and the
    // note with each of the six others.
    assert_eq!(pairs.len(), 6 + 1 + 6, "{pairs:?}");
    let clusters = audit["clusters"].as_array().unwrap();
    let members: Vec<Vec<&str>> = clusters
        .iter()
        .map(|c| {
            c["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["path"].as_str().unwrap())
                .collect()
        })
        .collect();
    // The note joins one group (the first of its equally similar
    // reports'); the template and the copy stay apart.
    assert_eq!(
        members,
        vec![
            vec!["t1.txt", "t2.txt", "t3.txt", "t4.txt"],
            vec!["c1.txt", "c2.txt", "note.txt"]
        ],
        "{clusters:#?}"
    );
    let template = &clusters[0];
    assert_eq!(template["size"], 4);
    assert_eq!(template["pairs"], 6);
    assert_eq!(template["similarity"], serde_json::json!([0.6, 0.6]));
    for member in template["members"].as_array().unwrap() {
        assert_eq!(member["shared"], 0.8, "{member}");
    }
    // The paragraphs all four have come first, each with its line in each.
    let passages = template["passages"].as_array().unwrap();
    let core: Vec<&Value> = passages
        .iter()
        .filter(|p| p["places"].as_array().unwrap().len() == 4)
        .collect();
    assert_eq!(core.len(), 1, "{passages:#?}");
    assert!(std::ptr::eq(core[0], &passages[0]));
    // Paragraph 5 is the only one no office rewrote.
    assert_eq!(core[0]["text"], format!("{}。", paragraph(5, 100)));
    assert_eq!(core[0]["chars"], 100);
    for place in core[0]["places"].as_array().unwrap() {
        assert_eq!(place["lines"], serde_json::json!([5, 5]), "{place}");
    }
    // The copy's cluster: its pair's similarity, the note's share.
    let copy = &clusters[1];
    assert_eq!(copy["size"], 3);
    assert_eq!(copy["pairs"], 3);
    let note = &copy["members"][2];
    assert_eq!(note["shared"], 1.0);

    // For a reader: the clusters, their passages and how widely each is
    // shared, then only the pairs between clusters (the note and the
    // template), not the 13 pairs.
    let assert = fzlint(dir.path())
        .args([
            "audit",
            "--no-config",
            "--similar",
            "--all",
            "--format",
            "markdown",
        ])
        .assert()
        .code(0);
    let markdown = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    for expected in [
        "13 对相似的报告，涉及 7 份，归为 2 组",
        "#### 第1组：4 份报告，6 对相似，相似度 60%",
        "| t1.txt | 80% |",
        "1. 4 份都有，100 字：t1.txt 第5行；t2.txt 第5行；t3.txt 第5行；t4.txt 第5行。",
        "4 份中 3 份共有，100 字",
        "#### 第2组：3 份报告，3 对相似，相似度 80%–100%",
        "#### 不同组之间的相似报告",
    ] {
        assert!(
            markdown.contains(expected),
            "no {expected:?} in:\n{markdown}"
        );
    }
    let between = markdown.split("#### 不同组之间的相似报告").nth(1).unwrap();
    let rows: Vec<&str> = between
        .lines()
        .filter(|l| l.starts_with("| 100% |"))
        .collect();
    assert_eq!(rows.len(), 4, "{between}");
    assert!(
        rows.iter()
            .all(|r| r.contains("note.txt") && r.contains("| t"))
    );
}

/// `text` as GBK, as Excel, WPS and Notepad save it on Chinese Windows.
fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
fn a_gbk_manifest_with_backslash_paths_and_a_gbk_config_read_as_saved() {
    let dir = tempfile::tempdir().unwrap();
    let county = dir.path().join("上报/县级");
    fs::create_dir_all(&county).unwrap();
    fs::write(
        county.join("湄川县.txt"),
        "湄川县人民政府2024年度法治政府建设情况报告\n一、主要举措和成效\n全年办理行政复议案件。\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("上报/清单.csv"),
        gbk("路径,主体,发布日期\r\n县级\\湄川县.txt,湄川县人民政府,2025年3月20日\r\n县级\\缺失县.docx,缺失县人民政府,2025年3月21日\r\n"),
    )
    .unwrap();
    let assert = fzlint(dir.path())
        .args([
            "audit",
            "--no-config",
            "--format",
            "json",
            "--manifest",
            "上报/清单.csv",
            "上报/县级",
        ])
        .assert();
    let out = assert.get_output();
    let audit: Value = serde_json::from_slice(&out.stdout).unwrap();
    let report = &audit["reports"][0];
    assert_eq!(report["issuer"], "湄川县人民政府", "{report}");
    let published = &report["timeliness"]["published"];
    assert_eq!(published["date"], "2025-03-20", "{report}");
    assert_eq!(published["source"], "manifest", "{report}");
    // The entry no report matched is named by the path looked for, at its line.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("上报/清单.csv:3: 清单中的 上报/县级/缺失县.docx 不在"),
        "{stderr}"
    );

    // A config saved as GBK, with a rule id mistyped: the mistake at its
    // place, in Chinese, with the right id suggested.
    fs::write(
        dir.path().join(".fzlint.yaml"),
        gbk("# 本局的配置\ndisable: [part-ordr]\n"),
    )
    .unwrap();
    let out = fzlint(dir.path())
        .args(["check", "上报/县级"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains(".fzlint.yaml:2:11"), "{stderr}");
    assert!(stderr.contains("是不是 `part-order`"), "{stderr}");
}
