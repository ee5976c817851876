//! A YAML error: its message and where it is, and how serde's own errors
//! (raised without a position) take one. Shared by the tree
//! ([`super::node`]) and the deserializer over it ([`super::de`]).

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Unexpected};

use super::Location;

/// A YAML error: the message and where.
#[derive(Debug, Clone)]
pub(crate) struct Error {
    message: String,
    at: Option<Location>,
    /// Raised by serde without a position: takes that of the innermost
    /// entry being read.
    fallback: bool,
    /// Raised inside an alias, and reported there.
    alias: Option<Location>,
}

impl Error {
    #[cold]
    pub(super) fn at(message: impl Into<String>, at: Location) -> Error {
        Error {
            message: message.into(),
            at: Some(at),
            fallback: false,
            alias: None,
        }
    }

    #[cold]
    pub(super) fn unexpected(what: &str, at: Location) -> Error {
        Error::at(format!("expected {what}"), at)
    }

    #[cold]
    pub(super) fn invalid(ty: &str, at: Location) -> Error {
        Error::at(format!("invalid {ty}"), at)
    }

    #[cold]
    pub(super) fn serde(message: String) -> Error {
        Error {
            message,
            at: None,
            fallback: true,
            alias: None,
        }
    }

    /// The same error, raised while replaying the alias at `at`.
    pub(super) fn at_alias(mut self, at: Location) -> Error {
        self.alias = Some(at);
        self
    }

    /// The message, as shown.
    pub(super) fn message(&self) -> Cow<'_, str> {
        // Messages about aliased values escape control characters.
        if self.alias.is_some() && self.message.chars().any(needs_escape) {
            let escaped = self.message.chars().fold(String::new(), |mut out, c| {
                if needs_escape(c) {
                    out.extend(c.escape_debug());
                } else {
                    out.push(c);
                }
                out
            });
            return Cow::Owned(escaped);
        }
        Cow::Borrowed(&self.message)
    }

    pub(super) fn location(&self) -> Option<Location> {
        self.at
    }

    /// A serde error takes the position of the entry being read.
    #[cold]
    pub(super) fn or_entry(mut self, at: Location) -> Error {
        if self.fallback && self.at.is_none() {
            self.at = Some(at);
        }
        self.fallback = false;
        self
    }

    /// Any error without a position takes `at`.
    #[cold]
    pub(super) fn or_at(mut self, at: Location) -> Error {
        if self.at.is_none() {
            self.at = Some(at);
        }
        self
    }

    /// An error in a value read through an alias is reported at the alias.
    #[cold]
    pub(super) fn through(mut self, alias: Option<Location>, defined: Location) -> Error {
        let reference = alias.unwrap_or(defined);
        if reference != defined {
            if self.alias != Some(reference) {
                self.alias = Some(reference);
                self.at = Some(reference);
            }
            self
        } else {
            self.or_at(reference)
        }
    }
}

fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Error {
        Error {
            message: message.to_string(),
            at: None,
            fallback: false,
            alias: None,
        }
    }

    fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn de::Expected) -> Error {
        Error::serde(format!("invalid type: {unexpected}, expected {expected}"))
    }

    fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn de::Expected) -> Error {
        Error::serde(format!("invalid value: {unexpected}, expected {expected}"))
    }

    fn invalid_length(len: usize, expected: &dyn de::Expected) -> Error {
        Error::serde(format!("invalid length {len}, expected {expected}"))
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Error {
        Error::serde(format!(
            "unknown variant `{variant}`, expected one of {}",
            expected.join(", ")
        ))
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Error {
        Error::serde(format!(
            "unknown field `{field}`, expected one of {}",
            expected.join(", ")
        ))
    }

    fn missing_field(field: &'static str) -> Error {
        Error::serde(format!("missing field `{field}`"))
    }
}
