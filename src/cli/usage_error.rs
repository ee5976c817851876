//! The command line's own usage errors in Chinese: clap words them in
//! English ("unexpected argument '--formt' found", "tip: a similar argument
//! exists"); every message a user reads is Chinese, so the error is worded
//! again from what clap found (the argument, the value, the suggestion, the
//! usage line). A kind of error clap may add later falls back to its own
//! words, headed like ours.

use std::error::Error as _;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use fzlint::output::words::header;

/// The whole message for a usage error (to standard error), ending with a
/// line break.
pub fn message(err: &clap::Error) -> String {
    let mut out = format!("{}: {}", header("error"), headline(err));
    let mut tips = Vec::new();
    for (kind, what) in [
        (ContextKind::SuggestedSubcommand, "命令"),
        (ContextKind::SuggestedArg, "选项"),
        (ContextKind::SuggestedValue, "值"),
    ] {
        let names = strings(err.get(kind));
        if !names.is_empty() {
            tips.push(format!("是不是想用{what} {}？", quoted(&names, " 或 ")));
        }
    }
    if !tips.is_empty() {
        out.push('\n');
        for tip in tips {
            out.push_str(&format!("\n  提示：{tip}"));
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = err.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim_start();
        out.push_str(&format!("\n\n用法：{usage}"));
    }
    out.push_str("\n\n更多信息请用 --help 查看。\n");
    out
}

/// The first line: what is wrong, in Chinese.
fn headline(err: &clap::Error) -> String {
    let arg = string(err.get(ContextKind::InvalidArg));
    let value = string(err.get(ContextKind::InvalidValue));
    let worded = match err.kind() {
        ErrorKind::UnknownArgument => arg.map(|a| format!("不认识的参数 `{a}`")),
        ErrorKind::InvalidSubcommand => {
            string(err.get(ContextKind::InvalidSubcommand)).map(|s| format!("没有 `{s}` 这个命令"))
        }
        ErrorKind::InvalidValue => arg.map(|a| {
            let valid = strings(err.get(ContextKind::ValidValue));
            let mut line = match value {
                Some(v) if !v.is_empty() => format!("`{a}` 的值 `{v}` 无效"),
                _ => format!("`{a}` 需要一个值"),
            };
            if !valid.is_empty() {
                line.push_str(&format!("；可用的值：{}", valid.join("、")));
            }
            line
        }),
        ErrorKind::ValueValidation => arg.map(|a| {
            let reason = err.source().map(|s| format!("：{s}")).unwrap_or_default();
            format!("`{a}` 的值 `{}` 无效{reason}", value.unwrap_or_default())
        }),
        ErrorKind::ArgumentConflict => arg.map(|a| {
            let prior = strings(err.get(ContextKind::PriorArg));
            if prior.iter().any(|p| p == a) {
                format!("`{a}` 只能给一次")
            } else if prior.is_empty() {
                format!("`{a}` 不能与其他已给的参数同时使用")
            } else {
                format!("`{a}` 不能与 {} 同时使用", quoted(&prior, "、"))
            }
        }),
        ErrorKind::MissingRequiredArgument => {
            let missing = strings(err.get(ContextKind::InvalidArg));
            (!missing.is_empty()).then(|| format!("缺少必需的参数：{}", missing.join("、")))
        }
        ErrorKind::MissingSubcommand => string(err.get(ContextKind::InvalidSubcommand)).map(|s| {
            let valid = strings(err.get(ContextKind::ValidSubcommand));
            format!("`{s}` 后面需要一个命令：{}", valid.join("、"))
        }),
        ErrorKind::NoEquals => arg.map(|a| format!("`{a}` 的值要用 `=` 连在后面")),
        ErrorKind::TooManyValues => arg.map(|a| {
            format!(
                "`{a}` 多了一个值 `{}`；它不需要更多的值",
                value.unwrap_or_default()
            )
        }),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            arg.map(|a| format!("`{a}` 的值的个数不对"))
        }
        ErrorKind::InvalidUtf8 => Some("参数中有无效的 UTF-8 字符".to_owned()),
        _ => None,
    };
    worded.unwrap_or_else(|| {
        // clap's own words, without its "error: " and the lines after.
        let rendered = err.render().to_string();
        let first = rendered.lines().next().unwrap_or_default();
        first
            .strip_prefix("error:")
            .unwrap_or(first)
            .trim()
            .to_owned()
    })
}

fn string(value: Option<&ContextValue>) -> Option<&str> {
    match value {
        Some(ContextValue::String(s)) => Some(s),
        _ => None,
    }
}

fn strings(value: Option<&ContextValue>) -> Vec<String> {
    match value {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(s)) => s.clone(),
        _ => Vec::new(),
    }
}

fn quoted(names: &[String], joiner: &str) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(joiner)
}
