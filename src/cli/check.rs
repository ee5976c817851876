//! `fzlint check`: lint reports.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;
use fzlint::finding::Severity;
use fzlint::output::{human, json};
use fzlint::report::{self, Outcome};

use super::{EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE, Format, OutputArgs, RuleArgs};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// 要检查的报告文件（.md/.markdown 按 Markdown 读，其余按纯文本读；`-` 为标准输入）
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    rules: RuleArgs,
}

pub fn run(args: CheckArgs) -> io::Result<u8> {
    let Some(rules) = super::load_rules(&args.rules, args.output.color)? else {
        return Ok(EXIT_TROUBLE);
    };
    let results: Vec<_> = args
        .paths
        .iter()
        .map(|path| report::check_path(path, &rules))
        .collect();
    let summary = report::summarize(&results);

    let mut err_out = super::stderr(args.output.color);
    for result in &results {
        if let Outcome::Failed(err) = &result.outcome {
            human::write_input_error(&mut err_out, err)?;
        }
    }
    match args.output.format {
        Format::Human => {
            let mut out = super::stdout(args.output.color);
            for result in &results {
                if let Outcome::Checked { document, findings } = &result.outcome {
                    human::write_findings(&mut out, document.source(), findings)?;
                }
            }
            human::write_summary(&mut out, &summary)?;
            out.flush()?;
        }
        Format::Json => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            json::write_report(&mut out, &results, &summary)?;
            out.flush()?;
        }
    }

    let has_errors = results.iter().any(|r| match &r.outcome {
        Outcome::Checked { findings, .. } => findings.iter().any(|f| f.severity == Severity::Error),
        Outcome::Failed(_) => false,
    });
    Ok(if summary.failed > 0 {
        EXIT_TROUBLE
    } else if has_errors {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}
