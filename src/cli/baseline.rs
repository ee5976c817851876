//! `fzlint baseline`: accept the current findings, so that `check
//! --baseline` reports only new ones.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;
use fzlint::baseline::{self, Baseline};
use fzlint::output::human;
use fzlint::report::Outcome;

use super::{
    ColorArg, ConfigArgs, EXIT_CLEAN, EXIT_TROUBLE, InputArgs, RuleArgs, WalkArgs, write_atomically,
};

#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// 要记入基线的报告文件或目录（默认当前目录）
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// 基线文件（默认配置中的 baseline，否则当前目录的 .fzlint-baseline.json）
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
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

pub fn run(args: BaselineArgs) -> io::Result<u8> {
    let color = args.color.color;
    let Some(linter) = super::prepare(&args.config, &args.rules, &args.input, color)? else {
        return Ok(EXIT_TROUBLE);
    };
    let linter = linter.with_all(args.walk.all);
    let path = args
        .output
        .clone()
        .or_else(|| linter.config().baseline.clone())
        .unwrap_or_else(|| PathBuf::from(baseline::FILE_NAME));
    if !super::output_is_not_an_input(&path, &linter, &args.paths, color)? {
        return Ok(EXIT_TROUBLE);
    }
    let results = super::check::collect_inputs(&linter, &args.paths);
    let root = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let accepted = Baseline::of(&results, &root);
    write_atomically(&path, |out| out.write_all(accepted.to_json().as_bytes()))?;
    let mut err_out = super::stderr(color);
    let mut failed = false;
    for result in &results {
        failed |= matches!(result.outcome, Outcome::Failed(_));
        human::write_unchecked(&mut err_out, result)?;
    }
    let checked = results
        .iter()
        .filter(|r| !matches!(r.outcome, Outcome::Skipped(_)))
        .count();
    let mut out = super::stdout(color);
    writeln!(
        out,
        "已把 {} 个文件中的 {} 个问题写入基线 {}。",
        checked,
        accepted.len(),
        path.display()
    )?;
    out.flush()?;
    Ok(if failed { EXIT_TROUBLE } else { EXIT_CLEAN })
}
