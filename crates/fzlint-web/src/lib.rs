//! fzlint in a browser. The page (`page/fzlint.html`, assembled by
//! `scripts/build-web.sh` into one self-contained `target/web/fzlint.html`)
//! loads this crate compiled to WebAssembly and calls the engine's one entry
//! point, [`Engine::check`], on the bytes of a file the user chose: nothing
//! leaves the machine.
//!
//! What a check returns ([`check`]) is JSON: `file`, exactly one entry of
//! `files` in `fzlint check --format json` (so the page and the command
//! line cannot disagree), and what the page shows besides: the text as read
//! with every finding's span in UTF-16 code units (JavaScript's string
//! indices), the outline and metadata (an entry of `fzlint outline --format
//! json`), and the required-element checklist (the audit's columns).
//!
//! The JavaScript side talks to it through a small C ABI ([`ffi`]): no
//! wasm-bindgen, so the build needs nothing but cargo and the page carries
//! about thirty lines of glue.

pub mod audit;
pub mod choice;
pub mod ffi;

pub use audit::input_error;
pub use choice::{Loaded, default_engine, load};

use std::ops::Range;

use fzlint_core::document::Format;
use fzlint_core::element::Element;
use fzlint_core::engine::{Engine, FileResult, Input, Outcome};
use fzlint_core::json::{JsonFile, JsonOutlineFile};
use fzlint_core::text::source::SourceFile;
use serde::Serialize;

/// A span as the page uses it: UTF-16 code units from the start of the text
/// (indices into the JavaScript string holding it).
#[derive(Debug, Serialize)]
struct Utf16Span {
    start: usize,
    end: usize,
}

impl Utf16Span {
    fn new(source: &SourceFile, span: &Range<usize>) -> Utf16Span {
        Utf16Span {
            start: source.utf16_offset(span.start),
            end: source.utf16_offset(span.end),
        }
    }
}

/// One item of the required-element checklist.
#[derive(Debug, Serialize)]
struct ChecklistItem<'a> {
    /// The rule's id.
    rule: &'a str,
    /// The audit column's label (不足和原因, 三项制度 …).
    column: &'a str,
    /// The rule's title.
    title: &'a str,
    /// `present`, `partial`, `missing` or `not_applicable`.
    status: &'static str,
    /// Where it was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<Utf16Span>,
    /// For a partial element, what is missing.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    missing_items: &'a [String],
}

/// What the page shows of one checked report.
#[derive(Debug, Serialize)]
struct PageResult<'a> {
    /// Exactly the command line's JSON entry for the report.
    file: JsonFile<'a>,
    /// The text as read (a Word document's or web page's extracted text).
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    /// Each finding's span (and its labels'), in UTF-16 code units.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    spans: Vec<FindingSpans>,
    /// Title, metadata and outline.
    #[serde(skip_serializing_if = "Option::is_none")]
    outline: Option<JsonOutlineFile<'a>>,
    /// The required elements.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    checklist: Vec<ChecklistItem<'a>>,
    /// Whether the report was submitted (报送) and published (公开) in
    /// time, as `fzlint audit` judges it (without a manifest).
    #[serde(skip_serializing_if = "Option::is_none")]
    timeliness: Option<PageTimeliness>,
}

/// A report's two timeliness verdicts, as the audit's JSON gives them.
#[derive(Debug, Serialize)]
struct PageTimeliness {
    /// 报送: the date of writing against the reporting deadline.
    submitted: PageVerdict,
    /// 公开: the publication date (a web page's 发布时间) against 4月1日.
    published: PageVerdict,
}

/// One timeliness verdict.
#[derive(Debug, Serialize)]
struct PageVerdict {
    /// `on_time`, `late` or `unknown`.
    status: &'static str,
    /// The date judged (`YYYY-MM-DD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    /// `written` (the closing date line) or `published` (a web page's 发布时间).
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'static str>,
    /// The deadline it was judged against.
    #[serde(skip_serializing_if = "Option::is_none")]
    deadline: Option<String>,
}

#[derive(Debug, Serialize)]
struct FindingSpans {
    span: Utf16Span,
    labels: Vec<Utf16Span>,
}

/// Checks one report's bytes and returns the page's JSON (see the crate's
/// documentation). A file that cannot be read has `file.error`, in the
/// engine's words.
pub fn check(engine: &Engine, name: &str, bytes: &[u8]) -> String {
    page_json(
        engine,
        &FileResult::from(engine.check(&Input::new(name, bytes))),
    )
}

/// The page's JSON for a checked (or unreadable) report.
fn page_json(engine: &Engine, result: &FileResult) -> String {
    let name = &result.path;
    let page = page_result(engine, result);
    serde_json::to_string(&page).unwrap_or_else(|e| {
        // Serialising plain strings and numbers does not fail; if it
        // ever did, the page still gets valid JSON naming the file.
        serde_json::json!({"file": {"path": name, "findings": [], "error": e.to_string()}})
            .to_string()
    })
}

fn page_result<'a>(engine: &'a Engine, result: &'a FileResult) -> PageResult<'a> {
    let file = JsonFile::new(&result.path, &result.outcome, input_error);
    let Outcome::Checked {
        document,
        findings,
        elements,
        ..
    } = &result.outcome
    else {
        return PageResult {
            file,
            text: None,
            spans: Vec::new(),
            outline: None,
            checklist: Vec::new(),
            timeliness: None,
        };
    };
    let source = document.source();
    let rules = engine.rules().rules();
    let checklist = elements
        .iter()
        .map(|element: &Element| {
            let rule = &rules[element.rule];
            ChecklistItem {
                rule: &rule.id,
                column: rule.audit.as_deref().unwrap_or(&rule.id),
                title: &rule.title,
                status: element.status.as_str(),
                evidence: element
                    .evidence
                    .as_ref()
                    .map(|span| Utf16Span::new(source, span)),
                missing_items: &element.missing_items,
            }
        })
        .collect();
    PageResult {
        file,
        text: Some(document.text()),
        spans: findings
            .iter()
            .map(|f| FindingSpans {
                span: Utf16Span::new(source, &f.span),
                labels: f
                    .secondary
                    .iter()
                    .map(|l| Utf16Span::new(source, &l.span))
                    .collect(),
            })
            .collect(),
        outline: Some(JsonOutlineFile::new(document)),
        checklist,
        timeliness: Some({
            let t = fzlint_core::audit::timeliness::judge(document.metadata(), None);
            let verdict = |v: &fzlint_core::audit::timeliness::Verdict| PageVerdict {
                status: v.status.as_str(),
                date: v.date.map(|d| d.to_string()),
                source: v.source.map(|s| s.as_str()),
                deadline: v.deadline.map(|d| d.to_string()),
            };
            PageTimeliness {
                submitted: verdict(&t.submitted),
                published: verdict(&t.published),
            }
        }),
    }
}

/// The report with the replacement of its finding number `index` (in the
/// order of [`check`]'s `file.findings`) made, when the author chose it in
/// the page: the original bytes spliced, encoding and line endings kept.
/// Any finding with a replacement can be applied this way (the author has
/// read it); "apply all" applies only the rules' safe fixes. Markdown and
/// text only.
pub fn fix_finding(engine: &Engine, name: &str, bytes: &[u8], index: usize) -> Download {
    let checked = engine
        .check(&Input::new(name, bytes))
        .map_err(|e| input_error(&e))?;
    if !matches!(checked.document.format(), Format::Markdown | Format::Text) {
        return Err("只能改正 .txt 和 .md 文件；Word 文档请下载带批注的副本".to_owned());
    }
    let finding = checked
        .findings
        .get(index)
        .ok_or_else(|| format!("没有第 {} 个问题；报告可能已经改过，请重新检查", index + 1))?;
    let replacement = finding
        .replacement
        .clone()
        .ok_or_else(|| "这个问题没有可直接替换的改法，请按建议手工修改".to_owned())?;
    let edit = fzlint_core::fix::Edit {
        span: finding.span.clone(),
        replacement,
        rule: finding.rule.clone(),
    };
    fzlint_core::fix::rewrite(bytes, checked.document.source(), &[edit])
        .map_err(|e| format!("{name}: {e}"))
}

/// What the page downloads: a file's new bytes, or why there are none.
pub type Download = Result<Vec<u8>, String>;

/// Fix passes at most (a fix can make another, as `fzlint check --fix`
/// finds: 截止22年 → 截止2022年 → 截至2022年).
const MAX_FIX_PASSES: usize = 10;

/// The report with every safe fix applied, as `fzlint check --fix` writes
/// it: the original bytes spliced, so its encoding, byte-order mark and
/// line endings stay; fixes are applied and the report checked again until
/// nothing is left to fix. Markdown and text only.
pub fn fix(engine: &Engine, name: &str, bytes: &[u8]) -> Download {
    let mut current = bytes.to_vec();
    for _ in 0..MAX_FIX_PASSES {
        let checked = engine
            .check(&Input::new(name, &current))
            .map_err(|e| e.to_string())?;
        match checked.document.format() {
            Format::Markdown | Format::Text => {}
            Format::Docx | Format::Html => {
                return Err("只能自动改正 .txt 和 .md 文件；Word 文档请下载带批注的副本".to_owned());
            }
        }
        let edits = fzlint_core::fix::edits(&checked.findings, engine.rules());
        if edits.is_empty() {
            break;
        }
        current = fzlint_core::fix::rewrite(&current, checked.document.source(), &edits)
            .map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(current)
}

/// A copy of a Word document with one comment per finding, as `fzlint
/// annotate` writes it; with `track_changes`, the safe fixes written as
/// tracked changes, as `fzlint annotate --track-changes` writes them.
pub fn annotate(engine: &Engine, name: &str, bytes: &[u8], track_changes: bool) -> Download {
    let checked = engine
        .check(&Input::new(name, bytes))
        .map_err(|e| e.to_string())?;
    if checked.document.format() != Format::Docx {
        return Err("只有 Word 文档（.docx）能生成带批注的副本".to_owned());
    }
    let revisions = if track_changes {
        fzlint_core::fix::edits(&checked.findings, engine.rules())
    } else {
        Vec::new()
    };
    let options = fzlint_core::annotate::Options {
        revisions: &revisions,
    };
    fzlint_core::annotate::annotate_with(name, bytes, &checked.findings, &options)
        .map(|annotated| annotated.bytes)
        .map_err(|e| e.to_string())
}

#[derive(Debug, Serialize)]
struct About<'a> {
    version: &'static str,
    packs: &'a [String],
    /// Each pack with its version and knowledge date, as the exports
    /// name it (`fazhi 2026.12.0（知识截至 2026-12-04）`).
    pack_labels: Vec<String>,
    rules_hash: &'a str,
    rules: Vec<AboutRule<'a>>,
}

#[derive(Debug, Serialize)]
struct AboutRule<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<&'a str>,
    pack: &'a str,
}

/// The engine's version, the packs loaded, the rule set's hash and its
/// rules (JSON), for the page's header and its exports.
pub fn about(loaded: &Loaded) -> String {
    let about = About {
        version: loaded.provenance().version,
        packs: &loaded.provenance().packs,
        pack_labels: loaded
            .provenance()
            .packs
            .iter()
            .map(|id| loaded.provenance().pack_label(id))
            .collect(),
        rules_hash: &loaded.provenance().rules_hash,
        rules: loaded
            .engine
            .rules()
            .rules()
            .iter()
            .map(|r| AboutRule {
                id: &r.id,
                title: &r.title,
                column: r.audit.as_deref(),
                pack: &r.pack,
            })
            .collect(),
    };
    serde_json::to_string(&about).unwrap_or_default()
}

#[cfg(test)]
mod fix_finding_tests {
    use super::*;

    #[test]
    fn one_finding_is_fixed_and_the_others_are_left() {
        let engine = default_engine().unwrap();
        let text = "澹江市司法局2024年度法治政府建设情况报告\r\n一、主要举措\r\n加强法制宣传，开展法制宣传活动。\r\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let checked = engine.check(&Input::new("a.txt", &gbk)).unwrap();
        let terms: Vec<usize> = checked
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.replacement.as_deref() == Some("法治宣传"))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(terms.len(), 2, "{:?}", checked.findings);
        let fixed = fix_finding(&engine, "a.txt", &gbk, terms[1]).unwrap();
        let (fixed, _, _) = encoding_rs::GBK.decode(&fixed);
        assert_eq!(fixed, text.replacen("开展法制宣传", "开展法治宣传", 1));
        assert!(fixed.contains("\r\n加强法制宣传"));
        let err = fix_finding(&engine, "a.txt", &gbk, 99).unwrap_err();
        assert!(err.contains("第 100 个问题"), "{err}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> Engine {
        default_engine().expect("the default pack loads")
    }

    fn parse(json: &str) -> serde_json::Value {
        serde_json::from_str(json).expect("the page's JSON parses")
    }

    #[test]
    fn a_report_gives_the_cli_entry_the_text_and_utf16_spans() {
        // 𠀀 is outside the BMP: two UTF-16 units, four UTF-8 bytes.
        let text = "𠀀溱阳市交通运输局关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n全年办理XX件。\n";
        let out = parse(&check(&engine(), "r.txt", text.as_bytes()));
        assert_eq!(out["file"]["path"], "r.txt");
        assert_eq!(out["text"], text);
        let findings = out["file"]["findings"].as_array().expect("findings");
        let spans = out["spans"].as_array().expect("spans");
        assert_eq!(findings.len(), spans.len());
        let placeholder = findings
            .iter()
            .position(|f| f["rule"] == "placeholder")
            .expect("the placeholder is found");
        let utf16: Vec<u16> = text.encode_utf16().collect();
        let span = &spans[placeholder]["span"];
        let (start, end) = (
            span["start"].as_u64().expect("start") as usize,
            span["end"].as_u64().expect("end") as usize,
        );
        assert_eq!(String::from_utf16_lossy(&utf16[start..end]), "XX");
        // The byte span of the same finding, as the command line gives it.
        let bytes = &findings[placeholder]["span"];
        let byte_start = bytes["start"].as_u64().expect("start") as usize;
        assert_eq!(&text[byte_start..byte_start + 2], "XX");
        assert!(out["checklist"].as_array().is_some_and(|c| c.len() >= 5));
        assert_eq!(
            out["outline"]["sections"][0]["heading"],
            "一、主要举措和成效"
        );
    }

    #[test]
    fn fixes_keep_the_encoding_and_repeat_until_nothing_is_left() {
        let text = "某县司法局关于2023年度法治政府建设情况的报告\r\n一、开展法制宣传教育，截止22年底完成。\r\n";
        let (gbk, _, _) = fzlint_core::text::decode::Encoding::for_label(b"gbk")
            .expect("gbk")
            .encode(text);
        let fixed = fix(&engine(), "r.txt", &gbk).expect("fixed");
        let (decoded, _, bad) = fzlint_core::text::decode::Encoding::for_label(b"gbk")
            .expect("gbk")
            .decode(&fixed);
        assert!(!bad);
        assert!(decoded.contains("法治宣传教育"), "{decoded}");
        assert!(decoded.contains("截至2022年底"), "{decoded}");
        assert!(decoded.ends_with("完成。\r\n"), "CRLF kept: {decoded:?}");
        // Nothing to fix: the bytes as they were.
        let clean = "某县司法局关于2023年度法治政府建设情况的报告\n";
        assert_eq!(
            fix(&engine(), "c.txt", clean.as_bytes()).expect("same"),
            clean.as_bytes()
        );
        assert!(annotate(&engine(), "r.txt", text.as_bytes(), false).is_err());
    }

    #[test]
    fn a_province_pack_replaces_a_default_rule_and_a_broken_one_says_where() {
        let province = r#"{"pack":"province","files":[{"name":"province/a.yaml","text":"rules:\n  - id: legality-review\n    title: 本省要求\n    kind: require\n    severity: error\n    message: 按本省要求写明合法性审核\n    patterns: [合法性审核]\n"}]}"#;
        let (loaded, answer) = load(province.as_bytes());
        let loaded = loaded.expect("loads");
        let answer = parse(&answer);
        assert_eq!(answer["packs"], serde_json::json!(["fazhi", "province"]));
        let default = Loaded::new(&[]).expect("default");
        assert_eq!(answer["rules"], default.engine.rules().rules().len());
        assert_ne!(
            loaded.provenance().rules_hash,
            default.provenance().rules_hash
        );
        let out = parse(&check(
            &loaded.engine,
            "r.txt",
            "某局2023年度法治政府建设情况的报告\n".as_bytes(),
        ));
        let finding = out["file"]["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .find(|f| f["rule"] == "legality-review")
            .cloned()
            .expect("the province's rule runs");
        assert_eq!(finding["severity"], "error");
        assert_eq!(finding["message"], "按本省要求写明合法性审核");

        let broken = r#"{"pack":"bad","files":[{"name":"bad/x.yaml","text":"rules:\n  - id: x\n    title: t\n    kind: forbid\n    message: m\n    patterns: [{regex: '法制(宣传'}]\n"}]}"#;
        let (loaded, answer) = load(broken.as_bytes());
        assert!(loaded.is_none());
        let answer = parse(&answer);
        assert_eq!(answer["ok"], false);
        assert_eq!(answer["errors"][0]["place"], "bad/x.yaml:6:24");
        assert!(
            answer["errors"][0]["line"]
                .as_str()
                .is_some_and(|l| l.contains("法制(宣传"))
        );
    }

    #[test]
    fn an_unreadable_file_has_an_error_in_the_engines_words() {
        let out = parse(&check(&engine(), "a.doc", b"\xd0\xcf\x11\xe0"));
        let error = out["file"]["error"].as_str().expect("an error");
        assert!(error.contains("另存为 .docx"), "{error}");
        let out = parse(&check(&engine(), "b.txt", b"\x80\x81\xff\xfe\xfd abc"));
        let error = out["file"]["error"].as_str().expect("an error");
        assert!(error.starts_with("b.txt"), "{error}");
        assert!(
            !error.contains("--"),
            "no command-line option in the page: {error}"
        );
        assert!(out.get("text").is_none());
    }
}
