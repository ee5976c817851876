//! `.fzlint.yaml` read from text: errors at their values, the selection it
//! makes, the files a walk checks.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use fzlint_config::{FailLevel, STARTER, Settings};
use fzlint_core::engine::RuleSet;
use fzlint_core::error::RuleErrors;
use fzlint_core::finding::Severity;
use fzlint_core::pack::RuleSource;
use fzlint_core::yaml::YamlSource;

fn config(text: &str) -> Result<Settings, RuleErrors> {
    Settings::parse(YamlSource {
        name: ".fzlint.yaml".to_owned(),
        text: Arc::from(text),
    })
}

fn rules() -> RuleSet {
    let sources: Vec<RuleSource> = fzlint_fazhi::rule_files()
        .into_iter()
        .map(|f| RuleSource::embedded(f.name, f.text, f.json).in_pack(fzlint_fazhi::ID))
        .collect();
    RuleSet::load(&sources).unwrap()
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
    // A wrong shape (an unknown key) stops reading; wrong values are all
    // reported together with the rule selection.
    let RuleErrors(errors) = config("disable: [part-order]\nfail_levle: warning\n").unwrap_err();
    let at = errors[0].location.as_ref().unwrap();
    assert_eq!((at.line, at.column), (2, 1));
    assert!(
        errors[0].message.contains("fail_levle"),
        "{}",
        errors[0].message
    );
    let rules = rules();
    let RuleErrors(errors) = config("fail_level: fatal\ninclude: ['a/[b']\ndisable: [nope]\n")
        .unwrap()
        .selector(&rules)
        .unwrap_err();
    assert_eq!(errors.len(), 3);
    assert_eq!(errors[0].location.as_ref().unwrap().line, 1);
    assert_eq!(errors[1].location.as_ref().unwrap().line, 2);
    assert_eq!(errors[0].file, ".fzlint.yaml");
}

#[test]
fn selection_with_globs_enable_and_overrides() {
    let rules = rules();
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
    // As the engine asks for it, by the report's name (a page's folder
    // path, with either separator).
    use fzlint_core::engine::Select;
    assert!(
        !selector
            .select(&rules, "county\\x\\b.txt")
            .enabled(index("title-form"))
    );
    assert!(
        selector
            .select(&rules, "city/b.txt")
            .enabled(index("title-form"))
    );
}

#[test]
fn unknown_rule_ids_and_globs_are_errors() {
    let rules = rules();
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

/// `{a,{a,{a,…b}…}}`: a valid glob whose regex is too big to compile (it
/// made globset panic when compiled with `compile_matcher`).
fn nested_alternation(depth: usize) -> String {
    let mut glob = String::from("b");
    for _ in 0..depth {
        glob = format!("{{a,{glob}}}");
    }
    glob
}

#[test]
fn a_glob_too_big_to_compile_is_an_error_at_its_value_not_a_panic() {
    let rules = rules();
    let glob = nested_alternation(150);
    assert!(glob.len() > 500);
    for key in ["disable", "enable", "include", "exclude"] {
        let text = format!("fail_level: error\n{key}:\n  - '{glob}'\n");
        let result = config(&text).and_then(|c| c.selector(&rules).map(|_| ()));
        let RuleErrors(errors) = result.unwrap_err();
        assert_eq!(errors.len(), 1, "{key}: {errors:?}");
        let at = errors[0].location.as_ref().unwrap();
        assert_eq!((at.line, at.column), (3, 5), "{key}");
        assert!(errors[0].message.contains("glob"), "{}", errors[0].message);
    }
    let text = format!("overrides:\n  - files: ['{glob}']\n    disable: [part-order]\n");
    let RuleErrors(errors) = config(&text).unwrap().selector(&rules).unwrap_err();
    assert_eq!(errors[0].location.as_ref().unwrap().line, 2);
}

#[test]
fn walked_files_by_extension_include_and_exclude() {
    let config =
        config("include: ['reports/**']\nexclude: ['*.draft.md']\nextensions: [md]\n").unwrap();
    assert!(config.wants("reports/a.md"));
    assert!(config.wants("reports/A.MD"));
    assert!(!config.wants("reports/a.txt"));
    assert!(!config.wants("reports/.md"));
    assert!(!config.wants("other/a.md"));
    assert!(!config.wants("reports/deep/a.draft.md"));
    let none = Settings::none();
    assert!(none.wants("a/b/report.docx") && none.wants("x.HTM") && !none.wants("a.pdf"));
}

#[test]
fn paths_stay_as_written() {
    let config = config(
        "rules: [rules/province]\nbaseline: .fzlint-baseline.json\nno_default_rules: true\n",
    )
    .unwrap();
    let packs: Vec<&str> = config.packs.iter().map(|p| p.value.as_str()).collect();
    assert_eq!(packs, ["rules/province"]);
    assert_eq!(
        config.baseline.as_ref().unwrap().value,
        ".fzlint-baseline.json"
    );
    assert!(config.no_default_rules);
    let note = config.error_at(&config.baseline.as_ref().unwrap().at, "页面不使用基线");
    assert_eq!(note.location.as_ref().unwrap().line, 2);
}

#[test]
fn the_starter_config_sets_nothing() {
    let rules = rules();
    let config = config(STARTER).unwrap();
    assert!(config.packs.is_empty() && config.fail_level.is_none());
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
    let config = self::config(&uncommented).unwrap();
    assert_eq!(config.fail_level, Some(FailLevel::Error));
    config.selector(&rules).unwrap();
}

#[test]
fn similar_ids_are_suggested_only_when_close() {
    let rules = rules();
    assert_eq!(rules.similar_ids("part-ordr"), vec!["part-order"]);
    assert_eq!(rules.similar_ids("title-form"), vec!["title-form"]);
    let year = rules.similar_ids("year");
    assert!(!year.is_empty() && year.len() <= 3, "{year:?}");
    assert!(year.iter().all(|id| id.contains("year")), "{year:?}");
    assert!(rules.similar_ids("no-such-thing").is_empty());
}

/// `text` as GBK, as Notepad or WPS on Chinese Windows may save it.
fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
fn a_config_saved_as_gbk_or_utf16_reads_as_saved() {
    let rules = rules();
    let text = "# 本局配置：停用“部分顺序”\ndisable: [part-order]\noverrides:\n  - files: ['县级/**']\n    disable: [title-form]\n";
    let index = |id: &str| rules.rules().iter().position(|r| r.id == id).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    for bytes in [gbk(text), utf16, bom] {
        let selector = Settings::from_bytes(".fzlint.yaml", &bytes)
            .unwrap()
            .selector(&rules)
            .unwrap();
        assert!(!selector.base().enabled(index("part-order")));
        assert!(
            !selector
                .for_file(&rules, "县级/a.txt")
                .enabled(index("title-form"))
        );
    }
    // A mistake in a GBK file is reported at its place, in Chinese.
    let RuleErrors(errors) =
        Settings::from_bytes(".fzlint.yaml", &gbk("# 配置\ndisable: [part-ordr]\n"))
            .unwrap()
            .selector(&rules)
            .unwrap_err();
    let at = errors[0].location.as_ref().unwrap();
    assert_eq!((at.line, at.column), (2, 11));
    assert!(
        errors[0].message.contains("part-order"),
        "{}",
        errors[0].message
    );
    // Bytes that are no config are an error naming the file.
    let RuleErrors(errors) =
        Settings::from_bytes(".fzlint.yaml", b"\x00\x01\x02\xff\xfe\x00zz").unwrap_err();
    assert_eq!(errors[0].file, ".fzlint.yaml");
}

#[test]
fn a_repositorys_own_files_and_fzlints_copies_are_not_reports() {
    let none = Settings::none();
    for path in [
        "README.md",
        "reports/readme.txt",
        "CHANGELOG.md",
        "LICENSE.txt",
        "CONTRIBUTING.md",
        "docs/ci.md",
        "docs/guide/report.docx",
        "reports/甲县.fzlint.docx",
        "fzlint-summary.md",
    ] {
        assert!(!none.takes(path), "{path}");
    }
    for path in [
        "reports/甲县.docx",
        "reports/docs/乙县.md",
        "readme-notes/丙县.txt",
        "甲县.md",
    ] {
        assert!(none.takes(path), "{path}");
    }
    // The config's include takes them back.
    let config = config("include: ['docs/**', '*.md']\n").unwrap();
    assert!(config.takes("docs/report.md"));
    assert!(config.takes("README.md"));
}
