//! The `fzlint` command. Thin: parse arguments, run the subcommand, map the
//! outcome to an exit status (0 clean, 1 error findings, 2 usage, rule or
//! input error). A closed pipe (`fzlint check … | head`) is not an error.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    // A defect that panics while one file is read or checked becomes that
    // file's error (fzlint::guard); anywhere else, say so in Chinese, with
    // the place, and no backtrace unless RUST_BACKTRACE asks for one.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if fzlint::guard::record(info) {
            return;
        }
        if std::env::var_os("RUST_BACKTRACE").is_some() {
            default_hook(info);
            return;
        }
        eprintln!(
            "错误：fzlint 内部错误：{}。这是 fzlint 的缺陷，请报告给维护者。",
            fzlint::guard::describe(info)
        );
    }));
    cli::main()
}
