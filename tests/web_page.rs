//! The offline page, `fzlint.html`, in a real browser: built with README's
//! command (`scripts/build-web.sh`), opened from `file://` in Debian's
//! Chromium (driven by playwright-core from `crates/fzlint-web/browser/`,
//! whose lockfile `.ci/run` installs with `npm ci`), as an author and a
//! supervisor would use it. What the page finds must be what the command
//! line finds: `fzlint.check(name, bytes)` equals, field for field, the
//! file's entry in `fzlint check --format json`, for every fixture report
//! and for the same report in every format and encoding; the report view
//! marks and lists those findings and checks off the same elements as
//! `fzlint audit`; and the page makes no network request.
//!
//! Where Chromium, Node.js or the npm packages are missing the test says so
//! and passes, except under `CI`, where that is a failure.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

#[path = "support/fixtures.rs"]
mod fixtures;
#[path = "support/formats.rs"]
mod formats;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What the browser test needs, or why it cannot run here.
fn prerequisites() -> Result<(), String> {
    let chromium = std::env::var_os("FZLINT_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if !chromium.is_file() {
        return Err(format!("{} is missing", chromium.display()));
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Err("node is missing".to_owned());
    }
    let module = repo().join("crates/fzlint-web/browser/node_modules/playwright-core");
    if !module.is_dir() {
        return Err(format!(
            "{} is missing (npm ci in crates/fzlint-web/browser)",
            module.display()
        ));
    }
    Ok(())
}

/// Whether the browser test can run here; where it cannot, says why (and
/// fails under `CI`).
fn can_run() -> bool {
    match prerequisites() {
        Ok(()) => true,
        Err(why) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "the browser test cannot run in CI: {why}"
            );
            eprintln!("skipped: {why}");
            false
        }
    }
}

/// Builds the page with README's command, once for the tests of this file;
/// its path.
fn build_page() -> PathBuf {
    static PAGE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    PAGE.get_or_init(build).clone()
}

fn build() -> PathBuf {
    let output = Command::new("bash")
        .arg(repo().join("scripts/build-web.sh"))
        .current_dir(repo())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "scripts/build-web.sh failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target"));
    let page = target.join("web/fzlint.html");
    assert!(page.is_file(), "{} was not written", page.display());
    page
}

/// Runs the page driver (`browser/page-test.mjs`) over `names` in `dir`,
/// with its optional steps (`FZLINT_FIX_FILE` …).
fn drive_with(
    page: &Path,
    dir: &Path,
    names: &[String],
    shots: &Path,
    steps: &[(&str, &str)],
) -> Value {
    let output = Command::new("node")
        .envs(steps.iter().copied())
        .arg(repo().join("crates/fzlint-web/browser/page-test.mjs"))
        .arg(page)
        .arg(shots)
        .args(names)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the browser driver failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// `fzlint check --format json` (or `audit`) over `names`, run in `dir`.
fn cli(dir: &Path, args: &[&str], names: &[String]) -> Value {
    let output = Command::new(env!("CARGO_BIN_EXE_fzlint"))
        .args(args)
        .args(["--no-config", "--format", "json"])
        .args(names)
        .current_dir(dir)
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The value with every float that is a whole number written as an integer,
/// as JavaScript's JSON has it.
fn whole_floats_as_integers(value: Value) -> Value {
    match value {
        Value::Number(n) if n.is_f64() => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => Value::from(f as i64),
            _ => Value::Number(n),
        },
        Value::Array(items) => {
            Value::Array(items.into_iter().map(whole_floats_as_integers).collect())
        }
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, whole_floats_as_integers(v)))
                .collect(),
        ),
        other => other,
    }
}

/// Where two JSON values first differ (a path like `reports/3/path`), and
/// the two values there.
fn first_difference(a: &Value, b: &Value, path: String) -> String {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) if x.len() == y.len() => x
            .iter()
            .find_map(|(key, value)| {
                let there = y.get(key)?;
                (value != there).then(|| first_difference(value, there, format!("{path}/{key}")))
            })
            .unwrap_or_else(|| format!("{path}: keys {:?} ≠ {:?}", x.keys(), y.keys())),
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find(|(_, (u, v))| u != v)
            .map_or(String::new(), |(i, (u, v))| {
                first_difference(u, v, format!("{path}/{i}"))
            }),
        _ => format!("{path}: {a} ≠ {b}"),
    }
}

/// What `fzlint …` writes to standard output over `names`, run in `dir`.
fn cli_bytes(dir: &Path, args: &[&str], names: &[String]) -> Vec<u8> {
    let output = Command::new(env!("CARGO_BIN_EXE_fzlint"))
        .args(args)
        .arg("--no-config")
        .args(names)
        .current_dir(dir)
        .output()
        .unwrap();
    output.stdout
}

fn check_against_the_cli(
    page: &Path,
    dir: &Path,
    names: &[String],
    shots: &Path,
    steps: &[(&str, &str)],
) -> (usize, Value) {
    let seen = drive_with(page, dir, names, shots, steps);
    assert_eq!(
        seen["requests"],
        Value::Array(Vec::new()),
        "network requests"
    );
    let errors: Vec<&Value> = seen["console"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| {
            m.as_str()
                .is_some_and(|m| m.starts_with("error") || m.starts_with("pageerror"))
        })
        .collect();
    assert!(errors.is_empty(), "the page logged errors: {errors:?}");

    // Pasted text is checked: the placeholder in the draft is found.
    assert!(
        seen["paste"]
            .as_array()
            .is_some_and(|rules| rules.iter().any(|r| r == "placeholder")),
        "pasted: {}",
        seen["paste"]
    );

    // fzlint.check ≡ the CLI's JSON entry, for every file.
    let expected = cli(dir, &["check"], names);
    let mut findings = 0;
    for (name, entry) in names.iter().zip(expected["files"].as_array().unwrap()) {
        assert_eq!(
            &seen["checks"][name], entry,
            "{name}: the page and the CLI differ"
        );
        findings += entry["findings"].as_array().map_or(0, Vec::len);
    }

    // The report view of the first file: every finding listed and marked
    // with its rule and severity, the elements as the audit has them.
    let first = &expected["files"][0]["findings"];
    let rules = |list: &Value, key: &str| -> Vec<String> {
        let mut ids: Vec<String> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                format!(
                    "{}:{}",
                    f[key].as_str().unwrap(),
                    f["severity"].as_str().unwrap()
                )
            })
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(
        rules(&seen["report"]["findings"], "rule"),
        rules(first, "rule")
    );
    let mut marked = rules(&seen["report"]["marks"], "rule");
    marked.dedup();
    for mark in &marked {
        assert!(
            rules(first, "rule").contains(mark),
            "{mark} marked but not found"
        );
    }
    let audit = cli(dir, &["audit"], &names[..1]);
    let elements = audit["reports"][0]["elements"].as_object().unwrap();
    let checklist = seen["report"]["checklist"].as_array().unwrap();
    assert_eq!(checklist.len(), elements.len());
    for item in checklist {
        let rule = item["element"].as_str().unwrap();
        assert_eq!(item["status"], elements[rule]["status"], "element {rule}");
    }

    // The audit (in path order, copied and templated reports looked for):
    // fzlint.audit gives what `fzlint audit --format json` writes, and the
    // page's CSV and HTML exports are the command line's bytes (the CSV in
    // UTF-8 with a byte-order mark for WPS and Excel, its last row naming
    // the engine and the rules' hash).
    let mut sorted = names.to_vec();
    sorted.sort();
    // (JavaScript writes the number 1.0 as 1.)
    let audit = whole_floats_as_integers(cli(dir, &["audit", "--similar"], &sorted));
    assert!(
        seen["audit_json"] == audit,
        "the page's audit differs from the CLI's at {}",
        first_difference(&seen["audit_json"], &audit, String::new())
    );
    for format in ["csv", "html"] {
        let exported = std::fs::read(shots.join(format!("audit.{format}"))).unwrap();
        let written = cli_bytes(dir, &["audit", "--similar", "--format", format], &sorted);
        let (exported, written) = (
            String::from_utf8_lossy(&exported),
            String::from_utf8_lossy(&written),
        );
        let differ = exported.lines().zip(written.lines()).find(|(a, b)| a != b);
        assert!(
            exported == written,
            "the page's {format} export differs from `fzlint audit`'s: {differ:?}"
        );
    }
    let csv = std::fs::read_to_string(shots.join("audit.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}路径,"), "{csv}");
    let hash = seen["about"]["rules_hash"].as_str().unwrap();
    assert!(
        csv.lines().last().is_some_and(|l| l.contains(hash)),
        "{csv}"
    );
    // The export of the audit on screen: the files by the names the browser
    // gives them (no folders), a row each.
    let on_screen = std::fs::read_to_string(shots.join("audit-page.csv")).unwrap();
    for name in names {
        let base = name.rsplit('/').next().unwrap();
        assert!(
            on_screen
                .lines()
                .any(|l| l.starts_with(&format!("{base},"))),
            "{base} not in the page's CSV"
        );
    }
    let html = std::fs::read_to_string(shots.join("audit-page.html")).unwrap();
    assert!(
        html.contains(hash),
        "the HTML export does not name the rules"
    );
    // The matrix fits a 1366-pixel screen: its box does not scroll sideways.
    let fit = &seen["audit_fit"];
    assert!(
        fit["scrollWidth"].as_u64().unwrap() <= fit["clientWidth"].as_u64().unwrap(),
        "the page's matrix scrolls sideways: {fit}"
    );
    assert!(fit["page"].as_u64().unwrap() <= 1366, "{fit}");
    // On screen: the similar reports in the clusters of the JSON, in its
    // order, each with its members (by the names the browser gives them)
    // and its passages.
    let clusters = audit["clusters"].as_array().unwrap();
    let shown = seen["clusters"].as_array().unwrap();
    assert_eq!(shown.len(), clusters.len(), "{shown:?}");
    for (i, (shown, cluster)) in shown.iter().zip(clusters).enumerate() {
        let members: Vec<&str> = cluster["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["path"].as_str().unwrap().rsplit('/').next().unwrap())
            .collect();
        assert_eq!(shown["members"], serde_json::json!(members));
        let heading = shown["heading"].as_str().unwrap();
        assert!(
            heading.starts_with(&format!("第{}组：{} 份报告，", i + 1, members.len())),
            "{heading}"
        );
        assert_eq!(
            shown["passages"],
            cluster["passages"].as_array().unwrap().len()
        );
    }
    // On screen: a row per report, a cell per element with its status, the
    // two timeliness verdicts as judged.
    let rows = seen["audit"].as_array().unwrap();
    assert_eq!(rows.len(), names.len());
    for (row, report) in rows.iter().zip(audit["reports"].as_array().unwrap()) {
        let base = report["path"].as_str().unwrap().rsplit('/').next().unwrap();
        assert_eq!(row["report"], base);
        for verdict in ["submitted", "published"] {
            assert_eq!(
                row[verdict], report["timeliness"][verdict]["status"],
                "{verdict}"
            );
        }
        let cells = row["cells"].as_array().unwrap();
        assert_eq!(cells.len(), elements.len());
        for cell in cells {
            let rule = cell["element"].as_str().unwrap();
            assert_eq!(cell["status"], report["elements"][rule]["status"], "{rule}");
        }
    }
    (findings, seen)
}

/// As an author would: fix a text report in the page and download it (the
/// same bytes `fzlint check --fix` writes, encoding and line endings kept),
/// edit a report and see the findings follow, and download the commented
/// copy of a Word document (what `fzlint annotate` writes).
#[test]
fn the_page_fixes_edits_and_annotates_as_the_command_line_does() {
    if !can_run() {
        return;
    }
    let page = build_page();
    let dir = tempfile::tempdir().unwrap();
    formats::write_all(dir.path()).unwrap();
    // A GBK report with CRLF line endings and fixes that make further fixes.
    let text = std::fs::read_to_string(repo().join("fixtures/reports/terms-wrong.txt"))
        .unwrap()
        .replace('\n', "\r\n")
        + "截止22年底，完成法制宣传教育。\r\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    std::fs::write(dir.path().join("terms-gbk.txt"), &gbk).unwrap();
    std::fs::write(dir.path().join("cli-fixed.txt"), &gbk).unwrap();
    let shots = dir.path().join("out");
    std::fs::create_dir_all(&shots).unwrap();
    let names = vec!["report.txt".to_owned(), "report.md".to_owned()];
    let province = repo().join("fixtures/rules/province").display().to_string();
    let missing = repo()
        .join("fixtures/reports/missing-legality-review.txt")
        .display()
        .to_string();
    let bad = repo()
        .join("fixtures/rules/bad/bad-regex.yaml")
        .display()
        .to_string();
    // A config that selects rules and files; a broken one (a rule id
    // mistyped) in a folder of its own, named as the page's input names it.
    std::fs::create_dir_all(dir.path().join("config/bad")).unwrap();
    let config = dir.path().join("config/.fzlint.yaml");
    std::fs::write(
        &config,
        "disable: [topic-law-study]\nseverity:\n  other-matters-section: info\nexclude: ['drafts/**']\nextensions: [md, txt]\n",
    )
    .unwrap();
    let config = config.display().to_string();
    // A folder as a supervisor gets it: reports, a draft the config
    // excludes, a PDF, a picture and a hidden file.
    let folder = dir.path().join("上报");
    for (path, bytes) in [
        (
            "县/a.txt",
            "湄川县司法局2024年度法治政府建设情况报告\n一、主要举措和成效\n".as_bytes(),
        ),
        (
            "市/b.md",
            "# 蕖阳市司法局2024年度法治政府建设情况报告\n".as_bytes(),
        ),
        ("drafts/c.md", "# 草稿\n".as_bytes()),
        // A staff list: read, but not a report.
        ("县/名单.txt", "张三\t办公室\n李四\t财务科\n".as_bytes()),
        ("README.md", "# 上报材料说明\n".as_bytes()),
        ("d.pdf", b"%PDF-1.7\n".as_slice()),
        ("e.png", b"\x89PNG\r\n".as_slice()),
        (".hidden.txt", b"x".as_slice()),
    ] {
        let path = folder.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let folder = folder.display().to_string();
    let bad_config = dir.path().join("config/bad/.fzlint.yaml");
    std::fs::write(&bad_config, "disable: [part-ordr]\n").unwrap();
    let bad_config = bad_config.display().to_string();
    let seen = drive_with(
        &page,
        dir.path(),
        &names,
        &shots,
        &[
            ("FZLINT_FIX_FILE", "terms-gbk.txt"),
            ("FZLINT_ANNOTATE_FILE", "report.docx"),
            ("FZLINT_EDIT_FILE", "report.txt"),
            ("FZLINT_PACK_DIR", &province),
            ("FZLINT_PACK_REPORT", &missing),
            ("FZLINT_BAD_RULES", &bad),
            ("FZLINT_CONFIG", &config),
            ("FZLINT_CONFIG_REPORT", &missing),
            ("FZLINT_BAD_CONFIG", &bad_config),
            ("FZLINT_FOLDER", &folder),
        ],
    );
    assert_eq!(
        seen["requests"],
        Value::Array(Vec::new()),
        "network requests"
    );

    // Fixed in the page ≡ fixed by the CLI.
    let status = Command::new(env!("CARGO_BIN_EXE_fzlint"))
        .args(["check", "--no-config", "--fix", "cli-fixed.txt"])
        .current_dir(dir.path())
        .status()
        .unwrap();
    assert!(status.code().is_some_and(|c| c <= 1));
    let from_cli = std::fs::read(dir.path().join("cli-fixed.txt")).unwrap();
    let from_page = std::fs::read(shots.join("fixed")).unwrap();
    assert_ne!(from_cli, gbk.to_vec(), "the CLI fixed nothing");
    assert_eq!(
        from_page, from_cli,
        "the page's fixed file differs from the CLI's"
    );
    let after = seen["fix"]["after"].as_array().unwrap().len();
    let before = seen["fix"]["before"].as_array().unwrap().len();
    assert!(
        after < before,
        "{before} findings before the fixes, {after} after"
    );
    // Reviewed with the keyboard: J twice is the second finding, focused in
    // the list and marked in the text; one finding's fix leaves one fewer.
    assert_eq!(seen["fix"]["keyboard"]["focused"], 1, "{}", seen["fix"]);
    assert!(
        seen["fix"]["keyboard"]["marked"]
            .as_array()
            .is_some_and(|m| !m.is_empty()),
        "{}",
        seen["fix"]
    );
    let one = &seen["fix"]["one"];
    let mut expected = seen["fix"]["before"].as_array().unwrap().clone();
    expected.remove(one["index"].as_u64().unwrap() as usize);
    let mut left = one["after"].as_array().unwrap().clone();
    let key = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    expected.sort_by_key(key);
    left.sort_by_key(key);
    assert_eq!(left, expected, "one fix should remove exactly its finding");

    // Edited in the page: the placeholder typed is found, listed and marked.
    let has = |list: &Value, rule: &str| list.as_array().unwrap().iter().any(|r| r == rule);
    assert!(!has(&seen["edit"]["before"], "placeholder"));
    assert!(has(&seen["edit"]["typed"], "placeholder"));
    assert!(has(&seen["edit"]["marked"], "placeholder"));

    // A province's pack loaded in the page: the same findings as `fzlint
    // check --rules` with it; a broken rule file is reported where the CLI
    // reports it, and leaves the rules as they were.
    let pack = &seen["pack"];
    assert_eq!(pack["answer"]["ok"], true, "{pack}");
    assert_eq!(
        pack["about"]["packs"],
        serde_json::json!(["fazhi", "province"])
    );
    let expected = cli(
        dir.path(),
        &["check", "--rules", &province],
        std::slice::from_ref(&missing),
    );
    assert_eq!(pack["check"], expected["files"][0]);
    assert!(
        pack["check"]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "legality-review" && f["severity"] == "error")
    );
    let errors = pack["errors"].as_array().unwrap();
    assert_eq!(errors, &[Value::from("bad-regex.yaml:8:16")]);
    assert_eq!(pack["after_bad"]["packs"], pack["about"]["packs"]);
    assert_eq!(pack["reset"]["packs"], serde_json::json!(["fazhi"]));

    // A config chosen in the page: the same findings as `fzlint check
    // --config` with it (a rule disabled, a severity changed), the same
    // files of a folder checked, a broken one reported where the CLI
    // reports it, and no config again on reset.
    let checked = &seen["config"]["check"];
    let output = Command::new(env!("CARGO_BIN_EXE_fzlint"))
        .args(["check", "--format", "json", "--config", &config, &missing])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let expected: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(checked["findings"], expected["files"][0]["findings"]);
    let rules: Vec<&str> = checked["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(!rules.contains(&"topic-law-study"), "{rules:?}");
    assert_eq!(
        seen["config"]["wants"],
        serde_json::json!([true, false, true])
    );
    assert_eq!(
        seen["config"]["errors"],
        serde_json::json!([".fzlint.yaml:1:11"]),
        "{}",
        seen["config"]
    );
    let folder = &seen["config"]["folder"];
    let mut rows: Vec<&str> = folder["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    rows.sort_unstable();
    assert_eq!(
        rows,
        ["上报/d.pdf", "上报/县/a.txt", "上报/市/b.md"],
        "{folder}"
    );
    // Left out: the draft the config excludes, and the folder's README,
    // which is no report (as the command line's walk has it).
    let mut excluded: Vec<&str> = folder["excluded"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    excluded.sort_unstable();
    assert_eq!(excluded, ["上报/README.md", "上报/drafts/c.md"], "{folder}");
    assert_eq!(folder["skipped"], serde_json::json!(["上报/e.png"]));
    // Read but not a report: named as such, as `fzlint audit` names it.
    assert_eq!(
        folder["not_reports"],
        serde_json::json!(["上报/县/名单.txt"]),
        "{folder}"
    );
    // No stray text (a part left out once showed as "null").
    assert_eq!(folder["stray"], serde_json::json!([]), "{folder}");
    assert_eq!(seen["config"]["reset"]["ok"], true);
    assert_eq!(seen["config"]["reset"]["config"], Value::Null);

    // The commented Word copy ≡ `fzlint annotate`'s.
    let status = Command::new(env!("CARGO_BIN_EXE_fzlint"))
        .args(["annotate", "report.docx", "-o", "cli-annotated.docx"])
        .current_dir(dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    let comments = |path: &Path| -> String {
        let file = std::fs::File::open(path).unwrap();
        let mut archive = zip::ZipArchive::new(file).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut archive.by_name("word/comments.xml").unwrap(), &mut xml)
            .unwrap();
        xml
    };
    let from_cli = comments(&dir.path().join("cli-annotated.docx"));
    assert!(from_cli.matches("<w:comment ").count() >= 3, "{from_cli}");
    assert_eq!(comments(&shots.join("annotated.docx")), from_cli);
    // Every part of the package is the command line's, byte for byte, so
    // what tests/annotate.rs sees LibreOffice open is what the page gives.
    let parts = |path: &Path| -> Vec<(String, Vec<u8>)> {
        let file = std::fs::File::open(path).unwrap();
        let mut archive = zip::ZipArchive::new(file).unwrap();
        (0..archive.len())
            .map(|i| {
                let mut entry = archive.by_index(i).unwrap();
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
                (entry.name().unwrap().into_owned(), bytes)
            })
            .collect()
    };
    let same_parts = |page: &Path, cli: &Path| {
        let (page_parts, cli_parts) = (parts(page), parts(cli));
        assert_eq!(
            page_parts.iter().map(|p| &p.0).collect::<Vec<_>>(),
            cli_parts.iter().map(|p| &p.0).collect::<Vec<_>>()
        );
        for ((name, page), (_, cli)) in page_parts.iter().zip(&cli_parts) {
            assert!(
                page == cli,
                "{name} differs between the page's copy and the CLI's"
            );
        }
    };
    same_parts(
        &shots.join("annotated.docx"),
        &dir.path().join("cli-annotated.docx"),
    );
    // With 改正写成修订 ticked (and through the JS API's trackChanges), the
    // copy is `fzlint annotate --track-changes`'s, part for part.
    let status = Command::new(env!("CARGO_BIN_EXE_fzlint"))
        .args([
            "annotate",
            "--track-changes",
            "report.docx",
            "-o",
            "cli-tracked.docx",
        ])
        .current_dir(dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    let cli_tracked = dir.path().join("cli-tracked.docx");
    let document = |path: &Path| {
        parts(path)
            .into_iter()
            .find(|(name, _)| name == "word/document.xml")
            .map(|(_, bytes)| String::from_utf8(bytes).unwrap())
            .unwrap()
    };
    assert!(
        document(&cli_tracked).contains("<w:del w:id=")
            && document(&cli_tracked).contains("<w:ins w:id="),
        "no tracked change in the CLI's copy"
    );
    assert!(
        seen["annotate"]["tracked_name"]
            .as_str()
            .is_some_and(|n| n.ends_with(".docx")),
        "{}",
        seen["annotate"]
    );
    same_parts(&shots.join("tracked.docx"), &cli_tracked);
    same_parts(&shots.join("tracked-api.docx"), &cli_tracked);
}

#[test]
fn the_page_finds_what_the_command_line_finds_and_fetches_nothing() {
    if !can_run() {
        return;
    }
    let page = build_page();
    let shots = tempfile::tempdir().unwrap();

    // Every fixture report.
    let mut names = fixtures::fixture_reports();
    // The one with the most to show first: it opens the report view.
    names.retain(|n| n != "fixtures/reports/missing-three-systems-partial.txt");
    names.insert(
        0,
        "fixtures/reports/missing-three-systems-partial.txt".to_owned(),
    );
    let (compared, seen) = check_against_the_cli(
        &page,
        &repo(),
        &names,
        shots.path(),
        &[("FZLINT_MANIFEST_AUDIT", "fixtures/audit")],
    );
    assert!(compared >= 100, "only {compared} findings compared");

    // A supervisor's folder with its list (manifest.csv: issuers and
    // publication dates): the page's audit is `fzlint audit --manifest`'s,
    // and the list's entry that matches no report is named, as the CLI
    // warns of it.
    let mut reports: Vec<String> = seen["manifest_audit"]["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_owned())
        .collect();
    reports.sort();
    assert!(reports.len() >= 10, "{reports:?}");
    let mut args = vec![
        "audit",
        "--similar",
        "--manifest",
        "fixtures/audit/manifest.csv",
    ];
    args.extend(reports.iter().map(String::as_str));
    let expected = whole_floats_as_integers(cli(&repo(), &args, &[]));
    let page_audit = &seen["manifest_audit"]["result"]["audit"];
    assert!(
        *page_audit == expected,
        "the page's audit with a manifest differs from the CLI's at {}",
        first_difference(page_audit, &expected, String::new())
    );
    let warned = Command::new(env!("CARGO_BIN_EXE_fzlint"))
        .args(&args)
        .arg("--no-config")
        .current_dir(repo())
        .output()
        .unwrap();
    let warned = String::from_utf8_lossy(&warned.stderr);
    let unmatched = seen["manifest_audit"]["result"]["notes"]["unmatched"]
        .as_array()
        .unwrap();
    assert!(!unmatched.is_empty());
    for entry in unmatched {
        let path = entry["path"].as_str().unwrap();
        assert!(
            warned.contains(path),
            "{path} not warned of by the CLI: {warned}"
        );
    }

    // The same report as Word, web page (GB2312), Markdown, GBK, GB18030,
    // UTF-16LE, UTF-8 with BOM and CRLF text.
    let dir = tempfile::tempdir().unwrap();
    formats::write_all(dir.path()).unwrap();
    let mut names: Vec<String> = formats::FILES.iter().map(|s| (*s).to_owned()).collect();
    names.retain(|n| n != "report.docx");
    names.insert(0, "report.docx".to_owned());
    let (compared, seen) = check_against_the_cli(&page, dir.path(), &names, shots.path(), &[]);
    assert!(compared >= names.len(), "only {compared} findings compared");
    // The same report eight times: one cluster of them all on screen.
    let clusters = seen["clusters"].as_array().unwrap();
    assert_eq!(clusters.len(), 1, "{clusters:?}");
    assert_eq!(
        clusters[0]["members"].as_array().unwrap().len(),
        names.len()
    );
}
