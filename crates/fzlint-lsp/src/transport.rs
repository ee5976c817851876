//! The connection over standard input and output. `lsp_server`'s own stops
//! reading at the first message it cannot parse, which ends the server;
//! here a message that is not JSON-RPC (bad JSON, bytes that are not
//! UTF-8, a field of the wrong type) is passed over and reported to the
//! server loop, which answers it with an error when it has an id: the
//! client's next message is read as usual.

use std::io::{self, BufRead, BufReader, Read};
use std::thread::JoinHandle;

use lsp_server::{Connection, Message, Notification, RequestId};
use serde_json::{Value, json};

/// The method of the notification that stands for a message that could
/// not be read (never sent by a client: `$/` is the protocol's own).
pub const BAD_MESSAGE: &str = "$/fzlint/badMessage";

/// The thread writing to standard output: joined once the connection is
/// dropped, so that every message sent is written.
#[derive(Debug)]
pub struct Writer(JoinHandle<io::Result<()>>);

impl Writer {
    /// Waits until every message is written.
    pub fn join(self) -> io::Result<()> {
        self.0
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("写出线程出错")))
    }
}

/// A connection over standard input and output.
pub fn stdio() -> io::Result<(Connection, Writer)> {
    let (writer_tx, writer_rx) = crossbeam_channel::unbounded::<Message>();
    let writer = std::thread::Builder::new()
        .name("fzlint-lsp-write".to_owned())
        .spawn(move || {
            let mut out = io::stdout().lock();
            for message in writer_rx {
                message.write(&mut out)?;
            }
            Ok(())
        })?;
    let (reader_tx, reader_rx) = crossbeam_channel::unbounded::<Message>();
    std::thread::Builder::new()
        .name("fzlint-lsp-read".to_owned())
        .spawn(move || {
            let mut input = BufReader::new(io::stdin().lock());
            while let Some(message) = read(&mut input) {
                let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if reader_tx.send(message).is_err() || exit {
                    break;
                }
            }
        })?;
    Ok((
        Connection {
            sender: writer_tx,
            receiver: reader_rx,
        },
        Writer(writer),
    ))
}

/// The next message; one that cannot be read becomes a [`BAD_MESSAGE`]
/// notification (with the request's id when it has one). `None` at the
/// end of the input.
pub fn read(input: &mut impl BufRead) -> Option<Message> {
    let mut length: Option<usize> = None;
    let mut header_error = None;
    let mut any = false;
    loop {
        let mut line = Vec::new();
        if input.read_until(b'\n', &mut line).ok()? == 0 {
            return None;
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if any {
                break;
            }
            // Blank lines between messages.
            continue;
        }
        any = true;
        match line.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("Content-Length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => header_error = Some(format!("Content-Length 无效：{line}")),
                }
            }
            Some(_) => {}
            None => header_error = Some(format!("消息头无效：{line}")),
        }
    }
    let Some(length) = length else {
        return Some(bad(
            None,
            header_error.unwrap_or_else(|| "消息头中没有 Content-Length".to_owned()),
        ));
    };
    let mut body = Vec::new();
    input.take(length as u64).read_to_end(&mut body).ok()?;
    if body.len() < length {
        return None;
    }
    match serde_json::from_slice::<Message>(&body) {
        Ok(message) => Some(message),
        Err(error) => {
            let id = serde_json::from_slice::<Value>(&body)
                .ok()
                .and_then(|v| v.get("id").cloned())
                .and_then(|id| serde_json::from_value::<RequestId>(id).ok());
            Some(bad(id, format!("无法读取的 JSON-RPC 消息：{error}")))
        }
    }
}

fn bad(id: Option<RequestId>, reason: String) -> Message {
    Message::Notification(Notification::new(
        BAD_MESSAGE.to_owned(),
        json!({ "id": id, "reason": reason }),
    ))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_bad_message_is_passed_over_and_the_next_one_read() {
        let mut input: Vec<u8> = Vec::new();
        let mut frame = |body: &[u8]| {
            input.extend(format!("Content-Length: {}\r\n\r\n", body.len()).bytes());
            input.extend(body);
        };
        frame(b"{not json");
        frame(b"{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":5}");
        frame(b"{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"\xff\xfe\"}");
        frame(b"{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
        let mut reader = io::Cursor::new(input);
        let mut methods = Vec::new();
        while let Some(Message::Notification(n)) = read(&mut reader) {
            methods.push((n.method, n.params["id"].clone()));
        }
        assert_eq!(
            methods,
            [
                (BAD_MESSAGE.to_owned(), Value::Null),
                (BAD_MESSAGE.to_owned(), json!(7)),
                (BAD_MESSAGE.to_owned(), Value::Null),
                ("initialized".to_owned(), Value::Null),
            ]
        );
    }
}
