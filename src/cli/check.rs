//! `fzlint check`: lint reports, with as many output formats as asked for.

use std::io::{self, Write};
use std::path::PathBuf;
use std::str::FromStr;

use clap::Args;
use fzlint::baseline::Baseline;
use fzlint::config::FailLevel;
use fzlint::output::StreamWriter;
use fzlint::output::termcolor::{ColorSpec, NoColor, WriteColor};
use fzlint::output::{github, human, json, jsonl, junit, sarif, summary_md};
use fzlint::report::{self, FileResult, Linter, Outcome, Run, Summary};
use fzlint::walk;
use fzlint_core::error::InputError;

use super::{
    AtomicFile, ColorArg, ConfigArgs, EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE, InputArgs, RuleArgs,
    WalkArgs, parse_fail_level, write_atomically,
};

/// An output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Human,
    Json,
    Jsonl,
    Sarif,
    Github,
    Junit,
    SummaryMd,
}

impl OutputFormat {
    /// Whether the format can be written file by file as results come.
    fn streams(self) -> bool {
        matches!(
            self,
            OutputFormat::Human | OutputFormat::Json | OutputFormat::Jsonl | OutputFormat::Github
        )
    }

    const NAMES: [(&'static str, OutputFormat); 7] = [
        ("human", OutputFormat::Human),
        ("json", OutputFormat::Json),
        ("jsonl", OutputFormat::Jsonl),
        ("sarif", OutputFormat::Sarif),
        ("github", OutputFormat::Github),
        ("junit", OutputFormat::Junit),
        ("summary-md", OutputFormat::SummaryMd),
    ];
}

/// `NAME` or `NAME=PATH`.
#[derive(Debug, Clone)]
pub struct FormatSpec {
    format: OutputFormat,
    path: Option<PathBuf>,
}

impl FromStr for FormatSpec {
    type Err = String;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        let (name, path) = match value.split_once('=') {
            Some((name, path)) if !path.is_empty() => (name, Some(PathBuf::from(path))),
            Some(_) => return Err("`=` 后面应是输出文件的路径".to_owned()),
            None => (value, None),
        };
        let format = OutputFormat::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| *f)
            .ok_or_else(|| {
                let names: Vec<&str> = OutputFormat::NAMES.iter().map(|(n, _)| *n).collect();
                format!("未知的格式 `{name}`；可用的有 {}", names.join("、"))
            })?;
        Ok(FormatSpec { format, path })
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// 要检查的报告文件或目录（默认当前目录）：.docx 按 Word 文档读，.html/.htm 按网页读，.md/.markdown 按 Markdown 读，其余按纯文本读（任何中文编码）；`-` 为标准输入
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// 输出格式，可重复：human、json、jsonl、sarif、github、junit、summary-md；`格式=文件` 写入文件
    #[arg(long, value_name = "FORMAT[=PATH]")]
    format: Vec<FormatSpec>,
    /// 从哪一级起检查失败（退出状态 1）：error（默认）、warning、info、never
    #[arg(long, value_name = "LEVEL", value_parser = parse_fail_level)]
    fail_level: Option<FailLevel>,
    /// 基线文件：只报告其中没有的问题
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// 自动改正可以安全改正的问题（规范用语、年份区间的一字线等），直接修改 .md/.txt 文件（保持编码、BOM 和换行符），然后报告其余问题
    #[arg(long, conflicts_with = "diff")]
    fix: bool,
    /// 不改文件，只以 unified diff 显示 --fix 会做的修改；有修改时退出状态为 1
    #[arg(long, conflicts_with = "format")]
    diff: bool,
    /// 屏幕输出显示每一处问题；默认同一文件中相同的问题（同一规则、同一说明）只完整显示前 3 处，其余合为一行（注明处数和行号）。JSON 等格式总是包含全部
    #[arg(long)]
    all_findings: bool,
    #[command(flatten)]
    config: ConfigArgs,
    #[command(flatten)]
    rules: RuleArgs,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    walk: WalkArgs,
    #[command(flatten)]
    color: ColorArg,
}

/// Checks the inputs of a run (walking directories), handing each result to
/// `each` in input order, then the walk's errors as failed files: the one
/// way `check` (streamed or collected), `--fix` and `baseline` check files.
pub(super) fn check_inputs<E>(
    linter: &Linter,
    paths: &[PathBuf],
    mut each: impl FnMut(FileResult) -> Result<(), E>,
) -> Result<(), E> {
    let inputs = walk::inputs(paths, linter.config());
    linter.check_each(&inputs.paths, &inputs.found, &mut each)?;
    inputs.errors.into_iter().try_for_each(|err: InputError| {
        each(FileResult {
            path: err.path().to_owned(),
            outcome: Outcome::Failed(err),
        })
    })
}

/// [`check_inputs`], collected (for the formats and actions that need the
/// whole run: SARIF, JUnit, summary-md, `--fix`, `--diff`, `baseline`).
pub(super) fn collect_inputs(linter: &Linter, paths: &[PathBuf]) -> Vec<FileResult> {
    let mut results = Vec::new();
    let collected: Result<(), std::convert::Infallible> = check_inputs(linter, paths, |result| {
        results.push(result);
        Ok(())
    });
    match collected {
        Ok(()) => results,
    }
}

pub fn run(args: CheckArgs) -> io::Result<u8> {
    let color = args.color.color;
    let mut formats = args.format.clone();
    if formats.is_empty() {
        formats.push(FormatSpec {
            format: OutputFormat::Human,
            path: None,
        });
    }
    if formats.iter().filter(|f| f.path.is_none()).count() > 1 {
        human::write_input_error_text(
            &mut super::stderr(color),
            "只能有一个 --format 写到标准输出；其余请写入文件（格式=文件）",
        )?;
        return Ok(EXIT_TROUBLE);
    }
    let Some(linter) = super::prepare(&args.config, &args.rules, &args.input, color)? else {
        return Ok(EXIT_TROUBLE);
    };
    let linter = linter.with_all(args.walk.all);
    for path in formats.iter().filter_map(|f| f.path.as_deref()) {
        if !super::output_is_not_an_input(path, &linter, &args.paths, color)? {
            return Ok(EXIT_TROUBLE);
        }
    }
    let baseline_path = args
        .baseline
        .clone()
        .or_else(|| linter.config().baseline.clone());
    let baseline = match &baseline_path {
        None => None,
        Some(path) => match Baseline::read(path) {
            Ok(baseline) => Some(baseline),
            Err(message) => {
                human::write_input_error_text(
                    &mut super::stderr(color),
                    &format!("{}: {message}", path.display()),
                )?;
                return Ok(EXIT_TROUBLE);
            }
        },
    };
    let fail_level = args
        .fail_level
        .or(linter.config().settings.fail_level)
        .unwrap_or(FailLevel::Error);
    if !args.fix && !args.diff && formats.iter().all(|f| f.format.streams()) {
        return stream(
            &linter,
            &args.paths,
            &formats,
            baseline.as_ref(),
            fail_level,
            color,
            args.all_findings,
        );
    }
    let mut results = collect_inputs(&linter, &args.paths);
    if args.diff {
        let mut out = super::stdout_plain();
        let (changed, unshown) = super::fix::diff(&linter, &results, &mut out)?;
        out.flush()?;
        let mut err_out = super::stderr(color);
        for note in &unshown {
            human::write_warning_text(&mut err_out, note)?;
        }
        for result in &results {
            if let Outcome::Failed(err) = &result.outcome {
                human::write_input_error(&mut err_out, err)?;
            }
        }
        if results
            .iter()
            .any(|r| matches!(r.outcome, Outcome::Failed(_)))
        {
            return Ok(EXIT_TROUBLE);
        }
        return Ok(if changed > 0 {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        });
    }
    let mut unwritten = 0;
    if args.fix {
        let fixed = super::fix::apply(&linter, &mut results, color)?;
        if fixed.files > 0 {
            writeln!(
                super::stderr(color),
                "已在 {} 个文件中改正 {} 处；以下是改正后仍有的问题。",
                fixed.files,
                fixed.edits
            )?;
        }
        unwritten = fixed.failed;
    }
    let baselined = baseline.as_ref().map_or(0, |b| b.filter(&mut results));
    let summary = Summary {
        baselined,
        ..report::summarize(&results)
    };
    let run = Run {
        results: &results,
        summary: &summary,
        rules: linter.rules(),
        fail_level,
    };

    let mut err_out = super::stderr(color);
    for result in &results {
        human::write_unchecked(&mut err_out, result)?;
    }
    for spec in &formats {
        match &spec.path {
            None if spec.format == OutputFormat::Human => {
                let mut out = super::stdout(color);
                write_human(&mut out, &run, args.all_findings)?;
                out.flush()?;
            }
            None => {
                let mut out = super::stdout_plain();
                write_format(spec.format, &mut out, &run, args.all_findings)?;
                out.flush()?;
            }
            Some(path) => write_atomically(path, |out| {
                write_format(spec.format, out, &run, args.all_findings)
            })?,
        }
    }

    let fails = results.iter().any(|r| match &r.outcome {
        Outcome::Checked { findings, .. } => findings.iter().any(|f| fail_level.fails(f.severity)),
        Outcome::Failed(_) | Outcome::Skipped(_) => false,
    });
    if unwritten > 0 {
        return Ok(EXIT_TROUBLE);
    }
    Ok(exit_status(&summary, fails))
}

fn exit_status(summary: &Summary, fails: bool) -> u8 {
    if summary.failed > 0 {
        EXIT_TROUBLE
    } else if fails {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// A run whose every format can be written file by file: reports are
/// checked in parallel windows and each result is written, in input order,
/// and dropped while the next window is checked, so memory stays flat
/// however many reports there are.
fn stream(
    linter: &Linter,
    paths: &[PathBuf],
    formats: &[FormatSpec],
    baseline: Option<&Baseline>,
    fail_level: FailLevel,
    color: super::ColorWhen,
    all_findings: bool,
) -> io::Result<u8> {
    let mut outputs = Vec::with_capacity(formats.len());
    for spec in formats {
        outputs.push(match &spec.path {
            None => Output::Stdout(super::stdout(color)),
            Some(path) => Output::File(AtomicFile::create(path)?),
        });
    }
    let mut writers: Vec<Box<dyn StreamWriter + '_>> = formats
        .iter()
        .zip(outputs.iter_mut())
        .map(|(spec, out)| -> Box<dyn StreamWriter + '_> {
            match spec.format {
                OutputFormat::Json => {
                    Box::new(json::JsonStream::new(out, linter.rules().provenance()))
                }
                OutputFormat::Jsonl => Box::new(jsonl::JsonlStream::new(out)),
                OutputFormat::Github => Box::new(github::GithubStream::new(out)),
                _ => Box::new(human::HumanStream::new(out, all_findings)),
            }
        })
        .collect();
    let mut summary = Summary::default();
    let mut fails = false;
    let mut remaining = baseline.map(Baseline::remaining);
    let mut err_out = super::stderr(color);
    let mut handle = |mut result: FileResult| -> io::Result<()> {
        if let Some(remaining) = &mut remaining {
            summary.baselined += remaining.filter(&mut result);
        }
        summary.add(&result);
        human::write_unchecked(&mut err_out, &result)?;
        if let Outcome::Checked { findings, .. } = &result.outcome {
            fails |= findings.iter().any(|f| fail_level.fails(f.severity));
        }
        writers.iter_mut().try_for_each(|w| w.file(&result))
    };
    check_inputs(linter, paths, &mut handle)?;
    for writer in &mut writers {
        writer.finish(&summary)?;
    }
    drop(writers);
    for output in outputs {
        output.close()?;
    }
    Ok(exit_status(&summary, fails))
}

/// Where a streamed format goes.
enum Output {
    Stdout(super::pipe::PipeOut<fzlint::output::termcolor::BufferedStandardStream>),
    File(AtomicFile),
}

impl Output {
    fn close(self) -> io::Result<()> {
        match self {
            Output::Stdout(mut out) => out.flush(),
            Output::File(file) => file.commit(),
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(out) => out.write(buf),
            Output::File(file) => file.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(out) => out.flush(),
            Output::File(file) => file.flush(),
        }
    }
}

impl WriteColor for Output {
    fn supports_color(&self) -> bool {
        match self {
            Output::Stdout(out) => out.supports_color(),
            Output::File(_) => false,
        }
    }

    fn set_color(&mut self, spec: &ColorSpec) -> io::Result<()> {
        match self {
            Output::Stdout(out) => out.set_color(spec),
            Output::File(_) => Ok(()),
        }
    }

    fn reset(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(out) => out.reset(),
            Output::File(_) => Ok(()),
        }
    }
}

fn write_human(
    out: &mut dyn fzlint::output::termcolor::WriteColor,
    run: &Run<'_>,
    all_findings: bool,
) -> io::Result<()> {
    for result in run.results {
        if let Outcome::Checked {
            document, findings, ..
        } = &result.outcome
        {
            human::write_findings(out, document, findings, all_findings)?;
        }
    }
    human::write_summary(out, run.summary)
}

fn write_format(
    format: OutputFormat,
    out: &mut dyn Write,
    run: &Run<'_>,
    all_findings: bool,
) -> io::Result<()> {
    match format {
        OutputFormat::Human => write_human(&mut NoColor::new(out), run, all_findings),
        OutputFormat::Json => {
            json::write_report(out, run.results, run.summary, run.rules.provenance())
        }
        OutputFormat::Jsonl => jsonl::write(out, run),
        OutputFormat::Sarif => sarif::write(out, run),
        OutputFormat::Github => github::write(out, run),
        OutputFormat::Junit => junit::write(out, run),
        OutputFormat::SummaryMd => summary_md::write(out, run),
    }
}
