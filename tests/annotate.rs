//! `fzlint annotate`: a copy of a Word document with one Word comment per
//! finding, anchored on the offending text; the original untouched; the
//! copy opens in LibreOffice with the comments (converted to PDF, the
//! comments are in it). LibreOffice comes from Debian's
//! `libreoffice-writer-nogui`, which `.ci/run` installs; without it that
//! part is skipped, except under `CI`.

#![allow(clippy::unwrap_used)]

#[path = "support/formats.rs"]
mod formats;
#[path = "support/run.rs"]
mod run;

use run::fzlint;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use regex::Regex;
use serde_json::Value;

fn part(docx: &Path, name: &str) -> String {
    let file = std::fs::File::open(docx).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The text each comment is anchored on, by comment id: the text nodes
/// between its range start and end.
fn anchored(document: &str) -> Vec<(u64, String)> {
    let start = Regex::new(r#"<w:commentRangeStart w:id="(\d+)"/>"#).unwrap();
    let tag = Regex::new(r"<[^>]+>").unwrap();
    let deleted = Regex::new(r"<w:delText>[^<]*</w:delText>").unwrap();
    start
        .captures_iter(document)
        .map(|c| {
            let id: u64 = c[1].parse().unwrap();
            let from = c.get(0).unwrap().end();
            let end = format!("<w:commentRangeEnd w:id=\"{id}\"/>");
            let to = from + document[from..].find(&end).unwrap();
            let between = deleted.replace_all(&document[from..to], "");
            (id, tag.replace_all(&between, "").into_owned())
        })
        .collect()
}

fn findings(dir: &Path, file: &str) -> Vec<(String, String, String)> {
    let (_, stdout, _) = fzlint(dir, &["check", "--no-config", "--format", "json", file]);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["message"].as_str().unwrap().to_owned(),
                f["span"]["start"].to_string(),
            )
        })
        .collect()
}

#[test]
fn one_comment_per_finding_on_the_offending_text() {
    let dir = tempfile::tempdir().unwrap();
    formats::write_all(dir.path()).unwrap();
    let original = std::fs::read(dir.path().join("report.docx")).unwrap();
    let (code, stdout, stderr) = fzlint(dir.path(), &["annotate", "--no-config", "report.docx"]);
    assert_eq!(code, 0, "{stderr}");
    let expected = findings(dir.path(), "report.docx");
    assert!(
        stdout.contains(&format!(
            "已把 {} 条批注写入 report.fzlint.docx",
            expected.len()
        )),
        "{stdout}"
    );
    // The original is untouched; the copy reads as the same report.
    assert_eq!(
        std::fs::read(dir.path().join("report.docx")).unwrap(),
        original
    );
    let copy = dir.path().join("report.fzlint.docx");
    assert_eq!(findings(dir.path(), "report.fzlint.docx"), expected);

    let document = part(&copy, "word/document.xml");
    let comments = part(&copy, "word/comments.xml");
    let anchors = anchored(&document);
    assert_eq!(anchors.len(), expected.len());
    // Each offending text carries its comment, across run boundaries.
    for (wrong, message) in [
        ("2021-2025", "年份区间“2021-2025”应写作“2021—2025”"),
        ("双随机，一公开", "“双随机，一公开”应为“双随机、一公开”"),
        ("法制宣传", "“法制宣传”应为“法治宣传”"),
        ("全民国家安全日", "“全民国家安全日”应为“全民国家安全教育日”"),
    ] {
        let (id, _) = anchors
            .iter()
            .find(|(_, text)| text == wrong)
            .unwrap_or_else(|| panic!("no comment on {wrong}: {anchors:?}"));
        let comment = Regex::new(&format!(r#"<w:comment w:id="{id}"[^>]*>(.*?)</w:comment>"#))
            .unwrap()
            .captures(&comments)
            .unwrap()[1]
            .to_owned();
        assert!(comment.contains(message), "{comment}");
        assert!(
            comment.contains("建议：") && comment.contains("依据："),
            "{comment}"
        );
    }
    // A missing element is commented on the title.
    let title = "湄川县交通运输局关于2023年度法治政府建设情况的报告";
    assert!(
        anchors.iter().filter(|(_, t)| t == title).count() >= 5,
        "{anchors:?}"
    );
    assert!(comments.contains("谁执法谁普法"));
    // The parts that make the comments visible.
    assert!(part(&copy, "word/_rels/document.xml.rels").contains("relationships/comments"));
    assert!(part(&copy, "[Content_Types].xml").contains("/word/comments.xml"));

    // Annotating the annotated copy gives a fresh set: fzlint's earlier
    // comments and their marks are replaced, not doubled.
    let (code, _, stderr) = fzlint(
        dir.path(),
        &[
            "annotate",
            "--no-config",
            "report.fzlint.docx",
            "-o",
            "twice.docx",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let twice = part(&dir.path().join("twice.docx"), "word/comments.xml");
    let ids: Vec<&str> = Regex::new(r#"<w:comment w:id="(\d+)""#)
        .unwrap()
        .captures_iter(&twice)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert_eq!(ids.len(), expected.len());
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    let document = part(&dir.path().join("twice.docx"), "word/document.xml");
    assert_eq!(
        document.matches("<w:commentRangeStart ").count(),
        expected.len()
    );
    assert_eq!(
        document.matches("<w:commentReference ").count(),
        expected.len()
    );
    assert_eq!(anchored(&document), anchors, "the same text is marked");
}

#[test]
fn only_word_documents_and_never_over_the_original() {
    let dir = tempfile::tempdir().unwrap();
    formats::write_all(dir.path()).unwrap();
    let (code, _, stderr) = fzlint(dir.path(), &["annotate", "--no-config", "report.md"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("annotate 只处理 Word 文档"), "{stderr}");
    let (code, _, stderr) = fzlint(
        dir.path(),
        &[
            "annotate",
            "--no-config",
            "report.docx",
            "-o",
            "./report.docx",
        ],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("不会覆盖原文件"), "{stderr}");
}

fn soffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["soffice", "libreoffice"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// The texts of a PDF's annotations (`/Contents <FEFF…>` strings, UTF-16BE).
fn annotation_texts(pdf: &[u8]) -> Vec<String> {
    let raw = String::from_utf8_lossy(pdf);
    Regex::new(r"/Contents\s*<FEFF([0-9A-Fa-f]*)>")
        .unwrap()
        .captures_iter(&raw)
        .map(|c| {
            let hex = &c[1];
            let units: Vec<u16> = (0..hex.len() / 4)
                .map(|i| u16::from_str_radix(&hex[i * 4..i * 4 + 4], 16).unwrap())
                .collect();
            String::from_utf16_lossy(&units)
        })
        .collect()
}

#[test]
fn the_annotated_copy_opens_in_libreoffice_with_its_comments() {
    let Some(soffice) = soffice() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have LibreOffice (.ci/run installs libreoffice-writer-nogui)"
        );
        eprintln!("LibreOffice not found: annotated document not opened");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    formats::write_all(dir.path()).unwrap();
    let (code, _, stderr) = fzlint(dir.path(), &["annotate", "--no-config", "report.docx"]);
    assert_eq!(code, 0, "{stderr}");
    let profile = dir.path().join("lo-profile");
    let status = Command::new(soffice)
        .current_dir(dir.path())
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--convert-to",
            r#"pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}"#,
            "--outdir",
            "pdf",
            "report.fzlint.docx",
        ])
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let pdf = std::fs::read(dir.path().join("pdf/report.fzlint.pdf")).unwrap();
    let texts = annotation_texts(&pdf);
    let expected = findings(dir.path(), "report.docx");
    assert_eq!(texts.len(), expected.len(), "{texts:?}");
    for (rule, message, _) in &expected {
        assert!(
            texts
                .iter()
                .any(|t| t.contains(rule.as_str()) && t.contains(message.as_str())),
            "no comment for {rule} in the PDF: {texts:?}"
        );
    }
}
