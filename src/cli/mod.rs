//! Command-line interface: clap types and one module per subcommand. No
//! linting logic lives here.

mod check;
mod outline;
mod rules;

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use fzlint::output::human;
use fzlint::output::termcolor::{BufferedStandardStream, ColorChoice, StandardStream};
use fzlint::rules::{self as rule_packs, RuleSet, RuleSource};

/// Exit status: no error-severity finding.
pub const EXIT_CLEAN: u8 = 0;
/// Exit status: at least one error-severity finding.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: a usage, rule or input error.
pub const EXIT_TROUBLE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "fzlint",
    version,
    about = "法治政府建设年度报告检查工具：按规则包检查报告的必备要素、结构和用语",
    long_about = None
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// 检查报告（Markdown 或纯文本；`-` 读标准输入）
    Check(check::CheckArgs),
    /// 显示报告的标题和章节结构（一、（一）1.（1））
    Outline(outline::OutlineArgs),
    /// 规则包相关命令
    Rules {
        #[command(subcommand)]
        command: rules::RulesCommand,
    },
}

/// Which rule packs to load.
#[derive(Debug, Args)]
struct RuleArgs {
    /// 额外加载的规则包目录（或单个规则文件），可重复
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// 不加载内置的默认规则包（rules/fazhi）
    #[arg(long)]
    no_default_rules: bool,
}

/// How a subcommand prints its results.
#[derive(Debug, Args)]
struct OutputArgs {
    /// 输出格式
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// 何时使用颜色
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    color: ColorWhen,
}

/// Output format of `check`, `outline` and `rules list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// 供人阅读：逐条显示问题，并在原文下标出位置
    Human,
    /// 稳定的 JSON 格式，供 CI 和其他工具读取
    Json,
}

/// When to colour human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorWhen {
    /// 输出到终端且未设置 NO_COLOR 时使用颜色
    Auto,
    /// 总是使用颜色
    Always,
    /// 不使用颜色
    Never,
}

impl ColorWhen {
    fn choice(self, is_terminal: bool) -> ColorChoice {
        match self {
            ColorWhen::Always => ColorChoice::Always,
            ColorWhen::Never => ColorChoice::Never,
            // termcolor's Auto honours NO_COLOR and TERM=dumb but not pipes.
            ColorWhen::Auto if is_terminal => ColorChoice::Auto,
            ColorWhen::Auto => ColorChoice::Never,
        }
    }
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // Help and version go to stdout with status 0; usage errors to
            // stderr with status 2.
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() {
                EXIT_TROUBLE
            } else {
                EXIT_CLEAN
            });
        }
    };
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Outline(args) => outline::run(args),
        Command::Rules { command } => rules::run(command),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(EXIT_CLEAN),
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(EXIT_TROUBLE)
        }
    }
}

/// Standard output for human text, coloured as asked.
fn stdout(color: ColorWhen) -> BufferedStandardStream {
    BufferedStandardStream::stdout(color.choice(io::stdout().is_terminal()))
}

/// Standard error for messages, coloured when it is a terminal.
fn stderr(color: ColorWhen) -> StandardStream {
    StandardStream::stderr(color.choice(io::stderr().is_terminal()))
}

/// Loads the rule packs of a run. On failure, prints every rule error and
/// returns `None`.
fn load_rules(args: &RuleArgs, color: ColorWhen) -> io::Result<Option<RuleSet>> {
    let mut sources: Vec<RuleSource> = Vec::new();
    if !args.no_default_rules {
        sources.extend(rule_packs::embedded_pack());
    }
    let mut errors = Vec::new();
    for dir in &args.rules {
        match rule_packs::read_pack(dir) {
            Ok(pack) => sources.extend(pack),
            Err(rule_packs_errors) => errors.extend(rule_packs_errors.0),
        }
    }
    let mut err_out = stderr(color);
    if sources.is_empty() && errors.is_empty() {
        human::write_input_error_text(
            &mut err_out,
            "没有加载任何规则：去掉 --no-default-rules，或用 --rules 指定规则包",
        )?;
        return Ok(None);
    }
    if errors.is_empty() {
        match rule_packs::load(&sources) {
            Ok(set) => return Ok(Some(set)),
            Err(load_errors) => errors = load_errors.0,
        }
    }
    for error in &errors {
        human::write_rule_error(&mut err_out, error)?;
    }
    human::write_input_error_text(
        &mut err_out,
        &format!("规则文件有 {} 处错误，未进行检查", errors.len()),
    )?;
    Ok(None)
}
