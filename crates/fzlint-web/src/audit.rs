//! The supervisor's audit in the page: reports are added one at a time (the
//! page shows its progress between them), then the audit is finished and
//! exported by the same writers as `fzlint audit --format csv|json|markdown|
//! html` (`fzlint_export`), so the page and the command line hand a
//! supervisor the same files.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use fzlint_core::audit::manifest::ManifestCsv;
use fzlint_core::audit::{self, Audit, AuditBuilder};
use fzlint_core::engine::{Engine, FileResult, Input};
use fzlint_core::error::InputError;
use fzlint_core::similar;
use serde::Deserialize;

/// What the page asks of an audit.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditOptions {
    /// Look for copied and templated reports (`fzlint audit --similar`).
    #[serde(default)]
    pub similar: bool,
    /// The similarity threshold (0–1; `--threshold`); implies `similar`.
    #[serde(default)]
    pub threshold: Option<f64>,
    /// A manifest (`--manifest`), its bytes after the options.
    #[serde(default)]
    pub manifest: Option<ManifestFile>,
    /// The reports were found in a chosen folder (not chosen one by one): a
    /// file that does not read as a report is passed over and named, as
    /// `fzlint audit FOLDER` does.
    #[serde(default)]
    pub folder: bool,
}

/// The manifest the page was given: its name (for errors) and the folder
/// its paths are relative to (the folder of the reports chosen).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestFile {
    /// The file's name.
    pub name: String,
    /// The folder its paths are relative to (`""`: the reports' names).
    #[serde(default)]
    pub base: String,
}

impl AuditOptions {
    fn similar(&self) -> Option<similar::Options> {
        (self.similar || self.threshold.is_some()).then(|| similar::Options {
            threshold: self
                .threshold
                .filter(|t| (0.0..=1.0).contains(t))
                .unwrap_or(similar::Options::default().threshold),
            ..similar::Options::default()
        })
    }
}

/// An audit being built, then finished, and its manifest if it has one.
#[derive(Debug)]
pub struct AuditState {
    stage: Stage,
    manifest: Option<Arc<ManifestCsv>>,
    /// Whether files that do not read as reports are passed over.
    folder: bool,
}

#[derive(Debug)]
enum Stage {
    /// Reports are being added.
    Building(AuditBuilder<'static>),
    /// The audit is finished and can be exported.
    Finished(Audit),
}

/// Starts an audit with the engine's rules and `options` (JSON: see
/// [`AuditOptions`]; empty: the defaults) followed by the manifest's bytes
/// when the options name one. A manifest with errors is refused with every
/// error (`清单.csv:3:2: …`), one per line.
pub fn begin(engine: &Engine, options: &[u8], manifest: &[u8]) -> Result<AuditState, String> {
    let options: AuditOptions = if options.iter().all(u8::is_ascii_whitespace) {
        AuditOptions::default()
    } else {
        serde_json::from_slice(options).map_err(|e| format!("审阅选项有误：{e}"))?
    };
    let manifest = match &options.manifest {
        None => None,
        Some(file) => Some(Arc::new(
            ManifestCsv::parse(&file.name, manifest, Path::new(&file.base)).map_err(|errors| {
                let mut message = format!("清单文件有 {} 处错误，未进行审阅：", errors.len());
                for error in &errors {
                    message.push('\n');
                    message.push_str(&error.to_string());
                }
                message
            })?,
        )),
    };
    let builder = Audit::builder(
        engine.rules(),
        audit::Options {
            similar: options.similar(),
            manifest: manifest.clone().map(|m| m as Arc<dyn audit::Manifest>),
            selection: None,
        },
    );
    Ok(AuditState {
        stage: Stage::Building(builder),
        manifest,
        folder: options.folder,
    })
}

/// Checks one report, adds it to the audit and returns the page's JSON for
/// it (as [`crate::check`] does).
pub fn add(engine: &Engine, state: &mut AuditState, name: &str, bytes: &[u8]) -> String {
    let input = Input::new(name, bytes);
    let result = if state.folder {
        FileResult {
            path: name.to_owned(),
            outcome: engine.check_if_report(&input),
        }
    } else {
        FileResult::from(engine.check(&input))
    };
    let json = crate::page_json(engine, &result);
    if let Stage::Building(builder) = &mut state.stage {
        builder.add(result);
    }
    json
}

/// Finishes the audit (totals; similar reports when asked for).
pub fn finish(state: AuditState) -> AuditState {
    let stage = match state.stage {
        Stage::Building(builder) => Stage::Finished(builder.finish()),
        finished => finished,
    };
    AuditState { stage, ..state }
}

impl AuditState {
    /// The finished audit.
    pub fn audit(&self) -> Option<&Audit> {
        match &self.stage {
            Stage::Finished(audit) => Some(audit),
            Stage::Building(_) => None,
        }
    }

    /// What the page says besides the audit (JSON): the manifest's entries
    /// that no report matched, `{"unmatched": [{"path", "line"}]}` — as
    /// `fzlint audit --manifest` warns of them.
    pub fn notes(&self) -> String {
        let unmatched: Vec<serde_json::Value> = match (&self.manifest, self.audit()) {
            (Some(manifest), Some(audit)) => {
                let audited: Vec<PathBuf> =
                    audit.rows.iter().map(|r| PathBuf::from(&r.path)).collect();
                manifest
                    .unmatched(&audited)
                    .into_iter()
                    .map(|(path, line)| serde_json::json!({"path": path.to_string_lossy(), "line": line}))
                    .collect()
            }
            _ => Vec::new(),
        };
        serde_json::json!({ "unmatched": unmatched }).to_string()
    }
}

/// The formats an audit is exported in, as the page numbers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    /// `fzlint audit --format json`.
    Json = 0,
    /// `--format csv`.
    Csv = 1,
    /// `--format markdown`.
    Markdown = 2,
    /// `--format html`.
    Html = 3,
}

impl Export {
    /// The format numbered `n`.
    pub fn of(n: u32) -> Option<Export> {
        [Export::Json, Export::Csv, Export::Markdown, Export::Html]
            .into_iter()
            .find(|e| *e as u32 == n)
    }
}

/// The finished audit in `format`.
pub fn export(audit: &Audit, format: Export) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let words: fzlint_export::ErrorWords<'_> = &crate::input_error;
    let written = match format {
        Export::Json => fzlint_export::audit::json::write(&mut out, audit, words),
        Export::Csv => fzlint_export::audit::csv::write(&mut out, audit, words),
        Export::Markdown => fzlint_export::audit::markdown::write(&mut out, audit, words),
        Export::Html => fzlint_export::audit::html::write(&mut out, audit, words),
    };
    written.map_err(|e| format!("无法导出审阅结果：{e}"))?;
    Ok(out)
}

/// Why a file could not be read, as the page says it: the engine's reason
/// and what to do about it in the page.
pub fn input_error(error: &InputError) -> String {
    let advice = match error {
        InputError::Undecodable { .. } => {
            "；请在 WPS 或记事本中把它另存为 UTF-8 文本，或另存为 Word 文档（.docx），再选择它"
        }
        InputError::TooLarge { .. } => "；年度报告通常只有几十 KB，请确认选对了文件",
        _ => "",
    };
    format!("{error}{advice}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Loaded;

    fn audited(files: &[(&str, &str)], options: &str) -> Audit {
        let loaded = Loaded::new(&[]).unwrap();
        let mut state = begin(&loaded.engine, options.as_bytes(), b"").unwrap();
        for (name, text) in files {
            let json = add(&loaded.engine, &mut state, name, text.as_bytes());
            assert!(json.contains(name), "{json}");
        }
        match finish(state).stage {
            Stage::Finished(audit) => audit,
            Stage::Building(_) => panic!("not finished"),
        }
    }

    #[test]
    fn reports_become_rows_and_unreadable_ones_are_named() {
        let report =
            "澹江市司法局2024年度法治政府建设情况报告\n一、主要举措\n全面落实行政执法公示制度。\n";
        let audit = audited(&[("a.txt", report), ("b.txt", "   ")], "");
        assert_eq!(audit.rows.len(), 1);
        assert_eq!(audit.failed.len(), 1);
        assert!(audit.similar.is_none());
        let csv = String::from_utf8(export(&audit, Export::Csv).unwrap()).unwrap();
        assert!(csv.contains("b.txt: 文件为空"), "{csv}");
        assert!(csv.contains(&audit.provenance.rules_hash), "{csv}");
        let json: serde_json::Value =
            serde_json::from_slice(&export(&audit, Export::Json).unwrap()).unwrap();
        assert_eq!(json["reports"][0]["path"], "a.txt");
        assert_eq!(json["engine"]["rules_hash"], audit.provenance.rules_hash);
    }

    #[test]
    fn from_a_folder_a_file_that_is_no_report_is_passed_over_and_named() {
        let files = [
            (
                "县/a.txt",
                "湄川县司法局2024年度法治政府建设情况报告\n一、主要举措和成效\n",
            ),
            ("县/名单.txt", "张三\t办公室\n李四\t财务科\n"),
        ];
        let from_folder = audited(&files, r#"{"folder": true}"#);
        assert_eq!(from_folder.rows.len(), 1);
        assert_eq!(from_folder.skipped.len(), 1);
        assert_eq!(from_folder.skipped[0].0, "县/名单.txt");
        assert_eq!(from_folder.totals.skipped, 1);
        // Chosen one by one, every file is checked.
        let chosen = audited(&files, "");
        assert_eq!(chosen.rows.len(), 2);
        assert!(chosen.skipped.is_empty());
    }

    #[test]
    fn similar_reports_are_looked_for_when_asked() {
        let body = "一、主要举措\n全面推行行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度，严格规范公正文明执法。\n二、存在的不足和原因\n法治宣传教育的针对性还不够强，基层执法人员的专业素质有待提高。\n";
        let a = format!("甲县司法局2024年度法治政府建设情况报告\n{body}");
        let b = format!("乙县司法局2024年度法治政府建设情况报告\n{body}");
        let audit = audited(&[("a.txt", &a), ("b.txt", &b)], r#"{"similar": true}"#);
        let pairs = audit.similar.as_deref().unwrap_or_default();
        assert_eq!(pairs.len(), 1, "{pairs:?}");
        assert!(pairs[0].similarity > 0.5);
    }

    #[test]
    fn bad_options_are_an_error_in_chinese() {
        let loaded = Loaded::new(&[]).unwrap();
        let err = begin(&loaded.engine, br#"{"similarity": 1}"#, b"").unwrap_err();
        assert!(err.starts_with("审阅选项有误"), "{err}");
    }

    #[test]
    fn a_manifest_gives_issuers_and_dates_and_its_errors_are_named() {
        let loaded = Loaded::new(&[]).unwrap();
        let options = r#"{"manifest": {"name": "清单.csv", "base": "reports"}}"#.as_bytes();
        let csv = "\u{feff}路径,主体,发布日期\na.txt,甲县司法局,2024-04-20\nmissing.txt,乙县司法局,2024-03-01\n";
        let mut state = begin(&loaded.engine, options, csv.as_bytes()).unwrap();
        let report = "甲县司法局2023年度法治政府建设情况报告\n一、主要举措\n略。\n";
        add(
            &loaded.engine,
            &mut state,
            "reports/a.txt",
            report.as_bytes(),
        );
        let state = finish(state);
        let audit = state.audit().unwrap();
        assert_eq!(audit.rows[0].issuer.as_deref(), Some("甲县司法局"));
        // The manifest's date is the publication date.
        assert_eq!(audit.rows[0].timeliness.published.status.as_str(), "late");
        let notes: serde_json::Value = serde_json::from_str(&state.notes()).unwrap();
        assert_eq!(notes["unmatched"][0]["line"], 3);
        assert_eq!(notes["unmatched"][0]["path"], "reports/missing.txt");
        let bad = "路径,发布日期\na.txt,昨天\n";
        let err = begin(&loaded.engine, options, bad.as_bytes()).unwrap_err();
        assert!(err.contains("清单.csv:2:2: "), "{err}");
    }

    #[test]
    fn formats_are_numbered_as_the_page_asks() {
        assert_eq!(Export::of(3), Some(Export::Html));
        assert_eq!(Export::of(4), None);
    }
}
