//! Whether a report was submitted and published in time: two verdicts,
//! each about its own date and against its own deadline, the same whatever
//! the report's format.
//!
//! - **报送** (submission): the report's date of writing (its closing date
//!   line) against the reporting deadline of the year after the report
//!   year. 《法治政府建设与责任落实督察工作规定》 as a province's guide to it
//!   quotes it: "每年4月1日之前,省委和省政府应当向党中央、国务院报告…。
//!   每年3月1日之前,县级以上各级政府部门应当向本级党委和政府、上一级政府有关
//!   部门报告…;省、市、县政府应当向同级党委、人大常委会报告…;市、县、乡党委
//!   和政府应当向上一级党委和政府报告…". So a department (and a government
//!   below the province) reports by 3月1日, a province-level government by
//!   4月1日; for an issuer of unknown kind the deadline is unknown.
//! - **公开** (publication): the publication date (the manifest's, else a web
//!   page's 发布时间) against 4月1日 (the 规定's 第二十四条: "每年4月1日之前…
//!   应当通过报刊、网站等新闻媒体向社会公开").

use serde::Serialize;

use crate::document::metadata::{Date, IssuerKind, Metadata};

/// In time, late, or not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// On or before the deadline.
    OnTime,
    /// After the deadline.
    Late,
    /// No date, or no deadline (no report year, or an issuer of unknown
    /// kind for submission).
    Unknown,
}

impl Status {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::OnTime => "on_time",
            Status::Late => "late",
            Status::Unknown => "unknown",
        }
    }
}

/// Where a date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// The report's closing date line (date of writing).
    Written,
    /// The report's 发布时间 line (a web page).
    Published,
    /// The publication date in the audit's manifest.
    Manifest,
}

impl DateSource {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Written => "written",
            DateSource::Published => "published",
            DateSource::Manifest => "manifest",
        }
    }
}

/// One verdict: a date against a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    /// In time, late or unknown.
    pub status: Status,
    /// The date judged.
    pub date: Option<Date>,
    /// Where it comes from.
    pub source: Option<DateSource>,
    /// The deadline it is judged against.
    pub deadline: Option<Date>,
}

impl Verdict {
    fn new(dated: Option<(Date, DateSource)>, deadline: Option<Date>) -> Verdict {
        let status = match (dated, deadline) {
            (Some((date, _)), Some(deadline)) if date <= deadline => Status::OnTime,
            (Some(_), Some(_)) => Status::Late,
            _ => Status::Unknown,
        };
        Verdict {
            status,
            date: dated.map(|(d, _)| d),
            source: dated.map(|(_, s)| s),
            deadline,
        }
    }
}

/// A report's two verdicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeliness {
    /// 报送: the date of writing against the reporting deadline.
    pub submitted: Verdict,
    /// 公开: the publication date against 4月1日.
    pub published: Verdict,
}

/// Whether an issuer is a province-level government: `<省级行政区>人民政府`
/// (浙江省人民政府, 北京市人民政府, 广西壮族自治区人民政府), not a city or
/// county within it.
pub fn province_level(issuer: &str) -> bool {
    let Some(place) = issuer.strip_suffix("人民政府") else {
        return false;
    };
    let place = place.trim();
    if ["北京市", "天津市", "上海市", "重庆市"].contains(&place) {
        return true;
    }
    let Some(name) = place
        .strip_suffix("自治区")
        .or_else(|| place.strip_suffix('省'))
    else {
        return false;
    };
    let chars = name.chars().count();
    (2..=6).contains(&chars)
        && !name.contains(['市', '县', '区', '州', '盟', '旗', '乡', '镇', '省'])
}

/// The reporting deadline for a report on `year`: 3月1日 of the next year
/// for a department or a government below the province, 4月1日 for a
/// province-level government; unknown when the issuer's kind is.
pub fn submission_deadline(
    kind: Option<IssuerKind>,
    issuer: Option<&str>,
    year: u32,
) -> Option<Date> {
    let month = match kind? {
        IssuerKind::Department => 3,
        IssuerKind::Government if issuer.is_some_and(province_level) => 4,
        IssuerKind::Government => 3,
    };
    Some(Date {
        year: year + 1,
        month,
        day: 1,
    })
}

/// The publication deadline for a report on `year`: 4月1日 of the next year.
pub fn publication_deadline(year: u32) -> Date {
    Date {
        year: year + 1,
        month: 4,
        day: 1,
    }
}

/// Judges a report: its date of writing against the reporting deadline,
/// and its publication date (the manifest's if there is one, else the
/// report's own 发布时间) against the publication deadline.
pub fn judge(metadata: &Metadata, manifest_published: Option<Date>) -> Timeliness {
    let year = metadata.year.as_ref().map(|y| y.value);
    let issuer = metadata.issuer.as_ref().map(|i| i.value.as_str());
    let written = metadata
        .written
        .as_ref()
        .map(|w| (w.value, DateSource::Written));
    let published = manifest_published
        .map(|d| (d, DateSource::Manifest))
        .or_else(|| {
            metadata
                .published
                .as_ref()
                .map(|p| (p.value, DateSource::Published))
        });
    Timeliness {
        submitted: Verdict::new(
            written,
            year.and_then(|y| submission_deadline(metadata.issuer_kind, issuer, y)),
        ),
        published: Verdict::new(published, year.map(publication_deadline)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::metadata::Found;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn found<T>(value: T) -> Found<T> {
        Found { value, span: 0..0 }
    }

    fn metadata(
        issuer: Option<&str>,
        year: Option<u32>,
        written: Option<&str>,
        published: Option<&str>,
    ) -> Metadata {
        Metadata {
            issuer: issuer.map(|i| found(i.to_owned())),
            issuer_kind: issuer.and_then(IssuerKind::of),
            year: year.map(found),
            written: written.map(|d| found(date(d))),
            published: published.map(|d| found(date(d))),
            ..Metadata::default()
        }
    }

    fn submitted(issuer: Option<&str>, written: &str) -> Verdict {
        judge(&metadata(issuer, Some(2023), Some(written), None), None).submitted
    }

    #[test]
    fn departments_submit_by_the_first_of_march() {
        let department = Some("澹江市司法局");
        let on_deadline = submitted(department, "2024-03-01");
        assert_eq!(on_deadline.status, Status::OnTime);
        assert_eq!(on_deadline.deadline, Some(date("2024-03-01")));
        assert_eq!(on_deadline.source, Some(DateSource::Written));
        assert_eq!(on_deadline.date, Some(date("2024-03-01")));
        assert_eq!(submitted(department, "2024-03-02").status, Status::Late);
        assert_eq!(submitted(department, "2024-02-20").status, Status::OnTime);
    }

    #[test]
    fn governments_below_the_province_submit_by_the_first_of_march() {
        for county in ["岑岭县人民政府", "澹江市人民政府", "浙江省杭州市人民政府"]
        {
            let on_deadline = submitted(Some(county), "2024-03-01");
            assert_eq!(on_deadline.status, Status::OnTime, "{county}");
            assert_eq!(on_deadline.deadline, Some(date("2024-03-01")), "{county}");
            assert_eq!(submitted(Some(county), "2024-03-02").status, Status::Late);
        }
    }

    #[test]
    fn province_level_governments_submit_by_the_first_of_april() {
        for province in ["浙江省人民政府", "上海市人民政府", "广西壮族自治区人民政府"]
        {
            let on_deadline = submitted(Some(province), "2024-04-01");
            assert_eq!(on_deadline.status, Status::OnTime, "{province}");
            assert_eq!(on_deadline.deadline, Some(date("2024-04-01")), "{province}");
            assert_eq!(submitted(Some(province), "2024-04-02").status, Status::Late);
        }
    }

    #[test]
    fn province_level_is_the_province_itself() {
        for yes in [
            "浙江省人民政府",
            "黑龙江省人民政府",
            "重庆市人民政府",
            "内蒙古自治区人民政府",
        ] {
            assert!(province_level(yes), "{yes}");
        }
        for no in [
            "浙江省杭州市人民政府",
            "澹江市人民政府",
            "岑岭县人民政府",
            "上海市浦东新区人民政府",
            "延边朝鲜族自治州人民政府",
            "浙江省司法厅",
            "省人民政府",
        ] {
            assert!(!province_level(no), "{no}");
        }
    }

    #[test]
    fn an_issuer_of_unknown_kind_has_no_submission_deadline() {
        let verdict = submitted(None, "2024-02-01");
        assert_eq!(verdict.status, Status::Unknown);
        assert_eq!(verdict.date, Some(date("2024-02-01")));
        assert_eq!(verdict.deadline, None);
        // Its publication deadline does not depend on its kind.
        let m = metadata(None, Some(2023), Some("2024-02-01"), Some("2024-03-20"));
        assert_eq!(judge(&m, None).published.status, Status::OnTime);
    }

    #[test]
    fn publication_is_due_by_the_first_of_april() {
        let m = |published| metadata(Some("澹江市司法局"), Some(2023), None, Some(published));
        let on_deadline = judge(&m("2024-04-01"), None).published;
        assert_eq!(on_deadline.status, Status::OnTime);
        assert_eq!(on_deadline.deadline, Some(date("2024-04-01")));
        assert_eq!(on_deadline.source, Some(DateSource::Published));
        assert_eq!(judge(&m("2024-04-02"), None).published.status, Status::Late);
    }

    #[test]
    fn each_verdict_is_about_its_own_date() {
        // Written in time for publication but not for submission, and
        // published in time: the two verdicts differ, and neither borrows
        // the other's date.
        let m = metadata(
            Some("澹江市司法局"),
            Some(2023),
            Some("2024-03-18"),
            Some("2024-03-25"),
        );
        let t = judge(&m, None);
        assert_eq!(t.submitted.status, Status::Late);
        assert_eq!(t.submitted.date, Some(date("2024-03-18")));
        assert_eq!(t.published.status, Status::OnTime);
        assert_eq!(t.published.date, Some(date("2024-03-25")));
        // Without a 发布时间 the publication is unknown, not judged by the
        // date of writing.
        let only_written = metadata(Some("澹江市司法局"), Some(2023), Some("2024-02-20"), None);
        let t = judge(&only_written, None);
        assert_eq!(t.submitted.status, Status::OnTime);
        assert_eq!(t.published.status, Status::Unknown);
        assert_eq!(t.published.date, None);
        assert_eq!(t.published.deadline, Some(date("2024-04-01")));
    }

    #[test]
    fn a_manifest_date_is_the_publication_date() {
        let m = metadata(
            Some("澹江市司法局"),
            Some(2023),
            Some("2024-02-20"),
            Some("2024-03-01"),
        );
        let published = judge(&m, Some(date("2024-04-15"))).published;
        assert_eq!(published.status, Status::Late);
        assert_eq!(published.source, Some(DateSource::Manifest));
        assert_eq!(published.date, Some(date("2024-04-15")));
        assert_eq!(
            judge(&m, Some(date("2024-04-15"))).submitted.status,
            Status::OnTime
        );
    }

    #[test]
    fn without_a_date_or_a_year_it_is_unknown() {
        let no_date = judge(
            &metadata(Some("澹江市司法局"), Some(2023), None, None),
            None,
        );
        assert_eq!(no_date.submitted.status, Status::Unknown);
        assert_eq!(no_date.submitted.date, None);
        assert_eq!(no_date.submitted.deadline, Some(date("2024-03-01")));
        let no_year = judge(
            &metadata(
                Some("澹江市司法局"),
                None,
                Some("2024-02-01"),
                Some("2024-02-02"),
            ),
            None,
        );
        assert_eq!(no_year.submitted.status, Status::Unknown);
        assert_eq!(no_year.submitted.date, Some(date("2024-02-01")));
        assert_eq!(no_year.published.status, Status::Unknown);
        assert_eq!(no_year.published.deadline, None);
    }
}
