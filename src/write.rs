//! Writing files without losing data: every file fzlint writes (`check
//! --fix`, `--format json=PATH`, `audit -o`, `baseline`, `annotate`, `init`)
//! goes through [`AtomicFile`], which writes a temporary file beside the
//! target and renames it over the target, so that a reader never sees half
//! a file and a failure leaves the old file as it was.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes a file atomically (see [`AtomicFile`]).
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    write(&mut file).map_err(|e| file.error(e))?;
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
#[derive(Debug)]
pub struct AtomicFile {
    /// The path as given, for messages.
    path: PathBuf,
    /// The file replaced: the path, or the file a link at it names.
    target: PathBuf,
    /// The temporary file, or `None` when writing in place.
    temp: Option<PathBuf>,
    writer: io::BufWriter<std::fs::File>,
}

impl AtomicFile {
    /// Starts writing `path`; nothing is replaced until [`commit`].
    ///
    /// [`commit`]: AtomicFile::commit
    pub fn create(path: &Path) -> io::Result<AtomicFile> {
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
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .truncate(true)
                    .open(path)
                    .map_err(fail)?;
                return Ok(AtomicFile {
                    path: path.to_path_buf(),
                    target,
                    temp: None,
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
    /// file over the target.
    pub fn commit(mut self) -> io::Result<()> {
        let result = (|| {
            self.writer.flush()?;
            if let Some(temp) = &self.temp {
                self.writer.get_ref().sync_all()?;
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
