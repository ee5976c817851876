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

/// A pattern: a plain string (a loosely matched literal) or `{regex: "…"}`.
#[derive(Debug)]
pub enum RawPattern {
    Literal(String),
    Regex(Spanned<String>),
}

impl<'de> Deserialize<'de> for RawPattern {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PatternVisitor;

        impl<'de> Visitor<'de> for PatternVisitor {
            type Value = RawPattern;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a pattern: a string, or a mapping `{regex: \"…\"}`")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawPattern, E> {
                Ok(RawPattern::Literal(v.to_owned()))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawPattern, A::Error> {
                let mut regex = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "regex" if regex.is_none() => regex = Some(map.next_value()?),
                        "regex" => return Err(de::Error::duplicate_field("regex")),
                        other => return Err(de::Error::unknown_field(other, &["regex"])),
                    }
                }
                regex
                    .map(RawPattern::Regex)
                    .ok_or_else(|| de::Error::missing_field("regex"))
            }
        }

        deserializer.deserialize_any(PatternVisitor)
    }
}

/// Where a rule looks: `document`, `headings`, `title`, or
/// `{sections: [patterns]}`.
#[derive(Debug)]
pub enum RawScope {
    Named(String),
    Sections(Spanned<Vec<Spanned<RawPattern>>>),
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
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "sections" if sections.is_none() => sections = Some(map.next_value()?),
                        "sections" => return Err(de::Error::duplicate_field("sections")),
                        other => return Err(de::Error::unknown_field(other, &["sections"])),
                    }
                }
                sections
                    .map(RawScope::Sections)
                    .ok_or_else(|| de::Error::missing_field("sections"))
            }
        }

        deserializer.deserialize_any(ScopeVisitor)
    }
}
