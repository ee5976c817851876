//! Reading the audit's manifest file (`fzlint audit --manifest FILE`); the
//! engine parses it (`fzlint_core::audit::manifest`), paths relative to the
//! file's folder.

use std::path::Path;

pub use fzlint_core::audit::manifest::{Entry, ManifestCsv as Manifest, ManifestError, normalise};

/// Reads a manifest file. Every problem is reported, not just the first.
pub fn read(path: &Path) -> Result<Manifest, Vec<ManifestError>> {
    let name = path.display().to_string();
    let bytes = crate::read::read_setting_bytes(path, "清单文件").map_err(|message| {
        vec![ManifestError {
            path: name.clone(),
            line: None,
            column: None,
            message,
        }]
    })?;
    Manifest::parse(&name, &bytes, path.parent().unwrap_or(Path::new("")))
}
