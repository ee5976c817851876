//! The repository configuration as the command line finds and reads it:
//! `.fzlint.yaml` searched upward from the working directory (or given with
//! `--config`), read with the same checks as any setting file, and its
//! paths resolved against the folder that holds it. What the file means is
//! `fzlint-config`'s, shared with the browser page.

use std::path::{Component, Path, PathBuf};

use fzlint_core::engine::RuleSet;
use fzlint_core::error::{RuleError, RuleErrors};

pub use fzlint_config::{FILE_NAMES, FailLevel, STARTER, Selector, Settings, schema};

/// A loaded configuration. Rule selection still has to be resolved against
/// the rules ([`Config::selector`]).
#[derive(Debug)]
pub struct Config {
    /// The config file, if there is one.
    pub file: Option<PathBuf>,
    /// The folder paths in the config are relative to (the config's folder,
    /// else the working directory), absolute.
    pub root: PathBuf,
    /// Extra rule packs, resolved against `root`.
    pub rule_packs: Vec<PathBuf>,
    /// The baseline file, resolved against `root`.
    pub baseline: Option<PathBuf>,
    /// What the file says.
    pub settings: Settings,
}

impl Config {
    /// The configuration when there is no config file.
    pub fn none(root: PathBuf) -> Config {
        Config {
            file: None,
            root,
            rule_packs: Vec::new(),
            baseline: None,
            settings: Settings::none(),
        }
    }

    /// Loads a config file.
    pub fn load(path: &Path) -> Result<Config, RuleErrors> {
        let name = path.display().to_string();
        let bytes = crate::read::read_setting_bytes(path, "配置文件").map_err(|message| {
            RuleErrors(vec![RuleError {
                file: name.clone(),
                location: None,
                message,
                note: None,
            }])
        })?;
        let settings = Settings::from_bytes(&name, &bytes)?;
        let root = absolute(path.parent().unwrap_or(Path::new(".")));
        Ok(Config {
            file: Some(path.to_path_buf()),
            rule_packs: settings.packs.iter().map(|p| root.join(&p.value)).collect(),
            baseline: settings.baseline.as_ref().map(|b| root.join(&b.value)),
            root,
            settings,
        })
    }

    /// Finds the config file for `start`: the first of [`FILE_NAMES`] in it
    /// or one of its ancestors.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        absolute(start).ancestors().find_map(|dir| {
            FILE_NAMES
                .iter()
                .map(|name| dir.join(name))
                .find(|candidate| candidate.is_file())
        })
    }

    /// A path relative to the config's folder, with `/` separators, for
    /// matching file globs.
    pub fn relative(&self, path: &Path) -> String {
        relative_to(&self.root, path)
    }

    /// Resolves the rule selection against the loaded rules (see
    /// [`Settings::selector`]).
    pub fn selector(&self, rules: &RuleSet) -> Result<Selector, RuleErrors> {
        self.settings.selector(rules)
    }

    /// Whether a folder walk takes a file: to check it, or to name it as a
    /// report fzlint cannot read (see [`Settings::takes`]).
    pub fn takes(&self, path: &Path) -> bool {
        self.settings.takes(&self.relative(path))
    }

    /// Whether the config's `include` names a file (see
    /// [`Settings::names`]).
    pub fn names(&self, path: &Path) -> bool {
        self.settings.names(&self.relative(path))
    }
}

/// A path relative to `root` (where it lies under it), with `/` separators,
/// for matching file globs.
pub fn relative_to(root: &Path, path: &Path) -> String {
    let path = absolute(path);
    let relative = path.strip_prefix(root).unwrap_or(&path);
    relative.to_string_lossy().replace('\\', "/")
}

/// Makes a path absolute and removes `.` and `..` components lexically.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn paths_resolve_against_the_configs_folder() {
        let dir = std::env::temp_dir().join(format!("fzlint-config-test-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        let path = dir.join("sub/.fzlint.yaml");
        std::fs::write(
            &path,
            "rules: [../packs/province]\nbaseline: base.json\ninclude: ['reports/**']\nextensions: [md]\n",
        )
        .unwrap();
        let config = Config::load(&path).unwrap();
        let root = absolute(&dir.join("sub"));
        assert_eq!(config.root, root);
        assert_eq!(config.rule_packs, vec![root.join("../packs/province")]);
        assert_eq!(config.baseline, Some(root.join("base.json")));
        assert!(config.takes(&root.join("reports/a.md")));
        assert!(!config.takes(&root.join("other/a.md")));
        assert!(!config.takes(&root.join("reports/a.txt")));
        // A report fzlint cannot read is taken, to be named.
        assert!(config.takes(&root.join("reports/a.pdf")));
        assert!(!config.takes(&root.join("other/a.doc")));
        assert_eq!(
            Config::discover(&root.join("reports")),
            Some(root.join(".fzlint.yaml"))
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
