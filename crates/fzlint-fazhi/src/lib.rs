//! fzlint's default rule pack, `fazhi` (法治), as data: the rule files of
//! `rules/fazhi/` at the repository root, compiled into the program that
//! uses this crate, with a JSON copy of each made at build time (parsing
//! the JSON is about ten times faster than parsing the YAML, which was most
//! of loading the pack), and the pack's annotated test reports.
//!
//! This crate knows nothing of the engine: `fzlint-core` takes every pack
//! as data, this one included, and a front end hands it these files.

use std::path::Path;

use include_dir::{Dir, include_dir};

/// The pack's id: what `rules list` shows and what a second pack names
/// when it overrides one of its rules.
pub const ID: &str = "fazhi";

/// The prefix of every file's name: the pack's folder in the repository,
/// as users see it in messages (`rules/fazhi/10-core.yaml:12:5`).
pub const PREFIX: &str = "rules/fazhi/";

/// The folder of the pack that holds its annotated test reports; its files
/// are never rule files.
pub const TESTS_DIR: &str = "tests";

static PACK: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../rules/fazhi");

// The rule files converted to JSON when this crate was built: `PACK_JSON`,
// written by build.rs.
include!(concat!(env!("OUT_DIR"), "/pack_json.rs"));

/// One file of the pack.
#[derive(Debug, Clone)]
pub struct File {
    /// Its name: `rules/fazhi/` and its path inside the pack.
    pub name: String,
    /// Its text (YAML for a rule file, a report for a test file).
    pub text: &'static str,
    /// For a rule file, the same rules as JSON (see the crate's doc).
    pub json: Option<&'static str>,
}

/// The rule files, in path order.
pub fn rule_files() -> Vec<File> {
    files(false)
}

/// The annotated test reports (`tests/*.md`, `*.txt`), in path order.
pub fn test_files() -> Vec<File> {
    files(true)
}

/// The file named `name` (`rules/fazhi/…`), if it is one of the pack's.
pub fn file(name: &str) -> Option<File> {
    let path = name.strip_prefix(PREFIX)?;
    let text = PACK.get_file(path)?.contents_utf8()?;
    Some(File {
        name: name.to_owned(),
        text,
        json: json_of(path),
    })
}

fn json_of(path: &str) -> Option<&'static str> {
    PACK_JSON
        .iter()
        .find(|(file, _)| *file == path)
        .map(|(_, json)| *json)
}

fn files(tests: bool) -> Vec<File> {
    let mut out: Vec<File> = Vec::new();
    collect(&PACK, tests, &mut out);
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn collect(dir: &'static Dir<'static>, tests: bool, out: &mut Vec<File>) {
    let in_tests = dir.path().starts_with(TESTS_DIR);
    for file in dir.files() {
        let wanted = if in_tests {
            tests && is_report(file.path())
        } else {
            !tests && is_rule_file(file.path())
        };
        if let (true, Some(text), Some(path)) = (wanted, file.contents_utf8(), file.path().to_str())
        {
            out.push(File {
                name: format!("{PREFIX}{path}"),
                text,
                json: if tests { None } else { json_of(path) },
            });
        }
    }
    for sub in dir.dirs() {
        collect(sub, tests, out);
    }
}

fn is_rule_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

fn is_report(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md" | "markdown" | "txt")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_file_has_its_json_copy_and_no_test_file_is_a_rule_file() {
        let rules = rule_files();
        assert!(rules.len() >= 5, "{} rule files", rules.len());
        for file in &rules {
            assert!(file.name.starts_with(PREFIX), "{}", file.name);
            assert!(file.json.is_some(), "{} has no JSON copy", file.name);
            assert!(!file.name.contains("/tests/"), "{}", file.name);
        }
        let tests = test_files();
        assert!(!tests.is_empty());
        for file in &tests {
            assert!(file.name.starts_with("rules/fazhi/tests/"), "{}", file.name);
            assert!(file.json.is_none());
        }
    }

    #[test]
    fn a_file_is_found_by_its_name() {
        let first = rule_files().remove(0);
        let found = file(&first.name).map(|f| (f.name, f.text));
        assert_eq!(found, Some((first.name.clone(), first.text)));
        assert!(file("rules/fazhi/none.yaml").is_none());
        assert!(file("elsewhere/10-core.yaml").is_none());
    }
}
