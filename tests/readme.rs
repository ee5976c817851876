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
