//! Regressions found by fuzzing (`fuzz/`) and by the property tests
//! (`tests/properties.rs`): each runs the `fzlint` binary on a file kept in
//! `tests/regressions/` (copied to a temporary folder, since `--fix`
//! writes) and checks that fzlint neither panics nor misleads the author.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// Copies a regression file into a fresh temporary folder.
fn copy_of(name: &str) -> (tempfile::TempDir, PathBuf) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/regressions")
        .join(name);
    let dir = tempfile::tempdir().unwrap();
    let to = dir.path().join(name);
    std::fs::copy(&from, &to).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    (dir, to)
}

/// Runs fzlint; returns its exit status, stdout and stderr. A panic (exit
/// status 101) fails the test at once.
fn fzlint(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_fzlint"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    let status = output.status.code().unwrap_or(-1);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        matches!(status, 0..=2),
        "fzlint {args:?} exited with {status}\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "fzlint {args:?}:\n{stderr}");
    (status, stdout, stderr)
}

fn utf16le(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    String::from_utf16(&units).unwrap()
}

/// Found by the `check_text` fuzz target (minimised: `--encoding utf-16le`
/// on the bytes FF FE 10 00). With `--encoding utf-16le` the byte-order
/// mark of a UTF-16 file (every file Windows Notepad saves as "Unicode")
/// stayed in the text, and `--fix` refused every such file, claiming it had
/// changed since it was checked.
#[test]
fn fix_with_a_forced_utf16_encoding_keeps_the_byte_order_mark() {
    let (dir, path) = copy_of("utf16le-bom.txt");
    let original = std::fs::read(&path).unwrap();
    let (_, _, stderr) = fzlint(
        dir.path(),
        &[
            "check",
            "--encoding",
            "utf-16le",
            "--fix",
            "utf16le-bom.txt",
        ],
    );
    assert!(!stderr.contains("改动过"), "{stderr}");
    let fixed = std::fs::read(&path).unwrap();
    assert_eq!(&fixed[..2], b"\xFF\xFE", "the byte-order mark is kept");
    let expected = utf16le(&original[2..]).replace("法制宣传教育", "法治宣传教育");
    assert_eq!(utf16le(&fixed[2..]), expected);
}

/// Found by the `check_text` fuzz target (minimised: the byte 0x80 read as
/// GB18030). Windows writes the euro sign as 0x80 in code page 936 (GBK);
/// the GB18030 decoder reads it as €, but encodes € as A2 E3, so `--fix`
/// refused the file with a warning that it had changed since it was
/// checked, which is false. Either the fix is made (0x80 kept) or the
/// refusal says why; it never claims the file changed.
#[test]
fn fix_of_a_gbk_file_with_a_euro_sign_does_not_claim_the_file_changed() {
    let (dir, path) = copy_of("gbk-euro-sign.txt");
    let original = std::fs::read(&path).unwrap();
    let (_, _, stderr) = fzlint(dir.path(), &["check", "--fix", "gbk-euro-sign.txt"]);
    assert!(!stderr.contains("改动过"), "{stderr}");
    let now = std::fs::read(&path).unwrap();
    if now != original {
        // Fixed: the euro sign is still the single byte 0x80, and the
        // term was replaced.
        assert!(now.contains(&0x80), "the euro sign was re-encoded");
        let (decoded, _, errors) = encoding_rs::GB18030.decode(&now);
        assert!(!errors);
        assert!(decoded.contains("法治宣传教育"), "{decoded}");
    }
}

/// Found by the property `fixing_never_creates_a_finding_of_the_fixed_rule`
/// (minimal input: "截止22年3月，我局开展专项检查。\n深入开展法制宣传教育。").
/// `--fix` writes 22年 as 2022年, and 截止2022年 is then a canonical-term
/// finding with a safe fix: one `--fix` must leave nothing that `--fix`
/// would change.
#[test]
fn one_fix_run_leaves_nothing_to_fix() {
    let (dir, _) = copy_of("two-digit-year-after-jiezhi.txt");
    fzlint(
        dir.path(),
        &["check", "--fix", "two-digit-year-after-jiezhi.txt"],
    );
    let (status, diff, _) = fzlint(
        dir.path(),
        &["check", "--diff", "two-digit-year-after-jiezhi.txt"],
    );
    assert_eq!(status, 0, "a second --fix would still change:\n{diff}");
}
