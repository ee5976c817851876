//! Checking one version of a document, off the thread that answers the
//! client: the config found for it, the engine's findings as the client's
//! diagnostics, its outline as symbols. The checker takes the newest
//! version of each document waiting for it and passes over older ones.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crossbeam_channel::{Receiver, Sender};
use fzlint_core::document::{Document, Format};
use fzlint_core::error::RuleError;
use fzlint_core::finding::{Finding, Severity};
use fzlint_core::text::source::SourceFile;
use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DocumentSymbol, Location,
    NumberOrString, SymbolKind, Uri,
};

use crate::config::{self, Profiles};
use crate::position::{self, Encoding};

/// The name of the source of every diagnostic.
pub const SOURCE: &str = "fzlint";

/// One version of a document to check.
#[derive(Debug, Clone)]
pub struct Job {
    /// The document.
    pub uri: Uri,
    /// Its version.
    pub version: i32,
    /// Its text, named by its path (or its URI when it is not a file).
    pub source: Arc<SourceFile>,
    /// Markdown or plain text.
    pub format: Format,
    /// Its file, when it is one.
    pub path: Option<PathBuf>,
    /// The workspace folders: no config above them is used.
    pub roots: Arc<Vec<PathBuf>>,
    /// How positions are counted.
    pub encoding: Encoding,
}

/// What the checker is asked to do.
#[derive(Debug)]
pub enum Work {
    /// Check a version of a document.
    Check(Job),
    /// Load every config again at its next use (a watched file changed).
    Reload,
}

/// A finding as the client sees it.
#[derive(Debug, Clone)]
pub struct Found {
    /// The finding.
    pub finding: Finding,
    /// Its diagnostic.
    pub diagnostic: Diagnostic,
    /// Whether its replacement is a safe fix (`fix: safe`).
    pub safe: bool,
}

/// A config (or the lack of one) loaded again, with its errors.
#[derive(Debug, Clone)]
pub struct Reloaded {
    /// The config file.
    pub config: Option<PathBuf>,
    /// Every error of the config and its rule files (none: it loaded).
    pub errors: Arc<Vec<RuleError>>,
}

/// One version of a document, checked.
#[derive(Debug)]
pub struct Done {
    /// The document.
    pub uri: Uri,
    /// The version checked.
    pub version: i32,
    /// Its diagnostics, in order.
    pub diagnostics: Vec<Diagnostic>,
    /// The findings behind them (none when the config has errors).
    pub found: Vec<Found>,
    /// The outline.
    pub symbols: Vec<DocumentSymbol>,
    /// The config, when it was loaded for this check.
    pub reloaded: Option<Reloaded>,
}

/// The checker's loop: until the server stops sending work.
pub fn run(work: &Receiver<Work>, done: &Sender<Done>, mut profiles: Profiles) {
    while let Ok(first) = work.recv() {
        let mut jobs: Vec<Job> = Vec::new();
        for item in std::iter::once(first).chain(work.try_iter()) {
            match item {
                Work::Reload => profiles.clear(),
                Work::Check(job) => {
                    // A newer version replaces one still waiting.
                    jobs.retain(|j| j.uri != job.uri);
                    jobs.push(job);
                }
            }
        }
        for job in jobs {
            let uri = job.uri.clone();
            let version = job.version;
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                check(&mut profiles, &job)
            }));
            let result = result.unwrap_or_else(|_| Done {
                uri,
                version,
                diagnostics: vec![note(
                    "fzlint 内部错误：检查这份报告时出错。这是 fzlint 的缺陷，请报告给维护者。"
                        .to_owned(),
                )],
                found: Vec::new(),
                symbols: Vec::new(),
                reloaded: None,
            });
            if done.send(result).is_err() {
                return;
            }
        }
    }
}

/// A diagnostic about the whole document, on its first line.
fn note(message: String) -> Diagnostic {
    Diagnostic {
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some(SOURCE.to_owned()),
        message,
        ..Diagnostic::default()
    }
}

/// Checks one version of a document.
pub fn check(profiles: &mut Profiles, job: &Job) -> Done {
    let config = job
        .path
        .as_deref()
        .and_then(|path| config::discover(path, &job.roots));
    let (profile, loaded_now) = profiles.get(config.as_deref());
    let reloaded = loaded_now.then(|| Reloaded {
        config: config.clone(),
        errors: match &profile.engine {
            Ok(_) => Arc::new(Vec::new()),
            Err(errors) => Arc::clone(errors),
        },
    });
    let engine = match &profile.engine {
        Ok(engine) => Arc::clone(engine),
        Err(errors) => {
            let first = errors.first().map(ToString::to_string).unwrap_or_default();
            let diagnostic = Diagnostic {
                code: Some(NumberOrString::String("config".to_owned())),
                ..note(format!(
                    "配置文件或规则文件有 {} 处错误，未检查这份报告：{first}",
                    errors.len()
                ))
            };
            let document = Document::parse((*job.source).clone(), job.format);
            return Done {
                uri: job.uri.clone(),
                version: job.version,
                diagnostics: vec![diagnostic],
                found: Vec::new(),
                symbols: symbols(&document, job.encoding),
                reloaded,
            };
        }
    };
    let document = Document::parse((*job.source).clone(), job.format);
    let checked = engine.check_document(document);
    let source = checked.document.source();
    let found: Vec<Found> = checked
        .findings
        .into_iter()
        .map(|finding| Found {
            diagnostic: diagnostic(source, &job.uri, &finding, job.encoding),
            safe: engine
                .rules()
                .get(&finding.rule)
                .is_some_and(|r| r.safe_fix),
            finding,
        })
        .collect();
    Done {
        uri: job.uri.clone(),
        version: job.version,
        diagnostics: found.iter().map(|f| f.diagnostic.clone()).collect(),
        symbols: symbols(&checked.document, job.encoding),
        found,
        reloaded,
    }
}

/// A finding as a diagnostic: its severity, the rule's id as the code, the
/// message as the command line writes it, its other places as related
/// information.
pub fn diagnostic(
    source: &SourceFile,
    uri: &Uri,
    finding: &Finding,
    encoding: Encoding,
) -> Diagnostic {
    let severity = match finding.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    };
    let related: Vec<DiagnosticRelatedInformation> = finding
        .secondary
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), position::range(source, &label.span, encoding)),
            message: label.message.clone(),
        })
        .collect();
    Diagnostic {
        range: position::range(source, &finding.span, encoding),
        severity: Some(severity),
        code: Some(NumberOrString::String(finding.rule.clone())),
        source: Some(SOURCE.to_owned()),
        message: finding.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        ..Diagnostic::default()
    }
}

/// The report's outline as nested symbols: the title, then the sections
/// (一、（一）1.（1）) each under the one that holds it.
pub fn symbols(document: &Document, encoding: Encoding) -> Vec<DocumentSymbol> {
    let source = document.source();
    let outline = document.outline();
    let mut symbols = Vec::new();
    if let Some(title) = &outline.title {
        let range = position::range(source, &title.span, encoding);
        symbols.push(symbol(title.text.clone(), SymbolKind::FILE, range, range));
    }
    // Children before parents: each section's symbol is built from its
    // children's, which come after it in document order.
    let sections = &outline.sections;
    let mut built: Vec<Option<DocumentSymbol>> = vec![None; sections.len()];
    for (i, section) in sections.iter().enumerate().rev() {
        let mut symbol = symbol(
            section.heading.clone(),
            SymbolKind::NAMESPACE,
            position::range(source, &section.span, encoding),
            position::range(source, &section.heading_span, encoding),
        );
        let children: Vec<DocumentSymbol> = section
            .children
            .iter()
            .filter_map(|&c| built.get_mut(c).and_then(Option::take))
            .collect();
        symbol.children = (!children.is_empty()).then_some(children);
        built[i] = Some(symbol);
    }
    symbols.extend(
        sections
            .iter()
            .zip(built)
            .filter(|(section, _)| section.parent.is_none())
            .filter_map(|(_, symbol)| symbol),
    );
    symbols
}

#[allow(deprecated)] // `deprecated` is a field every literal must name.
fn symbol(
    name: String,
    kind: SymbolKind,
    range: lsp_types::Range,
    selection_range: lsp_types::Range,
) -> DocumentSymbol {
    // A client rejects an empty name.
    let name = if name.trim().is_empty() {
        "（无标题）".to_owned()
    } else {
        name
    };
    // The selection must lie in the range.
    let range = lsp_types::Range::new(
        range.start.min(selection_range.start),
        range.end.max(selection_range.end),
    );
    DocumentSymbol {
        name,
        detail: None,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range,
        children: None,
    }
}

/// The diagnostics on a config or rule file for its errors, by file.
pub fn error_diagnostics(
    errors: &[RuleError],
    encoding: Encoding,
) -> Vec<(PathBuf, Vec<Diagnostic>)> {
    let mut by_file: Vec<(PathBuf, Vec<Diagnostic>)> = Vec::new();
    for error in errors {
        let path = PathBuf::from(&error.file);
        let range = match &error.location {
            Some(at) => {
                let source = SourceFile::new(error.file.clone(), at.source_text.to_string());
                position::range(&source, &at.span, encoding)
            }
            None => lsp_types::Range::default(),
        };
        let message = match &error.note {
            Some(note) => format!("{}\n{note}", error.message),
            None => error.message.clone(),
        };
        let diagnostic = Diagnostic {
            range,
            ..note(message)
        };
        match by_file.iter_mut().find(|(p, _)| *p == path) {
            Some((_, list)) => list.push(diagnostic),
            None => by_file.push((path, vec![diagnostic])),
        }
    }
    by_file
}

/// Whether a path names a config file.
pub fn is_config(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| fzlint_config::FILE_NAMES.contains(&n))
}
