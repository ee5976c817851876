//! Snapshot tests of `fzlint check` (human and JSON) and `fzlint outline`
//! (JSON) for every fixture report, and of the diagnostics for every broken
//! rule file. Review a changed snapshot like code: a false positive in a
//! snapshot is a bug in a rule, not an expectation to accept.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

/// Runs fzlint from the crate root and returns `exit: N` and its stdout and
/// stderr, for a snapshot.
fn run(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_fzlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        // The audit table fits COLUMNS when it is set.
        .env_remove("COLUMNS")
        .output()
        .unwrap();
    let mut text = format!("exit: {}\n", output.status.code().unwrap());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    if !stdout.is_empty() {
        text.push_str("--- stdout\n");
        text.push_str(&stdout);
    }
    if !stderr.is_empty() {
        text.push_str("--- stderr\n");
        text.push_str(&stderr);
    }
    text
}

/// The path of a fixture relative to the crate root, with `/` separators,
/// as the snapshots show it.
fn relative(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

#[test]
fn check_human() {
    insta::glob!("../fixtures/reports", "*.{md,txt}", |path| {
        insta::assert_snapshot!(run(&["check", "--color", "never", &relative(path)]));
    });
}

#[test]
fn check_json() {
    let _guard = provenance_filters().bind_to_scope();
    insta::glob!("../fixtures/reports", "*.{md,txt}", |path| {
        insta::assert_snapshot!(run(&["check", "--format", "json", &relative(path)]));
    });
}

#[test]
fn outline_json() {
    insta::glob!("../fixtures/reports", "*.{md,txt}", |path| {
        insta::assert_snapshot!(run(&["outline", "--format", "json", &relative(path)]));
    });
}

#[test]
fn outline_human() {
    insta::assert_snapshot!(run(&[
        "outline",
        "--color",
        "never",
        "fixtures/reports/outline-traps.txt",
        "fixtures/reports/md-headings-mixed.md",
    ]));
}

#[test]
fn bad_rule_files() {
    // Positions inside the embedded default pack move whenever it is edited;
    // positions in the broken files themselves are what these snapshots show.
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(
        r"(rules/fazhi/[a-z0-9/_-]+\.yaml):\d+:\d+",
        "$1:[line]:[column]",
    );
    let _guard = settings.bind_to_scope();
    insta::glob!("../fixtures/rules/bad", "*.yaml", |path| {
        insta::assert_snapshot!(run(&[
            "check",
            "--color",
            "never",
            "--rules",
            &relative(path),
            "fixtures/reports/compliant-county-gov.md",
        ]));
    });
}

#[test]
fn custom_pack() {
    insta::assert_snapshot!(run(&[
        "check",
        "--color",
        "never",
        "--no-default-rules",
        "--rules",
        "fixtures/rules/custom",
        "fixtures/custom-report.txt",
    ]));
}

/// The rule set's hash changes whenever a rule is edited, the version at
/// each release; that they are written is what snapshots show
/// (tests/audit.rs checks the hash against `rules list`).
fn provenance_filters() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"\b[0-9a-f]{16}\b", "[rules-hash]");
    settings.add_filter(
        &format!(r"fzlint {}\b", regex::escape(env!("CARGO_PKG_VERSION"))),
        "fzlint [version]",
    );
    settings.add_filter(
        &format!(
            r#""version": "{}""#,
            regex::escape(env!("CARGO_PKG_VERSION"))
        ),
        r#""version": "[version]""#,
    );
    settings
}

#[test]
fn rules_list() {
    let _guard = provenance_filters().bind_to_scope();
    insta::assert_snapshot!(run(&["rules", "list", "--color", "never"]));
}

/// Every output format of `check` on the same two reports.
#[test]
fn check_formats() {
    for format in ["jsonl", "sarif", "github", "junit", "summary-md"] {
        let output = run(&[
            "check",
            "--no-config",
            "--format",
            format,
            "fixtures/reports/placeholders-draft.md",
            "fixtures/reports/terms-wrong.txt",
        ]);
        insta::assert_snapshot!(format!("check_format_{format}"), output);
    }
}

/// Every audit format over the audit fixtures: twelve reports, a copied
/// pair, a templated pair, a manifest with publication dates (one row for a
/// report that is not there).
#[test]
fn audit_formats() {
    let settings = provenance_filters();
    let _guard = settings.bind_to_scope();
    for format in ["table", "csv", "json", "markdown", "html"] {
        let output = run(&[
            "audit",
            "--no-config",
            "--color",
            "never",
            "--similar",
            "--manifest",
            "fixtures/audit/manifest.csv",
            "--format",
            format,
            "fixtures/audit",
        ]);
        insta::assert_snapshot!(format!("audit_format_{format}"), output);
    }
}

#[test]
fn bad_config() {
    insta::assert_snapshot!(run(&[
        "check",
        "--color",
        "never",
        "--config",
        "fixtures/configs/bad.yaml",
        "fixtures/reports/full-compliant.md",
    ]));
}
