//! One report, every form: Markdown, plain text in UTF-8 (with and without
//! BOM, LF and CRLF), GBK, GB18030 and UTF-16LE, a Word document with
//! automatic numbering, heading styles, a table and a tracked change, and a
//! GB2312 web page with site chrome. All must give the same findings (rule
//! and message; spans differ by format), and each form's human output is a
//! snapshot. The forms are made by `tests/support/formats.rs` from
//! `fixtures/formats/report.txt`.

#![allow(clippy::unwrap_used)]

#[path = "support/formats.rs"]
mod formats;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn fzlint(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_fzlint"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn forms() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    formats::write_all(dir.path()).unwrap();
    dir
}

/// (rule, message) of every finding of every file, by file.
fn findings(report: &Value) -> Vec<(String, Vec<(String, String)>)> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|file| {
            assert!(file.get("error").is_none(), "{file}");
            let mut found: Vec<(String, String)> = file["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    (
                        f["rule"].as_str().unwrap().to_owned(),
                        f["message"].as_str().unwrap().to_owned(),
                    )
                })
                .collect();
            found.sort();
            (file["path"].as_str().unwrap().to_owned(), found)
        })
        .collect()
}

#[test]
fn every_form_gives_the_same_findings() {
    let dir = forms();
    let mut args = vec![
        "check",
        "--no-config",
        "--fail-level",
        "warning",
        "--format",
        "json",
    ];
    args.extend(formats::FILES);
    let (code, stdout, stderr) = fzlint(dir.path(), &args);
    assert_eq!(code, 1, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let all = findings(&report);
    let (master_path, master) = &all[0];
    assert_eq!(master_path, "report.txt");
    let rules: Vec<&str> = master.iter().map(|(r, _)| r.as_str()).collect();
    // The master's own findings, as planted.
    for rule in [
        "year-range-dash",
        "canonical-term",
        "commemorative-day-name",
        "who-enforces-educates",
    ] {
        assert!(rules.contains(&rule), "{rules:?}");
    }
    // The tracked deletion in the Word document is not read.
    assert!(!rules.contains(&"outdated-new-ideas"));
    for (path, found) in &all[1..] {
        assert_eq!(found, master, "{path} differs from the master");
    }

    // Where the findings are: Word paragraphs, HTML lines, encodings.
    let file = |name: &str| {
        report["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == name)
            .unwrap()
            .clone()
    };
    let docx = file("report.docx");
    assert_eq!(docx["format"], "docx");
    let dash = docx["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "year-range-dash")
        .unwrap();
    // The title, an empty paragraph, then the introduction: paragraph 3.
    assert_eq!(dash["span"]["paragraph"], 3);
    let html = file("report.html");
    assert_eq!(
        (&html["format"], &html["encoding"]),
        (&"html".into(), &"gb18030".into())
    );
    let dash = html["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "year-range-dash")
        .unwrap();
    assert!(dash["span"]["html_line"].as_u64().unwrap() > 10, "{dash}");
    assert_eq!(file("report-gbk.txt")["encoding"], "gb18030");
    assert_eq!(file("report-utf16le.txt")["encoding"], "UTF-16LE");
    assert!(file("report-utf8bom.txt").get("encoding").is_none());
}

#[test]
fn each_form_as_an_author_sees_it() {
    let dir = forms();
    for name in formats::FILES {
        let (_, stdout, stderr) = fzlint(
            dir.path(),
            &["check", "--no-config", "--color", "never", name],
        );
        insta::assert_snapshot!(format!("form_{name}"), format!("{stdout}{stderr}"));
    }
}

#[test]
fn an_outline_from_word_numbering_and_styles() {
    let dir = forms();
    let (code, stdout, _) = fzlint(dir.path(), &["outline", "report.docx"]);
    assert_eq!(code, 0);
    // Word's numbers, rendered, make the outline.
    assert!(
        stdout.contains("一、2023年度推进法治政府建设的主要举措和成效"),
        "{stdout}"
    );
    assert!(stdout.contains("（四）化解行政争议"), "{stdout}");
    assert!(
        stdout.contains("三、2024年度推进法治政府建设的主要安排"),
        "{stdout}"
    );
}

#[test]
fn a_forced_encoding_and_a_wrong_one() {
    let dir = forms();
    let (code, _, stderr) = fzlint(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--encoding",
            "gbk",
            "report-gbk.txt",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    // GBK bytes read as UTF-8: an error naming the file, not garbage.
    let (code, stdout, stderr) = fzlint(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--encoding",
            "utf-8",
            "report-gbk.txt",
        ],
    );
    assert_eq!(code, 2);
    assert!(!stdout.contains("warning["), "{stdout}");
    assert!(
        stderr.contains("report-gbk.txt:") && stderr.contains("按 UTF-8 编码无法解码"),
        "{stderr}"
    );
    let (code, _, stderr) = fzlint(
        dir.path(),
        &["check", "--encoding", "klingon", "report.txt"],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("未知的编码"), "{stderr}");
}
