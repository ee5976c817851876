//! The words people read for the engine's plain data: the audit's marks and
//! words for an element's status (有/部分/缺) and a report's timeliness. The
//! engine gives states; the command line and the page say them alike.

use fzlint_core::audit::timeliness::{self, DateSource};
use fzlint_core::element::Status;

/// The Chinese word for a state, and a one-character mark for tables.
pub trait Words: Copy {
    /// The Chinese word for it.
    fn word(self) -> &'static str;
}

impl Words for Status {
    fn word(self) -> &'static str {
        match self {
            Status::Present => "有",
            Status::Partial => "部分",
            Status::Missing => "缺",
            Status::NotApplicable => "不适用",
        }
    }
}

impl Words for timeliness::Status {
    fn word(self) -> &'static str {
        match self {
            timeliness::Status::OnTime => "按时",
            timeliness::Status::Late => "逾期",
            timeliness::Status::Unknown => "未知",
        }
    }
}

impl Words for DateSource {
    fn word(self) -> &'static str {
        match self {
            DateSource::Written => "成文",
            DateSource::Published => "发布",
            DateSource::Manifest => "清单",
        }
    }
}

/// A one-character mark for an element's status in tables.
pub trait Mark: Copy {
    /// The mark.
    fn mark(self) -> &'static str;
}

impl Mark for Status {
    fn mark(self) -> &'static str {
        match self {
            Status::Present => "✓",
            Status::Partial => "◐",
            Status::Missing => "✗",
            Status::NotApplicable => "－",
        }
    }
}
