//! Any bytes as a `.fzlint.yaml`: loading may fail with errors pointing at
//! the offending value, which must render; a config that loads must resolve
//! its rule selection against the embedded pack (unknown ids, globs,
//! severities are errors, not panics) and answer which files a walk takes and
//! which rules run on them.
//!
//! `Config::load` takes a path, so the input is written to a file in a
//! folder (in memory, under /dev/shm when it exists) created once per
//! process. The rule packs and baseline the config names are not read.

#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use fzlint::config::Config;
use fzlint::output::termcolor::NoColor;
use fzlint_fuzz::embedded_engine;
use libfuzzer_sys::fuzz_target;

fn config_path() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let base = if Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        let dir = base.join(format!("fzlint-fuzz-config-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("reports/county")).expect("a scratch folder");
        dir.join(".fzlint.yaml")
    })
}

fuzz_target!(|data: &[u8]| {
    let path = config_path();
    std::fs::write(path, data).expect("writing the config");
    let rules = embedded_engine().rules();
    let errors = match Config::load(path) {
        Ok(config) => {
            let root = path.parent().expect("the scratch folder");
            for file in [
                "reports/a.txt",
                "reports/county/b.md",
                "drafts/c.docx",
                "报告/区县/d.html",
                "e.TXT",
                "reports/f.pdf",
            ] {
                let _ = config.takes(&root.join(file));
            }
            match config.selector(rules) {
                Ok(selector) => {
                    for file in ["reports/a.txt", "reports/county/b.md", "报告/d.html"] {
                        let selection = selector.for_file(rules, file);
                        for index in 0..rules.rules().len() {
                            let _ = (selection.enabled(index), selection.severity(index));
                        }
                    }
                    return;
                }
                Err(errors) => errors,
            }
        }
        Err(errors) => errors,
    };
    let mut out = NoColor::new(Vec::new());
    for error in &errors.0 {
        fzlint::output::human::write_rule_error(&mut out, error).expect("writing to memory");
    }
});
