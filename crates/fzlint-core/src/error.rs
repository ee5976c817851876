//! Errors a user can act on. Each names the file it is about; rule-file errors
//! also carry the position of the offending YAML value. The messages say
//! what is wrong in words any front end can show; what to do about it with
//! a front end's own controls (the command line's `--encoding`, a page's
//! encoding menu) is the front end's to add.

use std::ops::Range;
use std::sync::Arc;

use thiserror::Error;

/// A report that could not be read. Reading stops for that file only: the
/// other files of a run are still checked.
#[derive(Debug, Error)]
pub enum InputError {
    /// The file could not be opened or read (missing, permissions, a directory…).
    #[error("{path}: 无法读取文件：{reason}")]
    Io {
        /// The file.
        path: String,
        /// Why it could not be read.
        reason: String,
    },
    /// A directory was given where a report file was expected.
    #[error("{path}: 这是一个目录，请给出报告文件的路径")]
    Directory {
        /// The file.
        path: String,
    },
    /// The file contains NUL bytes, so it is not a text report.
    #[error(
        "{path}: 这是二进制文件（含 NUL 字节），不是文本报告；Word 文档请保存为 .docx，或另存为 .txt 后再检查"
    )]
    Binary {
        /// The file.
        path: String,
    },
    /// The bytes could not be decoded with confidence: not UTF-8, and no
    /// Chinese encoding decodes them cleanly (or the one given with
    /// `--encoding` does not).
    #[error("{path}{}: {}", .position.map_or(String::new(), |(l, c)| format!(":{l}:{c}")), undecodable_reason(*.encoding))]
    Undecodable {
        /// The file.
        path: String,
        /// The encoding tried, when one was given or detected.
        encoding: Option<&'static str>,
        /// Line and column (in the text decoded before it) of the first
        /// byte that could not be decoded.
        position: Option<(usize, usize)>,
        /// Whether the encoding was the user's (`--encoding`), not found.
        forced: bool,
    },
    /// A kind of file fzlint does not read (`.doc`, `.wps`, `.pdf`, images).
    #[error("{path}: fzlint 不读取{what}；{advice}")]
    Unsupported {
        /// The file.
        path: String,
        /// What kind of file it is.
        what: &'static str,
        /// What to do instead.
        advice: &'static str,
    },
    /// A Word or HTML file whose structure is broken, or a Word file whose
    /// parts inflate past what a report could hold (a zip bomb).
    #[error("{path}: 无法读取 {what}：{reason}")]
    Malformed {
        /// The file.
        path: String,
        /// What kind of file it is meant to be.
        what: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// A named pipe, a socket or a device: reading it could block for ever.
    #[error("{path}: 不是普通文件（命名管道、设备或套接字），不读取")]
    NotAFile {
        /// The path.
        path: String,
    },
    /// Larger than the size cap.
    #[error("{path}: 文件有 {size} 字节，超过了 {limit} 字节的上限（年度报告通常只有几十 KB）")]
    TooLarge {
        /// The file.
        path: String,
        /// Its size (at least), in bytes.
        size: u64,
        /// The cap, in bytes.
        limit: u64,
    },
    /// The file is empty or contains only whitespace.
    #[error("{path}: 文件为空，没有可检查的报告内容")]
    Empty {
        /// The file.
        path: String,
    },
    /// fzlint itself failed on this file (a defect, caught by the front
    /// end so that the other files of the run are still checked).
    #[error(
        "{path}: fzlint 读取或检查这个文件时出现内部错误（{reason}）；其他文件不受影响。这是 fzlint 的缺陷，请把这个文件（或能重现问题的片段）报告给维护者"
    )]
    Internal {
        /// The file.
        path: String,
        /// What failed, where.
        reason: String,
    },
}

impl InputError {
    /// The path of the file the error is about.
    pub fn path(&self) -> &str {
        match self {
            InputError::Io { path, .. }
            | InputError::Directory { path }
            | InputError::Binary { path }
            | InputError::Undecodable { path, .. }
            | InputError::Unsupported { path, .. }
            | InputError::Malformed { path, .. }
            | InputError::NotAFile { path }
            | InputError::TooLarge { path, .. }
            | InputError::Empty { path }
            | InputError::Internal { path, .. } => path,
        }
    }
}

fn undecodable_reason(encoding: Option<&str>) -> String {
    match encoding {
        Some(name) => format!("按 {name} 编码无法解码这个文件"),
        None => "无法确定文件的编码：既不是 UTF-8，也不像 GBK/GB18030 编码的中文".to_owned(),
    }
}

/// A problem in a rule file: YAML syntax, an unknown or missing field, a bad
/// value, an invalid regex, a duplicate id, or a file or folder that cannot
/// be read. Loading collects all of them so an author can fix a pack in one
/// pass.
#[derive(Debug, Clone, Error)]
#[error("{}: {message}", self.place())]
pub struct RuleError {
    /// The rule file's (or folder's) display name.
    pub file: String,
    /// Where in the file, when the problem is at a particular value.
    pub location: Option<RuleLocation>,
    /// What is wrong, and where useful how to fix it.
    pub message: String,
    /// Further context, e.g. where a duplicate id was first defined.
    pub note: Option<String>,
}

/// The position of an offending value in a rule file.
#[derive(Debug, Clone)]
pub struct RuleLocation {
    /// The rule file's text, for rendering the offending line.
    pub source_text: Arc<str>,
    /// Byte range of the offending value in `source_text`.
    pub span: Range<usize>,
    /// 1-based line of `span.start`.
    pub line: usize,
    /// 1-based column (in characters) of `span.start`.
    pub column: usize,
}

impl RuleError {
    /// `file:line:column`, or just `file` when there is no position.
    pub fn place(&self) -> String {
        match &self.location {
            Some(at) => format!("{}:{}:{}", self.file, at.line, at.column),
            None => self.file.clone(),
        }
    }
}

/// All the errors found while loading rule packs.
#[derive(Debug, Clone, Error)]
#[error("规则文件有 {} 处错误", .0.len())]
pub struct RuleErrors(pub Vec<RuleError>);
