//! README.md's table of the default rules is the output of
//! `fzlint rules list --format markdown`; this test fails when it is stale.

#![allow(clippy::unwrap_used)]

use std::process::Command;

#[test]
fn readme_rules_table_is_current() {
    let output = Command::new(env!("CARGO_BIN_EXE_fzlint"))
        .args(["rules", "list", "--format", "markdown"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let table = String::from_utf8(output.stdout).unwrap();
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let begin = "<!-- rules-table:begin -->\n";
    let start = readme.find(begin).expect("README has the begin marker") + begin.len();
    let end = readme
        .find("<!-- rules-table:end -->")
        .expect("README has the end marker");
    assert!(
        readme[start..end] == table,
        "README.md's rule table is stale: run `cargo run -- rules list --format markdown` and \
         paste the output between the rules-table markers"
    );
    // Every rule of the pack is in it.
    let rules = table.lines().filter(|l| l.starts_with("| `")).count();
    assert!(rules >= 40, "{rules}");
}

/// README's usage block names every option `--help` lists for each
/// subcommand, and no other: the test fails when an option is added,
/// renamed or removed on one side only.
#[test]
fn readme_usage_block_and_help_agree() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("## Usage\n").unwrap();
    let block_start = readme[start..].find("```sh\n").unwrap() + start + 6;
    let block_end = readme[block_start..].find("```").unwrap() + block_start;
    // Each command's lines: one starting with `fzlint`, continued by
    // indented lines.
    let mut commands: Vec<(Vec<String>, String)> = Vec::new();
    for line in readme[block_start..block_end].lines() {
        if let Some(rest) = line.strip_prefix("fzlint ") {
            let words: Vec<&str> = rest.split_whitespace().collect();
            // `fzlint [--global-option] COMMAND …`: the top level.
            let name: Vec<String> = if words[0].starts_with('[') {
                Vec::new()
            } else if words[0] == "rules" {
                words[..2].iter().map(|w| (*w).to_owned()).collect()
            } else {
                vec![words[0].to_owned()]
            };
            commands.push((name, line.to_owned()));
        } else if let Some(last) = commands.last_mut() {
            last.1.push_str(line);
        }
    }
    assert!(commands.len() >= 13, "{commands:?}");
    assert!(
        commands[0].0.is_empty(),
        "the block starts with the top level"
    );
    let options = |text: &str| -> std::collections::BTreeSet<String> {
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .filter(|w| w.starts_with("--") && w.len() > 2)
            .map(str::to_owned)
            .collect()
    };
    // Options every command takes (clap's `global`) are listed once, on the
    // top-level line, not on each command's.
    let mut global = std::collections::BTreeSet::new();
    for (name, usage) in &commands {
        let output = Command::new(env!("CARGO_BIN_EXE_fzlint"))
            .args(name)
            .arg("--help")
            .output()
            .unwrap();
        assert!(output.status.success(), "{name:?}");
        let help = String::from_utf8(output.stdout).unwrap();
        // Options are the lines of the help that start with a dash.
        let listed: String = help
            .lines()
            .map(str::trim_start)
            .filter(|l| l.starts_with('-'))
            .map(|l| l.split_whitespace().take(2).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join(" ");
        let mut in_help = options(&listed);
        in_help.remove("--help");
        in_help.remove("--version");
        if name.is_empty() {
            global = in_help.clone();
        } else {
            in_help.retain(|o| !global.contains(o));
        }
        assert_eq!(options(usage), in_help, "fzlint {}", name.join(" "));
    }
}
