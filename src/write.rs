//! Writing files without losing data: every file fzlint writes (`check
//! --fix`, `--format json=PATH`, `audit -o`, `baseline`, `annotate`, `init`)
//! goes through [`AtomicFile`], which writes a temporary file beside the
//! target and renames it over the target, so that a reader never sees half
//! a file and a failure leaves the old file as it was. A report rewritten
//! by `--fix` is replaced only if it is still what was read
//! ([`replace_if_unchanged`]).

use std::hash::Hasher;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What a file was when it was read: its size and modification time from
/// the open file, and a hash of the bytes read. A file whose fingerprint
/// is no longer this one has been changed by someone else since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    modified: Option<SystemTime>,
    hash: u64,
}

impl Fingerprint {
    /// The fingerprint of `bytes`, read from a file whose metadata (taken
    /// before reading) is `metadata`.
    pub fn new(metadata: &std::fs::Metadata, bytes: &[u8]) -> Fingerprint {
        Fingerprint {
            len: metadata.len(),
            modified: metadata.modified().ok(),
            hash: hash(bytes),
        }
    }

    /// Whether the file at `path` (links followed) is still the one read:
    /// a plain file of the same size, modification time and content. A file
    /// that is gone or cannot be read any more is not.
    pub fn matches(&self, path: &Path) -> bool {
        let Ok(metadata) = std::fs::metadata(path) else {
            return false;
        };
        if !metadata.is_file()
            || metadata.len() != self.len
            || metadata.modified().ok() != self.modified
        {
            return false;
        }
        std::fs::read(path).is_ok_and(|bytes| hash(&bytes) == self.hash)
    }
}

/// A hash of a file's bytes, to tell whether they changed within one run
/// (not stored, so the algorithm may change between Rust versions).
fn hash(bytes: &[u8]) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// Writes a file atomically (see [`AtomicFile`]).
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    write(&mut file).map_err(|e| file.error(e))?;
    file.commit()
}

/// Replaces the file at `path` with `bytes`, atomically (see
/// [`AtomicFile`]), if it is still what was read (`expected`, checked just
/// before the rename). A file changed since is left as it is, with an error
/// naming it: the other edit is kept, and the user runs fzlint again.
pub fn replace_if_unchanged(path: &Path, expected: &Fingerprint, bytes: &[u8]) -> io::Result<()> {
    let mut file = AtomicFile::replacing(path, expected.clone())?;
    file.write_all(bytes)?;
    file.commit()
}

/// A file written atomically: a temporary file in the target's folder,
/// synced, then renamed over the target, so a reader never sees half a
/// file and a failure (or a file never committed) leaves the old one
/// untouched.
///
/// - A symbolic link is resolved and the file it names is replaced; the
///   link stays a link.
/// - A replaced file keeps its permissions and (on Unix) its owner and
///   group; a read-only file is refused (renaming over it would succeed
///   anyway, and as root so would writing into it).
/// - A target that exists and is not a plain file — `/dev/null`,
///   `/dev/stdout`, a named pipe, or a link to one — is written in place
///   instead: renaming over it would replace the device with a file.
/// - Made by [`AtomicFile::replacing`], the target is replaced only if it
///   is still what was read. (The check is made just before the rename; an
///   edit in the moment between the two is still lost: rename has no
///   "only if unchanged".)
#[derive(Debug)]
pub struct AtomicFile {
    /// The path as given, for messages.
    path: PathBuf,
    /// The file replaced: the path, or the file a link at it names.
    target: PathBuf,
    /// The temporary file, or `None` when writing in place.
    temp: Option<PathBuf>,
    /// What the target must still be when it is replaced.
    expected: Option<Fingerprint>,
    writer: io::BufWriter<std::fs::File>,
}

impl AtomicFile {
    /// Starts writing `path`; nothing is replaced until [`commit`].
    ///
    /// [`commit`]: AtomicFile::commit
    pub fn create(path: &Path) -> io::Result<AtomicFile> {
        AtomicFile::open(path, None)
    }

    /// Starts replacing `path`, a plain file read earlier, whose
    /// fingerprint then was `expected`; [`commit`] replaces it only if it
    /// still is.
    ///
    /// [`commit`]: AtomicFile::commit
    pub fn replacing(path: &Path, expected: Fingerprint) -> io::Result<AtomicFile> {
        AtomicFile::open(path, Some(expected))
    }

    fn open(path: &Path, expected: Option<Fingerprint>) -> io::Result<AtomicFile> {
        let prefix = format!("无法写入 {}：", path.display());
        let fail = |e: io::Error| io::Error::new(e.kind(), format!("{prefix}{e}"));
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        // The file the bytes go to: replacing the link itself would turn it
        // into a copy.
        let target = if is_link {
            std::fs::canonicalize(path).map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!("{prefix}符号链接指向的文件不存在或无法访问（{e}），未写入"),
                )
            })?
        } else {
            path.to_path_buf()
        };
        // Named in messages about the file itself when it is not the path.
        let target_shown = if is_link {
            format!("链接指向的文件 {} ", target.display())
        } else {
            "文件".to_owned()
        };
        let existing = std::fs::metadata(&target).ok();
        if let Some(metadata) = &existing {
            // A read-only file is the user's "do not change".
            if metadata.is_file() && metadata.permissions().readonly() {
                return Err(io::Error::new(
                    io::ErrorKind::PermissionDenied,
                    format!("{prefix}{target_shown}是只读的，未修改"),
                ));
            }
            if !metadata.is_file() {
                if expected.is_some() {
                    // Read as a plain file, now something else.
                    return Err(changed(path));
                }
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .truncate(true)
                    .open(path)
                    .map_err(fail)?;
                return Ok(AtomicFile {
                    path: path.to_path_buf(),
                    target,
                    temp: None,
                    expected,
                    writer: io::BufWriter::new(file),
                });
            }
        }
        let dir = match target.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target
            .file_name()
            .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
        std::fs::create_dir_all(&dir).map_err(fail)?;
        let (temp, file) = create_temp(&dir, &name).map_err(|e| {
            if matches!(
                e.kind(),
                io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
            ) {
                let folder = std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
                io::Error::new(
                    e.kind(),
                    format!(
                        "{prefix}fzlint 先在同一文件夹写一个临时文件，再用它替换{}，所以文件夹 {} 须可写；它不可写（{e}），未修改",
                        if is_link { "链接指向的文件" } else { "原文件" },
                        folder.display()
                    ),
                )
            } else {
                fail(e)
            }
        })?;
        // From here on, dropping `file` removes the temporary file.
        let file = AtomicFile {
            path: path.to_path_buf(),
            target,
            temp: Some(temp),
            expected,
            writer: io::BufWriter::new(file),
        };
        if let Some(metadata) = &existing {
            #[cfg(unix)]
            keep_owner(file.writer.get_ref(), metadata).map_err(|e| {
                use std::os::unix::fs::MetadataExt;
                io::Error::new(
                    e.kind(),
                    format!(
                        "{prefix}无法保留{target_shown}的所有者（用户 {}、组 {}）：{e}；未修改，请以文件所有者的身份运行",
                        metadata.uid(),
                        metadata.gid()
                    ),
                )
            })?;
            // After the owner: changing the owner clears set-user-ID bits.
            file.writer
                .get_ref()
                .set_permissions(metadata.permissions())
                .map_err(fail)?;
        }
        Ok(file)
    }

    /// The error, naming the file (once: an error already naming it is
    /// passed on as it is).
    pub fn error(&self, e: io::Error) -> io::Error {
        let prefix = format!("无法写入 {}：", self.path.display());
        if e.to_string().starts_with(&prefix) {
            return e;
        }
        io::Error::new(e.kind(), format!("{prefix}{e}"))
    }

    /// Flushes, syncs and puts the file in place: renames the temporary
    /// file over the target, if the target is still what was read.
    pub fn commit(mut self) -> io::Result<()> {
        let result = (|| {
            self.writer.flush()?;
            if let Some(temp) = &self.temp {
                self.writer.get_ref().sync_all()?;
                if let Some(expected) = &self.expected
                    && !expected.matches(&self.target)
                {
                    return Err(changed(&self.path));
                }
                std::fs::rename(temp, &self.target)?;
            }
            Ok(())
        })();
        if result.is_ok() {
            self.temp = None;
        }
        result.map_err(|e| self.error(e))
    }
}

/// The error for a file changed since it was read.
fn changed(path: &Path) -> io::Error {
    io::Error::other(format!(
        "无法写入 {}：读取后文件已被修改，未写入修改；请重新运行",
        path.display()
    ))
}

/// Creates a new temporary file `.NAME.fzlint-PID-N.tmp` in `dir`: never an
/// existing file or a link someone left there.
fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, std::fs::File)> {
    let pid = std::process::id();
    let mut attempt = 0;
    loop {
        let temp = dir.join(format!(".{name}.fzlint-{pid}-{attempt}.tmp"));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
        {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e),
        }
    }
}

/// Gives the temporary file the owner and group of the file it replaces.
///
/// Only what differs is changed. When that fails — fzlint runs as a user
/// who may write the file (its group's, or everyone's) but does not own it,
/// or the file's group is not one of the user's — the file is not replaced:
/// replacing it would hand it to whoever ran fzlint, and its owner could
/// lose access to their own report. Writing in place instead would keep the
/// owner but could leave half a file, which is worse.
#[cfg(unix)]
fn keep_owner(temp: &std::fs::File, original: &std::fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let ours = temp.metadata()?;
    let uid = (ours.uid() != original.uid()).then_some(original.uid());
    let gid = (ours.gid() != original.gid()).then_some(original.gid());
    if uid.is_none() && gid.is_none() {
        return Ok(());
    }
    std::os::unix::fs::fchown(temp, uid, gid)
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = self.writer.write(buf);
        result.map_err(|e| self.error(e))
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.writer.flush();
        result.map_err(|e| self.error(e))
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        // Not committed: the target keeps its old content.
        if let Some(temp) = &self.temp {
            let _ = std::fs::remove_file(temp);
        }
    }
}
