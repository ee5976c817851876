//! Rule packs as text → compiled rules: parsing each rule file's YAML (or
//! the JSON copy a pack embeds), validating every rule, and compiling the
//! patterns. All errors of all files are collected, each with the file, line
//! and column of the offending value. Where the files come from (a folder,
//! the default pack compiled into a program, a browser) is the front end's
//! business.

mod raw;

use std::collections::HashMap;
use std::sync::Arc;

use serde_saphyr::{Location, Spanned};

use crate::checks::Check;
use crate::checks::builtin::{self, Builtin, Day};
use crate::document::Format;
use crate::document::metadata::IssuerKind;
use crate::error::{RuleError, RuleErrors};
use crate::finding::Severity;
use crate::matcher::{LazyRegex, Matcher, MatcherBuilder, PatternRef, PatternSet, RegexError};
use crate::par::*;
use crate::rules::template::{Placeholder, Template};
use crate::rules::{Examples, Item, Kind, Partial, Replacement, Rule, Scope, When};
use crate::text::loose;
use crate::yaml::{self, YamlSource, locate};
pub use raw::SeverityName;
use raw::{
    RawAudit, RawExamples, RawFile, RawItem, RawParams, RawPattern, RawRule, RawScope, RawWhen,
};

/// The folder of a pack that holds its annotated test reports; its files
/// are never read as rules.
pub const TESTS_DIR: &str = "tests";

/// One rule file: its name (a path, as messages show it), its YAML text,
/// and, for a pack compiled into the program, the same rules as JSON made
/// when it was built (about ten times faster to parse; positions in
/// messages still come from the YAML).
#[derive(Debug, Clone)]
pub struct RuleSource {
    /// The id of the pack it belongs to (`fazhi` for the default pack, a
    /// province's own pack its folder's name). A rule of a later pack with
    /// the id of an earlier pack's rule replaces it; within one pack an id
    /// is defined once.
    pub pack: String,
    /// The name it is reported under.
    pub name: String,
    /// Its YAML text.
    pub text: Arc<str>,
    /// The same file as JSON, if the pack carries it.
    pub json: Option<&'static str>,
}

impl RuleSource {
    /// A rule file read as YAML.
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> RuleSource {
        RuleSource {
            pack: String::new(),
            name: name.into(),
            text: text.into(),
            json: None,
        }
    }

    /// A rule file compiled into the program, with its JSON copy.
    pub fn embedded(
        name: impl Into<String>,
        text: &'static str,
        json: Option<&'static str>,
    ) -> RuleSource {
        RuleSource {
            json,
            ..RuleSource::new(name, text)
        }
    }

    /// The same file as part of the pack `id`.
    pub fn in_pack(self, id: impl Into<String>) -> RuleSource {
        RuleSource {
            pack: id.into(),
            ..self
        }
    }

    fn yaml(&self) -> YamlSource {
        YamlSource {
            name: self.name.clone(),
            text: Arc::clone(&self.text),
        }
    }
}

/// The JSON Schema of a rule file.
pub fn schema() -> schemars::Schema {
    raw::schema()
}

/// The built-in checks a rule file may name (`kind: builtin`, `check:`),
/// with what each checks.
pub fn builtin_checks() -> impl Iterator<Item = (&'static str, &'static str)> {
    builtin::Name::ALL
        .into_iter()
        .map(|name| (name.spec().name, name.spec().summary))
}

/// The default pack, for the core's own tests (a front end hands the engine
/// the pack's files; see the `fzlint-fazhi` crate).
#[cfg(test)]
pub(crate) fn fazhi() -> Vec<RuleSource> {
    fzlint_fazhi::rule_files()
        .into_iter()
        .map(|file| RuleSource::embedded(file.name, file.text, file.json))
        .collect()
}

/// A pack's rules, compiled: what [`crate::engine::RuleSet`] is made of.
#[derive(Debug)]
pub(crate) struct Compiled {
    /// The rules, in load order.
    pub rules: Vec<Rule>,
    /// What each rule checks; `checks[i]` is `rules[i]`'s.
    pub checks: Vec<Check>,
    /// Every pattern of every rule, for one scan per document.
    pub matcher: Matcher,
}

/// Parses, validates and compiles rule files. Fails with every error found,
/// in file order.
pub(crate) fn load(sources: &[RuleSource]) -> Result<Compiled, RuleErrors> {
    load_with(sources, true)
}

/// [`load`], reading a pack's JSON copies when `json` (always, but for the
/// test that compares both).
fn load_with(sources: &[RuleSource], json: bool) -> Result<Compiled, RuleErrors> {
    // Parsing is most of loading a pack: the files are parsed on all cores,
    // then validated in order.
    let parsed: Vec<_> = sources
        .par_iter()
        .map(|source| {
            let embedded = source.json.is_some();
            let from_json = source
                .json
                .filter(|_| json)
                .and_then(|json| serde_json::from_str::<RawFile>(json).ok());
            (embedded, from_json.map_or_else(|| parse(source), Ok))
        })
        .collect();
    let mut loader = Loader::default();
    for (source, (embedded, file)) in sources.iter().zip(parsed) {
        // The embedded pack's regexes are compiled when a report first
        // needs them (a unit test compiles them all); a user's are compiled
        // now, so a regex over the size limit is a load error.
        loader.matcher.eager = !embedded;
        loader.file(source, file);
    }
    loader.finish()
}

/// Parses a rule file's YAML.
fn parse(source: &RuleSource) -> Result<RawFile, RuleError> {
    yaml::parse(&source.yaml(), "规则文件", "含 `rules:` 列表的 YAML 映射")
}

/// `file:line:column` of the id's first definition. Values read from the
/// embedded pack's JSON copy have no position: then the file's YAML is
/// parsed again (only for this error) to find it.
fn first_definition(id: &str, (source, at): &(RuleSource, Location)) -> String {
    let located = locate(&source.yaml(), at).or_else(|| {
        let file = parse(source).ok()?;
        let rule = file
            .rules
            .iter()
            .find_map(|rule| rule.value.id.as_ref().filter(|i| i.value == id))?;
        locate(&source.yaml(), &rule.referenced)
    });
    located.map_or_else(
        || source.name.clone(),
        |l| format!("{}:{}:{}", source.name, l.line, l.column),
    )
}

#[derive(Default)]
struct Loader {
    matcher: MatcherBuilder,
    rules: Vec<Rule>,
    checks: Vec<Check>,
    errors: Vec<RuleError>,
    /// Where each id was first defined (see [`Loader::first_definition`]).
    ids: HashMap<String, (RuleSource, Location)>,
    /// Which rule took each audit column label.
    columns: HashMap<String, String>,
}

/// The fields a kind may have besides the common ones, and those it needs.
struct KindFields {
    needs: &'static [&'static str],
    allows: &'static [&'static str],
    placeholders: &'static [Placeholder],
}

fn kind_fields(kind: Kind) -> KindFields {
    match kind {
        Kind::Require => KindFields {
            needs: &["patterns"],
            allows: &[],
            placeholders: &[],
        },
        Kind::RequireAll => KindFields {
            needs: &["items"],
            allows: &["satisfied_by", "partial_severity", "partial_message"],
            placeholders: &[Placeholder::Missing],
        },
        Kind::Section => KindFields {
            needs: &["patterns"],
            allows: &[
                "max_level",
                "opened_by",
                "mentioned_by",
                "partial_severity",
                "partial_message",
            ],
            placeholders: &[],
        },
        Kind::Forbid => KindFields {
            needs: &["patterns"],
            allows: &["exceptions"],
            placeholders: &[Placeholder::Match],
        },
        Kind::Substitute => KindFields {
            needs: &["replacements"],
            allows: &["exceptions"],
            placeholders: &[Placeholder::Match, Placeholder::Right],
        },
        Kind::Builtin => KindFields {
            needs: &["check"],
            allows: &["params"],
            placeholders: &[],
        },
    }
}

/// The kind-specific fields of a rule, with where each is written.
fn present_fields(raw: &RawRule) -> [(&'static str, Option<Location>); 12] {
    [
        ("patterns", raw.patterns.as_ref().map(|s| s.referenced)),
        ("items", raw.items.as_ref().map(|s| s.referenced)),
        (
            "satisfied_by",
            raw.satisfied_by.as_ref().map(|s| s.referenced),
        ),
        (
            "partial_severity",
            raw.partial_severity.as_ref().map(|s| s.referenced),
        ),
        (
            "partial_message",
            raw.partial_message.as_ref().map(|s| s.referenced),
        ),
        ("max_level", raw.max_level.as_ref().map(|s| s.referenced)),
        (
            "mentioned_by",
            raw.mentioned_by.as_ref().map(|s| s.referenced),
        ),
        ("opened_by", raw.opened_by.as_ref().map(|s| s.referenced)),
        (
            "replacements",
            raw.replacements.as_ref().map(|s| s.referenced),
        ),
        ("exceptions", raw.exceptions.as_ref().map(|s| s.referenced)),
        ("check", raw.check.as_ref().map(|s| s.referenced)),
        ("params", raw.params.as_ref().map(|s| s.referenced)),
    ]
}

impl Loader {
    fn file(&mut self, source: &RuleSource, file: Result<RawFile, RuleError>) {
        match file {
            Ok(file) => {
                for rule in file.rules {
                    self.rule(source, rule);
                }
            }
            Err(error) => self.errors.push(error),
        }
    }

    fn error(&mut self, source: &RuleSource, at: &Location, message: impl Into<String>) {
        self.errors
            .push(yaml::error_at(&source.yaml(), at, message));
    }

    fn rule(&mut self, source: &RuleSource, raw: Spanned<RawRule>) {
        let errors_before = self.errors.len();
        let mut overrides: Option<String> = None;
        let at = raw.referenced;
        let raw = raw.value;
        let mut missing = Vec::new();
        for (field, value) in [
            ("id", &raw.id),
            ("title", &raw.title),
            ("kind", &raw.kind),
            ("message", &raw.message),
        ] {
            if value.is_none() {
                missing.push(format!("`{field}`"));
            }
        }
        if !missing.is_empty() {
            let named = raw
                .id
                .as_ref()
                .map_or_else(String::new, |id| format!(" `{}` ", id.value));
            self.error(
                source,
                &at,
                format!("规则{named}缺少必需的字段 {}", missing.join("、")),
            );
        }
        let (Some(id), Some(title), Some(kind), Some(message)) =
            (&raw.id, &raw.title, &raw.kind, &raw.message)
        else {
            return;
        };
        let id_at = id.referenced;
        let id = id.value.clone();
        if id == crate::rules::UNUSED_SUPPRESSION {
            self.error(
                source,
                &id_at,
                format!("规则 id `{id}` 由 fzlint 保留（报告无用的抑制注释），请换一个 id"),
            );
        } else if !is_kebab_case(&id) {
            self.error(
                source,
                &id_at,
                format!("规则 id `{id}` 不是 kebab-case：只能用小写字母、数字和单个连字符，如 `shortcomings-section`"),
            );
        } else if let Some(first) = self.ids.get(&id)
            && first.0.pack == source.pack
        {
            let note = Some(format!(
                "`{id}` 首次定义于 {}",
                first_definition(&id, first)
            ));
            self.error(source, &id_at, format!("规则 id `{id}` 重复"));
            if let Some(last) = self.errors.last_mut() {
                last.note = note;
            }
        } else {
            // A rule of another pack with this id is replaced by this one
            // (a province's own wording of a default rule): its audit
            // column is free again.
            if let Some((first, _)) = self.ids.get(&id) {
                overrides = Some(first.pack.clone());
                self.columns.retain(|_, owner| *owner != id);
            }
            self.ids.insert(id.clone(), (source.clone(), id_at));
        }
        for (field, value) in [("title", title), ("message", message)] {
            if value.value.trim().is_empty() {
                self.error(source, &value.referenced, format!("`{field}` 不能为空"));
            }
        }

        let kind_at = kind.referenced;
        let Some(kind) = Kind::parse(&kind.value) else {
            let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
            self.error(
                source,
                &kind_at,
                format!(
                    "未知的 kind `{}`；可用的有 {}",
                    kind.value,
                    names.join("、")
                ),
            );
            return;
        };
        let severity = self
            .severity(source, raw.severity.as_ref())
            .unwrap_or(Severity::Error);
        let fields = kind_fields(kind);
        for (field, at) in present_fields(&raw) {
            let needed = fields.needs.contains(&field);
            match at {
                Some(at) if !needed && !fields.allows.contains(&field) => {
                    self.error(source, &at, format!("`{field}` 不适用于 kind: {kind}"))
                }
                None if needed => self.error(
                    source,
                    &kind_at,
                    format!("kind: {kind} 的规则需要 `{field}` 字段"),
                ),
                _ => {}
            }
        }
        let builtin_name = match &raw.check {
            Some(check) if kind == Kind::Builtin => match builtin::Name::parse(&check.value) {
                Some(name) => Some(name),
                None => {
                    let names: Vec<&str> = builtin_checks().map(|(name, _)| name).collect();
                    self.error(
                        source,
                        &check.referenced,
                        format!(
                            "未知的内置检查 `{}`；可用的有 {}",
                            check.value,
                            names.join("、")
                        ),
                    );
                    return;
                }
            },
            _ => None,
        };
        let builtin_spec = builtin_name.map(builtin::Name::spec);
        let placeholders = builtin_spec.map_or(fields.placeholders, |spec| spec.placeholders);
        let mut template = |raw: &Spanned<String>| match Template::parse(&raw.value, placeholders) {
            Ok(template) => Some(template),
            Err(reason) => {
                self.error(source, &raw.referenced, reason);
                None
            }
        };
        let message = template(message);
        let partial_message = raw.partial_message.as_ref().map(&mut template);
        let scope = self.scope(source, raw.scope.as_ref());
        if let (Some(spec), Some(scope)) = (builtin_spec, &scope)
            && spec.needs_sections
            && !matches!(scope, Scope::Sections { .. })
        {
            let at = raw.scope.as_ref().map_or(kind_at, |s| s.referenced);
            self.error(
                source,
                &at,
                format!(
                    "内置检查 `{}` 需要 `scope: {{sections: [...]}}` 指明它检查的部分",
                    spec.name
                ),
            );
        }
        let partial = Partial {
            severity: self.severity(source, raw.partial_severity.as_ref()),
            message: partial_message.flatten(),
        };
        let check = self.check(source, kind, &raw, builtin_name, partial);
        let when = self.when(source, raw.when.as_ref());
        let audit = self.audit(source, &id, kind, raw.audit.as_ref());
        let safe_fix = self.fix(source, kind, raw.fix.as_ref());
        let title = title.value.clone();
        let examples = raw
            .examples
            .map_or_else(Examples::default, |RawExamples { pass, fail }| Examples {
                pass,
                fail,
            });

        if self.errors.len() > errors_before {
            return;
        }
        let (Some(message), Some(scope), Some(check), Some(when)) = (message, scope, check, when)
        else {
            return;
        };
        let rule = Rule {
            pack: source.pack.clone(),
            overrides,
            id,
            title,
            message,
            severity,
            help: raw.help.map(|h| h.value),
            basis: raw.basis.map(|b| b.value),
            scope,
            examples,
            when,
            origin: source.name.clone(),
            audit,
            safe_fix,
            kind,
            builtin: match &check {
                Check::Builtin(builtin) => Some(builtin.name()),
                _ => None,
            },
        };
        let replaced = rule
            .overrides
            .as_ref()
            .and_then(|_| self.rules.iter().position(|r| r.id == rule.id));
        match replaced {
            Some(index) => {
                self.rules[index] = rule;
                self.checks[index] = check;
            }
            None => {
                self.rules.push(rule);
                self.checks.push(check);
            }
        }
    }

    /// Whether a rule's fix is safe to apply (`fix: safe`, substitute only).
    fn fix(&mut self, source: &RuleSource, kind: Kind, raw: Option<&Spanned<String>>) -> bool {
        let Some(raw) = raw else {
            return false;
        };
        if kind != Kind::Substitute {
            self.error(
                source,
                &raw.referenced,
                format!(
                    "`fix` 只适用于 substitute 规则（只有它们给出替换写法），不适用于 kind: {kind}"
                ),
            );
            return false;
        }
        match raw.value.as_str() {
            "safe" => true,
            "suggest" => false,
            other => {
                self.error(
                    source,
                    &raw.referenced,
                    format!("未知的 fix `{other}`；应为 safe（可自动改正）或 suggest（只提示）"),
                );
                false
            }
        }
    }

    /// The audit column label of a presence rule.
    fn audit(
        &mut self,
        source: &RuleSource,
        id: &str,
        kind: Kind,
        raw: Option<&Spanned<RawAudit>>,
    ) -> Option<String> {
        let raw = raw?;
        if !matches!(kind, Kind::Require | Kind::RequireAll | Kind::Section) {
            self.error(
                source,
                &raw.referenced,
                format!("`audit` 只适用于 require、require-all 和 section 规则（它们判断报告有没有某项内容），不适用于 kind: {kind}"),
            );
            return None;
        }
        let label = raw.value.column.value.trim();
        let at = raw.value.column.referenced;
        if label.is_empty() {
            self.error(source, &at, "`column` 不能为空");
            return None;
        }
        if label.chars().count() > 12 {
            self.error(
                source,
                &at,
                format!("列标题 `{label}` 太长：矩阵的列标题应简短（不超过 12 个字）"),
            );
            return None;
        }
        if let Some(other) = self.columns.get(label) {
            let message = format!("列标题 `{label}` 已被规则 `{other}` 使用");
            self.error(source, &at, message);
            return None;
        }
        self.columns.insert(label.to_owned(), id.to_owned());
        Some(label.to_owned())
    }

    fn severity(&mut self, source: &RuleSource, raw: Option<&Spanned<String>>) -> Option<Severity> {
        let raw = raw?;
        match raw.value.parse() {
            Ok(severity) => Some(severity),
            Err(()) => {
                self.error(
                    source,
                    &raw.referenced,
                    format!(
                        "未知的严重程度 `{}`；应为 error、warning 或 info",
                        raw.value
                    ),
                );
                None
            }
        }
    }

    fn scope(&mut self, source: &RuleSource, raw: Option<&Spanned<RawScope>>) -> Option<Scope> {
        let Some(raw) = raw else {
            return Some(Scope::Document);
        };
        match &raw.value {
            RawScope::Named(name) => match name.as_str() {
                "document" => Some(Scope::Document),
                "headings" => Some(Scope::Headings),
                "title" => Some(Scope::Title),
                other => {
                    self.error(
                        source,
                        &raw.referenced,
                        format!("未知的 scope `{other}`；应为 document、headings、title 或 {{sections: [模式…]}}"),
                    );
                    None
                }
            },
            RawScope::Sections {
                patterns,
                include_heading,
            } => self
                .pattern_set(source, patterns)
                .map(|patterns| Scope::Sections {
                    patterns,
                    include_heading: include_heading.unwrap_or(true),
                }),
        }
    }

    fn when(&mut self, source: &RuleSource, raw: Option<&Spanned<RawWhen>>) -> Option<When> {
        let Some(raw) = raw else {
            return Some(When::default());
        };
        let raw = &raw.value;
        let before = self.errors.len();
        let issuer_kind = raw.issuer_kind.as_ref().and_then(|kind| {
            let parsed = IssuerKind::parse(&kind.value);
            if parsed.is_none() {
                self.error(
                    source,
                    &kind.referenced,
                    format!(
                        "未知的 issuer_kind `{}`；应为 government 或 department",
                        kind.value
                    ),
                );
            }
            parsed
        });
        let format = raw
            .format
            .as_ref()
            .and_then(|format| match format.value.as_str() {
                "markdown" => Some(Format::Markdown),
                "text" => Some(Format::Text),
                "docx" => Some(Format::Docx),
                "html" => Some(Format::Html),
                other => {
                    self.error(
                        source,
                        &format.referenced,
                        format!("未知的 format `{other}`；应为 markdown、text、docx 或 html"),
                    );
                    None
                }
            });
        if let (Some(min), Some(max)) = (&raw.year_min, &raw.year_max)
            && min.value > max.value
        {
            self.error(
                source,
                &max.referenced,
                "`year_max` 小于 `year_min`，规则永远不会适用",
            );
        }
        let mentions = match &raw.mentions {
            Some(patterns) => Some(self.pattern_set(source, patterns)?),
            None => None,
        };
        (self.errors.len() == before).then(|| When {
            year_min: raw.year_min.as_ref().map(|y| y.value),
            year_max: raw.year_max.as_ref().map(|y| y.value),
            issuer_kind,
            format,
            mentions,
            has_title: raw.has_title.as_ref().map(|h| h.value),
        })
    }

    fn check(
        &mut self,
        source: &RuleSource,
        kind: Kind,
        raw: &RawRule,
        builtin_name: Option<builtin::Name>,
        partial: Partial,
    ) -> Option<Check> {
        let patterns = raw
            .patterns
            .as_ref()
            .and_then(|p| self.pattern_set(source, p));
        let exceptions = match &raw.exceptions {
            Some(p) => Some(self.pattern_set(source, p)?),
            None => None,
        };
        Some(match kind {
            Kind::Require => Check::Require {
                patterns: patterns?,
            },
            Kind::Forbid => Check::Forbid {
                patterns: patterns?,
                exceptions,
            },
            Kind::Section => {
                let max_level = match &raw.max_level {
                    Some(level) if level.value == 0 => {
                        self.error(
                            source,
                            &level.referenced,
                            "`max_level` 至少为 1（1 即“一、”这一级）",
                        );
                        return None;
                    }
                    other => other.as_ref().map(|l| l.value),
                };
                let mentioned_by = match &raw.mentioned_by {
                    Some(p) => Some(self.pattern_set(source, p)?),
                    None => None,
                };
                let opened_by = match &raw.opened_by {
                    Some(p) => Some(self.pattern_set(source, p)?),
                    None => None,
                };
                Check::Section {
                    patterns: patterns?,
                    max_level,
                    opened_by,
                    mentioned_by,
                    partial,
                }
            }
            Kind::RequireAll => {
                let items = self.items(source, raw.items.as_ref()?)?;
                let satisfied_by = match &raw.satisfied_by {
                    Some(p) => Some(self.pattern_set(source, p)?),
                    None => None,
                };
                Check::RequireAll {
                    items,
                    satisfied_by,
                    partial,
                }
            }
            Kind::Substitute => {
                let raw_replacements = raw.replacements.as_ref()?;
                if raw_replacements.value.is_empty() {
                    self.error(
                        source,
                        &raw_replacements.referenced,
                        "`replacements` 不能为空",
                    );
                    return None;
                }
                let mut replacements = Vec::new();
                for replacement in &raw_replacements.value {
                    if let RawPattern::Regex {
                        loose: Some(loose), ..
                    } = &replacement.wrong.value
                        && loose.value
                        && replacement.right.value.contains('$')
                    {
                        self.error(
                            source,
                            &replacement.right.referenced,
                            "`loose: true` 的正则不能在 `right` 中用 `$` 引用分组",
                        );
                        continue;
                    }
                    if let Some(wrong) = self.pattern(source, &replacement.wrong) {
                        replacements.push(Replacement {
                            wrong,
                            right: replacement.right.value.clone(),
                        });
                    }
                }
                Check::Substitute {
                    replacements,
                    exceptions,
                }
            }
            Kind::Builtin => Check::Builtin(self.builtin(source, builtin_name?, raw)?),
        })
    }

    fn items(&mut self, source: &RuleSource, raw: &Spanned<Vec<RawItem>>) -> Option<Vec<Item>> {
        if raw.value.is_empty() {
            self.error(source, &raw.referenced, "列表不能为空");
            return None;
        }
        let before = self.errors.len();
        let mut items = Vec::new();
        for item in &raw.value {
            if item.name.value.trim().is_empty() {
                self.error(source, &item.name.referenced, "`name` 不能为空");
            }
            if let Some(patterns) = self.pattern_set(source, &item.patterns) {
                items.push(Item {
                    name: item.name.value.clone(),
                    patterns,
                });
            }
        }
        (self.errors.len() == before).then_some(items)
    }

    /// Validates the parameters of a built-in check and configures it.
    fn builtin(
        &mut self,
        source: &RuleSource,
        name: builtin::Name,
        raw: &RawRule,
    ) -> Option<Builtin> {
        let spec = name.spec();
        let empty = RawParams::default();
        let (params, params_at) = match &raw.params {
            Some(p) => (&p.value, p.referenced),
            None => (&empty, raw.check.as_ref().map(|c| c.referenced)?),
        };
        let given: [(&str, Option<Location>); 6] = [
            ("parts", params.parts.as_ref().map(|p| p.referenced)),
            (
                "stock_phrases",
                params.stock_phrases.as_ref().map(|p| p.referenced),
            ),
            (
                "compare_with",
                params.compare_with.as_ref().map(|p| p.referenced),
            ),
            ("min_ratio", params.min_ratio.as_ref().map(|p| p.referenced)),
            ("days", params.days.as_ref().map(|p| p.referenced)),
            ("offset", params.offset.as_ref().map(|p| p.referenced)),
        ];
        let before = self.errors.len();
        for (name, at) in given {
            let needed = spec.needs.contains(&name);
            match at {
                Some(at) if !needed && !spec.allows.contains(&name) => {
                    self.error(
                        source,
                        &at,
                        format!("内置检查 `{}` 没有参数 `{name}`", spec.name),
                    );
                }
                None if needed => {
                    self.error(
                        source,
                        &params_at,
                        format!("内置检查 `{}` 需要参数 `{name}`", spec.name),
                    );
                }
                _ => {}
            }
        }
        if self.errors.len() > before {
            return None;
        }
        use builtin::Name;
        Some(match name {
            Name::PlanYear => Builtin::PlanYear {
                offset: params.offset.as_ref().map_or(1, |o| o.value),
            },
            Name::YearConsistency => Builtin::YearConsistency,
            Name::Arithmetic => Builtin::Arithmetic,
            Name::Ordinal => {
                let mut days = Vec::new();
                for day in &params.days.as_ref()?.value {
                    let source_regex = format!(
                        r#"(第\s*([一二三四五六七八九十]{{1,3}}|[0-9０-９]{{1,3}})\s*(?:个|届))\s*[“"「『]?(?:{})"#,
                        day.name.value
                    );
                    match LazyRegex::new(&source_regex, self.matcher.eager) {
                        Ok(regex) => days.push(Day {
                            regex,
                            first_year: day.first_year.value,
                        }),
                        Err(reason) => self.error(source, &day.name.referenced, reason),
                    }
                }
                (self.errors.len() == before).then_some(Builtin::Ordinal { days })?
            }
            Name::ShortcomingsDepth => {
                let min_ratio = match &params.min_ratio {
                    Some(r) if !(r.value > 0.0 && r.value <= 1.0) => {
                        self.error(source, &r.referenced, "`min_ratio` 应在 0 到 1 之间");
                        return None;
                    }
                    other => other.as_ref().map_or(0.25, |r| r.value),
                };
                Builtin::ShortcomingsDepth {
                    stock_phrases: self.pattern_set(source, params.stock_phrases.as_ref()?)?,
                    compare_with: self.pattern_set(source, params.compare_with.as_ref()?)?,
                    min_ratio,
                }
            }
            Name::PartOrder => Builtin::PartOrder {
                parts: self.items(source, params.parts.as_ref()?)?,
            },
        })
    }

    fn pattern_set(
        &mut self,
        source: &RuleSource,
        raw: &Spanned<Vec<Spanned<RawPattern>>>,
    ) -> Option<PatternSet> {
        if raw.value.is_empty() {
            self.error(source, &raw.referenced, "模式列表不能为空");
            return None;
        }
        let before = self.errors.len();
        let set: Vec<PatternRef> = raw
            .value
            .iter()
            .filter_map(|p| self.pattern(source, p))
            .collect();
        (self.errors.len() == before).then_some(PatternSet(set))
    }

    fn pattern(&mut self, source: &RuleSource, raw: &Spanned<RawPattern>) -> Option<PatternRef> {
        match &raw.value {
            RawPattern::Literal(text) => {
                let normalized = loose::normalize(text);
                if normalized.is_empty() {
                    self.error(
                        source,
                        &raw.referenced,
                        "字面模式去掉空白、引号和顿号后为空，什么也匹配不到",
                    );
                    return None;
                }
                Some(self.matcher.literal(normalized))
            }
            RawPattern::Regex {
                regex,
                group,
                loose,
            } => {
                let group_value = group.as_ref().map_or(0, |g| g.value);
                let loose = loose.as_ref().is_some_and(|l| l.value);
                match self.matcher.regex(&regex.value, group_value, loose) {
                    Ok(pattern) => Some(pattern),
                    Err(RegexError::Group(reason)) => {
                        let at = group.as_ref().map_or(regex.referenced, |g| g.referenced);
                        self.error(source, &at, reason);
                        None
                    }
                    Err(RegexError::Regex(reason)) => {
                        self.error(source, &regex.referenced, reason);
                        None
                    }
                }
            }
        }
    }

    fn finish(mut self) -> Result<Compiled, RuleErrors> {
        if !self.errors.is_empty() {
            return Err(RuleErrors(self.errors));
        }
        self.rules.push(unused_suppression_rule());
        self.checks.push(Check::Builtin(Builtin::UnusedSuppression));
        let matcher = self.matcher.finish().map_err(|message| {
            RuleErrors(vec![RuleError {
                file: "<rules>".to_owned(),
                location: None,
                message,
                note: None,
            }])
        })?;
        Ok(Compiled {
            rules: self.rules,
            checks: self.checks,
            matcher,
        })
    }
}

/// The engine's own rule for suppressions that suppress nothing; present in
/// every rule set so a config can disable it or change its severity.
fn unused_suppression_rule() -> Rule {
    Rule {
        pack: String::new(),
        overrides: None,
        id: crate::rules::UNUSED_SUPPRESSION.to_owned(),
        title: "不应留有无用的抑制注释".to_owned(),
        message: Template::literal("抑制注释没有抑制任何问题"),
        severity: Severity::Warning,
        help: Some("删除这条抑制注释，或改正其中的规则 id；抑制注释应只留给确实需要例外的地方，并写明原因（`-- 原因`）。".to_owned()),
        basis: Some("fzlint：抑制注释（`<!-- fzlint-disable … -->`）只应留在确实需要例外的地方".to_owned()),
        scope: Scope::Document,
        examples: Examples::default(),
        when: When::default(),
        origin: "<fzlint>".to_owned(),
        audit: None,
        safe_fix: false,
        kind: Kind::Builtin,
        builtin: Some(Builtin::UnusedSuppression.name()),
    }
}

fn is_kebab_case(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    const UNUSED_ID: &str = crate::rules::UNUSED_SUPPRESSION;

    fn load_str(text: &str) -> Result<crate::engine::RuleSet, RuleErrors> {
        crate::engine::RuleSet::load(&[RuleSource::new("test.yaml", text)])
    }

    /// The JSON copies build.rs makes of the embedded pack load into the
    /// same rules as the YAML: every file has one, and nothing differs.
    #[test]
    fn the_embedded_pack_loads_the_same_from_its_json_copy() {
        let sources = fazhi();
        assert!(sources.iter().all(|source| source.json.is_some()));
        let from_json = load_with(&sources, true).expect("loads from JSON");
        let from_yaml = load_with(&sources, false).expect("loads from YAML");
        assert_eq!(from_json.rules.len(), from_yaml.rules.len());
        for (a, b) in from_json.rules.iter().zip(&from_yaml.rules) {
            assert_eq!(format!("{a:?}"), format!("{b:?}"));
        }
        for (a, b) in from_json.checks.iter().zip(&from_yaml.checks) {
            assert_eq!(format!("{a:?}"), format!("{b:?}"));
        }
        assert_eq!(
            format!("{:?}", from_json.matcher),
            format!("{:?}", from_yaml.matcher)
        );
    }

    /// The embedded pack's commemorative-day regexes are compiled on first
    /// use; here they are compiled as a user's are at load.
    #[test]
    fn every_embedded_day_regex_compiles() {
        let rules = load(&fazhi()).expect("the embedded pack loads");
        let days: Vec<&Day> = rules
            .checks
            .iter()
            .filter_map(|check| match check {
                Check::Builtin(Builtin::Ordinal { days }) => Some(days),
                _ => None,
            })
            .flatten()
            .collect();
        assert!(days.len() >= 3, "{} days", days.len());
        for day in days {
            assert!(!day.regex.is_compiled(), "compiled lazily");
            let regex = day.regex.get().expect("compiles");
            assert!(!regex.is_match(""), "{day:?}");
        }
    }

    fn errors(text: &str) -> Vec<RuleError> {
        match load_str(text) {
            Ok(_) => panic!("expected errors"),
            Err(RuleErrors(errors)) => errors,
        }
    }

    fn one_error(text: &str) -> (usize, usize, String, String) {
        let errors = errors(text);
        assert_eq!(errors.len(), 1, "{errors:#?}");
        let e = &errors[0];
        let at = e.location.as_ref().expect("a position");
        let snippet = at.source_text[at.span.clone()].to_owned();
        (at.line, at.column, e.message.clone(), snippet)
    }

    const GOOD: &str = "rules:\n  - id: legality-review\n    title: 合法性审查\n    kind: require\n    message: 未提及合法性审查\n    patterns: [合法性审查, {regex: '合法性审[查核]'}]\n";

    #[test]
    fn a_valid_rule_loads() {
        let set = load_str(GOOD).unwrap();
        let rule = set.get("legality-review").unwrap();
        assert_eq!(rule.kind(), Kind::Require);
        assert_eq!(rule.severity, Severity::Error);
        assert_eq!(rule.origin, "test.yaml");
    }

    #[test]
    fn invalid_regex_points_at_the_regex() {
        let text = "rules:\n  - id: a\n    title: t\n    kind: forbid\n    message: m\n    patterns:\n      - 正常\n      - {regex: '法制(宣传'}\n";
        let (line, column, message, snippet) = one_error(text);
        assert_eq!((line, column), (8, 17));
        assert!(snippet.contains("法制(宣传"), "{snippet}");
        assert!(message.contains("正则表达式无效"), "{message}");
    }

    #[test]
    fn fix_and_audit_are_checked_at_their_values() {
        let with = |extra: &str| format!("{GOOD}{extra}");
        let (line, _, message, snippet) = one_error(&with("    fix: safe\n"));
        assert_eq!((line, snippet.as_str()), (7, "safe"));
        assert!(message.contains("`fix` 只适用于 substitute"), "{message}");
        let substitute = "rules:\n  - id: s\n    title: t\n    kind: substitute\n    message: m\n    replacements: [{wrong: 布署, right: 部署}]\n    fix: always\n";
        let (_, _, message, _) = one_error(substitute);
        assert!(message.contains("未知的 fix `always`"), "{message}");
        let safe = load_str(&substitute.replace("always", "safe")).unwrap();
        assert!(safe.get("s").unwrap().safe_fix);
        let (_, _, message, _) = one_error(&with("    audit: {column: ''}\n"));
        assert!(message.contains("`column` 不能为空"), "{message}");
        let loaded = load_str(&with("    audit: {column: 合法性审核}\n")).unwrap();
        assert_eq!(
            loaded.get("legality-review").unwrap().audit.as_deref(),
            Some("合法性审核")
        );
    }

    #[test]
    fn unknown_field_points_at_the_field() {
        let text = "rules:\n  - id: a\n    title: t\n    kind: require\n    message: m\n    patterns: [x]\n    patern: [y]\n";
        let (line, column, message, _) = one_error(text);
        assert_eq!((line, column), (7, 5));
        assert!(message.contains("unknown field `patern`"), "{message}");
    }

    #[test]
    fn missing_fields_are_reported_at_the_rule() {
        let text = "rules:\n  - id: a\n    kind: require\n    patterns: [x]\n";
        let (line, column, message, _) = one_error(text);
        assert_eq!((line, column), (2, 5));
        assert_eq!(message, "规则 `a` 缺少必需的字段 `title`、`message`");
    }

    #[test]
    fn a_later_pack_replaces_a_rule_of_the_same_id_in_place() {
        let audited = |title: &str| {
            format!(
                "rules:\n  - id: legality-review\n    title: {title}\n    kind: require\n    message: m\n    patterns: [合法性审查]\n    audit: {{column: 合法性审查}}\n  - id: other\n    title: t\n    kind: require\n    message: m\n    patterns: [甲]\n"
            )
        };
        let province = "rules:\n  - id: legality-review\n    title: 本省的写法\n    kind: require\n    message: m2\n    patterns: [合法性审查, 合法性审核]\n    audit: {column: 合法性审查}\n";
        let set = crate::engine::RuleSet::load(&[
            RuleSource::new("fazhi/a.yaml", audited("默认的写法")).in_pack("fazhi"),
            RuleSource::new("gd/a.yaml", province).in_pack("gd"),
        ])
        .expect("a rule of another pack replaces, and takes over its audit column");
        let ids: Vec<&str> = set.rules().iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["legality-review", "other", UNUSED_ID]);
        let rule = set.get("legality-review").unwrap();
        assert_eq!(rule.title, "本省的写法");
        assert_eq!(rule.pack, "gd");
        assert_eq!(rule.overrides.as_deref(), Some("fazhi"));
        assert_eq!(set.get("other").unwrap().overrides, None);
        // Within one pack, an id is still defined once.
        let RuleErrors(errors) = crate::engine::RuleSet::load(&[
            RuleSource::new("gd/a.yaml", province).in_pack("gd"),
            RuleSource::new("gd/b.yaml", province).in_pack("gd"),
        ])
        .unwrap_err();
        assert!(errors[0].message.contains("重复"), "{}", errors[0].message);
        assert_eq!(errors[0].file, "gd/b.yaml");
    }

    #[test]
    fn duplicate_ids_across_files_point_at_both() {
        let sources = [
            RuleSource::new("a.yaml", GOOD),
            RuleSource::new("b.yaml", GOOD),
        ];
        let RuleErrors(errors) = load(&sources).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].file, "b.yaml");
        assert_eq!(errors[0].location.as_ref().unwrap().line, 2);
        assert_eq!(
            errors[0].note.as_deref(),
            Some("`legality-review` 首次定义于 a.yaml:2:9")
        );
    }

    #[test]
    fn kind_field_mismatches() {
        let text = "rules:\n  - id: a\n    title: t\n    kind: require\n    message: m\n    replacements: [{wrong: a, right: b}]\n";
        let errors = errors(text);
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "kind: require 的规则需要 `patterns` 字段",
                "`replacements` 不适用于 kind: require",
            ]
        );
    }

    #[test]
    fn bad_values_are_reported_together() {
        let text = "rules:\n  - id: Bad_Id\n    title: t\n    kind: require\n    severity: fatal\n    message: '缺少 {missing}'\n    scope: body\n    patterns: ['“”', {regex: 'a*'}]\n";
        let errors = errors(text);
        let lines: Vec<usize> = errors
            .iter()
            .map(|e| e.location.as_ref().unwrap().line)
            .collect();
        assert_eq!(lines, vec![2, 5, 6, 7, 8, 8], "{errors:#?}");
    }

    #[test]
    fn unknown_kind_lists_the_kinds() {
        let text = "rules:\n  - id: a\n    title: t\n    kind: requires\n    message: m\n";
        let (_, _, message, snippet) = one_error(text);
        assert!(message.contains("require-all"), "{message}");
        assert_eq!(snippet, "requires");
    }

    #[test]
    fn syntax_errors_and_empty_files() {
        let (line, _, message, _) = one_error("rules: [\n");
        assert_eq!(line, 1);
        assert!(message.starts_with("规则文件格式错误"), "{message}");
        let errors = errors("\n");
        assert!(errors[0].message.contains("为空"));
        assert!(errors[0].location.is_none());
    }

    #[test]
    fn a_regex_that_never_matches_is_an_error() {
        let text = "rules:\n  - id: a\n    title: t\n    kind: forbid\n    message: m\n    patterns: [{regex: '[^\\s\\S]'}]\n";
        let (line, _, message, _) = one_error(text);
        assert_eq!(line, 6);
        assert!(message.contains("永远匹配不到"), "{message}");
    }

    #[test]
    fn pattern_mapping_with_unknown_key() {
        let text = "rules:\n  - id: a\n    title: t\n    kind: require\n    message: m\n    patterns: [{regx: a}]\n";
        let (_, _, message, _) = one_error(text);
        assert!(message.contains("regx"), "{message}");
    }

    #[test]
    fn embedded_pack_loads() {
        let sources = fazhi();
        assert!(!sources.is_empty());
        let set = crate::engine::RuleSet::load(&sources).unwrap();
        for id in [
            "first-responsible-person",
            "three-enforcement-systems",
            "legality-review",
            "who-enforces-educates",
            "shortcomings-section",
        ] {
            assert!(set.get(id).is_some(), "{id}");
        }
    }
}
