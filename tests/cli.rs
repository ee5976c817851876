//! End-to-end tests of the `fzlint` command: exit statuses, standard input,
//! bad input files (each reported by name while the others are still
//! checked), rule packs given with `--rules`, colour, and usage errors.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::{Value, json};

/// The `path` of each entry of a JSON list (files of `check`, failed files
/// of `audit`) that `keep` accepts, in order.
fn paths(list: &Value, keep: impl Fn(&Value) -> bool) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .filter(|f| keep(f))
        .map(|f| f["path"].as_str().unwrap())
        .collect()
}

fn fzlint() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fzlint"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn json(output: &[u8]) -> serde_json::Value {
    serde_json::from_slice(output).unwrap()
}

fn rule_ids(report: &serde_json::Value, file: usize) -> Vec<String> {
    report["files"][file]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn compliant_report_exits_zero() {
    fzlint()
        .args(["check", "fixtures/reports/full-compliant.md"])
        .assert()
        .code(0)
        .stdout(contains("未发现问题"))
        .stderr("");
}

#[test]
fn an_error_finding_exits_one() {
    fzlint()
        .args(["check", "fixtures/reports/missing-first-responsible.txt"])
        .assert()
        .code(1)
        .stdout(contains("错误[first-responsible-person]"));
}

#[test]
fn severity_words_are_chinese_unless_english_is_asked_for() {
    // People read the human output: 错误/警告/提示, in findings, in errors
    // about files and in usage errors. CI log parsers that look for the
    // English words ask for them with --english-severity.
    let report = "fixtures/reports/thematic-no-plan.txt";
    fzlint()
        .args([
            "check",
            "--no-config",
            "--color",
            "never",
            report,
            "nowhere.txt",
        ])
        .assert()
        .code(2)
        .stdout(contains("错误["))
        .stdout(contains("警告[").and(contains("提示[")))
        .stdout(contains("error[").not())
        .stderr(contains("错误: nowhere.txt"));
    fzlint()
        .args([
            "check",
            "--no-config",
            "--color",
            "never",
            "--english-severity",
            report,
        ])
        .args(["nowhere.txt"])
        .assert()
        .code(2)
        .stdout(contains("error["))
        .stdout(contains("warning[").and(contains("note[")))
        .stdout(contains("错误[").not())
        .stderr(contains("error: nowhere.txt"));
    fzlint()
        .args(["check", "--formt", "json"])
        .assert()
        .code(2)
        .stderr(contains("错误: 不认识的参数 `--formt`"))
        .stderr(contains("是不是想用选项 `--format`"))
        .stderr(contains("用法：fzlint check"))
        .stderr(contains("unexpected").not().and(contains("Usage").not()));
}

#[test]
fn usage_errors_are_worded_in_chinese() {
    for (args, expected) in [
        (&["chek"][..], "没有 `chek` 这个命令"),
        (
            &["check", "--fail-level", "bad"][..],
            "`--fail-level <LEVEL>` 的值 `bad` 无效：应为",
        ),
        (
            &["check", "--fix", "--diff"][..],
            "`--fix` 不能与 `--diff` 同时使用",
        ),
        (&["check", "--all", "--all"][..], "`--all` 只能给一次"),
        (
            &["audit", "--format"][..],
            "`--format <FORMAT>` 需要一个值；可用的值：table、csv",
        ),
        (&["annotate"][..], "缺少必需的参数：<FILE>"),
    ] {
        let output = fzlint().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.starts_with("错误: "), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("error:") && !stderr.contains("For more information"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn warnings_alone_exit_zero() {
    fzlint()
        .args(["check", "fixtures/reports/missing-who-enforces.txt"])
        .assert()
        .code(0)
        .stdout(contains("警告[who-enforces-educates]"));
}

#[test]
fn standard_input_is_plain_text() {
    let report = "云岭县人民政府关于2023年度法治政府建设情况的报告\n    一、主要举措\n    全面推行“三项制度”。\n";
    let assert = fzlint()
        .args(["check", "--format", "json", "-"])
        .write_stdin(report)
        .assert()
        .code(1);
    let out = json(&assert.get_output().stdout);
    assert_eq!(out["files"][0]["path"], "<stdin>");
    let ids = rule_ids(&out, 0);
    assert!(ids.contains(&"shortcomings-section".to_owned()), "{ids:?}");
    assert!(
        !ids.contains(&"three-enforcement-systems".to_owned()),
        "{ids:?}"
    );
    // The missing-element findings point at the title on line 1.
    assert_eq!(out["files"][0]["findings"][0]["span"]["line"], 1);
    // Indented with four spaces, yet read as an outline heading, not code.
    fzlint()
        .args(["outline", "-"])
        .write_stdin(report)
        .assert()
        .code(0)
        .stdout(contains("    2  一、主要举措"));
}

/// Writes the bad inputs of the next test into a temporary folder.
fn bad_inputs(dir: &Path) {
    // UTF-8, then bytes that no encoding reads as Chinese text.
    let mut garbled = "第一行\n第二".as_bytes().to_vec();
    garbled.extend_from_slice(&[0xFF, 0x80, 0xFF, 0x81, 0xFE]);
    std::fs::write(dir.join("garbled.txt"), garbled).unwrap();
    std::fs::write(dir.join("word.docx"), b"PK\x03\x04\x14\x00\x00\x00").unwrap();
    std::fs::write(dir.join("empty.md"), b"").unwrap();
    std::fs::write(dir.join("blank.txt"), " \n\u{3000}\n".as_bytes()).unwrap();
    // A UTF-16 byte-order mark, then an odd number of bytes.
    std::fs::write(dir.join("utf16.txt"), [0xFF, 0xFE, 0x55, 0x6C, 0x31]).unwrap();
    std::fs::write(dir.join("old.doc"), b"\xD0\xCF\x11\xE0").unwrap();
}

#[test]
fn bad_inputs_are_named_and_the_other_files_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    bad_inputs(dir.path());
    let p = |name: &str| dir.path().join(name).display().to_string();
    let args = [
        "check".to_owned(),
        "--format".to_owned(),
        "json".to_owned(),
        p("garbled.txt"),
        "fixtures/reports/missing-who-enforces.txt".to_owned(),
        p("word.docx"),
        p("empty.md"),
        p("blank.txt"),
        p("utf16.txt"),
        p("no-such-file.txt"),
        p("old.doc"),
    ];
    let assert = fzlint().args(&args).assert().code(2);
    let output = assert.get_output();
    let stderr = String::from_utf8(output.stderr.clone()).unwrap();
    assert!(
        stderr.contains(&format!("{}:2:3: 无法确定文件的编码", p("garbled.txt"))),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{}: 无法读取 Word 文档", p("word.docx"))),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "{}: fzlint 不读取旧版 Word/WPS 文档",
            p("old.doc")
        )),
        "{stderr}"
    );
    assert!(stderr.contains("另存为 .docx"), "{stderr}");
    assert!(
        stderr.contains(&format!("{}: 文件为空", p("empty.md"))),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{}: 文件为空", p("blank.txt"))),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{}:1:2: 按 UTF-16LE 编码无法解码", p("utf16.txt"))),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "{}: 无法读取文件：文件不存在",
            p("no-such-file.txt")
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");

    let out = json(&output.stdout);
    let files = out["files"].as_array().unwrap();
    assert_eq!(files.len(), 8);
    // The good file was checked and reported in its place.
    assert_eq!(
        files[1]["path"],
        "fixtures/reports/missing-who-enforces.txt"
    );
    let good = rule_ids(&out, 1);
    assert!(
        good.contains(&"who-enforces-educates".to_owned()),
        "{good:?}"
    );
    assert!(files[1].get("error").is_none());
    for (i, file) in files.iter().enumerate() {
        if i != 1 {
            assert!(file["error"].is_string(), "{file}");
            assert!(file["findings"].as_array().unwrap().is_empty());
        }
    }
    assert_eq!(out["summary"]["failed_files"], 7);
    assert_eq!(out["summary"]["errors"], 0);
    assert_eq!(out["summary"]["warnings"], 1);
}

/// A named pipe would block a reader for ever, a symbolic link loop never
/// resolves, and a file over the size cap is refused before it is read:
/// each is named with its reason, and the report beside them is checked.
#[cfg(unix)]
#[test]
fn pipes_link_loops_and_oversized_files_are_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name).display().to_string();
    let fifo = std::process::Command::new("mkfifo")
        .arg(p("pipe.txt"))
        .status()
        .unwrap();
    assert!(fifo.success());
    std::os::unix::fs::symlink(p("b.txt"), p("a.txt")).unwrap();
    std::os::unix::fs::symlink(p("a.txt"), p("b.txt")).unwrap();
    // 28 kB of report text: over an 8 KiB cap (the 4 kB report is under it).
    std::fs::write(p("long.txt"), "一、主要举措和成效\n".repeat(1000)).unwrap();
    let output = fzlint()
        .args(["check", "--format", "json", "--max-file-size", "8K"])
        .args([p("pipe.txt"), p("a.txt"), p("long.txt")])
        .arg("fixtures/reports/missing-who-enforces.txt")
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(&format!("{}: 不是普通文件", p("pipe.txt"))),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{}: 无法读取文件", p("a.txt"))),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "{}: 文件有 28000 字节，超过了 8192 字节的上限",
            p("long.txt")
        )),
        "{stderr}"
    );
    let out = json(&output.stdout);
    assert_eq!(out["summary"]["failed_files"], 3);
    assert!(rule_ids(&out, 3).contains(&"who-enforces-educates".to_owned()));
    // The default cap (50 MiB) lets the same file through.
    fzlint()
        .args(["check", "--format", "json", &p("long.txt")])
        .assert()
        .code(1);
    fzlint()
        .args(["check", "--max-file-size", "lots", &p("long.txt")])
        .assert()
        .code(2)
        .stderr(contains("--max-file-size"));
}

#[test]
fn human_output_still_shows_the_findings_of_readable_files() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.txt").display().to_string();
    fzlint()
        .args([
            "check",
            "--color",
            "never",
            &missing,
            "fixtures/reports/missing-first-responsible.txt",
        ])
        .assert()
        .code(2)
        .stdout(contains("错误[first-responsible-person]"))
        .stdout(contains("1 个文件无法读取"))
        .stderr(contains(format!("错误: {missing}: 无法读取文件")));
}

#[test]
fn a_rule_pack_of_ones_own_is_obeyed() {
    let assert = fzlint()
        .args([
            "check",
            "--format",
            "json",
            "--rules",
            "fixtures/rules/custom",
            "fixtures/custom-report.txt",
        ])
        .assert()
        .code(1);
    let out = json(&assert.get_output().stdout);
    let findings = out["files"][0]["findings"].as_array().unwrap();
    let ids: Vec<&str> = findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    // The default pack still runs alongside.
    assert!(ids.contains(&"first-responsible-person"), "{ids:?}");
    for id in [
        "local-draft-marks",
        "local-fazhi-term",
        "local-plan-part",
        "local-review-in-results",
    ] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    // A regex substitution fills in its capture groups.
    let dash = findings
        .iter()
        .find(|f| f["replacement"] == "（2021—2025年）")
        .unwrap();
    assert_eq!(dash["message"], "“（2021-2025年）”应为“（2021—2025年）”");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/custom-report.txt"),
    )
    .unwrap();
    let span = &dash["span"];
    let (start, end) = (
        span["start"].as_u64().unwrap() as usize,
        span["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[start..end], "（2021-2025年）");
}

#[test]
fn without_default_rules_only_the_given_pack_runs() {
    let assert = fzlint()
        .args([
            "check",
            "--format",
            "json",
            "--no-default-rules",
            "--rules",
            "fixtures/rules/custom/local.yaml",
            "fixtures/custom-report.txt",
        ])
        .assert()
        .code(1);
    let out = json(&assert.get_output().stdout);
    assert!(
        rule_ids(&out, 0).iter().all(|id| id.starts_with("local-")),
        "{out}"
    );
}

#[test]
fn no_rules_at_all_is_a_usage_error() {
    fzlint()
        .args([
            "check",
            "--no-default-rules",
            "fixtures/reports/compliant-county-gov.md",
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("没有加载任何规则"));
}

#[test]
fn a_bad_rule_file_stops_the_run_before_any_checking() {
    fzlint()
        .args([
            "check",
            "--rules",
            "fixtures/rules/bad/bad-regex.yaml",
            "fixtures/reports/missing-first-responsible.txt",
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("fixtures/rules/bad/bad-regex.yaml:8:16"))
        .stderr(contains("正则表达式无效"));
}

#[test]
fn all_errors_of_a_broken_pack_are_reported_at_once() {
    let assert = fzlint()
        .args([
            "rules",
            "list",
            "--color",
            "never",
            "--rules",
            "fixtures/rules/bad",
        ])
        .assert()
        .code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    for file in [
        "bad-regex.yaml",
        "bad-values.yaml",
        "duplicate-id.yaml",
        "empty-match.yaml",
        "empty.yaml",
        "kind-mismatch.yaml",
        "missing-fields.yaml",
        "not-a-mapping.yaml",
        "syntax-error.yaml",
        "unknown-field.yaml",
        "unknown-kind.yaml",
    ] {
        assert!(stderr.contains(file), "{file} missing from:\n{stderr}");
    }
}

#[test]
fn missing_or_empty_rule_folder_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().display().to_string();
    fzlint()
        .args(["rules", "list", "--rules", &empty])
        .assert()
        .code(2)
        .stderr(contains("规则目录中没有规则文件"));
    fzlint()
        .args(["rules", "list", "--rules", "no/such/pack"])
        .assert()
        .code(2)
        .stderr(contains("no/such/pack: 无法读取规则包"));
}

#[test]
fn rules_list_json_has_the_five_core_rules() {
    let assert = fzlint()
        .args(["rules", "list", "--format", "json"])
        .assert()
        .code(0);
    let out = json(&assert.get_output().stdout);
    let ids: Vec<&str> = out["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    // The five core rules come first (rules/fazhi/10-core.yaml), in this order.
    assert_eq!(
        ids[..5],
        [
            "shortcomings-section",
            "first-responsible-person",
            "three-enforcement-systems",
            "legality-review",
            "who-enforces-educates"
        ]
    );
    for id in ["placeholder", "canonical-term"] {
        assert!(ids.contains(&id), "{id}");
    }
    for rule in out["rules"].as_array().unwrap() {
        assert!(rule["basis"].is_string(), "{rule}");
        assert!(rule["help"].is_string(), "{rule}");
    }
}

#[test]
fn outline_json_has_the_documented_shape() {
    let assert = fzlint()
        .args([
            "outline",
            "--format",
            "json",
            "fixtures/reports/compliant-city-bureau.txt",
        ])
        .assert()
        .code(0);
    let out = json(&assert.get_output().stdout);
    let file = &out["files"][0];
    assert_eq!(
        file["title"],
        "澜州市市场监督管理局关于2022年度法治政府建设情况的报告"
    );
    let first = &file["sections"][0];
    assert_eq!(first["level"], 1);
    assert_eq!(first["number"], "一");
    assert_eq!(
        first["heading"],
        "一、2022年度推进法治政府建设的主要举措和成效"
    );
    assert_eq!(first["line"], 6);
    assert_eq!(first["children"][0]["level"], 2);
    for key in ["start", "end", "line", "column", "end_line", "end_column"] {
        assert!(first["span"][key].is_u64(), "{key}");
    }
    let levels: Vec<u64> = file["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["level"].as_u64().unwrap())
        .collect();
    assert_eq!(levels, vec![1, 1, 1, 1, 1]);
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let args = ["check", "fixtures/reports/missing-first-responsible.txt"];
    fzlint()
        .args(args)
        .args(["--color", "always"])
        .assert()
        .stdout(contains("\u{1b}["));
    // Not a terminal: auto means no colour.
    fzlint()
        .args(args)
        .assert()
        .stdout(contains("\u{1b}[").not());
}

#[test]
fn usage_errors_exit_two_and_help_exits_zero() {
    fzlint()
        .args(["check", "--frobnicate", "x.txt"])
        .assert()
        .code(2);
    fzlint()
        .args(["check", "--format", "sarif", "--format", "json", "x.txt"])
        .assert()
        .code(2)
        .stderr(contains("只能有一个 --format 写到标准输出"));
    fzlint()
        .args(["check", "--format", "xml", "x.txt"])
        .assert()
        .code(2);
    fzlint()
        .args(["--help"])
        .assert()
        .code(0)
        .stdout(contains("check"));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // Reading only the first bytes of a long output closes the pipe early.
    let exe = env!("CARGO_BIN_EXE_fzlint");
    let script = format!(
        "'{exe}' check --format json {} | head -c 10 >/dev/null; echo \"${{PIPESTATUS[0]}}\"",
        ["fixtures/reports/missing-three-systems-partial.txt"; 400].join(" ")
    );
    let output = std::process::Command::new("bash")
        .args(["-c", &script])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
    let status = String::from_utf8_lossy(&output.stdout);
    assert_eq!(status.trim(), "0");
}

#[test]
fn shell_completions_know_the_subcommands_and_options() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = fzlint().args(["completions", shell]).assert().code(0);
        let text = String::from_utf8(output.get_output().stdout.clone()).unwrap();
        // Fish spells long options `-l fail-level`, the others `--fail-level`.
        for word in [
            "check",
            "baseline",
            "rules",
            "fail-level",
            "no-default-rules",
        ] {
            assert!(text.contains(word), "{shell} completions lack {word}");
        }
    }
    fzlint()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(contains("tcsh"));
}

#[test]
fn man_pages_cover_every_subcommand() {
    let output = fzlint().arg("man").assert().code(0);
    let page = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    assert!(page.contains(".TH fzlint 1"), "{page}");
    assert!(page.contains("fzlint\\-check(1)"));

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    fzlint()
        .args(["man", "--output-dir"])
        .arg(&out)
        .assert()
        .code(0);
    for page in ["fzlint.1", "fzlint-check.1", "fzlint-rules-test.1"] {
        assert!(out.join(page).is_file(), "{page} not written");
    }
    let check = std::fs::read_to_string(out.join("fzlint-check.1")).unwrap();
    assert!(check.contains("\\-\\-fail\\-level"), "{check}");
}

/// `--format json=PATH` and `audit -o PATH` write into a named pipe instead
/// of renaming a new file over it (as an atomic write of a plain file
/// does): `-o /dev/null` must leave the device. Through a symbolic link,
/// the file it names is replaced and the link stays a link
/// (`tests/hostile.rs` shows the replacement is a rename).
#[cfg(unix)]
#[test]
fn output_to_a_pipe_is_written_in_place_and_a_link_stays_a_link() {
    use std::os::unix::fs::FileTypeExt;

    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.json");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    fzlint()
        .args([
            "check",
            "--no-config",
            "fixtures/reports/full-compliant.md",
            "--format",
        ])
        .arg(format!("json={}", link.display()))
        .assert()
        .code(0);
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.contains("\"version\": 1"), "{written}");

    let fifo = dir.path().join("pipe");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    fzlint()
        .args(["audit", "--no-config", "--format", "csv", "-o"])
        .arg(&fifo)
        .arg("fixtures/audit/governments/danjiang-city-2023.md")
        .assert()
        .code(0);
    let csv = reader.join().unwrap();
    assert!(csv.contains("澹江市人民政府"), "{csv}");
    assert!(fifo.symlink_metadata().unwrap().file_type().is_fifo());
}

/// Inputs built to be hard: a 10 MB report on one line (a Word export
/// without paragraph marks), Markdown nested 20,000 levels deep, a rule
/// file that is an alias bomb and a config nested deeper than the YAML
/// budget allows. Each ends (the harness would hang otherwise) with
/// findings or a clear error, never a crash.
#[test]
fn huge_lines_deep_nesting_and_yaml_bombs_end_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name).display().to_string();
    // 10 MB on one line, with a term to fix near the end.
    let sentence = "全面推行行政执法公示制度，严格规范公正文明执法。";
    let mut line = sentence.repeat(10_000_000 / sentence.len());
    line.push_str("深入开展法制宣传教育。");
    std::fs::write(p("one-line.txt"), &line).unwrap();
    let output = fzlint()
        .args(["check", "--format", "json", &p("one-line.txt")])
        .timeout(std::time::Duration::from_secs(120))
        .assert()
        .code(1)
        .get_output()
        .clone();
    let out = json(&output.stdout);
    let findings = out["files"][0]["findings"].as_array().unwrap();
    let term = findings
        .iter()
        .find(|f| f["rule"] == "canonical-term")
        .expect("the term at the end of the line is found");
    assert_eq!(term["span"]["line"], 1);
    assert_eq!(
        term["span"]["column"],
        line.chars().count() - "法制宣传教育。".chars().count() + 1
    );
    // Markdown nested 20,000 deep: block quotes and list items.
    let deep = format!(
        "# 法治政府建设情况报告\n\n{}深入开展法制宣传教育。\n\n{}落实普法责任制。\n",
        "> ".repeat(20_000),
        "- ".repeat(20_000)
    );
    std::fs::write(p("deep.md"), deep).unwrap();
    fzlint()
        .args(["check", "--format", "json", &p("deep.md")])
        .timeout(std::time::Duration::from_secs(120))
        .assert()
        .code(1)
        .stdout(contains("canonical-term"));
    // An alias bomb in a rule file (a 900 KB string repeated 60,000
    // times, 54 GB expanded): refused by the YAML budget.
    let bomb = format!(
        "rules:\n  - id: bomb\n    title: t\n    kind: forbid\n    message: m\n    patterns: [&s \"{}\", {}]\n",
        "哈".repeat(300_000),
        vec!["*s"; 60_000].join(", ")
    );
    std::fs::write(p("bomb.yaml"), bomb).unwrap();
    fzlint()
        .args([
            "check",
            "--rules",
            &p("bomb.yaml"),
            "fixtures/reports/full-compliant.md",
        ])
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(2)
        .stderr(contains("bomb.yaml:6:"))
        .stderr(contains("超出了 fzlint 读取 YAML 的上限"));
    // A config nested 10,000 deep.
    let nested = format!("rules: {}1{}\n", "[".repeat(10_000), "]".repeat(10_000));
    std::fs::write(p("deep.yaml"), nested).unwrap();
    fzlint()
        .args([
            "check",
            "--config",
            &p("deep.yaml"),
            "fixtures/reports/full-compliant.md",
        ])
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(2)
        .stderr(contains("deep.yaml:1:"))
        .stderr(contains("超出了 fzlint 读取 YAML 的上限"));
}

/// A second pack (a province's) replaces a default rule by id: the same
/// number of rules and audit columns, the province's wording and severity,
/// and `rules list`/`rules explain` say whose rule it is.
#[test]
fn a_province_pack_replaces_a_default_rule_by_id() {
    let province = ["--rules", "fixtures/rules/province"];
    let default = json(
        &fzlint()
            .args(["rules", "list", "--format", "json"])
            .assert()
            .code(0)
            .get_output()
            .stdout,
    );
    let both = json(
        &fzlint()
            .args(["rules", "list", "--format", "json"])
            .args(province)
            .assert()
            .code(0)
            .get_output()
            .stdout,
    );
    let rules = |out: &serde_json::Value| out["rules"].as_array().unwrap().clone();
    assert_eq!(rules(&default).len(), rules(&both).len());
    let rule = |out: &serde_json::Value, id: &str| {
        rules(out)
            .into_iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("no {id}"))
    };
    let replaced = rule(&both, "legality-review");
    assert_eq!(replaced["pack"], "province");
    assert_eq!(replaced["overrides"], "fazhi");
    assert_eq!(replaced["severity"], "error");
    assert_eq!(replaced["audit_column"], "合法性审核");
    // In the same place as the default rule it replaces.
    let position = |out: &serde_json::Value| {
        rules(out)
            .iter()
            .position(|r| r["id"] == "legality-review")
            .unwrap()
    };
    assert_eq!(position(&default), position(&both));
    let untouched = rule(&both, "who-enforces-educates");
    assert_eq!(untouched["pack"], "fazhi");
    assert!(untouched.get("overrides").is_none());

    fzlint()
        .args(["rules", "explain", "legality-review", "--color", "never"])
        .args(province)
        .assert()
        .code(0)
        .stdout(contains(
            "规则包：province（替换了规则包 fazhi 中的同名规则）",
        ))
        .stdout(contains("本省要求"));
    fzlint()
        .args(["rules", "explain", "legality-review", "--color", "never"])
        .assert()
        .code(0)
        .stdout(contains("规则包：fazhi\n"));

    // A report without the review: the province's finding, as an error.
    let report = "fixtures/reports/missing-legality-review.txt";
    fzlint()
        .args(["check", "--no-config", "--color", "never", report])
        .assert()
        .code(0)
        .stdout(contains(
            "警告[legality-review]: 报告中没有行政规范性文件合法性审核",
        ));
    fzlint()
        .args(["check", "--no-config", "--color", "never", report])
        .args(province)
        .assert()
        .code(1)
        .stdout(contains("错误[legality-review]: 按本省要求"));
}

#[test]
fn a_folder_walk_names_every_report_it_cannot_read() {
    // A supervisor's folder: a report, an old Word file, a PDF and a
    // picture. The .doc and the PDF were passed over without a word.
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("上报");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("a.txt"),
        "湄川县人民政府2024年度法治政府建设情况报告\n一、主要举措和成效\n",
    )
    .unwrap();
    std::fs::write(folder.join("b.doc"), b"\xd0\xcf\x11\xe0old").unwrap();
    std::fs::write(folder.join("c.pdf"), b"%PDF-1.7").unwrap();
    std::fs::write(folder.join("d.png"), b"\x89PNG").unwrap();
    let output = fzlint()
        .args(["check", "--no-config", "--color", "never", "上报"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(output.status.code(), Some(2), "{all}");
    assert!(
        all.contains("上报/b.doc: fzlint 不读取旧版 Word/WPS 文档"),
        "{all}"
    );
    assert!(all.contains("另存为 .docx"), "{all}");
    assert!(
        all.contains("上报/c.pdf: fzlint 不读取PDF/OFD 文件"),
        "{all}"
    );
    assert!(all.contains("2 个文件无法读取"), "{all}");
    assert!(!all.contains("d.png"), "a picture is no report: {all}");
    // The audit gives each its row among the failed, and says so in its
    // exit status.
    let output = fzlint()
        .args(["audit", "--no-config", "--format", "json", "上报"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let audit: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let failed = paths(&audit["failed"], |_| true);
    assert_eq!(failed, ["上报/b.doc", "上报/c.pdf"]);
    assert_eq!(audit["totals"]["reports"], 1);
    // A config can leave them out.
    std::fs::write(
        dir.path().join(".fzlint.yaml"),
        "exclude: ['*.pdf', '*.doc']\n",
    )
    .unwrap();
    let output = fzlint()
        .args(["check", "--color", "never", "上报"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_ne!(output.status.code(), Some(2));
}

#[test]
fn rules_test_on_a_pack_without_examples_says_it_tested_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        "rules:\n  - id: no-examples\n    title: 没有例子\n    kind: forbid\n    severity: warning\n    message: 不要写“禁止词”\n    patterns: [禁止词]\n",
    )
    .unwrap();
    let output = fzlint()
        .args(["rules", "test", "--color", "never"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("没有测试任何东西"), "{stdout}");
    assert!(stdout.contains("no-examples"), "{stdout}");
    assert!(!stdout.contains("全部通过"), "{stdout}");
}

#[test]
fn the_summary_never_says_no_problems_without_saying_what_it_left_out() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "湄川县司法局2024年度法治政府建设情况报告\n一、主要举措和成效\n",
    )
    .unwrap();
    let run = |args: &[&str]| {
        let output = fzlint()
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .last()
            .unwrap_or_default()
            .to_owned()
    };
    fzlint()
        .args(["baseline", "--no-config", "-o", "base.json", "a.txt"])
        .current_dir(dir.path())
        .assert()
        .success();
    let line = run(&[
        "check",
        "--no-config",
        "--color",
        "never",
        "--baseline",
        "base.json",
        "a.txt",
    ]);
    assert!(line.contains("没有发现基线以外的问题"), "{line}");
    assert!(line.contains("基线隐藏了"), "{line}");
    assert!(!line.contains("未发现问题"), "{line}");
    // A file that could not be read is in the same line as "no problems".
    std::fs::write(dir.path().join("b.doc"), b"\xd0\xcf\x11\xe0").unwrap();
    let line = run(&[
        "check",
        "--no-config",
        "--color",
        "never",
        "--baseline",
        "base.json",
        "a.txt",
        "b.doc",
    ]);
    assert!(line.contains("另有 1 个文件无法读取"), "{line}");
}

#[test]
fn a_broken_baseline_is_explained_in_chinese_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("base.json"),
        "{\"version\": 1, \"findngs\": []}",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "湄川县司法局2024年度法治政府建设情况报告\n",
    )
    .unwrap();
    let output = fzlint()
        .args([
            "check",
            "--no-config",
            "--color",
            "never",
            "--baseline",
            "base.json",
            "a.txt",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("base.json: 基线文件格式错误（第 1 行第 24 列）：未知的键 `findngs`；是不是 `findings`？"),
        "{stderr}"
    );
}

#[test]
fn the_command_lines_own_frame_is_chinese() {
    for args in [
        vec!["--help"],
        vec!["check", "--help"],
        vec!["help", "audit"],
        vec!["rules", "help", "list"],
    ] {
        let output = fzlint().args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        let help = String::from_utf8_lossy(&output.stdout);
        assert!(help.contains("用法：fzlint"), "{args:?}: {help}");
        assert!(help.contains("选项:"), "{args:?}: {help}");
        for english in [
            "Usage:",
            "Options:",
            "Arguments:",
            "Commands:",
            "Print help",
            "Print version",
        ] {
            assert!(!help.contains(english), "{args:?}: {english} in {help}");
        }
    }
    let output = fzlint().args(["help", "nope"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("没有 `nope` 这个命令"));
}

#[test]
fn the_json_schemas_speak_chinese() {
    // Editors show these descriptions to the people writing rule files
    // and configs: every one has Chinese in it.
    fn walk(value: &serde_json::Value, path: &str, english: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, v) in map {
                    if let ("description" | "title", serde_json::Value::String(text)) =
                        (key.as_str(), v)
                        && !text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                    {
                        english.push(format!("{path}: {text}"));
                    }
                    walk(v, &format!("{path}/{key}"), english);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(v, &format!("{path}/{i}"), english);
                }
            }
            _ => {}
        }
    }
    for kind in ["rules", "config"] {
        let output = fzlint().args(["schema", kind]).output().unwrap();
        let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let mut english = Vec::new();
        walk(&schema, kind, &mut english);
        assert!(english.is_empty(), "{english:#?}");
    }
}

#[test]
fn check_at_a_repository_root_checks_the_reports_not_the_repositorys_files() {
    // As docs/ci.md recommends: `fzlint check` at the root of a reports
    // repository, which has a README, docs and last run's summary.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("docs")).unwrap();
    std::fs::create_dir_all(dir.path().join("reports")).unwrap();
    std::fs::write(
        dir.path().join("README.md"),
        "# 本仓库\n存放各单位的年度报告。\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("docs/写作指南.md"), "# 写作指南\n").unwrap();
    std::fs::write(dir.path().join("fzlint-summary.md"), "## fzlint\n").unwrap();
    std::fs::write(
        dir.path().join("reports/甲县.txt"),
        "湄川县司法局2024年度法治政府建设情况报告\n一、主要举措和成效\n",
    )
    .unwrap();
    let output = fzlint()
        .args(["check", "--no-config", "--format", "json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(paths(&json["files"], |_| true), ["reports/甲县.txt"]);
    // Named on the command line, a README is checked all the same.
    let output = fzlint()
        .args(["check", "--no-config", "--format", "json", "README.md"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["files"][0]["path"], "README.md");
}

#[test]
fn a_folders_file_that_is_not_a_report_gets_one_note_not_twenty_findings() {
    // A department's folder: its report, a staff list and a note to the
    // office. The list and the note get one line each saying they were
    // passed over, the run's status is the report's, and `--all`, the
    // config's `include` or naming the file checks it anyway.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("材料")).unwrap();
    std::fs::write(
        dir.path().join("材料/报告.txt"),
        "湄川县司法局2024年度法治政府建设情况报告\n一、主要举措和成效\n办结行政复议案件四件。\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("材料/名单.txt"),
        "张三\t办公室\n李四\t财务科\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("材料/说明.md"),
        "# 说明\n\n本目录放各部门的材料，三月前交齐。\n",
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let output = fzlint()
            .args(["check", "--no-config", "--fail-level", "never"])
            .args(extra)
            .current_dir(dir.path())
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
        )
    };

    let (status, stdout, stderr) = run(&["材料"]);
    assert_eq!(status, Some(0), "{stderr}");
    for name in ["材料/名单.txt", "材料/说明.md"] {
        assert_eq!(
            stderr
                .lines()
                .filter(|l| l.contains(name) && l.contains("不像法治政府建设年度报告，已跳过"))
                .count(),
            1,
            "{stderr}"
        );
        assert!(
            !stdout.contains(name),
            "a skipped file has no findings:\n{stdout}"
        );
    }
    assert!(
        stdout.contains("检查了 1 个文件") && stdout.contains("另有 2 个文件不是年度报告，已跳过"),
        "{stdout}"
    );

    let (_, json, _) = run(&["--format", "json", "材料"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let skipped = paths(&json["files"], |f| f["skipped"]["reason"] == "not_a_report");
    assert_eq!(skipped, ["材料/名单.txt", "材料/说明.md"]);

    let (_, junit, _) = run(&["--format", "junit", "材料"]);
    assert_eq!(junit.matches("<skipped").count(), 2, "{junit}");
    let (_, sarif, _) = run(&["--format", "sarif", "材料"]);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let notes = &sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(
        notes
            .as_array()
            .map(|n| n.iter().filter(|n| n["level"] == "note").count()),
        Some(2),
        "{notes}"
    );

    // Checked anyway: with --all, when named, or when include names it.
    let (_, json, _) = run(&["--all", "--format", "json", "材料"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(
        json["files"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["skipped"].is_null())
    );
    assert_eq!(json["files"].as_array().unwrap().len(), 3);
    let (_, json, _) = run(&["--format", "json", "材料/名单.txt"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(json["files"][0]["skipped"].is_null());
    assert!(!json["files"][0]["findings"].as_array().unwrap().is_empty());
    std::fs::write(
        dir.path().join(".fzlint.yaml"),
        "include: [\"材料/*.txt\"]\n",
    )
    .unwrap();
    let output = fzlint()
        .args(["check", "--format", "json", "--fail-level", "never", "材料"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let checked = paths(&json["files"], |f| f["skipped"].is_null());
    assert_eq!(checked, ["材料/名单.txt", "材料/报告.txt"]);
}

#[test]
fn a_substitutions_help_and_basis_are_about_that_substitution() {
    // 截止→截至 and 布署→部署 are not explained by the 法治/法制 note and
    // its 普法 basis, as they were when the rule had one help for all pairs.
    let output = fzlint()
        .args(["check", "--no-config", "--format", "json", "-"])
        .write_stdin("截止目前，布署了工作，深入开展法制宣传教育。\n")
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let by_match = |wrong: &str| -> (String, String) {
        let finding = json["files"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| {
                f["message"]
                    .as_str()
                    .unwrap()
                    .starts_with(&format!("“{wrong}”"))
            })
            .unwrap_or_else(|| panic!("no finding for {wrong}: {json}"));
        (
            finding["help"].as_str().unwrap().to_owned(),
            finding["basis"].as_str().unwrap().to_owned(),
        )
    };
    let (help, basis) = by_match("截止目前");
    assert!(help.contains("截至") && !help.contains("法治"), "{help}");
    assert!(
        basis.contains("现代汉语词典") && !basis.contains("普法"),
        "{basis}"
    );
    let (help, basis) = by_match("布署");
    assert!(!help.contains("法治"), "{help}");
    assert!(
        !basis.contains("宪法") && !basis.contains("普法"),
        "{basis}"
    );
    let (help, basis) = by_match("法制宣传教育");
    assert!(help.contains("法治") && help.contains("法制"), "{help}");
    assert!(basis.contains("法治宣传教育"), "{basis}");
}

#[test]
fn fzlints_own_audits_and_summaries_are_not_checked_as_reports_whatever_their_names() {
    // `audit -o` and `--format summary-md=` into the reports' folder: the
    // next run passes over what fzlint wrote (the audit's title names
    // 法治政府建设年度报告, which would otherwise make it read as one).
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        "fixtures/reports/arithmetic.txt",
        dir.path().join("报告.txt"),
    )
    .unwrap();
    let run = |args: &[&str]| {
        fzlint()
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    run(&[
        "check",
        "--no-config",
        "--format",
        "summary-md=汇总.md",
        ".",
    ]);
    run(&[
        "audit",
        "--no-config",
        "--format",
        "markdown",
        "-o",
        "审计.md",
        ".",
    ]);
    run(&[
        "audit",
        "--no-config",
        "--format",
        "html",
        "-o",
        "审计.html",
        ".",
    ]);
    for name in ["汇总.md", "审计.md", "审计.html"] {
        assert!(dir.path().join(name).exists(), "{name} was not written");
    }
    let output = run(&["check", "--no-config", "--format", "json", "."]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let outcome: Vec<(&str, &str)> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap(),
                f["skipped"]["reason"].as_str().unwrap_or("checked"),
            )
        })
        .collect();
    assert_eq!(
        outcome,
        [
            ("审计.html", "generated"),
            ("审计.md", "generated"),
            ("报告.txt", "checked"),
            ("汇总.md", "generated"),
        ]
    );
}

/// A redacted copy with 80 `**` marks: the human output shows three of the
/// placeholder findings in full and one line with the rest's count and
/// lines, so the other findings are not buried; `--all-findings` shows
/// every one; JSON keeps every finding and the summary counts them all.
/// Findings of one rule that say different things are not summed up.
#[test]
fn repeats_of_a_rule_are_summed_up_in_the_human_output() {
    const FILE: &str = "fixtures/redacted/redacted-copy.txt";
    // Four different placeholders of a draft: each shown.
    let draft = fzlint()
        .args([
            "check",
            "fixtures/reports/placeholders-draft.md",
            "--color",
            "never",
        ])
        .output()
        .unwrap();
    let draft = String::from_utf8(draft.stdout).unwrap();
    for mark in ["“**”", "“ＸＸ”", "“□□”", "“TODO”", "“×××”"] {
        assert!(draft.contains(mark), "{mark}: {draft}");
    }
    let json = json(
        &fzlint()
            .args(["check", FILE, "--format", "json"])
            .output()
            .unwrap()
            .stdout,
    );
    let findings = json["files"][0]["findings"].as_array().unwrap();
    let placeholders: Vec<u64> = findings
        .iter()
        .filter(|f| f["rule"] == "placeholder")
        .map(|f| f["span"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(placeholders.len(), 80);
    let others = findings.len() - 80;
    assert!(others >= 2, "{findings:?}"); // 法制宣传教育, 截止目前

    let run = |extra: &[&str]| {
        let output = fzlint()
            .args(["check", FILE, "--color", "never"])
            .args(extra)
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let short = run(&[]);
    let heads = |text: &str, rule: &str| text.matches(&format!("[{rule}]: ")).count();
    assert_eq!(heads(&short, "placeholder"), 3 + 1, "{short}");
    // The other findings are all shown in full.
    assert_eq!(heads(&short, "canonical-term"), 2, "{short}");
    // The lines of the other 77, each once, the first ten.
    let mut lines: Vec<u64> = placeholders[3..].to_vec();
    lines.dedup();
    let lines: Vec<String> = lines[..10].iter().map(u64::to_string).collect();
    let summed = format!(
        "[placeholder]: 另有 77 处同样的问题，在第 {}…行；用 --all-findings 显示全部",
        lines.join("、")
    );
    assert!(short.contains(&summed), "{summed}\n{short}");
    assert_eq!(short.matches("同样的问题").count(), 1, "{short}");
    // 15 diagnostics and the line, not 92 diagnostics.
    assert!(
        short.lines().count() < 150,
        "{} lines",
        short.lines().count()
    );
    // The summary counts every finding, shown or not.
    let count = |severity: &str| {
        findings
            .iter()
            .filter(|f| f["severity"] == severity)
            .count()
    };
    let counts = format!(
        "发现 {} 个错误、{} 个警告、{} 个提示",
        count("error"),
        count("warning"),
        count("info")
    );
    assert!(short.contains(&counts), "{counts}\n{short}");

    let all = run(&["--all-findings"]);
    assert_eq!(heads(&all, "placeholder"), 80);
    assert!(!all.contains("同样的问题"));
    assert!(all.lines().count() > 5 * short.lines().count());
    // The same summary line in both.
    assert_eq!(short.lines().last(), all.lines().last());
}

/// What the pack knows and until when is said wherever rules are named:
/// `rules explain` lists the table's documents a rule uses with their
/// report years, `rules list` (human and JSON), `check`'s JSON and SARIF
/// name the pack's version and knowledge date.
#[test]
fn the_packs_version_and_its_documents_are_shown() {
    let explained = fzlint()
        .args([
            "rules",
            "explain",
            "topic-law-popularisation",
            "--color",
            "never",
        ])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let explained = String::from_utf8(explained).unwrap();
    for wanted in [
        "用到的文件（文件表；每条问题的依据和建议只取适用于该报告年度的文件）",
        "[pufa-plan-8]",
        "适用于2021—2025年度的报告；系列 pufa-plan",
        "[pufa-law-2025]",
        "适用于2025年度起的报告",
        // The 九五 plan's unconfirmed detail is said, not cited.
        "标题中年份区间的连接号未见正式文本",
    ] {
        assert!(explained.contains(wanted), "{wanted}: {explained}");
    }
    fzlint()
        .args(["rules", "explain", "topic-pufa-law", "--color", "never"])
        .assert()
        .code(0)
        .stdout(contains("适用的报告年度：2026—"));

    fzlint()
        .args(["rules", "list", "--color", "never"])
        .assert()
        .code(0)
        .stdout(contains("规则包 fazhi 2026.12.0（知识截至 2026-12-04）"));
    let out = fzlint()
        .args(["rules", "list", "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let listed: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(listed["engine"]["pack_versions"][0]["version"], "2026.12.0");
    let rules = listed["rules"].as_array().unwrap();
    let rule = |id: &str| rules.iter().find(|r| r["id"] == id).unwrap().clone();
    assert_eq!(rule("topic-enterprise-inspection")["report_years"], "2025—");
    assert!(
        rule("outdated-outline")["documents"]
            .as_array()
            .unwrap()
            .contains(&json!("outline-2015"))
    );

    let report = "fixtures/reports/year-2023-bureau.txt";
    let out = fzlint()
        .args(["check", "--no-config", "--format", "json", report])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let checked: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        checked["engine"]["pack_versions"][0]["knowledge_as_of"],
        "2026-12-04"
    );
    let out = fzlint()
        .args(["check", "--no-config", "--format", "sarif", report])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let sarif: Value = serde_json::from_slice(&out).unwrap();
    let extension = &sarif["runs"][0]["tool"]["extensions"][0];
    assert_eq!(extension["name"], "fazhi");
    assert_eq!(extension["version"], "2026.12.0");
    assert_eq!(extension["properties"]["knowledgeAsOf"], "2026-12-04");
}
