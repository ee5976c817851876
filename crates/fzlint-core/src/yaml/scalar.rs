//! What a scalar means: its tag, whether it is null, and its value as a
//! boolean, an integer or a float, by the rules serde-saphyr 2.1 (fzlint's
//! YAML reader before this module) applied, so that files are read the same.

use granit_parser::Tag as ParserTag;

/// The YAML tag of a node, as far as it matters here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Tag {
    /// No tag.
    None,
    Int,
    Float,
    Bool,
    Null,
    Seq,
    Map,
    Str,
    /// `!!binary`: base64.
    Binary,
    /// `!!timestamp`: never read as text.
    Timestamp,
    /// `!!time`, `!!degrees`, `!!radians`: never read as text, nor as a float.
    Robotics,
    /// `!!merge`.
    Merge,
    /// `!include` (files are never included: read as text).
    Include,
    /// `!!value`: read as text.
    Value,
    /// `!`: the non-specific tag, which forces a string.
    NonSpecific,
    /// Any other tag: ignored.
    Other,
}

impl Tag {
    /// Classifies a parser tag.
    pub(super) fn of(tag: &ParserTag) -> Tag {
        const CORE: &str = "tag:yaml.org,2002:";
        let include = [
            "!include",
            "tag:yaml.org,2002:include",
            "tag:yaml.org,2002:!include",
        ]
        .iter()
        .any(|prefix| {
            tag.suffix_in_namespace(prefix)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('#'))
        });
        if include {
            return Tag::Include;
        }
        if let Some(core) = tag.core_suffix().and_then(core_tag) {
            return core;
        }
        if let Some(suffix) = tag.suffix_in_namespace(CORE) {
            return match suffix.as_ref() {
                "merge" => Tag::Merge,
                "value" => Tag::Value,
                other => named(other.strip_prefix('!').unwrap_or(other)),
            };
        }
        match tag.suffix_in_namespace("!").as_deref() {
            None => Tag::Other,
            Some("" | "!") => Tag::NonSpecific,
            Some("!timestamp") => Tag::Timestamp,
            Some("!binary") => Tag::Binary,
            Some(name) => match name.strip_prefix('!') {
                Some(core) => core_tag(core).unwrap_or(Tag::Other),
                None => named(name),
            },
        }
    }

    /// The kind of node the tag is for, if it is for one kind only.
    pub(super) fn requires(self) -> Option<Shape> {
        match self {
            Tag::None | Tag::NonSpecific | Tag::Other => None,
            Tag::Seq => Some(Shape::Seq),
            Tag::Map => Some(Shape::Map),
            _ => Some(Shape::Scalar),
        }
    }

    /// Whether a string target accepts a scalar with this tag.
    pub(super) fn textual(self) -> bool {
        matches!(
            self,
            Tag::None
                | Tag::Str
                | Tag::Merge
                | Tag::Include
                | Tag::Value
                | Tag::Other
                | Tag::NonSpecific
        )
    }

    /// Whether the tag makes a scalar a string whatever it looks like.
    pub(super) fn forces_string(self) -> bool {
        matches!(self, Tag::Str | Tag::NonSpecific)
    }

    /// Whether a scalar with this tag may be read as a `kind` (a typed
    /// target's own tag, or one that says nothing about the type).
    pub(super) fn allows(self, kind: Tag) -> bool {
        self == kind
            || matches!(
                self,
                Tag::None | Tag::Other | Tag::Merge | Tag::Include | Tag::Value | Tag::NonSpecific
            )
    }

    fn core(self) -> bool {
        matches!(
            self,
            Tag::Int | Tag::Float | Tag::Bool | Tag::Null | Tag::Seq | Tag::Map | Tag::Str
        )
    }
}

fn core_tag(name: &str) -> Option<Tag> {
    Some(match name {
        "null" => Tag::Null,
        "bool" => Tag::Bool,
        "int" => Tag::Int,
        "float" => Tag::Float,
        "map" => Tag::Map,
        "seq" => Tag::Seq,
        "str" => Tag::Str,
        _ => return None,
    })
}

fn named(name: &str) -> Tag {
    match name {
        "timestamp" => Tag::Timestamp,
        "time" | "degrees" | "radians" => Tag::Robotics,
        "binary" => Tag::Binary,
        "include" => Tag::Include,
        other => core_tag(other).unwrap_or(Tag::Other),
    }
}

/// A node's kind, for tags that require one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    Scalar,
    Seq,
    Map,
}

/// `null`, `~` or nothing, written plain.
pub(super) fn nullish(value: &str, plain: bool) -> bool {
    plain && matches!(value, "" | "~" | "null" | "Null" | "NULL")
}

/// Whether a scalar is null: tagged `!!null`, or null-like and not tagged
/// as something else.
pub(super) fn is_null(tag: Tag, value: &str, plain: bool) -> bool {
    tag == Tag::Null
        || (!tag.core()
            && !tag.forces_string()
            && !matches!(tag, Tag::Binary | Tag::Timestamp | Tag::Robotics)
            && nullish(value, plain))
}

/// Trims YAML white space (not the ideographic space).
pub(super) fn trim(s: &str) -> &str {
    s.trim_matches([' ', '\t', '\r', '\n'])
}

/// YAML 1.1 booleans: true/yes/y/on and false/no/n/off, in any case.
pub(super) fn boolean(s: &str) -> Option<bool> {
    let t = trim(s);
    let is = |words: [&str; 4]| words.iter().any(|w| t.eq_ignore_ascii_case(w));
    if is(["true", "yes", "y", "on"]) {
        Some(true)
    } else if is(["false", "no", "n", "off"]) {
        Some(false)
    } else {
        None
    }
}

/// An integer, as sign and magnitude: decimal (no leading zeros), `0x`,
/// `0o` or `0b`, with single underscores between digits.
pub(super) fn integer(s: &str) -> Option<(bool, u128)> {
    let t = trim(s);
    let (negative, rest) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let prefixed = |p: &str| {
        rest.strip_prefix(p)
            .or_else(|| rest.strip_prefix(&p.to_ascii_uppercase()))
    };
    let (radix, digits) = if let Some(d) = prefixed("0x") {
        (16, d)
    } else if let Some(d) = prefixed("0o") {
        (8, d)
    } else if let Some(d) = prefixed("0b") {
        (2, d)
    } else {
        if rest.starts_with('0') && rest != "0" {
            return None;
        }
        (10, rest)
    };
    let bytes = digits.as_bytes();
    let mut value: u128 = 0;
    let mut any = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'_' {
            let between =
                i > 0 && bytes[i - 1] != b'_' && bytes.get(i + 1).is_some_and(|n| *n != b'_');
            if !between {
                return None;
            }
            continue;
        }
        let digit = char::from(b).to_digit(radix)?;
        value = value
            .checked_mul(u128::from(radix))?
            .checked_add(u128::from(digit))?;
        any = true;
    }
    // A negative decimal reaches one further than a positive one.
    let limit = if negative && radix == 10 {
        i128::MAX as u128 + 1
    } else {
        u128::MAX
    };
    (any && value <= limit).then_some((negative, value))
}

/// An unsigned integer that fits `T`.
pub(super) fn unsigned<T: TryFrom<u128>>(s: &str) -> Option<T> {
    match integer(s)? {
        (false, magnitude) => T::try_from(magnitude).ok(),
        (true, _) => None,
    }
}

/// A signed integer that fits `T`.
pub(super) fn signed<T: TryFrom<i128>>(s: &str) -> Option<T> {
    let (negative, magnitude) = integer(s)?;
    let value = if negative {
        if magnitude == i128::MAX as u128 + 1 {
            i128::MIN
        } else {
            -i128::try_from(magnitude).ok()?
        }
    } else {
        i128::try_from(magnitude).ok()?
    };
    T::try_from(value).ok()
}

/// A YAML 1.2 float: `.inf`, `-.inf`, `.nan` (in three spellings each), or
/// what Rust parses as a finite `f64`.
pub(super) fn float(s: &str) -> Option<f64> {
    let t = trim(s);
    let (negative, unsigned) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    match unsigned {
        ".nan" | ".NaN" | ".NAN" => Some(f64::NAN),
        ".inf" | ".Inf" | ".INF" if negative => Some(f64::NEG_INFINITY),
        ".inf" | ".Inf" | ".INF" => Some(f64::INFINITY),
        _ => t.parse::<f64>().ok().filter(|v| v.is_finite()),
    }
}

/// [`float`], or an infinity for a number too large for `f64` (`1e999`).
pub(super) fn float_or_overflow(s: &str) -> Option<f64> {
    float(s).or_else(|| {
        let t = trim(s);
        let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
        if !unsigned.as_bytes().first().is_some_and(u8::is_ascii_digit) {
            return None;
        }
        t.parse::<f64>().ok().filter(|v| v.is_infinite())
    })
}

/// Decodes a `!!binary` scalar: base64, whitespace ignored.
pub(super) fn base64(s: &str) -> Option<Vec<u8>> {
    let cleaned: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if !cleaned.len().is_multiple_of(4) {
        return None;
    }
    let value = |b: u8| -> Option<u32> {
        Some(u32::from(match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        }))
    };
    let chunks = cleaned.chunks(4);
    let last = chunks.len().saturating_sub(1);
    let mut out = Vec::with_capacity(cleaned.len() / 4 * 3);
    for (i, chunk) in chunks.enumerate() {
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if (pad > 0 && i != last) || pad > 2 {
            return None;
        }
        let a = value(chunk[0])?;
        let b = value(chunk[1])?;
        let c = if chunk[2] == b'=' {
            0
        } else {
            value(chunk[2])?
        };
        let d = if chunk[3] == b'=' {
            0
        } else {
            value(chunk[3])?
        };
        if (pad == 2 && b & 0x0F != 0) || (pad == 1 && c & 0x03 != 0) {
            return None;
        }
        let triple = (a << 18) | (b << 12) | (c << 6) | d;
        out.push((triple >> 16) as u8);
        if pad < 2 {
            out.push((triple >> 8) as u8);
        }
        if pad == 0 {
            out.push(triple as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_follow_yaml_1_2_and_reject_leading_zeros() {
        assert_eq!(integer("42"), Some((false, 42)));
        assert_eq!(integer("-0x1F"), Some((true, 31)));
        assert_eq!(integer("+1_000"), Some((false, 1000)));
        assert_eq!(integer("0b101"), Some((false, 5)));
        assert_eq!(integer("017"), None);
        assert_eq!(integer("1__0"), None);
        assert_eq!(integer("_1"), None);
        assert_eq!(integer("0x"), None);
        assert_eq!(unsigned::<u8>("256"), None);
        assert_eq!(unsigned::<u32>("-1"), None);
        assert_eq!(signed::<i32>("-2147483648"), Some(i32::MIN));
        assert_eq!(signed::<i32>("2147483648"), None);
    }

    #[test]
    fn floats_booleans_and_nulls() {
        assert_eq!(float("1e3"), Some(1000.0));
        assert_eq!(float("-.inf"), Some(f64::NEG_INFINITY));
        assert_eq!(float("1e999"), None);
        assert_eq!(float_or_overflow("1e999"), Some(f64::INFINITY));
        assert_eq!(float("abc"), None);
        assert_eq!(boolean("Yes"), Some(true));
        assert_eq!(boolean("OFF"), Some(false));
        assert_eq!(boolean("nope"), None);
        assert!(is_null(Tag::None, "~", true));
        assert!(!is_null(Tag::None, "~", false));
        assert!(!is_null(Tag::Str, "null", true));
    }

    #[test]
    fn base64_decodes_and_rejects_bad_padding() {
        assert_eq!(base64("aGVs bG8=").as_deref(), Some(&b"hello"[..]));
        assert_eq!(base64("aGVsbG8"), None);
        assert_eq!(base64("a=bc"), None);
    }
}
