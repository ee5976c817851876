//! GitHub Actions workflow commands: one `::error`, `::warning` or
//! `::notice` line per finding, which GitHub shows as an annotation on the
//! file and line. Values are escaped as the workflow-command format requires.

use std::io::{self, Write};

use crate::finding::Severity;
use crate::report::{Outcome, Run};

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
    for result in run.results {
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
            Outcome::Failed(err) => {
                writeln!(
                    out,
                    "::error file={file},title=fzlint::{}",
                    data(&err.to_string())
                )?;
            }
        }
    }
    Ok(())
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
