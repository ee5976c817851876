//! The rule-file format as written in YAML, before validation. Every value a
//! validation error could point at is `Spanned`, so the error names its line
//! and column. All YAML handling stays behind [`crate::rules::load`].

use std::fmt;

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};

use crate::yaml::Spanned;

/// A rule file: a mapping with a `rules:` list, and optionally the pack's
/// version (`pack:`) and the documents its rules cite (`documents:`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "fzlint 规则文件",
    description = "规则文件：一个映射，其中 `rules:` 是规则的列表；规则包的一个文件还可写 `pack:`（版本和知识截止日期）和 `documents:`（规则引用的文件表）"
)]
pub struct RawFile {
    #[serde(default)]
    #[schemars(with = "Option<RawPack>")]
    pub pack: Option<Spanned<RawPack>>,
    #[serde(default)]
    #[schemars(with = "Vec<RawKnownDocument>")]
    pub documents: Vec<Spanned<RawKnownDocument>>,
    #[schemars(with = "Vec<RawRule>")]
    pub rules: Vec<Spanned<RawRule>>,
}

/// What a pack says about itself.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "规则包的版本，以及它的规则和文件表所依据的知识截至哪一天")]
pub struct RawPack {
    /// 规则包的版本，如 2026.12.0
    #[schemars(with = "String")]
    pub version: Spanned<String>,
    /// 知识截至日期（YYYY-MM-DD）：文件表和规则核对到这一天
    #[schemars(with = "String")]
    pub knowledge_as_of: Spanned<String>,
}

/// A document the pack's rules cite: a 纲要, a plan, a law, an opinion.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "规则引用的一份文件：标题、制发机关、文号、日期，以及它适用于哪些年度的报告"
)]
pub struct RawKnownDocument {
    /// 文件的 id（kebab-case），规则用它引用这份文件
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// 正式标题，不带书名号
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// 制发机关，如“中共中央、国务院”
    #[serde(default)]
    pub issuer: Option<String>,
    /// 文号，如“中发〔2021〕33号”
    #[serde(default)]
    pub number: Option<String>,
    /// 印发、公布或修订的日期，如“2021年8月”
    #[serde(default)]
    pub date: Option<String>,
    /// 施行日期，如“2024年1月1日起施行”
    #[serde(default)]
    pub in_force: Option<String>,
    /// 同一系列的文件（如纲要、普法规划）有同一个系列名，后一份接替前一份
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub series: Option<Spanned<String>>,
    /// 适用于哪些年度的报告：{from: 2021, to: 2025}；省略 to 即至今；整项省略时取标题中的年份区间
    #[serde(default)]
    #[schemars(with = "Option<RawYears>")]
    pub reports: Option<Spanned<RawYears>>,
    /// 不带年份的名称（正则，须匹配书名号内、年份括号前的全部文字），用来认出年份写错的引用
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub named: Option<Spanned<String>>,
    /// 关于这份文件的说明，如哪一项尚未核实
    #[serde(default)]
    pub note: Option<String>,
}

/// A range of report years.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "报告年度的范围：from 起，to 止（省略 to 即至今）")]
pub struct RawYears {
    #[schemars(with = "u32")]
    pub from: Spanned<u32>,
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub to: Option<Spanned<u32>>,
}

/// One rule, with the fields of every kind; which ones a kind needs is
/// checked after parsing (a flat struct keeps every span, which an internally
/// tagged enum would lose). Required fields are optional here so that a
/// missing one is reported at the rule that lacks it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "一条规则：id、标题、类型、严重程度、消息，以及该类型需要的字段")]
pub struct RawRule {
    /// 规则 id：小写字母、数字和连字符（kebab-case），在所有加载的规则包中唯一
    #[schemars(required, with = "String")]
    pub id: Option<Spanned<String>>,
    /// 一句话标题
    #[schemars(required, with = "String")]
    pub title: Option<Spanned<String>>,
    /// 规则类型：require、require-all、section、forbid、substitute 或 builtin
    #[schemars(required, with = "KindName")]
    pub kind: Option<Spanned<String>>,
    /// 严重程度：error（默认）、warning 或 info
    #[serde(default)]
    #[schemars(with = "Option<SeverityName>")]
    pub severity: Option<Spanned<String>>,
    /// 报告的消息；可用占位符 {match}、{missing}、{right}（视类型而定），{{ 和 }} 表示花括号
    #[schemars(required, with = "String")]
    pub message: Option<Spanned<String>>,
    /// 作者可照做的修改建议
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub help: Option<Spanned<String>>,
    /// 要求的法规或政策依据
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub basis: Option<Spanned<String>>,
    /// 依据中的文件（文件表的 id）：每条问题只列出适用于该报告年度的那些
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub cites: Option<Spanned<Vec<Spanned<String>>>>,
    /// 检查范围：document（默认）、headings、title，或 {sections: [模式…], include_heading: false}
    #[serde(default)]
    #[schemars(with = "Option<RawScope>")]
    pub scope: Option<Spanned<RawScope>>,
    /// 例子：pass 中的文本不应报告，fail 中的文本应报告（fzlint rules test 会运行）
    #[serde(default)]
    pub examples: Option<RawExamples>,
    /// 模式列表（任一出现即算）
    #[serde(default)]
    #[schemars(with = "Option<Vec<RawPattern>>")]
    pub patterns: Option<Spanned<Vec<Spanned<RawPattern>>>>,
    /// require：顺带也常出现的词（如“门户网站”之于权力监督）。它们出现也不报告缺失，但在审计中只出现一处、又不在标题里、也不是一句话的主语时，只算“部分”
    #[serde(default)]
    #[schemars(with = "Option<Vec<RawPattern>>")]
    pub weak_patterns: Option<Spanned<Vec<Spanned<RawPattern>>>>,
    /// require-all：各项 {name, patterns}，都须出现
    #[serde(default)]
    #[schemars(with = "Option<Vec<RawItem>>")]
    pub items: Option<Spanned<Vec<RawItem>>>,
    /// require-all：出现其中任一模式即视为各项都已具备（如合称）
    #[serde(default)]
    #[schemars(with = "Option<Vec<RawPattern>>")]
    pub satisfied_by: Option<Spanned<Vec<Spanned<RawPattern>>>>,
    /// require-all/section：部分满足时的严重程度
    #[serde(default)]
    #[schemars(with = "Option<SeverityName>")]
    pub partial_severity: Option<Spanned<String>>,
    /// section：标题所在层级的上限（1 即“一、”这一级）
    #[serde(default)]
    #[schemars(with = "Option<u8>")]
    pub max_level: Option<Spanned<u8>>,
    /// substitute：错误写法与正确写法 {wrong, right}
    #[serde(default)]
    #[schemars(with = "Option<Vec<RawReplacement>>")]
    pub replacements: Option<Spanned<Vec<RawReplacement>>>,
    /// forbid/substitute：落在这些模式之内的匹配不报告
    #[serde(default)]
    #[schemars(with = "Option<Vec<RawPattern>>")]
    pub exceptions: Option<Spanned<Vec<Spanned<RawPattern>>>>,
    /// section：没有这一部分、但正文中提到时，改用 partial_message 并标出提到的位置
    #[serde(default)]
    #[schemars(with = "Option<Vec<RawPattern>>")]
    pub mentioned_by: Option<Spanned<Vec<Spanned<RawPattern>>>>,
    /// section：开头一句含有这些模式的小节也算作这一部分
    #[serde(default)]
    #[schemars(with = "Option<Vec<RawPattern>>")]
    pub opened_by: Option<Spanned<Vec<Spanned<RawPattern>>>>,
    /// 部分满足时的消息
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub partial_message: Option<Spanned<String>>,
    /// 适用条件：year_min、year_max、issuer_kind、format、has_title、mentions
    #[serde(default)]
    #[schemars(with = "Option<RawWhen>")]
    pub when: Option<Spanned<RawWhen>>,
    /// builtin：内置检查的名称
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub check: Option<Spanned<String>>,
    /// builtin：内置检查的参数
    #[serde(default)]
    #[schemars(with = "Option<RawParams>")]
    pub params: Option<Spanned<RawParams>>,
    /// substitute：safe 表示 `fzlint check --fix` 可以自动改正（只有一个正确写法、改了不会改变意思）；默认只提示
    #[serde(default)]
    #[schemars(with = "Option<FixName>")]
    pub fix: Option<Spanned<String>>,
    /// require、require-all、section：在 `fzlint audit` 的矩阵中作为一列，{column: 简短的列标题}
    #[serde(default)]
    #[schemars(with = "Option<RawAudit>")]
    pub audit: Option<Spanned<RawAudit>>,
}

/// A rule's place in the supervisor's audit.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "规则在审计矩阵中的位置（列名）")]
pub struct RawAudit {
    /// 矩阵中的列标题（如“三项制度”），在所有加载的规则中唯一
    #[schemars(with = "String")]
    pub column: Spanned<String>,
}

/// Conditions on a document for a rule to apply.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "规则适用的条件（如报告主体的类型）")]
pub struct RawWhen {
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub year_min: Option<Spanned<u32>>,
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub year_max: Option<Spanned<u32>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub issuer_kind: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub format: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<Vec<RawPattern>>")]
    pub mentions: Option<Spanned<Vec<Spanned<RawPattern>>>>,
    #[serde(default)]
    #[schemars(with = "Option<bool>")]
    pub has_title: Option<Spanned<bool>>,
}

/// Parameters of built-in checks; which ones a check takes is validated
/// per check.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "内置检查的参数（每种检查需要哪些参数，加载时逐一检查）")]
pub struct RawParams {
    #[serde(default)]
    #[schemars(with = "Option<Vec<RawItem>>")]
    pub parts: Option<Spanned<Vec<RawItem>>>,
    #[serde(default)]
    #[schemars(with = "Option<Vec<RawPattern>>")]
    pub stock_phrases: Option<Spanned<Vec<Spanned<RawPattern>>>>,
    #[serde(default)]
    #[schemars(with = "Option<Vec<RawPattern>>")]
    pub compare_with: Option<Spanned<Vec<Spanned<RawPattern>>>>,
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub min_ratio: Option<Spanned<f64>>,
    #[serde(default)]
    #[schemars(with = "Option<Vec<RawDay>>")]
    pub days: Option<Spanned<Vec<RawDay>>>,
    #[serde(default)]
    #[schemars(with = "Option<i32>")]
    pub offset: Option<Spanned<i32>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub series: Option<Spanned<String>>,
}

/// A commemorative day whose ordinal ("第N个") follows from the year.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDay {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[schemars(with = "u32")]
    pub first_year: Spanned<u32>,
}

/// Kind names, for the schema.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)]
enum KindName {
    Require,
    RequireAll,
    Section,
    Forbid,
    Substitute,
    Builtin,
}

/// Fix kinds, for the schema.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
#[schemars(description = "自动改正的方式")]
enum FixName {
    Safe,
    Suggest,
}

/// Severity names, for the JSON Schemas of rule files and the config.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[derive(Debug)]
#[allow(dead_code)]
#[schemars(description = "严重程度：error（错误）、warning（警告）或 info（提示）")]
pub enum SeverityName {
    /// 错误：报告缺少必备内容或有明显错误
    Error,
    /// 警告：应当改正
    Warning,
    /// 提示：供参考
    Info,
}

/// One element of a `require-all` rule.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "`require-all` 规则中的一项要素")]
pub struct RawItem {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[schemars(with = "Vec<RawPattern>")]
    pub patterns: Spanned<Vec<Spanned<RawPattern>>>,
}

/// One wrong → right pair of a `substitute` rule.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "`substitute` 规则中的一对“错误写法 → 正确写法”")]
pub struct RawReplacement {
    #[schemars(with = "RawPattern")]
    pub wrong: Spanned<RawPattern>,
    /// 正确写法；写了 `document` 时可省略，取那份文件的标题（带书名号）
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub right: Option<Spanned<String>>,
    /// 文件表中的文件 id：正确写法是它的标题，依据是它
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub document: Option<Spanned<String>>,
    /// 这一对的修改建议（代替规则的 help）：说明这一种错误为什么错、怎么改
    #[serde(default)]
    pub help: Option<String>,
    /// 这一对的依据（代替规则的 basis）：规定这一种写法的文件
    #[serde(default)]
    pub basis: Option<String>,
}

/// Texts that should pass and fail the rule.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "应当通过（pass）和应当报告问题（fail）的例句")]
pub struct RawExamples {
    #[serde(default)]
    pub pass: Vec<String>,
    #[serde(default)]
    pub fail: Vec<String>,
}

/// A pattern: a plain string (a loosely matched literal) or
/// `{regex: "…", group: N, loose: true}` (the optional group is the part of
/// the match that is reported, a stand-in for look-around, which Rust
/// regexes lack; `loose` matches on the normalised text, like a literal).
#[derive(Debug)]
pub enum RawPattern {
    Literal(String),
    Regex {
        regex: Spanned<String>,
        group: Option<Spanned<usize>>,
        loose: Option<Spanned<bool>>,
    },
}

impl JsonSchema for RawPattern {
    fn schema_name() -> Cow<'static, str> {
        "Pattern".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "模式：字符串（宽松匹配的字面量：跳过空白、引号和顿号，全角半角视为相同），或 {regex: …}",
            "oneOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "properties": {
                        "regex": {"type": "string", "description": "Rust 正则表达式，在原文上匹配"},
                        "group": {"type": "integer", "minimum": 0, "description": "以第几个捕获组为匹配位置（代替不支持的环视）"},
                        "loose": {"type": "boolean", "description": "在规范化的文本上匹配（像字面量一样跳过空白、引号和顿号）"}
                    },
                    "required": ["regex"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for RawPattern {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PatternVisitor;

        impl<'de> Visitor<'de> for PatternVisitor {
            type Value = RawPattern;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a pattern: a string, or a mapping `{regex: \"…\", group: N, loose: true}`",
                )
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawPattern, E> {
                Ok(RawPattern::Literal(v.to_owned()))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawPattern, A::Error> {
                let mut regex = None;
                let mut group = None;
                let mut loose = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "regex" if regex.is_none() => regex = Some(map.next_value()?),
                        "group" if group.is_none() => group = Some(map.next_value()?),
                        "loose" if loose.is_none() => loose = Some(map.next_value()?),
                        "regex" | "group" | "loose" => {
                            return Err(de::Error::custom(format!("duplicate field `{key}`")));
                        }
                        other => {
                            return Err(de::Error::unknown_field(
                                other,
                                &["regex", "group", "loose"],
                            ));
                        }
                    }
                }
                match regex {
                    Some(regex) => Ok(RawPattern::Regex {
                        regex,
                        group,
                        loose,
                    }),
                    None => Err(de::Error::missing_field("regex")),
                }
            }
        }

        deserializer.deserialize_any(PatternVisitor)
    }
}

/// Where a rule looks: `document`, `headings`, `title`, or
/// `{sections: [patterns], include_heading: bool}`.
#[derive(Debug)]
pub enum RawScope {
    Named(String),
    Sections {
        patterns: Spanned<Vec<Spanned<RawPattern>>>,
        include_heading: Option<bool>,
    },
}

impl JsonSchema for RawScope {
    fn schema_name() -> Cow<'static, str> {
        "Scope".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let pattern = generator.subschema_for::<RawPattern>();
        json_schema!({
            "description": "规则检查的范围：document（默认）、headings、title，或 {sections: [模式…]}",
            "oneOf": [
                {"enum": ["document", "headings", "title"]},
                {
                    "type": "object",
                    "properties": {
                        "sections": {"type": "array", "items": pattern, "minItems": 1},
                        "include_heading": {"type": "boolean"}
                    },
                    "required": ["sections"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for RawScope {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScopeVisitor;

        impl<'de> Visitor<'de> for ScopeVisitor {
            type Value = RawScope;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "`document`, `headings`, `title`, or a mapping `{sections: [patterns]}`",
                )
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawScope, E> {
                Ok(RawScope::Named(v.to_owned()))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawScope, A::Error> {
                let mut sections = None;
                let mut include_heading = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "sections" if sections.is_none() => sections = Some(map.next_value()?),
                        "include_heading" if include_heading.is_none() => {
                            include_heading = Some(map.next_value()?);
                        }
                        "sections" | "include_heading" => {
                            return Err(de::Error::custom(format!("duplicate field `{key}`")));
                        }
                        other => {
                            return Err(de::Error::unknown_field(
                                other,
                                &["sections", "include_heading"],
                            ));
                        }
                    }
                }
                match sections {
                    Some(patterns) => Ok(RawScope::Sections {
                        patterns,
                        include_heading,
                    }),
                    None => Err(de::Error::missing_field("sections")),
                }
            }
        }

        deserializer.deserialize_any(ScopeVisitor)
    }
}

/// The JSON Schema of a rule file.
pub fn schema() -> Schema {
    schemars::schema_for!(RawFile)
}
