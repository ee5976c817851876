//! Reading YAML files (rule packs and the config) with errors that point at
//! the offending value. All YAML goes through here: granit-parser's events
//! become a small tree of nodes with their positions (`node`), and one
//! small deserializer reads any type from it (`de`), so every rule-file
//! and config type is instantiated against one deserializer only. Values
//! that errors may point at are [`Spanned`].

mod de;
mod error;
pub mod explain;
mod node;
mod scalar;

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer, SeqAccess, Visitor};

use crate::error::{RuleError, RuleLocation};

/// The text of a YAML file and the name it is reported under.
#[derive(Debug, Clone)]
pub struct YamlSource {
    /// Display name (a path).
    pub name: String,
    /// The YAML text.
    pub text: Arc<str>,
}

/// Where a YAML value is: a 1-based line and character column, and its
/// bytes when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Location {
    line: u32,
    column: u32,
    /// Byte offset and length; `u32::MAX` when unknown.
    offset: u32,
    len: u32,
}

impl Location {
    /// No position: a value read from JSON, not from YAML.
    pub const UNKNOWN: Location = Location {
        line: 0,
        column: 0,
        offset: u32::MAX,
        len: 0,
    };

    fn new(line: usize, column: usize, bytes: Option<(usize, usize)>) -> Location {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let (offset, len) = bytes
            .filter(|&(offset, len)| offset < u32::MAX as usize && len <= u32::MAX as usize)
            .map_or((u32::MAX, 0), |(offset, len)| (clamp(offset), clamp(len)));
        Location {
            line: clamp(line),
            column: clamp(column),
            offset,
            len,
        }
    }

    /// The 1-based line; 0 when unknown.
    pub fn line(&self) -> usize {
        self.line as usize
    }

    /// The 1-based character column; 0 when unknown.
    pub fn column(&self) -> usize {
        self.column as usize
    }

    fn bytes(&self) -> Option<(usize, usize)> {
        (self.offset != u32::MAX).then_some((self.offset as usize, self.len as usize))
    }

    fn to_bytes(self) -> [u8; 16] {
        let mut bytes = [0; 16];
        for (chunk, n) in bytes
            .chunks_mut(4)
            .zip([self.line, self.column, self.offset, self.len])
        {
            chunk.copy_from_slice(&n.to_le_bytes());
        }
        bytes
    }

    fn from_bytes(bytes: &[u8]) -> Option<Location> {
        let mut n = bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
        Some(Location {
            line: n.next()?,
            column: n.next()?,
            offset: n.next()?,
            len: n.next()?,
        })
    }
}

/// A value and where it is written. Read from YAML, it has the position of
/// its node (of the alias or the `<<` merge it was reached through); read
/// from JSON (a pack's embedded copy), [`Location::UNKNOWN`].
#[derive(Debug, Clone)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it is.
    pub at: Location,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SpannedVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for SpannedVisitor<T> {
            type Value = Spanned<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a span-aware newtype wrapper")
            }

            /// Any other deserializer: no position.
            fn visit_newtype_struct<D: Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<Spanned<T>, D::Error> {
                T::deserialize(deserializer).map(|value| Spanned {
                    value,
                    at: Location::UNKNOWN,
                })
            }

            /// The YAML deserializer: the position, then the value.
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Spanned<T>, A::Error> {
                let at = seq
                    .next_element::<At>()?
                    .map_or(Location::UNKNOWN, |at| at.0);
                let value = seq
                    .next_element()?
                    .ok_or_else(|| serde::de::Error::custom("a value without its node"))?;
                Ok(Spanned { value, at })
            }
        }

        deserializer.deserialize_newtype_struct(de::SPANNED, SpannedVisitor(PhantomData))
    }
}

/// A [`Location`], as the deserializer hands it to [`Spanned`].
struct At(Location);

impl<'de> Deserialize<'de> for At {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AtVisitor;

        impl Visitor<'_> for AtVisitor {
            type Value = At;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a position")
            }

            fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<At, E> {
                Location::from_bytes(bytes)
                    .map(At)
                    .ok_or_else(|| E::invalid_length(bytes.len(), &self))
            }
        }

        deserializer.deserialize_bytes(AtVisitor)
    }
}

/// Parses a YAML file into `T`. An empty file and a syntax or shape error
/// are errors naming the file (`what` is e.g. "规则文件", `expected` what the
/// file should contain), with the position of the offending value.
pub fn parse<T: DeserializeOwned>(
    source: &YamlSource,
    what: &str,
    expected: &str,
) -> Result<T, RuleError> {
    if source.text.trim().is_empty() {
        return Err(RuleError {
            file: source.name.clone(),
            location: None,
            message: format!("{what}为空；应为{expected}"),
            note: None,
        });
    }
    let tree = node::parse(&source.text);
    de::from_tree(&tree).map_err(|err| {
        let message = err.message();
        // A limit (alias expansion, size, nesting depth) speaks of the
        // reader's internals: say what it means for the author.
        let limit = (message.contains("budget breached") || message.contains("recursion limit"))
            .then(|| {
                "超出了 fzlint 读取 YAML 的上限（别名 &/* 展开后过大，或嵌套过深）；\
                 规则文件和配置用不到这么大或这么深的结构"
                    .to_owned()
            });
        // In Chinese where the message is one we know; the parser's own
        // words stay in the note, for searching.
        let (message, note) = match explain::explain(&message) {
            Some(chinese) => (chinese, Some(format!("解析器原文：{message}"))),
            None => (message.into_owned(), limit),
        };
        RuleError {
            file: source.name.clone(),
            location: err.location().and_then(|l| locate(source, &l)),
            message: format!("{what}格式错误：{message}"),
            note,
        }
    })
}

/// An error at a YAML value.
pub fn error_at(source: &YamlSource, at: &Location, message: impl Into<String>) -> RuleError {
    RuleError {
        file: source.name.clone(),
        location: locate(source, at),
        message: message.into(),
        note: None,
    }
}

/// Converts a YAML location into a byte span of at least one character;
/// `None` for [`Location::UNKNOWN`].
pub fn locate(source: &YamlSource, at: &Location) -> Option<RuleLocation> {
    let text = &source.text;
    let (line, column) = (at.line(), at.column());
    if line == 0 {
        return None;
    }
    let (start, len) = match at.bytes() {
        Some((offset, len)) => (offset.min(text.len()), len),
        None => {
            let line_start = text
                .split_inclusive('\n')
                .take(line - 1)
                .map(str::len)
                .sum::<usize>();
            let start = text[line_start.min(text.len())..]
                .char_indices()
                .nth(column.saturating_sub(1))
                .map_or(text.len(), |(i, _)| line_start + i);
            (start, 0)
        }
    };
    let mut start = start;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + len).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    if end <= start {
        end = text[start..]
            .chars()
            .next()
            .filter(|c| *c != '\n')
            .map_or(start, |c| start + c.len_utf8());
    }
    Some(RuleLocation {
        source_text: Arc::clone(text),
        span: start..end,
        line,
        column,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        #[serde(default)]
        text: Option<Spanned<String>>,
        #[serde(default)]
        count: Option<Spanned<u32>>,
        #[serde(default)]
        flags: Option<Vec<Spanned<bool>>>,
        #[serde(default)]
        pairs: Option<Vec<Pair>>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Pair {
        name: Spanned<String>,
        value: Spanned<u32>,
    }

    fn read(text: &str) -> Result<Doc, RuleError> {
        let source = YamlSource {
            name: "t.yaml".to_owned(),
            text: text.into(),
        };
        parse(&source, "文件", "映射")
    }

    /// Line, column, message and the underlined text of the one error.
    fn error(text: &str) -> (usize, usize, String, String) {
        let error = read(text).expect_err("an error");
        let at = error.location.expect("a position");
        let underlined = at.source_text[at.span.clone()].to_owned();
        (at.line, at.column, error.message, underlined)
    }

    #[test]
    fn a_scalar_is_read_as_what_the_field_asks_for() {
        let doc = read("text: yes\ncount: '7'\nflags: [yes, Off, TRUE]\n").unwrap();
        let text = doc.text.unwrap();
        assert_eq!(text.value, "yes");
        assert_eq!((text.at.line(), text.at.column()), (1, 7));
        assert_eq!(doc.count.unwrap().value, 7);
        let flags: Vec<bool> = doc.flags.unwrap().into_iter().map(|f| f.value).collect();
        assert_eq!(flags, [true, false, true]);
    }

    #[test]
    fn errors_point_at_the_value_or_at_its_key() {
        let (line, column, message, underlined) = error("text: a\ncont: 1\n");
        assert_eq!((line, column, underlined.as_str()), (2, 1, "cont"));
        assert!(
            message.starts_with(
                "文件格式错误：未知的键 `cont`；是不是 `count`？这里可用的键：text、count"
            ),
            "{message}"
        );
        let (line, column, message, underlined) = error("count: -1\n");
        assert_eq!((line, column, underlined.as_str()), (1, 8, "-1"));
        assert_eq!(message, "文件格式错误：这里应为不小于 0 的整数");
        let (_, _, message, underlined) = error("pairs: [{name: ~, value: 1}]\n");
        assert_eq!(underlined, "~");
        assert!(message.contains("不能为空"), "{message}");
        // A missing field is reported at the last key read.
        let (line, _, message, underlined) = error("pairs:\n  - name: a\n");
        assert_eq!((line, underlined.as_str()), (2, "name"));
        assert_eq!(message, "文件格式错误：缺少必需的键 `value`");
    }

    #[test]
    fn a_value_through_an_alias_is_reported_at_the_alias() {
        let doc = read("text: &t abc\npairs: [{name: *t, value: 1}]\n").unwrap();
        let name = &doc.pairs.unwrap()[0].name;
        assert_eq!((name.at.line(), name.at.column()), (2, 16));
        let (line, column, message, underlined) = error("text: &t abc\ncount: *t\n");
        assert_eq!((line, column, underlined.as_str()), (2, 8, "*t"));
        assert_eq!(message, "文件格式错误：这里应为不小于 0 的整数");
    }

    #[test]
    fn merge_keys_add_the_entries_a_mapping_lacks() {
        let doc = read("pairs:\n  - <<: {name: a, value: 1}\n    value: 2\n").unwrap();
        let pair = &doc.pairs.unwrap()[0];
        assert_eq!((pair.name.value.as_str(), pair.value.value), ("a", 2));
        // A merged value is used where the merge is.
        assert_eq!((pair.name.at.line(), pair.name.at.column()), (2, 9));
        let (line, _, message, _) = error("text: a\ntext: b\n");
        assert_eq!(line, 2);
        assert!(message.contains("键 `text` 写了两次"), "{message}");
    }

    #[test]
    fn the_first_problem_in_reading_order_is_reported() {
        // The misspelt key comes before the unclosed bracket.
        let (line, _, message, _) = error("txt: a\ncount: [1,\n");
        assert_eq!(line, 1);
        assert!(message.contains("未知的键 `txt`"), "{message}");
        let (line, _, message, _) = error("count: [1,\n");
        assert_eq!(line, 1);
        assert!(message.contains("这里应为一个字符串"), "{message}");
        let (line, _, message, _) = error("text: a\n]\n");
        assert_eq!(line, 2);
        assert!(message.contains("括号位置不对"), "{message}");
    }

    /// Hostile input ends in an error with a position, never a crash, a
    /// stack overflow or a hang. Keys and merged values are read whole,
    /// however deep or large; elsewhere reading stops at the first value of
    /// the wrong shape.
    #[test]
    fn deep_nesting_bombs_and_huge_files_end_in_a_clear_error() {
        let deep_flow_key = format!("? {}1{}\n: 1\n", "[".repeat(10_000), "]".repeat(10_000));
        let deep_block_key: String = std::iter::once("?\n".to_owned())
            .chain((1..=10_000).map(|i| format!("{}- \n", " ".repeat(i))))
            .chain(std::iter::once(": 1\n".to_owned()))
            .collect();
        let deep_merge = format!("<<: {{a: {}1{}}}\n", "{a: ".repeat(200), "}".repeat(200));
        let mut laughs = "<<: {a: &a [x, x, x, x, x, x, x, x, x, x]".to_owned();
        for (name, previous) in ["b", "c", "d", "e", "f", "g", "h", "i"]
            .into_iter()
            .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
        {
            let aliases = vec![format!("*{previous}"); 10].join(", ");
            laughs.push_str(&format!(", {name}: &{name} [{aliases}]"));
        }
        laughs.push_str("}\n");
        let huge = format!("? [{}]\n: 1\n", vec!["x"; 300_000].join(", "));
        for (text, expected, at) in [
            (deep_flow_key.as_str(), "recursion limit exceeded", (1, 258)),
            (
                &deep_block_key,
                "budget breached: Depth { depth: 65 }",
                (65, 65),
            ),
            (
                &deep_merge,
                "budget breached: Depth { depth: 65 }",
                (1, 257),
            ),
            (
                &laughs,
                "budget breached: Nodes { nodes: 250001 }",
                (1, 247),
            ),
            (
                &huge,
                "budget breached: Nodes { nodes: 250001 }",
                (1, 749_998),
            ),
        ] {
            let error = read(text).expect_err("an error");
            assert!(error.message.ends_with(expected), "{}", error.message);
            let location = error.location.expect("a position");
            assert_eq!((location.line, location.column), at, "{expected}");
            assert!(error.note.as_deref().is_some_and(|n| n.contains("上限")));
        }
        // Nested 10,000 deep where a string is expected: the first bracket.
        let deep_value = format!("text: {}1{}\n", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(error(&deep_value).2, "文件格式错误：这里应为一个字符串");
    }

    #[test]
    fn spanned_read_from_json_has_no_position() {
        let doc: Doc =
            serde_json::from_str(r#"{"text": "a", "pairs": [{"name": "n", "value": 1}]}"#).unwrap();
        assert_eq!(doc.text.unwrap().at, Location::UNKNOWN);
        assert!(
            locate(
                &YamlSource {
                    name: String::new(),
                    text: "a".into()
                },
                &Location::UNKNOWN
            )
            .is_none()
        );
    }
}
