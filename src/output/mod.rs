//! Writers: turn findings, outlines, rule lists and errors into text. The
//! only place codespan-reporting types appear.
//!
//! Human output writes to a [`termcolor::WriteColor`] (colour or not is the
//! caller's choice); JSON output to any [`std::io::Write`].

pub mod audit;
mod files;
pub mod github;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod markdown;
pub mod printable;
pub mod sarif;
pub mod summary_md;
pub mod words;

pub use codespan_reporting::term::termcolor;

use crate::report::{FileResult, Summary};

/// A `check` format written file by file, in input order, as results come:
/// `check` streams them so that a run over thousands of reports holds only
/// a window of documents in memory.
pub trait StreamWriter {
    /// Writes one file's findings (or its input error).
    fn file(&mut self, result: &FileResult) -> std::io::Result<()>;
    /// Writes what follows the last file (totals, closing brackets).
    fn finish(&mut self, summary: &Summary) -> std::io::Result<()>;
}

/// Writes a whole run through a streaming writer.
pub(crate) fn write_stream(
    mut stream: impl StreamWriter,
    results: &[FileResult],
    summary: &Summary,
) -> std::io::Result<()> {
    for result in results {
        stream.file(result)?;
    }
    stream.finish(summary)
}
