//! `fzlint init`: write a commented starter `.fzlint.yaml`.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;
use fzlint::config::{FILE_NAMES, STARTER};
use fzlint::output::human;

use super::{ColorArg, EXIT_CLEAN, EXIT_TROUBLE, write_atomically};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// 覆盖已有的配置文件
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    color: ColorArg,
}

pub fn run(args: InitArgs) -> io::Result<u8> {
    let path = PathBuf::from(FILE_NAMES[0]);
    if path.exists() && !args.force {
        human::write_input_error_text(
            &mut super::stderr(args.color.color),
            &format!("{} 已存在；如要覆盖，请加 --force", path.display()),
        )?;
        return Ok(EXIT_TROUBLE);
    }
    write_atomically(&path, |out| out.write_all(STARTER.as_bytes()))?;
    let mut out = super::stdout(args.color.color);
    writeln!(
        out,
        "已写入 {}：所有设置都已注释，按需取消注释。",
        path.display()
    )?;
    out.flush()?;
    Ok(EXIT_CLEAN)
}
