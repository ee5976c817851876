//! The rules in effect for a document: the config file found from the
//! document's folder upward (not above the workspace folder that holds
//! it), and the engine loaded for it — once per config, and again when the
//! config or one of its rule files changes on disk (its modification time
//! or length differ), so that an edit to `.fzlint.yaml` or to a rule takes
//! effect without restarting the server. Loading itself (reading the
//! config and the packs it names) is the program's: see [`Loader`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use fzlint_core::engine::Engine;
use fzlint_core::error::RuleError;

/// How the program around the server loads the rules for a config file:
/// the command line reads the config and the rule packs it names as
/// `fzlint check` does.
pub trait Loader: Send {
    /// The engine for reports under `config` (`None`: no config file, the
    /// default rules), or every error in the config and its rule files;
    /// with the files and folders it read, whose change means loading
    /// again.
    fn load(&self, config: Option<&Path>) -> Loaded;
}

/// What [`Loader::load`] gives.
#[derive(Debug)]
pub struct Loaded {
    /// The engine, or the errors that prevent it.
    pub engine: Result<Engine, Vec<RuleError>>,
    /// The config file, the packs' folders and their rule files.
    pub inputs: Vec<PathBuf>,
}

/// The config file for a document at `path`: the first of
/// [`fzlint_config::FILE_NAMES`] in its folder or one above it, up to the
/// deepest of `roots` (the workspace folders) that holds it; a document
/// outside every root is searched up to the file system's root, as the
/// command line does.
pub fn discover(path: &Path, roots: &[PathBuf]) -> Option<PathBuf> {
    let folder = path.parent()?;
    let ceiling = roots
        .iter()
        .filter(|root| folder.starts_with(root))
        .max_by_key(|root| root.as_os_str().len());
    for dir in folder.ancestors() {
        let found = fzlint_config::FILE_NAMES
            .iter()
            .map(|name| dir.join(name))
            .find(|candidate| candidate.is_file());
        if found.is_some() {
            return found;
        }
        if Some(dir) == ceiling.map(PathBuf::as_path) {
            break;
        }
    }
    None
}

/// What a file was like when it was read: its modification time and
/// length (`None`: it did not exist).
type Stamp = Option<(Option<SystemTime>, u64)>;

fn stamp(path: &Path) -> Stamp {
    std::fs::metadata(path)
        .ok()
        .map(|m| (m.modified().ok(), m.len()))
}

/// The rules for one config file.
#[derive(Debug)]
pub struct Profile {
    /// The engine, or the errors of the config or its rule files.
    pub engine: Result<Arc<Engine>, Arc<Vec<RuleError>>>,
    stamps: Vec<(PathBuf, Stamp)>,
}

impl Profile {
    fn is_current(&self) -> bool {
        self.stamps.iter().all(|(path, was)| stamp(path) == *was)
    }
}

/// The loaded profiles, by config file.
pub struct Profiles {
    loader: Box<dyn Loader>,
    cache: HashMap<Option<PathBuf>, Profile>,
}

impl std::fmt::Debug for Profiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Profiles")
            .field("configs", &self.cache.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl Profiles {
    /// No profile loaded yet.
    pub fn new(loader: Box<dyn Loader>) -> Profiles {
        Profiles {
            loader,
            cache: HashMap::new(),
        }
    }

    /// Forgets every profile (a watched file changed).
    pub fn clear(&mut self) {
        self.cache.clear();
    }

    /// The profile for a config file, loaded again if one of its inputs
    /// changed; and whether it was (re)loaded now.
    pub fn get(&mut self, config: Option<&Path>) -> (&Profile, bool) {
        use std::collections::hash_map::Entry;
        match self.cache.entry(config.map(Path::to_path_buf)) {
            Entry::Occupied(entry) if entry.get().is_current() => (entry.into_mut(), false),
            Entry::Occupied(mut entry) => {
                entry.insert(load(self.loader.as_ref(), config));
                (entry.into_mut(), true)
            }
            Entry::Vacant(entry) => (entry.insert(load(self.loader.as_ref(), config)), true),
        }
    }
}

fn load(loader: &dyn Loader, config: Option<&Path>) -> Profile {
    let loaded = loader.load(config);
    let stamps = loaded
        .inputs
        .into_iter()
        .map(|path| {
            let was = stamp(&path);
            (path, was)
        })
        .collect();
    Profile {
        engine: loaded.engine.map(Arc::new).map_err(Arc::new),
        stamps,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_config_is_found_upward_but_not_above_the_workspace() {
        let dir = std::env::temp_dir().join(format!("fzlint-lsp-discover-{}", std::process::id()));
        let workspace = dir.join("仓库");
        let folder = workspace.join("县/乡");
        std::fs::create_dir_all(&folder).unwrap();
        let report = folder.join("报告.md");
        std::fs::write(dir.join(".fzlint.yaml"), "disable: []\n").unwrap();
        // Outside every workspace folder: up to the root, as the CLI does.
        assert_eq!(discover(&report, &[]), Some(dir.join(".fzlint.yaml")));
        // Inside one: not above it.
        assert_eq!(discover(&report, std::slice::from_ref(&workspace)), None);
        std::fs::write(workspace.join(".fzlint.yml"), "disable: []\n").unwrap();
        assert_eq!(
            discover(&report, std::slice::from_ref(&workspace)),
            Some(workspace.join(".fzlint.yml"))
        );
        std::fs::write(folder.join(".fzlint.yaml"), "disable: []\n").unwrap();
        assert_eq!(
            discover(&report, &[workspace.clone(), folder.clone()]),
            Some(folder.join(".fzlint.yaml"))
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
