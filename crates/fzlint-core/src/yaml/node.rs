//! A YAML document as a tree of nodes, each with its position, built from
//! granit-parser's events in one pass.
//!
//! The tree keeps what reading a file the way serde-saphyr did needs: a
//! scalar's text, style and tag rather than a typed value (a `String` field
//! reads `yes` as "yes", a `bool` field as true); anchored nodes once, shared
//! by every alias; and the limits against hostile input (alias bombs, deep
//! nesting, huge files), counted per event as serde-saphyr counted them.
//!
//! A streaming reader reports the first problem it meets, and stops. The
//! tree does the same without streaming: where the input stops making sense
//! (a syntax error, a limit) it holds a [`Kind::Broken`] node and the error,
//! which the deserializer raises only when it reaches that node. So a
//! misspelt field above a syntax error is still reported first.

use std::borrow::Cow;

use granit_parser::{Event, Parser, ScalarStyle, ScanError, Span, StrInput};

use super::Location;
use super::error::Error;
use super::scalar::{Shape, Tag};

/// Limits, as serde-saphyr's defaults.
pub(super) mod limit {
    /// Events (every node start and end, documents, aliases, replays).
    pub const EVENTS: usize = 1_000_000;
    /// Scalars, sequences and mappings, replays included.
    pub const NODES: usize = 250_000;
    /// Nesting of sequences and mappings.
    pub const DEPTH: usize = 64;
    /// Aliases (`*name`).
    pub const ALIASES: usize = 50_000;
    /// Anchors (`&name`).
    pub const ANCHORS: usize = 50_000;
    /// Bytes of scalar text and tags, replays included.
    pub const SCALAR_BYTES: usize = 64 * 1024 * 1024;
    /// Merge keys (`<<`).
    pub const MERGE_KEYS: usize = 10_000;
    /// Past this many aliases, at most ten per anchor.
    pub const ALIASES_PER_ANCHOR_FROM: usize = 100;
}

/// A parsed document.
#[derive(Debug)]
pub(super) struct Tree<'a> {
    pub root: Node<'a>,
    /// Anchored nodes, shared by their definition and their aliases.
    pub anchors: Vec<Node<'a>>,
    /// Why the input stops at the [`Kind::Broken`] node, if it does.
    pub stop: Option<Error>,
    /// A problem after the document (a second document, a syntax error),
    /// reported once the document has been read.
    pub after: Option<Error>,
    /// The input holds no document at all (only comments): the root is a
    /// null standing for it.
    pub empty: bool,
    /// Where the input ends.
    pub end: Location,
    /// Aliases and anchors, for the check made after reading.
    pub aliases: usize,
    pub anchor_count: usize,
}

/// A node and where it starts.
#[derive(Debug)]
pub(super) struct Node<'a> {
    pub at: Location,
    pub kind: Kind<'a>,
}

#[derive(Debug)]
pub(super) enum Kind<'a> {
    Scalar {
        value: Cow<'a, str>,
        tag: Tag,
        plain: bool,
        /// The tag as written, for tags this reader does not know.
        custom: Option<Box<str>>,
    },
    Seq(Vec<Node<'a>>, Tag, Option<Box<str>>),
    /// Keys and values, alternating. A [`Kind::Broken`] node may stand for
    /// a key or a value and ends the list.
    Map(Vec<Node<'a>>, Tag, Option<Box<str>>),
    /// An anchored node, defined here: `Tree::anchors[i]`.
    Anchor(usize),
    /// An alias of `Tree::anchors[anchor]`, and the events counted before
    /// it, from which its replay is counted on.
    Alias {
        anchor: usize,
        base: Counts,
    },
    /// An alias of an anchor whose node has not ended yet.
    Recursive,
    /// The input stops here; `Tree::stop` says why.
    Broken,
}

/// What the limits count.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Counts {
    pub events: usize,
    pub nodes: usize,
    pub scalar_bytes: usize,
}

impl Counts {
    /// Counts one more event, a node if `node`, and `bytes` of text.
    pub(super) fn add(&mut self, node: bool, bytes: usize) -> Result<(), String> {
        self.events += 1;
        if self.events > limit::EVENTS {
            return Err(format!("Events {{ events: {} }}", self.events));
        }
        if node {
            self.nodes += 1;
            if self.nodes > limit::NODES {
                return Err(format!("Nodes {{ nodes: {} }}", self.nodes));
            }
        }
        self.scalar_bytes = self.scalar_bytes.saturating_add(bytes);
        if self.scalar_bytes > limit::SCALAR_BYTES {
            return Err(format!(
                "ScalarBytes {{ total_scalar_bytes: {} }}",
                self.scalar_bytes
            ));
        }
        Ok(())
    }
}

/// The message of a breached limit.
pub(super) fn budget_message(breach: &str) -> String {
    format!("budget breached: {breach}")
}

/// Parses `text`. Never fails: problems become [`Kind::Broken`] nodes and
/// errors in the tree.
pub(super) fn parse(text: &str) -> Tree<'_> {
    let options = granit_parser::options! {
        simple_key_max_lookahead: 1024,
        flow_nesting_limit: 255,
        block_nesting_limit: 255,
        emit_comments: false,
    };
    let mut builder = Builder::default();
    let mut parser = Parser::with_options(StrInput::new(text), options);
    for item in &mut parser {
        let flow = match item {
            Ok((event, span)) => builder.event(event, &span),
            Err(error) => builder.stop(scan_error(&error)),
        };
        if flow.is_break() {
            break;
        }
    }
    builder.finish()
}

/// Where a parser span starts, and its bytes.
fn location(span: &Span) -> Location {
    let (start, end) = (&span.start, &span.end);
    let bytes = start
        .byte_offset()
        .zip(end.byte_offset())
        .map(|(s, e)| (s, e.saturating_sub(s)));
    Location::new(start.line(), start.col() + 1, bytes)
}

/// A syntax error, at the parser's position (line and column only).
fn scan_error(error: &ScanError) -> Error {
    let mark = error.marker();
    let at = Location::new(mark.line(), mark.col() + 1, None);
    let message = match error.kind() {
        granit_parser::ErrorKind::UnknownAnchor => "alias references unknown anchor".to_owned(),
        granit_parser::ErrorKind::MultipleDocumentsUnsupported => {
            "multiple YAML documents detected; only one document is supported in this context"
                .to_owned()
        }
        _ => error.info(),
    };
    Error::at(message, at)
}

type Flow = std::ops::ControlFlow<()>;

#[derive(Debug)]
struct Open<'a> {
    at: Location,
    map: bool,
    items: Vec<Node<'a>>,
    tag: Tag,
    custom: Option<Box<str>>,
    anchor: usize,
}

#[derive(Debug, Default)]
struct Builder<'a> {
    open: Vec<Open<'a>>,
    root: Option<Node<'a>>,
    anchors: Vec<Node<'a>>,
    /// Anchor id → index in `anchors`, once its node has ended.
    defined: Vec<Option<usize>>,
    budget: Budget,
    stop: Option<Error>,
    after: Option<Error>,
    last: Location,
}

/// serde-saphyr's budget, over the parser's own events.
#[derive(Debug, Default)]
struct Budget {
    counts: Counts,
    depth: usize,
    aliases: usize,
    anchors: usize,
    merge_keys: usize,
    /// For each open container: whether it is a mapping expecting a key,
    /// and whether it is a mapping's value.
    containers: Vec<(Option<bool>, bool)>,
}

impl Budget {
    fn event(&mut self, event: &Event<'_>) -> Result<(), String> {
        match event {
            Event::Scalar(value, style, anchor, tag) => {
                self.counts
                    .add(true, value.len() + tag_len(tag.as_deref()))?;
                self.anchor(*anchor)?;
                if self.expecting_key()
                    && value == "<<"
                    && (tag.as_deref().is_some_and(|t| Tag::of(t) == Tag::Merge)
                        || tag.is_none() && *style == ScalarStyle::Plain)
                {
                    self.merge_keys += 1;
                    if self.merge_keys > limit::MERGE_KEYS {
                        return Err(format!("MergeKeys {{ merge_keys: {} }}", self.merge_keys));
                    }
                }
                self.scalar();
            }
            Event::SequenceStart(_, anchor, tag) | Event::MappingStart(_, anchor, tag) => {
                self.counts.add(true, 0)?;
                self.depth += 1;
                if self.depth > limit::DEPTH {
                    return Err(format!("Depth {{ depth: {} }}", self.depth));
                }
                self.counts.add_bytes(tag_len(tag.as_deref()))?;
                let value = match self.containers.last_mut() {
                    Some((Some(expecting), _)) => !std::mem::replace(expecting, false),
                    _ => false,
                };
                let map = matches!(event, Event::MappingStart(..));
                self.containers.push((map.then_some(true), value));
                self.anchor(*anchor)?;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                self.counts.add(false, 0)?;
                self.depth = self.depth.saturating_sub(1);
                if let Some((_, true)) = self.containers.pop()
                    && let Some((Some(expecting), _)) = self.containers.last_mut()
                {
                    *expecting = true;
                }
            }
            Event::Alias(_) => {
                self.counts.add(false, 0)?;
                self.aliases += 1;
                if self.aliases > limit::ALIASES {
                    return Err(format!("Aliases {{ aliases: {} }}", self.aliases));
                }
                // Its replay, counted as it is read, is one whole node.
                self.scalar();
            }
            _ => self.counts.add(false, 0)?,
        }
        Ok(())
    }

    fn anchor(&mut self, anchor: usize) -> Result<(), String> {
        if anchor != 0 {
            self.anchors += 1;
            if self.anchors > limit::ANCHORS {
                return Err(format!("Anchors {{ anchors: {} }}", self.anchors));
            }
        }
        Ok(())
    }

    fn expecting_key(&self) -> bool {
        matches!(self.containers.last(), Some((Some(true), _)))
    }

    /// A whole key or value was read in the innermost mapping.
    fn scalar(&mut self) {
        if let Some((Some(expecting), _)) = self.containers.last_mut() {
            *expecting = !*expecting;
        }
    }
}

impl Counts {
    fn add_bytes(&mut self, bytes: usize) -> Result<(), String> {
        self.scalar_bytes = self.scalar_bytes.saturating_add(bytes);
        if self.scalar_bytes > limit::SCALAR_BYTES {
            return Err(format!(
                "ScalarBytes {{ total_scalar_bytes: {} }}",
                self.scalar_bytes
            ));
        }
        Ok(())
    }
}

fn tag_len(tag: Option<&granit_parser::Tag>) -> usize {
    tag.map_or(0, |t| {
        let (handle, suffix) = t.parts();
        handle.len() + suffix.len()
    })
}

/// A tag and, for one this reader does not know (or `!map`), its spelling.
fn classify(tag: Option<&granit_parser::Tag>) -> (Tag, Option<Box<str>>) {
    match tag {
        None => (Tag::None, None),
        Some(t) => {
            let kind = Tag::of(t);
            let spelling = t.to_string();
            let keep = kind == Tag::Other || (kind == Tag::Map && spelling == "!map");
            (kind, keep.then(|| spelling.into_boxed_str()))
        }
    }
}

impl<'a> Builder<'a> {
    fn event(&mut self, event: Event<'a>, span: &Span) -> Flow {
        let at = location(span);
        self.last = at;
        if let Err(breach) = self.budget.event(&event) {
            return self.stop(Error::at(budget_message(&breach), at));
        }
        let event_kind = match event {
            Event::MappingStart(..) => Shape::Map,
            Event::SequenceStart(..) => Shape::Seq,
            _ => Shape::Scalar,
        };
        let node = match event {
            Event::StreamStart | Event::StreamEnd => return Flow::Continue(()),
            Event::DocumentStart(..) | Event::DocumentEnd => {
                // Anchors belong to their document.
                self.defined.clear();
                return Flow::Continue(());
            }
            Event::Scalar(value, style, anchor, tag) => {
                if let Some(error) = misplaced_tag(tag.as_deref(), Shape::Scalar, at) {
                    return self.stop(error);
                }
                let (tag, custom) = classify(tag.as_deref());
                let node = Node {
                    at,
                    kind: Kind::Scalar {
                        value,
                        tag,
                        plain: style == ScalarStyle::Plain,
                        custom,
                    },
                };
                self.anchored(node, anchor)
            }
            Event::SequenceStart(_, anchor, tag) | Event::MappingStart(_, anchor, tag) => {
                let map = matches!(&event_kind, Shape::Map);
                let shape = if map { Shape::Map } else { Shape::Seq };
                if let Some(error) = misplaced_tag(tag.as_deref(), shape, at) {
                    return self.stop(error);
                }
                let (tag, custom) = classify(tag.as_deref());
                return self.begin(Open {
                    at,
                    map,
                    items: Vec::new(),
                    tag,
                    custom,
                    anchor,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(open) = self.open.pop() else {
                    return self.stop(Error::at("list or mapping end with no start", at));
                };
                let node = close(open.at, open.map, open.items, open.tag, open.custom);
                self.anchored(node, open.anchor)
            }
            Event::Alias(id) => {
                if self.open.iter().any(|open| open.anchor == id) {
                    Node {
                        at,
                        kind: Kind::Recursive,
                    }
                } else if let Some(&Some(anchor)) = self.defined.get(id) {
                    Node {
                        at,
                        kind: Kind::Alias {
                            anchor,
                            base: self.budget.counts,
                        },
                    }
                } else {
                    return self.stop(Error::at("alias references unknown anchor", at));
                }
            }
            _ => return self.stop(Error::at("unsupported event from granit-parser", at)),
        };
        self.place(node, at)
    }

    fn begin(&mut self, open: Open<'a>) -> Flow {
        if self.root.is_some() {
            return self.second_document(open.at);
        }
        self.open.push(open);
        Flow::Continue(())
    }

    /// Keeps an anchored node in `anchors`, and puts a reference in its place.
    fn anchored(&mut self, node: Node<'a>, anchor: usize) -> Node<'a> {
        if anchor == 0 {
            return node;
        }
        let at = node.at;
        let index = self.anchors.len();
        self.anchors.push(node);
        if self.defined.len() <= anchor {
            self.defined.resize(anchor + 1, None);
        }
        self.defined[anchor] = Some(index);
        Node {
            at,
            kind: Kind::Anchor(index),
        }
    }

    /// Adds a finished node to the innermost open container, or makes it
    /// the document.
    fn place(&mut self, node: Node<'a>, at: Location) -> Flow {
        match self.open.last_mut() {
            Some(open) => {
                open.items.push(node);
                Flow::Continue(())
            }
            None if self.root.is_none() => {
                self.root = Some(node);
                Flow::Continue(())
            }
            None => self.second_document(at),
        }
    }

    fn second_document(&mut self, at: Location) -> Flow {
        self.after = Some(Error::at(
            "multiple YAML documents detected; use from_str_multiple or from_str_multiple_with_options",
            at,
        ));
        Flow::Break(())
    }

    /// The input stops making sense here: a [`Kind::Broken`] node takes the
    /// place of what comes next, and every open container ends.
    fn stop(&mut self, error: Error) -> Flow {
        if self.root.is_some() {
            self.after = Some(error);
            return Flow::Break(());
        }
        self.stop = Some(error);
        let mut node = Node {
            at: self.last,
            kind: Kind::Broken,
        };
        while let Some(mut open) = self.open.pop() {
            open.items.push(node);
            node = close(open.at, open.map, open.items, open.tag, open.custom);
        }
        self.root = Some(node);
        Flow::Break(())
    }

    fn finish(self) -> Tree<'a> {
        let empty = self.root.is_none();
        let root = self.root.unwrap_or(Node {
            at: self.last,
            kind: Kind::Scalar {
                value: Cow::Borrowed(""),
                tag: Tag::Null,
                plain: true,
                custom: None,
            },
        });
        Tree {
            root,
            anchors: self.anchors,
            stop: self.stop,
            after: self.after,
            empty,
            end: self.last,
            aliases: self.budget.aliases,
            anchor_count: self.budget.anchors,
        }
    }
}

fn close<'a>(
    at: Location,
    map: bool,
    items: Vec<Node<'a>>,
    tag: Tag,
    custom: Option<Box<str>>,
) -> Node<'a> {
    let kind = if map {
        Kind::Map(items, tag, custom)
    } else {
        Kind::Seq(items, tag, custom)
    };
    Node { at, kind }
}

/// A tag for another kind of node (`!!int [a]`, `!!seq x`).
fn misplaced_tag(tag: Option<&granit_parser::Tag>, shape: Shape, at: Location) -> Option<Error> {
    let tag = tag?;
    let required = Tag::of(tag).requires()?;
    if required == shape {
        return None;
    }
    let message = if Tag::of(tag) == Tag::Include {
        "!include currently only supports the scalar form: !include <path>".to_owned()
    } else {
        format!("unsupported tag `{}`", tag.original())
    };
    Some(Error::at(message, at))
}
