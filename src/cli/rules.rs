//! `fzlint rules …`: inspect rule packs.

use std::io::{self, Write};

use clap::{Args, Subcommand, ValueEnum};
use fzlint::output::{human, json, markdown};

use super::{ColorWhen, EXIT_CLEAN, EXIT_TROUBLE, RuleArgs};

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// 列出已加载的规则（id、类型、严重程度、标题、依据）
    List(ListArgs),
}

/// Output format of `rules list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ListFormat {
    /// 供人阅读的列表
    Human,
    /// JSON
    Json,
    /// Markdown 表格（README 中的规则表由此生成）
    Markdown,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// 输出格式
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    format: ListFormat,
    /// 何时使用颜色
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    color: ColorWhen,
    #[command(flatten)]
    rules: RuleArgs,
}

pub fn run(command: RulesCommand) -> io::Result<u8> {
    match command {
        RulesCommand::List(args) => {
            let Some(rules) = super::load_rules(&args.rules, args.color)? else {
                return Ok(EXIT_TROUBLE);
            };
            match args.format {
                ListFormat::Human => {
                    let mut out = super::stdout(args.color);
                    human::write_rules(&mut out, rules.rules())?;
                    out.flush()?;
                }
                ListFormat::Json => {
                    let mut out = io::BufWriter::new(io::stdout().lock());
                    json::write_rules(&mut out, rules.rules())?;
                    out.flush()?;
                }
                ListFormat::Markdown => {
                    let mut out = io::BufWriter::new(io::stdout().lock());
                    markdown::write_rules(&mut out, rules.rules())?;
                    out.flush()?;
                }
            }
            Ok(EXIT_CLEAN)
        }
    }
}
