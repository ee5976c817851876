//! `fzlint lsp`: the language server (`crates/fzlint-lsp`) over standard
//! input and output, with the rules loaded as `fzlint check` loads them:
//! the config found for each document, the default pack unless the config
//! leaves it out, and the packs the config names.

use std::io;
use std::path::{Path, PathBuf};

use clap::Args;
use fzlint::config::Config;
use fzlint::packs;
use fzlint::report::Linter;
use fzlint_core::engine::RuleSet;
use fzlint_core::error::RuleError;
use fzlint_core::pack::RuleSource;
use fzlint_lsp::{Loaded, Loader};

use super::{EXIT_CLEAN, EXIT_TROUBLE};

#[derive(Debug, Args)]
pub struct LspArgs {
    /// 经标准输入输出通信（默认，也是唯一的方式；接受这个选项是为了兼容总会传它的编辑器客户端）
    #[arg(long)]
    stdio: bool,
}

pub fn run(args: LspArgs) -> io::Result<u8> {
    let _ = args.stdio;
    match fzlint_lsp::serve_stdio(Box::new(CliLoader)) {
        Ok(true) => Ok(EXIT_CLEAN),
        // `exit` without `shutdown` first: the protocol's status 1.
        Ok(false) => Ok(super::EXIT_FINDINGS),
        Err(message) => {
            eprintln!("错误：语言服务器：{message}");
            Ok(EXIT_TROUBLE)
        }
    }
}

/// Loads the rules for a config as `fzlint check` does.
#[derive(Debug)]
struct CliLoader;

fn error(file: &Path, message: String) -> RuleError {
    RuleError {
        file: file.display().to_string(),
        location: None,
        message,
        note: None,
    }
}

impl Loader for CliLoader {
    fn load(&self, file: Option<&Path>) -> Loaded {
        let mut inputs: Vec<PathBuf> = file.map(Path::to_path_buf).into_iter().collect();
        let config = match file {
            None => Config::none(std::env::current_dir().unwrap_or_default()),
            Some(file) => match Config::load(file) {
                Ok(config) => config,
                Err(errors) => {
                    return Loaded {
                        engine: Err(errors.0),
                        inputs,
                    };
                }
            },
        };
        let mut sources: Vec<RuleSource> = Vec::new();
        if !config.settings.no_default_rules {
            sources.extend(packs::default_pack());
        }
        let mut errors = Vec::new();
        for dir in &config.rule_packs {
            inputs.push(dir.clone());
            match packs::read_pack(dir) {
                Ok(pack) => {
                    inputs.extend(pack.iter().map(|s| PathBuf::from(&s.name)));
                    sources.extend(pack);
                }
                Err(pack_errors) => errors.extend(pack_errors.0),
            }
        }
        if sources.is_empty() && errors.is_empty() {
            errors.push(error(
                file.unwrap_or(Path::new(".fzlint.yaml")),
                "没有加载任何规则：配置文件设了 no_default_rules，又没有用 rules 指定规则包"
                    .to_owned(),
            ));
        }
        let engine = if errors.is_empty() {
            RuleSet::load(&sources)
                .and_then(|rules| {
                    let selector = config.selector(&rules)?;
                    Ok(Linter::new(rules, selector, config).into_engine())
                })
                .map_err(|e| e.0)
        } else {
            Err(errors)
        };
        Loaded { engine, inputs }
    }
}
