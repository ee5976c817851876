//! `fzlint rules …`: inspect rule packs.

use std::io::{self, Write};

use clap::{Args, Subcommand};
use fzlint::output::{human, json};

use super::{ColorWhen, EXIT_CLEAN, EXIT_TROUBLE, Format, RuleArgs};

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// 列出已加载的规则（id、类型、严重程度、标题、依据）
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// 输出格式
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    #[command(flatten)]
    rules: RuleArgs,
    /// 何时使用颜色
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    color: ColorWhen,
}

pub fn run(command: RulesCommand) -> io::Result<u8> {
    match command {
        RulesCommand::List(args) => {
            let Some(rules) = super::load_rules(&args.rules, args.color)? else {
                return Ok(EXIT_TROUBLE);
            };
            match args.format {
                Format::Human => {
                    let mut out = super::stdout(args.color);
                    human::write_rules(&mut out, rules.rules())?;
                    out.flush()?;
                }
                Format::Json => {
                    let mut out = io::BufWriter::new(io::stdout().lock());
                    json::write_rules(&mut out, rules.rules())?;
                    out.flush()?;
                }
            }
            Ok(EXIT_CLEAN)
        }
    }
}
