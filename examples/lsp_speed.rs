//! How fast `fzlint lsp` answers, measured through the protocol as an
//! editor sees it (not a test: the figures depend on the machine):
//!
//! - start: spawning the server to its `initialize` response;
//! - open: `didOpen` of a 20,000-character report to its diagnostics
//!   (the pack loaded by an earlier report);
//! - edit: a one-character `didChange` to its diagnostics, less the 100 ms
//!   the server waits after a keystroke (so: the engine's time, plus the
//!   round trip);
//! - memory: the server's resident memory with 20 such reports open.
//!
//! `cargo build --release && cargo run --release --example lsp_speed -- target/release/fzlint`

#![allow(clippy::unwrap_used, clippy::print_stdout)]

use std::process::ChildStdin;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[path = "../tests/support/lsp_wire.rs"]
mod lsp_wire;
use lsp_wire::write_message;

fn send(stdin: &mut ChildStdin, message: &Value) {
    write_message(stdin, message);
}

fn wait_for(messages: &Receiver<Value>, wanted: impl Fn(&Value) -> bool) -> Value {
    loop {
        let message = messages.recv_timeout(Duration::from_secs(60)).unwrap();
        if wanted(&message) {
            return message;
        }
    }
}

fn diagnostics_of(messages: &Receiver<Value>, uri: &str, version: i64) -> usize {
    let message = wait_for(messages, |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["version"] == version
    });
    message["params"]["diagnostics"].as_array().unwrap().len()
}

/// A report of about 20,000 characters: the compliant fixture, its body
/// repeated, each time with a wrong term (so that there are diagnostics
/// to convert and send).
fn report() -> String {
    let base = include_str!("../fixtures/reports/full-compliant.md");
    let (head, body) = base.split_at(base.find("\n\n").unwrap_or(0));
    let mut text = head.to_owned();
    while text.chars().count() < 20_000 {
        text.push_str(body);
        text.push_str("\n全年开展法制宣传教育活动，截止目前已覆盖全县。\n");
    }
    text
}

fn main() {
    let binary = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/release/fzlint".to_owned());
    let binary = std::path::absolute(binary).unwrap();
    let dir = std::env::temp_dir().join(format!("fzlint-lsp-speed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let started = Instant::now();
    let (mut child, mut stdin, messages) = lsp_wire::spawn(&binary, &dir);
    let root = format!("file://{}", dir.display());
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize",
                 "params": { "processId": null, "rootUri": root, "capabilities": {} } }),
    );
    wait_for(&messages, |m| m["id"] == 1);
    let start = started.elapsed();
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }),
    );

    let text = report();
    let open = |stdin: &mut ChildStdin, i: usize| -> (String, Duration, usize) {
        let uri = format!("{root}/report-{i}.md");
        let at = Instant::now();
        send(
            stdin,
            &json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
                "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } } }),
        );
        let count = diagnostics_of(&messages, &uri, 1);
        (uri, at.elapsed(), count)
    };
    // The first report loads the pack.
    let (_, first, _) = open(&mut stdin, 0);
    let mut opens = Vec::new();
    for i in 1..20 {
        opens.push(open(&mut stdin, i));
    }
    let (uri, _, count) = opens[0].clone();
    let mut edits = Vec::new();
    for version in 2..12 {
        let at = Instant::now();
        send(
            &mut stdin,
            &json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "range": { "start": { "line": 3, "character": 0 }, "end": { "line": 3, "character": 0 } }, "text": "。" }] } }),
        );
        diagnostics_of(&messages, &uri, version);
        edits.push(at.elapsed().saturating_sub(Duration::from_millis(100)));
    }
    let status =
        std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap_or_default();
    let rss = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .unwrap_or("VmRSS: ?")
        .to_owned();
    let median = |mut list: Vec<Duration>| {
        list.sort();
        list[list.len() / 2]
    };
    let open_times: Vec<Duration> = opens.iter().map(|o| o.1).collect();
    println!(
        "report: {} characters, {count} diagnostics",
        text.chars().count()
    );
    println!(
        "start to initialize response: {:.1} ms",
        start.as_secs_f64() * 1000.0
    );
    println!(
        "first open (loads the pack): {:.1} ms",
        first.as_secs_f64() * 1000.0
    );
    println!(
        "open to diagnostics, median of 19: {:.1} ms",
        median(open_times).as_secs_f64() * 1000.0
    );
    println!(
        "one-character edit to diagnostics less the 100 ms pause, median of 10: {:.1} ms",
        median(edits).as_secs_f64() * 1000.0
    );
    println!("with 20 reports open: {rss}");

    // Ten megabytes: the diagnostics take their time, a request sent
    // meanwhile is answered at once.
    let huge = text.repeat((10 * 1024 * 1024usize).div_ceil(text.len()));
    let huge_uri = format!("{root}/huge.md");
    let at = Instant::now();
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": { "uri": huge_uri, "languageId": "markdown", "version": 1, "text": huge } } }),
    );
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {
            "textDocument": { "uri": uri }, "position": { "line": 0, "character": 0 } } }),
    );
    wait_for(&messages, |m| m["id"] == 3);
    let answered = at.elapsed();
    let huge_count = diagnostics_of(&messages, &huge_uri, 1);
    println!(
        "{} MB report: {huge_count} diagnostics after {:.0} ms; a hover sent meanwhile answered after {:.0} ms",
        huge.len() / (1024 * 1024),
        at.elapsed().as_secs_f64() * 1000.0,
        answered.as_secs_f64() * 1000.0
    );
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null }),
    );
    wait_for(&messages, |m| m["id"] == 2);
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "method": "exit", "params": null }),
    );
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
}
