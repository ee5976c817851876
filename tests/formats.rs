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
#[path = "support/run.rs"]
mod run;

use run::fzlint;

use std::path::Path;

use serde_json::Value;

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
    assert!(!stdout.contains("警告["), "{stdout}");
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

/// The safe fixes of the master, as (wrong, right).
const FIXES: [(&str, &str); 4] = [
    ("2021-2025", "2021—2025"),
    ("双随机，一公开", "双随机、一公开"),
    ("法制宣传", "法治宣传"),
    ("全民国家安全日", "全民国家安全教育日"),
];

/// `bytes` with each wrong form, encoded by `encode`, replaced once by its
/// right form: what a fix may change and nothing else.
fn spliced(bytes: &[u8], encode: impl Fn(&str) -> Vec<u8>) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for (wrong, right) in FIXES {
        let wrong = encode(wrong);
        let at = out
            .windows(wrong.len())
            .position(|w| w == wrong.as_slice())
            .unwrap();
        out.splice(at..at + wrong.len(), encode(right));
    }
    out
}

/// Encodes text as a file's encoding does.
type Encode = dyn Fn(&str) -> Vec<u8>;

#[test]
fn fix_changes_only_the_replaced_spans_in_every_encoding() {
    let dir = forms();
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let gbk = |s: &str| -> Vec<u8> { encoding_rs::GBK.encode(s).0.into_owned() };
    let gb18030 = |s: &str| -> Vec<u8> { encoding_rs::GB18030.encode(s).0.into_owned() };
    let utf8 = |s: &str| -> Vec<u8> { s.as_bytes().to_vec() };
    let cases: [(&str, &Encode); 6] = [
        ("report-gbk.txt", &gbk),
        ("report-gb18030.txt", &gb18030),
        ("report-utf16le.txt", &utf16),
        ("report-utf8bom.txt", &utf8),
        ("report-crlf.txt", &utf8),
        ("report.md", &utf8),
    ];
    let before: Vec<Vec<u8>> = cases
        .iter()
        .map(|(name, _)| std::fs::read(dir.path().join(name)).unwrap())
        .collect();
    let docx_before = std::fs::read(dir.path().join("report.docx")).unwrap();
    let mut args = vec!["check", "--no-config", "--fix"];
    args.extend(cases.iter().map(|(name, _)| *name));
    args.push("report.docx");
    let (code, stdout, stderr) = fzlint(dir.path(), &args);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("已在 6 个文件中改正 24 处"), "{stderr}");
    assert!(
        stderr.contains("report.docx: --fix 只处理 .md 和 .txt 文件"),
        "{stderr}"
    );
    // What is printed is what remains after the fixes: the Word document
    // (not rewritten) still has its year range, the text files do not.
    assert_eq!(stdout.matches("[year-range-dash]").count(), 1, "{stdout}");
    assert!(stdout.contains("report.docx:3:"), "{stdout}");
    for ((name, encode), original) in cases.iter().zip(&before) {
        let after = std::fs::read(dir.path().join(name)).unwrap();
        assert_eq!(
            after,
            spliced(original, encode),
            "{name}: more than the fixes changed"
        );
    }
    // The Word document is never rewritten.
    assert_eq!(
        std::fs::read(dir.path().join("report.docx")).unwrap(),
        docx_before
    );
    // Checked again, the fixed files have none of the fixed findings.
    let (_, stdout, _) = fzlint(
        dir.path(),
        &["check", "--no-config", "--format", "json", "report-gbk.txt"],
    );
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let (_, found) = &findings(&report)[0];
    let rules: Vec<&str> = found.iter().map(|(r, _)| r.as_str()).collect();
    for fixed in [
        "year-range-dash",
        "canonical-term",
        "commemorative-day-name",
    ] {
        assert!(!rules.contains(&fixed), "{rules:?}");
    }
}

#[test]
fn diff_shows_the_fixes_and_changes_nothing() {
    let dir = forms();
    let before = std::fs::read(dir.path().join("report-gbk.txt")).unwrap();
    let (code, stdout, stderr) = fzlint(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--diff",
            "report-gbk.txt",
            "report.docx",
        ],
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stdout.starts_with("--- a/report-gbk.txt\n+++ b/report-gbk.txt\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("-2023年，") && stdout.contains("（2021-2025年）"),
        "{stdout}"
    );
    assert!(
        stdout.contains("+2023年，") && stdout.contains("（2021—2025年）"),
        "{stdout}"
    );
    assert!(!stdout.contains("report.docx"), "{stdout}");
    // The Word document's fixes are not shown, and the author is told why.
    assert!(
        stderr.contains(
            "report.docx：有 4 处安全改正，不显示差异：--fix 和 --diff 只处理 .md 和 .txt 文件"
        ),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(dir.path().join("report-gbk.txt")).unwrap(),
        before
    );
    // Nothing to fix: status 0, no output.
    let (code, stdout, _) = fzlint(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &[
            "check",
            "--no-config",
            "--diff",
            "fixtures/reports/full-compliant.md",
        ],
    );
    assert_eq!((code, stdout.as_str()), (0, ""));
}

/// A read-only file is not rewritten by `--fix`: the author is told, the
/// file keeps its bytes, the other files of the run are still fixed, and
/// the exit status says something went wrong. (Renaming the fixed copy
/// over it would succeed even though the file is read-only.)
#[test]
fn fix_leaves_a_read_only_file_untouched_and_fixes_the_others() {
    let dir = forms();
    let locked = dir.path().join("report-gbk.txt");
    let before = std::fs::read(&locked).unwrap();
    let mut permissions = std::fs::metadata(&locked).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&locked, permissions).unwrap();
    let other_before = std::fs::read(dir.path().join("report.md")).unwrap();
    let (code, _, stderr) = fzlint(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--fix",
            "report-gbk.txt",
            "report.md",
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("无法写入 report-gbk.txt：文件是只读的，未修改"),
        "{stderr}"
    );
    assert!(stderr.contains("已在 1 个文件中改正"), "{stderr}");
    assert_eq!(std::fs::read(&locked).unwrap(), before);
    assert!(std::fs::metadata(&locked).unwrap().permissions().readonly());
    assert_eq!(
        std::fs::read(dir.path().join("report.md")).unwrap(),
        spliced(&other_before, |s: &str| s.as_bytes().to_vec())
    );
    // No temporary file is left behind.
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".fzlint-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
