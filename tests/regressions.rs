//! Regressions found by fuzzing (`fuzz/`) and by the property tests
//! (`tests/properties.rs`): each runs the `fzlint` binary on a file kept in
//! `tests/regressions/` (copied to a temporary folder, since `--fix`
//! writes) and checks that fzlint neither panics nor misleads the author.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "support/docx_package.rs"]
mod docx_package;
#[allow(dead_code)]
#[path = "support/hostile_docx.rs"]
mod hostile_docx;

/// Copies a regression file into a fresh temporary folder.
fn copy_of(name: &str) -> (tempfile::TempDir, PathBuf) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/regressions")
        .join(name);
    let dir = tempfile::tempdir().unwrap();
    let to = dir.path().join(name);
    std::fs::copy(&from, &to).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    (dir, to)
}

/// Runs fzlint; returns its exit status, stdout and stderr. A panic (exit
/// status 101) fails the test at once.
fn fzlint(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_fzlint"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    let status = output.status.code().unwrap_or(-1);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        matches!(status, 0..=2),
        "fzlint {args:?} exited with {status}\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "fzlint {args:?}:\n{stderr}");
    (status, stdout, stderr)
}

fn utf16le(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    String::from_utf16(&units).unwrap()
}

/// Found by the `check_text` fuzz target (minimised: `--encoding utf-16le`
/// on the bytes FF FE 10 00). With `--encoding utf-16le` the byte-order
/// mark of a UTF-16 file (every file Windows Notepad saves as "Unicode")
/// stayed in the text, and `--fix` refused every such file, claiming it had
/// changed since it was checked.
#[test]
fn fix_with_a_forced_utf16_encoding_keeps_the_byte_order_mark() {
    let (dir, path) = copy_of("utf16le-bom.txt");
    let original = std::fs::read(&path).unwrap();
    let (_, _, stderr) = fzlint(
        dir.path(),
        &[
            "check",
            "--encoding",
            "utf-16le",
            "--fix",
            "utf16le-bom.txt",
        ],
    );
    assert!(!stderr.contains("改动过"), "{stderr}");
    let fixed = std::fs::read(&path).unwrap();
    assert_eq!(&fixed[..2], b"\xFF\xFE", "the byte-order mark is kept");
    let expected = utf16le(&original[2..]).replace("法制宣传教育", "法治宣传教育");
    assert_eq!(utf16le(&fixed[2..]), expected);
}

/// Found by the `check_text` fuzz target (minimised: the byte 0x80 read as
/// GB18030). Windows writes the euro sign as 0x80 in code page 936 (GBK);
/// the GB18030 decoder reads it as €, but encodes € as A2 E3, so `--fix`
/// refused the file with a warning that it had changed since it was
/// checked, which is false. Either the fix is made (0x80 kept) or the
/// refusal says why; it never claims the file changed.
#[test]
fn fix_of_a_gbk_file_with_a_euro_sign_does_not_claim_the_file_changed() {
    let (dir, path) = copy_of("gbk-euro-sign.txt");
    let original = std::fs::read(&path).unwrap();
    let (_, _, stderr) = fzlint(dir.path(), &["check", "--fix", "gbk-euro-sign.txt"]);
    assert!(!stderr.contains("改动过"), "{stderr}");
    let now = std::fs::read(&path).unwrap();
    if now != original {
        // Fixed: the euro sign is still the single byte 0x80, and the
        // term was replaced.
        assert!(now.contains(&0x80), "the euro sign was re-encoded");
        let (decoded, _, errors) = encoding_rs::GB18030.decode(&now);
        assert!(!errors);
        assert!(decoded.contains("法治宣传教育"), "{decoded}");
    }
}

/// Found by the property `fixing_never_creates_a_finding_of_the_fixed_rule`
/// (minimal input: "截止22年3月，我局开展专项检查。\n深入开展法制宣传教育。").
/// `--fix` writes 22年 as 2022年, and 截止2022年 is then a canonical-term
/// finding with a safe fix: one `--fix` must leave nothing that `--fix`
/// would change.
#[test]
fn one_fix_run_leaves_nothing_to_fix() {
    let (dir, _) = copy_of("two-digit-year-after-jiezhi.txt");
    fzlint(
        dir.path(),
        &["check", "--fix", "two-digit-year-after-jiezhi.txt"],
    );
    let (status, diff, _) = fzlint(
        dir.path(),
        &["check", "--diff", "two-digit-year-after-jiezhi.txt"],
    );
    assert_eq!(status, 0, "a second --fix would still change:\n{diff}");
}

/// Found by the property tests (minimal input, as Markdown:
/// "一、存在的不足和原因\n2024年1月15日\n-"). The `-` underlines both lines
/// as one setext heading, numbered 一、; the date line in it is also read as
/// the closing date, and cutting the section off at the closing date left
/// the section ending before its own heading does: slicing from the end of
/// the heading to the end of the section panicked (shortcomings-depth).
#[test]
fn a_closing_date_inside_a_markdown_heading_does_not_panic() {
    let (dir, _) = copy_of("setext-heading-over-closing-date.md");
    let (status, stdout, _) = fzlint(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "setext-heading-over-closing-date.md",
        ],
    );
    assert!(status <= 1, "{stdout}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(report["files"][0]["error"].is_null(), "{report}");
    fzlint(
        dir.path(),
        &[
            "outline",
            "--format",
            "json",
            "setext-heading-over-closing-date.md",
        ],
    );
}

/// Found by the `check_docx` fuzz target: a `word/document.xml` that starts
/// with a UTF-8 byte-order mark (valid XML; Word opens it). quick-xml skips
/// the mark without counting it in its positions, so `annotate` spliced
/// every comment mark three bytes early, inside a tag, and wrote a copy
/// Word cannot open. The copy must read back, with the same text.
#[test]
fn annotate_keeps_a_document_xml_with_a_byte_order_mark_well_formed() {
    // The second file's mark is doubled (found by the same target after the
    // first fix, which dropped one mark only).
    for name in [
        "document-xml-with-bom.docx",
        "document-xml-with-two-boms.docx",
    ] {
        let (dir, _) = copy_of(name);
        let (status, _, stderr) = fzlint(dir.path(), &["annotate", name, "-o", "out.docx"]);
        assert_eq!(status, 0, "{name}: {stderr}");
        let (status, original, _) = fzlint(dir.path(), &["outline", "--format", "json", name]);
        assert_eq!(status, 0, "{name}");
        let (status, copy, stderr) =
            fzlint(dir.path(), &["outline", "--format", "json", "out.docx"]);
        assert_eq!(
            status, 0,
            "{name}: the annotated copy does not read: {stderr}"
        );
        let headings = |json: &str| {
            let value: serde_json::Value = serde_json::from_str(json).unwrap();
            value["files"][0]["sections"].clone()
        };
        assert_eq!(headings(&copy), headings(&original), "{name}");
        assert!(
            headings(&original)
                .as_array()
                .is_some_and(|s| !s.is_empty()),
            "{name}"
        );
    }
}

/// Found by the property `fixing_never_creates_a_finding_of_the_fixed_rule`
/// (minimal input: "23年底22年3月，我局开展专项检查。", where fixing 23年底
/// revealed 22年3月). A pattern with `group:` reports only its group but
/// its match also takes the characters around it (`(?:^|[^0-9…])(..)年…`,
/// `(?:^|[^A-Za-z…])([XxＸｘ×]{2,})(?:[^A-Za-z…]|$)`); the next match
/// started after the whole match, so an occurrence whose context character
/// the previous match had taken was never reported: the second XX of
/// “XX、XX”, the 23 of “22年度23年度”.
#[test]
fn adjacent_occurrences_are_each_reported() {
    let (dir, _) = copy_of("adjacent-matches-share-context.txt");
    let (_, stdout, _) = fzlint(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "adjacent-matches-share-context.txt",
        ],
    );
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let found = |rule: &str| -> Vec<String> {
        report["files"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == rule)
            .map(|f| format!("{}:{}", f["span"]["line"], f["span"]["column"]))
            .collect()
    };
    assert_eq!(found("placeholder"), ["3:2", "3:5"]);
    assert_eq!(found("two-digit-year"), ["3:12", "3:16"]);
}

/// Found by the `check_text` fuzz target: a UTF-16 file with U+FEFF (a
/// zero-width no-break space, as left where two files with byte-order marks
/// were joined) right after a fixed term, and one whose byte-order mark is
/// doubled (minimised: FF FE FF FE DD 5D). `decode::encode` drops a leading
/// U+FEFF from every stretch it encodes, not only from the start of the
/// file, so the stretch no longer matched its own bytes and `--fix` refused
/// the file as not writable byte for byte.
#[test]
fn fix_of_a_utf16_file_with_a_zero_width_no_break_space() {
    for name in ["utf16le-zwnbsp-after-fix.txt", "utf16le-double-bom.txt"] {
        let (dir, path) = copy_of(name);
        let original = std::fs::read(&path).unwrap();
        let (_, _, stderr) = fzlint(dir.path(), &["check", "--fix", name]);
        assert!(!stderr.contains("未修改"), "{name}: {stderr}");
        let fixed = std::fs::read(&path).unwrap();
        assert_eq!(&fixed[..2], b"\xFF\xFE", "{name}");
        let expected = utf16le(&original[2..]).replace("法制宣传", "法治宣传");
        assert_eq!(utf16le(&fixed[2..]), expected, "{name}");
    }
}

/// Word documents made to hurt the reader (found against the release
/// binary): a zip bomb (`word/document.xml` inflating to 200 MiB from
/// 200 KB), numbering with extreme values (a level of 18446744073709551615
/// panicked, one of 300000000 allocated 16.8 GB, a start of 4000000000 in
/// letters rendered 150 million of them per paragraph, a start override of
/// 4294967295 overflowed) and paragraphs nested 20,000 deep in text boxes
/// (a stack overflow). In one run with a real report: the bomb is refused,
/// naming the file and the part; the others are read and checked; the
/// report is checked as if alone.
#[test]
fn hostile_word_documents_do_not_take_a_run_down() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    let docx = |document: &str, numbering: Option<&str>| {
        docx_package::package(
            &[
                ("word/document.xml", Some(document.as_bytes())),
                ("word/numbering.xml", numbering.map(str::as_bytes)),
            ],
            zip::CompressionMethod::Deflated,
        )
        .unwrap()
    };
    write(
        "bomb.docx",
        &hostile_docx::zip_bomb(&[], &[("word/document.xml", (200 << 20) / 258, None)]),
    );
    let mut names = vec!["bomb.docx".to_owned()];
    for (case, levels, overrides) in hostile_docx::NUMBERING_CASES {
        let name = format!("numbering-{case}.docx");
        let document = hostile_docx::document_xml(&hostile_docx::numbered_body(40));
        let numbering = hostile_docx::numbering_xml(levels, overrides);
        write(&name, &docx(&document, Some(&numbering)));
        names.push(name);
    }
    let nested = hostile_docx::document_xml(&hostile_docx::nested_text_boxes(20_000, true));
    write("nested.docx", &docx(&nested, None));
    names.push("nested.docx".to_owned());
    let report = "compliant-county-gov.md";
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/reports")
            .join(report),
        dir.path().join(report),
    )
    .unwrap();

    let (_, alone, _) = fzlint(
        dir.path(),
        &["check", "--no-config", "--format", "json", report],
    );
    let mut args = vec!["check", "--no-config", "--format", "json"];
    args.extend(names.iter().map(String::as_str));
    args.push(report);
    let started = std::time::Instant::now();
    let (status, stdout, stderr) = fzlint(dir.path(), &args);
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
    assert_eq!(status, 2, "{stderr}");
    assert!(
        stderr.contains(
            "bomb.docx: 无法读取 Word 文档：word/document.xml 解压后超过 64 MB，可能不是正常的报告（压缩炸弹）"
        ),
        "{stderr}"
    );
    let files = |json: &str| -> Vec<serde_json::Value> {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        value["files"].as_array().unwrap().clone()
    };
    let files_of_run = files(&stdout);
    let checked: Vec<&str> = files_of_run
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    for name in &names[1..] {
        assert!(
            checked.contains(&name.as_str()),
            "{name} not checked: {checked:?}"
        );
    }
    let report_of_run = files_of_run.iter().find(|f| f["path"] == report).unwrap();
    assert_eq!(report_of_run["findings"], files(&alone)[0]["findings"]);
}
