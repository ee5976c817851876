//! A `.fzlint.yaml` read into settings, and the rule selection it makes
//! once resolved against the loaded rules.

use std::borrow::Cow;
use std::sync::Arc;

use fzlint_core::document::UNREADABLE_REPORTS;
use fzlint_core::engine::{RuleSet, Select, Selection};
use fzlint_core::error::{InputError, RuleError, RuleErrors};
use fzlint_core::finding::Severity;
use fzlint_core::text::decode;
use fzlint_core::yaml::{self, Location, Spanned, YamlSource};
use globset::GlobSet;

use crate::globs::{file_globs, rule_matcher};
use crate::raw::{RawConfig, SeverityMap};
use crate::{DEFAULT_EXTENSIONS, FailLevel};

/// A config file's settings. Paths stay as written (relative to the file's
/// folder); the front end resolves them. Rule selection still has to be
/// resolved against the rules ([`Settings::selector`]).
#[derive(Debug)]
pub struct Settings {
    /// Extra rule packs (`rules:`), as written.
    pub packs: Vec<Spanned<String>>,
    /// Whether to leave the embedded pack out.
    pub no_default_rules: bool,
    /// The configured fail level.
    pub fail_level: Option<FailLevel>,
    /// Extensions of walked files (lower case, no dot).
    pub extensions: Vec<String>,
    /// The baseline file (`baseline:`), as written.
    pub baseline: Option<Spanned<String>>,
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
    source: Option<YamlSource>,
    raw: RawConfig,
    overrides: Vec<GlobSet>,
    /// Mistakes in values found while reading, reported together with the
    /// rule-selection errors by [`Settings::selector`].
    problems: Vec<RuleError>,
}

impl Settings {
    /// The settings when there is no config file: every rule at its own
    /// severity, the default extensions, nothing else.
    pub fn none() -> Settings {
        Settings {
            packs: Vec::new(),
            no_default_rules: false,
            fail_level: None,
            extensions: DEFAULT_EXTENSIONS.iter().map(|e| (*e).to_owned()).collect(),
            baseline: None,
            include: None,
            exclude: None,
            source: None,
            raw: RawConfig::default(),
            overrides: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// Reads a config file's bytes as people save them: UTF-8 with or
    /// without a byte-order mark, GBK/GB18030 (Notepad and WPS on Chinese
    /// Windows), UTF-16 with a byte-order mark — the reports' decoding.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Settings, RuleErrors> {
        let (text, _) = decode::decode(name, bytes, None).map_err(|error| {
            let location = match &error {
                InputError::Undecodable {
                    position: Some((line, column)),
                    ..
                } => Some((*line, *column)),
                _ => None,
            };
            RuleErrors(vec![RuleError {
                file: name.to_owned(),
                location: None,
                message: match location {
                    Some((line, column)) => format!(
                        "第 {line} 行第 {column} 列起的字节不是 UTF-8，也不是 GBK/GB18030 文本；请把配置文件另存为 UTF-8"
                    ),
                    None => "配置文件不是文本（无法按 UTF-8、GBK/GB18030 或 UTF-16 解码）；请另存为 UTF-8".to_owned(),
                },
                note: None,
            }])
        })?;
        Settings::parse(YamlSource {
            name: name.to_owned(),
            text: Arc::from(text),
        })
    }

    /// Reads a config file's text (`source.name` names it in errors). A
    /// wrong shape (an unknown key, a list where a string belongs) fails
    /// here; wrong values (an unknown fail level, a glob that does not
    /// compile) are kept and reported with the rule selection.
    pub fn parse(source: YamlSource) -> Result<Settings, RuleErrors> {
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
        let mut errors = Vec::new();
        let mut settings = Settings::none();
        settings.packs = raw.rules.clone().unwrap_or_default();
        settings.no_default_rules = raw.no_default_rules.unwrap_or(false);
        settings.fail_level = raw.fail_level.as_ref().and_then(|level| {
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
            settings.extensions = extensions
                .iter()
                .map(|e| e.value.trim_start_matches('.').to_ascii_lowercase())
                .collect();
        }
        settings.include = raw
            .include
            .as_ref()
            .map(|globs| file_globs(&source, globs, &mut errors));
        settings.exclude = raw
            .exclude
            .as_ref()
            .map(|globs| file_globs(&source, globs, &mut errors));
        settings.baseline = raw.baseline.clone();
        settings.overrides = raw
            .overrides
            .iter()
            .flatten()
            .map(|o| file_globs(&source, &o.files.value, &mut errors))
            .collect();
        settings.source = Some(source);
        settings.raw = raw;
        settings.problems = errors;
        Ok(settings)
    }

    /// The config file's name, if there is one.
    pub fn name(&self) -> Option<&str> {
        self.source.as_ref().map(|s| s.name.as_str())
    }

    /// An error (or note) about a value of the file, at its place: for a
    /// front end that cannot honour a setting (the page has no baseline).
    pub fn error_at(&self, at: &Location, message: impl Into<String>) -> RuleError {
        match &self.source {
            Some(source) => yaml::error_at(source, at, message),
            None => RuleError {
                file: String::new(),
                location: None,
                message: message.into(),
                note: None,
            },
        }
    }

    /// Resolves the rule selection against the loaded rules: every rule id
    /// and glob must name at least one rule, every severity must be valid.
    /// Fails with these errors and any other mistake in the file's values,
    /// all at once, in the file's order.
    pub fn selector(&self, rules: &RuleSet) -> Result<Selector, RuleErrors> {
        let Some(source) = &self.source else {
            return Ok(Selector::all(rules));
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
        let overrides: Vec<Override> = self
            .raw
            .overrides
            .iter()
            .flatten()
            .zip(&self.overrides)
            .map(|(o, files)| Override {
                files: files.clone(),
                changes: resolve(&o.disable, &o.enable, &o.severity),
            })
            .collect();
        errors.sort_by_key(|e| e.location.as_ref().map(|l| (l.line, l.column)));
        if errors.is_empty() {
            Ok(Selector { base, overrides })
        } else {
            Err(RuleErrors(errors))
        }
    }

    /// Whether a file met in a folder walk is checked, by its path relative
    /// to the config's folder (`/` separators): its extension is listed, it
    /// matches `include` (if given) and not `exclude`.
    pub fn wants(&self, relative: &str) -> bool {
        extension(relative).is_some_and(|e| self.extensions.contains(&e)) && self.selects(relative)
    }

    /// Whether a folder walk takes a file: one it checks ([`Settings::wants`])
    /// or one that may be a report fzlint cannot read (`.doc`, `.pdf`…:
    /// [`UNREADABLE_REPORTS`]), which is then named with what to do rather
    /// than passed over; `include` and `exclude` decide for both.
    ///
    /// A repository's own files ([`NOT_REPORTS`]: README, CHANGELOG,
    /// LICENSE, CONTRIBUTING, `docs/`) and the copies fzlint writes
    /// (`*.fzlint.docx`, `fzlint-*.md`) are not taken unless `include`
    /// names them.
    pub fn takes(&self, relative: &str) -> bool {
        if not_a_report(relative) && !self.include.as_ref().is_some_and(|g| g.is_match(relative)) {
            return false;
        }
        self.wants(relative)
            || (extension(relative).is_some_and(|e| UNREADABLE_REPORTS.contains(&e.as_str()))
                && self.selects(relative))
    }

    /// Whether the config's `include` names the path: such a file is checked
    /// even when it does not read as a report.
    pub fn names(&self, relative: &str) -> bool {
        self.include.as_ref().is_some_and(|g| g.is_match(relative))
    }

    /// Whether `include` (if given) and not `exclude` match the path.
    fn selects(&self, relative: &str) -> bool {
        self.include.as_ref().is_none_or(|g| g.is_match(relative))
            && !self.exclude.as_ref().is_some_and(|g| g.is_match(relative))
    }
}

#[derive(Debug, Clone)]
enum Change {
    Enable(GlobSet, bool),
    Severity(GlobSet, Severity),
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
    /// folder (`/` separators).
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

/// For a front end whose reports are named by their path relative to the
/// config's folder (the page: paths in the folder chosen).
impl Select for Selector {
    fn select<'a>(&'a self, rules: &RuleSet, name: &str) -> Cow<'a, Selection> {
        self.for_file(rules, &name.replace('\\', "/"))
    }
}

/// A path's extension, lower case (none for `.md` alone).
fn extension(relative: &str) -> Option<String> {
    let name = relative.rsplit('/').next().unwrap_or(relative);
    name.rsplit_once('.')
        .filter(|(stem, _)| !stem.is_empty())
        .map(|(_, e)| e.to_ascii_lowercase())
}

/// Files a folder walk passes over unless the config's `include` names
/// them: a repository's own documents, at any depth (README, CHANGELOG,
/// LICENSE, CONTRIBUTING), the `docs/` folder at the top, and what fzlint
/// itself writes beside reports (`annotate`'s `*.fzlint.docx`, the
/// `fzlint-*.md` summaries docs/ci.md suggests).
pub const NOT_REPORTS: [&str; 8] = [
    "**/README*",
    "**/CHANGELOG*",
    "**/LICENSE*",
    "**/LICENCE*",
    "**/CONTRIBUTING*",
    "docs/**",
    "**/*.fzlint.docx",
    "**/fzlint-*.md",
];

fn not_a_report(relative: &str) -> bool {
    static SET: std::sync::LazyLock<Option<GlobSet>> = std::sync::LazyLock::new(|| {
        let mut builder = globset::GlobSetBuilder::new();
        for glob in NOT_REPORTS {
            builder.add(
                globset::GlobBuilder::new(glob)
                    .literal_separator(true)
                    .case_insensitive(true)
                    .build()
                    .ok()?,
            );
        }
        builder.build().ok()
    });
    SET.as_ref().is_some_and(|set| set.is_match(relative))
}
