//! The fixture reports, as the tests name them: `fixtures/reports/NAME`,
//! relative to the repository root, in path order. Shared by
//! `tests/spans.rs`, `tests/one_engine.rs` and `tests/web_page.rs`.

use std::path::Path;

/// Every report under `fixtures/reports/`, relative to the repository root.
pub fn fixture_reports() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/reports");
    let mut paths: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("fixtures/reports: {e}"))
        .map(|e| {
            let entry = e.unwrap_or_else(|e| panic!("fixtures/reports: {e}"));
            format!("fixtures/reports/{}", entry.file_name().to_string_lossy())
        })
        .collect();
    paths.sort();
    paths
}
