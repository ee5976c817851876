//! The default pack judges a report by its year, through the pack's table
//! of documents (`rules/fazhi/00-documents.yaml`): which 纲要 and 普法 plan
//! apply, which laws a topic's basis cites, which topics are asked of a
//! report on 2024 and later. The fixtures `reports/year-*.{txt,md}` are
//! reports on 2020, 2023, 2025 and 2026 written for this (see
//! `fixtures/EXPECTED-PACK.md`).

#![allow(clippy::unwrap_used)]

use fzlint::packs::default_pack;
use fzlint_core::document::{Document, Format};
use fzlint_core::engine::Engine;
use fzlint_core::finding::Finding;
use fzlint_core::text::source::SourceFile;

fn engine() -> Engine {
    Engine::load(&default_pack()).unwrap()
}

fn check(engine: &Engine, name: &str, text: &str) -> Vec<Finding> {
    let format = if name.ends_with(".md") {
        Format::Markdown
    } else {
        Format::Text
    };
    engine
        .check_document(Document::parse(SourceFile::new(name, text), format))
        .findings
}

fn fixture(engine: &Engine, name: &str) -> (String, Vec<Finding>) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/reports")
        .join(name);
    let text = std::fs::read_to_string(path).unwrap();
    let findings = check(engine, name, &text);
    (text, findings)
}

fn of<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

const NEW_TOPICS: [&str; 4] = [
    "topic-reconsideration-reform",
    "topic-enforcement-coordination",
    "topic-enterprise-inspection",
    "topic-pufa-law",
];

#[test]
fn a_report_on_2020_may_cite_the_2015_outline_and_gets_no_topic_of_later_years() {
    let engine = engine();
    let (text, findings) = fixture(&engine, "year-2020-county.txt");
    assert!(text.contains("《法治政府建设实施纲要（2015—2020年）》"));
    assert!(
        of(&findings, "outdated-outline").is_empty(),
        "{findings:#?}"
    );
    assert!(of(&findings, "outdated-goal-formula").is_empty());
    for topic in NEW_TOPICS {
        assert!(
            of(&findings, topic).is_empty(),
            "{topic} on a report on 2020"
        );
    }
    // The 七五 plan cited with the wrong end year gets the table's years.
    let years = of(&findings, "document-years");
    assert_eq!(years.len(), 1, "{findings:#?}");
    assert_eq!(&text[years[0].span.clone()], "2016—2021");
    assert_eq!(years[0].replacement.as_deref(), Some("2016—2020"));
    assert!(
        years[0]
            .basis
            .as_deref()
            .unwrap()
            .contains("第七个五年规划")
    );
}

#[test]
fn a_report_on_2023_citing_the_2015_outline_is_told_which_one_applies() {
    let engine = engine();
    let (text, findings) = fixture(&engine, "year-2023-bureau.txt");
    let outdated = of(&findings, "outdated-outline");
    assert_eq!(outdated.len(), 1, "{findings:#?}");
    assert!(text[outdated[0].span.clone()].contains("2015—2020"));
    let help = outdated[0].help.as_deref().unwrap();
    assert!(
        help.starts_with("2023年度适用的是《法治政府建设实施纲要（2021—2025年）》"),
        "{help}"
    );
    assert!(
        outdated[0]
            .basis
            .as_deref()
            .unwrap()
            .contains("中发〔2021〕33号")
    );
    // The citation of the current 纲要 in the introduction is not flagged.
    assert!(text.contains("落实《法治政府建设实施纲要（2021—2025年）》"));
    // A three-year plan cited as spanning two years.
    let years = of(&findings, "document-years");
    assert_eq!(years.len(), 1, "{findings:#?}");
    assert_eq!(years[0].replacement.as_deref(), Some("2023—2025"));
    for topic in NEW_TOPICS {
        assert!(
            of(&findings, topic).is_empty(),
            "{topic} on a report on 2023"
        );
    }
}

#[test]
fn a_report_on_2025_gets_the_topics_and_titles_of_2024_and_2025() {
    let engine = engine();
    let (text, findings) = fixture(&engine, "year-2025-county.md");
    // It names no 行政复议法 reform and no 涉企 inspection: both asked;
    // it has a 行政执法协调监督局: that one is not.
    assert_eq!(of(&findings, "topic-reconsideration-reform").len(), 1);
    assert_eq!(of(&findings, "topic-enterprise-inspection").len(), 1);
    assert!(of(&findings, "topic-enforcement-coordination").is_empty());
    assert!(
        of(&findings, "topic-pufa-law").is_empty(),
        "2026 and later only"
    );
    let inspection = of(&findings, "topic-enterprise-inspection")[0];
    assert!(
        inspection
            .basis
            .as_deref()
            .unwrap()
            .contains("国办发〔2024〕54号")
    );
    let title = of(&findings, "document-title");
    assert_eq!(title.len(), 1, "{findings:#?}");
    assert_eq!(
        title[0].replacement.as_deref(),
        Some("《习近平法治思想学习纲要（2025年版）》")
    );
    let years = of(&findings, "document-years");
    assert_eq!(years.len(), 1, "{findings:#?}");
    assert_eq!(&text[years[0].span.clone()], "2025—2025");
    assert_eq!(years[0].replacement.as_deref(), Some("2021—2025"));
    let dash = of(&findings, "year-range-dash");
    assert_eq!(dash.len(), 1, "{findings:#?}");
    assert_eq!(&text[dash[0].span.clone()], "20212025");
    assert_eq!(dash[0].replacement.as_deref(), Some("2021—2025"));
    // A local plan of 2023—2025 and the 三年行动计划's right years pass.
    assert!(
        text.contains("实施方案（2023—2025年）") && text.contains("三年行动计划（2023—2025年）")
    );
}

#[test]
fn a_report_on_2026_is_not_told_any_outline_is_current() {
    let engine = engine();
    let (text, findings) = fixture(&engine, "year-2026-city.txt");
    // The 2021—2025 纲要 has no known successor: citing it is not flagged;
    // the 2015—2020 one is, with no claim about what applies to 2026.
    let outdated = of(&findings, "outdated-outline");
    assert_eq!(outdated.len(), 1, "{findings:#?}");
    assert!(text[outdated[0].span.clone()].contains("2015—2020"));
    let help = outdated[0].help.as_deref().unwrap();
    assert!(help.contains("2026年度适用的后续文件尚未核实"), "{help}");
    assert!(!help.contains("适用的是"), "{help}");
    // 普法 without the new law and plan: the 九五 plan is named.
    let pufa = of(&findings, "topic-pufa-law");
    assert_eq!(pufa.len(), 1, "{findings:#?}");
    assert!(
        pufa[0]
            .help
            .as_deref()
            .unwrap()
            .contains("第九个五年规划（2026—2030年）")
    );
    let basis = pufa[0].basis.as_deref().unwrap();
    assert!(
        basis.contains("中华人民共和国法治宣传教育法") && !basis.contains("第八个"),
        "{basis}"
    );
    // The look-alikes stay quiet: the 2025 instruction's own words, a wave
    // dash in a year range, 法制审核.
    assert!(text.contains("新时代中国特色社会主义法治思想"));
    assert!(text.contains("（2026～2027年）"));
    assert!(text.contains("法制审核"));
    for rule in [
        "document-title",
        "year-range-dash",
        "canonical-term",
        "document-years",
    ] {
        assert!(of(&findings, rule).is_empty(), "{rule}: {findings:#?}");
    }
}

/// The same report, dated to different years: the help names the 普法
/// plan of that year, and a topic's basis cites the law revised for it.
#[test]
fn help_and_basis_follow_the_reports_year() {
    let engine = engine();
    let body = "\n一、主要举措和成效\n全年办理信访事项45件。\n二、存在的不足和原因\n培训不足，原因是经费少。\n";
    let report = |year: u32| format!("云岭县人民政府关于{year}年度法治政府建设情况的报告{body}");
    let help = |year: u32| {
        let findings = check(&engine, "r.txt", &report(year));
        let pufa = of(&findings, "topic-law-popularisation");
        assert_eq!(pufa.len(), 1, "{year}: {findings:#?}");
        (
            pufa[0].help.clone().unwrap(),
            pufa[0].basis.clone().unwrap(),
        )
    };
    let (help_2019, basis_2019) = help(2019);
    let (help_2024, basis_2024) = help(2024);
    let (help_2027, basis_2027) = help(2027);
    assert!(
        help_2019.contains("第七个五年规划（2016—2020年）"),
        "{help_2019}"
    );
    assert!(
        help_2024.contains("第八个五年规划（2021—2025年）"),
        "{help_2024}"
    );
    assert!(
        help_2027.contains("第九个五年规划（2026—2030年）"),
        "{help_2027}"
    );
    assert!(!basis_2019.contains("法治宣传教育法"), "{basis_2019}");
    assert!(!basis_2024.contains("法治宣传教育法") && basis_2024.contains("第八个"));
    assert!(basis_2027.contains("法治宣传教育法") && !basis_2027.contains("第八个"));
    // Every year cites the 2017 意见 (no report years: it applies to all).
    for basis in [&basis_2019, &basis_2024, &basis_2027] {
        assert!(basis.contains("中办发〔2017〕31号"), "{basis}");
    }

    let dispute = |year: u32| {
        let findings = check(&engine, "r.txt", &report(year).replace("信访事项", "来信"));
        let found = of(&findings, "topic-dispute-resolution");
        assert_eq!(found.len(), 1, "{year}: {findings:#?}");
        found[0].basis.clone().unwrap()
    };
    assert!(!dispute(2023).contains("行政复议法"));
    assert!(
        dispute(2024).contains("《中华人民共和国行政复议法》（2023年修订，2024年1月1日起施行）")
    );
}

/// A report whose year is unknown gets every cited document, and the
/// latest plan in the help.
#[test]
fn a_report_of_unknown_year_gets_every_cited_document() {
    let engine = engine();
    let text = "关于法治政府建设情况的报告\n一、主要举措和成效\n全年办理来信45件。\n";
    let findings = check(&engine, "r.txt", text);
    let pufa = of(&findings, "topic-law-popularisation");
    assert_eq!(pufa.len(), 1, "{findings:#?}");
    let basis = pufa[0].basis.as_deref().unwrap();
    for plan in ["第七个", "第八个", "第九个"] {
        assert!(basis.contains(plan), "{basis}");
    }
    assert!(pufa[0].help.as_deref().unwrap().contains("第九个五年规划"));
}
