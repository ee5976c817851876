//! The repository configuration, `.fzlint.yaml`: which rule packs to load,
//! which rules to run on which files and at what severity, which files to
//! check, and when a run fails.
//!
//! The file is found by searching upward from the working directory (or
//! given with `--config`). Paths and file globs in it are relative to the
//! folder that holds it. Rule selection is resolved against the loaded rules,
//! so an unknown rule id or a glob that matches no rule is an error pointing
//! at the value, like any other mistake in the file.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobBuilder, GlobMatcher, GlobSet, GlobSetBuilder};
use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};

use fzlint_core::engine::{RuleSet, Selection};
use fzlint_core::error::{RuleError, RuleErrors};
use fzlint_core::finding::Severity;
use fzlint_core::pack::SeverityName;
use fzlint_core::yaml::{self, Spanned, YamlSource};

/// File names of the configuration, in order of preference.
pub const FILE_NAMES: [&str; 2] = [".fzlint.yaml", ".fzlint.yml"];

/// Extensions of the files a directory walk checks, by default.
pub const DEFAULT_EXTENSIONS: [&str; 6] = ["md", "markdown", "txt", "docx", "html", "htm"];

/// The severity from which findings fail a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailLevel {
    /// Errors fail the run (default).
    Error,
    /// Warnings and errors fail the run.
    Warning,
    /// Any finding fails the run.
    Info,
    /// Findings never fail the run (input and rule errors still do).
    Never,
}

impl FailLevel {
    /// Parses `error`, `warning`, `info` or `never`.
    pub fn parse(name: &str) -> Option<FailLevel> {
        match name {
            "error" => Some(FailLevel::Error),
            "warning" => Some(FailLevel::Warning),
            "info" => Some(FailLevel::Info),
            "never" => Some(FailLevel::Never),
            _ => None,
        }
    }

    /// Whether a finding of `severity` fails the run.
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailLevel::Error => severity >= Severity::Error,
            FailLevel::Warning => severity >= Severity::Warning,
            FailLevel::Info => true,
            FailLevel::Never => false,
        }
    }
}

impl fmt::Display for FailLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FailLevel::Error => "error",
            FailLevel::Warning => "warning",
            FailLevel::Info => "info",
            FailLevel::Never => "never",
        })
    }
}

/// Fail-level names, for the schema.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum FailLevelName {
    Error,
    Warning,
    Info,
    Never,
}

/// `rule id or glob → severity`, in file order, with positions.
#[derive(Debug, Default)]
pub(crate) struct SeverityMap(Vec<(Spanned<String>, Spanned<String>)>);

impl<'de> Deserialize<'de> for SeverityMap {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor;
        impl<'de> Visitor<'de> for MapVisitor {
            type Value = SeverityMap;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping from rule ids (or globs) to error, warning or info")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SeverityMap, A::Error> {
                let mut pairs = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    pairs.push((key, map.next_value()?));
                }
                Ok(SeverityMap(pairs))
            }
        }
        deserializer.deserialize_map(MapVisitor)
    }
}

/// `.fzlint.yaml` as written.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "fzlint 配置文件（.fzlint.yaml）")]
pub(crate) struct RawConfig {
    /// 额外加载的规则包目录或规则文件（相对于配置文件所在目录）
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub rules: Option<Vec<Spanned<String>>>,
    /// 不加载内置的默认规则包
    #[serde(default)]
    pub no_default_rules: Option<bool>,
    /// 停用的规则：规则 id 或 glob（如 `topic-*`）
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub disable: Option<Vec<Spanned<String>>>,
    /// 重新启用的规则（在 disable 之后生效）：规则 id 或 glob
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub enable: Option<Vec<Spanned<String>>>,
    /// 改变规则的严重程度：规则 id 或 glob → error、warning 或 info
    #[serde(default)]
    #[schemars(with = "Option<BTreeMap<String, SeverityName>>")]
    pub severity: Option<SeverityMap>,
    /// 从哪一级起检查失败（退出状态 1）：error（默认）、warning、info 或 never
    #[serde(default)]
    #[schemars(with = "Option<FailLevelName>")]
    pub fail_level: Option<Spanned<String>>,
    /// 遍历目录时只检查与这些 glob 匹配的文件（相对于配置文件所在目录）
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub include: Option<Vec<Spanned<String>>>,
    /// 遍历目录时跳过与这些 glob 匹配的文件
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub exclude: Option<Vec<Spanned<String>>>,
    /// 遍历目录时检查的文件扩展名（默认 md、markdown、txt、docx、html、htm）
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub extensions: Option<Vec<Spanned<String>>>,
    /// 基线文件（相对于配置文件所在目录）：只报告其中没有的问题
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub baseline: Option<Spanned<String>>,
    /// 对部分文件另行设置规则
    #[serde(default)]
    pub overrides: Option<Vec<RawOverride>>,
}

/// An `overrides:` block.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawOverride {
    /// 适用的文件：glob（相对于配置文件所在目录）
    #[schemars(with = "Vec<String>")]
    pub files: Spanned<Vec<Spanned<String>>>,
    /// 对这些文件停用的规则
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub disable: Option<Vec<Spanned<String>>>,
    /// 对这些文件重新启用的规则
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub enable: Option<Vec<Spanned<String>>>,
    /// 对这些文件改变的严重程度
    #[serde(default)]
    #[schemars(with = "Option<BTreeMap<String, SeverityName>>")]
    pub severity: Option<SeverityMap>,
}

/// A loaded configuration. Rule selection still has to be resolved against
/// the rules ([`Config::selector`]).
#[derive(Debug)]
pub struct Config {
    /// The config file, if there is one.
    pub file: Option<PathBuf>,
    /// The folder paths in the config are relative to (the config's folder,
    /// else the working directory), absolute.
    pub root: PathBuf,
    /// Extra rule packs, resolved against `root`.
    pub rule_packs: Vec<PathBuf>,
    /// Whether to leave the embedded pack out.
    pub no_default_rules: bool,
    /// The configured fail level.
    pub fail_level: Option<FailLevel>,
    /// Extensions of walked files (lower case, no dot).
    pub extensions: Vec<String>,
    /// Walked files must match one of these, if given.
    pub include: Option<GlobSet>,
    /// Walked files matching one of these are skipped.
    pub exclude: Option<GlobSet>,
    /// The baseline file, resolved against `root`.
    pub baseline: Option<PathBuf>,
    source: Option<YamlSource>,
    raw: RawConfig,
    overrides: Vec<GlobSet>,
    /// Mistakes in values found while loading, reported together with the
    /// rule-selection errors by [`Config::selector`].
    problems: Vec<RuleError>,
}

impl Config {
    /// The configuration when there is no config file.
    pub fn none(root: PathBuf) -> Config {
        Config {
            file: None,
            root,
            rule_packs: Vec::new(),
            no_default_rules: false,
            fail_level: None,
            extensions: DEFAULT_EXTENSIONS.iter().map(|e| (*e).to_owned()).collect(),
            include: None,
            exclude: None,
            baseline: None,
            source: None,
            raw: RawConfig::default(),
            overrides: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// Loads a config file.
    pub fn load(path: &Path) -> Result<Config, RuleErrors> {
        let name = path.display().to_string();
        let text = crate::read::read_setting_text(path, "配置文件").map_err(|message| {
            RuleErrors(vec![RuleError {
                file: name.clone(),
                location: None,
                message,
                note: None,
            }])
        })?;
        let source = YamlSource {
            name,
            text: Arc::from(text),
        };
        // A file of comments only (as `fzlint init` writes it) sets nothing.
        let only_comments = source
            .text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
        let raw: RawConfig = if only_comments {
            RawConfig::default()
        } else {
            yaml::parse(
                &source,
                "配置文件",
                "YAML 映射（可用的键见 `fzlint schema config`）",
            )
            .map_err(|e| RuleErrors(vec![e]))?
        };
        let root = absolute(path.parent().unwrap_or(Path::new(".")));
        let mut errors = Vec::new();
        let mut config = Config::none(root.clone());
        config.file = Some(path.to_path_buf());
        config.rule_packs = raw
            .rules
            .iter()
            .flatten()
            .map(|p| root.join(&p.value))
            .collect();
        config.no_default_rules = raw.no_default_rules.unwrap_or(false);
        config.fail_level = raw.fail_level.as_ref().and_then(|level| {
            let parsed = FailLevel::parse(&level.value);
            if parsed.is_none() {
                errors.push(yaml::error_at(
                    &source,
                    &level.at,
                    format!(
                        "未知的 fail_level `{}`；应为 error、warning、info 或 never",
                        level.value
                    ),
                ));
            }
            parsed
        });
        if let Some(extensions) = &raw.extensions {
            config.extensions = extensions
                .iter()
                .map(|e| e.value.trim_start_matches('.').to_ascii_lowercase())
                .collect();
        }
        config.include = raw
            .include
            .as_ref()
            .map(|globs| file_globs(&source, globs, &mut errors));
        config.exclude = raw
            .exclude
            .as_ref()
            .map(|globs| file_globs(&source, globs, &mut errors));
        config.baseline = raw.baseline.as_ref().map(|b| root.join(&b.value));
        config.overrides = raw
            .overrides
            .iter()
            .flatten()
            .map(|o| file_globs(&source, &o.files.value, &mut errors))
            .collect();
        config.source = Some(source);
        config.raw = raw;
        config.problems = errors;
        Ok(config)
    }

    /// Finds the config file for `start`: the first of [`FILE_NAMES`] in it
    /// or one of its ancestors.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        absolute(start).ancestors().find_map(|dir| {
            FILE_NAMES
                .iter()
                .map(|name| dir.join(name))
                .find(|candidate| candidate.is_file())
        })
    }

    /// A path relative to the config's folder, with `/` separators, for
    /// matching file globs.
    pub fn relative(&self, path: &Path) -> String {
        relative_to(&self.root, path)
    }

    /// Resolves the rule selection against the loaded rules: every rule id
    /// and glob must name at least one rule, every severity must be valid.
    /// Fails with these errors and any other mistake in the file's values,
    /// all at once.
    pub fn selector(&self, rules: &RuleSet) -> Result<Selector, RuleErrors> {
        let Some(source) = &self.source else {
            return Ok(Selector {
                base: Selection::all(rules),
                overrides: Vec::new(),
            });
        };
        let mut errors = self.problems.clone();
        let mut resolve = |disable: &Option<Vec<Spanned<String>>>,
                           enable: &Option<Vec<Spanned<String>>>,
                           severity: &Option<SeverityMap>| {
            let mut changes = Vec::new();
            for (list, on) in [(disable, false), (enable, true)] {
                for pattern in list.iter().flatten() {
                    if let Some(matcher) = rule_matcher(source, pattern, rules, &mut errors) {
                        changes.push(Change::Enable(matcher, on));
                    }
                }
            }
            for (pattern, level) in severity.iter().flat_map(|m| m.0.iter()) {
                let Ok(level_value) = level.value.parse::<Severity>() else {
                    errors.push(yaml::error_at(
                        source,
                        &level.at,
                        format!(
                            "未知的严重程度 `{}`；应为 error、warning 或 info",
                            level.value
                        ),
                    ));
                    continue;
                };
                if let Some(matcher) = rule_matcher(source, pattern, rules, &mut errors) {
                    changes.push(Change::Severity(matcher, level_value));
                }
            }
            changes
        };
        let mut base = Selection::all(rules);
        let top = resolve(&self.raw.disable, &self.raw.enable, &self.raw.severity);
        apply(&mut base, rules, &top);
        let overrides: Vec<(GlobSet, Vec<Change>)> = self
            .raw
            .overrides
            .iter()
            .flatten()
            .zip(&self.overrides)
            .map(|(o, files)| (files.clone(), resolve(&o.disable, &o.enable, &o.severity)))
            .collect();
        errors.sort_by_key(|e| e.location.as_ref().map(|l| (l.line, l.column)));
        if errors.is_empty() {
            Ok(Selector {
                base,
                overrides: overrides
                    .into_iter()
                    .map(|(files, changes)| Override { files, changes })
                    .collect(),
            })
        } else {
            Err(RuleErrors(errors))
        }
    }

    /// Whether a walked file is checked: its extension is listed, it matches
    /// `include` (if given) and not `exclude`.
    pub fn wants(&self, path: &Path) -> bool {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if !extension.is_some_and(|e| self.extensions.contains(&e)) {
            return false;
        }
        let relative = self.relative(path);
        self.include.as_ref().is_none_or(|g| g.is_match(&relative))
            && !self.exclude.as_ref().is_some_and(|g| g.is_match(&relative))
    }
}

/// A path relative to `root` (where it lies under it), with `/` separators,
/// for matching file globs.
pub fn relative_to(root: &Path, path: &Path) -> String {
    let path = absolute(path);
    let relative = path.strip_prefix(root).unwrap_or(&path);
    relative.to_string_lossy().replace('\\', "/")
}

/// Makes a path absolute and removes `.` and `..` components lexically.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Compiles file globs. A glob without `/` matches at any depth; `*` does
/// not cross `/`, `**` does.
fn file_globs(
    source: &YamlSource,
    globs: &[Spanned<String>],
    errors: &mut Vec<RuleError>,
) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        let pattern = if glob.value.contains('/') {
            glob.value.trim_start_matches("./").to_owned()
        } else {
            format!("**/{}", glob.value)
        };
        match GlobBuilder::new(&pattern).literal_separator(true).build() {
            Ok(compiled) => {
                builder.add(compiled);
            }
            Err(e) => errors.push(yaml::error_at(
                source,
                &glob.at,
                format!("文件 glob `{}` 无效：{}", glob.value, e.kind()),
            )),
        }
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}

/// A matcher for a rule id or id glob that names at least one rule.
fn rule_matcher(
    source: &YamlSource,
    pattern: &Spanned<String>,
    rules: &RuleSet,
    errors: &mut Vec<RuleError>,
) -> Option<GlobMatcher> {
    let matcher = match Glob::new(&pattern.value) {
        Ok(glob) => glob.compile_matcher(),
        Err(e) => {
            errors.push(yaml::error_at(
                source,
                &pattern.at,
                format!("规则 glob `{}` 无效：{}", pattern.value, e.kind()),
            ));
            return None;
        }
    };
    if !rules.rules().iter().any(|r| matcher.is_match(&r.id)) {
        let what = if pattern.value.contains(['*', '?', '[']) {
            format!("没有与 `{}` 匹配的规则", pattern.value)
        } else {
            let close = rules.similar_ids(&pattern.value);
            if close.is_empty() {
                format!("没有 id 为 `{}` 的规则", pattern.value)
            } else {
                format!(
                    "没有 id 为 `{}` 的规则；是不是 `{}`？",
                    pattern.value,
                    close.join("`、`")
                )
            }
        };
        errors.push(yaml::error_at(source, &pattern.at, what));
        return None;
    }
    Some(matcher)
}

#[derive(Debug, Clone)]
enum Change {
    Enable(GlobMatcher, bool),
    Severity(GlobMatcher, Severity),
}

fn apply(selection: &mut Selection, rules: &RuleSet, changes: &[Change]) {
    for change in changes {
        for (index, rule) in rules.rules().iter().enumerate() {
            match change {
                Change::Enable(matcher, on) if matcher.is_match(&rule.id) => {
                    selection.set_enabled(index, *on);
                }
                Change::Severity(matcher, level) if matcher.is_match(&rule.id) => {
                    selection.set_severity(index, *level);
                }
                _ => {}
            }
        }
    }
}

#[derive(Debug)]
struct Override {
    files: GlobSet,
    changes: Vec<Change>,
}

/// Which rules run on a file, and at what severity.
#[derive(Debug)]
pub struct Selector {
    base: Selection,
    overrides: Vec<Override>,
}

impl Selector {
    /// The selection for files no `overrides` block matches.
    pub fn base(&self) -> &Selection {
        &self.base
    }

    /// All rules at their own severity.
    pub fn all(rules: &RuleSet) -> Selector {
        Selector {
            base: Selection::all(rules),
            overrides: Vec::new(),
        }
    }

    /// The selection for a file, given its path relative to the config's
    /// folder (see [`Config::relative`]).
    pub fn for_file(&self, rules: &RuleSet, relative: &str) -> Cow<'_, Selection> {
        let matching: Vec<&Override> = self
            .overrides
            .iter()
            .filter(|o| o.files.is_match(relative))
            .collect();
        if matching.is_empty() {
            return Cow::Borrowed(&self.base);
        }
        let mut selection = self.base.clone();
        for o in matching {
            apply(&mut selection, rules, &o.changes);
        }
        Cow::Owned(selection)
    }
}

/// The JSON Schema of `.fzlint.yaml`.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(RawConfig)
}

/// A starter configuration with every key explained.
pub const STARTER: &str = r#"# 这是 fzlint 的配置文件。fzlint 从当前目录向上查找 .fzlint.yaml；
# 文件中的路径和 glob 都相对于本文件所在目录。
# 编辑器补全：用 `fzlint schema config > fzlint-config.schema.json` 生成 JSON Schema，
# 并在文件第一行写 # yaml-language-server: $schema=fzlint-config.schema.json

# 额外的规则包（目录或单个规则文件），与内置规则包一起加载：
# rules:
#   - rules/province

# 不加载内置规则包：
# no_default_rules: true

# 停用规则（规则 id 或 glob），enable 可重新启用其中的一部分：
# disable:
#   - part-order
#   - topic-*
# enable:
#   - topic-law-study

# 改变严重程度（error、warning、info）：
# severity:
#   other-matters-section: warning

# 从哪一级起检查失败（退出状态 1）：error（默认）、warning、info、never
# fail_level: error

# 遍历目录时检查哪些文件（glob 不含 / 时匹配任意层级）：
# extensions: [md, markdown, txt, docx, html, htm]
# include:
#   - reports/**
# exclude:
#   - drafts/**

# 基线：只报告基线中没有的问题（用 `fzlint baseline` 生成）：
# baseline: .fzlint-baseline.json

# 对部分文件另行设置：
# overrides:
#   - files: ["counties/**"]
#     disable: [topic-emergency-response]
#     severity:
#       title-form: info
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::packs::default_pack;
    use fzlint_core::engine::RuleSet;

    fn config(text: &str) -> Result<Config, RuleErrors> {
        let dir = tempfile_dir();
        let path = dir.join(".fzlint.yaml");
        std::fs::write(&path, text).unwrap();
        Config::load(&path)
    }

    fn tempfile_dir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "fzlint-config-test-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn fail_levels() {
        assert!(FailLevel::Warning.fails(Severity::Warning));
        assert!(!FailLevel::Warning.fails(Severity::Info));
        assert!(!FailLevel::Error.fails(Severity::Warning));
        assert!(FailLevel::Info.fails(Severity::Info));
        assert!(!FailLevel::Never.fails(Severity::Error));
    }

    #[test]
    fn unknown_keys_and_values_point_at_the_value() {
        // A wrong shape (an unknown key) stops loading; wrong values are all
        // reported together with the rule selection.
        let RuleErrors(errors) =
            config("disable: [part-order]\nfail_levle: warning\n").unwrap_err();
        let at = errors[0].location.as_ref().unwrap();
        assert_eq!((at.line, at.column), (2, 1));
        assert!(
            errors[0].message.contains("fail_levle"),
            "{}",
            errors[0].message
        );
        let rules = RuleSet::load(&default_pack()).unwrap();
        let RuleErrors(errors) = config("fail_level: fatal\ninclude: ['a/[b']\ndisable: [nope]\n")
            .unwrap()
            .selector(&rules)
            .unwrap_err();
        assert_eq!(errors.len(), 3);
        assert_eq!(errors[0].location.as_ref().unwrap().line, 1);
        assert_eq!(errors[1].location.as_ref().unwrap().line, 2);
    }

    #[test]
    fn selection_with_globs_enable_and_overrides() {
        let rules = RuleSet::load(&default_pack()).unwrap();
        let config = config(
            "disable: ['topic-*', part-order]\nenable: [topic-law-study]\nseverity:\n  title-form: error\noverrides:\n  - files: ['county/**']\n    disable: [title-form]\n    severity: {other-matters-section: warning}\n",
        )
        .unwrap();
        let selector = config.selector(&rules).unwrap();
        let index = |id: &str| rules.rules().iter().position(|r| r.id == id).unwrap();
        let base = selector.for_file(&rules, "city/a.md");
        assert!(!base.enabled(index("topic-legal-advisers")));
        assert!(base.enabled(index("topic-law-study")));
        assert!(!base.enabled(index("part-order")));
        assert_eq!(base.severity(index("title-form")), Some(Severity::Error));
        let county = selector.for_file(&rules, "county/x/b.txt");
        assert!(!county.enabled(index("title-form")));
        assert_eq!(
            county.severity(index("other-matters-section")),
            Some(Severity::Warning)
        );
    }

    #[test]
    fn similar_ids_are_suggested_only_when_close() {
        let rules = RuleSet::load(&default_pack()).unwrap();
        assert_eq!(rules.similar_ids("part-ordr"), vec!["part-order"]);
        assert_eq!(rules.similar_ids("title-form"), vec!["title-form"]);
        let year = rules.similar_ids("year");
        assert!(!year.is_empty() && year.len() <= 3, "{year:?}");
        assert!(year.iter().all(|id| id.contains("year")), "{year:?}");
        assert!(rules.similar_ids("no-such-thing").is_empty());
    }

    #[test]
    fn unknown_rule_ids_and_globs_are_errors() {
        let rules = RuleSet::load(&default_pack()).unwrap();
        let config =
            config("disable: [part-ordr, 'nothing-*']\nseverity:\n  title-form: loud\n").unwrap();
        let RuleErrors(errors) = config.selector(&rules).unwrap_err();
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "没有 id 为 `part-ordr` 的规则；是不是 `part-order`？",
                "没有与 `nothing-*` 匹配的规则",
                "未知的严重程度 `loud`；应为 error、warning 或 info"
            ]
        );
    }

    #[test]
    fn walked_files_by_extension_include_and_exclude() {
        let config =
            config("include: ['reports/**']\nexclude: ['*.draft.md']\nextensions: [md]\n").unwrap();
        let root = config.root.clone();
        assert!(config.wants(&root.join("reports/a.md")));
        assert!(!config.wants(&root.join("reports/a.txt")));
        assert!(!config.wants(&root.join("other/a.md")));
        assert!(!config.wants(&root.join("reports/deep/a.draft.md")));
    }

    #[test]
    fn the_starter_config_sets_nothing() {
        let rules = RuleSet::load(&default_pack()).unwrap();
        let config = config(STARTER).unwrap();
        assert!(config.rule_packs.is_empty() && config.fail_level.is_none());
        let selector = config.selector(&rules).unwrap();
        let all = selector.for_file(&rules, "a.md");
        assert!((0..rules.rules().len()).all(|i| all.enabled(i) && all.severity(i).is_none()));
        // Every commented-out setting is itself valid once uncommented.
        let uncommented: String = STARTER
            .lines()
            .filter_map(|l| l.strip_prefix("# "))
            .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase() || c == ' ' || c == '-'))
            .map(|l| format!("{l}\n"))
            .collect();
        let config = super::tests::config(&uncommented.replace("rules/province", ".")).unwrap();
        assert_eq!(config.fail_level, Some(FailLevel::Error));
    }
}
