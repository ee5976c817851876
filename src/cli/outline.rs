//! `fzlint outline`: show the title and section tree of reports.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;
use fzlint::output::{human, json};

use super::{EXIT_CLEAN, EXIT_TROUBLE, Format, OutputArgs};

#[derive(Debug, Args)]
pub struct OutlineArgs {
    /// 报告文件（`-` 为标准输入）
    #[arg(required = true, value_name = "FILE")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    input: super::InputArgs,
}

pub fn run(args: OutlineArgs) -> io::Result<u8> {
    let mut documents = Vec::new();
    let mut failed = false;
    let mut err_out = super::stderr(args.output.color.color);
    for path in &args.paths {
        match fzlint::read::read_document(path, &args.input.options()) {
            Ok(document) => documents.push(document),
            Err(err) => {
                failed = true;
                human::write_input_error(&mut err_out, &err)?;
            }
        }
    }
    match args.output.format {
        Format::Human => {
            let mut out = super::stdout(args.output.color.color);
            for (i, document) in documents.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                human::write_outline(&mut out, document.source(), document.outline())?;
            }
            out.flush()?;
        }
        Format::Json => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            json::write_outlines(&mut out, &documents)?;
            out.flush()?;
        }
    }
    Ok(if failed { EXIT_TROUBLE } else { EXIT_CLEAN })
}
