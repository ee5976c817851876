//! `serde::Deserializer` over a [`Tree`]: every rule-file and config type
//! is read through this one small deserializer.
//!
//! It reads as serde-saphyr 2.1 read (fzlint's YAML reader before it), so
//! that a file gets the same values and the same errors at the same
//! places: a scalar is read as what the target asks for (`yes` is "yes" for
//! a string, true for a boolean); a duplicate key is an error when it is
//! reached; `<<` merges mappings; a value reached through an alias is
//! reported at the alias. Serde's own errors (an unknown field, a value of
//! the wrong type) carry no position when raised, and take that of the
//! innermost entry being read: the key of a mapping's value, the item of a
//! sequence.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::{HashSet, VecDeque};

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use super::Location;
use super::error::Error;
use super::node::{Counts, Kind, Node, Tree, budget_message, limit};
use super::scalar::{self, Tag};

/// The name [`super::Spanned`] asks this deserializer for, to be given its
/// node's position.
pub(super) const SPANNED: &str = "$fzlint::Spanned";

/// Reads `T` from a parsed document.
pub(super) fn from_tree<'a, T: de::Deserialize<'a>>(tree: &Tree<'a>) -> Result<T, Error> {
    let ctx = Ctx {
        tree,
        replayed: Cell::new(Counts::default()),
    };
    let root = Reader {
        ctx: &ctx,
        node: &tree.root,
        origin: Origin::Direct,
        depth: 0,
        counted: false,
    }
    .resolve()?;
    let value = T::deserialize(root).map_err(|error| match tree.empty {
        true => Error::at("unexpected end of input", tree.end),
        false => error,
    })?;
    if let Some(error) = tree.stop.as_ref().or(tree.after.as_ref()) {
        return Err(error.clone());
    }
    let (aliases, anchors) = (tree.aliases, tree.anchor_count);
    if aliases >= limit::ALIASES_PER_ANCHOR_FROM && (anchors == 0 || aliases > 10 * anchors) {
        let breach = format!("AliasAnchorRatio {{ aliases: {aliases}, anchors: {anchors} }}");
        return Err(Error::at(budget_message(&breach), tree.end));
    }
    Ok(value)
}

struct Ctx<'t, 'a> {
    tree: &'t Tree<'a>,
    /// What replaying aliases has counted, on top of the parser's events.
    replayed: Cell<Counts>,
}

/// How a node was reached.
#[derive(Debug, Clone, Copy)]
enum Origin {
    /// Where it is written.
    Direct,
    /// Through the alias at this position, whose replay counts on from
    /// `base`.
    Alias { at: Location, base: Counts },
    /// Merged (`<<`) from the value at this position.
    Merge(Location),
}

impl<'t, 'a> Ctx<'t, 'a> {
    /// Counts an event of an alias's replay against the limits.
    fn replay(&self, origin: Origin, depth: usize, node: Option<&Node<'a>>) -> Result<(), Error> {
        let Origin::Alias { at, base } = origin else {
            return Ok(());
        };
        let mut replayed = self.replayed.get();
        let bytes = match node.map(|n| &n.kind) {
            Some(Kind::Scalar { value, .. }) => value.len(),
            _ => 0,
        };
        let mut total = Counts {
            events: base.events + replayed.events,
            nodes: base.nodes + replayed.nodes,
            scalar_bytes: base.scalar_bytes + replayed.scalar_bytes,
        };
        let mut check = total.add(node.is_some(), bytes);
        if check.is_ok()
            && matches!(node.map(|n| &n.kind), Some(Kind::Seq(..) | Kind::Map(..)))
            && depth > limit::DEPTH
        {
            check = Err(format!("Depth {{ depth: {depth} }}"));
        }
        replayed.events += 1;
        replayed.nodes += usize::from(node.is_some());
        replayed.scalar_bytes += bytes;
        self.replayed.set(replayed);
        check.map_err(|breach| Error::at(budget_message(&breach), at).at_alias(at))
    }
}

/// The deserializer: a node, how it was reached and how deep it is.
#[derive(Clone, Copy)]
struct Reader<'c, 't, 'a> {
    ctx: &'c Ctx<'t, 'a>,
    node: &'t Node<'a>,
    origin: Origin,
    /// Containers around the node.
    depth: usize,
    /// Whether the node's events have been counted already (a key or a
    /// merged value, read whole).
    counted: bool,
}

/// A node read without a type (see [`Reader::any`]).
enum Any<'a> {
    Seq,
    Map,
    Unit,
    Bool(bool),
    Signed(i64),
    Unsigned(u64),
    Float(f64),
    Text(Cow<'a, str>),
}

impl<'c, 't, 'a> Reader<'c, 't, 'a> {
    /// Follows an anchor or an alias to its node, and counts the replay of
    /// an alias. Reaching where the input stops is its error.
    fn resolve(mut self) -> Result<Self, Error> {
        let tree = self.ctx.tree;
        match self.node.kind {
            Kind::Anchor(index) => self.node = &tree.anchors[index],
            Kind::Alias { anchor, base } => {
                if !matches!(self.origin, Origin::Alias { .. }) {
                    self.origin = Origin::Alias {
                        at: self.node.at,
                        base,
                    };
                }
                self.node = &tree.anchors[anchor];
            }
            Kind::Recursive => {
                return Err(Error::at(
                    "recursive references require weak recursion types",
                    self.node.at,
                ));
            }
            Kind::Broken => {
                return Err(tree
                    .stop
                    .clone()
                    .unwrap_or_else(|| Error::at("unexpected end of input", self.node.at)));
            }
            Kind::Scalar { .. } | Kind::Seq(..) | Kind::Map(..) => {}
        }
        if !self.counted {
            let depth =
                self.depth + usize::from(matches!(self.node.kind, Kind::Seq(..) | Kind::Map(..)));
            self.ctx.replay(self.origin, depth, Some(self.node))?;
        }
        Ok(self)
    }

    /// A node inside this one.
    fn child(&self, node: &'t Node<'a>) -> Result<Self, Error> {
        Reader {
            node,
            depth: self.depth + 1,
            ..*self
        }
        .resolve()
    }

    /// The end of this container, an event of an alias's replay.
    fn end(&self) -> Result<(), Error> {
        if self.counted {
            return Ok(());
        }
        self.ctx.replay(self.origin, self.depth, None)
    }

    /// Where the value is used: the alias or merge it comes through, or
    /// where it is written.
    fn reference(&self) -> Location {
        match self.origin {
            Origin::Alias { at, .. } | Origin::Merge(at) => at,
            Origin::Direct => self.node.at,
        }
    }

    /// Where the node is used, the alias it is reached through, and where
    /// it is written.
    fn positions(&self) -> (Location, Option<Location>, Location) {
        (self.reference(), self.alias(), self.node.at)
    }

    fn alias(&self) -> Option<Location> {
        match self.origin {
            Origin::Alias { at, .. } => Some(at),
            _ => None,
        }
    }

    /// Counts every event of this node, as reading it whole (a key, a merged
    /// value) does; the node's own events are counted already.
    fn capture(self) -> Result<Self, Error> {
        fn walk(reader: &Reader<'_, '_, '_>) -> Result<(), Error> {
            if let Kind::Seq(items, ..) | Kind::Map(items, ..) = &reader.node.kind {
                for item in items {
                    walk(&reader.child(item)?)?;
                }
                reader.end()?;
            }
            Ok(())
        }
        walk(&self)?;
        Ok(self.counted())
    }

    /// The same node, its replay counted.
    fn counted(mut self) -> Self {
        self.counted = true;
        self
    }

    fn is_root_of_empty_input(&self) -> bool {
        self.ctx.tree.empty && std::ptr::eq(self.node, &self.ctx.tree.root)
    }

    fn scalar(&self) -> Result<(&'t Cow<'a, str>, Tag, bool), Error> {
        match &self.node.kind {
            Kind::Scalar {
                value, tag, plain, ..
            } => Ok((value, *tag, *plain)),
            _ => Err(Error::unexpected("string scalar", self.node.at)),
        }
    }

    /// A scalar read as a `kind` (`ty` names it in errors).
    fn typed(&self, kind: Tag, ty: &str) -> Result<&'t str, Error> {
        let (value, tag, _) = self.scalar()?;
        if !tag.allows(kind) {
            return Err(Error::invalid(ty, self.node.at));
        }
        Ok(value)
    }

    /// The text of a `!!binary` scalar.
    fn binary_text(&self, value: &str) -> Result<String, Error> {
        let bytes = scalar::base64(value)
            .ok_or_else(|| Error::at("invalid !!binary base64", self.node.at))?;
        String::from_utf8(bytes).map_err(|_| {
            Error::at(
                "!!binary scalar is not valid UTF-8 so cannot be stored into string. \
                 If you just use !!binary for documentation/annotation, set ignore_binary_tag_for_string in Options",
                self.node.at,
            )
        })
    }

    /// A sequence's items; the root of an input without a document is an
    /// empty one, a `!!binary` scalar its bytes.
    fn seq(self) -> Result<SeqAccess<'c, 't, 'a>, Error> {
        let mut access = SeqAccess {
            reader: self,
            items: [].iter(),
            bytes: Vec::new().into_iter(),
        };
        match &self.node.kind {
            Kind::Seq(items, ..) => access.items = items.iter(),
            _ if self.is_root_of_empty_input() => {}
            Kind::Scalar {
                value,
                tag: Tag::Binary,
                ..
            } => {
                access.bytes = scalar::base64(value)
                    .ok_or_else(|| Error::at("invalid !!binary base64", self.node.at))?
                    .into_iter();
            }
            _ => return Err(Error::unexpected("sequence start", self.node.at)),
        }
        Ok(access)
    }

    /// A mapping's entries; the root of an input without a document is an
    /// empty one.
    fn map(self) -> Result<MapAccess<'c, 't, 'a>, Error> {
        let items = match &self.node.kind {
            Kind::Map(items, ..) => items.iter(),
            _ if self.is_root_of_empty_input() => [].iter(),
            _ => return Err(Error::unexpected("mapping start", self.node.at)),
        };
        Ok(MapAccess {
            reader: self,
            items,
            entry: self.reference(),
            seen: Seen::default(),
            merges: Vec::new(),
            merged: VecDeque::new(),
            value: None,
            done: false,
        })
    }

    /// What a node is when the target does not say what it wants: a
    /// scalar's type follows its tag, else its text (null, a boolean, an
    /// integer, a float, else a string) unless it is quoted.
    fn any(&self) -> Result<Any<'a>, Error> {
        let (value, tag, plain) = match &self.node.kind {
            Kind::Seq(..) => return Ok(Any::Seq),
            Kind::Map(..) => return Ok(Any::Map),
            _ => self.scalar()?,
        };
        match tag {
            Tag::Null => return Ok(Any::Unit),
            Tag::Bool => {
                let value = self.typed(Tag::Bool, "boolean")?;
                return scalar::boolean(value)
                    .map(Any::Bool)
                    .ok_or_else(|| Error::invalid("boolean", self.node.at));
            }
            Tag::Int if scalar::trim(value).starts_with('-') => {
                return Ok(Any::Signed(self.signed("i64")?));
            }
            Tag::Int => return Ok(Any::Unsigned(self.unsigned("u64")?)),
            Tag::Float | Tag::Robotics => {
                let number = self.typed(Tag::Float, "floating point")?;
                let number = scalar::float_or_overflow(number)
                    .ok_or_else(|| Error::invalid("floating point", self.node.at))?;
                return self.float(number, value);
            }
            _ => {}
        }
        if scalar::is_null(tag, value, plain) {
            return Ok(Any::Unit);
        }
        if !plain || !tag.textual() || tag == Tag::Binary || tag.forces_string() {
            if tag == Tag::Binary {
                return Ok(Any::Text(Cow::Owned(self.binary_text(value)?)));
            }
            if !tag.textual() {
                return Err(Error::at(
                    "cannot deserialize tagged scalar into string",
                    self.node.at,
                ));
            }
            return Ok(Any::Text(value.clone()));
        }
        if let Some(b) = scalar::boolean(value) {
            return Ok(Any::Bool(b));
        }
        let trimmed = scalar::trim(value);
        if trimmed.starts_with('-') {
            if let Some(v) = scalar::signed::<i64>(trimmed) {
                return Ok(Any::Signed(v));
            }
        } else if let Some(v) = scalar::unsigned::<u64>(trimmed) {
            return Ok(Any::Unsigned(v));
        }
        if let Some(number) = scalar::float_or_overflow(value) {
            return self.float(number, value);
        }
        Ok(Any::Text(value.clone()))
    }

    /// The text for a string target; null and non-text tags are errors.
    fn string(&self) -> Result<Cow<'a, str>, Error> {
        let (value, tag, plain) = self.scalar()?;
        if (tag == Tag::Null || scalar::nullish(value, plain)) && !tag.forces_string() {
            return Err(Error::at(
                "cannot deserialize null into string; use Option<String>",
                self.node.at,
            ));
        }
        if tag == Tag::Binary {
            return Ok(Cow::Owned(self.binary_text(value)?));
        }
        if !tag.textual() {
            return Err(Error::at(
                "cannot deserialize tagged scalar into string",
                self.node.at,
            ));
        }
        Ok(value.clone())
    }

    fn unsigned<T: TryFrom<u128>>(&self, ty: &str) -> Result<T, Error> {
        scalar::unsigned(self.typed(Tag::Int, ty)?).ok_or_else(|| Error::invalid(ty, self.node.at))
    }

    fn signed<T: TryFrom<i128>>(&self, ty: &str) -> Result<T, Error> {
        scalar::signed(self.typed(Tag::Int, ty)?).ok_or_else(|| Error::invalid(ty, self.node.at))
    }

    fn float(&self, value: f64, raw: &str) -> Result<Any<'a>, Error> {
        if value.is_finite() {
            Ok(Any::Float(value))
        } else {
            Err(Error::at(
                format!("non-finite float `{raw}` rejected by the configured policy"),
                self.node.at,
            ))
        }
    }
}

impl<'de> de::Deserializer<'de> for Reader<'_, '_, 'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.any()? {
            Any::Seq => self.deserialize_seq(visitor),
            Any::Map => self.deserialize_map(visitor),
            Any::Unit => visitor.visit_unit(),
            Any::Bool(b) => visitor.visit_bool(b),
            Any::Signed(v) => visitor.visit_i64(v),
            Any::Unsigned(v) => visitor.visit_u64(v),
            Any::Float(v) => visitor.visit_f64(v),
            Any::Text(Cow::Borrowed(text)) => visitor.visit_borrowed_str(text),
            Any::Text(Cow::Owned(text)) => visitor.visit_string(text),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let value = self.typed(Tag::Bool, "boolean")?;
        let b = scalar::boolean(value).ok_or_else(|| Error::invalid("boolean", self.node.at))?;
        visitor.visit_bool(b)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_u8(self.unsigned("u8")?)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_u16(self.unsigned("u16")?)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_u32(self.unsigned("u32")?)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_u64(self.unsigned("u64")?)
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_i8(self.signed("i8")?)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_i16(self.signed("i16")?)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_i32(self.signed("i32")?)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_i64(self.signed("i64")?)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let value = self.typed(Tag::Float, "floating point")?;
        let number =
            scalar::float(value).ok_or_else(|| Error::invalid("floating point", self.node.at))?;
        visitor.visit_f64(number)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.string()? {
            Cow::Borrowed(text) => visitor.visit_borrowed_str(text),
            Cow::Owned(text) => visitor.visit_string(text),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            Kind::Scalar {
                value, tag, plain, ..
            } if scalar::is_null(*tag, value, *plain) => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        if name == SPANNED {
            return visitor.visit_seq(SpannedAccess {
                reader: Some(self),
                at: Some(self.reference()),
            });
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let mut access = self.seq()?;
        let value = visitor.visit_seq(&mut access)?;
        access.finish()?;
        Ok(value)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let mut access = self.map()?;
        visitor
            .visit_map(&mut access)
            .map_err(|error| error.or_entry(access.entry))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_any(visitor)
    }

    serde::forward_to_deserialize_any! {
        i128 u128 char bytes byte_buf unit unit_struct tuple tuple_struct enum
    }
}

/// A sequence's items, or the bytes of a `!!binary` scalar.
struct SeqAccess<'c, 't, 'a> {
    reader: Reader<'c, 't, 'a>,
    items: std::slice::Iter<'t, Node<'a>>,
    bytes: std::vec::IntoIter<u8>,
}

impl SeqAccess<'_, '_, '_> {
    /// What the visitor left unread is still read, for the errors in it.
    fn finish(&mut self) -> Result<(), Error> {
        for item in self.items.by_ref() {
            self.reader.child(item)?.capture()?;
        }
        if matches!(self.reader.node.kind, Kind::Seq(..)) {
            self.reader.end()?;
        }
        Ok(())
    }
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'_, '_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(item) = self.items.next() else {
            return match self.bytes.next() {
                Some(byte) => seed.deserialize(byte.into_deserializer()).map(Some),
                None => Ok(None),
            };
        };
        let item = self.reader.child(item)?;
        let (reference, alias, defined) = item.positions();
        seed.deserialize(item)
            .map(Some)
            .map_err(|error| error.or_entry(reference).through(alias, defined))
    }
}

/// A mapping's entries: its own, then those merged into it (`<<`) under
/// keys it does not have.
struct MapAccess<'c, 't, 'a> {
    reader: Reader<'c, 't, 'a>,
    items: std::slice::Iter<'t, Node<'a>>,
    /// The position serde's errors take: the last key read, at first the
    /// mapping.
    entry: Location,
    seen: Seen<'t>,
    /// Entries to merge, in the order of their `<<`.
    merges: Vec<Vec<Entry<'c, 't, 'a>>>,
    merged: VecDeque<Entry<'c, 't, 'a>>,
    value: Option<Value<'c, 't, 'a>>,
    done: bool,
}

/// A key and its value, read whole (merged entries).
struct Entry<'c, 't, 'a> {
    key: Reader<'c, 't, 'a>,
    value: Reader<'c, 't, 'a>,
}

/// The value of the key just read: written in the mapping (read when it is
/// asked for), or merged.
enum Value<'c, 't, 'a> {
    Written(&'t Node<'a>),
    Merged(Reader<'c, 't, 'a>),
}

impl<'de> de::MapAccess<'de> for MapAccess<'_, '_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, identity, value)) = self.next_key()? else {
            return Ok(None);
        };
        let (at, reference) = (key.node.at, key.reference());
        let read = seed
            .deserialize(key)
            .map_err(|error| error.or_entry(at).or_at(reference))?;
        self.seen.insert(identity);
        self.value = Some(value);
        Ok(Some(read))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = self.next_value()?;
        let (alias, defined, entry) = (value.alias(), value.node.at, self.entry);
        seed.deserialize(value)
            .map_err(|error| error.or_entry(entry).through(alias, defined))
    }
}

impl<'c, 't, 'a> MapAccess<'c, 't, 'a> {
    /// The next key to read, what makes it unique, and its value: the
    /// mapping's own keys (`<<` merges noted), then the merged ones it lacks.
    #[allow(clippy::type_complexity)]
    fn next_key(
        &mut self,
    ) -> Result<Option<(Reader<'c, 't, 'a>, Key<'t>, Value<'c, 't, 'a>)>, Error> {
        loop {
            if let Some(Entry { key, value }) = self.merged.pop_front() {
                let identity = identity(&key)?;
                if self.seen.contains(&identity) {
                    continue;
                }
                self.entry = key.node.at;
                return Ok(Some((key, identity, Value::Merged(value))));
            }
            if self.done {
                return Ok(None);
            }
            let Some(node) = self.items.next() else {
                self.reader.end()?;
                self.done = true;
                self.merged = self.merges.drain(..).flatten().collect();
                continue;
            };
            let key = self.reader.child(node)?.capture()?;
            let Some(value) = self.items.next() else {
                return Err(Error::unexpected("mapping value", node.at));
            };
            if is_merge_key(&key) {
                let entries = merge(self.reader.child(value)?)?;
                if !entries.is_empty() {
                    self.merges.push(entries);
                }
                continue;
            }
            let identity = identity(&key)?;
            if self.seen.contains(&identity) {
                return Err(duplicate(&key));
            }
            self.entry = key.node.at;
            return Ok(Some((key, identity, Value::Written(value))));
        }
    }

    fn next_value(&mut self) -> Result<Reader<'c, 't, 'a>, Error> {
        match self.value.take() {
            Some(Value::Written(node)) => self.reader.child(node),
            Some(Value::Merged(reader)) => Ok(reader),
            None => Err(Error::at("value requested before key", self.entry)),
        }
    }
}

fn is_merge_key(key: &Reader<'_, '_, '_>) -> bool {
    matches!(&key.node.kind, Kind::Scalar { value, tag, plain, .. }
        if value == "<<" && (*tag == Tag::Merge || *tag == Tag::None && *plain))
}

fn duplicate(key: &Reader<'_, '_, '_>) -> Error {
    let message = match &key.node.kind {
        Kind::Scalar { value, tag, .. } if tag.textual() => format!(
            "duplicate mapping key: {value}, set DuplicateKeyPolicy in Options if acceptable"
        ),
        _ => "duplicate mapping key, set DuplicateKeyPolicy in Options if acceptable".to_owned(),
    };
    Error::at(message, key.node.at)
}

/// What a `<<` merges: a mapping's entries, or those of a sequence of
/// mappings in order; null merges nothing. Read whole.
fn merge<'c, 't, 'a>(value: Reader<'c, 't, 'a>) -> Result<Vec<Entry<'c, 't, 'a>>, Error> {
    let value = value.capture()?;
    match &value.node.kind {
        Kind::Seq(items, ..) => {
            let mut all = Vec::new();
            for item in items {
                let item = value.child(item)?;
                all.extend(merged(item, item.reference())?);
            }
            Ok(all)
        }
        _ => merged(value, value.reference()),
    }
}

/// The entries of a merged value, used where the merge is (`reference`)
/// unless through an alias.
fn merged<'c, 't, 'a>(
    mut value: Reader<'c, 't, 'a>,
    reference: Location,
) -> Result<Vec<Entry<'c, 't, 'a>>, Error> {
    if !matches!(value.origin, Origin::Alias { .. }) {
        value.origin = Origin::Merge(reference);
    }
    match &value.node.kind {
        Kind::Scalar {
            value: text,
            tag,
            plain,
            ..
        } if scalar::is_null(*tag, text, *plain) => Ok(Vec::new()),
        Kind::Seq(items, ..) => {
            let mut all = Vec::new();
            for item in items {
                let item = value.child(item)?;
                all.extend(merged(item, item.reference())?);
            }
            Ok(all)
        }
        Kind::Map(items, ..) => {
            let mut fields = Vec::new();
            let mut nested = Vec::new();
            let mut seen = Seen::default();
            let mut items = items.iter();
            while let (Some(key), Some(item)) = (items.next(), items.next()) {
                let (key, item) = (value.child(key)?, value.child(item)?);
                if is_merge_key(&key) {
                    nested.extend(merge(item)?);
                    continue;
                }
                let identity = identity(&key)?;
                if seen.contains(&identity) {
                    return Err(duplicate(&key));
                }
                seen.insert(identity);
                fields.push(Entry { key, value: item });
            }
            fields.extend(nested);
            Ok(fields)
        }
        _ => Err(Error::at(
            "YAML merge value must be mapping or sequence of mappings",
            value.node.at,
        )),
    }
}

/// The keys of a mapping read so far: a list while it is short (as in any
/// rule file), a hash set past that.
#[derive(Default)]
struct Seen<'t> {
    few: Vec<Key<'t>>,
    many: HashSet<Key<'t>>,
}

impl<'t> Seen<'t> {
    const FEW: usize = 32;

    fn contains(&self, key: &Key<'t>) -> bool {
        self.few.contains(key) || self.many.contains(key)
    }

    fn insert(&mut self, key: Key<'t>) {
        if self.few.len() < Self::FEW {
            self.few.push(key);
        } else {
            self.many.insert(key);
        }
    }
}

/// What makes two keys the same key: their text and tag (a custom tag as
/// written), or their value for integers (`0x10` and `16`), or their items.
#[derive(Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Key<'t> {
    Integer(bool, u128),
    Scalar(KeyTag<'t>, &'t str),
    Seq(KeyTag<'t>, Vec<Key<'t>>),
    Map(KeyTag<'t>, Vec<(Key<'t>, Key<'t>)>),
}

#[derive(Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum KeyTag<'t> {
    Known(Tag),
    Custom(&'t str),
}

fn key_tag<'t>(tag: Tag, custom: &'t Option<Box<str>>, implicit: Tag) -> KeyTag<'t> {
    if let Some(custom) = custom
        && (tag == Tag::Other || (implicit == Tag::Map && tag == Tag::Map && &**custom == "!map"))
    {
        return KeyTag::Custom(custom);
    }
    KeyTag::Known(if matches!(tag, Tag::None | Tag::NonSpecific) {
        implicit
    } else if implicit == Tag::Str && tag.textual() {
        Tag::Str
    } else {
        tag
    })
}

fn identity<'t>(key: &Reader<'_, 't, '_>) -> Result<Key<'t>, Error> {
    Ok(match &key.node.kind {
        Kind::Scalar {
            value,
            tag,
            plain,
            custom,
        } => {
            if *tag == Tag::Int || (*tag == Tag::None && *plain) {
                let trimmed = scalar::trim(value);
                let integer = if trimmed.starts_with('-') {
                    scalar::signed::<i128>(trimmed).map(|v| (v < 0, v.unsigned_abs()))
                } else {
                    scalar::unsigned::<u128>(trimmed).map(|v| (false, v))
                };
                if let Some((negative, magnitude)) = integer {
                    return Ok(Key::Integer(negative, magnitude));
                }
            }
            let tag = if *tag == Tag::None && scalar::is_null(*tag, value, *plain) {
                Tag::Null
            } else {
                *tag
            };
            Key::Scalar(key_tag(tag, custom, Tag::Str), value)
        }
        Kind::Seq(items, tag, custom) => Key::Seq(
            key_tag(*tag, custom, Tag::Seq),
            items
                .iter()
                .map(|item| identity(&key.child(item)?))
                .collect::<Result<_, _>>()?,
        ),
        Kind::Map(items, tag, custom) => {
            let mut entries = Vec::new();
            let mut items = items.iter();
            while let (Some(k), Some(v)) = (items.next(), items.next()) {
                entries.push((identity(&key.child(k)?)?, identity(&key.child(v)?)?));
            }
            entries.sort();
            Key::Map(key_tag(*tag, custom, Tag::Map), entries)
        }
        _ => return Err(Error::unexpected("key", key.node.at)),
    })
}

/// Gives [`super::Spanned`] its position, then its value.
struct SpannedAccess<'c, 't, 'a> {
    reader: Option<Reader<'c, 't, 'a>>,
    at: Option<Location>,
}

impl<'de> de::SeqAccess<'de> for SpannedAccess<'_, '_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if let Some(at) = self.at.take() {
            return seed
                .deserialize(at.to_bytes().into_deserializer())
                .map(Some);
        }
        match self.reader.take() {
            Some(reader) => seed.deserialize(reader).map(Some),
            None => Ok(None),
        }
    }
}
