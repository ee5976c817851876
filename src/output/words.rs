//! The words the command line adds for people: an unreadable file's
//! message with what to do about it with the command line's options. The
//! words for states (有/部分/缺, 按时/逾期) are shared with the page
//! (`fzlint_export::words`).

use std::sync::atomic::{AtomicBool, Ordering};

use fzlint_core::engine::Skip;
use fzlint_core::error::InputError;
pub use fzlint_export::words::{Mark, Words};

/// Why a file could not be read, as the command line says it: the engine's
/// reason, then what to do with the command line's options (`--encoding`,
/// `--max-file-size`, `-` for standard input).
pub fn input_error(error: &InputError) -> String {
    let advice = match error {
        // The user named the encoding, and it is not the file's.
        InputError::Undecodable { forced: true, .. } => {
            "；文件不是这种编码：换一种编码（如 gb18030、utf-16le、utf-8）再试，或去掉 --encoding 由 fzlint 自行判断"
        }
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

/// Whether human output heads its messages with English severity words
/// (set once by the command line's `--english-severity`).
static ENGLISH_SEVERITY: AtomicBool = AtomicBool::new(false);

/// Heads human output's messages with the English severity words (`error`,
/// `warning`, `note`) instead of 错误, 警告, 提示: for CI log parsers that
/// look for the English ones. The default is Chinese because the human
/// output is read by people; machines have `--format json|jsonl|sarif|github`.
pub fn use_english_severity(english: bool) {
    ENGLISH_SEVERITY.store(english, Ordering::Relaxed);
}

/// The word that heads a message of this severity (`error`, `warning`,
/// `note`, `help`, `bug`, as codespan-reporting and fzlint write them): in
/// Chinese unless [`use_english_severity`]; another word is returned as is.
pub fn header(english: &str) -> &str {
    if ENGLISH_SEVERITY.load(Ordering::Relaxed) {
        return english;
    }
    match english {
        "error" => "错误",
        "warning" => "警告",
        "note" => "提示",
        "help" => "帮助",
        "bug" => "缺陷",
        other => other,
    }
}

/// What a file passed over is told, with what to do to check it anyway.
pub fn skipped(skip: Skip) -> String {
    let advice = match skip {
        Skip::NotAReport => {
            "（它没有报告标题、没有一、二、这样的提纲，也几乎不谈法治；如确是报告，请用 --all 检查，或在 .fzlint.yaml 的 include 中写明它）"
        }
        Skip::Generated => "（如确要检查它，请用 --all）",
    };
    format!("{}{advice}", skip.message())
}

/// The report years a rule runs on, from its `when:` (`2024—`, `—2020`,
/// `2021—2025`); `None` for a rule without a condition on the year.
pub fn report_years(rule: &fzlint_core::rules::Rule) -> Option<String> {
    let (min, max) = (rule.when.year_min, rule.when.year_max);
    match (min, max) {
        (None, None) => None,
        (Some(min), None) => Some(format!("{min}—")),
        (None, Some(max)) => Some(format!("—{max}")),
        (Some(min), Some(max)) => Some(format!("{min}—{max}")),
    }
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
            forced: false,
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
        // `--encoding gbk` on a file that is not GBK: the option was used;
        // the advice is another encoding, or none.
        let forced = InputError::Undecodable {
            path: "d.txt".to_owned(),
            encoding: Some("GBK"),
            position: Some((1, 2)),
            forced: true,
        };
        let words = input_error(&forced);
        assert!(!words.contains("请用 --encoding"), "{words}");
        assert!(words.contains("去掉 --encoding"), "{words}");
        let empty = InputError::Empty {
            path: "c.md".to_owned(),
        };
        assert_eq!(input_error(&empty), empty.to_string());
    }
}
