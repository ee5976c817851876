//! JSON Lines: one JSON object per finding, and one per file that could not
//! be read (`{"path":…,"error":…}`), for streaming into other tools. A
//! finding's object has the fields of a finding in the JSON report plus
//! `path`.

use std::io::{self, Write};

use serde::Serialize;

use super::StreamWriter;
use super::json::JsonFinding;
use crate::output::words;
use crate::report::{FileResult, Outcome, Run, Summary};

#[derive(Serialize)]
struct Line<'a> {
    path: &'a str,
    #[serde(flatten)]
    finding: JsonFinding<'a>,
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    path: &'a str,
    error: String,
}

/// A file passed over: `{"path":…,"skipped":"not_a_report","message":…}`.
#[derive(Serialize)]
struct SkippedLine<'a> {
    path: &'a str,
    skipped: &'static str,
    message: String,
}

/// Writes a run as JSON Lines.
pub fn write(out: &mut dyn Write, run: &Run<'_>) -> io::Result<()> {
    super::write_stream(JsonlStream::new(out), run.results, run.summary)
}

/// JSON Lines written as results come.
pub struct JsonlStream<'a> {
    out: &'a mut dyn Write,
}

impl<'a> JsonlStream<'a> {
    /// Lines on `out`.
    pub fn new(out: &'a mut dyn Write) -> Self {
        JsonlStream { out }
    }
}

impl std::fmt::Debug for JsonlStream<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonlStream").finish_non_exhaustive()
    }
}

impl StreamWriter for JsonlStream<'_> {
    fn file(&mut self, result: &FileResult) -> io::Result<()> {
        let out = &mut *self.out;
        match &result.outcome {
            Outcome::Checked {
                document, findings, ..
            } => {
                for finding in findings {
                    let line = Line {
                        path: &result.path,
                        finding: JsonFinding::new(document, finding),
                    };
                    serde_json::to_writer(&mut *out, &line)?;
                    writeln!(out)?;
                }
            }
            Outcome::Skipped(skip) => {
                let line = SkippedLine {
                    path: &result.path,
                    skipped: skip.as_str(),
                    message: words::skipped(*skip),
                };
                serde_json::to_writer(&mut *out, &line)?;
                writeln!(out)?;
            }
            Outcome::Failed(err) => {
                let line = ErrorLine {
                    path: &result.path,
                    error: words::input_error(err),
                };
                serde_json::to_writer(&mut *out, &line)?;
                writeln!(out)?;
            }
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}
