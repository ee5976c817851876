//! The server's loop: messages from the client, checks sent to the checker
//! thread after a pause in typing, their results published while they are
//! still for the version the client holds.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender};
use fzlint_core::document::{Document, Format};
use fzlint_core::text::source::SourceFile;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    MessageType, PublishDiagnosticsParams, ShowMessageParams, TextDocumentContentChangeEvent,
    TextDocumentIdentifier, Uri,
};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::check::{self, Done, Found, Job, Work};
use crate::config::{Loader, Profiles};
use crate::position::{self, Encoding};
use crate::transport::BAD_MESSAGE;
use crate::uri;

/// How long after the last change a document is checked.
pub const DEBOUNCE: Duration = Duration::from_millis(100);

/// A document the client has open.
#[derive(Debug)]
struct Open {
    source: Arc<SourceFile>,
    version: i32,
    /// How to read it; `None`: not a report (a config file the client
    /// shows us, say), never checked.
    format: Option<Format>,
    path: Option<PathBuf>,
    /// The last check of the current version.
    checked: Option<Done>,
}

/// The server's state.
struct Server<'a> {
    connection: &'a Connection,
    encoding: Encoding,
    roots: Arc<Vec<PathBuf>>,
    documents: HashMap<Uri, Open>,
    /// When each document is due to be checked.
    due: HashMap<Uri, Instant>,
    work: Sender<Work>,
    /// Config and rule files with errors published, by config.
    published: HashMap<Option<PathBuf>, Vec<Uri>>,
    shutdown: bool,
    next_request: i32,
}

/// Serves one client until it says `exit` (or goes away). True when it
/// asked for `shutdown` first: the process's exit status is 0 then.
pub fn serve(connection: &Connection, loader: Box<dyn Loader>) -> Result<bool, String> {
    let (id, params) = initialize_start(connection)?;
    let offered: Vec<String> = params
        .pointer("/capabilities/general/positionEncodings")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let encoding = Encoding::choose(&offered);
    let watch = params
        .pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let capabilities = json!({
        "positionEncoding": encoding.kind(),
        "textDocumentSync": {
            "openClose": true,
            "change": 2,
            "save": { "includeText": false },
        },
        "codeActionProvider": { "codeActionKinds": ["quickfix"] },
        "hoverProvider": true,
        "documentSymbolProvider": true,
        // Folders added to or removed from the workspace change where a
        // report's config is looked for.
        "workspace": {
            "workspaceFolders": { "supported": true, "changeNotifications": true },
        },
    });
    // The `initialized` notification that follows is one the loop passes
    // over (`lsp_server`'s own finish would end the server on any other
    // message first).
    let result = json!({
        "capabilities": capabilities,
        "serverInfo": { "name": "fzlint", "version": env!("CARGO_PKG_VERSION") },
    });
    connection
        .sender
        .send(Response::new_ok(id, result).into())
        .map_err(|e| e.to_string())?;

    let (work, work_rx) = crossbeam_channel::unbounded::<Work>();
    let (done_tx, done) = crossbeam_channel::unbounded::<Done>();
    let profiles = Profiles::new(loader);
    std::thread::Builder::new()
        .name("fzlint-check".to_owned())
        .spawn(move || check::run(&work_rx, &done_tx, profiles))
        .map_err(|e| e.to_string())?;

    let mut server = Server {
        connection,
        encoding,
        roots: Arc::new(roots(&params)),
        documents: HashMap::new(),
        due: HashMap::new(),
        work,
        published: HashMap::new(),
        shutdown: false,
        next_request: 0,
    };
    if watch {
        server.watch_config_files();
    }
    server.run(&done)
}

/// Waits for `initialize`, answering everything before it: a request with
/// `ServerNotInitialized`, a message that could not be read with an error
/// (`lsp_server`'s own wait passes those over without a word, so a client
/// that sent a broken `initialize` would wait for ever).
fn initialize_start(connection: &Connection) -> Result<(RequestId, Value), String> {
    loop {
        let message = connection
            .receiver
            .recv()
            .map_err(|_| "客户端在初始化之前断开了连接".to_owned())?;
        let reply = match message {
            Message::Request(request) if request.method == "initialize" => {
                return Ok((request.id, request.params));
            }
            Message::Request(request) => Response::new_err(
                request.id,
                ErrorCode::ServerNotInitialized as i32,
                format!(
                    "服务器尚未初始化：请先发送 initialize（收到的是 {}）",
                    request.method
                ),
            )
            .into(),
            Message::Notification(notification) if notification.method == BAD_MESSAGE => {
                bad_message_reply(&notification.params)
            }
            Message::Notification(notification) if notification.method == "exit" => {
                return Err("客户端在初始化之前要求退出".to_owned());
            }
            Message::Notification(_) | Message::Response(_) => continue,
        };
        connection.sender.send(reply).map_err(|e| e.to_string())?;
    }
}

/// The answer to a message that could not be read: an error response when
/// it had an id, else a line in the client's log.
fn bad_message_reply(params: &Value) -> Message {
    let reason = params["reason"].as_str().unwrap_or_default().to_owned();
    match serde_json::from_value::<RequestId>(params["id"].clone()) {
        Ok(id) => Response::new_err(id, ErrorCode::InvalidRequest as i32, reason).into(),
        Err(_) => Notification::new(
            "window/logMessage".to_owned(),
            ShowMessageParams {
                typ: MessageType::ERROR,
                message: format!("fzlint：{reason}"),
            },
        )
        .into(),
    }
}

/// The workspace folders (or the root) the client names.
fn roots(params: &Value) -> Vec<PathBuf> {
    let mut uris: Vec<&str> = params
        .get("workspaceFolders")
        .and_then(Value::as_array)
        .map(|folders| {
            folders
                .iter()
                .filter_map(|f| f.get("uri").and_then(Value::as_str))
                .collect()
        })
        .unwrap_or_default();
    if uris.is_empty() {
        uris.extend(params.get("rootUri").and_then(Value::as_str));
    }
    uris.into_iter()
        .filter_map(|text| text.parse::<Uri>().ok())
        .filter_map(|u| uri::to_path(&u))
        .collect()
}

/// How a document is read, by its language or else its extension; `None`
/// for one that is not a report.
fn format_of(language: &str, uri: &Uri) -> Option<Format> {
    match language {
        "markdown" => return Some(Format::Markdown),
        "plaintext" | "text" => return Some(Format::Text),
        _ => {}
    }
    let path = uri.as_str().split(['?', '#']).next().unwrap_or_default();
    let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match extension.as_deref() {
        Some("md" | "markdown") => Some(Format::Markdown),
        Some("txt") => Some(Format::Text),
        _ => None,
    }
}

fn params<P: DeserializeOwned>(value: Value) -> Result<P, String> {
    serde_json::from_value(value).map_err(|e| format!("参数无效：{e}"))
}

impl Server<'_> {
    fn run(&mut self, done: &Receiver<Done>) -> Result<bool, String> {
        loop {
            let wait = self
                .due
                .values()
                .min()
                .map(|at| at.saturating_duration_since(Instant::now()))
                .unwrap_or(Duration::from_secs(3600));
            crossbeam_channel::select! {
                recv(self.connection.receiver) -> message => match message {
                    Err(_) => return Ok(self.shutdown),
                    Ok(Message::Notification(n)) if n.method == "exit" => return Ok(self.shutdown),
                    Ok(message) => self.handle(message),
                },
                recv(done) -> result => {
                    if let Ok(result) = result {
                        self.finished(result);
                    }
                },
                default(wait) => {},
            }
            self.send_due();
        }
    }

    fn send(&self, message: impl Into<Message>) {
        // The client is gone when this fails; the loop ends at the next
        // receive.
        let _ = self.connection.sender.send(message.into());
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(Notification::new(method.to_owned(), params));
    }

    fn handle(&mut self, message: Message) {
        match message {
            Message::Request(request) => self.request(request),
            Message::Notification(notification) if notification.method == BAD_MESSAGE => {
                self.send(bad_message_reply(&notification.params));
            }
            Message::Notification(notification) => {
                let method = notification.method.clone();
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    self.notification(notification)
                }));
                let message = match outcome {
                    Ok(Ok(())) => return,
                    Ok(Err(message)) => format!("fzlint：{method}：{message}"),
                    Err(_) => format!("fzlint 内部错误：处理 {method} 时出错"),
                };
                self.notify(
                    "window/logMessage",
                    ShowMessageParams {
                        typ: MessageType::ERROR,
                        message,
                    },
                );
            }
            // Replies to our own requests (registering file watchers).
            Message::Response(_) => {}
        }
    }

    fn request(&mut self, request: Request) {
        let Request { id, method, params } = request;
        if self.shutdown {
            return self.send(Response::new_err(
                id,
                ErrorCode::InvalidRequest as i32,
                "服务器已关闭".to_owned(),
            ));
        }
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.answer(&method, params)
        }));
        let response = match outcome {
            Ok(Some(Ok(result))) => Response::new_ok(id, result),
            Ok(Some(Err(message))) => {
                Response::new_err(id, ErrorCode::InvalidParams as i32, message)
            }
            Ok(None) => Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("不支持的请求：{method}"),
            ),
            Err(_) => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                format!("fzlint 内部错误：处理 {method} 时出错"),
            ),
        };
        self.send(response);
    }

    /// The answer to a request; `None` for a method the server does not
    /// know.
    fn answer(&mut self, method: &str, params: Value) -> Option<Result<Value, String>> {
        Some(match method {
            "shutdown" => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            "textDocument/codeAction" => self.code_action(params),
            "textDocument/hover" => self.hover(params),
            "textDocument/documentSymbol" => self.symbols(params),
            _ => return None,
        })
    }

    fn notification(&mut self, notification: Notification) -> Result<(), String> {
        let Notification { method, params } = notification;
        match method.as_str() {
            "textDocument/didOpen" => {
                let p: DidOpenTextDocumentParams = self::params(params)?;
                let doc = p.text_document;
                let path = uri::to_path(&doc.uri);
                let name = path
                    .as_ref()
                    .map_or_else(|| doc.uri.as_str().to_owned(), |p| p.display().to_string());
                let format = format_of(&doc.language_id, &doc.uri);
                self.documents.insert(
                    doc.uri.clone(),
                    Open {
                        source: Arc::new(SourceFile::new(name, doc.text)),
                        version: doc.version,
                        format,
                        path,
                        checked: None,
                    },
                );
                if format.is_some() {
                    self.due.insert(doc.uri, Instant::now());
                }
            }
            "textDocument/didChange" => {
                let p: DidChangeTextDocumentParams = self::params(params)?;
                let encoding = self.encoding;
                let Some(open) = self.documents.get_mut(&p.text_document.uri) else {
                    return Err("文档没有打开".to_owned());
                };
                open.source = Arc::new(apply(&open.source, p.content_changes, encoding));
                open.version = p.text_document.version;
                open.checked = None;
                if open.format.is_some() {
                    self.due
                        .insert(p.text_document.uri, Instant::now() + DEBOUNCE);
                }
            }
            "textDocument/didSave" => {
                let uri = text_document(&params)?;
                if self.documents.get(&uri).is_some_and(|o| o.format.is_some()) {
                    self.due.insert(uri, Instant::now());
                }
            }
            "textDocument/didClose" => {
                let p: DidCloseTextDocumentParams = self::params(params)?;
                let uri = p.text_document.uri;
                self.due.remove(&uri);
                if let Some(open) = self.documents.remove(&uri)
                    && open.format.is_some()
                {
                    self.publish(&uri, Vec::new(), None);
                }
            }
            "workspace/didChangeWatchedFiles" => self.reload_all(),
            "workspace/didChangeWorkspaceFolders" => {
                let event = params.get("event").cloned().unwrap_or(Value::Null);
                let folders = |key: &str| -> Vec<PathBuf> {
                    event
                        .get(key)
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(|f| f.get("uri").and_then(Value::as_str))
                        .filter_map(|text| text.parse::<Uri>().ok())
                        .filter_map(|u| uri::to_path(&u))
                        .collect()
                };
                let removed = folders("removed");
                let mut roots: Vec<PathBuf> = self
                    .roots
                    .iter()
                    .filter(|r| !removed.contains(r))
                    .cloned()
                    .collect();
                for added in folders("added") {
                    if !roots.contains(&added) {
                        roots.push(added);
                    }
                }
                self.roots = Arc::new(roots);
                self.reload_all();
            }
            _ => {}
        }
        Ok(())
    }

    /// Loads every config again and checks every open report now (a
    /// watched file or the workspace's folders changed).
    fn reload_all(&mut self) {
        let _ = self.work.send(Work::Reload);
        let now = Instant::now();
        for (uri, open) in &self.documents {
            if open.format.is_some() {
                self.due.insert(uri.clone(), now);
            }
        }
    }

    fn publish(&self, uri: &Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        self.notify(
            "textDocument/publishDiagnostics",
            PublishDiagnosticsParams {
                uri: uri.clone(),
                diagnostics,
                version,
            },
        );
    }

    /// Sends the documents whose pause is over to the checker.
    fn send_due(&mut self) {
        let now = Instant::now();
        let ready: Vec<Uri> = self
            .due
            .iter()
            .filter(|(_, at)| **at <= now)
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in ready {
            self.due.remove(&uri);
            let Some(open) = self.documents.get(&uri) else {
                continue;
            };
            let Some(format) = open.format else {
                continue;
            };
            let _ = self.work.send(Work::Check(Job {
                uri,
                version: open.version,
                source: Arc::clone(&open.source),
                format,
                path: open.path.clone(),
                roots: Arc::clone(&self.roots),
                encoding: self.encoding,
            }));
        }
    }

    /// A check is back: published if it is of the version the client
    /// holds; the config's errors shown on their files.
    fn finished(&mut self, result: Done) {
        if let Some(reloaded) = &result.reloaded {
            self.config_errors(reloaded);
        }
        let Some(open) = self.documents.get_mut(&result.uri) else {
            return;
        };
        if open.version != result.version || self.due.contains_key(&result.uri) {
            return;
        }
        let uri = result.uri.clone();
        let diagnostics = result.diagnostics.clone();
        let version = result.version;
        open.checked = Some(result);
        self.publish(&uri, diagnostics, Some(version));
    }

    /// Shows the errors of a config (or its rule files) on those files,
    /// and clears those it showed before that are gone; a file the client
    /// does not have open is also named in a message.
    fn config_errors(&mut self, reloaded: &check::Reloaded) {
        // A config deleted since its errors were shown: they go with it.
        let gone: Vec<Option<PathBuf>> = self
            .published
            .keys()
            .filter(|config| config.as_ref().is_some_and(|path| !path.exists()))
            .cloned()
            .collect();
        for config in gone {
            for uri in self.published.remove(&config).unwrap_or_default() {
                self.publish(&uri, Vec::new(), None);
            }
        }
        let files = check::error_diagnostics(&reloaded.errors, self.encoding);
        let mut now = Vec::new();
        for (path, diagnostics) in files {
            let open = uri::from_path(&path).filter(|u| self.documents.contains_key(u));
            if open.is_none() {
                let first = diagnostics
                    .first()
                    .map(|d| d.message.clone())
                    .unwrap_or_default();
                self.notify(
                    "window/showMessage",
                    ShowMessageParams {
                        typ: MessageType::ERROR,
                        message: format!(
                            "fzlint：{} 有 {} 处错误，未检查报告：{first}",
                            path.display(),
                            diagnostics.len()
                        ),
                    },
                );
            }
            if let Some(uri) = uri::from_path(&path) {
                self.publish(&uri, diagnostics, None);
                now.push(uri);
            }
        }
        let before = self
            .published
            .insert(reloaded.config.clone(), now.clone())
            .unwrap_or_default();
        for uri in before.into_iter().filter(|u| !now.contains(u)) {
            self.publish(&uri, Vec::new(), None);
        }
    }

    /// Asks the client to tell us when a config or rule file changes.
    fn watch_config_files(&mut self) {
        self.next_request += 1;
        let watchers: Vec<Value> = ["**/.fzlint.yaml", "**/.fzlint.yml", "**/*.yaml", "**/*.yml"]
            .iter()
            .map(|glob| json!({ "globPattern": glob }))
            .collect();
        self.send(Request::new(
            RequestId::from(format!("fzlint-watch-{}", self.next_request)),
            "client/registerCapability".to_owned(),
            json!({
                "registrations": [{
                    "id": "fzlint-config-files",
                    "method": "workspace/didChangeWatchedFiles",
                    "registerOptions": { "watchers": watchers },
                }],
            }),
        ));
    }

    /// The open document a request is about, with its findings when they
    /// are of the version the client holds.
    fn document(&self, params: &Value) -> Result<(&Open, &[Found]), String> {
        let uri = text_document(params)?;
        let open = self
            .documents
            .get(&uri)
            .ok_or_else(|| "文档没有打开".to_owned())?;
        let found = match &open.checked {
            Some(done) if done.version == open.version => done.found.as_slice(),
            _ => &[],
        };
        Ok((open, found))
    }

    fn code_action(&self, params: Value) -> Result<Value, String> {
        let p: lsp_types::CodeActionParams = self::params(params.clone())?;
        let (open, found) = self.document(&params)?;
        let Some(format) = open.format else {
            return Ok(Value::Array(Vec::new()));
        };
        let actions = crate::features::code_actions(
            &p.text_document.uri,
            &open.source,
            format,
            found,
            &p.range,
            self.encoding,
        );
        serde_json::to_value(actions).map_err(|e| e.to_string())
    }

    fn hover(&self, params: Value) -> Result<Value, String> {
        let p: lsp_types::HoverParams = self::params(params.clone())?;
        let (_, found) = self.document(&params)?;
        let hover = crate::features::hover(found, p.text_document_position_params.position);
        serde_json::to_value(hover).map_err(|e| e.to_string())
    }

    fn symbols(&self, params: Value) -> Result<Value, String> {
        let (open, _) = self.document(&params)?;
        let Some(format) = open.format else {
            return Ok(Value::Array(Vec::new()));
        };
        let symbols = match &open.checked {
            Some(done) if done.version == open.version => done.symbols.clone(),
            _ => check::symbols(
                &Document::parse((*open.source).clone(), format),
                self.encoding,
            ),
        };
        serde_json::to_value(symbols).map_err(|e| e.to_string())
    }
}

/// The `textDocument` a request or notification names.
fn text_document(params: &Value) -> Result<Uri, String> {
    let value = params
        .get("textDocument")
        .cloned()
        .ok_or_else(|| "参数中没有 textDocument".to_owned())?;
    let id: TextDocumentIdentifier = self::params(value)?;
    Ok(id.uri)
}

/// A document's text after the client's changes, each applied to the text
/// the one before left: a range replaced (its positions counted in the
/// negotiated encoding), or the whole text.
pub fn apply(
    source: &SourceFile,
    changes: Vec<TextDocumentContentChangeEvent>,
    encoding: Encoding,
) -> SourceFile {
    let mut current = source.clone();
    for change in changes {
        let text = match change.range {
            None => change.text,
            Some(range) => {
                let a = position::offset(&current, range.start, encoding);
                let b = position::offset(&current, range.end, encoding);
                let (start, end) = (a.min(b), a.max(b));
                let old = current.text();
                let mut text = String::with_capacity(old.len() + change.text.len());
                text.push_str(&old[..start]);
                text.push_str(&change.text);
                text.push_str(&old[end..]);
                text
            }
        };
        current = SourceFile::new(current.name().to_owned(), text);
    }
    current
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    fn change(range: (u32, u32, u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(range.0, range.1),
                Position::new(range.2, range.3),
            )),
            range_length: None,
            text: text.to_owned(),
        }
    }

    #[test]
    fn edits_land_where_the_client_counts_them() {
        let source = SourceFile::new("a.md", "甲𠀀乙\r\n丙丁");
        // UTF-16: 𠀀 is two units, so 乙 starts at 3.
        let after = apply(&source, vec![change((0, 3, 0, 4), "戊")], Encoding::Utf16);
        assert_eq!(after.text(), "甲𠀀戊\r\n丙丁");
        // UTF-8: 乙 starts at byte 7; two changes in a row.
        let after = apply(
            &source,
            vec![change((0, 7, 0, 10), "己"), change((1, 3, 1, 6), "")],
            Encoding::Utf8,
        );
        assert_eq!(after.text(), "甲𠀀己\r\n丙");
        // Across the line break.
        let after = apply(&source, vec![change((0, 3, 1, 1), "")], Encoding::Utf16);
        assert_eq!(after.text(), "甲𠀀丁");
    }
}
