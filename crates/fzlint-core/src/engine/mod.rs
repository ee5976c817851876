//! The one entry point every front end uses: an [`Engine`] holds a run's
//! compiled rules and how they are selected per report; [`Engine::check`]
//! turns one report's bytes into a [`Checked`] report (document, findings,
//! elements), with the selection and the report's suppression comments
//! applied. The command line, the browser page and the language server all
//! call it, so they cannot disagree about a report.

mod provenance;
mod rule_set;
mod selection;
pub mod suppress;

use std::borrow::Cow;
use std::fmt;

pub use provenance::Provenance;
pub use rule_set::RuleSet;
pub use selection::Selection;

use crate::document::{self, Document, Format};
use crate::element::Element;
use crate::error::{InputError, RuleErrors};
use crate::finding::{Finding, Severity};
use crate::pack::RuleSource;
use crate::text::decode::Encoding;
use suppress::RuleState;

/// Which rules run on a report, by its name: a config's `overrides` for a
/// folder, say. A [`Selection`] is the simplest: the same rules for every
/// report.
pub trait Select: fmt::Debug + Send + Sync {
    /// The selection for the report called `name` (as in [`Input::name`]).
    fn select<'a>(&'a self, rules: &RuleSet, name: &str) -> Cow<'a, Selection>;
}

impl Select for Selection {
    fn select<'a>(&'a self, _rules: &RuleSet, _name: &str) -> Cow<'a, Selection> {
        Cow::Borrowed(self)
    }
}

/// One report to check: its bytes as read, and how to read them.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// What messages call the report: its path as given, `<stdin>`, the
    /// name of a file chosen in a browser, an editor's document.
    pub name: &'a str,
    /// Its bytes, exactly as read (spans are offsets into their decoded
    /// text).
    pub bytes: &'a [u8],
    /// How to read it; [`Input::new`] takes it from the name's extension.
    pub format: Format,
    /// An encoding the user named, instead of detecting it.
    pub encoding: Option<&'static Encoding>,
}

impl<'a> Input<'a> {
    /// A report read in the format its name's extension implies, its
    /// encoding detected.
    pub fn new(name: &'a str, bytes: &'a [u8]) -> Input<'a> {
        Input {
            name,
            bytes,
            format: Format::of_name(name),
            encoding: None,
        }
    }

    /// The same report read as `format`.
    pub fn with_format(self, format: Format) -> Input<'a> {
        Input { format, ..self }
    }

    /// The same report decoded with `encoding` (`None`: detected).
    pub fn with_encoding(self, encoding: Option<&'static Encoding>) -> Input<'a> {
        Input { encoding, ..self }
    }
}

/// A report, checked.
#[derive(Debug)]
pub struct Checked {
    /// The report as read: text, outline, metadata.
    pub document: Box<Document>,
    /// Its findings after the selection and its suppression comments,
    /// sorted by position.
    pub findings: Vec<Finding>,
    /// The rules that ran on it, at what severity.
    pub selection: Selection,
    /// The audit columns of the rule set, assessed on it (before
    /// suppressions: a supervisor sees what the text contains).
    pub elements: Vec<Element>,
}

/// The compiled rules of a run and how they are selected per report.
#[derive(Debug)]
pub struct Engine {
    rules: RuleSet,
    select: Box<dyn Select>,
}

impl Engine {
    /// An engine that runs every rule of `rules` on every report.
    pub fn new(rules: RuleSet) -> Engine {
        let all = Selection::all(&rules);
        Engine::with_selection(rules, Box::new(all))
    }

    /// An engine that runs the rules `select` chooses for each report.
    pub fn with_selection(rules: RuleSet, select: Box<dyn Select>) -> Engine {
        Engine { rules, select }
    }

    /// Compiles rule files (a pack, or several one after another) and runs
    /// every rule.
    pub fn load(sources: &[RuleSource]) -> Result<Engine, RuleErrors> {
        RuleSet::load(sources).map(Engine::new)
    }

    /// The rules.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The rules, without the rest.
    pub fn into_rules(self) -> RuleSet {
        self.rules
    }

    /// The selection for the report called `name`.
    pub fn selection(&self, name: &str) -> Cow<'_, Selection> {
        self.select.select(&self.rules, name)
    }

    /// Tells the engine how many reports the run will check, so that it can
    /// choose the automata worth building for that many.
    pub fn expect_documents(&self, documents: usize) {
        self.rules.expect_documents(documents);
    }

    /// Reads and checks one report. Fails, naming the report, only when
    /// its bytes are not a report fzlint can read (see [`Document::read`]);
    /// a file kind fzlint does not read at all (`.doc`, `.pdf`…) is refused
    /// by its name first.
    pub fn check(&self, input: &Input<'_>) -> Result<Checked, InputError> {
        Ok(self.check_document(read(input)?))
    }

    /// Reads one file found in a folder of reports and checks it if it reads
    /// as a report of the genre ([`document::genre`]); a file that does not
    /// (notes, a list, a README) is [`Outcome::Skipped`] without running a
    /// rule. A file named by the user is checked with [`Engine::check`].
    pub fn check_if_report(&self, input: &Input<'_>) -> Outcome {
        if document::unsupported(input.name).is_none()
            && document::genre::written_by_fzlint(input.bytes)
        {
            return Outcome::Skipped(Skip::Generated);
        }
        match read(input) {
            Err(err) => Outcome::Failed(err),
            Ok(document) if !document::genre::looks_like_report(&document) => {
                Outcome::Skipped(Skip::NotAReport)
            }
            Ok(document) => Ok(self.check_document(document)).into(),
        }
    }

    /// Checks a report already read (a text an editor holds, a pack's test
    /// report): what [`Engine::check`] does after reading.
    pub fn check_document(&self, document: Document) -> Checked {
        let selection = self.selection(document.source().name()).into_owned();
        let rules = &self.rules;
        let (findings, elements) = rules.check_and_assess(&document, &selection);
        let unused = rules
            .index(suppress::UNUSED)
            .filter(|&i| selection.enabled(i))
            .map(|i| selection.severity(i).unwrap_or(rules.rules()[i].severity));
        let state = |id: &str| match rules.index(id) {
            None => RuleState::Unknown,
            Some(i) if selection.enabled(i) => RuleState::Enabled,
            Some(_) => RuleState::Disabled,
        };
        let findings = suppress::apply(&document, findings, state, unused);
        Checked {
            document: Box::new(document),
            findings,
            selection,
            elements,
        }
    }
}

/// Reads an input into a document; a file kind fzlint does not read at all
/// (`.doc`, `.pdf`…) is refused by its name first.
fn read(input: &Input<'_>) -> Result<Document, InputError> {
    if let Some(refused) = document::unsupported(input.name) {
        return Err(refused);
    }
    Document::read(input.name, input.bytes, input.format, input.encoding)
}

/// What happened to one input of a run.
#[derive(Debug)]
pub enum Outcome {
    /// The report was read and checked.
    Checked {
        /// The report as read.
        document: Box<Document>,
        /// Its findings, sorted by position.
        findings: Vec<Finding>,
        /// The rules that ran on it, at what severity.
        selection: Selection,
        /// The audit columns of the rule set, assessed on it (before
        /// suppressions: a supervisor sees what the text contains).
        elements: Vec<Element>,
    },
    /// The report could not be read; the run went on with the others.
    Failed(InputError),
    /// The file was read but passed over, and why.
    Skipped(Skip),
}

/// Why a file a run found was passed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// It has no report title, no outline and none of the genre's
    /// vocabulary ([`document::genre`]).
    NotAReport,
    /// fzlint wrote it (an audit, a run's summary: it carries
    /// [`document::genre::GENERATED`]).
    Generated,
}

impl Skip {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Skip::NotAReport => "not_a_report",
            Skip::Generated => "generated",
        }
    }

    /// What happened, for people.
    pub fn message(self) -> &'static str {
        match self {
            Skip::NotAReport => "不像法治政府建设年度报告，已跳过",
            Skip::Generated => "是 fzlint 生成的审阅表或汇总，不是报告，已跳过",
        }
    }
}

impl From<Result<Checked, InputError>> for Outcome {
    fn from(result: Result<Checked, InputError>) -> Outcome {
        match result {
            Ok(Checked {
                document,
                findings,
                selection,
                elements,
            }) => Outcome::Checked {
                document,
                findings,
                selection,
                elements,
            },
            Err(err) => Outcome::Failed(err),
        }
    }
}

/// One input of a run and what happened to it.
#[derive(Debug)]
pub struct FileResult {
    /// The name it is reported under (a path as given, or `<stdin>`).
    pub path: String,
    /// Its outcome.
    pub outcome: Outcome,
}

impl From<Result<Checked, InputError>> for FileResult {
    /// The result of [`Engine::check`], under the report's name.
    fn from(result: Result<Checked, InputError>) -> FileResult {
        let path = match &result {
            Ok(checked) => checked.document.source().name().to_owned(),
            Err(err) => err.path().to_owned(),
        };
        FileResult {
            path,
            outcome: result.into(),
        }
    }
}

/// Counts over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Inputs, including those that could not be read.
    pub files: usize,
    /// Inputs that could not be read.
    pub failed: usize,
    /// Inputs passed over as not reports (not counted in `files`).
    pub skipped: usize,
    /// Error-severity findings.
    pub errors: usize,
    /// Warning-severity findings.
    pub warnings: usize,
    /// Info-severity findings.
    pub infos: usize,
    /// Findings a baseline accepted and took out (not in the counts above).
    pub baselined: usize,
}

/// Counts the findings and failures of a run.
pub fn summarize(results: &[FileResult]) -> Summary {
    let mut summary = Summary::default();
    for result in results {
        summary.add(result);
    }
    summary
}

impl Summary {
    /// Counts one more input.
    pub fn add(&mut self, result: &FileResult) {
        if matches!(result.outcome, Outcome::Skipped(_)) {
            self.skipped += 1;
            return;
        }
        self.files += 1;
        match &result.outcome {
            Outcome::Skipped(_) => {}
            Outcome::Failed(_) => self.failed += 1,
            Outcome::Checked { findings, .. } => {
                for finding in findings {
                    match finding.severity {
                        Severity::Error => self.errors += 1,
                        Severity::Warning => self.warnings += 1,
                        Severity::Info => self.infos += 1,
                    }
                }
            }
        }
    }
}
