//! Reading a report's bytes from disk or standard input, refusing what
//! must not be read (a folder, a device, a file over the size cap, a kind
//! of file fzlint does not read) with a message that names the file. What
//! the bytes say is the engine's business.

use std::io::{self, Read};
use std::path::Path;

use fzlint_core::document::{self, Document, Format};
use fzlint_core::engine::Input;
use fzlint_core::error::InputError;
use fzlint_core::text::decode::Encoding;

use crate::write::Fingerprint;

/// How reports are read.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions {
    /// Decode text files (and web pages) with this encoding instead of
    /// detecting it (`--encoding`).
    pub encoding: Option<&'static Encoding>,
    /// Files larger than this many bytes are refused (`--max-file-size`).
    pub max_bytes: u64,
}

/// The default size cap: a year's report is tens of kilobytes, a Word
/// document with pictures a few megabytes.
pub const DEFAULT_MAX_BYTES: u64 = 50 << 20;

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            encoding: None,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// A report read from disk (or standard input), ready for the engine.
#[derive(Debug)]
pub struct ReadFile {
    /// The name it is reported under: the path as given, or `<stdin>`.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// How to read them: by the extension; standard input is plain text.
    pub format: Format,
    /// The encoding the user named.
    pub encoding: Option<&'static Encoding>,
}

impl ReadFile {
    /// The engine's input.
    pub fn input(&self) -> Input<'_> {
        Input::new(&self.name, &self.bytes)
            .with_format(self.format)
            .with_encoding(self.encoding)
    }
}

/// Reads a report's bytes: `-` is standard input (always plain text); a
/// kind of file fzlint does not read is refused before its bytes are read.
pub fn read_file(path: &Path, options: &ReadOptions) -> Result<ReadFile, InputError> {
    if path.as_os_str() == "-" {
        return Ok(ReadFile {
            name: STDIN_NAME.to_owned(),
            bytes: read_stdin_bytes(options.max_bytes)?,
            format: Format::Text,
            encoding: options.encoding,
        });
    }
    let name = path.display().to_string();
    if let Some(refused) = document::unsupported(&name) {
        return Err(refused);
    }
    Ok(ReadFile {
        bytes: read_bytes(path, options.max_bytes)?,
        format: Format::from_path(path),
        encoding: options.encoding,
        name,
    })
}

/// Reads a report into a document without checking it (`fzlint outline`):
/// the reading the engine does first.
pub fn read_document(path: &Path, options: &ReadOptions) -> Result<Document, InputError> {
    let file = read_file(path, options)?;
    Document::read(&file.name, &file.bytes, file.format, file.encoding)
}

/// The name standard input is reported under.
pub const STDIN_NAME: &str = "<stdin>";

/// Reads a file's bytes, at most `max_bytes` of them. The error names the
/// file and says what to do. Only plain files (or links to them) are read:
/// a named pipe or a device could block for ever or never end.
pub fn read_bytes(path: &Path, max_bytes: u64) -> Result<Vec<u8>, InputError> {
    let (file, name) = open_plain(path, max_bytes)?;
    read_capped(file, max_bytes, &name)
}

/// [`read_bytes`], with the file's fingerprint as it was read: what `check
/// --fix` reads before rewriting a report, to replace it only if it is
/// still what was read ([`crate::write::replace_if_unchanged`]).
pub fn read_bytes_fingerprinted(
    path: &Path,
    max_bytes: u64,
) -> Result<(Vec<u8>, Fingerprint), InputError> {
    let (file, name) = open_plain(path, max_bytes)?;
    // The open file's size and time, taken before reading: a change while
    // it is read makes them differ from the file's at the rename.
    let metadata = file.metadata().map_err(|err| InputError::Io {
        path: name.clone(),
        reason: describe_io_error(&err),
    })?;
    let bytes = read_capped(file, max_bytes, &name)?;
    let fingerprint = Fingerprint::new(&metadata, &bytes);
    Ok((bytes, fingerprint))
}

/// Opens a plain file (or a link to one) of at most `max_bytes`, and its
/// name for messages.
fn open_plain(path: &Path, max_bytes: u64) -> Result<(std::fs::File, String), InputError> {
    let name = path.display().to_string();
    let io_error = |err: io::Error| InputError::Io {
        path: name.clone(),
        reason: describe_io_error(&err),
    };
    let metadata = std::fs::metadata(path).map_err(io_error)?;
    if metadata.is_dir() {
        return Err(InputError::Directory { path: name });
    }
    if !metadata.is_file() {
        return Err(InputError::NotAFile { path: name });
    }
    if metadata.len() > max_bytes {
        return Err(InputError::TooLarge {
            path: name,
            size: metadata.len(),
            limit: max_bytes,
        });
    }
    let file = std::fs::File::open(path).map_err(io_error)?;
    Ok((file, name))
}

/// The largest rule file, config, baseline or manifest fzlint reads: far
/// more than any needs (they run to hundreds of kilobytes), far less than
/// would hurt.
pub const SETTINGS_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a file that tells fzlint what to do (a rule file, a config, a
/// baseline, a manifest; `what` names it: "配置文件") with the checks a
/// report gets: only a plain file (a named pipe or `/dev/zero` could block
/// or never end), at most [`SETTINGS_MAX_BYTES`]. The error says why, in
/// the words of the callers' messages, without the path (they add it).
pub fn read_setting_bytes(path: &Path, what: &str) -> Result<Vec<u8>, String> {
    read_bytes(path, SETTINGS_MAX_BYTES).map_err(|error| match error {
        InputError::Directory { .. } => format!("这是一个目录，不是{what}"),
        InputError::NotAFile { .. } => {
            format!("{what}不是普通文件（命名管道、设备或套接字），不读取")
        }
        InputError::TooLarge { size, limit, .. } => format!(
            "{what}有 {size} 字节，超过了 {limit} 字节的上限（规则文件、配置、基线和清单通常不过几百 KB）"
        ),
        InputError::Io { reason, .. } => format!("无法读取{what}：{reason}"),
        other => format!("无法读取{what}：{other}"),
    })
}

/// [`read_setting_bytes`] as UTF-8 text.
pub fn read_setting_text(path: &Path, what: &str) -> Result<String, String> {
    String::from_utf8(read_setting_bytes(path, what)?)
        .map_err(|_| format!("{what}不是有效的 UTF-8 文本；请另存为 UTF-8"))
}

/// Reads at most `max_bytes` (a file may grow while it is read).
fn read_capped(reader: impl Read, max_bytes: u64, name: &str) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|err| InputError::Io {
            path: name.to_owned(),
            reason: describe_io_error(&err),
        })?;
    if bytes.len() as u64 > max_bytes {
        return Err(InputError::TooLarge {
            path: name.to_owned(),
            size: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    Ok(bytes)
}

/// Reads standard input's bytes, at most `max_bytes` of them.
pub fn read_stdin_bytes(max_bytes: u64) -> Result<Vec<u8>, InputError> {
    read_capped(io::stdin().lock(), max_bytes, STDIN_NAME)
}

fn describe_io_error(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "文件不存在".to_owned(),
        io::ErrorKind::PermissionDenied => "没有读取权限".to_owned(),
        _ => err.to_string(),
    }
}
