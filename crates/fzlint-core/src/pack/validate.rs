//! Validating rule files: every field of every rule, each error at the
//! offending value, and compiling what a rule checks (its patterns into the
//! shared matcher, a built-in check's parameters) as it goes.

use std::collections::HashMap;
use std::sync::Arc;

use super::raw::{
    RawAudit, RawExamples, RawFile, RawItem, RawKnownDocument, RawParams, RawPattern, RawRule,
    RawScope, RawWhen,
};
use super::{Compiled, RuleSource, builtin_checks, first_definition};
use crate::checks::Check;
use crate::checks::builtin::{self, Builtin, Day};
use crate::document::Format;
use crate::document::metadata::IssuerKind;
use crate::error::{RuleError, RuleErrors};
use crate::finding::Severity;
use crate::matcher::{LazyRegex, MatcherBuilder, PatternRef, PatternSet, RegexError};
use crate::rules::known::{self, KnownDocument, PackVersion, RuleDocuments, Years};
use crate::rules::template::{Placeholder, Template};
use crate::rules::{Examples, Item, Kind, Partial, Replacement, Rule, Scope, When};
use crate::text::loose;
use crate::yaml::{self, Location, Spanned};

#[derive(Default)]
pub(super) struct Loader {
    pub(super) matcher: MatcherBuilder,
    rules: Vec<Rule>,
    checks: Vec<Check>,
    errors: Vec<RuleError>,
    /// Where each id was first defined (see [`Loader::first_definition`]).
    ids: HashMap<String, (RuleSource, Location)>,
    /// Which rule took each audit column label.
    columns: HashMap<String, String>,
    /// The documents the packs' rules cite (`documents:`), in load order;
    /// a later pack's document of the same id replaces an earlier one's.
    documents: Vec<Arc<KnownDocument>>,
    /// What each pack says about itself (`pack:`).
    packs: Vec<PackVersion>,
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
            allows: &["weak_patterns"],
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
fn present_fields(raw: &RawRule) -> [(&'static str, Option<Location>); 13] {
    [
        ("patterns", raw.patterns.as_ref().map(|s| s.at)),
        ("weak_patterns", raw.weak_patterns.as_ref().map(|s| s.at)),
        ("items", raw.items.as_ref().map(|s| s.at)),
        ("satisfied_by", raw.satisfied_by.as_ref().map(|s| s.at)),
        (
            "partial_severity",
            raw.partial_severity.as_ref().map(|s| s.at),
        ),
        (
            "partial_message",
            raw.partial_message.as_ref().map(|s| s.at),
        ),
        ("max_level", raw.max_level.as_ref().map(|s| s.at)),
        ("mentioned_by", raw.mentioned_by.as_ref().map(|s| s.at)),
        ("opened_by", raw.opened_by.as_ref().map(|s| s.at)),
        ("replacements", raw.replacements.as_ref().map(|s| s.at)),
        ("exceptions", raw.exceptions.as_ref().map(|s| s.at)),
        ("check", raw.check.as_ref().map(|s| s.at)),
        ("params", raw.params.as_ref().map(|s| s.at)),
    ]
}

impl Loader {
    /// Reads a file's `pack:` and `documents:`; done for every file before
    /// any rule is read, so a rule may cite a document of any file.
    pub(super) fn table(&mut self, source: &RuleSource, file: &RawFile) {
        if let Some(pack) = &file.pack {
            let date = &pack.value.knowledge_as_of;
            if !is_iso_date(&date.value) {
                self.error(
                    source,
                    &date.at,
                    format!(
                        "`knowledge_as_of` 应写作 YYYY-MM-DD，而不是 `{}`",
                        date.value
                    ),
                );
            } else if self.packs.iter().any(|p| p.id == source.pack) {
                self.error(
                    source,
                    &pack.at,
                    format!("规则包 `{}` 的 `pack:` 已在另一个文件中写过", source.pack),
                );
            } else {
                self.packs.push(PackVersion {
                    id: source.pack.clone(),
                    version: pack.value.version.value.clone(),
                    knowledge_as_of: date.value.clone(),
                });
            }
        }
        for raw in &file.documents {
            if let Some(document) = self.known_document(source, &raw.value) {
                let same_id = self.documents.iter().position(|d| d.id == document.id);
                match same_id {
                    Some(index) if self.documents[index].pack == source.pack => {
                        let id = &raw.value.id;
                        self.error(source, &id.at, format!("文件 id `{}` 重复", id.value));
                    }
                    Some(index) => self.documents[index] = Arc::new(document),
                    None => self.documents.push(Arc::new(document)),
                }
            }
        }
    }

    fn known_document(
        &mut self,
        source: &RuleSource,
        raw: &RawKnownDocument,
    ) -> Option<KnownDocument> {
        let before = self.errors.len();
        if !is_kebab_case(&raw.id.value) {
            self.error(
                source,
                &raw.id.at,
                format!("文件 id `{}` 不是 kebab-case", raw.id.value),
            );
        }
        let title = raw.title.value.trim();
        if title.is_empty() || title.starts_with('《') || title.ends_with('》') {
            self.error(
                source,
                &raw.title.at,
                "`title` 写文件的正式标题，不带书名号",
            );
        }
        let title_years = known::title_years(title);
        let reports = match &raw.reports {
            Some(years) => {
                let from = years.value.from.value;
                let to = years.value.to.as_ref().map(|t| t.value);
                if to.is_some_and(|to| to < from) {
                    self.error(source, &years.at, "`reports` 的 `to` 早于 `from`");
                }
                Some(Years { from, to })
            }
            None => title_years.map(|(from, to)| Years { from, to: Some(to) }),
        };
        let named = match &raw.named {
            Some(named) => {
                match LazyRegex::new(&format!("^(?:{})$", named.value), source.json.is_none()) {
                    Ok(regex) => Some(regex),
                    Err(reason) => {
                        self.error(source, &named.at, reason);
                        None
                    }
                }
            }
            None => None,
        };
        (self.errors.len() == before).then(|| KnownDocument {
            id: raw.id.value.clone(),
            pack: source.pack.clone(),
            title: title.to_owned(),
            issuer: raw.issuer.clone(),
            number: raw.number.clone(),
            date: raw.date.clone(),
            in_force: raw.in_force.clone(),
            series: raw.series.as_ref().map(|s| s.value.clone()),
            reports,
            title_years,
            note: raw.note.clone(),
            named_regex: raw.named.as_ref().map(|n| n.value.clone()),
            named,
        })
    }

    /// The document `id` of the table, or an error at `at`.
    fn known(&mut self, source: &RuleSource, id: &Spanned<String>) -> Option<Arc<KnownDocument>> {
        let found = self.documents.iter().find(|d| d.id == id.value).cloned();
        if found.is_none() {
            self.error(
                source,
                &id.at,
                format!("文件表（`documents:`）中没有 id 为 `{}` 的文件", id.value),
            );
        }
        found
    }

    /// The documents of a series, in table order, or an error at `at`.
    fn series(
        &mut self,
        source: &RuleSource,
        name: &str,
        at: &Location,
    ) -> Vec<Arc<KnownDocument>> {
        let members: Vec<_> = self
            .documents
            .iter()
            .filter(|d| d.series.as_deref() == Some(name))
            .cloned()
            .collect();
        if members.is_empty() {
            self.error(
                source,
                at,
                format!("文件表（`documents:`）中没有系列为 `{name}` 的文件"),
            );
        }
        members
    }

    pub(super) fn file(&mut self, source: &RuleSource, file: Result<RawFile, RuleError>) {
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
        let at = raw.at;
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
        let id_at = id.at;
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
                self.error(source, &value.at, format!("`{field}` 不能为空"));
            }
        }

        let kind_at = kind.at;
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
                        &check.at,
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
                self.error(source, &raw.at, reason);
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
            let at = raw.scope.as_ref().map_or(kind_at, |s| s.at);
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
        let mut documents = RuleDocuments::default();
        if let Some(cites) = &raw.cites {
            for id in &cites.value {
                if let Some(document) = self.known(source, id) {
                    documents.use_document(&document);
                    documents.cites.push(document);
                }
            }
        }
        if let Some(help) = &raw.help {
            for name in known::help_slots(&help.value) {
                for document in self.series(source, name, &help.at) {
                    documents.use_document(&document);
                    documents.help_series.push(document);
                }
            }
        }
        let check = self.check(source, kind, &raw, builtin_name, partial, &mut documents);
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
            documents,
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
                &raw.at,
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
                    &raw.at,
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
                &raw.at,
                format!("`audit` 只适用于 require、require-all 和 section 规则（它们判断报告有没有某项内容），不适用于 kind: {kind}"),
            );
            return None;
        }
        let label = raw.value.column.value.trim();
        let at = raw.value.column.at;
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
                    &raw.at,
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
                        &raw.at,
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
                    &kind.at,
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
                        &format.at,
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
                &max.at,
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
        documents: &mut RuleDocuments,
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
                weak: match &raw.weak_patterns {
                    Some(p) => Some(self.pattern_set(source, p)?),
                    None => None,
                },
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
                            &level.at,
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
                    self.error(source, &raw_replacements.at, "`replacements` 不能为空");
                    return None;
                }
                let mut replacements = Vec::new();
                for replacement in &raw_replacements.value {
                    let document = match &replacement.document {
                        Some(id) => match self.known(source, id) {
                            Some(document) => Some(document),
                            None => continue,
                        },
                        None => None,
                    };
                    let right = match (&replacement.right, &document) {
                        (Some(right), _) => right.value.clone(),
                        (None, Some(document)) => document.quoted(),
                        (None, None) => {
                            self.error(
                                source,
                                &replacement.wrong.at,
                                "这一对缺少 `right`（或用 `document:` 指明文件表中的文件）",
                            );
                            continue;
                        }
                    };
                    if let RawPattern::Regex {
                        loose: Some(loose), ..
                    } = &replacement.wrong.value
                        && loose.value
                        && right.contains('$')
                    {
                        let at = replacement
                            .right
                            .as_ref()
                            .map_or(replacement.wrong.at, |r| r.at);
                        self.error(
                            source,
                            &at,
                            "`loose: true` 的正则不能在 `right` 中用 `$` 引用分组",
                        );
                        continue;
                    }
                    if let Some(wrong) = self.pattern(source, &replacement.wrong) {
                        if let Some(document) = &document {
                            documents.use_document(document);
                        }
                        replacements.push(Replacement {
                            wrong,
                            right,
                            help: replacement.help.clone(),
                            basis: replacement
                                .basis
                                .clone()
                                .or_else(|| document.map(|d| d.cite())),
                        });
                    }
                }
                Check::Substitute {
                    replacements,
                    exceptions,
                }
            }
            Kind::Builtin => Check::Builtin(self.builtin(source, builtin_name?, raw, documents)?),
        })
    }

    fn items(&mut self, source: &RuleSource, raw: &Spanned<Vec<RawItem>>) -> Option<Vec<Item>> {
        if raw.value.is_empty() {
            self.error(source, &raw.at, "列表不能为空");
            return None;
        }
        let before = self.errors.len();
        let mut items = Vec::new();
        for item in &raw.value {
            if item.name.value.trim().is_empty() {
                self.error(source, &item.name.at, "`name` 不能为空");
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
        documents: &mut RuleDocuments,
    ) -> Option<Builtin> {
        let spec = name.spec();
        let empty = RawParams::default();
        let (params, params_at) = match &raw.params {
            Some(p) => (&p.value, p.at),
            None => (&empty, raw.check.as_ref().map(|c| c.at)?),
        };
        let given: [(&str, Option<Location>); 7] = [
            ("parts", params.parts.as_ref().map(|p| p.at)),
            ("stock_phrases", params.stock_phrases.as_ref().map(|p| p.at)),
            ("compare_with", params.compare_with.as_ref().map(|p| p.at)),
            ("min_ratio", params.min_ratio.as_ref().map(|p| p.at)),
            ("days", params.days.as_ref().map(|p| p.at)),
            ("offset", params.offset.as_ref().map(|p| p.at)),
            ("series", params.series.as_ref().map(|p| p.at)),
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
                        Err(reason) => self.error(source, &day.name.at, reason),
                    }
                }
                (self.errors.len() == before).then_some(Builtin::Ordinal { days })?
            }
            Name::ShortcomingsDepth => {
                let min_ratio = match &params.min_ratio {
                    Some(r) if !(r.value > 0.0 && r.value <= 1.0) => {
                        self.error(source, &r.at, "`min_ratio` 应在 0 到 1 之间");
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
            Name::OutdatedDocument => {
                let series = params.series.as_ref()?;
                let members = self.series(source, &series.value, &series.at);
                let mut cited = Vec::new();
                documents.check_by_year = true;
                for member in &members {
                    documents.use_document(member);
                    let pattern = builtin::citation_regex(member).and_then(|regex| {
                        self.matcher.regex(&regex, 0, false).map_err(|e| match e {
                            RegexError::Regex(reason) | RegexError::Group(reason) => reason,
                        })
                    });
                    match pattern {
                        Ok(pattern) => cited.push(pattern),
                        Err(reason) => self.error(
                            source,
                            &series.at,
                            format!("系列 `{}` 的文件 `{}`：{reason}", series.value, member.id),
                        ),
                    }
                }
                (self.errors.len() == before).then_some(Builtin::OutdatedDocument {
                    documents: members.into_iter().zip(cited).collect(),
                })?
            }
            Name::DocumentYears => {
                let named: Vec<Arc<KnownDocument>> = self
                    .documents
                    .iter()
                    .filter(|d| d.named.is_some() && d.title_years.is_some())
                    .cloned()
                    .collect();
                for document in &named {
                    documents.use_document(document);
                }
                Builtin::DocumentYears { documents: named }
            }
        })
    }

    fn pattern_set(
        &mut self,
        source: &RuleSource,
        raw: &Spanned<Vec<Spanned<RawPattern>>>,
    ) -> Option<PatternSet> {
        if raw.value.is_empty() {
            self.error(source, &raw.at, "模式列表不能为空");
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
                        &raw.at,
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
                        let at = group.as_ref().map_or(regex.at, |g| g.at);
                        self.error(source, &at, reason);
                        None
                    }
                    Err(RegexError::Regex(reason)) => {
                        self.error(source, &regex.at, reason);
                        None
                    }
                }
            }
        }
    }

    pub(super) fn finish(mut self) -> Result<Compiled, RuleErrors> {
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
            documents: self.documents,
            packs: self.packs,
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
        documents: RuleDocuments::default(),
        kind: Kind::Builtin,
        builtin: Some(Builtin::UnusedSuppression.name()),
    }
}

/// `2026-12-04`.
fn is_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
}

fn is_kebab_case(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}
