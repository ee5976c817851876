//! Human output: one codespan-reporting diagnostic per finding, with the
//! source line and the span underlined (double-width Chinese characters get
//! two carets), the help and basis as notes, and a one-line summary.
//!
//! Known limit: East Asian *ambiguous* characters (“ ” … — ·) count as width
//! 1; a terminal that draws them wide shifts the carets after them.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CodespanSeverity};
use codespan_reporting::term::termcolor::WriteColor;
use codespan_reporting::term::{self, Chars, Config};

use super::StreamWriter;
use super::files::Excerpt;
use super::printable::Printable;
use crate::output::words;
use crate::report::{FileResult, Outcome, Summary};
use fzlint_core::document::outline::Outline;
use fzlint_core::document::{Document, Origin};
use fzlint_core::engine::Skip;
use fzlint_core::error::{InputError, RuleError};
use fzlint_core::finding::{Finding, Severity};
use fzlint_core::rules::Rule;
use fzlint_core::text::source::SourceFile;

fn config() -> Config {
    Config {
        chars: Chars::ascii(),
        ..Config::default()
    }
}

fn codespan_severity(severity: Severity) -> CodespanSeverity {
    match severity {
        Severity::Error => CodespanSeverity::Error,
        Severity::Warning => CodespanSeverity::Warning,
        Severity::Info => CodespanSeverity::Note,
    }
}

fn to_io(err: codespan_reporting::files::Error) -> io::Error {
    match err {
        codespan_reporting::files::Error::Io(err) => err,
        other => io::Error::other(other.to_string()),
    }
}

/// How many identical findings (one rule, one message) in one file are
/// shown in full before the rest are summed up in one line.
pub const SHOWN_PER_RULE: usize = 3;

/// How many line numbers the summing-up line lists.
const LISTED_LINES: usize = 10;

/// Writes the findings of one file. For a Word document or a web page, the
/// line shown is the extracted text and a note says where it is in the
/// original (the paragraph, or the line of the HTML source).
///
/// Unless `all` is set, only the first [`SHOWN_PER_RULE`] findings of each
/// rule with the same message are shown in full; after the last of them
/// one line says how many more there are and on which lines (a redacted
/// copy with 80 `**` marks gives three diagnostics and that line, not 80
/// diagnostics). Findings of a rule that say different things (法制宣传 and
/// 执法全程记录, `XX` and `**`) are each shown.
pub fn write_findings(
    out: &mut dyn WriteColor,
    document: &Document,
    findings: &[Finding],
    all: bool,
) -> io::Result<()> {
    let out = &mut Printable(out);
    let config = config();
    let source = document.source();
    // The findings that say the same thing, in order.
    type Key<'f> = (&'f str, &'f str);
    fn key(f: &Finding) -> Key<'_> {
        (&f.rule, &f.message)
    }
    let mut same: std::collections::HashMap<Key<'_>, Vec<&Finding>> =
        std::collections::HashMap::new();
    for finding in findings {
        same.entry(key(finding)).or_default().push(finding);
    }
    let mut seen: std::collections::HashMap<Key<'_>, usize> = std::collections::HashMap::new();
    for finding in findings {
        let nth = seen.entry(key(finding)).or_default();
        *nth += 1;
        if !all && *nth > SHOWN_PER_RULE {
            continue;
        }
        write_finding(out, &config, document, finding)?;
        let same = &same[&key(finding)];
        if !all && *nth == SHOWN_PER_RULE && same.len() > SHOWN_PER_RULE {
            let rest = &same[SHOWN_PER_RULE..];
            let mut lines: Vec<usize> = rest
                .iter()
                .map(|f| source.position(f.span.start).line)
                .collect();
            lines.dedup();
            write_more(out, &finding.rule, rest.len(), &lines)?;
        }
    }
    Ok(())
}

/// The line that sums up the findings of a rule not shown in full.
fn write_more(
    out: &mut dyn WriteColor,
    rule: &str,
    count: usize,
    lines: &[usize],
) -> io::Result<()> {
    use codespan_reporting::term::termcolor::{Color, ColorSpec};
    out.set_color(ColorSpec::new().set_fg(Some(Color::Cyan)).set_bold(true))?;
    write!(out, "{}[{rule}]", words::header("note"))?;
    out.reset()?;
    let listed: Vec<String> = lines
        .iter()
        .take(LISTED_LINES)
        .map(ToString::to_string)
        .collect();
    let more = if lines.len() > LISTED_LINES {
        "…"
    } else {
        " "
    };
    writeln!(
        out,
        ": 另有 {count} 处同样的问题，在第 {}{more}行；用 --all-findings 显示全部\n",
        listed.join("、")
    )
}

fn write_finding(
    out: &mut dyn WriteColor,
    config: &Config,
    document: &Document,
    finding: &Finding,
) -> io::Result<()> {
    let source = document.source();
    {
        let spans: Vec<_> = std::iter::once(finding.span.clone())
            .chain(finding.secondary.iter().map(|l| l.span.clone()))
            .collect();
        let excerpt = Excerpt::new(source, &spans);
        let mut labels = vec![
            Label::primary((), excerpt.map_span(&finding.span)).with_message(finding.label.clone()),
        ];
        labels.extend(finding.secondary.iter().map(|l| {
            Label::secondary((), excerpt.map_span(&l.span)).with_message(l.message.clone())
        }));
        let mut notes = Vec::new();
        let line = source.position(finding.span.start).line;
        match document.origin_of_line(line - 1) {
            Some(Origin::Paragraph(n)) => notes.push(format!("位置：Word 文档第 {n} 段")),
            Some(Origin::HtmlLine(n)) => notes.push(format!("位置：网页源代码第 {n} 行")),
            None => {}
        }
        if let Some(help) = &finding.help {
            notes.push(format!("建议：{}", help.trim_end()));
        }
        if let Some(basis) = &finding.basis {
            notes.push(format!("依据：{}", basis.trim_end()));
        }
        let diagnostic = Diagnostic::new(codespan_severity(finding.severity))
            .with_code(finding.rule.clone())
            .with_message(finding.message.clone())
            .with_labels(labels)
            .with_notes(notes);
        emit(out, config, &excerpt, &diagnostic)?;
    }
    Ok(())
}

/// The human report written as results come: each file's diagnostics,
/// then the one-line summary.
pub struct HumanStream<'a> {
    out: &'a mut dyn WriteColor,
    all: bool,
}

impl<'a> HumanStream<'a> {
    /// Diagnostics on `out` (coloured if it supports colour); repeats of a
    /// rule in a file summed up unless `all` (see [`write_findings`]).
    pub fn new(out: &'a mut dyn WriteColor, all: bool) -> Self {
        HumanStream { out, all }
    }
}

impl std::fmt::Debug for HumanStream<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HumanStream").finish_non_exhaustive()
    }
}

impl StreamWriter for HumanStream<'_> {
    fn file(&mut self, result: &FileResult) -> io::Result<()> {
        match &result.outcome {
            Outcome::Checked {
                document, findings, ..
            } => write_findings(self.out, document, findings, self.all),
            Outcome::Failed(_) | Outcome::Skipped(_) => Ok(()),
        }
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        write_summary(self.out, summary)
    }
}

/// Writes the one-line summary of a run. It never says "no problems" of a
/// run that could not read some files or whose baseline hid findings
/// without saying so in the same line.
pub fn write_summary(out: &mut dyn WriteColor, summary: &Summary) -> io::Result<()> {
    let checked = summary.files - summary.failed;
    if checked == 0 && (summary.failed > 0 || summary.skipped > 0) {
        let mut reasons = Vec::new();
        if summary.failed > 0 {
            reasons.push(format!("{} 个文件无法读取", summary.failed));
        }
        if summary.skipped > 0 {
            reasons.push(format!("{} 个文件不是年度报告，已跳过", summary.skipped));
        }
        return writeln!(out, "没有检查任何文件：{}。", reasons.join("，"));
    }
    let mut line = format!("检查了 {checked} 个文件");
    if summary.failed > 0 {
        line.push_str(&format!(
            "（另有 {} 个文件无法读取，未检查）",
            summary.failed
        ));
    }
    if summary.errors + summary.warnings + summary.infos == 0 {
        line.push_str(match (summary.failed > 0, summary.baselined > 0) {
            (_, true) => "，没有发现基线以外的问题",
            (true, false) => "，检查了的文件中未发现问题",
            (false, false) => "，未发现问题",
        });
    } else {
        line.push_str(&format!(
            "，发现 {} 个错误、{} 个警告、{} 个提示",
            summary.errors, summary.warnings, summary.infos
        ));
    }
    if summary.baselined > 0 {
        line.push_str(&format!("；基线隐藏了 {} 个已知问题", summary.baselined));
    }
    if summary.skipped > 0 {
        line.push_str(&format!(
            "；另有 {} 个文件不是年度报告，已跳过",
            summary.skipped
        ));
    }
    writeln!(out, "{line}。")
}

/// Writes what happened to a file that was not checked: why it could not
/// be read (an error) or why it was passed over (a note); nothing for a
/// checked file.
pub fn write_unchecked(out: &mut dyn WriteColor, result: &FileResult) -> io::Result<()> {
    match &result.outcome {
        Outcome::Checked { .. } => Ok(()),
        Outcome::Failed(err) => write_input_error(out, err),
        Outcome::Skipped(skip) => write_skipped(out, &result.path, *skip),
    }
}

/// Writes why a file was passed over (`提示: <path>: <why>`).
pub fn write_skipped(out: &mut dyn WriteColor, path: &str, skip: Skip) -> io::Result<()> {
    write_headed_line(
        out,
        "note",
        codespan_reporting::term::termcolor::Color::Cyan,
        &format!("{path}: {}", words::skipped(skip)),
    )
}

/// Writes one line after a severity word (`提示: …`, `警告: …`).
fn write_headed_line(
    out: &mut dyn WriteColor,
    english: &str,
    color: codespan_reporting::term::termcolor::Color,
    text: &str,
) -> io::Result<()> {
    let out = &mut Printable(out);
    write_header(out, english, color)?;
    writeln!(out, "{text}")
}

/// Writes an input error (`error: <path>: <reason>`).
pub fn write_input_error(out: &mut dyn WriteColor, error: &InputError) -> io::Result<()> {
    write_input_error_text(out, &words::input_error(error))
}

/// Writes an error message (`error: <message>`).
pub fn write_input_error_text(out: &mut dyn WriteColor, message: &str) -> io::Result<()> {
    let out = &mut Printable(out);
    write_error_header(out)?;
    writeln!(out, "{message}")
}

/// Writes a warning that does not stop the run (`warning: <message>`).
pub fn write_warning_text(out: &mut dyn WriteColor, message: &str) -> io::Result<()> {
    write_headed_line(
        out,
        "warning",
        codespan_reporting::term::termcolor::Color::Yellow,
        message,
    )
}

fn write_error_header(out: &mut dyn WriteColor) -> io::Result<()> {
    write_header(
        out,
        "error",
        codespan_reporting::term::termcolor::Color::Red,
    )
}

fn write_header(
    out: &mut dyn WriteColor,
    word: &str,
    color: codespan_reporting::term::termcolor::Color,
) -> io::Result<()> {
    use codespan_reporting::term::termcolor::ColorSpec;
    out.set_color(ColorSpec::new().set_fg(Some(color)).set_bold(true))?;
    write!(out, "{}", words::header(word))?;
    out.reset()?;
    write!(out, ": ")
}

/// Writes a rule-file error, showing the offending YAML line when there is a
/// position.
pub fn write_rule_error(out: &mut dyn WriteColor, error: &RuleError) -> io::Result<()> {
    let Some(at) = &error.location else {
        write_error_header(out)?;
        writeln!(out, "{}: {}", error.file, error.message)?;
        if let Some(note) = &error.note {
            writeln!(out, "  = {note}")?;
        }
        return Ok(());
    };
    let source = SourceFile::new(error.file.clone(), at.source_text.to_string());
    let excerpt = Excerpt::new(&source, std::slice::from_ref(&at.span));
    let mut message_lines = error.message.lines();
    let headline = message_lines.next().unwrap_or_default().to_owned();
    let mut notes: Vec<String> = Vec::new();
    let detail: Vec<&str> = message_lines.collect();
    if !detail.is_empty() {
        notes.push(detail.join("\n"));
    }
    notes.extend(error.note.clone());
    let diagnostic = Diagnostic::error()
        .with_message(headline)
        .with_labels(vec![Label::primary((), excerpt.map_span(&at.span))])
        .with_notes(notes);
    emit(out, &config(), &excerpt, &diagnostic)
}

/// Renders one diagnostic, its severity word in the user's language
/// ([`words::header`]).
fn emit(
    out: &mut dyn WriteColor,
    config: &Config,
    excerpt: &Excerpt<'_>,
    diagnostic: &Diagnostic<()>,
) -> io::Result<()> {
    let mut headed = Headed { out, first: true };
    term::emit_to_write_style(&mut headed, config, excerpt, diagnostic).map_err(to_io)
}

/// A writer for one diagnostic whose first text is its severity word
/// (codespan-reporting writes `warning` then `[code]: message`): that word
/// is written as [`words::header`] gives it; the rest passes through.
struct Headed<'a> {
    out: &'a mut dyn WriteColor,
    first: bool,
}

impl Write for Headed<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if std::mem::take(&mut self.first)
            && let Ok(word) = std::str::from_utf8(buf)
        {
            self.out.write_all(words::header(word).as_bytes())?;
            return Ok(buf.len());
        }
        self.out.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

impl WriteColor for Headed<'_> {
    fn supports_color(&self) -> bool {
        self.out.supports_color()
    }

    fn set_color(
        &mut self,
        spec: &codespan_reporting::term::termcolor::ColorSpec,
    ) -> io::Result<()> {
        self.out.set_color(spec)
    }

    fn reset(&mut self) -> io::Result<()> {
        self.out.reset()
    }

    fn is_synchronous(&self) -> bool {
        self.out.is_synchronous()
    }
}

/// Writes the outline of one file: title, then one line per section with its
/// line number, indented by level.
pub fn write_outline(
    out: &mut dyn WriteColor,
    source: &SourceFile,
    outline: &Outline,
) -> io::Result<()> {
    writeln!(out, "{}", source.name())?;
    match &outline.title {
        Some(title) => writeln!(
            out,
            "{:>5}  标题：{}",
            source.position(title.span.start).line,
            title.text
        )?,
        None => writeln!(out, "{:>5}  （未识别出标题）", "")?,
    }
    fn depth(outline: &Outline, mut index: usize) -> usize {
        let mut depth = 0;
        while let Some(parent) = outline.sections[index].parent {
            depth += 1;
            index = parent;
        }
        depth
    }
    for (index, section) in outline.sections.iter().enumerate() {
        writeln!(
            out,
            "{:>5}  {}{}",
            section.line + 1,
            "  ".repeat(depth(outline, index)),
            section.heading
        )?;
    }
    if outline.sections.is_empty() {
        writeln!(out, "{:>5}  （未识别出章节标题）", "")?;
    }
    Ok(())
}

/// Writes the rule list: id, kind, severity and title, then the basis.
pub fn write_rules(
    out: &mut dyn WriteColor,
    rules: &[Rule],
    provenance: &fzlint_core::engine::Provenance,
) -> io::Result<()> {
    let id_width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let kind_width = rules
        .iter()
        .map(|r| r.kind().as_str().len())
        .max()
        .unwrap_or(0);
    for rule in rules {
        writeln!(
            out,
            "{:<id_width$}  {:<kind_width$}  {:<7}  {}",
            rule.id,
            rule.kind().as_str(),
            rule.severity.as_str(),
            rule.title
        )?;
        if let Some(basis) = rule.full_basis() {
            writeln!(out, "{:<id_width$}  依据：{}", "", basis.trim_end())?;
        }
    }
    writeln!(out, "共 {} 条规则。", rules.len())?;
    writeln!(out, "{}", provenance.line())
}
