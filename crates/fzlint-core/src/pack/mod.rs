//! Rule packs as text → compiled rules: parsing each rule file's YAML (or
//! the JSON copy a pack embeds), validating every rule, and compiling the
//! patterns. All errors of all files are collected, each with the file, line
//! and column of the offending value. Where the files come from (a folder,
//! the default pack compiled into a program, a browser) is the front end's
//! business.

mod raw;
mod validate;

use std::sync::Arc;

use crate::checks::Check;
use crate::checks::builtin;
use crate::error::{RuleError, RuleErrors};
use crate::matcher::Matcher;
use crate::par::*;
use crate::rules::{KnownDocument, PackVersion, Rule};
use crate::yaml::{self, Location, YamlSource, locate};
use raw::RawFile;
pub use raw::SeverityName;
use validate::Loader;

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
    /// The documents the rules cite (the packs' `documents:`).
    pub documents: Vec<Arc<KnownDocument>>,
    /// What each pack says about itself (`pack:`).
    pub packs: Vec<PackVersion>,
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
    for (source, (_, file)) in sources.iter().zip(&parsed) {
        if let Ok(file) = file {
            loader.table(source, file);
        }
    }
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
pub(super) fn first_definition(id: &str, (source, at): &(RuleSource, Location)) -> String {
    let located = locate(&source.yaml(), at).or_else(|| {
        let file = parse(source).ok()?;
        let rule = file
            .rules
            .iter()
            .find_map(|rule| rule.value.id.as_ref().filter(|i| i.value == id))?;
        locate(&source.yaml(), &rule.at)
    });
    located.map_or_else(
        || source.name.clone(),
        |l| format!("{}:{}:{}", source.name, l.line, l.column),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::builtin::{Builtin, Day};
    use crate::finding::Severity;
    use crate::rules::Kind;

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
        let (line, column, message, snippet, _) = one_error_with_note(text);
        (line, column, message, snippet)
    }

    fn one_error_with_note(text: &str) -> (usize, usize, String, String, Option<String>) {
        let errors = errors(text);
        assert_eq!(errors.len(), 1, "{errors:#?}");
        let e = &errors[0];
        let at = e.location.as_ref().expect("a position");
        let snippet = at.source_text[at.span.clone()].to_owned();
        (
            at.line,
            at.column,
            e.message.clone(),
            snippet,
            e.note.clone(),
        )
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
        assert!(message.contains("未知的键 `patern`"), "{message}");
        assert!(message.contains("patterns"), "{message}");
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

    const TABLE: &str = "rules: []\npack: {version: 1.0.0, knowledge_as_of: 2026-12-04}\ndocuments:\n  - id: plan-a\n    series: plan\n    title: 某规划（2021—2025年）\n    number: 某发〔2021〕1号\n    named: 某规划\n  - id: law-b\n    title: 某某法\n    reports: {from: 2024}\n";

    /// A rule may cite a document of another file; what it cites, names or
    /// takes a title from must be in the table, each error at its value.
    #[test]
    fn the_documents_table_is_checked_at_each_value() {
        let rule = |extra: &str| {
            format!(
                "rules:\n  - id: r\n    title: t\n    kind: require\n    message: m\n    patterns: [甲]\n{extra}"
            )
        };
        let load = |rules: String| {
            crate::engine::RuleSet::load(&[
                RuleSource::new("p/00.yaml", TABLE).in_pack("p"),
                RuleSource::new("p/10.yaml", rules).in_pack("p"),
            ])
        };
        let set = load(rule(
            "    cites: [law-b, plan-a]\n    help: 落实{current:plan|规划}\n",
        ))
        .expect("cites and a series the table has");
        let r = set.get("r").unwrap();
        assert_eq!(r.documents.cites.len(), 2);
        assert_eq!(
            r.basis_for(Some(2023)).as_deref(),
            Some("《某规划（2021—2025年）》（某发〔2021〕1号）")
        );
        assert_eq!(
            r.help_for(Some(2023)).as_deref(),
            Some("落实《某规划（2021—2025年）》")
        );
        assert_eq!(r.help_for(Some(2026)).as_deref(), Some("落实规划"));
        assert_eq!(
            set.provenance().pack_label("p"),
            "p 1.0.0（知识截至 2026-12-04）"
        );
        assert_eq!(set.documents().len(), 2);

        let error = |extra: &str| {
            let RuleErrors(errors) = load(rule(extra)).unwrap_err();
            assert_eq!(errors.len(), 1, "{errors:#?}");
            let at = errors[0].location.as_ref().expect("a position");
            (at.line, at.column, errors[0].message.clone())
        };
        let (line, column, message) = error("    cites: [law-b, nothing]\n");
        assert_eq!((line, column), (7, 20));
        assert!(message.contains("`nothing`"), "{message}");
        let (line, _, message) = error("    help: 落实{current:plans|规划}\n");
        assert_eq!(line, 7);
        assert!(message.contains("`plans`"), "{message}");

        let substitute = |pair: &str| {
            format!(
                "rules:\n  - id: s\n    title: t\n    kind: substitute\n    message: m\n    replacements:\n{pair}"
            )
        };
        let set = crate::engine::RuleSet::load(&[
            RuleSource::new("p/00.yaml", TABLE).in_pack("p"),
            RuleSource::new(
                "p/10.yaml",
                substitute("      - {wrong: 某规划》, document: plan-a}\n"),
            )
            .in_pack("p"),
        ])
        .expect("a right form from the table");
        let findings = crate::engine::Engine::new(set)
            .check(&crate::engine::Input::new(
                "r.txt",
                "落实《某规划》。".as_bytes(),
            ))
            .unwrap()
            .findings;
        assert_eq!(
            findings[0].replacement.as_deref(),
            Some("《某规划（2021—2025年）》")
        );
        assert_eq!(
            findings[0].basis.as_deref(),
            Some("《某规划（2021—2025年）》（某发〔2021〕1号）")
        );
        for (pair, wanted) in [
            ("      - {wrong: 甲, document: nothing}\n", "`nothing`"),
            ("      - {wrong: 甲}\n", "`right`"),
        ] {
            let RuleErrors(errors) = crate::engine::RuleSet::load(&[
                RuleSource::new("p/00.yaml", TABLE).in_pack("p"),
                RuleSource::new("p/10.yaml", substitute(pair)).in_pack("p"),
            ])
            .unwrap_err();
            assert_eq!(errors.len(), 1, "{errors:#?}");
            assert!(errors[0].message.contains(wanted), "{}", errors[0].message);
        }
    }

    #[test]
    fn a_bad_table_entry_is_an_error_at_its_value() {
        for (text, wanted) in [
            (
                "rules: []\npack: {version: 1, knowledge_as_of: 2026-12}\n",
                "YYYY-MM-DD",
            ),
            (
                "rules: []\ndocuments:\n  - {id: a, title: 《某法》}\n",
                "书名号",
            ),
            (
                "rules: []\ndocuments:\n  - {id: a, title: 某法, reports: {from: 2025, to: 2024}}\n",
                "早于",
            ),
            (
                "rules: []\ndocuments:\n  - {id: a, title: 某法, named: '某('}\n",
                "正则",
            ),
            (
                "rules: []\ndocuments:\n  - {id: a, title: 某法}\n  - {id: a, title: 某条例}\n",
                "重复",
            ),
            (
                "rules: []\ndocuments:\n  - {id: A, title: 某法}\n",
                "kebab-case",
            ),
        ] {
            let (_, _, message, _) = one_error(text);
            assert!(message.contains(wanted), "{text:?}: {message}");
        }
        // Another pack may replace a document, as it may a rule.
        let province =
            "rules: []\ndocuments:\n  - {id: law-b, title: 某某法, reports: {from: 2025}}\n";
        let set = crate::engine::RuleSet::load(&[
            RuleSource::new("p/00.yaml", TABLE).in_pack("p"),
            RuleSource::new("q/00.yaml", province).in_pack("q"),
        ])
        .expect("a later pack's document replaces");
        let law = set.documents().iter().find(|d| d.id == "law-b").unwrap();
        assert_eq!(
            (law.pack.as_str(), law.reports.map(|r| r.from)),
            ("q", Some(2025))
        );
    }

    /// `outdated-document` needs every document of its series to be citable
    /// (a name and a year range).
    #[test]
    fn an_outdated_document_series_needs_names_and_years() {
        let table = "rules: []\ndocuments:\n  - {id: a, series: s, title: 某纲要（2015—2020年）, named: 某纲要}\n  - {id: b, series: s, title: 某纲要}\n";
        let rule = "rules:\n  - id: o\n    title: t\n    kind: builtin\n    check: outdated-document\n    params: {series: s}\n    message: “{match}”已由{right}接替\n";
        let RuleErrors(errors) = crate::engine::RuleSet::load(&[
            RuleSource::new("00.yaml", table),
            RuleSource::new("10.yaml", rule),
        ])
        .unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert!(errors[0].message.contains("`b`"), "{}", errors[0].message);
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

    /// Every kind of YAML error a rule file can get (syntax, shape, tags,
    /// duplicate keys, merges, aliases, limits), with its position and the
    /// text it underlines: as fzlint reported them when it read YAML with
    /// serde-saphyr 2.1.1, before reading it through its own tree
    /// (`crate::yaml`).
    #[test]
    fn yaml_errors_keep_their_messages_and_positions() {
        #[rustfmt::skip]
        const CASES: &[(&str, (usize, usize), &str, &str)] = &[
            ("<<: 0x1F\n", (1, 5), "0x1F", "YAML merge value must be mapping or sequence of mappings"),
            ("*q: -1\n", (1, 1), "*", "alias references unknown anchor"),
            ("rules:\n  - id: r\n    title: t\n    kind: - a\n    message: m\n    patterns: [甲]\n", (4, 11), "-", "block sequence entries are not allowed in this context"),
            ("~: a\n", (1, 1), "~", "cannot deserialize null into string; use Option<String>"),
            ("rules:\n  - \"id\": !!int x\n", (2, 17), "x", "cannot deserialize tagged scalar into string"),
            ("rules: []\nrules: []\n", (2, 1), "rules", "duplicate mapping key: rules, set DuplicateKeyPolicy in Options if acceptable"),
            ("r", (1, 1), "r", "expected mapping start"),
            ("rules:", (1, 6), ":", "expected sequence start"),
            ("? [a]\n: b\n", (1, 3), "[", "expected string scalar"),
            ("rules:\n  - id: r\n    title: t\n    kind: !!binary \"!!\"\n    message: m\n    patterns: [甲]\n", (4, 20), "\"!!\"", "invalid !!binary base64"),
            ("rules:\n  - id: r\n    title: t\n    kind: require\n    message: m\n    patterns: [{regex: a, loose: 1}]\n", (6, 34), "1", "invalid boolean"),
            ("rules:\n  - id: r\n    title: t\n    kind: require\n    message: m\n    patterns: [甲]\n    scope: !!float x\n", (7, 20), "x", "invalid floating point"),
            ("rules:\n  - id: bo\n    title: t\n    kind: builtin\n    message: m\n    check: commemorative-day-ordinal\n    params: {offset: y}\n", (7, 22), "y", "invalid i32"),
            ("rules: 'a' b\n", (1, 12), "b", "invalid trailing content after single-quoted scalar"),
            ("rules:\n  - scope: yes\n", (2, 5), "scope", "invalid type: boolean `true`, expected `document`, `headings`, `title`, or a mapping `{sections: [patterns]}`"),
            ("rules:\n  - id: r\n    title: t\n    kind: require\n    message: m\n    patterns: [true]\n", (6, 16), "true", "invalid type: boolean `true`, expected a pattern: a string, or a mapping `{regex: \"…\", group: N, loose: true}`"),
            ("rules:\n  - scope: 1.5\n    fix: 'a''b'\n    help: !!int x\n", (2, 5), "scope", "invalid type: floating point `1.5`, expected `document`, `headings`, `title`, or a mapping `{sections: [patterns]}`"),
            ("rules:\n  - id: r\n    title: t\n    kind: require\n    message: m\n    patterns: [1.5]\n", (6, 16), "1.5", "invalid type: floating point `1.5`, expected a pattern: a string, or a mapping `{regex: \"…\", group: N, loose: true}`"),
            ("rules:\n  - scope: -1\n", (2, 5), "scope", "invalid type: integer `-1`, expected `document`, `headings`, `title`, or a mapping `{sections: [patterns]}`"),
            ("rules:\n  - id: r\n    title: t\n    kind: require\n    message: m\n    patterns: !!binary aGVsbG8=\n", (6, 5), "patterns", "invalid type: integer `104`, expected a span-aware newtype wrapper"),
            ("rules:\n  - id: r\n    title: t\n    kind: require\n    message: m\n    patterns: [甲]\n    examples: {pass: !!binary aGVsbG8=}\n", (7, 16), "pass", "invalid type: integer `104`, expected a string"),
            ("rules:\n  - id: ra\n    title: t\n    kind: require-all\n    message: m {missing}\n    items: !!binary aGVsbG8=\n", (6, 5), "items", "invalid type: integer `104`, expected struct RawItem"),
            ("rules:\n  - id: su\n    title: t\n    kind: substitute\n    message: m {right}\n    replacements: !!binary aGVsbG8=\n", (6, 5), "replacements", "invalid type: integer `104`, expected struct RawReplacement"),
            ("rules:\n  - id: r\n    title: t\n    kind: require\n    message: m\n    patterns: [1]\n", (6, 16), "1", "invalid type: integer `1`, expected a pattern: a string, or a mapping `{regex: \"…\", group: N, loose: true}`"),
            ("rules:\n  - {scope: [x]}\n", (2, 6), "scope", "invalid type: sequence, expected `document`, `headings`, `title`, or a mapping `{sections: [patterns]}`"),
            ("rules:\n  - <<: {id: a, title: t, kind: require, message: m, patterns: [[x]]}\n", (2, 9), "{", "invalid type: sequence, expected a pattern: a string, or a mapping `{regex: \"…\", group: N, loose: true}`"),
            ("rules:\n  - id: r\n    title: t\n    kind: require\n    message: m\n    patterns: [null]\n", (6, 16), "null", "invalid type: unit value, expected a pattern: a string, or a mapping `{regex: \"…\", group: N, loose: true}`"),
            ("rules:\n  - {max_level: x}\n", (2, 17), "x", "invalid u8"),
            ("rules:\n  - id: r\n    title: t\n    kind: ? x\n    message: m\n    patterns: [甲]\n", (4, 11), "?", "mapping keys are not allowed in this context"),
            ("rules:\n  - id: a\n     title: t\n", (3, 11), ":", "mapping values are not allowed in this context"),
            ("rules: ]\n", (1, 8), "]", "misplaced bracket"),
            ("{}\n", (1, 1), "{", "missing field `rules`"),
            ("rules: []\n...\n---\n", (3, 4), "", "multiple YAML documents detected; use from_str_multiple or from_str_multiple_with_options"),
            ("rules:\n  - scope: .inf\n", (2, 12), ".inf", "non-finite float `.inf` rejected by the configured policy"),
            ("rules:\n  - id: syntax\n    ti", (3, 5), "t", "simple key expected ':'"),
            ("rules:\n  - id: a\n    title: t\n    kind: require\n    message: m\n    patterns: [x]\n    help: !undefined!x x\n", (7, 11), "!", "the handle wasn't declared"),
            ("rules: [\n", (1, 8), "[", "unclosed bracket '['"),
            // Through an alias: reported at the alias.
            ("rules:\n  - {title: &t abc}\n  - *t\n", (3, 5), "*t", "expected mapping start"),
            ("rules:\n  - id: a\n    title: &t t\n    kind: require\n    message: m\n    patterns: [x]\n    max_level: *t\n", (7, 16), "*t", "invalid u8"),
            ("rules:\n  - id: legality-review\n    title: 合法性审查\n    kind: require\n    severity: warning\n    message: 未提及合法性审查\n    scope: {", (7, 12), "{", "unclosed bracket '{'"),
            ("rules: 'abc\n", (1, 8), "'", "unclosed quote"),
            ("rules:\n  - id: syntax\n    title: 缩进和括号错误\n    kind: require\n    message: 缺少内容\n    patterns: , 法制\n", (6, 15), ",", "unexpected EOF while parsing a block mapping"),
            ("rules:\n  - id: syntax\n    title: 缩进和括号错误\n    kind: require\n    message: 缺少内容\n    patterns: [, 法制\n", (6, 16), ",", "unexpected EOF while parsing an implicit flow mapping"),
            ("rules:\n  - id: r\n    title: t\n    kind: %x\n    message: m\n    patterns: [甲]\n", (4, 11), "%", "unexpected character: `%'"),
            ("# Title", (1, 8), "", "unexpected end of input"),
            ("rules:\n  - <<: {1: a}\n", (2, 10), "1", "unknown field `1`, expected one of id, title, kind, severity, message, help, basis, cites, scope, examples, patterns, weak_patterns, items, satisfied_by, partial_severity, max_level, replacements, exceptions, mentioned_by, opened_by, partial_message, when, check, params, fix, audit"),
            ("rules:\n  - id: a\n    title: t\n    kind: require\n    message: m\n    patterns: [{1: a}]\n", (6, 17), "1", "unknown field `1`, expected one of regex, group, loose"),
            ("1: a\n", (1, 1), "1", "unknown field `1`, expected one of pack, documents, rules"),
            ("rules: !!int []\n", (1, 14), "[", "unsupported tag `!!int`"),
            ("rules:\n  - id: a\n  title: t\n", (3, 3), "t", "while parsing a block collection, did not find expected '-' indicator"),
            ("rules: []\n x: y\n", (2, 2), "x", "while parsing a block mapping, did not find expected key"),
            ("rules:\n  - id: r\n    title: t\n    kind: \"a\\x\"\n    message: m\n    patterns: [甲]\n", (4, 11), "\"", "while parsing a quoted scalar, did not find expected hexadecimal number"),
            ("rules:\n  - id: a\n    title: t\n    kind: require\n    message: m\n    patterns: [x]\n    help: \"\\q\"\n", (7, 11), "\"", "while parsing a quoted scalar, found unknown escape character"),
            ("rules:\n  - id: a\n    title: t\n    kind: require\n    message: m\n    patterns: [x]\n    help: !! x\n", (7, 11), "!", "while parsing a tag, did not find expected tag URI"),
        ];
        for (text, at, underlined, message) in CASES {
            let (line, column, got, snippet, note) = one_error_with_note(text);
            assert_eq!((line, column), *at, "{text:?}");
            assert_eq!(snippet, *underlined, "{text:?}");
            // The message in Chinese (crate::yaml::explain), the parser's
            // own words in the note.
            let chinese = crate::yaml::explain::explain(message)
                .unwrap_or_else(|| panic!("no Chinese for {message:?}"));
            assert_eq!(got, format!("规则文件格式错误：{chinese}"), "{text:?}");
            assert_eq!(note, Some(format!("解析器原文：{message}")), "{text:?}");
            // Names (of keys, values) are quoted or listed; the rest is
            // Chinese.
            let prose = chinese
                .split("可用的")
                .next()
                .unwrap_or_default()
                .split('`')
                .step_by(2)
                .collect::<String>();
            assert!(
                !prose
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .any(|w| w.len() > 4
                        && ![
                            "regex", "group", "loose", "document", "headings", "title", "sections",
                            "patterns", "true", "false", "binary", "base64"
                        ]
                        .contains(&w)),
                "English left in {chinese:?}"
            );
        }
    }

    /// Every text of the default pack that cites something: each rule's
    /// message, help and basis (with its cited documents), and each
    /// substitution pair's help and basis.
    fn citing_texts(compiled: &Compiled) -> Vec<(String, String)> {
        let mut texts = Vec::new();
        for (rule, check) in compiled.rules.iter().zip(&compiled.checks) {
            let own = [
                Some(rule.message.as_str().to_owned()),
                rule.help.clone(),
                rule.full_basis(),
            ];
            texts.extend(own.into_iter().flatten().map(|t| (rule.id.clone(), t)));
            if let Check::Substitute { replacements, .. } = check {
                for pair in replacements {
                    let pair_texts = [
                        pair.help.clone(),
                        pair.basis.clone(),
                        Some(pair.right.clone()),
                    ];
                    texts.extend(
                        pair_texts
                            .into_iter()
                            .flatten()
                            .map(|t| (rule.id.clone(), t)),
                    );
                }
            }
        }
        texts
    }

    /// A document number a rule cites (国办发〔2023〕27号, 国务院令第825号)
    /// is one the pack's table of documents gives, so a wrong number
    /// (27号 for the 2024 opinion, 186号 for 194号) cannot hide in a basis.
    #[test]
    fn every_document_number_the_pack_cites_is_in_its_table_of_documents() {
        let compiled = load(&fazhi()).expect("the embedded pack loads");
        let numbers: Vec<&str> = compiled
            .documents
            .iter()
            .filter_map(|d| d.number.as_deref())
            .collect();
        assert!(numbers.len() >= 10, "{numbers:?}");
        let number = regex::Regex::new(r"\p{Han}+〔\d{4}〕\d+号|国务院令第\d+号|国令第\d+号")
            .expect("constant regex");
        let mut cited = 0;
        for (rule, text) in citing_texts(&compiled) {
            for found in number.find_iter(&text) {
                cited += 1;
                assert!(
                    numbers.contains(&found.as_str()),
                    "rule {rule} cites {} which the table does not know: {text}",
                    found.as_str()
                );
            }
        }
        assert!(cited >= 10, "{cited} numbers cited");
    }

    /// A document title a rule cites in 《》 is a title of the pack's table
    /// (or one of the few sources that are not documents of the genre: a
    /// dictionary, a standard, a newspaper), so a title cited wrongly (the
    /// 述法 opinion without 工作) fails here.
    #[test]
    fn every_title_the_pack_cites_is_in_its_table_of_documents() {
        const NOT_DOCUMENTS: &[&str] = &[
            "现代汉语词典",
            "标点符号用法",
            "出版物上数字用法",
            "法治日报",
            "法制日报",
            "中华人民共和国宪法",
            "宪法",
            "规定",
        ];
        let compiled = load(&fazhi()).expect("the embedded pack loads");
        let titles: Vec<&str> = compiled
            .documents
            .iter()
            .map(|d| d.title.as_str())
            .collect();
        let quoted = regex::Regex::new(r"《([^《》]+)》").expect("constant regex");
        let mut cited = 0;
        for (rule, text) in citing_texts(&compiled) {
            if rule.starts_with("document-title") || rule == "year-range-dash" {
                // Their examples of wrong titles are in their help.
                continue;
            }
            for found in quoted.captures_iter(&text) {
                let title = &found[1];
                cited += 1;
                assert!(
                    titles.contains(&title) || NOT_DOCUMENTS.contains(&title),
                    "rule {rule} cites 《{title}》, which the table does not know: {text}"
                );
            }
        }
        assert!(cited >= 30, "{cited} titles cited");
    }

    /// The table's own consistency: unique ids, a series' documents follow
    /// one another, and every document some rule uses.
    #[test]
    fn the_table_of_documents_is_consistent_and_used() {
        let compiled = load(&fazhi()).expect("the embedded pack loads");
        let texts = citing_texts(&compiled);
        let documents = &compiled.documents;
        for (i, a) in documents.iter().enumerate() {
            assert!(
                documents[i + 1..].iter().all(|b| b.id != a.id),
                "{} twice",
                a.id
            );
            if let Some(series) = &a.series {
                let reports = a.reports.expect("a series document has report years");
                for b in documents[i + 1..]
                    .iter()
                    .filter(|b| b.series.as_ref() == Some(series))
                {
                    let next = b.reports.expect("report years");
                    assert!(
                        reports.to.is_some_and(|to| to < next.from),
                        "{} and {} overlap",
                        a.id,
                        b.id
                    );
                }
            }
            let used = compiled
                .rules
                .iter()
                .any(|r| r.documents.used.iter().any(|d| d.id == a.id));
            let quoted = a.quoted();
            let named = texts.iter().any(|(_, text)| {
                text.contains(&quoted) || a.number.as_ref().is_some_and(|n| text.contains(n))
            });
            assert!(used || named, "no rule uses or cites {}", a.id);
        }
        assert_eq!(compiled.packs.len(), 1, "{:?}", compiled.packs);
        assert!(!compiled.packs[0].version.is_empty());
    }
}
