//! `fzlint outline`: show the title and section tree of reports.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;
use fzlint::document::{Document, Format as InputFormat};
use fzlint::output::{human, json};
use fzlint::source;

use super::{EXIT_CLEAN, EXIT_TROUBLE, Format, OutputArgs};

#[derive(Debug, Args)]
pub struct OutlineArgs {
    /// 报告文件（`-` 为标准输入）
    #[arg(required = true, value_name = "FILE")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(args: OutlineArgs) -> io::Result<u8> {
    let mut documents = Vec::new();
    let mut failed = false;
    let mut err_out = super::stderr(args.output.color);
    for path in &args.paths {
        let read = if path.as_os_str() == "-" {
            source::read_stdin().map(|s| (s, InputFormat::Text))
        } else {
            source::read_file(path).map(|s| (s, InputFormat::from_path(path)))
        };
        match read {
            Ok((source, format)) => documents.push(Document::parse(source, format)),
            Err(err) => {
                failed = true;
                human::write_input_error(&mut err_out, &err)?;
            }
        }
    }
    match args.output.format {
        Format::Human => {
            let mut out = super::stdout(args.output.color);
            for (i, document) in documents.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                human::write_outline(&mut out, document.source(), document.outline())?;
            }
            out.flush()?;
        }
        Format::Json => {
            let files: Vec<_> = documents
                .iter()
                .map(|d| (d.source(), d.outline()))
                .collect();
            let mut out = io::BufWriter::new(io::stdout().lock());
            json::write_outlines(&mut out, &files)?;
            out.flush()?;
        }
    }
    Ok(if failed { EXIT_TROUBLE } else { EXIT_CLEAN })
}
