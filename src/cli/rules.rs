//! `fzlint rules …`: inspect rule packs.

use std::io::{self, Write};

use clap::{Args, Subcommand};
use fzlint::output::{human, json};

use super::{EXIT_CLEAN, EXIT_TROUBLE, Format, OutputArgs, RuleArgs};

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// 列出已加载的规则（id、类型、严重程度、标题、依据）
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    rules: RuleArgs,
}

pub fn run(command: RulesCommand) -> io::Result<u8> {
    match command {
        RulesCommand::List(args) => {
            let Some(rules) = super::load_rules(&args.rules, args.output.color)? else {
                return Ok(EXIT_TROUBLE);
            };
            match args.output.format {
                Format::Human => {
                    let mut out = super::stdout(args.output.color);
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
