//! Reading YAML files (rule packs and the config) with errors that point at
//! the offending value. All YAML goes through serde-saphyr here and in the
//! `raw` types of each file kind, so the crate could be swapped in one place.

use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde_saphyr::{Location, MessageFormatter};

use crate::error::{RuleError, RuleLocation};

/// The text of a YAML file and the name it is reported under.
#[derive(Debug, Clone)]
pub struct YamlSource {
    /// Display name (a path).
    pub name: String,
    /// The YAML text.
    pub text: Arc<str>,
}

/// Parses a YAML file into `T`. An empty file and a syntax or shape error
/// are errors naming the file (`what` is e.g. "规则文件", `expected` what the
/// file should contain), with the position of the offending value.
pub fn parse<T: DeserializeOwned>(
    source: &YamlSource,
    what: &str,
    expected: &str,
) -> Result<T, RuleError> {
    if source.text.trim().is_empty() {
        return Err(RuleError {
            file: source.name.clone(),
            location: None,
            message: format!("{what}为空；应为{expected}"),
            note: None,
        });
    }
    let options = serde_saphyr::options! { with_snippet: false };
    serde_saphyr::from_str_with_options::<T>(&source.text, options).map_err(|err| {
        let message = serde_saphyr::DefaultMessageFormatter
            .format_message(err.without_snippet())
            .into_owned();
        // The parser's budget (alias expansion, total size, nesting depth)
        // speaks of its internals: say what it means for the author.
        let note = (message.contains("budget breached") || message.contains("recursion limit"))
            .then(|| {
                "超出了 fzlint 读取 YAML 的上限（别名 &/* 展开后过大，或嵌套过深）；\
                 规则文件和配置用不到这么大或这么深的结构"
                    .to_owned()
            });
        RuleError {
            file: source.name.clone(),
            location: err.location().and_then(|l| locate(source, &l)),
            message: format!("{what}格式错误：{message}"),
            note,
        }
    })
}

/// An error at a YAML value.
pub fn error_at(source: &YamlSource, at: &Location, message: impl Into<String>) -> RuleError {
    RuleError {
        file: source.name.clone(),
        location: locate(source, at),
        message: message.into(),
        note: None,
    }
}

/// Converts a YAML location into a byte span of at least one character.
pub fn locate(source: &YamlSource, at: &Location) -> Option<RuleLocation> {
    let text = &source.text;
    let (line, column) = (at.line() as usize, at.column() as usize);
    if line == 0 {
        return None;
    }
    let start = match at.span().byte_offset() {
        Some(offset) => (offset as usize).min(text.len()),
        None => {
            let line_start = text
                .split_inclusive('\n')
                .take(line - 1)
                .map(str::len)
                .sum::<usize>();
            text[line_start.min(text.len())..]
                .char_indices()
                .nth(column.saturating_sub(1))
                .map_or(text.len(), |(i, _)| line_start + i)
        }
    };
    let mut start = start;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let len = at.span().byte_len().unwrap_or(0) as usize;
    let mut end = (start + len).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    if end <= start {
        end = text[start..]
            .chars()
            .next()
            .filter(|c| *c != '\n')
            .map_or(start, |c| start + c.len_utf8());
    }
    Some(RuleLocation {
        source_text: Arc::clone(text),
        span: start..end,
        line,
        column,
    })
}
