//! The `fzlint` command. Thin: parse arguments, run the subcommand, map the
//! outcome to an exit status (0 clean, 1 error findings, 2 usage, rule or
//! input error). A closed pipe (`fzlint check … | head`) is not an error.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
