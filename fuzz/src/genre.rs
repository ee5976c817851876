//! Pieces of the genre for the structure-aware targets: titles (XX县司法局
//! 2025年法治政府建设年度报告), dates, outline markers (一、（一）1.（1）) and
//! headings, sentences with the terms the rules look for, placeholders and
//! figures. All of it is invented here (the places are the fictional ones of
//! `fixtures/audit/`); none comes from a real report.

use crate::dice::Dice;

const PLACES: &[&str] = &[
    "XX县",
    "蓠川县",
    "澹江市",
    "枫渚区",
    "芩岭县",
    "某某市",
    "ＸＸ县",
    "XX",
    "澹江市蓠川县",
    "",
];

const AGENCIES: &[&str] = &[
    "司法局",
    "人民政府",
    "交通运输局",
    "市场监督管理局",
    "应急管理局",
    "统计局",
    "人民政府办公室",
    "文化广电旅游局",
    "卫生健康委员会",
    "城关镇人民政府",
    "街道办事处",
    "生态环境分局",
];

/// The issuer: a place and an agency.
pub fn issuer(dice: &mut Dice<'_>) -> String {
    format!("{}{}", dice.pick(PLACES), dice.pick(AGENCIES))
}

/// Digits as written: ASCII, full-width or Chinese numerals.
fn digits(dice: &mut Dice<'_>, n: u64) -> String {
    match dice.below(5) {
        1 => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c))
            .collect(),
        2 => n
            .to_string()
            .chars()
            .map(|c| {
                ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九']
                    [(c as u8 - b'0') as usize]
            })
            .collect(),
        _ => n.to_string(),
    }
}

/// A year: mostly 2015–2034, sometimes outside 1990–2099 or two-digit.
pub fn year(dice: &mut Dice<'_>) -> String {
    let y = match dice.below(12) {
        0 => [0, 25, 1899, 1989, 1990, 2099, 2100, 9999, 20250][dice.below(9)],
        _ => 2015 + u64::from(dice.byte() % 20),
    };
    digits(dice, y)
}

/// A date line: 2025年3月15日, 2025-03-15, full-width, Chinese numerals,
/// impossible ones (13月32日, 2月30日).
pub fn date(dice: &mut Dice<'_>) -> String {
    let y = year(dice);
    let (m, d) = match dice.below(8) {
        0 => (u64::from(dice.byte()), u64::from(dice.byte())),
        1 => (2, 30),
        _ => (
            1 + u64::from(dice.byte() % 12),
            1 + u64::from(dice.byte() % 28),
        ),
    };
    match dice.below(5) {
        0 => format!("{y}-{m:02}-{d:02}"),
        1 => format!("{y}/{m}/{d}"),
        2 => format!("{y}.{m}.{d}"),
        _ => {
            let (m, d) = (digits(dice, m), digits(dice, d));
            format!("{y}年{m}月{d}日")
        }
    }
}

/// A report title, often in the genre's form, sometimes not.
pub fn title(dice: &mut Dice<'_>) -> String {
    let (who, y) = (issuer(dice), year(dice));
    match dice.below(8) {
        0 => format!("关于{y}年度法治政府建设工作情况的报告"),
        1 => format!("{who}{y}年度法治政府建设情况报告"),
        2 => format!("{who}{y}年法治政府建设工作总结"),
        3 => format!("{who}法治政府建设年度报告"),
        4 => format!("{who}关于{y}年法治政府建设情况的报告"),
        _ => format!("{who}{y}年法治政府建设年度报告"),
    }
}

const CHINESE_NUMBERS: &[&str] = &[
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "二十", "〇",
];

/// An outline marker of level 0–3 (一、 （一） 1. （1）), numbered
/// `n` (0-based), in one of the forms authors use, right or wrong.
pub fn marker(dice: &mut Dice<'_>, level: usize, n: usize) -> String {
    let cn = CHINESE_NUMBERS[n % CHINESE_NUMBERS.len()];
    let ar = n + 1;
    match (level, dice.below(6)) {
        (0, 0) => format!("第{cn}部分 "),
        (0, 1) => format!("{cn}."),
        (0, _) => format!("{cn}、"),
        (1, 0) => format!("({cn})"),
        (1, 1) => format!("（{cn}）、"),
        (1, _) => format!("（{cn}）"),
        (2, 0) => format!("{ar}、"),
        (2, 1) => format!("{}．", digits(dice, ar as u64)),
        (2, _) => format!("{ar}."),
        (_, 0) => format!("({ar})"),
        (_, 1) => ["①", "②", "③", "④", "⑤", "⑩", "⑳"][n % 7].to_owned(),
        (_, _) => format!("（{ar}）"),
    }
}

const HEADINGS: &[&str] = &[
    "法治政府建设主要举措和成效",
    "存在的不足和原因",
    "存在的问题及原因",
    "党政主要负责人履行推进法治建设第一责任人职责情况",
    "下一年度推进法治政府建设的主要安排",
    "其他需要报告的情况",
    "深入学习贯彻习近平法治思想",
    "健全依法行政制度体系",
    "严格规范公正文明执法",
    "强化行政权力制约和监督",
    "依法有效化解社会矛盾纠纷",
    "推进政务公开",
    "下一步工作打算",
];

/// A heading's words.
pub fn heading(dice: &mut Dice<'_>) -> String {
    let words = dice.pick(HEADINGS);
    if dice.one_in(6) {
        format!("{}年{words}", year(dice))
    } else {
        words.to_owned()
    }
}

const SENTENCES: &[&str] = &[
    "以习近平法治思想为指导，全面贯彻落实党中央、国务院关于法治政府建设的决策部署。",
    "主要负责人切实履行推进法治建设第一责任人职责，召开常务会议专题研究法治政府建设工作。",
    "全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度。",
    "落实“谁执法谁普法”普法责任制，制定年度普法责任清单。",
    "对规范性文件和重大行政决策开展合法性审核，审核率达到百分之百。",
    "聘请执业律师担任常年法律顾问，参与合同审查和信访化解。",
    "认真办理行政复议和行政应诉案件，行政机关负责人出庭应诉。",
    "深入开展法制宣传教育，组织干部参加网上学法考试。",
    "在政府网站公开权力清单和责任清单，接受社会监督。",
    "对照年度工作要点逐项对账，确保各项任务落到实处。",
    "法治队伍建设仍有短板，执法人员专业能力有待提升。",
    "个别执法人员对新修订的法律法规学习不够深入。",
    "主要原因是对法治政府建设的重要性认识还不够到位。",
    "下一年度将继续健全依法决策机制，提高行政执法水平。",
    "特此报告。",
    "现将有关情况报告如下：",
    "根据《法治政府建设与责任落实督察工作规定》要求，",
    "全年共制定规范性文件【】件，废止XX件。",
    "组织开展××专项执法检查，检查企业____家。",
    "落实行政执法三项制度，严格执行罚缴分离。",
    "推进“放管服”改革，优化营商环境。",
];

/// Figures that add up, or do not: 共办理…12件，其中…8件、…4件.
pub fn figures(dice: &mut Dice<'_>) -> String {
    let a = u64::from(dice.byte());
    let b = u64::from(dice.byte());
    let total = if dice.one_in(3) { a + b + 1 } else { a + b };
    format!(
        "全年共办理行政复议案件{}件，其中维持{}件，撤销{}件。",
        digits(dice, total),
        digits(dice, a),
        digits(dice, b)
    )
}

/// One sentence: stock, with figures, a date or a year.
pub fn sentence(dice: &mut Dice<'_>) -> String {
    match dice.below(10) {
        0 => figures(dice),
        1 => format!("{}印发实施方案。", date(dice)),
        2 => format!("{}年，{}", year(dice), dice.pick(SENTENCES)),
        _ => dice.pick(SENTENCES).to_owned(),
    }
}

/// A paragraph of 1–4 sentences, sometimes opened by a lower-level marker.
pub fn paragraph(dice: &mut Dice<'_>) -> String {
    let mut out = String::new();
    if dice.one_in(3) {
        let (level, n) = (2 + dice.below(2), dice.below(12));
        out.push_str(&marker(dice, level, n));
    }
    for _ in 0..=dice.below(4) {
        out.push_str(&sentence(dice));
    }
    out
}

/// A heading line: a marker of `level` numbered `n`, and a heading.
pub fn heading_line(dice: &mut Dice<'_>, level: usize, n: usize) -> String {
    let marker = marker(dice, level, n);
    format!("{marker}{}", heading(dice))
}

/// The closing block: the issuer and the date of writing.
pub fn closing(dice: &mut Dice<'_>) -> (String, String) {
    (issuer(dice), date(dice))
}
