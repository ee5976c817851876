//! The synthetic corpus of the benchmark (`tests/support/corpus.rs`, written
//! by `examples/gen_corpus.rs` for `bench/run.sh`): the same bytes for a
//! seed, reports of 5–20 KB in both formats, a manifest that describes
//! them, and fzlint finds exactly what is planted — every planted fault in
//! its file, at the planted text, and no other warning or error, so a clean
//! report is clean.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use serde_json::Value;

#[path = "support/corpus.rs"]
mod corpus;

/// Enough reports for every kind of fault, few enough for a debug build.
const COUNT: usize = 60;
const SEED: u64 = 7;

/// Every file under `dir`, by path relative to it (`/`-separated).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("read the corpus folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path
                    .strip_prefix(root)
                    .expect("a path under the corpus")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(relative, std::fs::read(&path).expect("read a report"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn generate(seed: u64) -> (tempfile::TempDir, Vec<corpus::Report>) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let reports = corpus::generate(dir.path(), COUNT, seed).expect("generate the corpus");
    (dir, reports)
}

/// Runs `fzlint check --format json .` in `dir`: the exit status and, per
/// file, its findings.
fn check(dir: &Path, extra: &[&str]) -> (i32, BTreeMap<String, Vec<Value>>) {
    let output = Command::new(env!("CARGO_BIN_EXE_fzlint"))
        .current_dir(dir)
        .args(["check", "--no-config", "--format", "json", "."])
        .args(extra)
        .output()
        .expect("run fzlint");
    let json: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "fzlint's output is not JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    assert_eq!(json["summary"]["failed_files"], 0, "{}", json["summary"]);
    // Every generated report reads as a report: none is passed over.
    assert_eq!(json["summary"]["skipped_files"], 0, "{}", json["summary"]);
    let by_file = json["files"]
        .as_array()
        .expect("a files array")
        .iter()
        .map(|file| {
            let path = file["path"].as_str().expect("a path");
            let path = path.strip_prefix("./").unwrap_or(path).replace('\\', "/");
            let findings = file["findings"].as_array().expect("findings").clone();
            (path, findings)
        })
        .collect();
    (output.status.code().unwrap_or(-1), by_file)
}

/// The text of the file a finding's byte span covers.
fn spanned<'a>(text: &'a str, finding: &Value) -> &'a str {
    let start = finding["span"]["start"].as_u64().expect("span start") as usize;
    let end = finding["span"]["end"].as_u64().expect("span end") as usize;
    text.get(start..end)
        .unwrap_or_else(|| panic!("span {start}..{end} is not text of the file: {finding}"))
}

fn is_warning_or_error(finding: &Value) -> bool {
    matches!(finding["severity"].as_str(), Some("warning" | "error"))
}

#[test]
fn the_corpus_is_the_same_bytes_for_a_seed() {
    let (a, reports_a) = generate(SEED);
    let (b, reports_b) = generate(SEED);
    let files_a = files(a.path());
    assert_eq!(files_a.len(), COUNT + 1, "the reports and the manifest");
    assert!(
        files_a == files(b.path()),
        "two runs with seed {SEED} wrote different files"
    );
    assert_eq!(reports_a, reports_b);
    // A report depends on the seed and its index alone.
    for index in [0, 17, COUNT - 1] {
        let (path, text, _) = corpus::report(SEED, index);
        assert_eq!(files_a[&path], text.as_bytes(), "{path}");
    }
    let (c, _) = generate(SEED + 1);
    let files_c = files(c.path());
    let same = files_a
        .iter()
        .filter(|(path, bytes)| files_c.get(*path) == Some(bytes))
        .count();
    assert_eq!(same, 0, "another seed gives other reports");
}

#[test]
fn reports_have_the_sizes_formats_and_manifest_the_benchmark_expects() {
    let (dir, reports) = generate(SEED);
    let on_disk = files(dir.path());
    assert_eq!(reports.len(), COUNT);
    for report in &reports {
        let bytes = &on_disk[&report.path];
        assert_eq!(bytes.len(), report.bytes, "{}", report.path);
        assert!(
            (5_000..=20_000).contains(&bytes.len()),
            "{} is {} bytes",
            report.path,
            bytes.len()
        );
        let text = std::str::from_utf8(bytes).expect("UTF-8");
        assert!(
            text.lines()
                .next()
                .is_some_and(|title| title.contains("法治政府建设")),
            "{} opens with its title",
            report.path
        );
    }
    let mean = reports.iter().map(|r| r.bytes).sum::<usize>() / COUNT;
    assert!((10_000..=16_000).contains(&mean), "mean size {mean}");
    let markdown = reports.iter().filter(|r| r.path.ends_with(".md")).count();
    let text = reports.iter().filter(|r| r.path.ends_with(".txt")).count();
    assert_eq!(markdown + text, COUNT);
    assert!(
        (COUNT / 5..=COUNT / 2).contains(&markdown),
        "{markdown} .md"
    );
    let folders: BTreeSet<&str> = reports
        .iter()
        .map(|r| r.path.split('/').next().expect("a folder"))
        .collect();
    assert_eq!(folders.len(), COUNT.min(corpus::FOLDERS));

    // The manifest says what the generator planted.
    let manifest = corpus::read_manifest(dir.path()).expect("read manifest.tsv");
    assert_eq!(manifest.len(), COUNT);
    for (report, row) in reports.iter().zip(&manifest) {
        let path = &row.path;
        assert_eq!(&report.path, path);
        assert_eq!(report.rules(), row.rules, "{path}");
        let planted: Vec<(String, String)> = report
            .planted
            .iter()
            .filter_map(|p| Some((p.rule.to_owned(), p.text.clone()?)))
            .collect();
        assert_eq!(planted, row.texts, "{path}");
    }
    // Every kind of fault is in this corpus, and most reports are clean.
    for fault in corpus::FAULTS {
        assert!(
            reports.iter().any(|r| r.rules().contains(&fault.rule)),
            "no report with {} in {COUNT}",
            fault.rule
        );
    }
    let clean = reports.iter().filter(|r| r.planted.is_empty()).count();
    assert!(clean >= COUNT / 3, "only {clean} clean reports");
}

#[test]
fn fzlint_finds_the_planted_faults_and_nothing_else() {
    let (dir, reports) = generate(SEED);
    let (status, findings) = check(dir.path(), &[]);
    // Errors are planted (a placeholder, a missing part), so the run fails.
    assert_eq!(status, 1);
    assert_eq!(findings.len(), COUNT, "fzlint checked every report");
    for report in &reports {
        let text = std::fs::read_to_string(dir.path().join(&report.path)).expect("read a report");
        let found = findings
            .get(&report.path)
            .unwrap_or_else(|| panic!("{} was not checked", report.path));
        let serious: BTreeSet<&str> = found
            .iter()
            .filter(|f| is_warning_or_error(f))
            .map(|f| f["rule"].as_str().expect("a rule id"))
            .collect();
        let planted: BTreeSet<&str> = report.rules().into_iter().collect();
        assert_eq!(
            serious,
            planted,
            "{}: the warnings and errors are not what was planted; findings:\n{}",
            report.path,
            serde_json::to_string_pretty(found).unwrap_or_default()
        );
        for p in &report.planted {
            let Some(planted_text) = &p.text else {
                continue;
            };
            assert!(
                found.iter().any(|f| f["rule"] == p.rule && {
                    let at = spanned(&text, f);
                    !at.is_empty() && (at.contains(planted_text) || planted_text.contains(at))
                }),
                "{}: no {} finding at “{planted_text}”",
                report.path,
                p.rule
            );
        }
    }
}

#[test]
fn every_sentence_a_fault_is_planted_with_is_found() {
    // Each sentence alone in a file of its own: the rule must point at the
    // planted text, whatever else it says about so short a report.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let samples = corpus::fault_samples(SEED);
    for (i, (_, sentence, _)) in samples.iter().enumerate() {
        std::fs::write(dir.path().join(format!("sample-{i:02}.txt")), sentence)
            .expect("write a sample");
    }
    // A lone sentence need not read as a report: --all checks it anyway.
    let (_, findings) = check(dir.path(), &["--all"]);
    for (i, (rule, sentence, planted)) in samples.iter().enumerate() {
        let path = format!("sample-{i:02}.txt");
        let found = &findings[&path];
        assert!(
            found.iter().any(|f| f["rule"] == *rule && {
                let at = spanned(sentence, f);
                !at.is_empty() && (at.contains(planted.as_str()) || planted.contains(at))
            }),
            "{rule} does not find “{planted}” in “{sentence}”; findings: {found:?}"
        );
    }
}

#[test]
fn the_planted_wrong_terms_are_those_of_the_rule_pack() {
    let pack = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/fazhi/50-terms.yaml"),
    )
    .expect("read rules/fazhi/50-terms.yaml");
    for (wrong, right, sentence) in corpus::WRONG_TERMS {
        assert!(sentence.contains(wrong), "{sentence} has no {wrong}");
        // The pack writes these two as regexes; the test above shows they
        // are found.
        if ["双随机一公开", "截止目前"].contains(&wrong) {
            continue;
        }
        // `{wrong: X, right: Y…}` on one line, or `wrong: X` and
        // `right: Y` on lines of their own.
        let pair = regex::Regex::new(&format!(
            r"wrong: {}(?:,\s*|\s*\n\s*)right: {}[,}}\n]",
            regex::escape(wrong),
            regex::escape(right)
        ))
        .expect("a valid regex");
        assert!(
            pair.is_match(&pack),
            "{wrong} → {right} is not in 50-terms.yaml"
        );
    }
}
