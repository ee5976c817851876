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
    let deleted = Regex::new(r"<w:delText(?:\s[^>]*)?>[^<]*</w:delText>").unwrap();
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
    let text_nodes = Regex::new(r"<w:t[^>]*>([^<]*)</w:t>").unwrap();
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
        // The severity first, then the message; help and basis; the rule
        // id last, in a small grey run of its own.
        let texts: Vec<&str> = text_nodes
            .captures_iter(&comment)
            .map(|c| c.get(1).unwrap().as_str())
            .collect();
        assert_eq!(texts[0], format!("警告：{message}"), "{comment}");
        assert!(texts[1].starts_with("建议："), "{texts:?}");
        assert!(texts[2].starts_with("依据："), "{texts:?}");
        assert!(
            texts[3].starts_with("规则：") && texts.len() == 4,
            "{texts:?}"
        );
        assert!(!comment.contains("【"), "{comment}");
        assert!(
            comment.contains(&format!(
                r#"<w:r><w:rPr><w:color w:val="808080"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
                texts[3]
            )),
            "{comment}"
        );
    }
    // Each severity has its word.
    assert!(comments.contains(">提示："), "{comments}");
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

/// The safe fixes of the formats fixture's report, as `fzlint check --fix`
/// makes them in its text.
const SAFE_FIXES: [(&str, &str); 4] = [
    ("2021-2025", "2021—2025"),
    ("双随机，一公开", "双随机、一公开"),
    ("法制宣传", "法治宣传"),
    ("全民国家安全日", "全民国家安全教育日"),
];

/// The characters of a `document.xml`'s runs, each with its run's
/// properties, after `edit` (deleted text, in `<w:del>`, is left out).
fn characters(document: &str) -> Vec<(String, char)> {
    let deletions = Regex::new(r"(?s)<w:del [^>]*>.*?</w:del>").unwrap();
    let runs = Regex::new(r"(?s)<w:r(?:\s[^>]*)?>(.*?)</w:r>").unwrap();
    let rpr = Regex::new(r"(?s)<w:rPr>.*?</w:rPr>").unwrap();
    let text = Regex::new(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>").unwrap();
    let document = deletions.replace_all(document, "");
    let mut out = Vec::new();
    for run in runs.captures_iter(&document) {
        let inner = &run[1];
        let properties = rpr.find(inner).map_or("", |m| m.as_str()).to_owned();
        for t in text.captures_iter(inner) {
            out.extend(t[1].chars().map(|c| (properties.clone(), c)));
        }
    }
    out
}

/// fzlint's tracked changes rejected: its insertions gone, its deletions
/// back as text.
fn rejected(document: &str) -> String {
    let ours_ins = Regex::new(r#"(?s)<w:ins w:id="\d+" w:author="fzlint">.*?</w:ins>"#).unwrap();
    let ours_del = Regex::new(r#"(?s)<w:del w:id="\d+" w:author="fzlint">(.*?)</w:del>"#).unwrap();
    let document = ours_ins.replace_all(document, "");
    ours_del
        .replace_all(&document, |c: &regex::Captures<'_>| {
            c[1].replace("<w:delText", "<w:t")
                .replace("</w:delText>", "</w:t>")
        })
        .into_owned()
}

#[test]
fn track_changes_writes_the_safe_fixes_as_revisions_and_changes_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    formats::write_all(dir.path()).unwrap();
    let (code, stdout, stderr) = fzlint(
        dir.path(),
        &[
            "annotate",
            "--no-config",
            "--track-changes",
            "report.docx",
            "-o",
            "tracked.docx",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let expected = findings(dir.path(), "report.docx");
    assert!(
        stdout.contains(&format!(
            "已把 {} 条批注写入 tracked.docx，其中 4 处改正写成了修订",
            expected.len()
        )),
        "{stdout}"
    );
    let copy = dir.path().join("tracked.docx");
    let document = part(&copy, "word/document.xml");
    let original = part(&dir.path().join("report.docx"), "word/document.xml");

    // One deletion and one insertion per safe fix, by fzlint, in this
    // order, the insertion in the deleted text's first run's formatting.
    let revision = Regex::new(
        r#"(?s)<w:del w:id="(\d+)" w:author="fzlint">(.*?)</w:del><w:ins w:id="(\d+)" w:author="fzlint"><w:r>(<w:rPr>.*?</w:rPr>)?<w:t xml:space="preserve">([^<]*)</w:t></w:r></w:ins>"#,
    )
    .unwrap();
    let deleted_text = Regex::new(r"<w:delText[^>]*>([^<]*)</w:delText>").unwrap();
    let pairs: Vec<(String, String)> = revision
        .captures_iter(&document)
        .map(|c| {
            let deleted: String = deleted_text
                .captures_iter(&c[2])
                .map(|t| t[1].to_owned())
                .collect();
            let first_rpr = Regex::new(r"(?s)<w:rPr>.*?</w:rPr>")
                .unwrap()
                .find(&c[2])
                .map(|m| m.as_str().to_owned());
            assert_eq!(
                c.get(4).map(|m| m.as_str().to_owned()),
                first_rpr,
                "{}",
                &c[0]
            );
            assert!(
                !c[2].contains("<w:t>") && !c[2].contains("<w:t "),
                "{}",
                &c[0]
            );
            (deleted, c[5].to_owned())
        })
        .collect();
    let wanted: Vec<(String, String)> = SAFE_FIXES
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    assert_eq!(pairs, wanted);
    assert_eq!(document.matches("w:author=\"fzlint\"").count(), 8);
    // "2021-2025" spans two runs, one bold: both are deleted, each keeping
    // its formatting.
    assert!(
        document.contains(r#"<w:delText xml:space="preserve">2021-202</w:delText></w:r><w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:delText xml:space="preserve">5</w:delText>"#),
        "{document}"
    );

    // Rejecting fzlint's revisions gives back every character of the
    // original in its run's formatting: nothing else changed.
    assert_eq!(characters(&rejected(&document)), characters(&original));
    // Ids are unique across comments, revisions and the reviewer's change.
    let ids: Vec<u64> = Regex::new(r#"<w:(?:del|ins|commentRangeStart) w:id="(\d+)""#)
        .unwrap()
        .captures_iter(&document)
        .map(|c| c[1].parse().unwrap())
        .collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");

    // Each revision keeps its comment, on both the deletion and the
    // insertion: what is wrong and why.
    let anchors = anchored(&document);
    assert_eq!(anchors.len(), expected.len());
    let comments = part(&copy, "word/comments.xml");
    for (wrong, right) in SAFE_FIXES {
        let (id, _) = anchors
            .iter()
            .find(|(_, text)| text == right)
            .unwrap_or_else(|| panic!("no comment on {right}: {anchors:?}"));
        // Between the comment's marks: the deletion, then the insertion.
        let from = document
            .find(&format!("<w:commentRangeStart w:id=\"{id}\"/>"))
            .unwrap();
        let to = document
            .find(&format!("<w:commentRangeEnd w:id=\"{id}\"/>"))
            .unwrap();
        let between = &document[from..to];
        let deleted: String = deleted_text
            .captures_iter(between)
            .map(|t| t[1].to_owned())
            .collect();
        assert_eq!(deleted, wrong, "{between}");
        assert!(
            between.ends_with(&format!("{right}</w:t></w:r></w:ins>")),
            "{between}"
        );
        let comment = Regex::new(&format!(r#"<w:comment w:id="{id}"[^>]*>(.*?)</w:comment>"#))
            .unwrap()
            .captures(&comments)
            .unwrap()[1]
            .to_owned();
        assert!(
            comment.contains("警告：") && comment.contains("依据："),
            "{comment}"
        );
    }

    // Read as fzlint reads a Word document (tracked changes accepted), the
    // copy has the findings the fixed text has.
    std::fs::copy(dir.path().join("report.txt"), dir.path().join("fixed.txt")).unwrap();
    let (code, _, stderr) = fzlint(dir.path(), &["check", "--no-config", "--fix", "fixed.txt"]);
    assert!(code <= 1, "{stderr}");
    let rules = |file| {
        let mut rules: Vec<String> = findings(dir.path(), file)
            .into_iter()
            .map(|(rule, _, _)| rule)
            .collect();
        rules.sort();
        rules
    };
    assert_eq!(rules("tracked.docx"), rules("fixed.txt"));
    assert!(rules("tracked.docx").len() < expected.len());

    // Annotating the tracked copy again (before the author has accepted or
    // rejected anything): fzlint's revisions and the comments that say why
    // stay, the other comments are made afresh, none doubled.
    let (code, _, stderr) = fzlint(
        dir.path(),
        &[
            "annotate",
            "--no-config",
            "--track-changes",
            "tracked.docx",
            "-o",
            "again.docx",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let again = dir.path().join("again.docx");
    let again_document = part(&again, "word/document.xml");
    let again_comments = part(&again, "word/comments.xml");
    assert_eq!(again_document.matches("w:author=\"fzlint\"").count(), 8);
    assert_eq!(
        again_comments.matches("<w:comment ").count(),
        SAFE_FIXES.len() + rules("tracked.docx").len(),
        "{again_comments}"
    );
    let again_anchors = anchored(&again_document);
    for (_, right) in SAFE_FIXES {
        assert_eq!(
            again_anchors.iter().filter(|(_, t)| t == right).count(),
            1,
            "{again_anchors:?}"
        );
    }
    assert_eq!(
        again_document.matches("<w:commentReference ").count(),
        again_comments.matches("<w:comment ").count()
    );
}

/// A LibreOffice Basic module that opens a document, accepts all its
/// tracked changes as Writer's 接受全部修订 does, and saves its text.
const ACCEPT_ALL: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub AcceptAll(source As String, target As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(source), &quot;_blank&quot;, 0, load())
  helper = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  helper.executeDispatch(doc.getCurrentController().getFrame(), &quot;.uno:AcceptAllTrackedChanges&quot;, &quot;&quot;, 0, Array())
  Dim store(1) As New com.sun.star.beans.PropertyValue
  store(0).Name = &quot;FilterName&quot;
  store(0).Value = &quot;Text (encoded)&quot;
  store(1).Name = &quot;FilterOptions&quot;
  store(1).Value = &quot;UTF8,LF&quot;
  doc.storeToURL(ConvertToURL(target), store())
  doc.close(True)
End Sub
</script:module>
"#;

/// Runs LibreOffice with a profile of its own, at most two minutes.
fn run_soffice(soffice: &Path, dir: &Path, args: &[&str]) {
    let profile = dir.join("lo-profile");
    let mut child = Command::new(soffice)
        .current_dir(dir)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .arg("--headless")
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "soffice {args:?}: {status}");
            return;
        }
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("soffice {args:?} did not finish in two minutes");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// A text's lines, trimmed, without blank lines or inner spaces (Writer's
/// text export indents list numbers and puts a tab after them).
fn compact_lines(text: &str) -> Vec<String> {
    text.trim_start_matches('\u{feff}')
        .lines()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn libreoffice_shows_the_revisions_and_accepting_them_gives_the_fixed_text() {
    let Some(soffice) = soffice() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have LibreOffice (.ci/run installs libreoffice-writer-nogui)"
        );
        eprintln!("LibreOffice not found: tracked changes not opened");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    formats::write_all(dir.path()).unwrap();
    let (code, _, stderr) = fzlint(
        dir.path(),
        &[
            "annotate",
            "--no-config",
            "--track-changes",
            "report.docx",
            "-o",
            "tracked.docx",
        ],
    );
    assert_eq!(code, 0, "{stderr}");

    // Writer reads fzlint's deletions and insertions as tracked changes
    // (and the reviewer's one, which the fixture already has).
    run_soffice(
        &soffice,
        dir.path(),
        &["--convert-to", "odt", "--outdir", "odt", "tracked.docx"],
    );
    let content = part(&dir.path().join("odt/tracked.odt"), "content.xml");
    let regions = Regex::new(
        r"(?s)<text:changed-region[^>]*><text:(deletion|insertion)><office:change-info><dc:creator>([^<]*)</dc:creator>",
    )
    .unwrap();
    let ours: Vec<String> = regions
        .captures_iter(&content)
        .filter(|c| &c[2] == "fzlint")
        .map(|c| c[1].to_owned())
        .collect();
    assert_eq!(
        ours.iter().filter(|k| *k == "deletion").count(),
        SAFE_FIXES.len(),
        "{ours:?}"
    );
    assert_eq!(
        ours.iter().filter(|k| *k == "insertion").count(),
        SAFE_FIXES.len(),
        "{ours:?}"
    );

    // Accepting every change in Writer gives the text `fzlint check --fix`
    // writes for the same report as plain text (the Word copy also has a
    // small table, which the text has not).
    let module = dir
        .path()
        .join("lo-profile/user/basic/Standard/Module1.xba");
    assert!(module.is_file(), "no Basic library in the new profile");
    std::fs::write(&module, ACCEPT_ALL).unwrap();
    let target = dir.path().join("accepted.txt");
    run_soffice(
        &soffice,
        dir.path(),
        &[&format!(
            "macro:///Standard.Module1.AcceptAll(\"{}\",\"{}\")",
            dir.path().join("tracked.docx").display(),
            target.display()
        )],
    );
    let accepted = std::fs::read_to_string(&target).unwrap();
    std::fs::copy(dir.path().join("report.txt"), dir.path().join("fixed.txt")).unwrap();
    let (code, _, stderr) = fzlint(dir.path(), &["check", "--no-config", "--fix", "fixed.txt"]);
    assert!(code <= 1, "{stderr}");
    let fixed = std::fs::read_to_string(dir.path().join("fixed.txt")).unwrap();
    assert_ne!(fixed, formats::master(), "nothing was fixed");
    let table = ["季度", "件数", "一季度", "15"];
    let accepted_lines: Vec<String> = compact_lines(&accepted)
        .into_iter()
        .filter(|l| !table.contains(&l.as_str()))
        .collect();
    assert_eq!(accepted_lines, compact_lines(&fixed), "{accepted}");
}

/// A paragraph of runs: `(text, comment id)` pieces, each commented piece
/// between its comment's range marks.
fn commented_paragraph(pieces: &[(&str, Option<u32>)]) -> String {
    let mut p = String::from("<w:p>");
    for (text, id) in pieces {
        if let Some(id) = id {
            p.push_str(&format!("<w:commentRangeStart w:id=\"{id}\"/>"));
        }
        p.push_str(&format!(
            "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{text}</w:t></w:r>"
        ));
        if let Some(id) = id {
            p.push_str(&format!(
                "<w:commentRangeEnd w:id=\"{id}\"/><w:r><w:commentReference w:id=\"{id}\"/></w:r>"
            ));
        }
    }
    p.push_str("</w:p>");
    p
}

#[test]
fn word_comments_by_the_author_suppress_findings_on_the_text_they_are_on() {
    let body = [
        commented_paragraph(&[("湄川县水务局关于2023年度法治政府建设情况的报告", None)]),
        // 1: a suppression with its reason, on the quoted title.
        commented_paragraph(&[
            ("转发《关于", None),
            ("加强法制宣传", Some(1)),
            ("教育的通知》。", None),
        ]),
        // 2: full-width punctuation, a rule that finds nothing there.
        commented_paragraph(&[("全年", Some(2)), ("开展普法活动8场。", None)]),
        // 3: fzlint's own comment with the same text suppresses nothing.
        commented_paragraph(&[("组织", None), ("法制宣传", Some(3)), ("进社区。", None)]),
        // 4: no reason: as in Markdown, it still suppresses.
        commented_paragraph(&[("深化", None), ("法制宣传", Some(4)), ("进校园。", None)]),
    ]
    .concat();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let comment = |id: u32, author: &str, text: &str| {
        format!(
            r#"<w:comment w:id="{id}" w:author="{author}"><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p><w:p><w:r><w:t>（第二段）</w:t></w:r></w:p></w:comment>"#
        )
    };
    let comments = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{}{}{}{}</w:comments>"#,
        comment(1, "张三", "fzlint-disable canonical-term -- 引用文件原名"),
        comment(
            2,
            "张三",
            "fzlint-disable：year-range-dash，canonical-term —— 核对过"
        ),
        comment(3, "fzlint", "fzlint-disable canonical-term -- 不是作者写的"),
        comment(4, "李四", "fzlint-disable canonical-term"),
    );
    let dir = tempfile::tempdir().unwrap();
    let bytes = formats::docx_package::package(
        &[
            ("word/document.xml", Some(document.as_bytes())),
            ("word/comments.xml", Some(comments.as_bytes())),
        ],
        zip::CompressionMethod::Deflated,
    )
    .unwrap();
    std::fs::write(dir.path().join("commented.docx"), bytes).unwrap();
    let (_, stdout, _) = fzlint(
        dir.path(),
        &["check", "--no-config", "--format", "json", "commented.docx"],
    );
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let found: Vec<(String, u64, String)> = report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "canonical-term" || f["rule"] == "unused-suppression")
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["span"]["line"].as_u64().unwrap(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    // Line 2's and line 5's findings are suppressed; line 4's is not (the
    // comment is fzlint's); line 3's suppression suppressed nothing.
    assert_eq!(
        found
            .iter()
            .map(|f| (f.0.as_str(), f.1))
            .collect::<Vec<_>>(),
        [("unused-suppression", 3), ("canonical-term", 4)],
        "{stdout}"
    );
    assert!(
        found[0].2.contains("`year-range-dash`、`canonical-term`"),
        "{found:?}"
    );
    // Reported on the commented text.
    let unused = report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "unused-suppression")
        .unwrap();
    assert_eq!(unused["span"]["column"], 1, "{unused}");
    assert_eq!(unused["span"]["end_column"], 3, "{unused}");
}
