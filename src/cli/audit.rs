//! `fzlint audit`: the supervisor's matrix of reports × required elements,
//! with timeliness and, on request, copied and templated reports.

use std::convert::Infallible;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;

use clap::{Args, ValueEnum};
use fzlint::config::FailLevel;
use fzlint::output::audit as writers;
use fzlint::output::human;
use fzlint::output::termcolor::NoColor;
use fzlint::output::words;
use fzlint::report::{FileResult, Outcome};
use fzlint::walk;
use fzlint_core::audit::{self, Audit};
use fzlint_core::similar;

use super::{
    ColorArg, ConfigArgs, EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE, InputArgs, RuleArgs, WalkArgs,
    parse_fail_level, write_atomically,
};

/// An output format of `audit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuditFormat {
    /// 终端表格（对齐中文，按需着色）
    Table,
    /// CSV（UTF-8 带 BOM，可直接用 Excel、WPS 打开）
    Csv,
    /// 稳定的 JSON 格式，供其他工具读取
    Json,
    /// Markdown 表格，适合写进材料
    Markdown,
    /// 单个 HTML 文件（不联网）：可排序、筛选、查看证据和每份报告的详情
    Html,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// 要审计的报告文件或目录（默认当前目录）
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = AuditFormat::Table)]
    format: AuditFormat,
    /// 写入文件而不是标准输出
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// 查找文字高度重合的报告（照抄往年、套用同一模板）
    #[arg(long)]
    similar: bool,
    /// 相似度阈值（0–1，默认 0.5）；给出即查找相似报告
    #[arg(long, value_name = "0-1", value_parser = parse_threshold)]
    threshold: Option<f64>,
    /// 报告清单 CSV（列：路径、主体、发布日期），用于判断是否按时公开
    #[arg(long, value_name = "FILE")]
    manifest: Option<PathBuf>,
    /// 给出时，有这一级及以上的问题则退出状态为 1（默认审计总是成功）
    #[arg(long, value_name = "LEVEL", value_parser = parse_fail_level)]
    fail_level: Option<FailLevel>,
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

fn parse_threshold(value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err("应为 0 到 1 之间的数，如 0.5".to_owned()),
    }
}

pub fn run(args: AuditArgs) -> io::Result<u8> {
    let color = args.color.color;
    let manifest = match &args.manifest {
        None => None,
        Some(path) => match fzlint::manifest::read(path) {
            Ok(manifest) => Some(Arc::new(manifest)),
            Err(errors) => {
                let mut err_out = super::stderr(color);
                for error in &errors {
                    human::write_input_error_text(&mut err_out, &error.to_string())?;
                }
                human::write_input_error_text(
                    &mut err_out,
                    &format!("清单文件有 {} 处错误，未进行审计", errors.len()),
                )?;
                return Ok(EXIT_TROUBLE);
            }
        },
    };
    let Some(linter) = super::prepare(&args.config, &args.rules, &args.input, color)? else {
        return Ok(EXIT_TROUBLE);
    };
    let linter = linter.with_all(args.walk.all);
    if let Some(path) = &args.output
        && !super::output_is_not_an_input(path, &linter, &args.paths, color)?
    {
        return Ok(EXIT_TROUBLE);
    }
    let fail_level = args.fail_level;
    let similar = (args.similar || args.threshold.is_some()).then(|| similar::Options {
        threshold: args
            .threshold
            .unwrap_or(similar::Options::default().threshold),
        ..similar::Options::default()
    });
    let mut builder = Audit::builder(
        linter.rules(),
        audit::Options {
            similar,
            manifest: manifest
                .clone()
                .map(|m| m as Arc<dyn fzlint_core::audit::Manifest>),
            selection: Some(linter.base_selection()),
        },
    );
    // Each report becomes its row as soon as it is checked: the audit keeps
    // the texts (for excerpts), not whole documents.
    let inputs = walk::inputs(&args.paths, linter.config());
    let mut fails = false;
    let checked: Result<(), Infallible> =
        linter.check_each(&inputs.paths, &inputs.found, |result| {
            if let (Some(level), Outcome::Checked { findings, .. }) = (fail_level, &result.outcome)
            {
                fails |= findings.iter().any(|f| level.fails(f.severity));
            }
            builder.add(result);
            Ok(())
        });
    if let Err(never) = checked {
        match never {}
    }
    for error in inputs.errors {
        builder.add(FileResult {
            path: error.path().to_owned(),
            outcome: Outcome::Failed(error),
        });
    }
    let audit = builder.finish();

    let mut err_out = super::stderr(color);
    for error in &audit.failed {
        human::write_input_error(&mut err_out, error)?;
    }
    for (path, skip) in &audit.skipped {
        human::write_skipped(&mut err_out, path, *skip)?;
    }
    if let (Some(manifest), Some(path)) = (&manifest, &args.manifest) {
        let audited: Vec<PathBuf> = audit.rows.iter().map(|r| PathBuf::from(&r.path)).collect();
        for (report, line) in manifest.unmatched(&audited) {
            human::write_warning_text(
                &mut err_out,
                &format!(
                    "{}:{line}: 清单中的 {} 不在这次审计的报告中",
                    path.display(),
                    report.display()
                ),
            )?;
        }
    }

    match &args.output {
        Some(path) => write_atomically(path, |out| match args.format {
            AuditFormat::Table => writers::table::write(&mut NoColor::new(out), &audit, None),
            other => write_format(other, out, &audit),
        })?,
        None if args.format == AuditFormat::Table => {
            let mut out = super::stdout(color);
            writers::table::write(&mut out, &audit, terminal_width())?;
            out.flush()?;
        }
        None => {
            let mut out = super::stdout_plain();
            write_format(args.format, &mut out, &audit)?;
            out.flush()?;
        }
    }
    Ok(if !audit.failed.is_empty() {
        EXIT_TROUBLE
    } else if fails {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// The width the table fits on standard output: `COLUMNS` if it is set to a
/// number, else the terminal's width; none when standard output is not a
/// terminal (a file or a pipe has no width to fit, and a table as wide as
/// its columns is what a pager with side scrolling or a diff wants).
fn terminal_width() -> Option<usize> {
    if let Some(columns) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
    {
        return Some(columns);
    }
    terminal_size::terminal_size_of(io::stdout()).map(|(terminal_size::Width(w), _)| usize::from(w))
}

fn write_format(format: AuditFormat, out: &mut dyn Write, audit: &Audit) -> io::Result<()> {
    match format {
        AuditFormat::Table => writers::table::write(&mut NoColor::new(out), audit, None),
        AuditFormat::Csv => writers::csv::write(out, audit, &words::input_error),
        AuditFormat::Json => writers::json::write(out, audit, &words::input_error),
        AuditFormat::Markdown => writers::markdown::write(out, audit, &words::input_error),
        AuditFormat::Html => writers::html::write(out, audit, &words::input_error),
    }
}
