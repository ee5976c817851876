//! The config's globs, compiled: file globs (`include`, `exclude`, an
//! override's `files`) and rule globs (`disable`, `enable`, `severity`).
//!
//! Every glob goes through globset's fallible API: a glob that is valid but
//! too big to compile (`{a,{a,{a,…}}}`) is an error pointing at the value,
//! like a malformed one, never a panic.

use fzlint_core::engine::RuleSet;
use fzlint_core::error::RuleError;
use fzlint_core::yaml::{self, Spanned, YamlSource};
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};

/// Compiles file globs into one set. A glob without `/` matches at any
/// depth; `*` does not cross `/`, `**` does. A glob that does not compile
/// is an error at its value and is left out of the set.
pub fn file_globs(
    source: &YamlSource,
    globs: &[Spanned<String>],
    errors: &mut Vec<RuleError>,
) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    let mut first = None;
    for glob in globs {
        let pattern = if glob.value.contains('/') {
            glob.value.trim_start_matches("./").to_owned()
        } else {
            format!("**/{}", glob.value)
        };
        let compiled = GlobBuilder::new(&pattern)
            .literal_separator(true)
            .build()
            .map_err(|e| e.kind().to_string())
            .and_then(|compiled| {
                // Compiled alone first, so that one too big to match with
                // is blamed on its own value.
                GlobSetBuilder::new()
                    .add(compiled.clone())
                    .build()
                    .map(|_| compiled)
                    .map_err(|_| too_big())
            });
        match compiled {
            Ok(compiled) => {
                first.get_or_insert(glob);
                builder.add(compiled);
            }
            Err(reason) => errors.push(yaml::error_at(
                source,
                &glob.at,
                format!("文件 glob `{}` 无效：{reason}", glob.value),
            )),
        }
    }
    builder.build().unwrap_or_else(|_| {
        // Each compiled alone; together they are too big.
        if let Some(glob) = first {
            errors.push(yaml::error_at(
                source,
                &glob.at,
                format!("这一组文件 glob 合起来{}", too_big()),
            ));
        }
        GlobSet::empty()
    })
}

fn too_big() -> String {
    "过于复杂，无法编译（请拆成几个简单的 glob）".to_owned()
}

/// A matcher for a rule id or id glob that names at least one rule, or an
/// error at the value.
pub fn rule_matcher(
    source: &YamlSource,
    pattern: &Spanned<String>,
    rules: &RuleSet,
    errors: &mut Vec<RuleError>,
) -> Option<GlobSet> {
    let compiled = Glob::new(&pattern.value)
        .map_err(|e| e.kind().to_string())
        .and_then(|glob| {
            GlobSetBuilder::new()
                .add(glob)
                .build()
                .map_err(|_| too_big())
        });
    let matcher = match compiled {
        Ok(matcher) => matcher,
        Err(reason) => {
            errors.push(yaml::error_at(
                source,
                &pattern.at,
                format!("规则 glob `{}` 无效：{reason}", pattern.value),
            ));
            return None;
        }
    };
    if !rules.rules().iter().any(|r| matcher.is_match(&r.id)) {
        let what = if pattern.value.contains(['*', '?', '[', '{']) {
            format!("没有与 `{}` 匹配的规则", pattern.value)
        } else {
            let close = rules.similar_ids(&pattern.value);
            if close.is_empty() {
                format!("没有 id 为 `{}` 的规则", pattern.value)
            } else {
                format!(
                    "没有 id 为 `{}` 的规则；是不是 `{}`？",
                    pattern.value,
                    close.join("`、`")
                )
            }
        };
        errors.push(yaml::error_at(source, &pattern.at, what));
        return None;
    }
    Some(matcher)
}
