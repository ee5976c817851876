//! Two things about the default rule pack, `rules/fazhi/` at the repository
//! root, which this crate embeds:
//! - cargo rebuilds when its files change (`include_dir!` does not tell
//!   cargo about new files);
//! - each rule file is converted to JSON here, once, and embedded too:
//!   parsing the JSON at run time is about ten times faster than parsing
//!   the YAML, which was most of loading the pack (one report's latency).
//!   The YAML stays the source and what errors and `rules test` show; a
//!   file that does not parse here is left to the loader, which reports it
//!   as for any rule file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn rule_files(dir: &Path, relative: &str, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let relative = if relative.is_empty() {
            name.clone()
        } else {
            format!("{relative}/{name}")
        };
        if path.is_dir() {
            // The pack's annotated fixture reports are not rule files.
            if relative != "tests" {
                rule_files(&path, &relative, out);
            }
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            out.push((relative, path));
        }
    }
}

/// The pack, relative to this crate's folder.
const PACK_DIR: &str = "../../rules/fazhi";

fn main() {
    println!("cargo:rerun-if-changed={PACK_DIR}");
    let Some(out_dir) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        panic!("cargo sets OUT_DIR for build scripts");
    };
    let mut files = Vec::new();
    rule_files(Path::new(PACK_DIR), "", &mut files);
    files.sort();
    let mut table = String::from(
        "/// The embedded pack's rule files as JSON (see build.rs), by path\n\
         /// inside `rules/fazhi/`.\n\
         static PACK_JSON: &[(&str, &str)] = &[\n",
    );
    for (relative, path) in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let converted = std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|text| {
                serde_saphyr::from_str::<serde_json::Value>(&text).map_err(|e| e.to_string())
            })
            .and_then(|value| serde_json::to_string(&value).map_err(|e| e.to_string()));
        match converted {
            Ok(json) => {
                let target = out_dir.join(format!("pack-{}.json", relative.replace('/', "-")));
                if let Err(e) = std::fs::write(&target, json) {
                    panic!("cannot write {}: {e}", target.display());
                }
                let _ = writeln!(
                    table,
                    "    ({relative:?}, include_str!({:?})),",
                    target.display().to_string()
                );
            }
            Err(e) => println!("cargo:warning=rules/fazhi/{relative} is not converted: {e}"),
        }
    }
    table.push_str("];\n");
    let target = out_dir.join("pack_json.rs");
    if let Err(e) = std::fs::write(&target, table) {
        panic!("cannot write {}: {e}", target.display());
    }
}
