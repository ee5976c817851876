//! `fzlint schema rules|config`: the JSON Schema of rule files or of
//! `.fzlint.yaml`, for editor completion and validation.

use std::io::{self, Write};

use clap::{Args, ValueEnum};

use super::EXIT_CLEAN;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Kind {
    /// 规则文件（rules/*.yaml）
    Rules,
    /// 配置文件（.fzlint.yaml）
    Config,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// 哪一种文件
    #[arg(value_enum)]
    kind: Kind,
}

pub fn run(args: SchemaArgs) -> io::Result<u8> {
    let schema = match args.kind {
        Kind::Rules => fzlint_core::pack::schema(),
        Kind::Config => fzlint::config::schema(),
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, &schema)?;
    writeln!(out)?;
    out.flush()?;
    Ok(EXIT_CLEAN)
}
