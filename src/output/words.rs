//! The words people read for the engine's plain data: the audit's marks and
//! words for an element's status (有/部分/缺), a report's timeliness, and an
//! unreadable file's message with what to do about it on the command line.
//! The engine gives states and reasons; the command line says them.

use fzlint_core::audit::timeliness::{self, DateSource};
use fzlint_core::element::Status;
use fzlint_core::error::InputError;

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

/// Why a file could not be read, as the command line says it: the engine's
/// reason, then what to do with the command line's options (`--encoding`,
/// `--max-file-size`, `-` for standard input).
pub fn input_error(error: &InputError) -> String {
    let advice = match error {
        InputError::Undecodable {
            encoding: Some(_), ..
        } => "；请用 --encoding 指定正确的编码（如 gbk、gb18030、utf-16le），或另存为 UTF-8",
        InputError::Undecodable { encoding: None, .. } => {
            "；请用 --encoding 指定编码（如 gbk），或另存为 UTF-8"
        }
        InputError::TooLarge { .. } => "；如确需检查，请用 --max-file-size 放宽上限",
        InputError::NotAFile { .. } => "；请把报告保存为文件再检查，或用 `-` 从标准输入读入",
        _ => "",
    };
    format!("{error}{advice}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_file_is_told_what_to_do_with_the_options() {
        let undetected = InputError::Undecodable {
            path: "a.txt".to_owned(),
            encoding: None,
            position: Some((3, 7)),
        };
        assert_eq!(
            input_error(&undetected),
            "a.txt:3:7: 无法确定文件的编码：既不是 UTF-8，也不像 GBK/GB18030 编码的中文；请用 --encoding 指定编码（如 gbk），或另存为 UTF-8"
        );
        let large = InputError::TooLarge {
            path: "b.docx".to_owned(),
            size: 10,
            limit: 5,
        };
        assert!(input_error(&large).ends_with("请用 --max-file-size 放宽上限"));
        // The engine's own words name no option.
        for error in [&undetected, &large] {
            assert!(!error.to_string().contains("--"), "{error}");
        }
        let empty = InputError::Empty {
            path: "c.md".to_owned(),
        };
        assert_eq!(input_error(&empty), empty.to_string());
    }
}
