//! Finding the reports to check. A file given on the command line is always
//! checked; a directory is walked with the `ignore` crate — honouring
//! `.gitignore`, `.ignore` and `.fzlintignore`, skipping hidden files — and
//! yields, in path order, the files the config takes (`include`,
//! `exclude`): those with its extensions, to check, and those that may be
//! reports fzlint cannot read (`.doc`, `.wps`, `.pdf`, `.ofd`), which are
//! then named with what to do instead of being passed over.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use ignore::WalkBuilder;

use crate::config::{Config, absolute};
use fzlint_core::error::InputError;

/// The name of fzlint's own ignore file.
pub const IGNORE_FILE: &str = ".fzlintignore";

/// The files to check, in order, and the problems met on the way.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Files (or `-` for standard input), each once.
    pub paths: Vec<PathBuf>,
    /// Those of `paths` found by walking a folder (not named by the user):
    /// checked only if they read as reports, unless `--all`.
    pub found: HashSet<PathBuf>,
    /// Directories or entries that could not be read.
    pub errors: Vec<InputError>,
}

/// Expands the command line's paths (none means the current directory).
pub fn inputs(paths: &[PathBuf], config: &Config) -> Inputs {
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut inputs = Inputs::default();
    let mut seen = HashSet::new();
    let mut add = |inputs: &mut Inputs, path: PathBuf, found: bool| {
        let key = if path.as_os_str() == "-" {
            path.clone()
        } else {
            absolute(&path)
        };
        if seen.insert(key) {
            if found {
                inputs.found.insert(path.clone());
            }
            inputs.paths.push(path);
        }
    };
    for path in paths {
        if path.is_dir() {
            for found in walk(path, config, &mut inputs.errors) {
                add(&mut inputs, found, true);
            }
        } else {
            // Files, `-`, and paths that do not exist (reported when read).
            add(&mut inputs, path.clone(), false);
        }
    }
    inputs
}

fn walk(dir: &Path, config: &Config, errors: &mut Vec<InputError>) -> Vec<PathBuf> {
    let found = files(
        dir,
        Filters::Reports,
        |path| config.takes(path),
        |reason| {
            errors.push(InputError::Io {
                path: dir.display().to_string(),
                reason,
            });
        },
    );
    found.into_iter().map(tidy).collect()
}

/// Which files a walk leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filters<'a> {
    /// A folder of reports: what `.gitignore`, `.ignore` and
    /// `.fzlintignore` exclude, and hidden files.
    Reports,
    /// A rule pack: nothing but the folders of this name (a pack's
    /// `tests/`).
    SkipFolder(&'a str),
    /// Nothing.
    None,
}

/// The files under `dir` that `wanted` accepts, in path order; the one
/// folder walker of the command line (reports and rule packs). Entries
/// that cannot be read are handed to `error` and skipped.
pub fn files(
    dir: &Path,
    filters: Filters<'_>,
    mut wanted: impl FnMut(&Path) -> bool,
    mut error: impl FnMut(String),
) -> Vec<PathBuf> {
    let mut builder = WalkBuilder::new(dir);
    builder.sort_by_file_path(|a, b| a.cmp(b));
    match filters {
        Filters::Reports => {
            builder
                .add_custom_ignore_filename(IGNORE_FILE)
                .require_git(false);
        }
        Filters::SkipFolder(name) => {
            let name = name.to_owned();
            builder.standard_filters(false).filter_entry(move |entry| {
                !(entry.depth() > 0
                    && entry.file_type().is_some_and(|t| t.is_dir())
                    && entry.file_name() == name.as_str())
            });
        }
        Filters::None => {
            builder.standard_filters(false);
        }
    }
    let mut found = Vec::new();
    for entry in builder.build() {
        match entry {
            Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                if wanted(entry.path()) {
                    found.push(entry.into_path());
                }
            }
            Ok(_) => {}
            Err(err) => error(err.to_string()),
        }
    }
    found
}

/// `./reports/a.md` → `reports/a.md`.
fn tidy(path: PathBuf) -> PathBuf {
    match path.strip_prefix(".") {
        Ok(rest) if !rest.as_os_str().is_empty() => rest.to_path_buf(),
        _ => path,
    }
}
