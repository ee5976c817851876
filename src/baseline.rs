//! Baselines: the findings a repository has accepted for now, so that a CI
//! gate reports only new ones.
//!
//! A finding is keyed by its file (relative to the baseline's folder) and
//! the engine's key of it within its report (rule, section path without
//! outline numbers, normalised matched text: see
//! [`fzlint_core::baseline`]) — not by line numbers, so editing a report
//! elsewhere does not resurrect old findings. Identical keys are counted: if a report had
//! two "XX" placeholders in a section and now has three, one is new.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use fzlint_core::baseline as finding_key;
use fzlint_core::document::Document;
use fzlint_core::engine::{FileResult, Outcome};
use fzlint_core::finding::Finding;

use crate::config::absolute;

/// The default file name.
pub const FILE_NAME: &str = ".fzlint-baseline.json";

/// What identifies a finding across edits.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Key {
    /// The file, relative to the baseline's folder, with `/` separators.
    pub path: String,
    /// The rule id.
    pub rule: String,
    /// The headings containing the finding, outermost first, joined by ` / `.
    pub section: String,
    /// The matched text, normalised.
    pub text: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    #[serde(flatten)]
    key: Key,
    count: usize,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

/// Accepted findings, with counts.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Baseline {
    /// The folder paths are relative to.
    root: PathBuf,
    counts: BTreeMap<Key, usize>,
}

impl Baseline {
    /// An empty baseline whose paths are relative to `root`.
    pub fn new(root: &Path) -> Baseline {
        Baseline {
            root: absolute(root),
            counts: BTreeMap::new(),
        }
    }

    /// The baseline of a run's findings, for a baseline file in `root`.
    pub fn of(results: &[FileResult], root: &Path) -> Baseline {
        let mut baseline = Baseline::new(root);
        for result in results {
            if let Outcome::Checked {
                document, findings, ..
            } = &result.outcome
            {
                for finding in findings {
                    let key = baseline.key(&result.path, document, finding);
                    *baseline.counts.entry(key).or_default() += 1;
                }
            }
        }
        baseline
    }

    /// Number of accepted findings.
    pub fn len(&self) -> usize {
        self.counts.values().sum()
    }

    /// Whether it accepts nothing.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The key of a finding in a file.
    pub fn key(&self, path: &str, document: &Document, finding: &Finding) -> Key {
        let absolute_path = absolute(Path::new(path));
        let relative = absolute_path
            .strip_prefix(&self.root)
            .map_or_else(|_| path.to_owned(), |p| p.to_string_lossy().into_owned())
            .replace('\\', "/");
        let key = finding_key::key(document, finding);
        Key {
            path: relative,
            rule: key.rule,
            section: key.section,
            text: key.text,
        }
    }

    /// Removes the findings the baseline accepts (each key as many times as
    /// it was counted). Returns how many were removed.
    pub fn filter(&self, results: &mut [FileResult]) -> usize {
        let mut remaining = self.remaining();
        results.iter_mut().map(|r| remaining.filter(r)).sum()
    }

    /// A filter that takes results one at a time (as `check` streams
    /// them), each accepted finding matching at most one baseline entry.
    pub fn remaining(&self) -> Remaining<'_> {
        Remaining {
            baseline: self,
            left: self.counts.clone(),
        }
    }

    /// The baseline as JSON.
    pub fn to_json(&self) -> String {
        let file = File {
            version: 1,
            findings: self
                .counts
                .iter()
                .map(|(key, count)| Entry {
                    key: key.clone(),
                    count: *count,
                })
                .collect(),
        };
        let mut json = serde_json::to_string_pretty(&file).unwrap_or_default();
        json.push('\n');
        json
    }

    /// Reads a baseline file; its paths are relative to its folder.
    pub fn read(path: &Path) -> Result<Baseline, String> {
        let text = crate::read::read_setting_text(path, "基线文件")?;
        let file: File = serde_json::from_str(&text).map_err(|e| {
            // serde_json's message, in Chinese where we know it, with
            // its line and column.
            let raw = e.to_string();
            let message = raw.split(" at line ").next().unwrap_or(&raw);
            let words =
                fzlint_core::yaml::explain::explain(message).unwrap_or_else(|| message.to_owned());
            format!(
                "基线文件格式错误（第 {} 行第 {} 列）：{words}",
                e.line(),
                e.column()
            )
        })?;
        if file.version != 1 {
            return Err(format!("不支持的基线文件版本 {}", file.version));
        }
        let mut baseline = Baseline::new(path.parent().unwrap_or(Path::new(".")));
        for entry in file.findings {
            *baseline.counts.entry(entry.key).or_default() += entry.count;
        }
        Ok(baseline)
    }
}

/// What is left of a baseline while results pass through it.
#[derive(Debug)]
pub struct Remaining<'a> {
    baseline: &'a Baseline,
    left: BTreeMap<Key, usize>,
}

impl Remaining<'_> {
    /// Removes the findings of one result that the baseline accepts and
    /// returns how many were removed.
    pub fn filter(&mut self, result: &mut FileResult) -> usize {
        let mut removed = 0;
        let path = result.path.clone();
        if let Outcome::Checked {
            document, findings, ..
        } = &mut result.outcome
        {
            findings.retain(|finding| {
                let key = self.baseline.key(&path, document, finding);
                match self.left.get_mut(&key) {
                    Some(count) if *count > 0 => {
                        *count -= 1;
                        removed += 1;
                        false
                    }
                    _ => true,
                }
            });
        }
        removed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fzlint_core::engine::{Engine, Input};

    use crate::packs::default_pack;

    fn results(text: &str) -> Vec<FileResult> {
        let engine = Engine::load(&default_pack()).unwrap();
        vec![FileResult::from(
            engine.check(&Input::new("r.txt", text.as_bytes())),
        )]
    }

    fn rules_of(results: &[FileResult]) -> Vec<String> {
        match &results[0].outcome {
            Outcome::Checked { findings, .. } => findings.iter().map(|f| f.rule.clone()).collect(),
            Outcome::Failed(_) | Outcome::Skipped(_) => Vec::new(),
        }
    }

    const REPORT: &str = "禾丰县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n（一）执法\n办理XX件。\n";

    #[test]
    fn edits_elsewhere_do_not_resurrect_findings() {
        let dir = std::env::temp_dir();
        let baseline = Baseline::of(&results(REPORT), &dir);
        assert!(baseline.len() > 3);
        // Lines added above, sections renumbered: still accepted.
        let edited = REPORT
            .replace("一、主要举措", "新增一段说明。\n\n二、主要举措")
            .replace("（一）执法", "（二）执法");
        let mut now = results(&edited);
        let before = rules_of(&now).len();
        let removed = baseline.filter(&mut now);
        assert_eq!(removed, before, "{:?}", rules_of(&now));
        assert!(rules_of(&now).is_empty());
    }

    #[test]
    fn a_second_occurrence_is_new() {
        let dir = std::env::temp_dir();
        let baseline = Baseline::of(&results(REPORT), &dir);
        let mut now = results(&REPORT.replace("办理XX件。", "办理XX件，XX项。"));
        baseline.filter(&mut now);
        assert_eq!(rules_of(&now), vec!["placeholder"]);
    }

    #[test]
    fn round_trip_through_json() {
        let dir = std::env::temp_dir().join(format!("fzlint-baseline-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let baseline = Baseline::of(&results(REPORT), &dir);
        let path = dir.join(FILE_NAME);
        std::fs::write(&path, baseline.to_json()).unwrap();
        assert_eq!(Baseline::read(&path).unwrap(), baseline);
        std::fs::write(&path, "{\"version\":2,\"findings\":[]}").unwrap();
        assert!(Baseline::read(&path).unwrap_err().contains("版本"));
    }
}
