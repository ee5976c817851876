//! fzlint as a CI gate, end to end, in temporary repositories: config
//! discovery and overrides, ignore files, inline suppressions, baselines,
//! fail levels, every output format in one run (SARIF validated against the
//! official schema, JUnit parsed back), rule-pack tests, and the JSON
//! Schemas checked against real rule and config files.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::str::contains;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn fixture(name: &str) -> String {
    fs::read_to_string(Path::new(ROOT).join("fixtures/reports").join(name)).unwrap()
}

fn fzlint(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fzlint"));
    cmd.current_dir(dir);
    cmd
}

fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn json_of(output: &[u8]) -> serde_json::Value {
    serde_json::from_slice(output).unwrap()
}

/// `rule@path` for every finding of a JSON report.
/// The `path` of every file in a JSON report, in output order.
fn paths_of(report: &serde_json::Value) -> Vec<&str> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect()
}

fn found(report: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    for file in report["files"].as_array().unwrap() {
        for finding in file["findings"].as_array().unwrap() {
            out.push(format!(
                "{}@{}",
                finding["rule"].as_str().unwrap(),
                file["path"].as_str().unwrap()
            ));
        }
    }
    out
}

/// A reports repository: a province folder and a county folder, drafts that
/// are ignored, and a config.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "reports/city/terms.txt", &fixture("terms-wrong.txt"));
    write(
        root,
        "reports/county/draft.md",
        &fixture("placeholders-draft.md"),
    );
    write(root, "reports/county/old/notes.txt", "不是报告的笔记");
    write(
        root,
        "reports/city/ignored-by-git.txt",
        &fixture("placeholders-draft.md"),
    );
    write(
        root,
        "reports/city/skipped.draft.txt",
        &fixture("placeholders-draft.md"),
    );
    write(root, "reports/readme.rst", "不检查的扩展名");
    write(root, ".gitignore", "ignored-by-git.txt\n");
    write(root, ".fzlintignore", "reports/county/old/\n");
    write(
        root,
        ".fzlint.yaml",
        "disable: ['topic-*']\nexclude: ['*.draft.txt']\nseverity:\n  two-digit-year: error\noverrides:\n  - files: ['reports/county/**']\n    disable: [placeholder]\n",
    );
    dir
}

#[test]
fn a_repository_with_config_overrides_and_ignore_files() {
    let repo = repository();
    // Run from a subfolder: the config is found upward, paths in it are
    // relative to its folder, and no path means the current folder.
    let sub = repo.path().join("reports");
    let assert = fzlint(&sub)
        .args(["check", "--format", "json"])
        .assert()
        .code(1);
    let report = json_of(&assert.get_output().stdout);
    let paths = paths_of(&report);
    // In path order; .gitignore, .fzlintignore, exclude and extensions obeyed.
    assert_eq!(paths, vec!["city/terms.txt", "county/draft.md"]);
    let found = found(&report);
    assert!(found.iter().all(|f| !f.starts_with("topic-")), "{found:?}");
    // The county override disables placeholder there.
    assert!(
        !found.iter().any(|f| f == "placeholder@county/draft.md"),
        "{found:?}"
    );
    // two-digit-year raised to error fails the run at the default level.
    let errors: Vec<&serde_json::Value> = report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["rule"], "two-digit-year");
}

#[test]
fn fail_level_decides_the_exit_status_whatever_the_format() {
    let repo = tempfile::tempdir().unwrap();
    write(repo.path(), "r.txt", &fixture("terms-wrong.txt"));
    for format in [
        "human",
        "json",
        "sarif",
        "github",
        "junit",
        "jsonl",
        "summary-md",
    ] {
        fzlint(repo.path())
            .args(["check", "r.txt", "--format", format])
            .assert()
            .code(0);
        fzlint(repo.path())
            .args([
                "check",
                "r.txt",
                "--format",
                format,
                "--fail-level",
                "warning",
            ])
            .assert()
            .code(1);
    }
    fzlint(repo.path())
        .args(["check", "r.txt", "--fail-level", "info"])
        .assert()
        .code(1);
    write(repo.path(), ".fzlint.yaml", "fail_level: warning\n");
    fzlint(repo.path())
        .args(["check", "r.txt"])
        .assert()
        .code(1);
    // The command line wins over the config.
    fzlint(repo.path())
        .args(["check", "r.txt", "--fail-level", "never"])
        .assert()
        .code(0);
    fzlint(repo.path())
        .args(["check", "r.txt", "--fail-level", "loud"])
        .assert()
        .code(2);
}

#[test]
fn config_errors_point_at_the_value() {
    let repo = tempfile::tempdir().unwrap();
    write(
        repo.path(),
        ".fzlint.yaml",
        "disable: [part-ordr]\noverrides:\n  - files: ['a/**']\n    severty: {title-form: info}\n",
    );
    let assert = fzlint(repo.path())
        .args(["check", "--color", "never"])
        .assert()
        .code(2)
        .stdout("");
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains(".fzlint.yaml:4:5"), "{stderr}");
    assert!(stderr.contains("unknown field `severty`"), "{stderr}");
    // Once the shape is right, unknown rule ids are reported at their place.
    write(repo.path(), ".fzlint.yaml", "disable: [part-ordr]\n");
    let assert = fzlint(repo.path())
        .args(["check", "--color", "never"])
        .assert()
        .code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains(".fzlint.yaml:1:11"), "{stderr}");
    assert!(stderr.contains("没有 id 为 `part-ordr` 的规则"), "{stderr}");
    assert!(stderr.contains("^^^^^^^^^"), "{stderr}");
}

#[test]
fn every_format_in_one_run() {
    let repo = tempfile::tempdir().unwrap();
    write(repo.path(), "reports/a.txt", &fixture("terms-wrong.txt"));
    write(
        repo.path(),
        "reports/b.md",
        &fixture("placeholders-draft.md"),
    );
    write(repo.path(), "reports/c.txt", "");
    let assert = fzlint(repo.path())
        .args([
            "check",
            "reports",
            "--color",
            "never",
            "--format",
            "human",
            "--format",
            "json=out/r.json",
            "--format",
            "jsonl=out/r.jsonl",
            "--format",
            "sarif=out/r.sarif",
            "--format",
            "github=out/r.github",
            "--format",
            "junit=out/r.xml",
            "--format",
            "summary-md=out/r.md",
        ])
        .assert()
        .code(2)
        .stdout(contains("检查了 2 个文件"))
        .stderr(contains("reports/c.txt: 文件为空"));
    drop(assert);
    let out = |name: &str| fs::read_to_string(repo.path().join("out").join(name)).unwrap();
    let json = json_of(out("r.json").as_bytes());
    let total = found(&json).len();
    assert_eq!(json["summary"]["failed_files"], 1);
    // JSON Lines: one line per finding plus one per unreadable file.
    assert_eq!(out("r.jsonl").lines().count(), total + 1);
    for line in out("r.jsonl").lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(value["path"].is_string());
    }
    // GitHub: one command per finding and per unreadable file.
    assert_eq!(out("r.github").lines().count(), total + 1);
    assert!(out("r.github").lines().all(|l| l.starts_with("::")));
    // SARIF: valid against the official schema, with every finding.
    let sarif = json_of(out("r.sarif").as_bytes());
    let schema: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(Path::new(ROOT).join("tests/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(run["results"].as_array().unwrap().len(), total);
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(
        rules
            .iter()
            .all(|r| r["help"]["text"].is_string() && r["shortDescription"]["text"].is_string())
    );
    // JUnit: parses, one suite per file, failures for failing rules.
    let junit = quick_junit::Report::deserialize_from_str(&out("r.xml")).unwrap();
    assert_eq!(junit.test_suites.len(), 3);
    assert!(junit.test_suites[0].test_cases.len() > 40);
    // Markdown summary: a row per file.
    let md = out("r.md");
    assert!(md.contains("| reports/a.txt | 0 | 18 |"), "{md}");
    assert!(md.contains("| `placeholder` | error | 9 |"), "{md}");
}

#[test]
fn suppressions_in_markdown() {
    let repo = tempfile::tempdir().unwrap();
    write(repo.path(), "s.md", &fixture("suppressions.md"));
    let assert = fzlint(repo.path())
        .args(["check", "s.md", "--format", "json"])
        .assert()
        .code(0);
    let findings = found(&json_of(&assert.get_output().stdout));
    assert!(
        !findings.iter().any(|f| f.starts_with("placeholder@")),
        "{findings:?}"
    );
    assert!(
        !findings.iter().any(|f| f.starts_with("canonical-term@")),
        "{findings:?}"
    );
    assert!(
        !findings
            .iter()
            .any(|f| f.starts_with("topic-legal-advisers@")),
        "{findings:?}"
    );
    assert_eq!(
        findings
            .iter()
            .filter(|f| f.starts_with("unused-suppression@"))
            .count(),
        2
    );
    // A comment for rules the config disables is not "unused": the report
    // may be checked elsewhere with them on. The unknown id still is.
    write(
        repo.path(),
        ".fzlint.yaml",
        "disable: [placeholder, topic-legal-advisers]\n",
    );
    let assert = fzlint(repo.path())
        .args(["check", "s.md", "--format", "json"])
        .assert()
        .code(0);
    let report = json_of(&assert.get_output().stdout);
    let unused_lines: Vec<u64> = report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "unused-suppression")
        .map(|f| f["span"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(unused_lines, vec![4], "{report}");
    // unused-suppression is a rule like any other: it can be disabled.
    write(
        repo.path(),
        ".fzlint.yaml",
        "disable: [unused-suppression]\n",
    );
    let assert = fzlint(repo.path())
        .args(["check", "s.md", "--format", "json"])
        .assert()
        .code(0);
    let findings = found(&json_of(&assert.get_output().stdout));
    assert!(
        !findings
            .iter()
            .any(|f| f.starts_with("unused-suppression@")),
        "{findings:?}"
    );
}

#[test]
fn a_baseline_survives_edits_and_catches_new_findings() {
    let repo = tempfile::tempdir().unwrap();
    let report = fixture("terms-wrong.txt");
    write(repo.path(), "reports/a.txt", &report);
    fzlint(repo.path())
        .args(["baseline", "reports"])
        .assert()
        .code(0)
        .stdout(contains("已把 1 个文件中的"));
    let baseline = json_of(&fs::read(repo.path().join(".fzlint-baseline.json")).unwrap());
    assert_eq!(baseline["version"], 1);
    assert_eq!(baseline["findings"][0]["path"], "reports/a.txt");
    // Lines inserted above every finding: nothing is resurrected.
    let edited = report.replacen('\n', "\n补充说明一段新的文字。\n\n", 1);
    write(repo.path(), "reports/a.txt", &edited);
    let assert = fzlint(repo.path())
        .args([
            "check",
            "reports",
            "--format",
            "json",
            "--baseline",
            ".fzlint-baseline.json",
            "--fail-level",
            "info",
        ])
        .assert()
        .code(0);
    assert_eq!(
        found(&json_of(&assert.get_output().stdout)),
        Vec::<String>::new()
    );
    // A new mistake is reported, the old ones are not.
    write(
        repo.path(),
        "reports/a.txt",
        &format!("{edited}截止目前，另有一件。\n"),
    );
    write(
        repo.path(),
        ".fzlint.yaml",
        "baseline: .fzlint-baseline.json\n",
    );
    let assert = fzlint(repo.path())
        .args(["check", "reports", "--format", "json"])
        .assert()
        .code(0);
    assert_eq!(
        found(&json_of(&assert.get_output().stdout)),
        vec!["canonical-term@reports/a.txt"]
    );
}

#[test]
fn init_writes_a_starter_config_that_loads() {
    let repo = tempfile::tempdir().unwrap();
    fzlint(repo.path()).args(["init"]).assert().code(0);
    let text = fs::read_to_string(repo.path().join(".fzlint.yaml")).unwrap();
    assert!(text.contains("# overrides:"));
    fzlint(repo.path())
        .args(["init"])
        .assert()
        .code(2)
        .stderr(contains("已存在"));
    fzlint(repo.path())
        .args(["init", "--force"])
        .assert()
        .code(0);
    write(repo.path(), "r.md", &fixture("full-compliant.md"));
    fzlint(repo.path()).args(["check"]).assert().code(0);
}

#[test]
fn rules_test_on_the_default_pack_and_on_a_broken_pack() {
    let dir = tempfile::tempdir().unwrap();
    fzlint(dir.path())
        .args(["rules", "test", "--color", "never"])
        .assert()
        .code(0)
        .stdout(contains("全部通过"))
        .stdout(contains("2 个测试文件"));
    write(
        dir.path(),
        "pack/local.yaml",
        "rules:\n  - id: no-xx\n    title: t\n    kind: forbid\n    message: 出现了{match}\n    patterns: [{regex: 'XX'}]\n    examples: {pass: [XX县], fail: [甲]}\n",
    );
    write(
        dir.path(),
        "pack/tests/t.md",
        "# 标题\n\n<!-- expect: no-xx -->\n办理XX件。\n\n<!-- ok: no-xx -->\n又有XX项。\n",
    );
    let assert = fzlint(dir.path())
        .args(["rules", "test", "pack", "--color", "never"])
        .assert()
        .code(1);
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("no-xx"), "{stdout}");
    assert!(stdout.contains("pass 例子报告了问题：XX县"), "{stdout}");
    assert!(stdout.contains("fail 例子没有报告问题：甲"), "{stdout}");
    assert!(
        stdout.contains("pack/tests/t.md:7: 不应有 `no-xx` 的问题，实际有"),
        "{stdout}"
    );
}

#[test]
fn rules_explain() {
    let dir = tempfile::tempdir().unwrap();
    fzlint(dir.path())
        .args(["rules", "explain", "canonical-term", "--color", "never"])
        .assert()
        .code(0)
        .stdout(contains("canonical-term  使用规范的术语和写法"))
        .stdout(contains("依据："))
        .stdout(contains("报告的例子："));
    fzlint(dir.path())
        .args(["rules", "explain", "placehold"])
        .assert()
        .code(2)
        .stderr(contains("是不是 `placeholder`"));
}

/// Converts a YAML file to JSON through serde-saphyr, as an editor's schema
/// validation would see it.
fn yaml_to_json(text: &str) -> serde_json::Value {
    serde_saphyr::from_str(text).unwrap()
}

fn schema_of(kind: &str) -> jsonschema::Validator {
    let dir = tempfile::tempdir().unwrap();
    let assert = fzlint(dir.path()).args(["schema", kind]).assert().code(0);
    jsonschema::validator_for(&json_of(&assert.get_output().stdout)).unwrap()
}

#[test]
fn schemas_accept_the_real_files_and_reject_mistakes() {
    let rules = schema_of("rules");
    let mut checked = 0;
    for dir in ["rules/fazhi", "fixtures/rules/custom"] {
        for entry in fs::read_dir(Path::new(ROOT).join(dir)).unwrap() {
            let path: PathBuf = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                let value = yaml_to_json(&fs::read_to_string(&path).unwrap());
                let errors: Vec<String> =
                    rules.iter_errors(&value).map(|e| e.to_string()).collect();
                assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
                checked += 1;
            }
        }
    }
    assert!(checked >= 10);
    let bad = yaml_to_json(
        "rules:\n  - id: a\n    title: t\n    kind: require\n    message: m\n    patern: [x]\n",
    );
    assert!(!rules.is_valid(&bad));
    // Required fields and the names of kinds and severities are known.
    assert!(!rules.is_valid(&yaml_to_json(
        "rules:\n  - id: a\n    title: t\n    kind: require\n"
    )));
    assert!(!rules.is_valid(&yaml_to_json(
        "rules:\n  - id: a\n    title: t\n    kind: requires\n    message: m\n"
    )));
    assert!(!rules.is_valid(&yaml_to_json(
        "rules:\n  - id: a\n    title: t\n    kind: require\n    message: m\n    severity: fatal\n"
    )));

    let config = schema_of("config");
    let good = yaml_to_json(
        "disable: ['topic-*']\nseverity: {part-order: warning}\nfail_level: warning\noverrides:\n  - files: ['a/**']\n    disable: [title-form]\n",
    );
    let errors: Vec<String> = config.iter_errors(&good).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(!config.is_valid(&yaml_to_json("fail_level: loud\n")));
    assert!(!config.is_valid(&yaml_to_json("disabled: [a]\n")));
}

#[test]
fn directories_are_walked_in_path_order() {
    let repo = tempfile::tempdir().unwrap();
    for name in [
        "b.txt",
        "a.md",
        "sub/c.markdown",
        "sub/d.txt",
        ".hidden/e.txt",
    ] {
        write(repo.path(), name, &fixture("full-compliant.md"));
    }
    let assert = fzlint(repo.path())
        .args(["check", ".", "--format", "json", "--fail-level", "never"])
        .assert()
        .code(0);
    let report = json_of(&assert.get_output().stdout);
    let paths = paths_of(&report);
    assert_eq!(paths, vec!["a.md", "b.txt", "sub/c.markdown", "sub/d.txt"]);
}
