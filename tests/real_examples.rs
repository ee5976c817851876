//! The real published reports in `../shared/examples` (beside the
//! repository; never copied into it) give the expected findings for the five
//! core rules and the expected level-1 outline. CI always has `../shared`;
//! elsewhere the test says it was skipped unless `CI` is set.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn examples() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/examples");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "../shared/examples is missing; CI runs with ../shared beside the repository"
    );
    eprintln!("skipped: ../shared/examples is not beside this checkout");
    None
}

fn run(args: &[&str]) -> serde_json::Value {
    let output = Command::new(env!("CARGO_BIN_EXE_fzlint"))
        .args(args)
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Every finding of the default pack as `rule@line`, sorted.
fn findings(path: &Path) -> Vec<String> {
    let out = run(&["check", "--format", "json", path.to_str().unwrap()]);
    let mut found: Vec<String> = out["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{}@{}", f["rule"].as_str().unwrap(), f["span"]["line"]))
        .collect();
    found.sort();
    found
}

const CORE: [&str; 5] = [
    "first-responsible-person",
    "three-enforcement-systems",
    "legality-review",
    "who-enforces-educates",
    "shortcomings-section",
];

fn core(found: &[String]) -> Vec<&str> {
    found
        .iter()
        .filter_map(|f| f.split('@').next())
        .filter(|id| CORE.contains(id))
        .collect()
}

fn level_one(path: &Path) -> Vec<String> {
    let out = run(&["outline", "--format", "json", path.to_str().unwrap()]);
    out["files"][0]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| format!("{}{}", s["level"], s["number"].as_str().unwrap()))
        .collect()
}

// The lists below were reviewed finding by finding against the reports; a
// change to them is a change in what fzlint says about real text and must be
// justified the same way.

#[test]
fn city_bureau_2022() {
    let Some(dir) = examples() else { return };
    let path = dir.join("city-bureau-2022.txt");
    let found = findings(&path);
    assert_eq!(
        core(&found),
        vec!["three-enforcement-systems", "who-enforces-educates"]
    );
    assert_eq!(
        found,
        vec![
            "commemorative-day-name@12",
            "other-matters-section@1",
            "shortcomings-depth@13",
            "three-enforcement-systems@1",
            "title-work-summary@1",
            "topic-enforcement-supervision@1",
            "topic-reporting-on-law@1",
            "who-enforces-educates@1",
        ]
    );
    assert_eq!(level_one(&path), vec!["1一", "1二", "1三"]);
}

#[test]
fn city_bureau_2022_from_docx() {
    let Some(dir) = examples() else { return };
    let path = dir.join("city-bureau-2022-from-docx.txt");
    let found = findings(&path);
    assert_eq!(core(&found), Vec::<&str>::new());
    assert_eq!(
        found,
        vec![
            "conversion-debris@6",
            "document-title@4",
            "other-matters-section@1",
            "part-order@24",
            "percentage-arithmetic@14",
            "shortcomings-causes@24",
            "topic-government-functions@1",
            "topic-power-oversight@1",
            "year-range-dash@14",
            "year-range-dash@16",
            "year-range-dash@27",
            "year-range-dash@4",
        ]
    );
    assert_eq!(level_one(&path), vec!["1一", "1二", "1三", "1四", "1五"]);
}
