//! Command-line interface: clap types and one module per subcommand. No
//! linting logic lives here.

mod annotate;
mod audit;
mod baseline;
mod check;
mod completions;
mod fix;
mod init;
mod lsp;
mod outline;
mod pipe;
mod rules;
mod schema;
mod usage_error;

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use fzlint::config::{Config, FailLevel};
use fzlint::output::termcolor::{BufferedStandardStream, ColorChoice, StandardStream};
use fzlint::output::{human, words};
use fzlint::packs;
use fzlint::read::{self, ReadOptions};
use fzlint::report::Linter;
use fzlint::write::{AtomicFile, write_atomically};
use fzlint_core::engine::RuleSet;
use fzlint_core::error::RuleErrors;
use fzlint_core::pack::RuleSource;

/// Exit status: no finding at or above the fail level.
pub const EXIT_CLEAN: u8 = 0;
/// Exit status: at least one finding at or above the fail level (or a
/// failed pack test).
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: a usage, rule, config or input error.
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
    /// 人读的输出用英文的严重程度词（error/warning/note），供按英文解析日志的 CI 工具使用；默认中文（错误/警告/提示）
    #[arg(long, global = true)]
    english_severity: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// 检查报告（文件或目录；不给路径时检查当前目录；`-` 读标准输入）
    Check(check::CheckArgs),
    /// 审计一批报告：每份报告 × 每项必备要素的矩阵、证据、时效，可查找照抄和套用模板的报告
    Audit(audit::AuditArgs),
    /// 生成带批注的 Word 文档副本：每个问题一条批注，标在出问题的文字上
    Annotate(annotate::AnnotateArgs),
    /// 把当前的问题记入基线文件，此后 `check --baseline` 只报告新问题
    Baseline(baseline::BaselineArgs),
    /// 在当前目录写一个带注释的 .fzlint.yaml 配置文件
    Init(init::InitArgs),
    /// 显示报告的标题和章节结构（一、（一）1.（1））
    Outline(outline::OutlineArgs),
    /// 语言服务器（LSP，经标准输入输出）：在编辑器中边写边显示问题，提供快速修正、悬停说明和提纲
    Lsp(lsp::LspArgs),
    /// 规则包相关命令
    Rules {
        #[command(subcommand)]
        command: rules::RulesCommand,
    },
    /// 输出规则文件或配置文件的 JSON Schema（用于编辑器补全）
    Schema(schema::SchemaArgs),
    /// 输出 shell 补全脚本（bash、zsh、fish、elvish、powershell）
    Completions(completions::CompletionsArgs),
    /// 输出 man 手册页（roff 格式）
    Man(completions::ManArgs),
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

/// How reports are read.
#[derive(Debug, Args)]
struct InputArgs {
    /// 文本文件和网页的编码（如 gbk、gb18030、utf-16le）；默认自动识别
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    encoding: Option<&'static fzlint_core::text::decode::Encoding>,
    /// 单个文件的大小上限（如 50M、200K、1G 或字节数；默认 50M），更大的文件报错不读
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    max_file_size: Option<u64>,
}

/// Which files of a folder are checked.
#[derive(Debug, Args)]
struct WalkArgs {
    /// 目录中的文件即使不像法治政府建设年度报告（没有报告标题、提纲和法治用语）也检查；默认跳过并说明
    #[arg(long)]
    all: bool,
}

impl InputArgs {
    fn options(&self) -> ReadOptions {
        ReadOptions {
            encoding: self.encoding,
            max_bytes: self.max_file_size.unwrap_or(read::DEFAULT_MAX_BYTES),
        }
    }
}

/// Parses a size: bytes, or a number with K, M or G (binary units; a
/// trailing B or iB is allowed).
fn parse_size(value: &str) -> Result<u64, String> {
    let upper = value.trim().to_ascii_uppercase();
    let digits = upper.trim_end_matches("IB").trim_end_matches('B');
    let (number, shift) = match digits.chars().last() {
        Some('K') => (&digits[..digits.len() - 1], 10),
        Some('M') => (&digits[..digits.len() - 1], 20),
        Some('G') => (&digits[..digits.len() - 1], 30),
        _ => (digits, 0),
    };
    number
        .trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .filter(|&n| n > 0)
        .ok_or_else(|| "应是正的字节数，或带 K、M、G 的大小，如 50M".to_owned())
}

/// Parses an encoding label for clap.
fn parse_encoding(value: &str) -> Result<&'static fzlint_core::text::decode::Encoding, String> {
    fzlint_core::text::decode::encoding_for_label(value).ok_or_else(|| {
        "未知的编码；可用 utf-8、gbk、gb18030、big5、utf-16le、utf-16be 等".to_owned()
    })
}

/// Which config file to use.
#[derive(Debug, Args)]
struct ConfigArgs {
    /// 配置文件（默认从当前目录向上查找 .fzlint.yaml）
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// 不读取任何配置文件
    #[arg(long)]
    no_config: bool,
}

/// How a subcommand prints its results.
#[derive(Debug, Args)]
struct OutputArgs {
    /// 输出格式
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    #[command(flatten)]
    color: ColorArg,
}

/// When to colour human output.
#[derive(Debug, Args)]
struct ColorArg {
    /// 何时使用颜色
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    color: ColorWhen,
}

/// Output format of `outline` and `rules explain`.
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

/// Parses `error|warning|info|never` for clap.
fn parse_fail_level(value: &str) -> Result<FailLevel, String> {
    FailLevel::parse(value).ok_or_else(|| "应为 error、warning、info 或 never".to_owned())
}

/// The command line's own frame in Chinese: the help's headings (用法,
/// 参数, 选项, 命令) and the built-in `--help`, `--version` and `help`,
/// in every subcommand. (clap's error messages stay its own.)
pub fn command() -> clap::Command {
    localize(<Cli as clap::CommandFactory>::command())
}

fn localize(command: clap::Command) -> clap::Command {
    let command = command
        .help_template("{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
        .subcommand_help_heading("命令")
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help("显示帮助")
                .help_heading("选项"),
        );
    let command = if command.get_version().is_some() {
        command.disable_version_flag(true).arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help("显示版本")
                .help_heading("选项"),
        )
    } else {
        command
    };
    let names: Vec<String> = command
        .get_arguments()
        .map(|arg| arg.get_id().to_string())
        .collect();
    let mut command = command;
    for name in names {
        command = command.mut_arg(name, |arg| {
            if arg.get_help_heading().is_some() {
                arg
            } else if arg.is_positional() {
                arg.help_heading("参数")
            } else {
                arg.help_heading("选项")
            }
        });
    }
    let subcommands: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_owned())
        .collect();
    for name in subcommands {
        command = command.mut_subcommand(name, localize);
    }
    if command.has_subcommands() {
        command = command.disable_help_subcommand(true).subcommand(
            clap::Command::new("help")
                .about("显示某个命令的帮助（如 fzlint help check）")
                .arg(clap::Arg::new("command").num_args(0..).help_heading("参数")),
        );
    }
    command
}

/// `fzlint [COMMAND…] help [COMMAND…]`: the help of the command named, or
/// `None` when the matches are no such request.
fn help_request(matches: &clap::ArgMatches) -> Option<Result<String, String>> {
    let mut path: Vec<String> = Vec::new();
    let mut at = matches;
    loop {
        let (name, sub) = at.subcommand()?;
        if name == "help" {
            path.extend(
                sub.get_many::<String>("command")
                    .into_iter()
                    .flatten()
                    .cloned(),
            );
            break;
        }
        path.push(name.to_owned());
        at = sub;
    }
    let mut command = command();
    // Built, so that each subcommand's usage names the whole command.
    command.build();
    let mut target = &mut command;
    for name in &path {
        match target.find_subcommand_mut(name) {
            Some(sub) => target = sub,
            None => {
                return Some(Err(format!(
                    "没有 `{name}` 这个命令；用 fzlint --help 查看所有命令"
                )));
            }
        }
    }
    Some(Ok(target.render_help().to_string()))
}

pub fn main() -> ExitCode {
    // Before the arguments are parsed, so that a usage error is worded as
    // asked too.
    words::use_english_severity(std::env::args_os().any(|a| a == "--english-severity"));
    let parsed = command().try_get_matches().and_then(|matches| {
        if let Some(help) = help_request(&matches) {
            return Ok(Err(help));
        }
        <Cli as clap::FromArgMatches>::from_arg_matches(&matches).map(Ok)
    });
    let cli = match parsed {
        Ok(Ok(cli)) => cli,
        Ok(Err(Ok(help))) => {
            print!("{help}");
            return ExitCode::from(EXIT_CLEAN);
        }
        Ok(Err(Err(message))) => {
            eprintln!("{}: {message}", words::header("error"));
            return ExitCode::from(EXIT_TROUBLE);
        }
        Err(err) if err.use_stderr() => {
            // Usage errors to stderr, in Chinese, with status 2.
            eprint!("{}", usage_error::message(&err));
            return ExitCode::from(EXIT_TROUBLE);
        }
        Err(err) => {
            // Help and version go to stdout with status 0.
            let _ = err.print();
            return ExitCode::from(EXIT_CLEAN);
        }
    };
    words::use_english_severity(cli.english_severity);
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Annotate(args) => annotate::run(args),
        Command::Audit(args) => audit::run(args),
        Command::Baseline(args) => baseline::run(args),
        Command::Init(args) => init::run(args),
        Command::Outline(args) => outline::run(args),
        Command::Lsp(args) => lsp::run(args),
        Command::Rules { command } => rules::run(command),
        Command::Schema(args) => schema::run(args),
        Command::Completions(args) => completions::run_completions(args),
        Command::Man(args) => completions::run_man(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(EXIT_CLEAN),
        Err(err) => {
            eprintln!("{}: {err}", words::header("error"));
            ExitCode::from(EXIT_TROUBLE)
        }
    }
}

/// Standard output for human text, coloured as asked; a closed pipe ends
/// the output, not the run ([`pipe::PipeOut`]).
fn stdout(color: ColorWhen) -> pipe::PipeOut<BufferedStandardStream> {
    pipe::PipeOut::new(BufferedStandardStream::stdout(
        color.choice(io::stdout().is_terminal()),
    ))
}

/// Standard output for machine-readable output, buffered; a closed pipe
/// ends the output, not the run.
fn stdout_plain() -> pipe::PipeOut<io::BufWriter<io::StdoutLock<'static>>> {
    pipe::PipeOut::new(io::BufWriter::new(io::stdout().lock()))
}

/// Standard error for messages, coloured when it is a terminal.
fn stderr(color: ColorWhen) -> StandardStream {
    StandardStream::stderr(color.choice(io::stderr().is_terminal()))
}

/// Prints rule or config errors and a closing line.
fn report_errors(errors: &RuleErrors, color: ColorWhen, what: &str) -> io::Result<()> {
    let mut err_out = stderr(color);
    for error in &errors.0 {
        human::write_rule_error(&mut err_out, error)?;
    }
    human::write_input_error_text(
        &mut err_out,
        &format!("{what}有 {} 处错误，未进行检查", errors.0.len()),
    )
}

/// Finds and loads the config. On failure, prints the errors.
fn load_config(args: &ConfigArgs, color: ColorWhen) -> io::Result<Option<Config>> {
    let cwd = std::env::current_dir()?;
    let file = if args.no_config {
        None
    } else {
        args.config.clone().or_else(|| Config::discover(&cwd))
    };
    let Some(file) = file else {
        return Ok(Some(Config::none(fzlint::config::absolute(&cwd))));
    };
    match Config::load(&file) {
        Ok(config) => Ok(Some(config)),
        Err(errors) => {
            report_errors(&errors, color, "配置文件")?;
            Ok(None)
        }
    }
}

/// Loads the rule packs of a run: the embedded pack unless left out (by
/// flag or config), the config's packs, then the command line's. On
/// failure, prints every error and returns `None`.
fn load_rules(args: &RuleArgs, config: &Config, color: ColorWhen) -> io::Result<Option<RuleSet>> {
    let mut sources: Vec<RuleSource> = Vec::new();
    if !args.no_default_rules && !config.settings.no_default_rules {
        sources.extend(packs::default_pack());
    }
    let mut errors = Vec::new();
    for dir in config.rule_packs.iter().chain(&args.rules) {
        match packs::read_pack(dir) {
            Ok(pack) => sources.extend(pack),
            Err(pack_errors) => errors.extend(pack_errors.0),
        }
    }
    if sources.is_empty() && errors.is_empty() {
        human::write_input_error_text(
            &mut stderr(color),
            "没有加载任何规则：去掉 --no-default-rules，或用 --rules 指定规则包",
        )?;
        return Ok(None);
    }
    if errors.is_empty() {
        match RuleSet::load(&sources) {
            Ok(set) => return Ok(Some(set)),
            Err(load_errors) => errors = load_errors.0,
        }
    }
    report_errors(&RuleErrors(errors), color, "规则文件")?;
    Ok(None)
}

/// Config, rules and per-file selection of a checking run.
fn prepare(
    config: &ConfigArgs,
    rules: &RuleArgs,
    input: &InputArgs,
    color: ColorWhen,
) -> io::Result<Option<Linter>> {
    let Some(config) = load_config(config, color)? else {
        return Ok(None);
    };
    let Some(rules) = load_rules(rules, &config, color)? else {
        return Ok(None);
    };
    match config.selector(&rules) {
        Ok(selector) => Ok(Some(
            Linter::new(rules, selector, config).with_read_options(input.options()),
        )),
        Err(errors) => {
            report_errors(&errors, color, "配置文件")?;
            Ok(None)
        }
    }
}

/// Refuses, with a message on standard error, an output file that is one of
/// the reports the run reads (after resolving links): `--format
/// json=报告.docx` or `audit -o 报告.md` would replace a report with fzlint's
/// output. True when the run may go on. Only an output that exists can be
/// an input, so a new output costs nothing.
fn output_is_not_an_input(
    output: &Path,
    linter: &Linter,
    paths: &[PathBuf],
    color: ColorWhen,
) -> io::Result<bool> {
    let Ok(target) = std::fs::canonicalize(output) else {
        return Ok(true);
    };
    let inputs = fzlint::walk::inputs(paths, linter.config());
    let clash = inputs
        .paths
        .iter()
        .any(|input| std::fs::canonicalize(input).is_ok_and(|p| p == target));
    if clash {
        human::write_input_error_text(
            &mut stderr(color),
            &format!(
                "{}: 这是要检查的报告之一，不会用输出覆盖它；请换一个输出文件",
                output.display()
            ),
        )?;
    }
    Ok(!clash)
}
