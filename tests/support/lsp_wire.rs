//! The Language Server Protocol's framing over a byte stream, as a client
//! speaks it to `fzlint lsp`: for the protocol tests and the speed example.

#![allow(dead_code, clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};

use serde_json::Value;

/// Starts `BINARY lsp` in `dir`: the process, its input, and every message
/// it writes, read on a thread of their own.
pub fn spawn(binary: &Path, dir: &Path) -> (Child, ChildStdin, Receiver<Value>) {
    let mut child = Command::new(binary)
        .arg("lsp")
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, messages) = channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        while let Some(message) = read_message(&mut reader) {
            if tx.send(message).is_err() {
                break;
            }
        }
    });
    (child, stdin, messages)
}

/// The next message (`Content-Length: N`, a blank line, N bytes of JSON);
/// `None` at the end of the stream or on a frame that is not JSON.
pub fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// Writes one frame with `body` as it is (valid JSON or not).
pub fn write_frame(out: &mut impl Write, body: &[u8]) {
    write!(out, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
    out.write_all(body).unwrap();
    out.flush().unwrap();
}

/// Writes one message.
pub fn write_message(out: &mut impl Write, message: &Value) {
    write_frame(out, message.to_string().as_bytes());
}
