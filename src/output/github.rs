//! GitHub Actions workflow commands: one `::error`, `::warning` or
//! `::notice` line per finding, which GitHub shows as an annotation on the
//! file and line. Values are escaped as the workflow-command format requires.

use std::io::{self, Write};

use super::StreamWriter;
use crate::output::words;
use crate::report::{FileResult, Outcome, Run, Summary};
use fzlint_core::finding::Severity;

/// Escapes a command's message.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Writes a run as workflow commands.
pub fn write(out: &mut dyn Write, run: &Run<'_>) -> io::Result<()> {
    super::write_stream(GithubStream::new(out), run.results, run.summary)
}

/// Workflow commands written as results come.
pub struct GithubStream<'a> {
    out: &'a mut dyn Write,
}

impl<'a> GithubStream<'a> {
    /// Commands on `out`.
    pub fn new(out: &'a mut dyn Write) -> Self {
        GithubStream { out }
    }
}

impl std::fmt::Debug for GithubStream<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GithubStream").finish_non_exhaustive()
    }
}

impl StreamWriter for GithubStream<'_> {
    fn file(&mut self, result: &FileResult) -> io::Result<()> {
        let out = &mut *self.out;
        let file = property(&result.path);
        match &result.outcome {
            Outcome::Checked {
                document, findings, ..
            } => {
                for finding in findings {
                    let command = match finding.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Info => "notice",
                    };
                    let source = document.source();
                    let start = source.position(finding.span.start);
                    let end = source.position(finding.span.end);
                    let mut message = finding.message.clone();
                    if let Some(help) = &finding.help {
                        message.push_str(&format!("\n建议：{help}"));
                    }
                    writeln!(
                        out,
                        "::{command} file={file},line={},col={},endLine={},endColumn={},title={}::{}",
                        start.line,
                        start.column,
                        end.line,
                        end.column,
                        property(&format!("fzlint {}", finding.rule)),
                        data(&message)
                    )?;
                }
            }
            Outcome::Skipped(skip) => {
                writeln!(
                    out,
                    "::notice file={file},title=fzlint::{}",
                    data(&words::skipped(*skip))
                )?;
            }
            Outcome::Failed(err) => {
                writeln!(
                    out,
                    "::error file={file},title=fzlint::{}",
                    data(&words::input_error(err))
                )?;
            }
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(data("100%\n下一行"), "100%25%0A下一行");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
