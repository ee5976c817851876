//! JSON Lines: one JSON object per finding, and one per file that could not
//! be read (`{"path":…,"error":…}`), for streaming into other tools. A
//! finding's object has the fields of a finding in the JSON report plus
//! `path`.

use std::io::{self, Write};

use serde::Serialize;

use super::json::JsonFinding;
use crate::report::{Outcome, Run};

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

/// Writes a run as JSON Lines.
pub fn write(out: &mut dyn Write, run: &Run<'_>) -> io::Result<()> {
    for result in run.results {
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
            Outcome::Failed(err) => {
                let line = ErrorLine {
                    path: &result.path,
                    error: err.to_string(),
                };
                serde_json::to_writer(&mut *out, &line)?;
                writeln!(out)?;
            }
        }
    }
    Ok(())
}
