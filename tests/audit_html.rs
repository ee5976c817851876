//! The audit's HTML page in a real browser: headless Chromium loads it from
//! a file, runs its script, and its network log must show no request made
//! by the page. A control page that does load remote resources proves the
//! log would show them.
//!
//! Chromium comes from Debian's `chromium` package, which `.ci/run`
//! installs. Where it is missing, the test says so and passes, except under
//! `CI`, where a missing browser is a failure.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("FZLINT_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
    .find(|candidate| candidate.is_file())
}

/// Loads `url` in headless Chromium; returns the DOM after its scripts ran
/// and the URLs of the network requests the page made (from the NetLog:
/// requests whose network isolation key is the page's file:// site, which
/// leaves out the browser's own background traffic).
fn load(browser: &Path, dir: &Path, url: &str) -> (String, Vec<String>) {
    // A profile of its own for each load: a second browser on the same
    // profile would hand its URL to the first and wait.
    let run = dir.join(format!("load-{}", url.len()));
    std::fs::create_dir_all(&run).unwrap();
    let netlog = run.join("net.json");
    let profile = run.join("profile");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-default-apps",
            "--disable-sync",
            "--no-first-run",
            "--net-log-capture-mode=Default",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--log-net-log={}", netlog.display()))
        .arg("--dump-dom")
        .arg(url)
        // To a file: the DOM is larger than a pipe's buffer, and the
        // browser would block writing it while this waits for it to exit.
        .stdout(std::fs::File::create(run.join("dom.html")).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium did not finish loading {url} in 90 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = child.wait().unwrap();
    assert!(status.success(), "chromium failed on {url}");
    let dom = std::fs::read_to_string(run.join("dom.html")).unwrap();
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&netlog).unwrap()).unwrap();
    let start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
        .as_u64()
        .unwrap();
    let requests = log["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"].as_u64() == Some(start_job))
        .filter(|e| {
            e["params"]["network_isolation_key"]
                .as_str()
                .is_some_and(|key| key.contains("file://"))
        })
        .filter_map(|e| e["params"]["url"].as_str().map(str::to_owned))
        .filter(|url| !url.starts_with("file:") && !url.starts_with("data:"))
        .collect();
    (dom, requests)
}

#[test]
fn the_html_audit_renders_offline_with_its_matrix_and_drill_down() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have chromium (.ci/run installs it)"
        );
        eprintln!("chromium not found: HTML audit not checked in a browser");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("audit.html");
    let status = Command::new(env!("CARGO_BIN_EXE_fzlint"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "audit",
            "--no-config",
            "--similar",
            "--format",
            "html",
            "-o",
        ])
        .arg(&page)
        .arg("fixtures/audit")
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    // Nothing in the page could load from elsewhere, even if the
    // Content-Security-Policy that forbids it were removed.
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("Content-Security-Policy"));
    for pattern in [
        " src=",
        "href=\"http",
        "href=\"//",
        "url(",
        "@import",
        "<link",
        "<iframe",
    ] {
        assert!(!html.contains(pattern), "the page contains {pattern}");
    }

    // The control: a page that fetches three remote resources.
    let control = dir.path().join("control.html");
    std::fs::write(
        &control,
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\
         <link rel=\"stylesheet\" href=\"https://fonts.example.invalid/css\"></head>\
         <body><img src=\"http://cdn.example.invalid/logo.png\">\
         <script>fetch('https://api.example.invalid/data').catch(function () {});</script>\
         </body></html>",
    )
    .unwrap();
    let (_, control_requests) = load(
        &browser,
        dir.path(),
        &format!("file://{}", control.display()),
    );
    assert!(
        control_requests
            .iter()
            .any(|u| u.starts_with("http://cdn.example.invalid/")),
        "the network log does not show the control page's requests: {control_requests:?}"
    );

    // The audit, opened at the drill-down of its fourth report.
    let url = format!("file://{}#r3", page.display());
    let (dom, requests) = load(&browser, dir.path(), &url);
    assert!(requests.is_empty(), "the page made requests: {requests:?}");
    // The script ran to its end.
    assert!(dom.contains("data-ready=\"1\""), "script did not finish");
    // The matrix: one row per report, a header per column.
    let matrix_start = dom.find("<table id=\"matrix\">").unwrap();
    let matrix = &dom[matrix_start..dom[matrix_start..].find("</table>").unwrap() + matrix_start];
    assert_eq!(matrix.matches("<tr data-kind=").count(), 12);
    assert_eq!(matrix.matches("<th class=\"col\"").count(), 20);
    assert!(matrix.contains("class=\"s partial\""));
    assert!(matrix.contains("class=\"s missing\""));
    // The script filled the year filter from the rows.
    for year in ["2022", "2023", "2024"] {
        assert!(
            dom.contains(&format!("<option value=\"{year}\">{year}</option>")),
            "{year}"
        );
    }
    assert!(dom.contains("显示 12 / 12 份"));
    // The drill-down of the fourth report is open, with evidence marked.
    let opened: Vec<&str> = dom
        .match_indices("<details class=\"report\" id=\"r3\" open")
        .map(|(i, _)| &dom[i..])
        .collect();
    assert_eq!(opened.len(), 1, "drill-down r3 not opened");
    let drill = &opened[0][..opened[0].find("</details>").unwrap()];
    assert!(
        drill.contains("statistics-2024.md"),
        "r3 is not the statistics report"
    );
    assert!(drill.contains("<mark>"));
    assert!(drill.contains("legality-review") || drill.contains("合法性审核"));
    // The similar pairs are listed.
    assert!(dom.contains("<section id=\"similar\">"));
}

/// Why the page cannot be driven with playwright here, if it cannot.
fn playwright_missing(browser: &Path) -> Option<String> {
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node is missing".to_owned());
    }
    let module = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates/fzlint-web/browser/node_modules/playwright-core");
    if !module.is_dir() {
        return Some(format!(
            "{} is missing (npm ci in crates/fzlint-web/browser)",
            module.display()
        ));
    }
    (!browser.is_file()).then(|| format!("{} is missing", browser.display()))
}

/// The matrix of the audited fixtures — twenty element columns, the
/// similar reports, the manifest's dates — and of reports with long file
/// names fits a 1366-pixel-wide screen: the page is no wider than the
/// screen and the table's container does not scroll sideways.
#[test]
fn the_html_audit_fits_a_1366_pixel_screen() {
    let browser = std::env::var_os("FZLINT_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if let Some(why) = playwright_missing(&browser) {
        assert!(
            std::env::var_os("CI").is_none(),
            "the browser test cannot run in CI: {why}"
        );
        eprintln!("skipped: {why}");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let long = dir.path().join("long");
    std::fs::create_dir_all(&long).unwrap();
    for (from, to) in [
        (
            "city-departments/culture-tourism-2023.txt",
            "澹江市文化广电旅游局关于2023年度法治政府建设情况的报告（报送稿）最终修改版.txt",
        ),
        (
            "governments/danjiang-city-2023.md",
            "a-very-long-folder-name-for-the-city-government-report-of-2023-final.md",
        ),
    ] {
        std::fs::copy(root.join("fixtures/audit").join(from), long.join(to)).unwrap();
    }
    let mut pages = Vec::new();
    for (name, args) in [
        (
            "fixtures.html",
            vec![
                "--similar",
                "--manifest",
                "fixtures/audit/manifest.csv",
                "fixtures/audit",
            ],
        ),
        ("long.html", vec![long.to_str().unwrap()]),
    ] {
        let page = dir.path().join(name);
        let status = Command::new(env!("CARGO_BIN_EXE_fzlint"))
            .current_dir(root)
            .args(["audit", "--no-config", "--format", "html", "-o"])
            .arg(&page)
            .args(args)
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(0));
        pages.push(page);
    }
    let output = Command::new("node")
        .arg(root.join("crates/fzlint-web/browser/fit-test.mjs"))
        .args(["1366", "768", ".wrap, #matrix"])
        .arg(dir.path())
        .args(&pages)
        .env("FZLINT_CHROMIUM", &browser)
        .current_dir(root.join("crates/fzlint-web/browser"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let seen: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let seen = seen.as_array().unwrap();
    assert_eq!(seen.len(), 2);
    for page in seen {
        assert_eq!(page["clientWidth"], 1366, "{page}");
        assert!(page["scrollWidth"].as_u64().unwrap() <= 1366, "{page}");
        assert_eq!(page["overflowing"], serde_json::json!([]), "{page}");
    }
}
