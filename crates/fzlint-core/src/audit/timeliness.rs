//! Whether a report was written or published in time: departments report
//! by 3月1日 and every report is published by 4月1日 of the year after the
//! report year (《法治政府建设与责任落实督察工作规定》).

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
    /// No date, or no report year to reckon the deadline from.
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

/// Where the date comes from.
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

/// A report's timeliness.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeliness {
    /// In time, late or unknown.
    pub status: Status,
    /// The date judged.
    pub date: Option<Date>,
    /// Where it comes from.
    pub source: Option<DateSource>,
    /// The deadline it is judged against.
    pub deadline: Option<Date>,
}

/// Judges a report: the manifest's publication date if there is one, else
/// the report's own publication date, else its date of writing. A
/// publication date is due by 4月1日; a date of writing by 3月1日 for a
/// department (its reporting deadline) and by 4月1日 for a government or an
/// issuer of unknown kind (the 规定 gives governments below the province no
/// earlier date, and a report must be written before it is published).
pub fn judge(metadata: &Metadata, manifest_published: Option<Date>) -> Timeliness {
    let (date, source) = match (manifest_published, &metadata.published, &metadata.written) {
        (Some(date), _, _) => (date, DateSource::Manifest),
        (None, Some(published), _) => (published.value, DateSource::Published),
        (None, None, Some(written)) => (written.value, DateSource::Written),
        (None, None, None) => {
            return Timeliness {
                status: Status::Unknown,
                date: None,
                source: None,
                deadline: None,
            };
        }
    };
    let Some(year) = metadata.year.as_ref().map(|y| y.value) else {
        return Timeliness {
            status: Status::Unknown,
            date: Some(date),
            source: Some(source),
            deadline: None,
        };
    };
    let month = match (source, metadata.issuer_kind) {
        (DateSource::Written, Some(IssuerKind::Department)) => 3,
        _ => 4,
    };
    let deadline = Date {
        year: year + 1,
        month,
        day: 1,
    };
    Timeliness {
        status: if date <= deadline {
            Status::OnTime
        } else {
            Status::Late
        },
        date: Some(date),
        source: Some(source),
        deadline: Some(deadline),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::metadata::Found;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn metadata(kind: Option<IssuerKind>, year: Option<u32>, written: Option<&str>) -> Metadata {
        Metadata {
            issuer_kind: kind,
            year: year.map(|value| Found { value, span: 0..0 }),
            written: written.map(|d| Found {
                value: date(d),
                span: 0..0,
            }),
            ..Metadata::default()
        }
    }

    #[test]
    fn departments_write_by_march_governments_by_april() {
        let department = Some(IssuerKind::Department);
        let government = Some(IssuerKind::Government);
        let on_deadline = judge(&metadata(department, Some(2023), Some("2024-03-01")), None);
        assert_eq!(on_deadline.status, Status::OnTime);
        let late = judge(&metadata(department, Some(2023), Some("2024-03-02")), None);
        assert_eq!(late.status, Status::Late);
        assert_eq!(late.deadline, Some(date("2024-03-01")));
        let government_march = judge(&metadata(government, Some(2023), Some("2024-03-28")), None);
        assert_eq!(government_march.status, Status::OnTime);
        let unknown_kind = judge(&metadata(None, Some(2023), Some("2024-04-02")), None);
        assert_eq!(unknown_kind.status, Status::Late);
    }

    #[test]
    fn a_manifest_date_is_a_publication_date() {
        let m = metadata(Some(IssuerKind::Department), Some(2023), Some("2024-02-20"));
        let published = judge(&m, Some(date("2024-03-20")));
        assert_eq!(published.status, Status::OnTime);
        assert_eq!(published.source, Some(DateSource::Manifest));
        assert_eq!(published.deadline, Some(date("2024-04-01")));
        assert_eq!(judge(&m, Some(date("2024-04-15"))).status, Status::Late);
    }

    #[test]
    fn without_a_date_or_a_year_it_is_unknown() {
        let no_date = judge(&metadata(None, Some(2023), None), None);
        assert_eq!(no_date.status, Status::Unknown);
        assert_eq!(no_date.date, None);
        let no_year = judge(&metadata(None, None, Some("2024-02-01")), None);
        assert_eq!(no_year.status, Status::Unknown);
        assert_eq!(no_year.date, Some(date("2024-02-01")));
    }
}
