//! `fzlint completions SHELL` and `fzlint man`: generated from the clap
//! definitions, so they never drift from the real options.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use clap_complete::Shell;

use super::EXIT_CLEAN;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// 目标 shell
    #[arg(value_enum)]
    shell: CompletionShell,
}

/// The shells clap_complete supports that fzlint documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CompletionShell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    #[value(name = "powershell")]
    PowerShell,
}

impl CompletionShell {
    fn shell(self) -> Shell {
        match self {
            CompletionShell::Bash => Shell::Bash,
            CompletionShell::Zsh => Shell::Zsh,
            CompletionShell::Fish => Shell::Fish,
            CompletionShell::Elvish => Shell::Elvish,
            CompletionShell::PowerShell => Shell::PowerShell,
        }
    }
}

pub fn run_completions(args: CompletionsArgs) -> io::Result<u8> {
    let mut command = super::command();
    let mut out = io::stdout().lock();
    clap_complete::generate(args.shell.shell(), &mut command, "fzlint", &mut out);
    out.flush()?;
    Ok(EXIT_CLEAN)
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// 把 fzlint.1 和每个子命令的手册页（fzlint-check.1 等）写入此目录；
    /// 不给时只把 fzlint.1 输出到标准输出
    #[arg(long, value_name = "DIR")]
    output_dir: Option<PathBuf>,
}

pub fn run_man(args: ManArgs) -> io::Result<u8> {
    match args.output_dir {
        Some(dir) => {
            std::fs::create_dir_all(&dir)?;
            clap_mangen::generate_to(super::command(), &dir)
                .map_err(|err| io::Error::new(err.kind(), format!("{}: {err}", dir.display())))?;
        }
        None => {
            let mut out = io::stdout().lock();
            clap_mangen::Man::new(super::command()).render(&mut out)?;
            out.flush()?;
        }
    }
    Ok(EXIT_CLEAN)
}
