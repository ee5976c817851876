//! `fzlint lsp` spoken to as an editor speaks to it: the real process,
//! JSON-RPC over its standard input and output. Ranges are checked against
//! positions computed here, independently of the server (UTF-16 code units
//! or UTF-8 bytes from the start of the line).

#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[path = "support/lsp_wire.rs"]
mod lsp_wire;
use lsp_wire::{write_frame, write_message};

const WAIT: Duration = Duration::from_secs(60);

/// A report of our own: a title, an outline, a wrong term twice (the
/// second after a character outside the BMP).
const REPORT: &str = "# 某县2024年法治政府建设年度报告\n\n一、主要举措\n\n（一）普法工作\n\n全年开展法制宣传教育活动12场，𠀀字村也开展了法制宣传教育。\n\n（二）执法工作\n\n1. 推行“双随机、一公开”监管。\n\n二、存在的不足\n\n无。\n";

struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Messages read while waiting for another.
    pending: Vec<Value>,
    next_id: i64,
}

fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for byte in path.to_str().unwrap().bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

impl Server {
    /// Starts `fzlint lsp` and initializes it with `root` as the workspace
    /// and `encodings` offered; returns the server and its capabilities.
    fn start(root: &Path, encodings: &[&str]) -> (Server, Value) {
        let mut server = Server::spawn(root);
        let capabilities = server.initialize(root, encodings);
        (server, capabilities)
    }

    /// Starts `fzlint lsp`, not yet initialized.
    fn spawn(root: &Path) -> Server {
        let (child, stdin, messages) =
            lsp_wire::spawn(Path::new(env!("CARGO_BIN_EXE_fzlint")), root);
        Server {
            child,
            stdin,
            messages,
            pending: Vec::new(),
            next_id: 0,
        }
    }

    /// `initialize` with `root` as the workspace and `encodings` offered,
    /// then `initialized`: the server's capabilities.
    fn initialize(&mut self, root: &Path, encodings: &[&str]) -> Value {
        let server = self;
        let mut capabilities = json!({});
        if !encodings.is_empty() {
            capabilities = json!({ "general": { "positionEncodings": encodings } });
        }
        let init = server.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": file_uri(root),
                "workspaceFolders": [{ "uri": file_uri(root), "name": "reports" }],
                "capabilities": capabilities,
            }),
        );
        server.notify("initialized", json!({}));
        init["result"]["capabilities"].clone()
    }

    fn send(&mut self, message: &Value) {
        write_message(&mut self.stdin, message);
    }

    /// A frame with any body at all.
    fn send_raw(&mut self, body: &[u8]) {
        write_frame(&mut self.stdin, body);
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and waits for its response (the whole message).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait_for(|m| m["id"] == json!(id) && m.get("method").is_none())
    }

    /// The first message, read now or before, that `wanted` accepts.
    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(at) = self.pending.iter().position(&wanted) {
            return self.pending.remove(at);
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(message) if wanted(&message) => return message,
                Ok(message) => self.pending.push(message),
                Err(RecvTimeoutError::Timeout) => panic!("no answer; read {:#?}", self.pending),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server is gone; read {:#?}", self.pending)
                }
            }
        }
    }

    /// The diagnostics published for `uri` (for `version`, when given).
    fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let message = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && version.is_none_or(|v| m["params"]["version"] == json!(v))
        });
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap()
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": language, "version": 1, "text": text } }),
        );
    }

    fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }),
        );
    }

    /// `shutdown`, then `exit`: the exit status.
    fn stop(mut self) -> ExitStatus {
        let answer = self.request("shutdown", Value::Null);
        assert_eq!(answer["result"], Value::Null, "{answer}");
        assert!(answer.get("error").is_none(), "{answer}");
        self.notify("exit", Value::Null);
        wait(&mut self.child)
    }
}

fn wait(child: &mut Child) -> ExitStatus {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A position computed here: the line of `offset` and the characters
/// before it on that line, in UTF-16 units or in bytes.
fn expected_position(text: &str, offset: usize, utf8: bool) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let character = if utf8 {
        offset - start
    } else {
        text[start..offset].encode_utf16().count()
    };
    json!({ "line": line, "character": character })
}

fn expected_range(text: &str, start: usize, end: usize, utf8: bool) -> Value {
    json!({ "start": expected_position(text, start, utf8), "end": expected_position(text, end, utf8) })
}

fn with_rule<'a>(diagnostics: &'a [Value], rule: &str) -> Vec<&'a Value> {
    diagnostics.iter().filter(|d| d["code"] == rule).collect()
}

fn workspace() -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("甲县 报告.md");
    std::fs::write(&path, REPORT).unwrap();
    let uri = file_uri(&path);
    (dir, path, uri)
}

#[test]
fn diagnostics_on_open_in_the_encoding_negotiated() {
    let (dir, _, uri) = workspace();
    for (offered, utf8) in [(&[][..], false), (&["utf-8", "utf-16"][..], true)] {
        let (mut server, capabilities) = Server::start(dir.path(), offered);
        let kind = if utf8 { "utf-8" } else { "utf-16" };
        assert_eq!(capabilities["positionEncoding"], kind);
        server.open(&uri, "markdown", REPORT);
        let diagnostics = server.diagnostics(&uri, Some(1));
        let terms = with_rule(&diagnostics, "canonical-term");
        let wrong = "法制宣传教育";
        let spans: Vec<usize> = REPORT.match_indices(wrong).map(|(i, _)| i).collect();
        assert_eq!(terms.len(), 2, "{diagnostics:#?}");
        for (diagnostic, start) in terms.iter().zip(&spans) {
            assert_eq!(
                diagnostic["range"],
                expected_range(REPORT, *start, start + wrong.len(), utf8)
            );
            assert_eq!(diagnostic["severity"], 2);
            assert_eq!(diagnostic["source"], "fzlint");
            assert_eq!(diagnostic["message"], "“法制宣传教育”应为“法治宣传教育”");
        }
        // A missing part sits on the title, an error.
        let missing = with_rule(&diagnostics, "plan-section");
        let title = REPORT.find("某县").unwrap();
        let title_end = REPORT.find('\n').unwrap();
        assert_eq!(
            missing[0]["range"],
            expected_range(REPORT, title, title_end, utf8)
        );
        assert_eq!(missing[0]["severity"], 1);
        assert!(server.stop().success());
    }
}

#[test]
fn incremental_edits_on_chinese_and_astral_text() {
    let (dir, _, uri) = workspace();
    // CRLF line ends, and the second wrong term after 𠀀.
    let text = REPORT.replace('\n', "\r\n");
    for (offered, utf8) in [(&[][..], false), (&["utf-8"][..], true)] {
        let (mut server, _) = Server::start(dir.path(), offered);
        server.open(&uri, "markdown", &text);
        assert_eq!(
            with_rule(&server.diagnostics(&uri, Some(1)), "canonical-term").len(),
            2
        );
        // The second 法制 (after 𠀀) becomes 法治; then 😀 is inserted
        // before the first, moving it right on its line.
        let second = text.rfind("法制宣传教育").unwrap();
        let first = text.find("法制宣传教育").unwrap();
        let replace = expected_range(&text, second, second + "法制".len(), utf8);
        let insert = expected_range(&text, first, first, utf8);
        server.change(
            &uri,
            2,
            json!([
                { "range": replace, "text": "法治" },
                { "range": insert, "text": "😀" },
            ]),
        );
        let mut edited = text.clone();
        edited.replace_range(second..second + "法制".len(), "法治");
        edited.insert(first, '😀');
        let diagnostics = server.diagnostics(&uri, Some(2));
        let terms = with_rule(&diagnostics, "canonical-term");
        assert_eq!(terms.len(), 1, "{diagnostics:#?}");
        let at = edited.find("法制宣传教育").unwrap();
        assert_eq!(at, first + "😀".len());
        assert_eq!(
            terms[0]["range"],
            expected_range(&edited, at, at + "法制宣传教育".len(), utf8)
        );
        // A whole-text change replaces everything.
        server.change(&uri, 3, json!([{ "text": "无关的文字。" }]));
        let diagnostics = server.diagnostics(&uri, Some(3));
        assert!(with_rule(&diagnostics, "canonical-term").is_empty());
        // Closing clears the diagnostics.
        server.notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri } }),
        );
        assert!(server.diagnostics(&uri, None).is_empty());
        assert!(server.stop().success());
    }
}

#[test]
fn a_newer_version_supersedes_an_older_one() {
    let (dir, _, uri) = workspace();
    let (mut server, _) = Server::start(dir.path(), &[]);
    server.open(&uri, "markdown", REPORT);
    server.diagnostics(&uri, Some(1));
    // Three quick edits, in one write as a fast typist's editor sends
    // them: only the last version is published.
    let end = expected_position(REPORT, REPORT.len(), false);
    let mut frames = Vec::new();
    for version in 2..=4 {
        let body = json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": [{ "range": { "start": end, "end": end }, "text": "。" }] } })
        .to_string();
        frames.extend(format!("Content-Length: {}\r\n\r\n{body}", body.len()).bytes());
    }
    server.stdin.write_all(&frames).unwrap();
    server.stdin.flush().unwrap();
    server.diagnostics(&uri, Some(4));
    let shutdown = server.request("shutdown", Value::Null);
    assert!(shutdown.get("error").is_none());
    let stale = server
        .pending
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .filter(|m| m["params"]["version"] == 2 || m["params"]["version"] == 3)
        .count();
    assert_eq!(stale, 0, "{:#?}", server.pending);
    server.notify("exit", Value::Null);
    assert!(wait(&mut server.child).success());
}

#[test]
fn code_actions_fix_one_fix_all_and_suppress() {
    let (dir, _, uri) = workspace();
    let (mut server, _) = Server::start(dir.path(), &[]);
    server.open(&uri, "markdown", REPORT);
    let diagnostics = server.diagnostics(&uri, Some(1));
    let term = with_rule(&diagnostics, "canonical-term")[0].clone();
    let answer = server.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": term["range"],
            "context": { "diagnostics": [term] },
        }),
    );
    let actions = answer["result"].as_array().unwrap();
    let titled = |part: &str| {
        actions
            .iter()
            .find(|a| a["title"].as_str().unwrap().contains(part))
            .unwrap_or_else(|| panic!("no action {part}: {actions:#?}"))
            .clone()
    };
    let fix = titled("改为“法治宣传教育”");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    let edits = fix["edit"]["changes"][&uri].as_array().unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0]["range"], term["range"]);
    assert_eq!(edits[0]["newText"], "法治宣传教育");
    let all = titled("全部 2 处");
    assert_eq!(all["edit"]["changes"][&uri].as_array().unwrap().len(), 2);
    // The suppression comment on the line before, applied as the editor
    // would: that line's finding is gone, and the comment is used.
    let suppress = titled("不再报告");
    let edit = suppress["edit"]["changes"][&uri][0].clone();
    assert_eq!(
        edit["newText"],
        "<!-- fzlint-disable-next-line canonical-term -- 原因 -->\n"
    );
    assert_eq!(edit["range"]["start"]["character"], 0);
    assert_eq!(
        edit["range"]["start"]["line"],
        term["range"]["start"]["line"]
    );
    server.change(
        &uri,
        2,
        json!([{ "range": edit["range"], "text": edit["newText"] }]),
    );
    let diagnostics = server.diagnostics(&uri, Some(2));
    assert!(
        with_rule(&diagnostics, "canonical-term").is_empty(),
        "{diagnostics:#?}"
    );
    assert!(
        with_rule(&diagnostics, "unused-suppression").is_empty(),
        "{diagnostics:#?}"
    );
    // Plain text cannot hold the comment: no suppression offered.
    let text_uri = file_uri(&dir.path().join("乙.txt"));
    server.open(&text_uri, "plaintext", REPORT);
    let diagnostics = server.diagnostics(&text_uri, Some(1));
    let term = with_rule(&diagnostics, "canonical-term")[0].clone();
    let answer = server.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": text_uri }, "range": term["range"], "context": { "diagnostics": [] } }),
    );
    let titles: Vec<&str> = answer["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(titles.iter().any(|t| t.contains("改为")), "{titles:?}");
    assert!(!titles.iter().any(|t| t.contains("不再报告")), "{titles:?}");
    assert!(server.stop().success());
}

#[test]
fn hover_explains_and_symbols_show_the_outline() {
    let (dir, _, uri) = workspace();
    let (mut server, _) = Server::start(dir.path(), &[]);
    server.open(&uri, "markdown", REPORT);
    let diagnostics = server.diagnostics(&uri, Some(1));
    let term = with_rule(&diagnostics, "canonical-term")[0].clone();
    let hover = server.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": term["range"]["start"] }),
    );
    let text = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(text.contains("canonical-term"), "{text}");
    assert!(text.contains("建议：法治（依法治理"), "{text}");
    assert!(text.contains("依据：《中央宣传部"), "{text}");
    // Nothing there: null.
    let hover = server.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 2, "character": 0 } }),
    );
    assert_eq!(hover["result"], Value::Null);

    let symbols = server.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    let symbols = symbols["result"].as_array().unwrap();
    let names: Vec<&str> = symbols
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "某县2024年法治政府建设年度报告",
            "一、主要举措",
            "二、存在的不足"
        ]
    );
    let children: Vec<&str> = symbols[1]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(children, ["（一）普法工作", "（二）执法工作"]);
    let grandchild = &symbols[1]["children"][1]["children"][0];
    assert!(grandchild["name"].as_str().unwrap().starts_with("1. 推行"));
    let heading = REPORT.find("（二）执法工作").unwrap();
    assert_eq!(
        symbols[1]["children"][1]["selectionRange"],
        expected_range(REPORT, heading, heading + "（二）执法工作".len(), false)
    );
    assert!(server.stop().success());
}

#[test]
fn config_changes_apply_without_a_restart_and_a_bad_config_is_shown() {
    let (dir, path, uri) = workspace();
    let config = dir.path().join(".fzlint.yaml");
    let config_uri = file_uri(&config);
    std::fs::write(&config, "disable: [canonical-term]\n").unwrap();
    let (mut server, _) = Server::start(dir.path(), &[]);
    server.open(&uri, "markdown", REPORT);
    let diagnostics = server.diagnostics(&uri, Some(1));
    assert!(with_rule(&diagnostics, "canonical-term").is_empty());
    assert!(!with_rule(&diagnostics, "plan-section").is_empty());

    // The config changes; the client says so.
    std::fs::write(&config, "disable: [plan-section]\n").unwrap();
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
    );
    let diagnostics = server.diagnostics(&uri, Some(1));
    assert_eq!(with_rule(&diagnostics, "canonical-term").len(), 2);
    assert!(with_rule(&diagnostics, "plan-section").is_empty());

    // A mistake in it: shown on the config (not open: also a message),
    // and on the report instead of its findings. The server goes on.
    std::fs::write(&config, "disable: [plan-sectoin]\n").unwrap();
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
    );
    let on_config = server.diagnostics(&config_uri, None);
    assert_eq!(on_config.len(), 1, "{on_config:#?}");
    let message = on_config[0]["message"].as_str().unwrap();
    assert!(message.contains("plan-sectoin"), "{message}");
    let column = "disable: [".len();
    assert_eq!(
        on_config[0]["range"],
        json!({ "start": { "line": 0, "character": column }, "end": { "line": 0, "character": column + "plan-sectoin".len() } })
    );
    let shown = server.wait_for(|m| m["method"] == "window/showMessage");
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains(".fzlint.yaml"),
        "{shown}"
    );
    let diagnostics = server.diagnostics(&uri, Some(1));
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["code"], "config");

    // Fixed, without a word from the client: an edit checks again, and
    // the config's modification time says it changed.
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(&config, "disable: [plan-section, canonical-term]\n").unwrap();
    let end = expected_position(REPORT, REPORT.len(), false);
    server.change(
        &uri,
        2,
        json!([{ "range": { "start": end, "end": end }, "text": "\n" }]),
    );
    assert!(server.diagnostics(&config_uri, None).is_empty());
    let diagnostics = server.diagnostics(&uri, Some(2));
    assert!(
        with_rule(&diagnostics, "config").is_empty(),
        "{diagnostics:#?}"
    );
    assert!(with_rule(&diagnostics, "canonical-term").is_empty());
    assert!(with_rule(&diagnostics, "plan-section").is_empty());
    assert!(!with_rule(&diagnostics, "legality-review").is_empty());
    drop(path);
    assert!(server.stop().success());
}

#[test]
fn a_broken_config_deleted_takes_its_errors_with_it() {
    let (dir, _path, uri) = workspace();
    let config = dir.path().join(".fzlint.yaml");
    let config_uri = file_uri(&config);
    std::fs::write(&config, "disable: [plan-sectoin]\n").unwrap();
    let (mut server, _) = Server::start(dir.path(), &[]);
    server.open(&uri, "markdown", REPORT);
    assert_eq!(server.diagnostics(&config_uri, None).len(), 1);
    assert_eq!(server.diagnostics(&uri, Some(1))[0]["code"], "config");
    std::fs::remove_file(&config).unwrap();
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 3 }] }),
    );
    // The errors shown on the deleted file are cleared, and the report is
    // checked with the default rules.
    assert!(server.diagnostics(&config_uri, None).is_empty());
    let diagnostics = server.diagnostics(&uri, Some(1));
    assert!(
        with_rule(&diagnostics, "config").is_empty(),
        "{diagnostics:#?}"
    );
    assert!(!with_rule(&diagnostics, "plan-section").is_empty());
    assert!(server.stop().success());
}

#[test]
fn workspace_folders_added_and_removed_change_where_the_config_is_found() {
    // The reports live in 报告/ under a repository whose .fzlint.yaml
    // disables canonical-term. Opened with 报告/ as the workspace, the
    // config above it is not used; when the client makes the repository the
    // workspace, it is, without a restart.
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("报告");
    std::fs::create_dir_all(&reports).unwrap();
    std::fs::write(
        dir.path().join(".fzlint.yaml"),
        "disable: [canonical-term]\n",
    )
    .unwrap();
    let path = reports.join("甲县.md");
    std::fs::write(&path, REPORT).unwrap();
    let uri = file_uri(&path);
    let (mut server, capabilities) = Server::start(&reports, &[]);
    assert_eq!(
        capabilities["workspace"]["workspaceFolders"]["changeNotifications"],
        true
    );
    server.open(&uri, "markdown", REPORT);
    let diagnostics = server.diagnostics(&uri, Some(1));
    assert_eq!(with_rule(&diagnostics, "canonical-term").len(), 2);
    server.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({ "event": {
            "added": [{ "uri": file_uri(dir.path()), "name": "repo" }],
            "removed": [{ "uri": file_uri(&reports), "name": "reports" }],
        } }),
    );
    let diagnostics = server.diagnostics(&uri, Some(1));
    assert!(
        with_rule(&diagnostics, "canonical-term").is_empty(),
        "{diagnostics:#?}"
    );
    assert!(!with_rule(&diagnostics, "plan-section").is_empty());
    assert!(server.stop().success());
}

#[test]
fn a_rule_pack_named_by_the_config_is_loaded_and_watched() {
    let (dir, _, uri) = workspace();
    let pack = dir.path().join("packs/county");
    std::fs::create_dir_all(&pack).unwrap();
    let rule = pack.join("terms.yaml");
    let write_rule = |right: &str| {
        std::fs::write(
            &rule,
            format!(
                "rules:\n  - id: county-term\n    title: 县里的用语\n    kind: substitute\n    severity: info\n    message: “{{match}}”应为“{{right}}”\n    replacements:\n      - {{wrong: 普法工作, right: {right}}}\n"
            ),
        )
        .unwrap();
    };
    write_rule("普法宣传工作");
    std::fs::write(dir.path().join(".fzlint.yaml"), "rules: [packs/county]\n").unwrap();
    let (mut server, _) = Server::start(dir.path(), &[]);
    server.open(&uri, "markdown", REPORT);
    let diagnostics = server.diagnostics(&uri, Some(1));
    let county = with_rule(&diagnostics, "county-term");
    assert_eq!(county.len(), 1, "{diagnostics:#?}");
    assert_eq!(county[0]["message"], "“普法工作”应为“普法宣传工作”");
    assert_eq!(county[0]["severity"], 3);

    // A broken rule file: its error on the rule file.
    std::fs::write(&rule, "rules:\n  - id: county-term\n    kind: nonsense\n").unwrap();
    let rule_uri = file_uri(&rule);
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": rule_uri, "type": 2 }] }),
    );
    assert!(!server.diagnostics(&rule_uri, None).is_empty());
    assert_eq!(server.diagnostics(&uri, Some(1))[0]["code"], "config");

    write_rule("法治宣传工作");
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": rule_uri, "type": 2 }] }),
    );
    assert!(server.diagnostics(&rule_uri, None).is_empty());
    let diagnostics = server.diagnostics(&uri, Some(1));
    assert_eq!(
        with_rule(&diagnostics, "county-term")[0]["message"],
        "“普法工作”应为“法治宣传工作”"
    );
    assert!(server.stop().success());
}

#[test]
fn every_request_is_answered_and_a_huge_document_does_not_stall_the_server() {
    let (dir, _, uri) = workspace();
    let (mut server, _) = Server::start(dir.path(), &[]);
    // Unknown method, bad params, a document never opened.
    let unknown = server.request("textDocument/completion", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    let bad = server.request("textDocument/hover", json!({ "textDocument": 7 }));
    assert_eq!(bad["error"]["code"], -32602);
    let closed = server.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": "file:///nowhere.md" } }),
    );
    assert!(closed.get("error").is_some(), "{closed}");
    server.change("file:///nowhere.md", 2, json!([{ "text": "x" }]));
    // Messages that are not JSON-RPC: passed over, answered when they
    // have an id; the server reads on.
    server.send_raw(b"{not json");
    server.send_raw(b"{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"\xff\"}");
    server.send_raw(b"{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":5}");
    let answer = server.wait_for(|m| m["id"] == 99);
    assert_eq!(answer["error"]["code"], -32600, "{answer}");
    server.notify("textDocument/didOpen", json!({ "nonsense": true }));
    // A change whose range lies past the end, and one inside a surrogate
    // pair: clamped, never a panic.
    server.open(&uri, "markdown", "甲😀乙");
    server.change(
        &uri,
        2,
        json!([
            { "range": { "start": { "line": 9, "character": 9 }, "end": { "line": 0, "character": 2 } }, "text": "丙" },
        ]),
    );
    server.diagnostics(&uri, Some(2));

    // Ten megabytes in one paragraph-less line and many lines, then a
    // request answered while it is being checked.
    let big_uri = file_uri(&dir.path().join("大.md"));
    let big = REPORT.repeat(10 * 1024 * 1024 / REPORT.len());
    server.open(&big_uri, "markdown", &big);
    let symbols = server.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": big_uri }, "position": { "line": 0, "character": 0 } }),
    );
    assert!(symbols.get("error").is_none(), "{symbols}");
    server.diagnostics(&big_uri, Some(1));
    assert!(server.stop().success());
}

/// Before `initialize`, a request gets `ServerNotInitialized`, a message
/// that cannot be read an error (or a line in the log when it has no id),
/// and the server still initializes and checks.
#[test]
fn messages_before_initialize_are_answered() {
    let (dir, _, uri) = workspace();
    let mut server = Server::spawn(dir.path());
    server.send_raw(b"{\"jsonrpc\":\"2.0\",\"id\":41,\"method\":5}");
    let answer = server.wait_for(|m| m["id"] == 41);
    assert_eq!(answer["error"]["code"], -32600, "{answer}");
    let early = server.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 0 } }),
    );
    assert_eq!(early["error"]["code"], -32002, "{early}");
    server.send_raw(b"{not json");
    let log = server.wait_for(|m| m["method"] == "window/logMessage");
    assert!(
        log["params"]["message"]
            .as_str()
            .unwrap()
            .contains("JSON-RPC"),
        "{log}"
    );
    let capabilities = server.initialize(dir.path(), &[]);
    assert_eq!(capabilities["hoverProvider"], true, "{capabilities}");
    server.open(&uri, "markdown", REPORT);
    assert!(!server.diagnostics(&uri, Some(1)).is_empty());
    assert!(server.stop().success());
}

#[test]
fn exit_without_shutdown_is_status_1() {
    let (dir, _, _) = workspace();
    let (mut server, _) = Server::start(dir.path(), &[]);
    server.notify("exit", Value::Null);
    assert_eq!(wait(&mut server.child).code(), Some(1));
}

fn nvim() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("nvim"))
        .find(|candidate| candidate.is_file())
}

/// The Neovim snippet of README (for Debian's Neovim 0.7, which has
/// `vim.lsp.start_client` and `buf_attach_client` but not yet
/// `vim.lsp.start`): the report is opened, the server attached, and the
/// diagnostics Neovim holds are written out as it has them (0-based line,
/// byte columns).
const NVIM_SCRIPT: &str = r"
local report = os.getenv('FZLINT_REPORT')
local client = vim.lsp.start_client({
  name = 'fzlint',
  cmd = { os.getenv('FZLINT_BIN'), 'lsp' },
  root_dir = vim.fn.fnamemodify(report, ':h'),
})
vim.cmd('edit ' .. vim.fn.fnameescape(report))
vim.lsp.buf_attach_client(0, client)
vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(lines, string.format('%d:%d:%d:%s:%s', d.lnum, d.col, d.end_col, tostring(d.code), d.message))
end
vim.fn.writefile(lines, os.getenv('FZLINT_OUT'))
vim.lsp.stop_client(client)
vim.wait(10000, function() return vim.lsp.get_client_by_id(client) == nil end, 50)
vim.cmd('qa!')
";

#[test]
fn neovim_shows_the_diagnostics_where_they_are() {
    let Some(nvim) = nvim() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have Neovim (.ci/run installs neovim)"
        );
        eprintln!("Neovim not found: the server not tried in a real editor");
        return;
    };
    let (dir, path, _) = workspace();
    let script = dir.path().join("attach.lua");
    std::fs::write(&script, NVIM_SCRIPT).unwrap();
    let out = dir.path().join("diagnostics.txt");
    let mut child = Command::new(nvim)
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("FZLINT_REPORT", &path)
        .env("FZLINT_OUT", &out)
        .env("FZLINT_BIN", env!("CARGO_BIN_EXE_fzlint"))
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    assert!(wait(&mut child).success());
    let lines = std::fs::read_to_string(&out).unwrap();
    // Neovim counts columns in bytes: the server's UTF-16 ranges came
    // through right, past 𠀀 too.
    let line = REPORT[..REPORT.find("法制").unwrap()].matches('\n').count();
    let start = REPORT[..REPORT.find("法制").unwrap()].rfind('\n').unwrap() + 1;
    let terms: Vec<String> = REPORT
        .match_indices("法制宣传教育")
        .map(|(at, wrong)| {
            format!(
                "{line}:{}:{}:canonical-term:“法制宣传教育”应为“法治宣传教育”",
                at - start,
                at - start + wrong.len()
            )
        })
        .collect();
    for term in &terms {
        assert!(lines.lines().any(|l| l == term), "{term} not in\n{lines}");
    }
    let title_end = REPORT.find('\n').unwrap();
    assert!(
        lines
            .lines()
            .any(|l| l.starts_with(&format!("0:2:{title_end}:plan-section:"))),
        "{lines}"
    );
}
