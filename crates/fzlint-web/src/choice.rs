//! The rules and configuration in effect in the page: the default pack, a
//! pack the user chose (a province's, say) and a `.fzlint.yaml` the user
//! chose — read, checked and resolved as the command line does, so that
//! the same pack and config give the same findings and the same rule-set
//! hash in both.
//!
//! The config's paths are relative to the folder chosen for an audit: a
//! report `报告/县/a.docx` chosen with the folder `报告` is `县/a.docx` to
//! the config's `include`, `exclude` and `overrides` (the config is taken
//! to sit at the top of that folder, as `.fzlint.yaml` sits at the top of a
//! repository). What the page cannot honour is said, at its place in the
//! file: a pack the config names that the user has not loaded, a baseline.

use std::borrow::Cow;
use std::sync::Arc;

use fzlint_config::{Selector, Settings};
use fzlint_core::engine::{Engine, Provenance, RuleSet, Select, Selection};
use fzlint_core::error::{RuleError, RuleErrors};
use fzlint_core::pack::RuleSource;
use fzlint_core::yaml::YamlSource;
use serde::{Deserialize, Serialize};

/// The default pack (`fazhi`)'s rule files.
fn default_sources() -> Vec<RuleSource> {
    fzlint_fazhi::rule_files()
        .into_iter()
        .map(|file| RuleSource::embedded(file.name, file.text, file.json).in_pack(fzlint_fazhi::ID))
        .collect()
}

/// The engine with the default pack (`fazhi`), as the command line has it
/// without a config.
pub fn default_engine() -> Result<Engine, RuleErrors> {
    Loaded::new(&[]).map(|loaded| loaded.engine)
}

/// The rules in effect: the engine (its rule set knows its
/// [`Provenance`]: version, packs, hash) and the config's settings.
#[derive(Debug)]
pub struct Loaded {
    /// The engine, with the config's rule selection.
    pub engine: Engine,
    /// The config's settings (none chosen: the defaults).
    pub settings: Settings,
    /// What the page does not honour of the config, at its place.
    pub notes: Vec<RuleError>,
}

impl Loaded {
    /// The default pack followed by `extra` (a province's pack, say: its
    /// rules replace the default rules of the same id), without a config.
    pub fn new(extra: &[RuleSource]) -> Result<Loaded, RuleErrors> {
        Loaded::with_config(extra, Settings::none())
    }

    /// The packs as the config says (the default pack unless
    /// `no_default_rules`, then `extra`), with the config's rule selection.
    pub fn with_config(extra: &[RuleSource], settings: Settings) -> Result<Loaded, RuleErrors> {
        let mut sources = if settings.no_default_rules {
            Vec::new()
        } else {
            default_sources()
        };
        sources.extend(extra.iter().cloned());
        let rules = RuleSet::load(&sources)?;
        let selector = settings.selector(&rules)?;
        let notes = notes(&settings, &rules);
        Ok(Loaded {
            engine: Engine::with_selection(rules, Box::new(FolderSelection(selector))),
            settings,
            notes,
        })
    }

    /// The engine's version, the packs loaded (in order, `fazhi` first) and
    /// the rule set's hash: what every export says judged its reports.
    pub fn provenance(&self) -> &Provenance {
        self.engine.rules().provenance()
    }

    /// Whether a file met in a chosen folder is one to check, by its path
    /// in the page (the folder's name first): the config's extensions,
    /// `include` and `exclude`, as the command line walks a folder.
    pub fn wants(&self, name: &str) -> bool {
        self.settings.takes(in_folder(name))
    }
}

/// A report's path relative to the config's folder: its path in the page
/// without the name of the folder chosen.
fn in_folder(name: &str) -> &str {
    let name = name.trim_start_matches(['/', '\\']);
    name.split_once(['/', '\\']).map_or(name, |(_, rest)| rest)
}

/// The config's selection, by a report's path in the page.
#[derive(Debug)]
struct FolderSelection(Selector);

impl Select for FolderSelection {
    fn select<'a>(&'a self, rules: &RuleSet, name: &str) -> Cow<'a, Selection> {
        self.0.select(rules, in_folder(name))
    }
}

/// What the page does not do that the config asks for.
fn notes(settings: &Settings, rules: &RuleSet) -> Vec<RuleError> {
    let loaded = &rules.provenance().packs;
    let mut notes: Vec<RuleError> = settings
        .packs
        .iter()
        .filter(|path| {
            // A pack is named after its folder (a file, after its stem), as
            // the command line names it.
            let last = path.value.trim_end_matches(['/', '\\']);
            let last = last.rsplit(['/', '\\']).next().unwrap_or(last);
            let id = last
                .strip_suffix(".yaml")
                .or_else(|| last.strip_suffix(".yml"))
                .unwrap_or(last);
            !loaded.iter().any(|pack| pack == id)
        })
        .map(|path| {
            settings.error_at(
                &path.at,
                format!(
                    "配置文件要加载规则包 `{}`，页面中还没有加载：请用“加载本地规则包”选择这个文件夹",
                    path.value
                ),
            )
        })
        .collect();
    if let Some(baseline) = &settings.baseline {
        notes.push(settings.error_at(
            &baseline.at,
            format!(
                "页面不使用基线 `{}`，显示全部问题（基线只在命令行 fzlint check 中生效）",
                baseline.value
            ),
        ));
    }
    notes
}

/// What the user chose: a pack (its id, the folder's name, and its files)
/// and a config file; each may be absent.
#[derive(Debug, Default, Deserialize)]
pub struct Choice {
    /// The pack's id.
    #[serde(default)]
    pub pack: Option<String>,
    /// Its rule files.
    #[serde(default)]
    pub files: Vec<PackFile>,
    /// The `.fzlint.yaml` chosen.
    #[serde(default)]
    pub config: Option<PackFile>,
}

/// A file the user chose: its name (its path in the folder chosen) and text
/// (for a config, its bytes instead, decoded as the command line decodes
/// them: a config saved as GBK reads the same in both).
#[derive(Debug, Deserialize)]
pub struct PackFile {
    /// Its name.
    pub name: String,
    /// Its text.
    #[serde(default)]
    pub text: String,
    /// Its bytes, if given instead of the text.
    #[serde(default)]
    pub bytes: Option<Vec<u8>>,
}

/// A rule-file or config error (or note) as the page shows it: where
/// (`file:line:column`), what, and the offending line.
#[derive(Debug, Serialize)]
struct Problem {
    place: String,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<String>,
}

impl From<&RuleError> for Problem {
    fn from(e: &RuleError) -> Problem {
        Problem {
            place: e.place(),
            message: e.message.clone(),
            note: e.note.clone(),
            line: e.location.as_ref().and_then(|at| {
                at.source_text
                    .lines()
                    .nth(at.line.saturating_sub(1))
                    .map(str::to_owned)
            }),
        }
    }
}

/// Loads what the user chose (JSON: [`Choice`]; nothing: the default pack
/// alone). On success the new rules and the JSON `{"ok":true,"packs":[…],
/// "rules":N,"rules_hash":…,"config":name|null,"notes":[…]}`; otherwise
/// every error, as `fzlint` reports them for `--rules` and `--config`, in
/// `{"ok":false,"errors":[{"place","message","note","line"}]}`.
pub fn load(json: &[u8]) -> (Option<Loaded>, String) {
    let choice = match serde_json::from_slice::<Choice>(json) {
        Ok(choice) => choice,
        Err(e) => {
            let errors = serde_json::json!({"ok": false, "errors": [{"place": "", "message": e.to_string()}]});
            return (None, errors.to_string());
        }
    };
    let mut files = choice.files;
    // In path order, as the command line reads a pack's folder: the same
    // rules override in the same order and hash the same.
    files.sort_by(|a, b| a.name.cmp(&b.name));
    let pack = choice.pack.unwrap_or_else(|| "自定义".to_owned());
    let extra: Vec<RuleSource> = files
        .into_iter()
        .map(|f| RuleSource::new(f.name, f.text).in_pack(&pack))
        .collect();
    let config_name = choice.config.as_ref().map(|c| c.name.clone());
    let loaded = match choice.config {
        Some(PackFile {
            name,
            bytes: Some(bytes),
            ..
        }) => Settings::from_bytes(&name, &bytes),
        Some(config) => Settings::parse(YamlSource {
            name: config.name,
            text: Arc::from(config.text),
        }),
        None => Ok(Settings::none()),
    }
    .and_then(|settings| Loaded::with_config(&extra, settings));
    match loaded {
        Ok(loaded) => {
            let notes: Vec<Problem> = loaded.notes.iter().map(Problem::from).collect();
            let answer = serde_json::json!({
                "ok": true,
                "packs": loaded.provenance().packs,
                "rules": loaded.engine.rules().rules().len(),
                "rules_hash": loaded.provenance().rules_hash,
                "config": config_name,
                "notes": notes,
            });
            (Some(loaded), answer.to_string())
        }
        Err(RuleErrors(errors)) => {
            let errors: Vec<Problem> = errors.iter().map(Problem::from).collect();
            let answer = serde_json::json!({"ok": false, "errors": errors});
            (None, answer.to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn load_json(json: &str) -> (Option<Loaded>, serde_json::Value) {
        let (loaded, answer) = load(json.as_bytes());
        (loaded, serde_json::from_str(&answer).unwrap())
    }

    fn choice(config: &str) -> String {
        serde_json::json!({"config": {"name": ".fzlint.yaml", "text": config}}).to_string()
    }

    const REPORT: &str =
        "某县司法局2023年度法治政府建设情况的报告\n一、主要举措和成效\n全年共办理。\n";

    fn rules_found(loaded: &Loaded, name: &str) -> Vec<String> {
        let out: serde_json::Value =
            serde_json::from_str(&crate::check(&loaded.engine, name, REPORT.as_bytes())).unwrap();
        out["file"]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_owned())
            .collect()
    }

    #[test]
    fn a_config_selects_rules_by_the_path_in_the_folder_chosen() {
        let default = Loaded::new(&[]).unwrap();
        let all = rules_found(&default, "报告/县/a.txt");
        assert!(all.iter().any(|r| r == "topic-law-study"), "{all:?}");
        let (loaded, answer) = load_json(&choice(
            "overrides:\n  - files: ['县/**']\n    disable: [topic-law-study]\n",
        ));
        let loaded = loaded.unwrap();
        assert_eq!(answer["ok"], true);
        assert_eq!(answer["config"], ".fzlint.yaml");
        // The folder chosen (报告) is the config's folder.
        let county = rules_found(&loaded, "报告/县/a.txt");
        assert!(!county.iter().any(|r| r == "topic-law-study"), "{county:?}");
        assert_eq!(county.len() + 1, all.len());
        assert_eq!(rules_found(&loaded, "报告/市/a.txt"), all);
        // Same rules, same hash: a config selects, it does not change rules.
        assert_eq!(
            loaded.provenance().rules_hash,
            default.provenance().rules_hash
        );
    }

    #[test]
    fn what_the_page_cannot_honour_is_said_at_its_place() {
        let (loaded, answer) = load_json(&choice(
            "rules: [rules/province]\nbaseline: .fzlint-baseline.json\n",
        ));
        assert!(loaded.is_some());
        let notes = answer["notes"].as_array().unwrap();
        assert_eq!(notes.len(), 2, "{answer}");
        assert_eq!(notes[0]["place"], ".fzlint.yaml:1:9");
        assert!(
            notes[0]["message"]
                .as_str()
                .unwrap()
                .contains("rules/province")
        );
        assert_eq!(notes[1]["place"], ".fzlint.yaml:2:11");
        // With the pack loaded, only the baseline is left.
        let json = serde_json::json!({
            "pack": "province",
            "files": [{"name": "province/a.yaml", "text": "rules: []\n"}],
            "config": {"name": ".fzlint.yaml", "text": "rules: [rules/province]\n"},
        });
        let (_, answer) = load_json(&json.to_string());
        assert_eq!(answer["notes"], serde_json::json!([]), "{answer}");
    }

    #[test]
    fn config_errors_say_where_and_keep_nothing_half_loaded() {
        let (loaded, answer) = load_json(&choice("disable: [part-ordr]\nfail_level: loud\n"));
        assert!(loaded.is_none());
        assert_eq!(answer["ok"], false);
        let errors = answer["errors"].as_array().unwrap();
        assert_eq!(errors[0]["place"], ".fzlint.yaml:1:11");
        assert!(
            errors[0]["message"]
                .as_str()
                .unwrap()
                .contains("part-order")
        );
        assert_eq!(errors[0]["line"], "disable: [part-ordr]");
        assert_eq!(errors[1]["place"], ".fzlint.yaml:2:13");
        let (loaded, answer) = load_json(&choice("disabel: [part-order]\n"));
        assert!(loaded.is_none());
        assert_eq!(answer["errors"][0]["place"], ".fzlint.yaml:1:1");
    }

    #[test]
    fn no_default_rules_leaves_the_default_pack_out() {
        let json = serde_json::json!({
            "pack": "province",
            "files": [{"name": "province/a.yaml", "text": "rules:\n  - id: only-rule\n    title: 只有这一条\n    kind: forbid\n    severity: warning\n    message: 不要写“全年共办理”\n    patterns: [全年共办理]\n"}],
            "config": {"name": ".fzlint.yaml", "text": "no_default_rules: true\n"},
        });
        let (loaded, answer) = load_json(&json.to_string());
        let loaded = loaded.unwrap();
        assert_eq!(answer["packs"], serde_json::json!(["province"]));
        assert_eq!(rules_found(&loaded, "a.txt"), ["only-rule"]);
    }

    #[test]
    fn the_config_decides_which_files_of_a_folder_are_checked() {
        let (loaded, _) = load_json(&choice(
            "include: ['报告/**']\nexclude: ['*.draft.md']\nextensions: [md, docx]\n",
        ));
        let loaded = loaded.unwrap();
        assert!(loaded.wants("上报/报告/县.md"));
        assert!(loaded.wants("上报/报告/区/县.DOCX"));
        assert!(!loaded.wants("上报/报告/县.txt"));
        assert!(!loaded.wants("上报/其他/县.md"));
        assert!(!loaded.wants("上报/报告/县.draft.md"));
        // A report fzlint cannot read is taken too, to get its row.
        assert!(loaded.wants("上报/报告/县.pdf"));
        assert!(!loaded.wants("上报/其他/县.doc"));
        let default = Loaded::new(&[]).unwrap();
        assert!(default.wants("上报/县.txt") && default.wants("上报/县.wps"));
        assert!(!default.wants("上报/县.png"));
    }
}
