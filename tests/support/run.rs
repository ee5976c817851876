//! Running the `fzlint` binary in a folder, for tests that look at its
//! output as text.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// Runs fzlint in `dir`; returns its exit status, stdout and stderr.
pub fn fzlint(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_fzlint"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("fzlint: {e}"));
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}
