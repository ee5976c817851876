//! What a pack knows: its version and the date its knowledge runs to, and
//! the table of documents its rules cite (a pack's `documents:`), each with
//! the report years it applies to. The rules read the table: a finding's
//! basis lists the cited documents that apply to that report's year, a
//! help's `{current:SERIES}` names the series' document for that year, a
//! `substitute` pair's right form can be a document's title, and the
//! `outdated-document` and `document-years` checks judge citations by it.

use std::sync::Arc;

use serde::Serialize;

use crate::matcher::LazyRegex;

/// A pack's version and the date its rules and documents were checked to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackVersion {
    /// The pack's id.
    pub id: String,
    /// Its version (`2026.12.0`).
    pub version: String,
    /// The day its knowledge runs to (`2026-12-04`).
    pub knowledge_as_of: String,
}

/// Report years: from one year on, up to another or open-ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Years {
    /// The first year.
    pub from: u32,
    /// The last year; none: open-ended.
    pub to: Option<u32>,
}

impl Years {
    /// Whether `year` is in the range.
    pub fn contains(self, year: u32) -> bool {
        year >= self.from && self.to.is_none_or(|to| year <= to)
    }

    /// `2021—2025`, `2024—`.
    pub fn describe(self) -> String {
        match self.to {
            Some(to) if to == self.from => format!("{}", self.from),
            Some(to) => format!("{}—{to}", self.from),
            None => format!("{}—", self.from),
        }
    }
}

/// A document a pack's rules cite.
#[derive(Debug, Clone, Serialize)]
pub struct KnownDocument {
    /// Its id in the table.
    pub id: String,
    /// The pack whose table has it.
    pub pack: String,
    /// Its exact title, without book-title marks.
    pub title: String,
    /// Who issued it (`中共中央、国务院`).
    pub issuer: Option<String>,
    /// Its document number (`中发〔2021〕33号`).
    pub number: Option<String>,
    /// When it was issued, published or revised.
    pub date: Option<String>,
    /// When it took effect.
    pub in_force: Option<String>,
    /// Its series (`outline`, `pufa-plan`): a later one succeeds an earlier.
    pub series: Option<String>,
    /// The years of the reports it applies to; none: every year.
    pub reports: Option<Years>,
    /// The year range in its title (`（2021—2025年）`).
    pub title_years: Option<(u32, u32)>,
    /// What is not confirmed about it.
    pub note: Option<String>,
    /// Its name without the years, as a regex (`named:`).
    pub named_regex: Option<String>,
    /// The same, anchored and compiled.
    #[serde(skip)]
    pub(crate) named: Option<LazyRegex>,
}

impl KnownDocument {
    /// `中共中央、国务院《法治政府建设实施纲要（2021—2025年）》（中发〔2021〕33号，2021年8月）`.
    pub fn cite(&self) -> String {
        let mut out = String::new();
        if let Some(issuer) = &self.issuer {
            out.push_str(issuer);
        }
        out.push('《');
        out.push_str(&self.title);
        out.push('》');
        let details: Vec<&str> = [&self.number, &self.date, &self.in_force]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        if !details.is_empty() {
            out.push('（');
            out.push_str(&details.join("，"));
            out.push('）');
        }
        out
    }

    /// The title in book-title marks.
    pub fn quoted(&self) -> String {
        format!("《{}》", self.title)
    }

    /// Whether it applies to a report on `year` (every document applies
    /// when the year is unknown).
    pub fn applies_to(&self, year: Option<u32>) -> bool {
        match (self.reports, year) {
            (Some(years), Some(year)) => years.contains(year),
            _ => true,
        }
    }

    /// Whether its name (the title without the year range) is `name`.
    pub(crate) fn is_named(&self, name: &str) -> bool {
        self.named
            .as_ref()
            .and_then(LazyRegex::get)
            .is_some_and(|regex| regex.is_match(name))
    }
}

/// The years in a title's trailing range: `…纲要（2021—2025年）` → (2021, 2025).
pub(crate) fn title_years(title: &str) -> Option<(u32, u32)> {
    let open = title.rfind(['（', '('])?;
    let inner = title[open..].trim_start_matches(['（', '(']);
    let digits: Vec<u32> = inner
        .split(|c: char| !c.is_ascii_digit())
        .filter(|part| part.len() == 4)
        .filter_map(|part| part.parse().ok())
        .collect();
    match digits[..] {
        [from, to] => Some((from, to)),
        _ => None,
    }
}

/// The documents a rule uses, and the pieces of its help and basis that
/// depend on the report's year.
#[derive(Debug, Clone, Default)]
pub struct RuleDocuments {
    /// Documents its basis cites (`cites:`), in the rule's order.
    pub cites: Vec<Arc<KnownDocument>>,
    /// Every document it uses (cited, a substitution's right form, a
    /// series its check or help reads), for `rules explain`.
    pub used: Vec<Arc<KnownDocument>>,
    /// The series its help names with `{current:SERIES|fallback}`.
    pub(crate) help_series: Vec<Arc<KnownDocument>>,
    /// Whether its check judges by the table's report years
    /// (`outdated-document`).
    pub(crate) check_by_year: bool,
}

impl RuleDocuments {
    /// Adds to `used`, once.
    pub(crate) fn use_document(&mut self, document: &Arc<KnownDocument>) {
        if !self.used.iter().any(|d| d.id == document.id) {
            self.used.push(Arc::clone(document));
        }
    }

    /// Whether help or basis depends on the report's year.
    pub(crate) fn words_by_year(&self) -> bool {
        !self.cites.is_empty() || !self.help_series.is_empty()
    }

    /// Whether what the rule checks or says depends on the report's year
    /// through the table.
    pub fn by_year(&self) -> bool {
        self.words_by_year() || self.check_by_year
    }
}

/// The rule's basis for a report on `year`: its own words, then each cited
/// document that applies to that year.
pub fn basis_for(
    basis: Option<&str>,
    cites: &[Arc<KnownDocument>],
    year: Option<u32>,
) -> Option<String> {
    let mut parts: Vec<String> = basis.map(str::to_owned).into_iter().collect();
    parts.extend(
        cites
            .iter()
            .filter(|d| d.applies_to(year))
            .map(|d| d.cite()),
    );
    (!parts.is_empty()).then(|| parts.join("；"))
}

/// A help with `{current:SERIES|fallback}` filled for a report on `year`:
/// the title of the series' document that applies to that year; for an
/// unknown year the latest one; when none applies, the fallback words.
pub fn help_for(help: &str, series: &[Arc<KnownDocument>], year: Option<u32>) -> String {
    let mut out = String::with_capacity(help.len());
    let mut rest = help;
    while let Some((before, slot, after)) = next_slot(rest) {
        out.push_str(before);
        let (name, fallback) = slot.split_once('|').unwrap_or((slot, ""));
        let members = series.iter().filter(|d| d.series.as_deref() == Some(name));
        let chosen = match year {
            Some(year) => {
                let mut members = members;
                members.rfind(|d| d.reports.is_some_and(|r| r.contains(year)))
            }
            None => members.max_by_key(|d| d.reports.map_or(0, |r| r.from)),
        };
        match chosen {
            Some(document) => out.push_str(&document.quoted()),
            None => out.push_str(fallback),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// A help with each `{current:SERIES|fallback}` given its fallback words:
/// true of every report year, for where no report is at hand (a rule's
/// description in a listing or a SARIF log).
pub fn help_generic(help: &str) -> String {
    let mut out = String::with_capacity(help.len());
    let mut rest = help;
    while let Some((before, slot, after)) = next_slot(rest) {
        out.push_str(before);
        out.push_str(slot.split_once('|').map_or("", |(_, fallback)| fallback));
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The series names a help's `{current:…}` slots use.
pub(crate) fn help_slots(help: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = help;
    while let Some((_, slot, after)) = next_slot(rest) {
        names.push(slot.split_once('|').map_or(slot, |(name, _)| name));
        rest = after;
    }
    names
}

/// `(text before, the slot's inside, text after)` of the first
/// `{current:…}`.
fn next_slot(text: &str) -> Option<(&str, &str, &str)> {
    const OPEN: &str = "{current:";
    let start = text.find(OPEN)?;
    let inner = &text[start + OPEN.len()..];
    let end = inner.find('}')?;
    Some((&text[..start], &inner[..end], &inner[end + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(
        id: &str,
        title: &str,
        series: Option<&str>,
        reports: Option<Years>,
    ) -> Arc<KnownDocument> {
        Arc::new(KnownDocument {
            id: id.to_owned(),
            pack: "p".to_owned(),
            title: title.to_owned(),
            issuer: Some("中宣部、司法部".to_owned()),
            number: None,
            date: Some("2021年".to_owned()),
            in_force: None,
            series: series.map(str::to_owned),
            reports,
            title_years: title_years(title),
            note: None,
            named_regex: None,
            named: None,
        })
    }

    fn plans() -> Vec<Arc<KnownDocument>> {
        vec![
            document(
                "eight",
                "第八个五年规划（2021—2025年）",
                Some("plan"),
                Some(Years {
                    from: 2021,
                    to: Some(2025),
                }),
            ),
            document(
                "nine",
                "第九个五年规划（2026—2030年）",
                Some("plan"),
                Some(Years {
                    from: 2026,
                    to: Some(2030),
                }),
            ),
            document(
                "law",
                "某某法",
                None,
                Some(Years {
                    from: 2026,
                    to: None,
                }),
            ),
        ]
    }

    #[test]
    fn a_basis_cites_only_what_applies_to_the_reports_year() {
        let cites = plans();
        let basis = basis_for(Some("本规则"), &cites, Some(2024)).expect("a basis");
        assert!(basis.contains("第八个"), "{basis}");
        assert!(
            !basis.contains("第九个") && !basis.contains("某某法"),
            "{basis}"
        );
        let basis = basis_for(None, &cites, Some(2027)).expect("a basis");
        assert_eq!(
            basis,
            "中宣部、司法部《第九个五年规划（2026—2030年）》（2021年）；中宣部、司法部《某某法》（2021年）"
        );
        let unknown = basis_for(None, &cites, None).expect("a basis");
        assert_eq!(unknown.matches('《').count(), 3, "{unknown}");
        assert_eq!(basis_for(None, &cites, Some(2019)), None);
    }

    #[test]
    fn a_help_names_the_series_document_of_the_reports_year() {
        let series = plans();
        let help = "落实{current:plan|本年度的规划}。";
        assert_eq!(
            help_for(help, &series, Some(2023)),
            "落实《第八个五年规划（2021—2025年）》。"
        );
        assert_eq!(
            help_for(help, &series, Some(2026)),
            "落实《第九个五年规划（2026—2030年）》。"
        );
        assert_eq!(
            help_for(help, &series, None),
            "落实《第九个五年规划（2026—2030年）》。"
        );
        assert_eq!(help_for(help, &series, Some(2031)), "落实本年度的规划。");
        assert_eq!(help_slots(help), ["plan"]);
        assert_eq!(help_generic(help), "落实本年度的规划。");
        assert_eq!(help_for("没有占位符", &series, Some(2023)), "没有占位符");
    }

    #[test]
    fn the_years_of_a_title_are_its_trailing_range() {
        assert_eq!(
            title_years("法治政府建设实施纲要（2021—2025年）"),
            Some((2021, 2025))
        );
        assert_eq!(title_years("习近平法治思想学习纲要（2025年版）"), None);
        assert_eq!(title_years("中华人民共和国行政复议法"), None);
        assert_eq!(
            Years {
                from: 2024,
                to: None
            }
            .describe(),
            "2024—"
        );
        assert!(
            Years {
                from: 2024,
                to: None
            }
            .contains(2030)
        );
        assert!(
            !Years {
                from: 2021,
                to: Some(2025)
            }
            .contains(2026)
        );
    }
}
