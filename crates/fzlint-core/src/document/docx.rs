//! Word documents (`.docx`): the paragraphs of `word/document.xml` in
//! order, one per line — table cells' and text boxes' paragraphs included —
//! read with `zip` and `quick-xml`.
//!
//! - **Automatic numbering** (`word/numbering.xml`) is rendered into the
//!   text as Word shows it: `lvlText` such as `%1、` or `（%2）` with each
//!   level's counter in its `numFmt` (`chineseCounting` 一二三,
//!   `decimal`, `decimalEnclosedCircle` ①, letters, roman numerals…), so a
//!   heading numbered by Word as （一） is seen as （一）. Numbering comes from
//!   the paragraph or from its style (`word/styles.xml`, following
//!   `basedOn`).
//! - **Headings**: a paragraph with an outline level (its own or its
//!   style's), a `heading N`/`标题 N` style, or the `Title` style is a heading
//!   at that level. Style ids in Chinese Word are often numeric (`1`, `2`),
//!   so styles are matched by their names and outline levels, not their ids.
//! - **Tracked changes** are read as accepted: insertions are text,
//!   deletions (and moved-away text) are not, and a deleted paragraph mark
//!   joins the paragraph to the next. Comments, footnotes, headers and
//!   field codes are not report text; field results are.
//! - **Comments** (`word/comments.xml`) are read beside the text: each
//!   comment's author and text, and the range of the text it is anchored on
//!   (`commentRangeStart` … `commentRangeEnd`), for suppressions written as
//!   Word comments (see `engine/suppress.rs`).
//!
//! - **Hostile files** are read in bounded time and memory, or refused
//!   with an [`InputError`] naming the file and the part: what is inflated
//!   is bounded ([`inflated_limit`], so a zip bomb is refused, without being
//!   inflated if its sizes are true); list levels past Word's nine are
//!   ignored, counters stop at their largest value, and a list number is
//!   at most 64 characters (letters and roman numerals far past any real
//!   list are written in digits); paragraphs in text boxes in paragraphs,
//!   however deep, are read without recursion.
//!
//! Paragraphs are numbered from 1 in document order (a table cell's and a
//! text box's paragraphs count). Spans are byte offsets into the extracted
//! text; [`Piece`]s map that text back to `word/document.xml` for
//! `fzlint annotate`.

use std::collections::HashMap;
use std::io::Read;
use std::ops::Range;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::reader::Reader;

use super::{Comment, Extracted, Format, Locations};
use crate::document::outline::MarkdownHeading;
use crate::error::InputError;
use crate::text::source::SourceFile;

const WHAT: &str = "Word 文档";

/// A stretch of extracted text that comes from one text node of
/// `word/document.xml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Byte range in the extracted text.
    pub text: Range<usize>,
    /// Byte range in `document.xml`: the text node, or the whole element
    /// for a tab, a break or a character reference (one character).
    pub xml: Range<usize>,
    /// Whether `xml` is a text node whose bytes are exactly the text (so it
    /// can be split anywhere); otherwise it is one element or reference.
    pub splittable: bool,
    /// The run it is in: the byte range of the `<w:r …>` start tag and of its
    /// `<w:rPr>…</w:rPr>` (empty when the run has none).
    pub run: Option<(Range<usize>, Range<usize>)>,
    /// Where the run ends: the byte offset just after its `</w:r>`.
    pub run_end: usize,
}

/// A Word document's text with its structure and the map back to its XML.
#[derive(Debug)]
pub struct DocxText {
    /// The paragraphs, one per line (a manual line break starts another
    /// line in the same paragraph), each line ending in `\n`.
    pub text: String,
    /// For each line, its paragraph's number (1-based).
    pub paragraphs: Vec<u32>,
    /// Heading lines: (line index, level).
    pub headings: Vec<(usize, u8)>,
    /// Where the text came from in `word/document.xml`, in text order.
    pub pieces: Vec<Piece>,
    /// For each line, the byte range in `document.xml` of its paragraph's
    /// `<w:p>` element.
    pub paragraph_xml: Vec<Range<usize>>,
    /// The comment ranges (`commentRangeStart` … `commentRangeEnd`) inside
    /// paragraphs, by comment id, as ranges of the text, in order of their
    /// starts.
    pub comment_ranges: Vec<(String, Range<usize>)>,
}

/// Reads a `.docx` for checking.
pub fn read(name: &str, bytes: &[u8]) -> Result<Extracted, InputError> {
    let parts = Parts::open(name, bytes)?;
    let doc = extract(name, &parts)?;
    if doc.text.trim().is_empty() {
        return Err(InputError::Empty {
            path: name.to_owned(),
        });
    }
    let comments = comments(name, parts.comments.as_deref(), &doc.comment_ranges)?;
    let source = SourceFile::new(name, doc.text);
    let headings = doc
        .headings
        .iter()
        .filter_map(|&(line, depth)| {
            let range = source.line_range(line);
            let text = &source.text()[range.clone()];
            let trimmed = text.trim();
            if trimmed.is_empty() {
                return None;
            }
            let start = range.start + (text.len() - text.trim_start().len());
            Some(MarkdownHeading {
                first_line: line,
                last_line: line,
                depth,
                text: start..start + trimmed.len(),
            })
        })
        .collect();
    Ok(Extracted {
        source,
        format: Format::Docx,
        headings,
        locations: Locations::Paragraphs(doc.paragraphs),
        published: None,
        comments,
    })
}

/// The document's Word comments that are anchored on its text: their
/// author, text (paragraphs joined by line breaks) and range.
fn comments(
    name: &str,
    xml: Option<&str>,
    ranges: &[(String, Range<usize>)],
) -> Result<Vec<Comment>, InputError> {
    let Some(xml) = xml else {
        return Ok(Vec::new());
    };
    if ranges.is_empty() {
        return Ok(Vec::new());
    }
    let mut reader = Reader::from_str(xml);
    let mut found: HashMap<String, (String, String)> = HashMap::new();
    let mut current: Option<(String, String, String)> = None;
    let mut in_text = false;
    let mut paragraphs = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| xml_error(name, "word/comments.xml", &e))?;
        match event {
            Event::Start(e) => match local(&e).as_str() {
                "comment" => {
                    let id = attr(&e, "id").unwrap_or_default();
                    let author = attr(&e, "author").unwrap_or_default();
                    current = Some((id, author, String::new()));
                    paragraphs = 0;
                }
                "p" => {
                    if let Some((_, _, text)) = &mut current
                        && paragraphs > 0
                    {
                        text.push('\n');
                    }
                    paragraphs += 1;
                }
                "t" => in_text = true,
                _ => {}
            },
            Event::End(e) => {
                let end = e.local_name();
                if end.as_ref() == "comment" {
                    if let Some((id, author, text)) = current.take() {
                        found.insert(id, (author, text));
                    }
                } else if end.as_ref() == "t" {
                    in_text = false;
                }
            }
            Event::Text(t) if in_text => {
                if let Some((_, _, text)) = &mut current {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let (Some((_, _, text)), Some(c)) = (&mut current, reference_text(&r)) {
                    text.push_str(&c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(ranges
        .iter()
        .filter_map(|(id, range)| {
            let (author, text) = found.get(id)?;
            Some(Comment {
                author: author.clone(),
                text: text.clone(),
                range: range.clone(),
            })
        })
        .collect())
}

/// The text of a character reference (`&#x4E00;`) or a predefined entity
/// (`&amp;`); `None` for anything else.
fn reference_text(r: &BytesRef<'_>) -> Option<String> {
    r.resolve_char_ref()
        .ok()
        .flatten()
        .map(String::from)
        .or_else(|| {
            quick_xml::escape::resolve_predefined_entity(&r.xml10_content()).map(str::to_owned)
        })
}

/// The author of the comments and tracked changes fzlint writes
/// (`annotate`): a comment by this author is never the report author's
/// suppression, and fzlint's own earlier comments are replaced, not kept.
pub const FZLINT_AUTHOR: &str = "fzlint";

/// The least fzlint inflates from one `.docx` before refusing it: 64 MiB
/// for the parts it reads together. A year's report's `document.xml` is
/// tens of kilobytes to a few megabytes (a 300-page document full of tables
/// stays under 20 MB); its `styles.xml` and `numbering.xml` are smaller.
pub const INFLATED_FLOOR: u64 = 64 << 20;

/// How many times its own size a larger `.docx` may inflate to. The XML of
/// real Word documents compresses 5–15 times (pictures, most of a large
/// file, not at all), deflate at most about 1,000 times: 50 lets every real
/// document through and refuses a zip bomb at a twentieth of its size.
pub const INFLATED_RATIO: u64 = 50;

/// The most fzlint inflates from any `.docx`, however large: 256 MiB. Reading
/// and checking a document takes several times its XML in memory, and the
/// same engine runs in a browser page (WebAssembly's 4 GiB at most).
pub const INFLATED_CEILING: u64 = 256 << 20;

/// How many bytes the parts fzlint reads from a `.docx` of `compressed`
/// bytes may inflate to, together: [`INFLATED_RATIO`] times its size, but at
/// least [`INFLATED_FLOOR`] and at most [`INFLATED_CEILING`].
pub fn inflated_limit(compressed: usize) -> u64 {
    u64::try_from(compressed)
        .unwrap_or(u64::MAX)
        .saturating_mul(INFLATED_RATIO)
        .clamp(INFLATED_FLOOR, INFLATED_CEILING)
}

/// A `.docx` opened for reading its parts. What is inflated is bounded (see
/// [`inflated_limit`]): each part is read through [`Read::take`], so a zip
/// bomb is refused, naming the part, without ever holding more than the
/// bound in memory.
#[derive(Debug)]
pub struct Package<'a> {
    name: &'a str,
    archive: zip::ZipArchive<std::io::Cursor<&'a [u8]>>,
    /// The bound on all the parts read, in bytes.
    limit: u64,
    /// What is left of it.
    remaining: u64,
}

impl<'a> Package<'a> {
    /// Opens the zip; `name` is what messages call the file.
    pub fn open(name: &'a str, bytes: &'a [u8]) -> Result<Package<'a>, InputError> {
        if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
            return Err(InputError::Unsupported {
                path: name.to_owned(),
                what: "这个文件：它其实是旧版 .doc 文档（或加密的 Word 文档）",
                advice: "请在 Word 或 WPS 中另存为 .docx（不加密）后再检查",
            });
        }
        let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| malformed(name, format!("不是有效的 .docx（zip）文件：{e}")))?;
        let limit = inflated_limit(bytes.len());
        Ok(Package {
            name,
            archive,
            limit,
            remaining: limit,
        })
    }

    /// The text of the part at `path`, `None` if there is none. Fails if it
    /// is not UTF-8, or if it would take the parts read so far past the
    /// bound: its declared size is checked before anything is inflated, and
    /// at most one byte more than what is left is ever read.
    pub fn part(&mut self, path: &str) -> Result<Option<String>, InputError> {
        let name = self.name;
        let mut file = match self.archive.by_name(path) {
            Ok(file) => file,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(malformed(name, format!("{path}：{e}"))),
        };
        let too_large = |alone: bool| {
            let mb = self.limit >> 20;
            malformed(
                name,
                if alone {
                    format!("{path} 解压后超过 {mb} MB，可能不是正常的报告（压缩炸弹）")
                } else {
                    format!(
                        "{path} 解压后，读取的各部分合计超过 {mb} MB，可能不是正常的报告（压缩炸弹）"
                    )
                },
            )
        };
        let declared = file.size();
        if declared > self.remaining {
            return Err(too_large(declared > self.limit));
        }
        let mut bytes = Vec::new();
        // The declared size is at most what is left of the bound; if the
        // memory cannot be had, the vector grows as it is read instead.
        let _ = bytes.try_reserve_exact(usize::try_from(declared).unwrap_or(0));
        let read = (&mut file)
            .take(self.remaining.saturating_add(1))
            .read_to_end(&mut bytes)
            // A part inflating past the size its headers declare, a wrong
            // CRC, broken deflate data.
            .map_err(|e| malformed(name, format!("{path} 解压失败，文件可能已损坏：{e}")))?;
        let read = u64::try_from(read).unwrap_or(u64::MAX);
        if read > self.remaining {
            return Err(too_large(read > self.limit));
        }
        self.remaining -= read;
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| malformed(name, format!("{path}：不是 UTF-8 编码的 XML")))
    }

    /// The zip archive itself (to copy the parts fzlint does not read).
    pub fn into_archive(self) -> zip::ZipArchive<std::io::Cursor<&'a [u8]>> {
        self.archive
    }
}

fn malformed(name: &str, reason: String) -> InputError {
    InputError::Malformed {
        path: name.to_owned(),
        what: WHAT,
        reason,
    }
}

/// The parts of a `.docx` that fzlint reads.
#[derive(Debug)]
pub struct Parts {
    /// `word/document.xml`.
    pub document: String,
    /// `word/numbering.xml`, if any.
    pub numbering: Option<String>,
    /// `word/styles.xml`, if any.
    pub styles: Option<String>,
    /// `word/comments.xml`, if any.
    pub comments: Option<String>,
}

impl Parts {
    /// Opens the zip and reads the parts.
    pub fn open(name: &str, bytes: &[u8]) -> Result<Parts, InputError> {
        Parts::read(&mut Package::open(name, bytes)?)
    }

    /// Reads the parts of an opened package.
    pub fn read(package: &mut Package<'_>) -> Result<Parts, InputError> {
        let name = package.name;
        let mut part = |path: &str| -> Result<Option<String>, InputError> {
            let Some(mut text) = package.part(path)? else {
                return Ok(None);
            };
            // A part may start with a UTF-8 byte-order mark (Word accepts
            // it), even twice. quick-xml skips marks without counting them
            // in its positions, and `annotate` splices at those positions:
            // drop them here, so a position is an offset into `text` (a
            // part written back without them is still UTF-8 XML).
            let marks = text.len() - text.trim_start_matches('\u{FEFF}').len();
            text.drain(..marks);
            Ok(Some(text))
        };
        let document = part("word/document.xml")?
            .ok_or_else(|| malformed(name, "缺少 word/document.xml，不是 Word 文档".to_owned()))?;
        Ok(Parts {
            numbering: part("word/numbering.xml")?,
            styles: part("word/styles.xml")?,
            comments: part("word/comments.xml")?,
            document,
        })
    }
}

/// The value of a `w:val` (or other) attribute, by local name.
fn attr(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

fn val(element: &BytesStart<'_>) -> Option<String> {
    attr(element, "val")
}

fn local(element: &BytesStart<'_>) -> String {
    element.local_name().as_ref().to_owned()
}

/// Word's list levels: `w:ilvl` is 0–8.
const LEVELS: usize = 9;

/// The most characters of a list number (a level's `lvlText` and what it
/// renders to): real ones are a few, like `（一）` or `1.2.3.`; a longer one
/// is cut, so a number cannot multiply the text of every paragraph it
/// numbers.
const MAX_NUMBER_CHARS: usize = 64;

/// The level a numbering definition's `w:ilvl` defines: one of Word's
/// nine, or `None` for a number past them (ignored); anything unreadable is
/// level 0.
fn defined_level(value: Option<String>) -> Option<usize> {
    match value.map(|v| v.parse::<u64>()) {
        Some(Ok(n)) => usize::try_from(n).ok().filter(|&n| n < LEVELS),
        Some(Err(_)) | None => Some(0),
    }
}

/// The level a paragraph's (or its style's) `w:ilvl` asks for: a number
/// past Word's nine levels is [`LEVELS`], which no list defines (so the
/// paragraph is not numbered); anything unreadable is level 0.
fn paragraph_level(value: Option<String>) -> usize {
    match value.map(|v| v.parse::<u64>()) {
        Some(Ok(n)) => usize::try_from(n).map_or(LEVELS, |n| n.min(LEVELS)),
        Some(Err(_)) | None => 0,
    }
}

/// `text` cut to at most [`MAX_NUMBER_CHARS`] characters.
fn cut(mut text: String) -> String {
    if let Some((end, _)) = text.char_indices().nth(MAX_NUMBER_CHARS) {
        text.truncate(end);
    }
    text
}

/// One level of a numbering definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
    legal: bool,
}

/// `word/numbering.xml`: the levels of each `numId`, with start overrides.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    nums: HashMap<String, (String, HashMap<usize, u32>)>,
}

impl Numbering {
    fn parse(name: &str, xml: &str) -> Result<Numbering, InputError> {
        let mut numbering = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut num: Option<String> = None;
        let mut override_level: Option<usize> = None;
        loop {
            let event = reader
                .read_event()
                .map_err(|e| xml_error(name, "word/numbering.xml", &e))?;
            match event {
                Event::Start(e) | Event::Empty(e) => match local(&e).as_str() {
                    "abstractNum" => abstract_id = attr(&e, "abstractNumId"),
                    "lvl" => {
                        let ilvl = defined_level(attr(&e, "ilvl"));
                        if num.is_some() {
                            override_level = ilvl;
                        } else {
                            level = ilvl.map(|ilvl| {
                                (
                                    ilvl,
                                    Level {
                                        start: 1,
                                        format: "decimal".to_owned(),
                                        ..Level::default()
                                    },
                                )
                            });
                        }
                    }
                    "start" => {
                        if let (Some((_, l)), Some(v)) = (&mut level, val(&e)) {
                            l.start = v.parse().unwrap_or(1);
                        }
                    }
                    "numFmt" => {
                        if let (Some((_, l)), Some(v)) = (&mut level, val(&e)) {
                            l.format = v;
                        }
                    }
                    "lvlText" => {
                        if let (Some((_, l)), Some(v)) = (&mut level, val(&e)) {
                            l.text = cut(v);
                        }
                    }
                    "isLgl" => {
                        if let Some((_, l)) = &mut level {
                            l.legal = val(&e).is_none_or(|v| v != "0" && v != "false");
                        }
                    }
                    "num" => num = attr(&e, "numId"),
                    "abstractNumId" => {
                        if let (Some(id), Some(v)) = (&num, val(&e)) {
                            numbering.nums.insert(id.clone(), (v, HashMap::new()));
                        }
                    }
                    "lvlOverride" => {
                        override_level = attr(&e, "ilvl")
                            .and_then(|v| v.parse().ok())
                            .filter(|&l| l < LEVELS);
                    }
                    "startOverride" => {
                        if let (Some(id), Some(l), Some(v)) = (&num, override_level, val(&e))
                            && let Some((_, overrides)) = numbering.nums.get_mut(id)
                        {
                            overrides.insert(l, v.parse().unwrap_or(1));
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    "lvl" => {
                        if let (Some(id), Some((ilvl, l))) = (&abstract_id, level.take()) {
                            let levels = numbering.abstracts.entry(id.clone()).or_default();
                            if levels.len() <= ilvl {
                                levels.resize(ilvl + 1, Level::default());
                            }
                            levels[ilvl] = l;
                        }
                    }
                    "abstractNum" => abstract_id = None,
                    "num" => num = None,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(numbering)
    }

    fn levels(&self, num_id: &str) -> Option<(&[Level], &HashMap<usize, u32>)> {
        let (abstract_id, overrides) = self.nums.get(num_id)?;
        Some((self.abstracts.get(abstract_id)?.as_slice(), overrides))
    }
}

/// A paragraph style: what it contributes to a paragraph.
#[derive(Debug, Clone, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num: Option<(String, usize)>,
}

#[derive(Debug, Default)]
struct Styles {
    styles: HashMap<String, Style>,
    default_paragraph: Option<String>,
}

impl Styles {
    fn parse(name: &str, xml: &str) -> Result<Styles, InputError> {
        let mut styles = Styles::default();
        let mut reader = Reader::from_str(xml);
        let mut current: Option<(String, Style, bool)> = None;
        let mut in_ppr = false;
        let mut num_ilvl = 0usize;
        let mut num_id: Option<String> = None;
        loop {
            let event = reader
                .read_event()
                .map_err(|e| xml_error(name, "word/styles.xml", &e))?;
            match event {
                Event::Start(e) | Event::Empty(e) => match local(&e).as_str() {
                    "style" => {
                        let paragraph = attr(&e, "type").as_deref() == Some("paragraph");
                        let default = attr(&e, "default").is_some_and(|v| v == "1" || v == "true");
                        if let Some(id) = attr(&e, "styleId") {
                            if paragraph && default {
                                styles.default_paragraph = Some(id.clone());
                            }
                            current = Some((id, Style::default(), paragraph));
                        }
                    }
                    "name" => {
                        if let (Some((_, s, _)), Some(v)) = (&mut current, val(&e)) {
                            s.name = v;
                        }
                    }
                    "basedOn" => {
                        if let Some((_, s, _)) = &mut current {
                            s.based_on = val(&e);
                        }
                    }
                    "pPr" => in_ppr = true,
                    "outlineLvl" if in_ppr => {
                        if let (Some((_, s, _)), Some(v)) = (&mut current, val(&e)) {
                            s.outline = v.parse().ok();
                        }
                    }
                    "ilvl" if in_ppr => num_ilvl = paragraph_level(val(&e)),
                    "numId" if in_ppr => num_id = val(&e),
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    "pPr" => {
                        in_ppr = false;
                        if let (Some((_, s, _)), Some(id)) = (&mut current, num_id.take()) {
                            s.num = Some((id, num_ilvl));
                        }
                        num_ilvl = 0;
                    }
                    "style" => {
                        if let Some((id, style, true)) = current.take() {
                            styles.styles.insert(id, style);
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(styles)
    }

    /// The style chain from `id` up its `basedOn` parents (at most 16).
    fn chain(&self, id: Option<&str>) -> Vec<&Style> {
        let mut out = Vec::new();
        let mut next = id.or(self.default_paragraph.as_deref());
        while let Some(id) = next {
            let Some(style) = self.styles.get(id) else {
                break;
            };
            out.push(style);
            if out.len() >= 16 {
                break;
            }
            next = style.based_on.as_deref();
        }
        out
    }

    /// The heading level (1-based) a style gives, if any.
    fn heading_level(&self, id: Option<&str>) -> Option<u8> {
        for style in self.chain(id) {
            if let Some(outline) = style.outline {
                return (outline < 9).then(|| outline + 1);
            }
            let name = style.name.to_lowercase();
            if name == "title" || name == "标题" {
                return Some(1);
            }
            for prefix in ["heading ", "标题 ", "heading", "标题"] {
                if let Some(n) = name.strip_prefix(prefix)
                    && let Ok(level) = n.trim().parse::<u8>()
                    && (1..=9).contains(&level)
                {
                    return Some(level);
                }
            }
        }
        None
    }

    /// The numbering a style gives, if any.
    fn numbering(&self, id: Option<&str>) -> Option<(String, usize)> {
        self.chain(id).into_iter().find_map(|s| s.num.clone())
    }
}

fn xml_error(name: &str, part: &str, error: &quick_xml::Error) -> InputError {
    InputError::Malformed {
        path: name.to_owned(),
        what: WHAT,
        reason: format!("{part} 不是有效的 XML：{error}"),
    }
}

/// The largest counter written in letters (`A`…`Z`, `AA`…, up to 32 of
/// them) and in roman numerals (`MMMCMXCIX`); larger ones are written in
/// digits, as no real list reaches them.
const MAX_LETTERS: u32 = 26 * 32;
const MAX_ROMAN: u32 = 3999;

/// A counter in a numbering format.
fn format_number(n: u32, format: &str) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    const LEGAL: [&str; 10] = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];
    let chinese = |digits: &[&str; 10], ten: &str| -> String {
        match n {
            0..=9 => digits[n as usize].to_owned(),
            10..=19 => format!(
                "{ten}{}",
                if n == 10 {
                    ""
                } else {
                    digits[(n - 10) as usize]
                }
            ),
            20..=99 => format!(
                "{}{ten}{}",
                digits[(n / 10) as usize],
                if n.is_multiple_of(10) {
                    ""
                } else {
                    digits[(n % 10) as usize]
                }
            ),
            _ => n.to_string(),
        }
    };
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "ideographDigital"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => chinese(&DIGITS, "十"),
        "chineseLegalSimplified" => chinese(&LEGAL, "拾"),
        "ideographTraditional" => ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"]
            .get((n as usize).wrapping_sub(1))
            .map_or_else(|| n.to_string(), |s| (*s).to_owned()),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32))
            .collect(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "upperLetter" | "lowerLetter" if n <= MAX_LETTERS => {
            let letter = char::from(b'A' + ((n.max(1) - 1) % 26) as u8);
            let s = letter
                .to_string()
                .repeat(((n.max(1) - 1) / 26 + 1) as usize);
            if format == "lowerLetter" {
                s.to_lowercase()
            } else {
                s
            }
        }
        "upperRoman" | "lowerRoman" if n <= MAX_ROMAN => {
            let roman = roman(n);
            if format == "lowerRoman" {
                roman.to_lowercase()
            } else {
                roman
            }
        }
        "none" => String::new(),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// List counters: per `numId`, the current count of each level.
#[derive(Default)]
struct Counters {
    counts: HashMap<String, Vec<Option<u32>>>,
}

impl Counters {
    /// Advances the counter of (`num_id`, `ilvl`) and renders its text.
    fn next(&mut self, numbering: &Numbering, num_id: &str, ilvl: usize) -> Option<String> {
        let (levels, overrides) = numbering.levels(num_id)?;
        let level = levels.get(ilvl)?;
        let counts = self
            .counts
            .entry(num_id.to_owned())
            .or_insert_with(|| vec![None; LEVELS]);
        if counts.len() <= ilvl {
            counts.resize(ilvl + 1, None);
        }
        let start = |l: usize| {
            overrides
                .get(&l)
                .copied()
                .unwrap_or_else(|| levels.get(l).map_or(1, |lv| lv.start))
        };
        counts[ilvl] = Some(counts[ilvl].map_or(start(ilvl), |c| c.saturating_add(1)));
        for deeper in counts.iter_mut().skip(ilvl + 1) {
            *deeper = None;
        }
        if level.format == "bullet" {
            return Some(level.text.clone());
        }
        let mut text = level.text.clone();
        for l in (0..=ilvl).rev() {
            let placeholder = format!("%{}", l + 1);
            if text.contains(&placeholder) {
                let value = counts[l].unwrap_or_else(|| start(l));
                let format = if level.legal {
                    "decimal"
                } else {
                    levels.get(l).map_or("decimal", |lv| lv.format.as_str())
                };
                text = text.replace(&placeholder, &format_number(value, format));
            }
        }
        Some(cut(text))
    }
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Paragraph {
    number: u32,
    xml: Range<usize>,
    text: String,
    pieces: Vec<Piece>,
    style: Option<String>,
    num: Option<(Option<String>, usize)>,
    outline: Option<u8>,
    mark_deleted: bool,
    /// Comment range starts (`true`) and ends in it: id, offset in its text.
    comment_marks: Vec<(String, bool, usize)>,
}

/// Reads the text of a document's parts.
pub fn extract(name: &str, parts: &Parts) -> Result<DocxText, InputError> {
    let numbering = match &parts.numbering {
        Some(xml) => Numbering::parse(name, xml)?,
        None => Numbering::default(),
    };
    let styles = match &parts.styles {
        Some(xml) => Styles::parse(name, xml)?,
        None => Styles::default(),
    };
    let mut reader = Reader::from_str(parts.document.as_str());
    let mut body = Body::new(&styles, &numbering);
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .map_err(|e| xml_error(name, "word/document.xml", &e))?;
        let at = before..reader.buffer_position() as usize;
        match event {
            Event::Start(e) => body.start(&e, at),
            Event::Empty(e) => body.empty(&e, at),
            Event::End(e) => body.end(e.local_name().as_ref(), at),
            Event::Text(t) if body.in_text() => body.text(&t.xml10_content(), at),
            Event::GeneralRef(r) if body.in_text() => body.reference(&r, at),
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(open) = body.stack.last() {
        return Err(InputError::Malformed {
            path: name.to_owned(),
            what: WHAT,
            reason: format!("word/document.xml 不完整（<{open}> 没有结束），文件可能已损坏"),
        });
    }
    Ok(body.lines.finish())
}

/// Elements whose content is not report text: deletions, field codes,
/// the fallback copy of a text box, footnote and comment references.
fn skipped(tag: &str) -> bool {
    matches!(
        tag,
        "del" | "moveFrom" | "instrText" | "delText" | "Fallback" | "delInstrText"
    )
}

/// `word/document.xml` being read, one XML event at a time: the open
/// elements, the paragraphs being read (a text box's paragraphs nest inside
/// their paragraph's) and those finished, and where in a run and its text
/// the reader is. Each event comes with its byte range in the XML.
struct Body<'a> {
    styles: &'a Styles,
    numbering: &'a Numbering,
    /// The local names of the open elements.
    stack: Vec<String>,
    /// Paragraphs being read, innermost last.
    paragraphs: Vec<Paragraph>,
    /// The paragraphs of the outermost paragraph being read (itself and
    /// those of its text boxes) finished so far, in the order they end.
    finished: Vec<Paragraph>,
    /// The finished outermost paragraphs, as lines.
    lines: Lines,
    /// Paragraphs started so far (their 1-based numbers).
    count: u32,
    /// The depth of the skipped element (a deletion, a field code) the
    /// reader is inside, if any.
    skip_depth: Option<usize>,
    /// The run being read: its start tag and its properties (`rPr`).
    run: Option<(Range<usize>, Range<usize>)>,
    /// Where the run's `rPr` starts, while it is being read.
    rpr_start: Option<usize>,
    /// Inside a `w:t`.
    in_text: bool,
    counters: Counters,
}

impl<'a> Body<'a> {
    fn new(styles: &'a Styles, numbering: &'a Numbering) -> Body<'a> {
        Body {
            styles,
            numbering,
            stack: Vec::new(),
            paragraphs: Vec::new(),
            finished: Vec::new(),
            lines: Lines::new(),
            count: 0,
            skip_depth: None,
            run: None,
            rpr_start: None,
            in_text: false,
            counters: Counters::default(),
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, at: Range<usize>) {
        let tag = local(e);
        if self.skip_depth.is_none() {
            if skipped(&tag) {
                self.skip_depth = Some(self.stack.len());
            } else {
                let parent = self.stack.last().map(String::as_str);
                match tag.as_str() {
                    "p" => self.open_paragraph(at),
                    "r" => self.run = Some((at.clone(), at.end..at.end)),
                    "rPr" if parent == Some("r") => self.rpr_start = Some(at.start),
                    "t" => self.in_text = true,
                    _ => self.paragraph_property(&tag, e),
                }
            }
        }
        self.stack.push(tag);
    }

    fn empty(&mut self, e: &BytesStart<'_>, at: Range<usize>) {
        if self.skip_depth.is_some() {
            return;
        }
        let tag = local(e);
        let in_run = self.stack.last().is_some_and(|t| t == "r");
        let character = match tag.as_str() {
            "p" => {
                self.open_paragraph(at);
                self.finish_paragraph();
                return;
            }
            "tab" if in_run => Some("\t"),
            "br" if in_run => match attr(e, "type").as_deref() {
                Some("page" | "column") => None,
                _ => Some("\n"),
            },
            "cr" if in_run => Some("\n"),
            "noBreakHyphen" if in_run => Some("-"),
            "commentRangeStart" | "commentRangeEnd" => {
                if let (Some(p), Some(id)) = (self.paragraphs.last_mut(), attr(e, "id")) {
                    let at = p.text.len();
                    p.comment_marks.push((id, tag == "commentRangeStart", at));
                }
                None
            }
            _ => {
                self.paragraph_property(&tag, e);
                None
            }
        };
        if let Some(c) = character {
            self.push_text(c, at, false);
        }
    }

    fn end(&mut self, local_name: &str, at: Range<usize>) {
        self.stack.pop();
        if self.skip_depth == Some(self.stack.len()) {
            self.skip_depth = None;
            return;
        }
        if self.skip_depth.is_some() {
            return;
        }
        match local_name {
            "p" => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.xml.end = at.end;
                }
                self.finish_paragraph();
            }
            "r" => {
                // Every piece of the run learns where it ends.
                if let (Some((tag, _)), Some(p)) = (&self.run, self.paragraphs.last_mut()) {
                    for piece in p.pieces.iter_mut().rev() {
                        if piece.run.as_ref().is_none_or(|(t, _)| t != tag) {
                            break;
                        }
                        piece.run_end = at.end;
                    }
                }
                self.run = None;
            }
            "rPr" if self.stack.last().is_some_and(|t| t == "r") => {
                if let (Some(start), Some((_, rpr))) = (self.rpr_start.take(), &mut self.run) {
                    *rpr = start..at.end;
                }
            }
            "t" => self.in_text = false,
            _ => {}
        }
    }

    /// Whether the reader is inside a `w:t` whose text is report text.
    fn in_text(&self) -> bool {
        self.in_text && self.skip_depth.is_none()
    }

    /// The text of a `w:t` (see [`Body::in_text`]).
    fn text(&mut self, content: &str, at: Range<usize>) {
        // Text without escapes can be split for a comment inside it.
        let splittable = content.len() == at.len();
        self.push_text(content, at, splittable);
    }

    /// A character or entity reference inside a `w:t` (see
    /// [`Body::in_text`]).
    fn reference(&mut self, r: &BytesRef<'_>, at: Range<usize>) {
        if let Some(text) = reference_text(r) {
            self.push_text(&text, at, false);
        }
    }

    /// Adds text to the innermost paragraph, remembering where in the XML
    /// and in which run it is.
    fn push_text(&mut self, text: &str, at: Range<usize>, splittable: bool) {
        if let Some(p) = self.paragraphs.last_mut() {
            let start = p.text.len();
            p.text.push_str(text);
            p.pieces.push(Piece {
                text: start..p.text.len(),
                run_end: at.end,
                xml: at,
                splittable,
                run: self.run.clone(),
            });
        }
    }

    fn open_paragraph(&mut self, at: Range<usize>) {
        self.count += 1;
        self.paragraphs.push(Paragraph {
            number: self.count,
            xml: at,
            ..Paragraph::default()
        });
    }

    /// Records a paragraph property (`pStyle`, `numPr`, `outlineLvl`, a
    /// deleted paragraph mark) of the innermost paragraph.
    fn paragraph_property(&mut self, tag: &str, e: &BytesStart<'_>) {
        let stack = &self.stack;
        let Some(p) = self.paragraphs.last_mut() else {
            return;
        };
        let in_ppr = stack.iter().rev().take(3).any(|t| t == "pPr")
            && !stack
                .iter()
                .rev()
                .take_while(|t| *t != "pPr")
                .any(|t| t == "r");
        if !in_ppr {
            return;
        }
        match tag {
            "pStyle" => p.style = val(e),
            "ilvl" => {
                let ilvl = paragraph_level(val(e));
                let id = p.num.take().and_then(|(id, _)| id);
                p.num = Some((id, ilvl));
            }
            "numId" => {
                let ilvl = p.num.take().map_or(0, |(_, l)| l);
                p.num = Some((val(e), ilvl));
            }
            "outlineLvl" => p.outline = val(e).and_then(|v| v.parse().ok()),
            "del" if stack.last().is_some_and(|t| t == "rPr") => p.mark_deleted = true,
            _ => {}
        }
    }

    /// Ends the innermost paragraph: renders its numbering and, once the
    /// outermost paragraph it is in ends, lays out that paragraph and those
    /// of its text boxes as lines, in the order they start (a text box's
    /// paragraphs end first). The order is a sort, not a walk of the
    /// nesting, so no depth of text boxes within text boxes can exhaust the
    /// stack, and only one outermost paragraph's are ever held.
    fn finish_paragraph(&mut self) {
        let Some(mut p) = self.paragraphs.pop() else {
            return;
        };
        let styles = self.styles;
        if p.outline.is_none() {
            p.outline = styles
                .heading_level(p.style.as_deref())
                .map(|level| level - 1);
        }
        let num = match &p.num {
            Some((Some(id), ilvl)) => Some((id.clone(), *ilvl)),
            Some((None, _)) | None => {
                styles
                    .numbering(p.style.as_deref())
                    .map(|(id, style_ilvl)| {
                        let ilvl = p.num.as_ref().map_or(style_ilvl, |(_, l)| *l);
                        (id, ilvl)
                    })
            }
        };
        if let Some((id, ilvl)) = num
            && id != "0"
            && let Some(prefix) = self.counters.next(self.numbering, &id, ilvl)
        {
            p.text.insert_str(0, &prefix);
            for piece in &mut p.pieces {
                piece.text.start += prefix.len();
                piece.text.end += prefix.len();
            }
            for mark in &mut p.comment_marks {
                mark.2 += prefix.len();
            }
        }
        self.finished.push(p);
        if self.paragraphs.is_empty() {
            self.finished.sort_by_key(|p| p.number);
            for p in self.finished.drain(..) {
                self.lines.push(p);
            }
        }
    }
}

/// The paragraphs laid out as lines as they are finished, in the order
/// they start: a paragraph, then the paragraphs of its text boxes (which end
/// before it does; see [`Body::finish_paragraph`]).
struct Lines {
    out: DocxText,
    /// A paragraph whose mark is deleted, to be joined to the next.
    carry: Option<Paragraph>,
    /// Comment ranges started and not yet ended: id, offset.
    starts: HashMap<String, usize>,
}

impl Lines {
    fn new() -> Lines {
        Lines {
            out: DocxText {
                text: String::new(),
                paragraphs: Vec::new(),
                headings: Vec::new(),
                pieces: Vec::new(),
                paragraph_xml: Vec::new(),
                comment_ranges: Vec::new(),
            },
            carry: None,
            starts: HashMap::new(),
        }
    }

    /// Adds the next paragraph.
    fn push(&mut self, mut p: Paragraph) {
        let heading = p.outline.and_then(|o| (o < 9).then(|| o + 1));
        // A deleted paragraph mark joins a paragraph to the next.
        if let Some(mut before) = self.carry.take() {
            let shift = before.text.len();
            for piece in &mut p.pieces {
                piece.text.start += shift;
                piece.text.end += shift;
            }
            for mark in &mut p.comment_marks {
                mark.2 += shift;
            }
            before.text.push_str(&p.text);
            before.pieces.append(&mut p.pieces);
            before.comment_marks.append(&mut p.comment_marks);
            before.mark_deleted = p.mark_deleted;
            before.xml.end = p.xml.end;
            p = before;
        }
        if p.mark_deleted {
            self.carry = Some(p);
            return;
        }
        self.line(p, heading);
    }

    fn line(&mut self, p: Paragraph, heading: Option<u8>) {
        let out = &mut self.out;
        let base = out.text.len();
        let first_line = out.paragraphs.len();
        let lines = p.text.split('\n').count();
        out.text.push_str(&p.text);
        out.text.push('\n');
        for _ in 0..lines {
            out.paragraphs.push(p.number);
            out.paragraph_xml.push(p.xml.clone());
        }
        if let Some(level) = heading {
            out.headings.push((first_line, level));
        }
        out.pieces.extend(p.pieces.into_iter().map(|mut piece| {
            piece.text.start += base;
            piece.text.end += base;
            piece
        }));
        for (id, start, at) in p.comment_marks {
            let at = base + at;
            if start {
                self.starts.insert(id, at);
            } else if let Some(from) = self.starts.remove(&id) {
                out.comment_ranges.push((id, from..at.max(from)));
            }
        }
    }

    /// The text, once the last paragraph is added.
    fn finish(mut self) -> DocxText {
        if let Some(p) = self.carry.take() {
            self.line(p, None);
        }
        self.out
            .comment_ranges
            .sort_by_key(|(_, r)| (r.start, r.end));
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape""#;

    fn numbering() -> String {
        format!(
            r#"<?xml version="1.0"?><w:numbering {W}>
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"#
        )
    }

    fn styles() -> String {
        // Chinese Word: numeric style ids; "标题 1" numbered through the style.
        format!(
            r#"<?xml version="1.0"?><w:styles {W}>
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="标题 2"/><w:basedOn w:val="a"/></w:style>
<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style>
</w:styles>"#
        )
    }

    fn doc(body: &str) -> DocxText {
        let parts = Parts {
            document: format!(
                r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#
            ),
            numbering: Some(numbering()),
            styles: Some(styles()),
            comments: None,
        };
        extract("t.docx", &parts).unwrap()
    }

    #[test]
    fn comment_ranges_are_text_ranges_after_list_numbers_and_across_paragraphs() {
        let d = doc(concat!(
            r#"<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:commentRangeStart w:id="7"/><w:r><w:t>成效</w:t></w:r><w:commentRangeEnd w:id="7"/></w:p>"#,
            r#"<w:p><w:r><w:t>甲</w:t></w:r><w:commentRangeStart w:id="8"/><w:r><w:t>乙</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>丙</w:t></w:r><w:commentRangeEnd w:id="8"/><w:r><w:t>丁</w:t></w:r></w:p>"#,
            r#"<w:p><w:commentRangeStart w:id="9"/><w:r><w:t>没有结束</w:t></w:r></w:p>"#,
        ));
        assert_eq!(d.text, "一、成效\n甲乙\n丙丁\n没有结束\n");
        let ranges: Vec<(&str, &str)> = d
            .comment_ranges
            .iter()
            .map(|(id, r)| (id.as_str(), &d.text[r.clone()]))
            .collect();
        assert_eq!(ranges, [("7", "成效"), ("8", "乙\n丙")]);
    }

    #[test]
    fn comments_are_read_with_their_author_and_text() {
        let parts = Parts {
            document: format!(
                r#"<?xml version="1.0"?><w:document {W}><w:body><w:p><w:commentRangeStart w:id="1"/><w:r><w:t>正文</w:t></w:r><w:commentRangeEnd w:id="1"/><w:r><w:t>。</w:t></w:r></w:p></w:body></w:document>"#
            ),
            numbering: None,
            styles: None,
            comments: Some(format!(
                r#"<w:comments {W}><w:comment w:id="1" w:author="张三"><w:p><w:r><w:t>fzlint-disable a</w:t></w:r><w:r><w:t xml:space="preserve"> -- 理由&amp;</w:t></w:r></w:p><w:p><w:r><w:t>二</w:t></w:r></w:p></w:comment><w:comment w:id="2" w:author="李四"><w:p/></w:comment></w:comments>"#
            )),
        };
        let doc = extract("t.docx", &parts).unwrap();
        let comments = comments("t.docx", parts.comments.as_deref(), &doc.comment_ranges).unwrap();
        assert_eq!(
            comments,
            [Comment {
                author: "张三".to_owned(),
                text: "fzlint-disable a -- 理由&\n二".to_owned(),
                range: 0..6,
            }]
        );
    }

    fn p(style: &str, text: &str) -> String {
        let ppr = if style.is_empty() {
            String::new()
        } else {
            format!(r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#)
        };
        format!(r#"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"#)
    }

    #[test]
    fn numbering_styles_and_headings() {
        let body = [
            p("a3", "某县人民政府关于2023年度法治政府建设情况的报告"),
            p("1", "主要举措和成效"),
            r#"<w:p><w:pPr><w:pStyle w:val="2"/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>加强组织领导</w:t></w:r></w:p>"#.to_owned(),
            p("", "正文。"),
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>推进依法行政</w:t></w:r></w:p>"#.to_owned(),
            p("1", "存在的不足和原因"),
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>不足</w:t></w:r></w:p>"#.to_owned(),
        ]
        .concat();
        let d = doc(&body);
        let lines: Vec<&str> = d.text.lines().collect();
        assert_eq!(
            lines,
            vec![
                "某县人民政府关于2023年度法治政府建设情况的报告",
                "一、主要举措和成效",
                "（一）加强组织领导",
                "正文。",
                "（二）推进依法行政",
                "二、存在的不足和原因",
                "（一）不足",
            ]
        );
        // Title style, heading 1 (by name and outline level), 标题 2.
        assert_eq!(d.headings, vec![(0, 1), (1, 1), (2, 2), (5, 1)]);
        assert_eq!(d.paragraphs, vec![1, 2, 3, 4, 5, 6, 7]);
    }

    #[test]
    fn tracked_changes_are_read_as_accepted() {
        let body = r#"<w:p><w:r><w:t>严格落实</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>执法公示</w:delText></w:r></w:del><w:ins w:id="2" w:author="a"><w:r><w:t>行政执法公示制度</w:t></w:r></w:ins><w:r><w:t>。</w:t></w:r></w:p>
<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="a"/></w:rPr></w:pPr><w:r><w:t>前半段</w:t></w:r></w:p><w:p><w:r><w:t>后半段。</w:t></w:r></w:p>"#;
        let d = doc(body);
        assert_eq!(d.text, "严格落实行政执法公示制度。\n前半段后半段。\n");
        assert_eq!(d.paragraphs, vec![1, 2]);
    }

    #[test]
    fn tables_text_boxes_breaks_and_references() {
        let body = r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>数量</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>第一行</w:t><w:br/><w:t xml:space="preserve">A &amp; B &#x4E00;</w:t></w:r>
<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>
<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#;
        let d = doc(body);
        assert_eq!(d.text, "项目\n数量\n第一行\nA & B 一3\n文本框\n");
        // The manual line break keeps the paragraph's number; the text box
        // is a paragraph of its own, after the one it sits in.
        assert_eq!(d.paragraphs, vec![1, 2, 3, 3, 4]);
        // Pieces map text back to the XML: "A " is a text node, "&" a reference.
        let amp = d.text.find('&').unwrap();
        let piece = d.pieces.iter().find(|p| p.text.start == amp).unwrap();
        assert!(!piece.splittable);
        let a = d.text.find("A ").unwrap();
        let piece = d.pieces.iter().find(|p| p.text.start == a).unwrap();
        assert!(piece.splittable);
    }

    #[test]
    fn number_formats() {
        assert_eq!(format_number(1, "chineseCounting"), "一");
        assert_eq!(format_number(10, "chineseCounting"), "十");
        assert_eq!(format_number(12, "chineseCounting"), "十二");
        assert_eq!(format_number(20, "chineseCountingThousand"), "二十");
        assert_eq!(format_number(3, "chineseLegalSimplified"), "叁");
        assert_eq!(format_number(2, "decimalEnclosedCircle"), "②");
        assert_eq!(format_number(2, "ideographTraditional"), "乙");
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(7, "decimal"), "7");
    }

    #[test]
    fn a_truncated_document_is_an_error() {
        let parts = Parts {
            document: format!(r#"<w:document {W}><w:body><w:p><w:r><w:t>未完"#),
            numbering: None,
            styles: None,
            comments: None,
        };
        match extract("t.docx", &parts) {
            Err(InputError::Malformed { reason, .. }) => {
                assert!(reason.contains("不完整"), "{reason}")
            }
            other => panic!("{other:?}"),
        }
    }

    /// Hostile documents, shared with the command line's tests.
    #[allow(dead_code)]
    mod hostile {
        include!("../../../../tests/support/hostile_docx.rs");
    }

    /// The reason `炸弹.docx` was refused as a broken Word document.
    fn malformed_reason(result: Result<Extracted, InputError>) -> String {
        let error = match result {
            Err(error) => error,
            Ok(doc) => panic!(
                "read: {}",
                doc.source.text().chars().take(100).collect::<String>()
            ),
        };
        assert!(
            error
                .to_string()
                .starts_with("炸弹.docx: 无法读取 Word 文档："),
            "{error}"
        );
        match error {
            InputError::Malformed { reason, .. } => reason,
            other => panic!("{other}"),
        }
    }

    /// A `.docx` holding only `document` as `word/document.xml`.
    fn packaged(document: &str) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", options).unwrap();
        zip.write_all(document.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn a_zip_bomb_is_refused_before_it_is_inflated() {
        // 200 MiB of document.xml in a 200 KB file.
        let copies = (200 << 20) / 258;
        let bytes = hostile::zip_bomb(&[], &[("word/document.xml", copies, None)]);
        assert!(bytes.len() < 250_000, "{}", bytes.len());
        assert!(hostile::spaces_len(copies) > 3 * inflated_limit(bytes.len()));
        let started = std::time::Instant::now();
        let reason = malformed_reason(read("炸弹.docx", &bytes));
        assert_eq!(
            reason,
            "word/document.xml 解压后超过 64 MB，可能不是正常的报告（压缩炸弹）"
        );
        // Refused from its declared size: nothing inflated.
        assert!(started.elapsed().as_secs() < 2, "{:?}", started.elapsed());
    }

    #[test]
    fn a_zip_bomb_that_lies_about_its_size_is_not_inflated_past_the_lie() {
        // 200 MiB of document.xml that claims to be 1,000 bytes.
        let bytes = hostile::zip_bomb(
            &[],
            &[("word/document.xml", (200 << 20) / 258, Some(1_000))],
        );
        let started = std::time::Instant::now();
        let reason = malformed_reason(read("炸弹.docx", &bytes));
        assert!(
            reason.starts_with("word/document.xml 解压失败，文件可能已损坏："),
            "{reason}"
        );
        assert!(started.elapsed().as_secs() < 2, "{:?}", started.elapsed());
    }

    #[test]
    fn parts_that_inflate_past_the_bound_together_are_refused() {
        // Each part under 64 MiB; together over.
        let copies = (33 << 20) / 258;
        let bytes = hostile::zip_bomb(
            &[],
            &[
                ("word/document.xml", copies, None),
                ("word/styles.xml", copies, None),
            ],
        );
        let reason = malformed_reason(read("炸弹.docx", &bytes));
        assert_eq!(
            reason,
            "word/styles.xml 解压后，读取的各部分合计超过 64 MB，可能不是正常的报告（压缩炸弹）"
        );
    }

    #[test]
    fn the_bound_grows_with_the_file_up_to_a_ceiling() {
        assert_eq!(inflated_limit(0), INFLATED_FLOOR);
        assert_eq!(inflated_limit(1 << 20), INFLATED_FLOOR);
        assert_eq!(inflated_limit(3 << 20), 150 << 20);
        assert_eq!(inflated_limit(50 << 20), INFLATED_CEILING);
        assert_eq!(inflated_limit(usize::MAX), INFLATED_CEILING);
    }

    /// Reads four paragraphs of list 1 under a case of
    /// [`hostile::NUMBERING_CASES`] (and one at a level past Word's nine), in
    /// well under a second; returns the four.
    fn numbering_case(case: &str) -> Vec<String> {
        let (_, levels, overrides) = hostile::NUMBERING_CASES
            .into_iter()
            .find(|(name, ..)| *name == case)
            .unwrap();
        let started = std::time::Instant::now();
        let parts = Parts {
            document: hostile::document_xml(&hostile::numbered_body(4)),
            numbering: Some(hostile::numbering_xml(levels, overrides)),
            styles: Some(styles()),
            comments: None,
        };
        let d = extract("t.docx", &parts).unwrap();
        assert!(started.elapsed().as_secs() < 2, "{:?}", started.elapsed());
        let lines: Vec<String> = d.text.lines().map(str::to_owned).collect();
        assert_eq!(lines[4..], ["层级过大"]);
        assert!(d.headings.is_empty(), "{:?}", d.headings);
        lines[..4].to_vec()
    }

    // Levels past Word's nine are ignored: here level 1 is not defined, so
    // its paragraphs are not numbered.

    #[test]
    fn numbering_level_of_the_largest_u64_is_ignored() {
        assert_eq!(
            numbering_case("ilvl-max"),
            ["1.第1段", "第2段", "2.第3段", "第4段"]
        );
    }

    #[test]
    fn numbering_level_of_300_million_is_ignored() {
        assert_eq!(
            numbering_case("ilvl-300000000"),
            ["1.第1段", "第2段", "2.第3段", "第4段"]
        );
    }

    // Counters beyond any real list are written in digits.

    #[test]
    fn numbering_letters_from_4_billion_are_digits() {
        assert_eq!(
            numbering_case("start-letters"),
            ["4000000000.第1段", "第2段", "4000000001.第3段", "第4段"]
        );
    }

    #[test]
    fn numbering_roman_numerals_from_4_billion_are_digits() {
        assert_eq!(
            numbering_case("start-roman"),
            ["4000000000.第1段", "第2段", "4000000001.第3段", "第4段"]
        );
    }

    #[test]
    fn numbering_counter_stops_at_its_largest_value() {
        assert_eq!(
            numbering_case("start-override-max"),
            ["4294967295.第1段", "第2段", "4294967295.第3段", "第4段"]
        );
    }

    #[test]
    fn numbering_text_is_cut_to_a_sane_length() {
        let lines = numbering_case("long-lvl-text");
        // 806 is 31 Zs, 807 32 As; 20,000 of them would be 620,000 letters.
        let z = format!("{}第1段", "Z".repeat(MAX_NUMBER_CHARS));
        let a = format!("{}第3段", "A".repeat(MAX_NUMBER_CHARS));
        assert_eq!(lines, [z.as_str(), "第2段", a.as_str(), "第4段"]);
    }

    #[test]
    fn outline_levels_past_word_s_nine_are_not_headings() {
        let styles = format!(
            r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="9"><w:name w:val="x"/><w:pPr><w:outlineLvl w:val="255"/></w:pPr></w:style></w:styles>"#
        );
        let parts = Parts {
            document: hostile::document_xml(
                &[
                    p("9", "样式"),
                    r#"<w:p><w:pPr><w:outlineLvl w:val="255"/></w:pPr><w:r><w:t>段落</w:t></w:r></w:p>"#
                        .to_owned(),
                ]
                .concat(),
            ),
            numbering: None,
            styles: Some(styles),
            comments: None,
        };
        let d = extract("t.docx", &parts).unwrap();
        assert_eq!(d.text, "样式\n段落\n");
        assert!(d.headings.is_empty(), "{:?}", d.headings);
    }

    #[test]
    fn numbers_far_past_any_list_are_digits() {
        assert_eq!(format_number(MAX_LETTERS, "upperLetter"), "Z".repeat(32));
        assert_eq!(format_number(MAX_LETTERS + 1, "lowerLetter"), "833");
        assert_eq!(format_number(MAX_ROMAN, "upperRoman"), "MMMCMXCIX");
        assert_eq!(format_number(u32::MAX, "lowerRoman"), "4294967295");
        assert_eq!(format_number(u32::MAX, "chineseCounting"), "4294967295");
        assert_eq!(
            format_number(u32::MAX, "decimalFullWidth"),
            "４２９４９６７２９５"
        );
        assert_eq!(
            format_number(u32::MAX, "ideographTraditional"),
            "4294967295"
        );
        assert_eq!(
            format_number(u32::MAX, "decimalEnclosedCircle"),
            "4294967295"
        );
    }

    #[test]
    fn text_boxes_nested_twenty_thousand_deep_read_in_order() {
        let depth = 20_000;
        let parts = Parts {
            document: hostile::document_xml(&hostile::nested_text_boxes(depth, true)),
            numbering: None,
            styles: None,
            comments: None,
        };
        let d = extract("t.docx", &parts).unwrap();
        let lines: Vec<&str> = d.text.lines().collect();
        assert_eq!(lines.len(), depth + 1);
        assert_eq!(lines[0], "第1层");
        assert_eq!(lines[depth - 1], format!("第{depth}层"));
        assert_eq!(lines[depth], "最里层");
        assert!(d.paragraphs.iter().copied().eq(1..=(depth as u32 + 1)));
        // And the whole way, from the zip to a document's outline, in a
        // thread with a small stack.
        let docx = packaged(&parts.document);
        let lines = std::thread::Builder::new()
            .stack_size(256 << 10)
            .spawn(move || {
                crate::document::Document::read("深.docx", &docx, Format::Docx, None)
                    .map(|d| d.text().lines().count())
            })
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(lines.unwrap(), depth + 1);
    }

    #[test]
    fn text_boxes_nested_deep_and_left_open_are_an_error() {
        let parts = Parts {
            document: hostile::document_xml(&hostile::nested_text_boxes(40_000, false)),
            numbering: None,
            styles: None,
            comments: None,
        };
        match extract("深.docx", &parts) {
            Err(e @ InputError::Malformed { .. }) => {
                assert!(
                    e.to_string()
                        .starts_with("深.docx: 无法读取 Word 文档：word/document.xml"),
                    "{e}"
                )
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn not_a_docx() {
        assert!(matches!(
            Parts::open("x.docx", b"PK\x03\x04\x14\x00"),
            Err(InputError::Malformed { .. })
        ));
        assert!(matches!(
            Parts::open("x.docx", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"),
            Err(InputError::Unsupported { .. })
        ));
    }
}
