//! Whose report it is: the issuer (主体) and its kind, read as a careful
//! reader would from the many ways real reports say it, and where each came
//! from. When the text does not make it certain, nothing is said.
//!
//! In order:
//! 1. the title (`<主体>关于<YYYY>年度…`, `<YYYY>年度<主体>法治政府…`), after
//!    taking off what real pages put around it: a document number
//!    (`浙卫〔2024〕3号`), book-title marks, a site's name glued in front; of
//!    a joint title (`中共某县委 某县人民政府关于…`, `某自治区党委和政府…`)
//!    the government;
//! 2. the opening sentence (`2023年，某市司法局坚持以…`): the name that
//!    opens a clause and is followed by what it did;
//! 3. the signature above the closing date.
//!
//! A name without its locality (`市水务局`, `县人民政府`) gets it when the
//! page names exactly one place of that level (`某市`) in a 来源 line, the
//! signature, the opening or a quoted document title (《某县人民政府…》);
//! the text's own form is kept otherwise. The kind comes from the name's
//! ending, else from how the text speaks of itself (我局, 局党组 → a
//! department; 县政府常务会议, 区政府党组 → a government).
//!
//! Traditional characters (a mirror copy) are folded to simplified ones for
//! matching only: each folded character has the same UTF-8 length, so every
//! span is a span of the text as read, and the issuer keeps the text's form.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use serde::Serialize;

use super::found::Found;

/// Whether a report is a government's or a department's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IssuerKind {
    /// A people's government (人民政府), or a development zone's committee.
    Government,
    /// A government department or office (局、厅、委、办…).
    Department,
}

impl IssuerKind {
    /// The name used in rule files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            IssuerKind::Government => "government",
            IssuerKind::Department => "department",
        }
    }

    /// Parses the name used in rule files.
    pub fn parse(name: &str) -> Option<IssuerKind> {
        match name {
            "government" => Some(IssuerKind::Government),
            "department" => Some(IssuerKind::Department),
            _ => None,
        }
    }

    /// The kind an issuer's name implies, from its ending.
    pub fn of(name: &str) -> Option<IssuerKind> {
        let zone = ["开发区", "新区", "高新区", "园区", "示范区"]
            .iter()
            .any(|z| name.contains(z));
        if name.ends_with("政府")
            || (zone && (name.ends_with("管委会") || name.ends_with("管理委员会")))
        {
            return Some(IssuerKind::Government);
        }
        // A party committee (中共某县委员会, 某县委, 某镇党委) reports on
        // 法治建设 too, but is neither a government nor a department: its
        // kind is unknown rather than wrong.
        let party = [
            "省委",
            "市委",
            "县委",
            "区委",
            "州委",
            "旗委",
            "盟委",
            "党委",
            "党工委",
        ];
        if (name.starts_with("中共") && (name.ends_with("委员会") || name.ends_with('委')))
            || party.iter().any(|p| name.ends_with(p))
        {
            return None;
        }
        let department = [
            "局",
            "厅",
            "委",
            "委员会",
            "办",
            "办公室",
            "署",
            "中心",
            "院",
            "会",
            "部",
            "处",
            "所",
            "站",
            "队",
            "馆",
        ];
        department
            .iter()
            .any(|d| name.ends_with(d))
            .then_some(IssuerKind::Department)
    }
}

/// Where the issuer was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssuerSource {
    /// The title.
    Title,
    /// The title's name, with the locality the page gives.
    TitleWithLocality,
    /// The opening sentence.
    Opening,
    /// The opening sentence's name, with the locality the page gives.
    OpeningWithLocality,
    /// The signature above the closing date.
    Signature,
}

impl IssuerSource {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            IssuerSource::Title => "title",
            IssuerSource::TitleWithLocality => "title+locality",
            IssuerSource::Opening => "opening",
            IssuerSource::OpeningWithLocality => "opening+locality",
            IssuerSource::Signature => "signature",
        }
    }
}

/// Where the kind was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindSource {
    /// The issuer's name.
    Issuer,
    /// How the text speaks of itself (我局, 县政府常务会议…).
    Text,
}

impl KindSource {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            KindSource::Issuer => "issuer",
            KindSource::Text => "text",
        }
    }
}

/// The issuer of a report and its kind, with where they came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Issuer {
    /// The name, as the text writes it (with the page's locality added in
    /// front when it lacked one).
    pub name: Option<(Found<String>, IssuerSource)>,
    /// Government or department.
    pub kind: Option<(IssuerKind, KindSource)>,
}

/// Words after which the issuer's name ends in a title.
const TITLE_ENDS: [&str; 6] = [
    "关于",
    "法治政府建设",
    "法治建设",
    "依法行政",
    "推进法治",
    "法治政府",
];

/// An organisation's name: a run of Chinese (and brackets) ending in what
/// organisations are called. Capture 1 is the name.
static ORG: &str = r"((?:中共)?[\p{Han}（）()]{0,24}?(?:人民政府|政府|管理委员会|管委会|委员会|总局|局|厅|委|办公室|办|部|署|院|中心|所|站|队|处))";

/// A name opening a clause and followed by what it did.
static OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^{ORG}(?:党组|党委|党工委)?(?:坚持|深入|认真|以|紧紧|全面|始终|持续|围绕|高度|积极|紧扣|按照|聚焦|扎实|严格|着力|切实|立足|牢牢|强化|不断|大力|进一步|在|把|将|紧密|主动|全力|统筹|锚定|自觉|准确|贯彻|落实|深化|推进|依法|共|全年|结合|对标|聚力|秉持|树牢|忠实|抓|一手)"
    ))
    .expect("constant regex")
});

/// A place name of a level: capture 1 is the place (ending in its level),
/// capture 2 the level.
static PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([\p{Han}]{1,10}?(省|自治区|自治州|市|州|盟|地区|自治县|县|旗|区))")
        .expect("constant regex")
});

/// A 来源/发布机构 line's value.
static SOURCE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:来源|发布机构|信息来源|发文机关|发布单位)\s*[:：]\s*([\p{Han}（）()]{2,30})")
        .expect("constant regex")
});

/// A document number (`浙卫〔2024〕3号`, `某政发[2023]12号`).
static DOC_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{Han}]{0,12}[〔\[［【(（]\s*(?:19|20)[0-9]{2}\s*[〕\]］】)）]\s*[0-9]+\s*号")
        .expect("constant regex")
});

/// Names that are not an issuer: a body that organises or is reported to,
/// a meeting, a higher-level body quoted.
const NOT_ISSUERS: [&str; 9] = [
    "领导小组",
    "会议",
    "依法治",
    "法治建设委员会",
    "委员会办公室",
    "中央",
    "国务院",
    "党中央",
    "法治建设办",
];

/// Words before a name that make the clause not about the issuer (在…领导
/// 下, 根据…要求, 按照…部署).
const NOT_A_SUBJECT: [&str; 10] = [
    "在", "根据", "按照", "围绕", "以", "为", "经", "由", "对", "与",
];

/// Text markers of a department's own report, and of a government's.
const DEPARTMENT_MARKERS: [&str; 10] = [
    "我局",
    "本局",
    "我委",
    "本委",
    "我厅",
    "本厅",
    "我办",
    "局党组",
    "委党组",
    "厅党组",
];
const GOVERNMENT_MARKERS: [&str; 8] = [
    "县政府常务会",
    "市政府常务会",
    "区政府常务会",
    "政府常务会议",
    "政府党组",
    "我县",
    "我区",
    "本级政府",
];

/// Reads the issuer of a report from its text (see the module). `title` is
/// the outline's title span, `lines` the text's lines, `signature` the
/// signature line's name if there is one.
pub fn find(
    text: &str,
    title: Option<&Range<usize>>,
    lines: &[Range<usize>],
    signature: Option<&Found<String>>,
) -> Issuer {
    // Only the head of the text is read closely (the header, the title and
    // the opening lines): folded once, the same length as the text.
    let after = title.map_or(0, |t| t.end);
    let head = lines
        .iter()
        .filter(|l| l.start >= after && !text[(*l).clone()].trim().is_empty())
        .take(OPENING_LINES)
        .last()
        .map_or(after, |l| l.end)
        .max(after);
    let folded = fold(&text[..head]);
    let header = title.map_or(0, |t| t.start);
    let places = || localities(text, &folded[..header], signature);
    let mut issuer = Issuer::default();
    if let Some(name) = title.and_then(|t| in_title(&folded, t.clone())) {
        issuer.name = Some(with_locality(
            text,
            name,
            places,
            IssuerSource::Title,
            IssuerSource::TitleWithLocality,
        ));
    } else if let Some(name) = in_opening(&folded, title, lines) {
        issuer.name = Some(with_locality(
            text,
            name,
            places,
            IssuerSource::Opening,
            IssuerSource::OpeningWithLocality,
        ));
    } else if let Some(signature) = signature {
        issuer.name = Some((signature.clone(), IssuerSource::Signature));
    }
    issuer.kind = issuer
        .name
        .as_ref()
        .and_then(|(n, _)| IssuerKind::of(&fold(&n.value)))
        .map(|k| (k, KindSource::Issuer))
        .or_else(|| kind_from_text(text).map(|k| (k, KindSource::Text)));
    issuer
}

/// How many non-empty lines after the title the opening is looked for in.
const OPENING_LINES: usize = 3;

/// The issuer's span in a title, or `None`.
fn in_title(folded: &str, title: Range<usize>) -> Option<Range<usize>> {
    let text = &folded[title.clone()];
    // What real pages put before the name: a document number, a site's
    // name glued on, book-title marks, a bracketed label.
    let mut start = 0;
    if let Some(m) = DOC_NUMBER.find(text) {
        start = m.end();
    }
    let rest = &text[start..];
    let trimmed = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '《' | '“' | '"' | '【' | '[' | '「' | '：' | ':')
    });
    start += rest.len() - trimmed.len();
    // `<YYYY>年度<主体>…`: the name is after the year.
    if let Some(m) = YEAR_PREFIX.find(&text[start..]) {
        start += m.end();
    }
    let end = TITLE_ENDS
        .iter()
        .filter_map(|w| text[start..].find(w))
        .min()?
        + start;
    let mut name = start..end;
    // `<主体><YYYY>年…` without 度.
    if let Some(m) = YEAR_SUFFIX.find(&text[name.clone()]) {
        name.end = name.start + m.start();
    }
    // A joint title: the government's part.
    let value = &text[name.clone()];
    if let Some(government) = joint_government(value) {
        name = name.start + government.start..name.start + government.end;
    } else if let Some(cut) = glued_prefix(value) {
        name.start += cut;
    }
    let name = trim(text, name);
    let value = &text[name.clone()];
    // In the title's place a name need not end as an organisation's does
    // (某市档案馆, 某县供销合作社): the title says whose report it is.
    let count = value.chars().count();
    ((2..=40).contains(&count)
        && !NOT_ISSUERS.iter().any(|w| value.contains(w))
        && !value.contains(['。', '，', '；', '！', '？']))
    .then(|| title.start + name.start..title.start + name.end)
}

static YEAR_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:19|20)[0-9]{2}\s*年度?\s*").expect("constant regex"));
static YEAR_SUFFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*(?:19|20)[0-9]{2}\s*年").expect("constant regex"));

/// Of `中共某县委 某县人民政府`, `某县委、某县人民政府`, `某自治区党委和政府`:
/// the government's part (the whole when the government has no name of its
/// own: 党委和政府).
fn joint_government(name: &str) -> Option<Range<usize>> {
    let party = ["党委", "县委", "市委", "区委", "省委"]
        .iter()
        .any(|w| name.contains(w))
        || name.starts_with("中共");
    if !party {
        return None;
    }
    if !name.ends_with("政府") {
        return None;
    }
    let cut = name
        .char_indices()
        .filter(|(_, c)| c.is_whitespace() || matches!(c, '、' | '，' | ','))
        .map(|(i, c)| i + c.len_utf8())
        .next_back();
    match cut {
        Some(at) if name[at..].trim().chars().count() >= 4 => Some(at..name.len()),
        _ if name.contains("党委和") || name.contains("党委、") => Some(0..name.len()),
        _ => None,
    }
}

/// The length of a site's name glued in front of the issuer's (`法治网
/// 某市司法局…`, `XX政府网某县…`): what comes before the first place name
/// when it ends with a site's word.
fn glued_prefix(name: &str) -> Option<usize> {
    const SITE_WORDS: [&str; 6] = ["网", "在线", "门户", "客户端", "新闻", "头条"];
    // The site's word before the place (`法治网 某市…`, `法治网某市…`): the
    // name starts at the place after the last site word in the first
    // characters.
    let head_end = name.char_indices().nth(12).map_or(name.len(), |(i, _)| i);
    let cut = SITE_WORDS
        .iter()
        .filter_map(|w| name[..head_end].rfind(w).map(|i| i + w.len()))
        .max()?;
    let rest = name[cut..].trim_start();
    let at = name.len() - rest.len();
    PLACE
        .find(rest)
        .is_some_and(|m| m.start() == 0)
        .then_some(at)
}

fn trim(text: &str, span: Range<usize>) -> Range<usize> {
    let value = &text[span.clone()];
    let strip = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '（' | '(' | '）' | ')' | '《' | '》' | '“' | '”' | '"' | '，' | ',' | '：' | ':'
            )
    };
    let start = span.start + (value.len() - value.trim_start_matches(strip).len());
    let end = span.start + value.trim_end_matches(strip).len();
    start..end.max(start)
}

/// Whether a name is an issuer: two characters or more, an organisation's
/// ending, and not a meeting, a leading group or a higher body.
fn plausible(name: &str) -> bool {
    let count = name.chars().count();
    (2..=40).contains(&count)
        && IssuerKind::of(name).is_some()
        && !NOT_ISSUERS.iter().any(|w| name.contains(w))
        && !name.contains(['。', '，', '；', '：', '！', '？'])
}

/// The issuer named by the opening: the first paragraphs after the title
/// (up to three non-empty lines), the name that opens a clause and is
/// followed by what it did.
fn in_opening(
    folded: &str,
    title: Option<&Range<usize>>,
    lines: &[Range<usize>],
) -> Option<Range<usize>> {
    let after = title.map_or(0, |t| t.end);
    let paragraphs = lines
        .iter()
        .filter(|l| l.start >= after && l.end <= folded.len())
        .filter(|l| !folded[(*l).clone()].trim().is_empty())
        .take(OPENING_LINES);
    for line in paragraphs {
        let text = &folded[line.clone()];
        // The first sentence of the paragraph.
        let sentence_end = text.find('。').map_or(text.len(), |i| i + '。'.len_utf8());
        let mut clause_start = 0;
        for (i, c) in text[..sentence_end]
            .char_indices()
            .chain(std::iter::once((sentence_end, '，')))
        {
            if !matches!(c, '，' | ',' | '；' | '。') {
                continue;
            }
            let raw = &text[clause_start..i];
            let offset = line.start + clause_start;
            clause_start = i + c.len_utf8();
            let clause = strip_time(raw.trim_start());
            // Where the clause (after the time phrase) starts in the text.
            let clause_at = offset + (raw.len() - clause.len());
            if NOT_A_SUBJECT.iter().any(|w| clause.starts_with(w)) {
                continue;
            }
            let Some(caps) = OPENING.captures(clause) else {
                continue;
            };
            let Some(m) = caps.get(1) else { continue };
            let name = m.as_str();
            if !plausible(name) || !names_itself(name) || party_committee(name) {
                continue;
            }
            return Some(clause_at + m.start()..clause_at + m.end());
        }
    }
    None
}

/// Whether a name is a party committee (市委, 县委, 某区党委): in the
/// opening of a government's or a department's report it is the body that
/// led, not the issuer.
fn party_committee(name: &str) -> bool {
    [
        "市委",
        "县委",
        "区委",
        "省委",
        "州委",
        "旗委",
        "党委",
        "党工委",
    ]
    .iter()
    .any(|w| name.ends_with(w))
}

/// Takes a leading time phrase off a clause (`2023年`, `2023年以来`, `今年`).
fn strip_time(clause: &str) -> &str {
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:(?:19|20)[0-9]{2}\s*年度?(?:以来|来|中|内)?|今年以来|今年|近年来|一年来|过去一年)\s*")
            .expect("constant regex")
    });
    TIME.find(clause).map_or(clause, |m| &clause[m.end()..])
}

/// Whether a name names an organisation itself (a place or a level word in
/// front: 某市司法局, 市司法局, 区政府, 生态环境部), not a role (局领导).
fn names_itself(name: &str) -> bool {
    let name = name.trim_start_matches("中共");
    PLACE.find(name).is_some_and(|m| m.start() == 0)
        || name.starts_with(['市', '县', '区', '省', '州', '旗'])
        || name.chars().count() <= 8 && name.ends_with(['部', '署'])
        || name.ends_with("总局")
}

/// The places of each level the page names outside the title: in a 来源
/// line, the signature, the site's name above the title and quoted
/// document titles.
/// `(level, place)` pairs, each place once.
fn localities(
    text: &str,
    header: &str,
    signature: Option<&Found<String>>,
) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    let mut add = |text: &str| {
        if let Some(caps) = PLACE.captures(text)
            && let (Some(place), Some(level)) = (caps.get(1), caps.get(2))
            && place.start() == 0
        {
            let place = place.as_str().to_owned();
            let level = level.as_str().to_owned();
            // A bare level word is no place.
            if place.chars().count() > level.chars().count()
                && !found.iter().any(|(_, p)| *p == place)
            {
                found.push((level, place));
            }
        }
    };
    for caps in SOURCE_LINE.captures_iter(text) {
        if let Some(value) = caps.get(1) {
            add(&fold(value.as_str()));
        }
    }
    if let Some(signature) = signature {
        add(&fold(&signature.value));
    }
    // The page's header above the title: a site's name (某县人民政府门户网站).
    for line in header.lines() {
        let line = line.trim();
        if line.contains("政府") || line.contains("网站") {
            add(line);
        }
    }
    // Quoted document titles: 《某县人民政府常务会会前学法制度》.
    for (i, _) in text.match_indices('《').take(200) {
        let quoted = &text[i + '《'.len_utf8()..];
        // A book title is short: look for its end nearby only.
        let near = &quoted[..quoted
            .char_indices()
            .nth(60)
            .map_or(quoted.len(), |(at, _)| at)];
        let Some(end) = near.find('》') else {
            continue;
        };
        let quoted = fold(&near[..end]);
        if quoted.contains("人民政府") || quoted.contains("政府办") {
            add(&quoted);
        }
    }
    found
}

/// A name, with the page's locality in front when it starts with a bare
/// level word (市水务局, 县人民政府) and the page names exactly one place of
/// that level.
fn with_locality(
    text: &str,
    span: Range<usize>,
    localities: impl FnOnce() -> Vec<(String, String)>,
    plain: IssuerSource,
    localised: IssuerSource,
) -> (Found<String>, IssuerSource) {
    // A name wrapped over two lines of the title is one name.
    let value: String = text[span.clone()]
        .chars()
        .filter(|c| !matches!(c, '\n' | '\r'))
        .collect();
    let folded = fold(&value);
    let level: Option<&str> = ["自治区", "自治州", "省", "市", "县", "区", "州", "旗"]
        .into_iter()
        .find(|l| folded.starts_with(l));
    if let Some(level) = level {
        let localities = localities();
        let places: Vec<&String> = localities
            .iter()
            .filter(|(l, _)| l == level)
            .map(|(_, p)| p)
            .collect();
        if let [place] = places.as_slice() {
            return (
                Found {
                    value: format!("{place}{}", &value[level.len()..]),
                    span,
                },
                localised,
            );
        }
    }
    (Found { value, span }, plain)
}

/// The kind the text implies when the name does not: how it speaks of
/// itself, if one way clearly dominates.
fn kind_from_text(folded: &str) -> Option<IssuerKind> {
    let count = |markers: &[&str]| -> usize {
        markers
            .iter()
            .map(|m| folded.matches(m).take(20).count())
            .sum()
    };
    let department = count(&DEPARTMENT_MARKERS);
    let government = count(&GOVERNMENT_MARKERS);
    if department >= 1 && department >= 2 * government {
        Some(IssuerKind::Department)
    } else if government >= 1 && government >= 2 * department {
        Some(IssuerKind::Government)
    } else {
        None
    }
}

/// The text with traditional characters replaced by simplified ones of the
/// same UTF-8 length (see the module), for matching.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            TRADITIONAL
                .binary_search_by_key(&c, |&(t, _)| t)
                .map_or(c, |i| TRADITIONAL[i].1)
        })
        .collect()
}

/// Traditional characters common in reports' titles and names, with their
/// simplified forms; sorted by the traditional character. Every pair has
/// the same UTF-8 length (three bytes).
static TRADITIONAL: [(char, char); 97] = {
    let mut table = [
        ('於', '于'),
        ('與', '与'),
        ('專', '专'),
        ('業', '业'),
        ('東', '东'),
        ('兩', '两'),
        ('嚴', '严'),
        ('個', '个'),
        ('為', '为'),
        ('義', '义'),
        ('習', '习'),
        ('書', '书'),
        ('亂', '乱'),
        ('爭', '争'),
        ('產', '产'),
        ('們', '们'),
        ('價', '价'),
        ('來', '来'),
        ('備', '备'),
        ('傳', '传'),
        ('僑', '侨'),
        ('優', '优'),
        ('億', '亿'),
        ('內', '内'),
        ('農', '农'),
        ('創', '创'),
        ('劃', '划'),
        ('動', '动'),
        ('務', '务'),
        ('勞', '劳'),
        ('區', '区'),
        ('協', '协'),
        ('員', '员'),
        ('問', '问'),
        ('單', '单'),
        ('國', '国'),
        ('園', '园'),
        ('圖', '图'),
        ('團', '团'),
        ('執', '执'),
        ('報', '报'),
        ('場', '场'),
        ('壇', '坛'),
        ('壓', '压'),
        ('處', '处'),
        ('夠', '够'),
        ('學', '学'),
        ('實', '实'),
        ('審', '审'),
        ('對', '对'),
        ('導', '导'),
        ('屬', '属'),
        ('幹', '干'),
        ('廣', '广'),
        ('廳', '厅'),
        ('構', '构'),
        ('應', '应'),
        ('開', '开'),
        ('強', '强'),
        ('總', '总'),
        ('戰', '战'),
        ('據', '据'),
        ('數', '数'),
        ('會', '会'),
        ('條', '条'),
        ('機', '机'),
        ('檢', '检'),
        ('權', '权'),
        ('歲', '岁'),
        ('決', '决'),
        ('況', '况'),
        ('濟', '济'),
        ('無', '无'),
        ('發', '发'),
        ('監', '监'),
        ('環', '环'),
        ('現', '现'),
        ('規', '规'),
        ('設', '设'),
        ('說', '说'),
        ('證', '证'),
        ('議', '议'),
        ('護', '护'),
        ('財', '财'),
        ('貫', '贯'),
        ('資', '资'),
        ('進', '进'),
        ('運', '运'),
        ('過', '过'),
        ('鄉', '乡'),
        ('鎮', '镇'),
        ('關', '关'),
        ('隊', '队'),
        ('黨', '党'),
        ('縣', '县'),
        ('辦', '办'),
        ('衛', '卫'),
    ];
    // Sorted at compile time (insertion sort), so the table can be written
    // in any order; a duplicate keeps both (binary search finds one).
    let mut i = 1;
    while i < table.len() {
        let mut j = i;
        while j > 0 && (table[j - 1].0 as u32) > (table[j].0 as u32) {
            let t = table[j - 1];
            table[j - 1] = table[j];
            table[j] = t;
            j -= 1;
        }
        i += 1;
    }
    table
};

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::document::{Document, Format};
    use crate::text::source::SourceFile;

    /// (issuer, its source, kind, the kind's source, year) as read.
    type Read = (
        Option<String>,
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
        Option<u32>,
    );

    fn read(text: &str) -> Read {
        let document = Document::parse(SourceFile::new("t.txt", text), Format::Text);
        let m = document.metadata();
        if let Some(issuer) = &m.issuer
            && m.issuer_source != Some(IssuerSource::TitleWithLocality)
            && m.issuer_source != Some(IssuerSource::OpeningWithLocality)
        {
            // The span is the name as the text writes it.
            assert_eq!(&text[issuer.span.clone()], issuer.value, "{text}");
        }
        (
            m.issuer.as_ref().map(|i| i.value.clone()),
            m.issuer_source.map(IssuerSource::as_str),
            m.issuer_kind.map(IssuerKind::as_str),
            m.kind_source.map(KindSource::as_str),
            m.year.as_ref().map(|y| y.value),
        )
    }

    fn issuer(text: &str) -> Option<String> {
        read(text).0
    }

    const BODY: &str =
        "一、主要举措和成效\n全年办结复议案件四件。\n二、存在的不足和原因\n人员不足。\n";

    #[test]
    fn no_title_the_issuer_opens_the_first_sentence() {
        let text =
            format!("2023年，澹江市司法局坚持以习近平法治思想为指导，扎实推进各项工作。\n{BODY}");
        assert_eq!(
            read(&text),
            (
                Some("澹江市司法局".into()),
                Some("opening"),
                Some("department"),
                Some("issuer"),
                Some(2023)
            )
        );
        // A ministry is a department too.
        let text = format!("2021年，生态环境部坚持依法行政，全面推进法治政府建设。\n{BODY}");
        assert_eq!(read(&text).0.as_deref(), Some("生态环境部"));
        assert_eq!(read(&text).2, Some("department"));
        // After a clause that is not about it.
        let text = format!("在市委市政府的坚强领导下，澹江市交通运输局深入推进依法行政。\n{BODY}");
        assert_eq!(issuer(&text).as_deref(), Some("澹江市交通运输局"));
        let text = format!(
            "根据市推进依法行政工作领导小组办公室统一要求，市科技局严格落实年度报告制度。\n{BODY}"
        );
        assert_eq!(issuer(&text).as_deref(), Some("市科技局"));
    }

    #[test]
    fn we_report_says_the_kind_not_the_name() {
        let text = format!(
            "关于2022年法治政府建设情况的报告\n现将我局2022年法治政府建设情况报告如下：\n{BODY}局党组专题研究两次。\n"
        );
        let (name, _, kind, kind_source, year) = read(&text);
        assert_eq!(name, None);
        assert_eq!((kind, kind_source), (Some("department"), Some("text")));
        assert_eq!(year, Some(2022));
        let text = format!(
            "关于2023年法治政府建设情况的报告\n2023年，我区以法治政府示范创建为抓手。\n{BODY}区政府常务会议学法四次。\n"
        );
        assert_eq!(read(&text).2, Some("government"));
    }

    #[test]
    fn a_title_without_its_place_gets_the_place_the_page_names() {
        // A 来源 line.
        let text = format!(
            "市水务局2024年度法治政府建设情况报告\n来源：澹江市人民政府办公室  发布时间：2025-03-20\n{BODY}"
        );
        let (name, source, ..) = read(&text);
        assert_eq!(name.as_deref(), Some("澹江市水务局"));
        assert_eq!(source, Some("title+locality"));
        // The signature.
        let text = format!(
            "县人民政府关于2023年度法治政府建设情况的报告\n{BODY}\n蓠川县人民政府\n2024年3月2日\n"
        );
        assert_eq!(issuer(&text).as_deref(), Some("蓠川县人民政府"));
        assert_eq!(read(&text).2, Some("government"));
        // A document title quoted in the body.
        let text = format!(
            "县人民政府2024年度法治政府建设情况报告\n{BODY}修订《芩岭县人民政府常务会会前学法制度》。\n"
        );
        assert_eq!(issuer(&text).as_deref(), Some("芩岭县人民政府"));
        // The site's name above the title.
        let text = format!("澹江市人民政府门户网站\n市水务局2024年度法治政府建设情况报告\n{BODY}");
        assert_eq!(issuer(&text).as_deref(), Some("澹江市水务局"));
        // A signature dated by month only.
        let text = format!(
            "关于2024年度法治政府建设情况的报告\n{BODY}\n芩岭县退役军人事务局\n2025年1月\n"
        );
        assert_eq!(issuer(&text).as_deref(), Some("芩岭县退役军人事务局"));
        assert_eq!(read(&text).1, Some("signature"));
        // Two places of that level: not certain, the text's form is kept.
        let text = format!(
            "市水务局2024年度法治政府建设情况报告\n来源：澹江市人民政府\n{BODY}\n溱阳市水务局\n2025年2月2日\n"
        );
        assert_eq!(issuer(&text).as_deref(), Some("市水务局"));
        assert_eq!(read(&text).1, Some("title"));
    }

    #[test]
    fn abbreviations_keep_the_texts_form_and_their_kind() {
        for (title, name, kind) in [
            (
                "市人社局2023年度法治政府建设工作总结",
                "市人社局",
                "department",
            ),
            (
                "区政府关于2023年度法治政府建设情况的报告",
                "区政府",
                "government",
            ),
            (
                "省卫生健康委2024年度法治政府建设情况报告",
                "省卫生健康委",
                "department",
            ),
            ("县政府2022年度法治政府建设工作报告", "县政府", "government"),
        ] {
            let text = format!("{title}\n{BODY}");
            let (got, _, got_kind, _, _) = read(&text);
            assert_eq!(
                (got.as_deref(), got_kind),
                (Some(name), Some(kind)),
                "{title}"
            );
        }
    }

    #[test]
    fn joint_titles_are_the_governments() {
        let text = format!("中共芩岭县委 芩岭县人民政府关于2023年度法治政府建设情况的报告\n{BODY}");
        assert_eq!(read(&text).0.as_deref(), Some("芩岭县人民政府"));
        assert_eq!(read(&text).2, Some("government"));
        let text = format!("澹南自治区党委和政府关于2022年度法治政府建设情况的报告\n{BODY}");
        assert_eq!(read(&text).0.as_deref(), Some("澹南自治区党委和政府"));
        assert_eq!(read(&text).2, Some("government"));
    }

    #[test]
    fn what_pages_put_around_a_title_is_not_the_issuer() {
        for title in [
            "澹卫〔2024〕3号 澹江市卫生健康委员会关于2023年度法治政府建设情况的报告",
            "《澹江市卫生健康委员会2023年度法治政府建设情况报告》",
            "法治网澹江市卫生健康委员会2023年度法治政府建设情况报告",
        ] {
            let text = format!("{title}\n{BODY}");
            assert_eq!(
                issuer(&text).as_deref(),
                Some("澹江市卫生健康委员会"),
                "{title}"
            );
        }
        // The number on the line before.
        let text = format!(
            "澹卫〔2024〕3号\n澹江市卫生健康委员会关于2023年度法治政府建设情况的报告\n{BODY}"
        );
        assert_eq!(issuer(&text).as_deref(), Some("澹江市卫生健康委员会"));
    }

    #[test]
    fn a_mirror_copy_in_traditional_characters() {
        let text = "澹江市司法局關於2023年度法治政府建設情況的報告\n一、主要舉措和成效\n全年辦結複議案件四件。\n";
        let (name, source, kind, _, year) = read(text);
        assert_eq!(name.as_deref(), Some("澹江市司法局"));
        assert_eq!(source, Some("title"));
        assert_eq!(kind, Some("department"));
        assert_eq!(year, Some(2023));
        assert_eq!(fold("關於報告").len(), "關於報告".len());
        assert_eq!(fold("關於報告"), "关于报告");
    }

    #[test]
    fn the_year_is_the_year_reported_on_not_a_plans_range() {
        let text = format!(
            "澹江市司法局贯彻落实《法治政府建设实施纲要（2021—2025年）》2023年度情况报告\n{BODY}"
        );
        assert_eq!(read(&text).4, Some(2023));
        let text = format!(
            "关于法治政府建设情况的报告\n对照《纲要（2021—2025年）》，2024年我局完成了各项任务。\n{BODY}"
        );
        assert_eq!(read(&text).4, Some(2024));
    }

    #[test]
    fn look_alikes_are_not_issuers() {
        for opening in [
            "2023年，市委全面依法治市委员会第三次会议审议通过了年度工作要点。",
            "2023年，国务院印发了新的实施意见，各地认真贯彻。",
            "2023年，市法治政府建设领导小组办公室组织开展督察。",
            "2023年，局领导高度重视法治建设。",
            "市委法治建设办：",
        ] {
            let text = format!("{opening}\n{BODY}");
            assert_eq!(issuer(&text), None, "{opening}");
        }
    }

    #[test]
    fn a_party_committee_is_neither_a_government_nor_a_department() {
        for name in [
            "中共桃源县委员会",
            "中共桃源县委",
            "桃源县委",
            "桃源镇党委",
            "某开发区党工委",
        ] {
            assert_eq!(IssuerKind::of(name), None, "{name}");
        }
        assert_eq!(
            IssuerKind::of("桃源县卫生健康委员会"),
            Some(IssuerKind::Department)
        );
        assert_eq!(
            IssuerKind::of("桃源县发展和改革委"),
            Some(IssuerKind::Department)
        );
        assert_eq!(
            IssuerKind::of("桃源镇人民政府"),
            Some(IssuerKind::Government)
        );
    }
}
