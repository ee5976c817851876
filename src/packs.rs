//! Where the command line's rule packs come from: the default pack compiled
//! into the binary (`fzlint-fazhi`), and folders or files given with
//! `--rules` or the config, read from disk. The engine takes both as text.

use std::path::Path;

use fzlint_core::error::{RuleError, RuleErrors};
use fzlint_core::pack::{RuleSource, TESTS_DIR};
use fzlint_core::pack_test::Fixture;

use crate::walk::{self, Filters};

/// The rule files of the default pack, in path order.
pub fn default_pack() -> Vec<RuleSource> {
    fzlint_fazhi::rule_files()
        .into_iter()
        .map(|file| RuleSource::embedded(file.name, file.text, file.json).in_pack(fzlint_fazhi::ID))
        .collect()
}

/// The annotated test reports of the default pack.
pub fn default_pack_tests() -> Vec<Fixture> {
    fzlint_fazhi::test_files()
        .into_iter()
        .map(|file| Fixture {
            name: file.name,
            text: file.text.to_owned(),
        })
        .collect()
}

fn is_rule_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

fn is_report_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md" | "markdown" | "txt")
    )
}

fn file_error(file: String, message: String) -> RuleError {
    RuleError {
        file,
        location: None,
        message,
        note: None,
    }
}

/// The id of the pack in a folder (its name: `packs/guangdong` is
/// `guangdong`) or of a single rule file (its name without the extension).
pub fn pack_id(path: &Path) -> String {
    let id = if path.is_dir() {
        path.file_name()
    } else {
        path.file_stem()
    };
    match id {
        Some(id) => id.to_string_lossy().into_owned(),
        None => path.display().to_string(),
    }
}

/// Reads a rule pack: a folder (searched recursively for `*.yaml`/`*.yml`,
/// in path order, leaving out its `tests/`) or a single rule file; its id
/// is [`pack_id`]. A file of the default pack, unchanged, is read with its
/// JSON copy.
pub fn read_pack(path: &Path) -> Result<Vec<RuleSource>, RuleErrors> {
    let name = path.display().to_string();
    let id = pack_id(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()));
    let metadata = std::fs::metadata(path).map_err(|e| {
        RuleErrors(vec![file_error(
            name.clone(),
            format!("无法读取规则包：{e}"),
        )])
    })?;
    let mut files = Vec::new();
    if metadata.is_dir() {
        let mut errors = Vec::new();
        files = walk::files(
            path,
            Filters::SkipFolder(TESTS_DIR),
            is_rule_file,
            |reason| {
                errors.push(file_error(
                    name.clone(),
                    format!("无法读取规则目录：{reason}"),
                ));
            },
        );
        if !errors.is_empty() {
            return Err(RuleErrors(errors));
        }
        if files.is_empty() {
            return Err(RuleErrors(vec![file_error(
                name,
                "规则目录中没有规则文件（*.yaml 或 *.yml）".to_owned(),
            )]));
        }
        files.sort();
    } else {
        files.push(path.to_path_buf());
    }
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for file in files {
        let name = file.display().to_string();
        match crate::read::read_setting_text(&file, "规则文件") {
            Ok(text) => {
                sources.push(with_embedded_json(RuleSource::new(name, text)).in_pack(&id));
            }
            Err(message) => errors.push(file_error(name, message)),
        }
    }
    if errors.is_empty() {
        Ok(sources)
    } else {
        Err(RuleErrors(errors))
    }
}

/// A file of the default pack read from disk (`--rules rules/fazhi`), if
/// unchanged, is read from the JSON copy compiled into the binary, as the
/// default pack is.
fn with_embedded_json(source: RuleSource) -> RuleSource {
    match fzlint_fazhi::file(&source.name) {
        Some(file) if file.text == &*source.text => {
            RuleSource::embedded(file.name, file.text, file.json)
        }
        _ => source,
    }
}

/// The annotated fixture reports in a pack folder's `tests/` (none for a
/// single rule file).
pub fn read_pack_tests(path: &Path) -> Result<Vec<Fixture>, RuleErrors> {
    let dir = path.join(TESTS_DIR);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut errors = Vec::new();
    let mut files = walk::files(&dir, Filters::None, is_report_file, |reason| {
        errors.push(file_error(
            dir.display().to_string(),
            format!("无法读取测试目录：{reason}"),
        ));
    });
    files.sort();
    let mut fixtures = Vec::new();
    for file in files {
        match crate::read::read_setting_text(&file, "测试文件") {
            Ok(text) => fixtures.push(Fixture {
                name: file.display().to_string(),
                text,
            }),
            Err(message) => errors.push(file_error(file.display().to_string(), message)),
        }
    }
    if errors.is_empty() {
        Ok(fixtures)
    } else {
        Err(RuleErrors(errors))
    }
}
