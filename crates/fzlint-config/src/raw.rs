//! `.fzlint.yaml` as written: its keys, each value with where it stands in
//! the file, and the JSON Schema derived from them.

use std::collections::BTreeMap;
use std::fmt;

use fzlint_core::pack::SeverityName;
use fzlint_core::yaml::Spanned;
use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};

/// Fail-level names, for the schema.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
#[schemars(description = "从哪一级起检查失败：error（默认）、warning、info 或 never（从不）")]
enum FailLevelName {
    Error,
    Warning,
    Info,
    Never,
}

/// `rule id or glob → severity`, in file order, with positions.
#[derive(Debug, Default)]
pub struct SeverityMap(pub Vec<(Spanned<String>, Spanned<String>)>);

impl<'de> Deserialize<'de> for SeverityMap {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor;
        impl<'de> Visitor<'de> for MapVisitor {
            type Value = SeverityMap;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping from rule ids (or globs) to error, warning or info")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SeverityMap, A::Error> {
                let mut pairs = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    pairs.push((key, map.next_value()?));
                }
                Ok(SeverityMap(pairs))
            }
        }
        deserializer.deserialize_map(MapVisitor)
    }
}

/// `.fzlint.yaml` as written.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "fzlint 配置文件（.fzlint.yaml）",
    description = "fzlint 的配置：加载哪些规则包、对哪些文件运行哪些规则、严重程度、检查哪些文件、何时算检查失败"
)]
pub struct RawConfig {
    /// 额外加载的规则包目录或规则文件（相对于配置文件所在目录）
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub rules: Option<Vec<Spanned<String>>>,
    /// 不加载内置的默认规则包
    #[serde(default)]
    pub no_default_rules: Option<bool>,
    /// 停用的规则：规则 id 或 glob（如 `topic-*`）
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub disable: Option<Vec<Spanned<String>>>,
    /// 重新启用的规则（在 disable 之后生效）：规则 id 或 glob
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub enable: Option<Vec<Spanned<String>>>,
    /// 改变规则的严重程度：规则 id 或 glob → error、warning 或 info
    #[serde(default)]
    #[schemars(with = "Option<BTreeMap<String, SeverityName>>")]
    pub severity: Option<SeverityMap>,
    /// 从哪一级起检查失败（退出状态 1）：error（默认）、warning、info 或 never
    #[serde(default)]
    #[schemars(with = "Option<FailLevelName>")]
    pub fail_level: Option<Spanned<String>>,
    /// 遍历目录时只检查与这些 glob 匹配的文件（相对于配置文件所在目录）
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub include: Option<Vec<Spanned<String>>>,
    /// 遍历目录时跳过与这些 glob 匹配的文件
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub exclude: Option<Vec<Spanned<String>>>,
    /// 遍历目录时检查的文件扩展名（默认 md、markdown、txt、docx、html、htm）
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub extensions: Option<Vec<Spanned<String>>>,
    /// 基线文件（相对于配置文件所在目录）：只报告其中没有的问题
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub baseline: Option<Spanned<String>>,
    /// 对部分文件另行设置规则
    #[serde(default)]
    pub overrides: Option<Vec<RawOverride>>,
}

/// An `overrides:` block.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "对与 files 匹配的文件另行设置规则")]
pub struct RawOverride {
    /// 适用的文件：glob（相对于配置文件所在目录）
    #[schemars(with = "Vec<String>")]
    pub files: Spanned<Vec<Spanned<String>>>,
    /// 对这些文件停用的规则
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub disable: Option<Vec<Spanned<String>>>,
    /// 对这些文件重新启用的规则
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub enable: Option<Vec<Spanned<String>>>,
    /// 对这些文件改变的严重程度
    #[serde(default)]
    #[schemars(with = "Option<BTreeMap<String, SeverityName>>")]
    pub severity: Option<SeverityMap>,
}

/// The JSON Schema of `.fzlint.yaml`.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(RawConfig)
}
