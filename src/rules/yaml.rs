//! The rule-file format as written in YAML, before validation. Every value a
//! validation error could point at is `Spanned`, so the error names its line
//! and column. All YAML handling stays behind [`crate::rules::load`].

use std::fmt;

use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};
use serde_saphyr::Spanned;

/// A rule file: a mapping with a `rules:` list.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    pub rules: Vec<Spanned<RawRule>>,
}

/// One rule, with the fields of every kind; which ones a kind needs is
/// checked after parsing (a flat struct keeps every span, which an internally
/// tagged enum would lose). Required fields are optional here so that a
/// missing one is reported at the rule that lacks it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    #[serde(default)]
    pub id: Option<Spanned<String>>,
    #[serde(default)]
    pub title: Option<Spanned<String>>,
    #[serde(default)]
    pub kind: Option<Spanned<String>>,
    #[serde(default)]
    pub severity: Option<Spanned<String>>,
    #[serde(default)]
    pub message: Option<Spanned<String>>,
    #[serde(default)]
    pub help: Option<Spanned<String>>,
    #[serde(default)]
    pub basis: Option<Spanned<String>>,
    #[serde(default)]
    pub scope: Option<Spanned<RawScope>>,
    #[serde(default)]
    pub examples: Option<RawExamples>,
    #[serde(default)]
    pub patterns: Option<Spanned<Vec<Spanned<RawPattern>>>>,
    #[serde(default)]
    pub items: Option<Spanned<Vec<RawItem>>>,
    #[serde(default)]
    pub satisfied_by: Option<Spanned<Vec<Spanned<RawPattern>>>>,
    #[serde(default)]
    pub partial_severity: Option<Spanned<String>>,
    #[serde(default)]
    pub max_level: Option<Spanned<u8>>,
    #[serde(default)]
    pub replacements: Option<Spanned<Vec<RawReplacement>>>,
    #[serde(default)]
    pub exceptions: Option<Spanned<Vec<Spanned<RawPattern>>>>,
    #[serde(default)]
    pub mentioned_by: Option<Spanned<Vec<Spanned<RawPattern>>>>,
    #[serde(default)]
    pub opened_by: Option<Spanned<Vec<Spanned<RawPattern>>>>,
    #[serde(default)]
    pub partial_message: Option<Spanned<String>>,
    #[serde(default)]
    pub when: Option<Spanned<RawWhen>>,
    #[serde(default)]
    pub check: Option<Spanned<String>>,
    #[serde(default)]
    pub params: Option<Spanned<RawParams>>,
}

/// Conditions on a document for a rule to apply.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWhen {
    #[serde(default)]
    pub year_min: Option<Spanned<u32>>,
    #[serde(default)]
    pub year_max: Option<Spanned<u32>>,
    #[serde(default)]
    pub issuer_kind: Option<Spanned<String>>,
    #[serde(default)]
    pub format: Option<Spanned<String>>,
    #[serde(default)]
    pub mentions: Option<Spanned<Vec<Spanned<RawPattern>>>>,
    #[serde(default)]
    pub has_title: Option<Spanned<bool>>,
}

/// Parameters of built-in checks; which ones a check takes is validated
/// per check.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawParams {
    #[serde(default)]
    pub parts: Option<Spanned<Vec<RawItem>>>,
    #[serde(default)]
    pub stock_phrases: Option<Spanned<Vec<Spanned<RawPattern>>>>,
    #[serde(default)]
    pub compare_with: Option<Spanned<Vec<Spanned<RawPattern>>>>,
    #[serde(default)]
    pub min_ratio: Option<Spanned<f64>>,
    #[serde(default)]
    pub days: Option<Spanned<Vec<RawDay>>>,
    #[serde(default)]
    pub offset: Option<Spanned<i32>>,
}

/// A commemorative day whose ordinal ("第N个") follows from the year.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDay {
    pub name: Spanned<String>,
    pub first_year: Spanned<u32>,
}

/// One element of a `require-all` rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    pub name: Spanned<String>,
    pub patterns: Spanned<Vec<Spanned<RawPattern>>>,
}

/// One wrong → right pair of a `substitute` rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReplacement {
    pub wrong: Spanned<RawPattern>,
    pub right: Spanned<String>,
}

/// Texts that should pass and fail the rule.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
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
