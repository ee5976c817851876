//! Report metadata: the issuer (主体) and whether it is a government or a
//! department, the report year, and the date of writing (成文日期).
//!
//! - The issuer and its kind: see [`crate::document::issuer`] (the title,
//!   the opening sentence, the signature line above the closing date, with
//!   the page's locality).
//! - The report year is the title's year, else the first `YYYY年` of the
//!   body's first part (the introduction and the first top-level section);
//!   never a year inside a book title or ending a range (a plan's
//!   `（2021—2025年）`).
//! - The date of writing is the last line that is only a date
//!   (`2024年2月26日`, `二〇二四年二月二十六日`), else a `成文日期：…` or
//!   `印发日期：…` line; the date of publication is a web page's
//!   `发布时间：…`/`发布日期：…` line.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

pub use crate::document::found::Found;
pub use crate::document::issuer::IssuerKind;
use crate::document::issuer::{self, IssuerSource, KindSource};
use crate::document::outline::Outline;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub year: u32,
    /// Month, 1–12.
    pub month: u32,
    /// Day, 1–31.
    pub day: u32,
}

impl std::fmt::Display for Date {
    /// ISO 8601: `2024-02-26`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Date {
    /// Parses `2024-02-26`, `2024/2/26`, `2024.2.26` or `2024年2月26日`
    /// (ASCII or full-width digits).
    pub fn parse(text: &str) -> Option<Date> {
        let caps = ANY_DATE.captures(text.trim())?;
        date(&caps)
    }
}

/// What fzlint knows about a report beyond its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// The issuer's name.
    pub issuer: Option<Found<String>>,
    /// Where the issuer was found.
    pub issuer_source: Option<IssuerSource>,
    /// Government or department, from the issuer's name, else from how the
    /// text speaks of itself.
    pub issuer_kind: Option<IssuerKind>,
    /// Where the kind was found.
    pub kind_source: Option<KindSource>,
    /// The year the report is about.
    pub year: Option<Found<u32>>,
    /// Whether `year` comes from the title.
    pub year_in_title: bool,
    /// The date of writing (成文日期): the closing date line.
    pub written: Option<Found<Date>>,
    /// The date of publication: a web page's 发布时间.
    pub published: Option<Found<Date>>,
    /// The closing block: the signature line (when there is one) and the
    /// date line that end the report. Not part of any section.
    pub closing: Option<std::ops::Range<usize>>,
}

/// A four-digit year from 1990 to 2099, ASCII or full-width digits, with
/// 年 after it.
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20|１９|２０)[0-9０-９]{2})\s*年").expect("constant regex")
});

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*((?:19|20)[0-9]{2}|[〇○零一二三四五六七八九]{4})\s*年\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*$",
    )
    .expect("constant regex")
});

/// A line that is only a year and a month (a signature's date without the
/// day).
static MONTH_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:19|20)[0-9]{2}\s*年\s*[0-9]{1,2}\s*月\s*$").expect("constant regex")
});

static ANY_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^([0-9０-９]{4})\s*[-/.年]\s*([0-9０-９]{1,2})\s*[-/.月]\s*([0-9０-９]{1,2})\s*日?$",
    )
    .expect("constant regex")
});

/// `<label>：2024-03-15` (or `2024年3月15日`, `2024/3/15`, `2024.3.15`)
/// after a label; capture 1 is the label, 2–4 the date.
static LABELLED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(发布时间|发布日期|成文日期|印发日期|日期)\s*[:：]\s*((?:19|20)[0-9]{2})\s*(?:[-/.年])\s*([0-9]{1,2})\s*(?:[-/.月])\s*([0-9]{1,2})",
    )
    .expect("constant regex")
});

/// Extracts the metadata of a report from its text and outline.
pub fn extract(text: &str, lines: &[Range<usize>], outline: &Outline) -> Metadata {
    let mut metadata = Metadata::default();
    if let Some(title) = &outline.title {
        let title_text = &text[title.span.clone()];
        // The year reported on: not a plan's range (《纲要（2021—2025年）》).
        if let Some(year) = plain_years(title_text, title.span.start).next() {
            metadata.year = Some(year);
            metadata.year_in_title = true;
        }
    }
    if metadata.year.is_none() {
        let start = outline.title.as_ref().map_or(0, |t| t.span.end);
        let first_part_end = outline
            .roots()
            .nth(1)
            .map_or(text.len(), |(_, s)| s.span.start);
        if start < first_part_end {
            metadata.year = plain_years(&text[start..first_part_end], start).next();
        }
    }
    metadata.written = written_date(text, lines);
    metadata.published = labelled_date(text, |label| label.starts_with("发布"));
    let signature = signature(text, lines);
    metadata.closing = closing(text, lines, signature.as_ref());
    let found = issuer::find(
        text,
        outline.title.as_ref().map(|t| &t.span),
        lines,
        signature.as_ref(),
    );
    if let Some((name, source)) = found.name {
        metadata.issuer = Some(name);
        metadata.issuer_source = Some(source);
    }
    if let Some((kind, source)) = found.kind {
        metadata.issuer_kind = Some(kind);
        metadata.kind_source = Some(source);
    }
    metadata
}

/// The first `YYYY年` of a text.
pub fn first_year(text: &str) -> Option<Found<u32>> {
    YEAR.captures_iter(text).find_map(|caps| {
        let m = caps.get(1)?;
        Some(Found {
            value: parse_digits(m.as_str())?,
            span: m.range(),
        })
    })
}

/// Every `YYYY年` of a text, with its span.
pub fn years(text: &str) -> impl Iterator<Item = Found<u32>> + '_ {
    YEAR.captures_iter(text).filter_map(|caps| {
        let m = caps.get(1)?;
        Some(Found {
            value: parse_digits(m.as_str())?,
            span: m.range(),
        })
    })
}

/// The years (`YYYY年`) of `text` that name a year on their own, with
/// spans shifted by `offset`: not inside a book title (《…》) and not the end
/// of a range (`2021—2025年`).
pub fn plain_years(text: &str, offset: usize) -> impl Iterator<Item = Found<u32>> + '_ {
    years(text).filter_map(move |year| {
        let before = &text[..year.span.start];
        let in_title = before
            .rfind('《')
            .is_some_and(|open| before.rfind('》').is_none_or(|close| close < open));
        let range_end = before
            .trim_end()
            .ends_with(['—', '–', '-', '－', '~', '～', '至', '到']);
        (!in_title && !range_end).then(|| Found {
            value: year.value,
            span: year.span.start + offset..year.span.end + offset,
        })
    })
}

/// A number written in ASCII or full-width digits.
pub(crate) fn parse_digits(s: &str) -> Option<u32> {
    s.chars().try_fold(0u32, |n, c| {
        let d = c
            .to_digit(10)
            .or_else(|| ('０'..='９').contains(&c).then(|| c as u32 - '０' as u32))?;
        n.checked_mul(10)?.checked_add(d)
    })
}

fn written_date(text: &str, lines: &[Range<usize>]) -> Option<Found<Date>> {
    let date_line = lines.iter().rev().find_map(|line| {
        let caps = DATE_LINE.captures(&text[line.clone()])?;
        let whole = caps.get(0)?;
        let trimmed = whole.as_str().trim();
        let start =
            line.start + whole.start() + (whole.as_str().len() - whole.as_str().trim_start().len());
        date(&caps).map(|value| Found {
            value,
            span: start..start + trimmed.len(),
        })
    });
    date_line.or_else(|| labelled_date(text, |label| !label.starts_with("发布")))
}

/// The first labelled date whose label `wanted` accepts.
fn labelled_date(text: &str, wanted: impl Fn(&str) -> bool) -> Option<Found<Date>> {
    LABELLED_DATE.captures_iter(text).find_map(|caps| {
        let whole = caps.get(0)?;
        if !wanted(caps.get(1)?.as_str()) {
            return None;
        }
        date_at(&caps, 2).map(|value| Found {
            value,
            span: whole.range(),
        })
    })
}

/// A valid date from captures 1–3 (year, month, day).
fn date(caps: &regex::Captures<'_>) -> Option<Date> {
    date_at(caps, 1)
}

/// A valid date from captures `first`…`first + 2` (year, month, day).
fn date_at(caps: &regex::Captures<'_>, first: usize) -> Option<Date> {
    let date = Date {
        year: number(caps.get(first)?.as_str())?,
        month: number(caps.get(first + 1)?.as_str())?,
        day: number(caps.get(first + 2)?.as_str())?,
    };
    valid(date).then_some(date)
}

fn valid(date: Date) -> bool {
    let leap = date.year.is_multiple_of(4)
        && (!date.year.is_multiple_of(100) || date.year.is_multiple_of(400));
    let days = match date.month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (1990..=2099).contains(&date.year)
        && (1..=12).contains(&date.month)
        && (1..=days).contains(&date.day)
}

/// A number in Arabic digits, Chinese digit-by-digit form (二〇二四) or
/// Chinese counting form (二十六).
fn number(s: &str) -> Option<u32> {
    if let Some(n) = parse_digits(s) {
        return Some(n);
    }
    let digit = |c: char| match c {
        '〇' | '○' | '零' => Some(0),
        _ => crate::document::outline::chinese_number(&c.to_string())
            .map(|(v, _)| v)
            .filter(|v| *v < 10),
    };
    if s.chars().count() == 4 {
        return s.chars().try_fold(0, |n, c| Some(n * 10 + digit(c)?));
    }
    match crate::document::outline::chinese_number(s) {
        Some((value, len)) if len == s.len() => Some(value),
        _ => None,
    }
}

/// The closing block: from the signature line (or the closing date line when
/// there is no signature) to the end of that date line.
fn closing(
    text: &str,
    lines: &[Range<usize>],
    signature: Option<&Found<String>>,
) -> Option<Range<usize>> {
    let date = lines
        .iter()
        .rev()
        .find(|l| DATE_LINE.is_match(&text[(*l).clone()]))?;
    let start = signature.map_or(date.start, |s| s.span.start.min(date.start));
    Some(start..date.end)
}

/// The issuer from the signature: the short line above the closing date.
fn signature(text: &str, lines: &[Range<usize>]) -> Option<Found<String>> {
    // The closing date, or a month (`2025年1月`) where the day is left out.
    let date = lines.iter().rposition(|l| {
        let line = &text[l.clone()];
        DATE_LINE.is_match(line) || MONTH_LINE.is_match(line)
    })?;
    let line = lines[..date]
        .iter()
        .rev()
        .find(|l| !text[(*l).clone()].trim().is_empty())?;
    let content = &text[line.clone()];
    let name = content.trim();
    let ok = (2..=30).contains(&name.chars().count())
        && !name.contains(['。', '，', '；', '：'])
        && IssuerKind::of(&issuer::fold(name)).is_some();
    ok.then(|| {
        let start = line.start + (content.len() - content.trim_start().len());
        Found {
            value: name.to_owned(),
            span: start..start + name.len(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Format};
    use crate::text::source::SourceFile;

    fn metadata(text: &str) -> Metadata {
        Document::parse(SourceFile::new("t", text), Format::Text)
            .metadata()
            .clone()
    }

    #[test]
    fn the_regexes_compile() {
        for re in [&*YEAR, &*DATE_LINE, &*LABELLED_DATE, &*ANY_DATE] {
            assert!(!re.as_str().is_empty());
            assert!(!re.is_match("\u{0}"));
        }
        assert!(YEAR.is_match("2023年"));
    }

    #[test]
    fn standard_title() {
        let m = metadata("禾丰县人民政府关于2023年度法治政府建设情况的报告\n一、成效\n");
        assert_eq!(m.issuer.as_ref().unwrap().value, "禾丰县人民政府");
        assert_eq!(m.issuer.unwrap().span, 0.."禾丰县人民政府".len());
        assert_eq!(m.issuer_kind, Some(IssuerKind::Government));
        assert_eq!(m.year.as_ref().unwrap().value, 2023);
        assert!(m.year_in_title);
    }

    #[test]
    fn title_variants() {
        let m = metadata("云岭市科技局2022年度法治政府建设工作总结\n正文。");
        assert_eq!(m.issuer.unwrap().value, "云岭市科技局");
        assert_eq!(m.issuer_kind, Some(IssuerKind::Department));
        let m = metadata("2022年度云岭市科学技术局法治政府\n建设工作报告\n\n正文。");
        assert_eq!(m.issuer.unwrap().value, "云岭市科学技术局");
        assert_eq!(m.year.unwrap().value, 2022);
        let m = metadata("云岭市人民政府办公室关于2021年度法治政府建设情况的报告\n");
        assert_eq!(m.issuer_kind, Some(IssuerKind::Department));
        let m = metadata("澄川经济开发区管理委员会2023年度法治政府建设情况报告\n");
        assert_eq!(m.issuer_kind, Some(IssuerKind::Government));
    }

    #[test]
    fn issuer_from_the_signature_and_year_from_the_body() {
        let text = "关于法治政府建设情况的报告\n\n2023年，我局认真落实。\n一、成效\n二、不足\n2024年的安排。\n\n禾丰县司法局\n2024年2月26日\n";
        let m = metadata(text);
        assert_eq!(m.issuer.as_ref().unwrap().value, "禾丰县司法局");
        assert_eq!(m.issuer_kind, Some(IssuerKind::Department));
        let year = m.year.unwrap();
        assert_eq!(year.value, 2023);
        assert_eq!(&text[year.span], "2023");
        assert!(!m.year_in_title);
        let written = m.written.unwrap();
        assert_eq!(
            written.value,
            Date {
                year: 2024,
                month: 2,
                day: 26
            }
        );
        assert_eq!(&text[written.span], "2024年2月26日");
    }

    #[test]
    fn chinese_numeral_and_web_page_dates() {
        let m = metadata("标题报告\n正文。\n二〇二四年二月二十六日\n");
        assert_eq!(
            m.written.unwrap().value,
            Date {
                year: 2024,
                month: 2,
                day: 26
            }
        );
        let m = metadata("标题报告\n发布时间：2024-03-15 10:30 来源：司法局\n正文。\n");
        assert_eq!(m.written, None);
        assert_eq!(
            m.published.unwrap().value,
            Date {
                year: 2024,
                month: 3,
                day: 15
            }
        );
    }

    #[test]
    fn labelled_dates_of_writing_and_dates_in_any_form() {
        let m = metadata("标题报告\n正文。\n成文日期：2024年2月1日\n");
        assert_eq!(m.written.unwrap().value.to_string(), "2024-02-01");
        assert_eq!(m.published, None);
        for text in [
            "2024-03-05",
            "2024/3/5",
            "2024.03.05",
            "2024年3月5日",
            "２０２４年３月５日",
        ] {
            assert_eq!(
                Date::parse(text).map(|d| d.to_string()).as_deref(),
                Some("2024-03-05"),
                "{text}"
            );
        }
        assert_eq!(Date::parse("2024-02-29").map(|d| d.day), Some(29));
        for text in [
            "2024-13-05",
            "2024-3",
            "三月五日",
            "2024-03-05 10:30",
            "2023-02-29",
            "2024-04-31",
        ] {
            assert_eq!(Date::parse(text), None, "{text}");
        }
    }

    #[test]
    fn plain_years_skip_titles_and_ranges() {
        let text = "落实《纲要（2021—2025年）》，2023年完成，2021年至2022年试点";
        let years: Vec<u32> = plain_years(text, 0).map(|y| y.value).collect();
        assert_eq!(years, vec![2023, 2021]);
        let first = plain_years(text, 10).next().unwrap();
        assert_eq!(&text[first.span.start - 10..first.span.end - 10], "2023");
    }

    #[test]
    fn nothing_found() {
        let m = metadata("正文没有年份。\n");
        assert_eq!(m, Metadata::default());
    }
}
