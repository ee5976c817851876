//! Hostile input and faults (issue 15): one bad file never takes a run
//! down, and nothing is printed at a user that is meant for a developer.

#![allow(clippy::unwrap_used)]

#[path = "support/docx_package.rs"]
mod docx_package;

use std::process::Command;

/// A Word document whose numbering names a level far outside Word's 0–8
/// (a file that once made the reader index out of bounds).
fn extreme_numbering_docx() -> Vec<u8> {
    let numbering = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="18446744073709551615"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;
    let document = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>湄川县司法局2024年度法治政府建设情况报告</w:t></w:r></w:p><w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>主要举措和成效</w:t></w:r></w:p></w:body></w:document>"#;
    docx_package::package(
        &[
            ("word/document.xml", Some(document.as_bytes())),
            ("word/numbering.xml", Some(numbering.as_bytes())),
        ],
        zip::CompressionMethod::Deflated,
    )
    .unwrap()
}

#[test]
fn a_file_fzlint_fails_on_is_named_and_the_others_are_still_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-extreme.docx"), extreme_numbering_docx()).unwrap();
    std::fs::write(
        dir.path().join("b-draft.txt"),
        "湄川县司法局2024年度法治政府建设情况报告\n一、主要举措\n全年办理行政复议案件XX件。\n",
    )
    .unwrap();
    for format in ["human", "json"] {
        let output = Command::new(env!("CARGO_BIN_EXE_fzlint"))
            .args([
                "check",
                "--no-config",
                "--color",
                "never",
                "--format",
                format,
            ])
            .args(["a-extreme.docx", "b-draft.txt"])
            .current_dir(dir.path())
            .env_remove("RUST_BACKTRACE")
            .output()
            .unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            output.status.code().is_some_and(|c| c <= 2),
            "{format}: {all}"
        );
        assert!(!all.contains("panicked"), "{format}: {all}");
        assert!(!all.contains("RUST_BACKTRACE"), "{format}: {all}");
        assert!(all.contains("a-extreme.docx"), "{format}: {all}");
        assert!(all.contains("b-draft.txt"), "{format}: {all}");
        assert!(
            all.contains("placeholder"),
            "{format}: the draft's findings: {all}"
        );
    }
}

#[test]
fn twenty_thousand_findings_are_written_for_people_in_linear_time() {
    // Each finding's excerpt once cost the whole file: 32 s for these.
    // (Every one in full: by default repeats of a rule are summed up.)
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "湄川县司法局2023年度法治政府建设情况报告\n{}",
        "截止2023年底完成。\n".repeat(20_000)
    );
    std::fs::write(dir.path().join("many.txt"), text).unwrap();
    let start = std::time::Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_fzlint"))
        .args(["check", "--no-config", "--color", "never", "--all-findings"])
        .arg("many.txt")
        .current_dir(dir.path())
        .output()
        .unwrap();
    let took = start.elapsed();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        stdout.matches("截止2023年底").count(),
        20_000,
        "{}",
        &stdout[..2000.min(stdout.len())]
    );
    assert!(
        stdout.contains("20001 | 截止2023年底完成。"),
        "the last finding keeps its line number"
    );
    assert!(took.as_secs() < 10, "{took:?}");
}

#[test]
fn thousands_of_matches_on_one_line_are_found_in_linear_time() {
    // Each occurrence's right form (截至${1}) was filled by searching again
    // from the start of its line: 36 s for these 20,000 on one line.
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "湄川县司法局2023年度法治政府建设情况报告\n{}\n",
        "截止2023年。".repeat(20_000)
    );
    std::fs::write(dir.path().join("one-line.txt"), text).unwrap();
    let start = std::time::Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_fzlint"))
        .args(["check", "--no-config", "--format", "json", "one-line.txt"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let took = start.elapsed();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = json["files"][0]["findings"].as_array().unwrap();
    let fixes = findings
        .iter()
        .filter(|f| f["replacement"] == "截至2023年")
        .count();
    assert_eq!(fixes, 20_000);
    assert!(took.as_secs() < 10, "{took:?}");
}

#[test]
fn a_report_named_like_a_formula_is_text_in_the_audit_csv() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("=1+1.txt"),
        "=HYPERLINK(\"http://example.invalid\")县司法局2023年度法治政府建设情况报告\n一、主要举措和成效\n全面推行行政执法公示制度。\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_fzlint"))
        .args(["audit", "--no-config", "--format", "csv", "."])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let csv = String::from_utf8(output.stdout).unwrap();
    let row = csv.lines().nth(1).unwrap();
    assert!(
        row.starts_with("'=1+1.txt,") || row.starts_with("'./=1+1.txt,"),
        "{row}"
    );
    assert!(
        !csv.lines().any(|l| l
            .split(',')
            .any(|cell| cell.trim_matches('"').starts_with('='))),
        "{csv}"
    );
}

#[test]
fn control_characters_from_a_report_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("escape.txt"),
        "湄川县司法局2023年度法治政府建设情况报告\n全年办理XX件\u{1b}[2J\u{1b}]0;owned\u{7}。\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_fzlint"))
        .args(["check", "--no-config", "--color", "always", "escape.txt"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(shown.contains("XX"), "{shown}");
    assert!(
        shown.contains("?[2J"),
        "the escape is shown as text: {shown}"
    );
    // Colour is still set (termcolor's own sequences), but nothing from the
    // report: no clear-screen, no title change, no bell.
    assert!(
        !shown.contains("\u{1b}[2J") && !shown.contains("\u{1b}]0;") && !shown.contains('\u{7}'),
        "{shown:?}"
    );
    assert!(shown.contains("\u{1b}["), "colour was asked for");
}

/// Runs `command`, killing it after `seconds`: a file that blocks must fail
/// the test, not hang it.
fn run_with_deadline(mut command: Command, seconds: u64) -> std::process::Output {
    use std::process::Stdio;
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("still running after {seconds} s: {command:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn settings_files_that_never_end_or_block_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.txt");
    std::fs::write(
        &report,
        "湄川县司法局2023年度法治政府建设情况报告\n一、主要举措\n",
    )
    .unwrap();
    let fifo = dir.path().join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let big = dir.path().join("big.yaml");
    std::fs::write(&big, "# 注释\n".repeat(3_000_000)).unwrap();
    let fifo = fifo.to_str().unwrap();
    let big = big.to_str().unwrap();
    let cases: [(&str, &str, &str, &str); 7] = [
        ("check", "--config", "/dev/zero", "配置文件不是普通文件"),
        ("check", "--config", fifo, "配置文件不是普通文件"),
        ("check", "--rules", "/dev/zero", "规则文件不是普通文件"),
        ("check", "--rules", big, "字节的上限"),
        ("check", "--baseline", "/dev/zero", "基线文件不是普通文件"),
        ("check", "--baseline", fifo, "基线文件不是普通文件"),
        ("audit", "--manifest", fifo, "清单文件不是普通文件"),
    ];
    for (command, flag, file, expected) in cases {
        let mut fzlint = Command::new(env!("CARGO_BIN_EXE_fzlint"));
        fzlint.args([command, flag, file]).arg(&report);
        let output = run_with_deadline(fzlint, 20);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{flag} {file}: {stderr}");
        assert!(
            stderr.contains(file) && stderr.contains(expected),
            "{flag} {file}: {stderr}"
        );
    }
}

#[test]
fn an_output_that_is_one_of_the_reports_is_refused_and_the_report_kept() {
    let dir = tempfile::tempdir().unwrap();
    let text = "湄川县司法局2023年度法治政府建设情况报告\n一、主要举措\n全年办理XX件。\n";
    std::fs::create_dir(dir.path().join("reports")).unwrap();
    std::fs::write(dir.path().join("reports/a.md"), text).unwrap();
    let runs: [&[&str]; 4] = [
        &[
            "check",
            "--no-config",
            "--format",
            "json=reports/a.md",
            "reports/a.md",
        ],
        &[
            "check",
            "--no-config",
            "--format",
            "sarif=./reports/../reports/a.md",
            "reports",
        ],
        &["audit", "--no-config", "-o", "reports/a.md", "reports"],
        &[
            "baseline",
            "--no-config",
            "--output",
            "reports/a.md",
            "reports",
        ],
    ];
    for args in runs {
        let output = Command::new(env!("CARGO_BIN_EXE_fzlint"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("不会用输出覆盖它"), "{args:?}: {stderr}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("reports/a.md")).unwrap(),
            text,
            "{args:?}"
        );
    }
    // Beside the reports, an output is written as usual.
    let output = Command::new(env!("CARGO_BIN_EXE_fzlint"))
        .args([
            "audit",
            "--no-config",
            "-o",
            "reports/audit.md",
            "--format",
            "markdown",
            "reports",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        std::fs::read_to_string(dir.path().join("reports/audit.md"))
            .unwrap()
            .contains("a.md")
    );
}

#[test]
fn a_report_with_old_mac_line_endings_is_read_line_by_line() {
    // CR-only line endings once made the whole report one line: no outline,
    // and a missing-part finding for every part.
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/reports/missing-legality-review.txt"),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lf.txt"), &text).unwrap();
    std::fs::write(dir.path().join("cr.txt"), text.replace('\n', "\r")).unwrap();
    let findings = |name: &str| -> Vec<serde_json::Value> {
        let output = Command::new(env!("CARGO_BIN_EXE_fzlint"))
            .args(["check", "--no-config", "--format", "json", name])
            .current_dir(dir.path())
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        json["files"][0]["findings"].as_array().unwrap().clone()
    };
    let (lf, cr) = (findings("lf.txt"), findings("cr.txt"));
    assert!(!lf.is_empty());
    assert_eq!(
        cr, lf,
        "the same findings, at the same lines, columns and bytes"
    );
}

#[test]
fn a_closed_pipe_ends_the_output_not_the_run_and_the_status_is_the_runs() {
    // `fzlint check … | head -1`: the status was 0 when the pipe closed
    // before the findings were written and 1 when it did not.
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("draft.txt"),
        format!(
            "湄川县司法局2023年度法治政府建设情况报告\n{}",
            "全年办理行政复议案件XX件。\n".repeat(2_000)
        ),
    )
    .unwrap();
    for format in ["human", "json"] {
        for _ in 0..3 {
            let mut child = Command::new(env!("CARGO_BIN_EXE_fzlint"))
                .args([
                    "check",
                    "--no-config",
                    "--fail-level",
                    "warning",
                    "--format",
                    format,
                    "draft.txt",
                ])
                .current_dir(dir.path())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            drop(child.stdout.take());
            let output = child.wait_with_output().unwrap();
            assert_eq!(
                output.status.code(),
                Some(1),
                "{format}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            assert!(
                output.stderr.is_empty(),
                "{format}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_write_that_fails_names_its_target() {
    let report =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/reports/terms-wrong.txt");
    let runs: [&[&str]; 3] = [
        &["check", "--no-config", "--format", "json=/dev/full"],
        &["check", "--no-config", "--format", "sarif=/dev/full"],
        &["audit", "--no-config", "--format", "csv", "-o", "/dev/full"],
    ];
    for args in runs {
        let output = Command::new(env!("CARGO_BIN_EXE_fzlint"))
            .args(args)
            .arg(&report)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("无法写入 /dev/full："),
            "{args:?}: {stderr}"
        );
        assert_eq!(stderr.matches("无法写入").count(), 1, "{args:?}: {stderr}");
    }
}

#[test]
fn a_config_glob_too_big_to_compile_is_an_error_at_its_value() {
    // `{a,{a,…b}…}` nested 150 deep: valid glob syntax whose regex is
    // beyond the nesting limit (it made globset panic).
    let mut glob = String::from("b");
    for _ in 0..150 {
        glob = format!("{{a,{glob}}}");
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".fzlint.yaml"),
        format!("fail_level: error\ndisable:\n  - '{glob}'\nexclude: ['{glob}']\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "湄川县司法局2024年度法治政府建设情况报告\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_fzlint"))
        .args(["check", "--color", "never", "a.txt"])
        .current_dir(dir.path())
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains(".fzlint.yaml:3:5"), "{stderr}");
    assert!(stderr.contains(".fzlint.yaml:4:11"), "{stderr}");
}

/// A report with one safe fix (截止 → 截至), and what it is once fixed.
const TO_FIX: &str = "湄川县司法局2023年度法治政府建设情况报告\n一、主要举措\n截止2023年底完成。\n";
const FIXED: &str = "湄川县司法局2023年度法治政府建设情况报告\n一、主要举措\n截至2023年底完成。\n";

/// Runs `fzlint ARGS` in `dir` (as `command`, or as fzlint itself); returns
/// the exit status and standard error.
fn run_in(dir: &std::path::Path, command: Option<Command>, args: &[&str]) -> (i32, String) {
    let output = command
        .unwrap_or_else(|| Command::new(env!("CARGO_BIN_EXE_fzlint")))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The temporary files fzlint left in `dir` (none, after any run).
fn leftovers(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".fzlint-"))
        .collect()
}

/// Whether this process runs as root (root owns the files it creates).
#[cfg(unix)]
fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = tempfile::tempfile().unwrap();
    probe.metadata().unwrap().uid() == 0
}

/// fzlint run as the user and group `id` (not root), when this test runs as
/// root and `setpriv` can start fzlint so; `None` otherwise.
#[cfg(unix)]
fn fzlint_as_user(id: u32) -> Option<Command> {
    let command = || {
        let mut command = Command::new("setpriv");
        command
            .arg(format!("--reuid={id}"))
            .arg(format!("--regid={id}"))
            .arg("--clear-groups")
            .arg(env!("CARGO_BIN_EXE_fzlint"));
        command
    };
    // setpriv missing, or the binary out of that user's reach.
    let works = command()
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    works.then(command)
}

/// `--fix` through a symbolic link once truncated the report and wrote it
/// in place: on a full disk the report was left cut mid-character. Now the
/// file the link names is replaced by rename (a new inode), the link stays
/// a link, and the same holds for an output file named through a link.
#[cfg(unix)]
#[test]
fn fix_through_a_symbolic_link_replaces_the_linked_file_by_rename() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("reports")).unwrap();
    let target = dir.path().join("reports/real.txt");
    std::fs::write(&target, TO_FIX).unwrap();
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink("reports/real.txt", &link).unwrap();
    let inode = std::fs::metadata(&target).unwrap().ino();

    let (code, stderr) = run_in(
        dir.path(),
        None,
        &["check", "--no-config", "--fix", "link.txt"],
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("已在 1 个文件中改正 1 处"), "{stderr}");
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), FIXED);
    assert_ne!(
        std::fs::metadata(&target).unwrap().ino(),
        inode,
        "replaced, not rewritten"
    );
    assert!(leftovers(dir.path()).is_empty() && leftovers(&dir.path().join("reports")).is_empty());

    // An output named through a link: the same.
    let out = dir.path().join("reports/out.json");
    std::fs::write(&out, "old").unwrap();
    std::os::unix::fs::symlink("reports/out.json", dir.path().join("out-link.json")).unwrap();
    let inode = std::fs::metadata(&out).unwrap().ino();
    let (code, stderr) = run_in(
        dir.path(),
        None,
        &[
            "check",
            "--no-config",
            "--format",
            "json=out-link.json",
            "link.txt",
        ],
    );
    // 1: the report's findings (a report of one paragraph lacks parts).
    assert_eq!(code, 1, "{stderr}");
    let link = dir.path().join("out-link.json");
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("\"version\": 1")
    );
    assert_ne!(
        std::fs::metadata(&out).unwrap().ino(),
        inode,
        "replaced, not rewritten"
    );
}

/// A read-only report reached through a link is refused as it is by its
/// own name (through the link, root once wrote into it).
#[cfg(unix)]
#[test]
fn fix_through_a_link_to_a_read_only_report_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.txt");
    std::fs::write(&target, TO_FIX).unwrap();
    let mut permissions = std::fs::metadata(&target).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&target, permissions).unwrap();
    std::os::unix::fs::symlink("real.txt", dir.path().join("link.txt")).unwrap();

    let (code, stderr) = run_in(
        dir.path(),
        None,
        &["check", "--no-config", "--fix", "link.txt"],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("无法写入 link.txt：") && stderr.contains("是只读的，未修改"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), TO_FIX);
    assert!(std::fs::metadata(&target).unwrap().permissions().readonly());
    assert!(leftovers(dir.path()).is_empty());
}

/// `--fix` as root made another user's report root's (the fixed copy kept
/// the mode, not the owner). The report keeps its owner and group; and a
/// user who may write a report but not own it (a group's or everyone's
/// file) is refused rather than made its owner.
#[cfg(unix)]
#[test]
fn fix_keeps_the_reports_owner_or_leaves_the_report() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    // Only root can give a file to another user; as anyone else, this test
    // has nothing to set up.
    if !running_as_root() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.txt");
    std::fs::write(&report, TO_FIX).unwrap();
    std::os::unix::fs::chown(&report, Some(12345), Some(12345)).unwrap();

    let (code, stderr) = run_in(
        dir.path(),
        None,
        &["check", "--no-config", "--fix", "report.txt"],
    );
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(std::fs::read_to_string(&report).unwrap(), FIXED);
    let metadata = std::fs::metadata(&report).unwrap();
    assert_eq!((metadata.uid(), metadata.gid()), (12345, 12345));

    // Another user (12346) who may write the report and its folder but
    // does not own it.
    let Some(other) = fzlint_as_user(12346) else {
        return;
    };
    std::fs::write(&report, TO_FIX).unwrap();
    std::fs::set_permissions(&report, std::fs::Permissions::from_mode(0o666)).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let (code, stderr) = run_in(
        dir.path(),
        Some(other),
        &["check", "--no-config", "--fix", "report.txt"],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("无法写入 report.txt：无法保留文件的所有者（用户 12345、组 12345）"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&report).unwrap(), TO_FIX);
    let metadata = std::fs::metadata(&report).unwrap();
    assert_eq!((metadata.uid(), metadata.gid()), (12345, 12345));
    assert!(leftovers(dir.path()).is_empty());
}

/// `--fix` in a folder that is not writable said only "Permission denied":
/// now it says that fzlint writes a temporary file beside the report and
/// that the folder must be writable, naming it.
#[cfg(unix)]
#[test]
fn fix_in_a_folder_that_is_not_writable_says_the_folder_must_be() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("locked");
    std::fs::create_dir(&folder).unwrap();
    let report = folder.join("report.txt");
    std::fs::write(&report, TO_FIX).unwrap();
    // Root may write into any folder: run fzlint as another user, who owns
    // the report and the folder (so only the folder's mode stops it).
    let fzlint = if running_as_root() {
        let Some(fzlint) = fzlint_as_user(12345) else {
            return; // no way to run fzlint as anyone but root here
        };
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        std::os::unix::fs::chown(&folder, Some(12345), Some(12345)).unwrap();
        std::os::unix::fs::chown(&report, Some(12345), Some(12345)).unwrap();
        Some(fzlint)
    } else {
        None
    };
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();

    let (code, stderr) = run_in(
        &folder,
        fzlint,
        &["check", "--no-config", "--fix", "report.txt"],
    );
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, 2, "{stderr}");
    let shown = std::fs::canonicalize(&folder).unwrap();
    assert!(
        stderr.contains("无法写入 report.txt：fzlint 先在同一文件夹写一个临时文件")
            && stderr.contains(&format!("文件夹 {} 须可写", shown.display())),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&report).unwrap(), TO_FIX);
}

/// A report edited after fzlint read it, before the fixed copy is renamed
/// over it, was replaced and the edit lost. The replacement checks, just
/// before the rename, that the file is still what was read (size, time and
/// a hash of its bytes), and otherwise leaves it and says so.
#[test]
fn a_report_changed_after_it_was_read_is_not_replaced() {
    use fzlint::write::{AtomicFile, replace_if_unchanged};
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.txt");
    std::fs::write(&report, TO_FIX).unwrap();
    let edited = TO_FIX.replace("完成", "全部完成");

    // Edited between the reading and the replacing.
    let (bytes, read_as) = fzlint::read::read_bytes_fingerprinted(&report, 1 << 20).unwrap();
    assert_eq!(bytes, TO_FIX.as_bytes());
    std::fs::write(&report, &edited).unwrap();
    let error = replace_if_unchanged(&report, &read_as, FIXED.as_bytes()).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "无法写入 {}：读取后文件已被修改，未写入修改；请重新运行",
            report.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&report).unwrap(), edited);

    // Edited while the fixed copy is being written, with the same size:
    // the check is made at the rename.
    std::fs::write(&report, TO_FIX).unwrap();
    let (_, read_as) = fzlint::read::read_bytes_fingerprinted(&report, 1 << 20).unwrap();
    let mut file = AtomicFile::replacing(&report, read_as).unwrap();
    file.write_all(FIXED.as_bytes()).unwrap();
    let same_size = TO_FIX.replace("完成", "办完");
    std::fs::write(&report, &same_size).unwrap();
    let error = file.commit().unwrap_err();
    assert!(error.to_string().contains("读取后文件已被修改"), "{error}");
    assert_eq!(std::fs::read_to_string(&report).unwrap(), same_size);

    // Deleted meanwhile: not written back either.
    let (_, read_as) = fzlint::read::read_bytes_fingerprinted(&report, 1 << 20).unwrap();
    std::fs::remove_file(&report).unwrap();
    assert!(replace_if_unchanged(&report, &read_as, FIXED.as_bytes()).is_err());
    assert!(!report.exists());

    // Unchanged: replaced.
    std::fs::write(&report, TO_FIX).unwrap();
    let (_, read_as) = fzlint::read::read_bytes_fingerprinted(&report, 1 << 20).unwrap();
    replace_if_unchanged(&report, &read_as, FIXED.as_bytes()).unwrap();
    assert_eq!(std::fs::read_to_string(&report).unwrap(), FIXED);
    assert!(leftovers(dir.path()).is_empty());
}
