//! Web pages: the article as published on a government website, without
//! the site around it.
//!
//! Decoding: `--encoding`, else a byte-order mark, else the page's own
//! `<meta charset>` (GB2312/GBK pages are common), else detection as for
//! text files. Parsing: html5ever through `scraper`. The article is the
//! first of the content containers government CMSs use (`#zoom`,
//! `.TRS_Editor`, `#UCAP-CONTENT`, `.pages_content`, `article`, …) that holds
//! real text, else the element with the most text in its own paragraphs.
//! Its text is laid out line by line as a browser shows it: each block
//! (`<p>`, `<div>`, `<h1>`–`<h6>`, `<li>`, table cells) on its own line,
//! `<br>` a line break (`scraper`'s `.text()` would drop it), runs of
//! whitespace collapsed, `&nbsp;` and full-width spaces kept. Script,
//! style, navigation, forms and site chrome (【打印】【关闭】, ICP/公安备案
//! numbers, 附件下载 lists) are left out. The page's title is put first
//! when the article itself lacks it; its 发布时间 is the report's date of
//! publication (metadata, not text). Headings (`<h1>`–`<h6>`)
//! count like Markdown's. Each line records the line of the HTML source it
//! starts on, where the text can be found there.

use std::collections::HashMap;
use std::sync::LazyLock;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};

use super::{Extracted, Format, Locations};
use crate::document::metadata::Date;
use crate::document::outline::MarkdownHeading;
use crate::error::InputError;
use crate::text::decode;
use crate::text::source::SourceFile;

/// Content containers of common government CMSs, most specific first.
const CONTAINERS: &[&str] = &[
    "#zoom",
    ".TRS_Editor",
    "#UCAP-CONTENT",
    ".pages_content",
    ".article-content",
    ".article_content",
    ".art_con",
    "#art_con",
    ".con_text",
    ".news_content",
    "#news_content",
    ".view",
    "article",
    "#content",
    ".content",
];

/// A container holds the article only if it has at least this much text.
const MIN_ARTICLE_CHARS: usize = 100;

/// Elements whose content is never report text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "svg", "nav", "form", "select",
    "button", "input", "textarea", "head",
];

/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "blockquote",
    "center",
    "pre",
    "address",
    "figure",
    "figcaption",
    "hr",
    "main",
];

/// Lines of site chrome that can sit inside an article container.
static CHROME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(【[^】]{1,8}】\s*)+$|[京沪粤浙苏鲁豫川湘鄂闽赣皖冀晋辽吉黑陕甘青琼滇黔桂蒙宁新藏渝津]ICP[备证]|公网安备|^(字号|字体)[:：]?\s*[【\[]?\s*大|^分享到|^附件(下载)?[:：]?$|^扫一扫|^相关(链接|文章|阅读)[:：]?$|^(上一篇|下一篇)[:：]|^当前位置[:：]|^您现在的位置",
    )
    .expect("constant regex")
});

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)"#).expect("constant regex")
});

static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(发布时间|发布日期)\s*[:：]\s*((?:19|20)[0-9]{2}\s*[-/.年]\s*[0-9]{1,2}\s*[-/.月]\s*[0-9]{1,2})")
        .expect("constant regex")
});

/// Reads a web page.
pub fn read(
    name: &str,
    bytes: &[u8],
    forced: Option<&'static decode::Encoding>,
) -> Result<Extracted, InputError> {
    let (page, decoding) = decode_page(name, bytes, forced)?;
    // The HTML parser's time grows with the square of the nesting depth:
    // refuse a page no CMS would produce before parsing it.
    let depth = nesting_depth(&page);
    if depth > MAX_DEPTH {
        return Err(InputError::Malformed {
            path: name.to_owned(),
            what: "网页",
            reason: format!(
                "元素嵌套多达约 {depth} 层（正常网页不过几十层，上限 {MAX_DEPTH} 层），不像是报告网页"
            ),
        });
    }
    let document = Html::parse_document(&page);
    let article = article(&document).ok_or_else(|| no_text(name))?;
    let mut out = Layout::default();
    let article_text = plain_text(article);
    if article_text.trim().is_empty() {
        return Err(no_text(name));
    }
    let head: String = article_text.chars().take(300).collect();
    if let Some(title) = page_title(&document)
        && !head.contains(title.trim())
    {
        out.line(&title);
        out.headings.push((out.lines.len() - 1, 1));
    }
    // The page's 发布时间 is the date of publication, not report text.
    let published = PUBLISHED
        .captures(&plain_text(document.root_element()))
        .and_then(|c| Date::parse(c.get(2)?.as_str()));
    out.walk(article);
    out.finish();
    // In line order: a heading inside another (`<h2>甲<span><h3>乙</h3>`)
    // closes, and so is recorded, first. Two on one line are one heading,
    // the outer.
    out.headings.sort_unstable();
    out.headings.dedup_by_key(|&mut (line, _)| line);
    let lines: Vec<String> = out
        .lines
        .into_iter()
        // Only HTML whitespace: ideographic-space indentation stays.
        .map(|l| l.trim_matches([' ', '\t', '\n', '\r']).to_owned())
        .collect();
    // Drop chrome lines, keeping heading indexes right.
    let mut kept: Vec<(usize, String)> = Vec::new();
    for (i, line) in lines.into_iter().enumerate() {
        if !line.trim().is_empty() && !CHROME.is_match(line.trim()) {
            kept.push((i, line));
        }
    }
    if kept.is_empty() {
        return Err(no_text(name));
    }
    let mut text = String::new();
    let mut ranges = Vec::with_capacity(kept.len());
    for (_, line) in &kept {
        let start = text.len();
        text.push_str(line);
        ranges.push(start..text.len());
        text.push('\n');
    }
    let headings = out
        .headings
        .iter()
        .filter_map(|&(line, depth)| {
            let index = kept.iter().position(|(i, _)| *i == line)?;
            Some(MarkdownHeading {
                first_line: index,
                last_line: index,
                depth,
                text: ranges[index].clone(),
            })
        })
        .collect();
    let html_lines = source_lines(&page, kept.iter().map(|(_, l)| l.as_str()));
    Ok(Extracted {
        source: SourceFile::decoded(name, text, decoding),
        format: Format::Html,
        headings,
        locations: Locations::HtmlLines(html_lines),
        published,
        comments: Vec::new(),
    })
}

/// The deepest nesting of elements a page may have. Government pages nest a
/// few dozen deep; html5ever's work per element grows with the depth, so
/// 100,000 nested `<div>`s would take minutes.
const MAX_DEPTH: usize = 5_000;

/// Elements that never contain others: no end tag, no depth.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// Elements whose end tag may be left out, with the elements a new one of
/// them closes (and every element above it) and the elements that bound
/// the search (an `<li>` closes the open `<li>` of the same list, not one of
/// an outer list; a `<tr>` closes the open row with its cells).
const IMPLIED: &[(&str, &[&str], &[&str])] = &[
    ("li", &["li"], &["ol", "ul", "menu"]),
    ("dt", &["dt", "dd"], &["dl"]),
    ("dd", &["dt", "dd"], &["dl"]),
    ("tr", &["tr"], &["table", "thead", "tbody", "tfoot"]),
    ("td", &["td", "th"], &["tr", "table"]),
    ("th", &["td", "th"], &["tr", "table"]),
    ("thead", &["thead", "tbody", "tfoot"], &["table"]),
    ("tbody", &["thead", "tbody", "tfoot"], &["table"]),
    ("tfoot", &["thead", "tbody", "tfoot"], &["table"]),
    ("option", &["option"], &["select", "datalist"]),
    ("optgroup", &["optgroup"], &["select"]),
    ("rb", &["rb", "rt", "rp", "rtc"], &["ruby"]),
    ("rt", &["rb", "rt", "rp"], &["ruby"]),
    ("rp", &["rb", "rt", "rp"], &["ruby"]),
];

/// Start tags that close an open `<p>` (HTML's "close a p element").
const CLOSES_P: &[&str] = &[
    "p",
    "div",
    "ul",
    "ol",
    "dl",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "blockquote",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "nav",
    "main",
    "address",
    "center",
    "details",
    "dialog",
    "dir",
    "fieldset",
    "figcaption",
    "figure",
    "form",
    "hgroup",
    "menu",
    "summary",
    "listing",
    "hr",
    "xmp",
    "plaintext",
];

/// How far below the current element an element closed by implication is
/// looked for: real pages close it near the top; a page nesting thousands
/// of elements in between is counted at its full depth, which errs towards
/// refusing it.
const IMPLIED_REACH: usize = 64;

/// How deeply a page's elements nest, from its tags alone, in one linear
/// pass: the HTML parser's stack of open elements, followed roughly. A
/// start tag opens an element (a void one, like `<br>`, does not; `<x/>`
/// does, as in HTML, but inside `<svg>` or `<math>`); an end tag closes the
/// element it names and those above it if one is open, and is ignored
/// otherwise (`</div>` with no `<div>` open closes nothing, as in the
/// parser); end tags that may be left out (`<p>`, `<li>`, `<td>`…) are
/// implied where HTML implies them. Comments and the content of `<script>`
/// and `<style>` are passed over. Where this errs, it errs deeper.
fn nesting_depth(page: &str) -> usize {
    let bytes = page.as_bytes();
    let mut stack: Vec<String> = Vec::new();
    let mut open: HashMap<String, usize> = HashMap::new();
    let (mut deepest, mut at) = (0usize, 0usize);
    let close = |stack: &mut Vec<String>, open: &mut HashMap<String, usize>, tag: &str| {
        while let Some(top) = stack.pop() {
            if let Some(n) = open.get_mut(&top) {
                *n -= 1;
            }
            if top == tag {
                break;
            }
        }
    };
    // The element (one of `names`) to close by implication, if there is one
    // near the top and below no element of `bounds`.
    let implied = |stack: &[String], names: &[&str], bounds: &[&str]| -> Option<String> {
        stack
            .iter()
            .rev()
            .take(IMPLIED_REACH)
            .take_while(|t| !bounds.contains(&t.as_str()))
            .find(|t| names.contains(&t.as_str()))
            .cloned()
    };
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        at += offset + 1;
        if bytes[at..].starts_with(b"!--") {
            at = find(bytes, at, b"-->").map_or(bytes.len(), |end| end + 3);
            continue;
        }
        let closing = bytes.get(at) == Some(&b'/');
        let start = at + usize::from(closing);
        let len = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if len == 0 || !bytes[start].is_ascii_alphabetic() {
            continue;
        }
        let tag = page[start..start + len].to_ascii_lowercase();
        at = start + len;
        if closing {
            if open.get(&tag).is_some_and(|&n| n > 0) {
                close(&mut stack, &mut open, &tag);
            }
            continue;
        }
        let end = memchr::memchr(b'>', &bytes[at..]).map_or(bytes.len(), |e| at + e);
        let self_closing = end > at && bytes[end - 1] == b'/';
        if tag == "script" || tag == "style" {
            let close = if tag == "script" {
                &b"</script"[..]
            } else {
                &b"</style"[..]
            };
            at = find_ascii_case_insensitive(bytes, end, close).unwrap_or(bytes.len());
            continue;
        }
        at = end.min(bytes.len());
        let foreign = ["svg", "math"]
            .iter()
            .any(|t| open.get(*t).is_some_and(|&n| n > 0));
        if VOID.contains(&tag.as_str()) || (self_closing && foreign) {
            continue;
        }
        if CLOSES_P.contains(&tag.as_str())
            && let Some(p) = implied(&stack, &["p"], &["button", "table", "td", "th", "object"])
        {
            close(&mut stack, &mut open, &p);
        }
        if let Some((_, names, bounds)) = IMPLIED.iter().find(|(t, _, _)| *t == tag)
            && let Some(previous) = implied(&stack, names, bounds)
        {
            close(&mut stack, &mut open, &previous);
        }
        *open.entry(tag.clone()).or_insert(0) += 1;
        stack.push(tag);
        deepest = deepest.max(stack.len());
    }
    deepest
}

fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(&haystack[from.min(haystack.len())..], needle).map(|i| from + i)
}

fn find_ascii_case_insensitive(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let mut at = from.min(haystack.len());
    while let Some(offset) = memchr::memchr(b'<', &haystack[at..]) {
        let start = at + offset;
        if haystack.len() - start >= needle.len()
            && haystack[start..start + needle.len()].eq_ignore_ascii_case(needle)
        {
            return Some(start);
        }
        at = start + 1;
    }
    None
}

/// A page with no article text: often one whose text a script loads, or a
/// frame around another page. Say so, and what to do.
fn no_text(name: &str) -> InputError {
    InputError::Malformed {
        path: name.to_owned(),
        what: "网页",
        reason: "网页中没有正文文字（可能只有脚本或框架，正文由脚本加载）；请在浏览器中打开网页，把正文复制到文本文件或 Word 文档后再检查".to_owned(),
    }
}

/// Decodes a page: `--encoding`, a BOM, `<meta charset>`, then detection.
fn decode_page(
    name: &str,
    bytes: &[u8],
    forced: Option<&'static decode::Encoding>,
) -> Result<(String, decode::Decoding), InputError> {
    if forced.is_some()
        || bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
    {
        return decode::decode(name, bytes, forced);
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]);
    let declared = META_CHARSET
        .captures(&head)
        .and_then(|c| decode::encoding_for_label(c.get(1)?.as_str()));
    match declared {
        // GB2312 and GBK pages are read with GB18030, their superset.
        Some(encoding) => decode::decode(name, bytes, Some(widen(encoding))),
        None => decode::decode(name, bytes, None),
    }
}

fn widen(encoding: &'static decode::Encoding) -> &'static decode::Encoding {
    if encoding == encoding_rs::GBK {
        encoding_rs::GB18030
    } else {
        encoding
    }
}

/// The element that holds the article.
fn article(document: &Html) -> Option<ElementRef<'_>> {
    let sizes = TextSizes::of(document);
    for css in CONTAINERS {
        let Ok(selector) = Selector::parse(css) else {
            continue;
        };
        if let Some(element) = document
            .select(&selector)
            .find(|e| sizes.visible(e.id()) >= MIN_ARTICLE_CHARS)
        {
            return Some(element);
        }
    }
    // The element with the most text in its own paragraphs and text nodes.
    document
        .root_element()
        .descendent_elements()
        // Not inside <head>, a script or a form: `<title>` is not the article.
        .filter(|e| sizes.counted(e.id()))
        .map(|e| (sizes.own(e), e))
        // The last of equals, as `max_by_key` gives.
        .fold(
            None,
            |best: Option<(usize, ElementRef<'_>)>, (own, e)| match best {
                Some((most, _)) if most > own => best,
                _ => Some((own, e)),
            },
        )
        .filter(|(own, _)| *own > 0)
        .map(|(_, e)| e)
        .or_else(|| Some(document.root_element()))
}

/// The amount of text under every node of a page, counted in one pass (so
/// choosing the article is linear in the page, however deeply it nests):
/// characters, and characters other than whitespace, script and style
/// left out.
struct TextSizes {
    chars: HashMap<NodeId, usize>,
    visible: HashMap<NodeId, usize>,
}

impl TextSizes {
    fn of(document: &Html) -> TextSizes {
        let mut chars: HashMap<NodeId, usize> = HashMap::new();
        let mut visible: HashMap<NodeId, usize> = HashMap::new();
        // (characters, visible characters) of each open element so far.
        let mut open: Vec<(usize, usize)> = Vec::new();
        for edge in shown_edges(document.root_element()) {
            match edge {
                Edge::Open(node) => match node.value() {
                    Node::Element(_) => open.push((0, 0)),
                    Node::Text(t) => {
                        if let Some(top) = open.last_mut() {
                            top.0 += t.chars().count();
                            top.1 += crate::text::source::visible_chars(t);
                        }
                    }
                    _ => {}
                },
                Edge::Close(node) => {
                    if !node.value().is_element() {
                        continue;
                    }
                    let Some((c, v)) = open.pop() else { continue };
                    chars.insert(node.id(), c);
                    visible.insert(node.id(), v);
                    if let Some(parent) = open.last_mut() {
                        parent.0 += c;
                        parent.1 += v;
                    }
                }
            }
        }
        TextSizes { chars, visible }
    }

    /// Whether the element's text counts: it is not in, and is not, an
    /// element whose content is never report text.
    fn counted(&self, id: NodeId) -> bool {
        self.chars.contains_key(&id)
    }

    fn visible(&self, id: NodeId) -> usize {
        self.visible.get(&id).copied().unwrap_or(0)
    }

    /// Characters of text in an element's direct text nodes and direct
    /// paragraph-like children (not in links).
    fn own(&self, element: ElementRef<'_>) -> usize {
        element
            .children()
            .map(|child| match child.value() {
                Node::Text(t) => t.trim().chars().count(),
                Node::Element(e)
                    if matches!(e.name(), "p" | "span" | "font" | "strong" | "b" | "br") =>
                {
                    self.chars.get(&child.id()).copied().unwrap_or(0)
                }
                _ => 0,
            })
            .sum()
    }
}

/// All text under an element, script and style left out (one pass, no
/// recursion: pages nest as deeply as they like).
fn plain_text(element: ElementRef<'_>) -> String {
    let mut out = String::new();
    for edge in shown_edges(element) {
        if let Edge::Open(node) = edge
            && let Node::Text(t) = node.value()
        {
            out.push_str(t);
        }
    }
    out
}

/// The tree under `element` (itself included), edge by edge, without the
/// elements whose content is never report text ([`SKIPPED`]) and what is
/// inside them. Iterative: pages nest as deeply as they like.
fn shown_edges<'a>(element: ElementRef<'a>) -> impl Iterator<Item = Edge<'a, Node>> {
    // How deep inside a skipped element the walk is (0: outside).
    let mut skipped = 0usize;
    element.traverse().filter(move |edge| match edge {
        Edge::Open(node) => {
            let skip = node
                .value()
                .as_element()
                .is_some_and(|e| skipped > 0 || SKIPPED.contains(&e.name()));
            if skip {
                skipped += 1;
            }
            skipped == 0
        }
        Edge::Close(node) => {
            if skipped == 0 {
                return true;
            }
            if node.value().is_element() {
                skipped -= 1;
            }
            false
        }
    })
}

/// The page's title: its first `<h1>`, else a title-like element, else
/// `<title>` without the site name after a separator.
fn page_title(document: &Html) -> Option<String> {
    for css in ["h1", ".title", ".article-title", "#title", ".tit", "h2"] {
        let Ok(selector) = Selector::parse(css) else {
            continue;
        };
        if let Some(text) = document
            .select(&selector)
            .map(|e| collapse(&plain_text(e)))
            .find(|t| (8..=80).contains(&t.chars().count()) && is_report_title(t))
        {
            return Some(text);
        }
    }
    let selector = Selector::parse("title").ok()?;
    let title = collapse(&plain_text(document.select(&selector).next()?));
    let title = title
        .split(['_', '|', '－'])
        .next()
        .unwrap_or(&title)
        .split(" - ")
        .next()
        .unwrap_or(&title)
        .trim()
        .to_owned();
    is_report_title(&title).then_some(title)
}

/// Whether a page's heading or `<title>` names the report: a 报告, or a
/// 工作总结 of the genre (a title the pack then flags, but the report's
/// title all the same: a text copy of the page keeps it).
fn is_report_title(title: &str) -> bool {
    title.contains("报告")
        || (title.contains("总结") && (title.contains("法治") || title.contains("依法行政")))
}

/// HTML whitespace collapsed to single spaces, trimmed.
fn collapse(text: &str) -> String {
    text.split([' ', '\t', '\n', '\r', '\u{c}'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The article laid out as lines.
#[derive(Default)]
struct Layout {
    lines: Vec<String>,
    current: String,
    /// (line index, level) of `<h1>`–`<h6>` lines.
    headings: Vec<(usize, u8)>,
}

impl Layout {
    fn line(&mut self, text: &str) {
        self.break_line();
        self.current.push_str(text);
        self.break_line();
    }

    fn break_line(&mut self) {
        if !self.current.trim().is_empty() {
            self.lines.push(std::mem::take(&mut self.current));
        } else {
            self.current.clear();
        }
    }

    fn text(&mut self, text: &str) {
        // HTML whitespace collapses; no-break and ideographic spaces stay.
        let mut last_space = self.current.ends_with(' ') || self.current.is_empty();
        for c in text.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                if !last_space {
                    self.current.push(' ');
                    last_space = true;
                }
            } else {
                self.current.push(c);
                last_space = false;
            }
        }
    }

    /// Lays out the text under `element` (iteratively: no recursion on the
    /// page's depth).
    fn walk(&mut self, element: ElementRef<'_>) {
        // For each open element under `element`: its name and the number of
        // lines before it.
        let mut open: Vec<(&str, usize)> = Vec::new();
        for edge in shown_edges(element) {
            match edge {
                Edge::Open(node) if node.id() == element.id() => {}
                Edge::Close(node) if node.id() == element.id() => {}
                Edge::Open(node) => match node.value() {
                    Node::Text(t) => self.text(t),
                    Node::Element(e) => {
                        let name = e.name();
                        if name == "br" || BLOCKS.contains(&name) {
                            self.break_line();
                        }
                        open.push((name, self.lines.len()));
                    }
                    _ => {}
                },
                Edge::Close(node) => {
                    if !node.value().is_element() {
                        continue;
                    }
                    let Some((name, before)) = open.pop() else {
                        continue;
                    };
                    if name == "br" {
                        continue;
                    }
                    if let Some(level) = heading_level(name) {
                        self.break_line();
                        if self.lines.len() > before {
                            self.headings.push((before, level));
                        }
                    } else if BLOCKS.contains(&name) {
                        self.break_line();
                    }
                }
            }
        }
    }

    fn finish(&mut self) {
        self.break_line();
    }
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// How far ahead of the previous line's place a line's first characters are
/// looked for in the page's source: a line whose text is written with an
/// entity or a tag inside is not found, and must not cost a scan of the
/// rest of the page.
const SOURCE_WINDOW: usize = 32 * 1024;

/// For each extracted line, the 1-based line of the HTML source where its
/// first characters appear (searching forward from the previous line's,
/// within [`SOURCE_WINDOW`] bytes), if they appear as written (no entity or
/// tag inside them). Linear in the page: source lines are counted once.
fn source_lines<'a>(page: &str, lines: impl Iterator<Item = &'a str>) -> Vec<Option<u32>> {
    let mut from = 0;
    // The 1-based source line at `from`.
    let mut line_at_from: u32 = 1;
    let mut out = Vec::new();
    for line in lines {
        let probe: String = line.chars().take(6).collect();
        let mut end = (from + SOURCE_WINDOW + probe.len()).min(page.len());
        while !page.is_char_boundary(end) {
            end -= 1;
        }
        match page[from..end].find(&probe) {
            Some(i) if !probe.is_empty() => {
                let at = from + i;
                let newlines = memchr::memchr_iter(b'\n', &page.as_bytes()[from..at]).count();
                line_at_from =
                    line_at_from.saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
                out.push(Some(line_at_from));
                from = at;
            }
            _ => out.push(None),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extract(html: &str) -> Extracted {
        read("t.html", html.as_bytes(), None).unwrap()
    }

    const PAGE: &str = r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>某县人民政府关于2023年度法治政府建设情况的报告_某县人民政府网</title>
<script>var x = "一、不是正文";</script></head>
<body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></div>
<h1>某县人民政府关于2023年度法治政府建设情况的报告</h1>
<div class="info">发布时间：2024-03-15 10:30 来源：县司法局</div>
<div id="zoom">
<p>　　2023年，我县认真落实法治政府建设各项任务。现将有关情况报告如下。</p>
<p><strong>一、主要举措和成效</strong></p>
<p>　　全面推行行政执法“三项制度”，<br>公示执法信息1200条。</p>
<table><tr><td>项目</td><td>数量</td></tr></table>
<p>【打印】【关闭】</p>
</div>
<div class="footer">京ICP备12345678号</div>
</body></html>"#;

    #[test]
    fn the_article_without_the_site() {
        let e = extract(PAGE);
        let lines: Vec<&str> = e.source.text().lines().collect();
        assert_eq!(
            lines,
            vec![
                "某县人民政府关于2023年度法治政府建设情况的报告",
                "　　2023年，我县认真落实法治政府建设各项任务。现将有关情况报告如下。",
                "一、主要举措和成效",
                "　　全面推行行政执法“三项制度”，",
                "公示执法信息1200条。",
                "项目",
                "数量",
            ]
        );
        // The title came from <h1>: a heading at level 1.
        assert_eq!(e.headings.len(), 1);
        assert_eq!(e.headings[0].depth, 1);
        let Locations::HtmlLines(at) = &e.locations else {
            panic!()
        };
        // "一、主要举措和成效" is on line 10 of the page.
        assert_eq!(at[2], Some(10));
        assert_eq!(
            e.published.map(|d| d.to_string()).as_deref(),
            Some("2024-03-15")
        );
    }

    #[test]
    fn gbk_pages_are_decoded_by_their_meta_charset() {
        let page = PAGE.replace("utf-8", "gb2312");
        let (bytes, _, _) = encoding_rs::GBK.encode(&page);
        let e = read("t.html", &bytes, None).unwrap();
        assert!(e.source.text().contains("全面推行行政执法“三项制度”"));
        assert_eq!(e.source.decoding().name(), "gb18030");
    }

    const HEAD: &str = r#"<html><head><meta charset="utf-8"><title>甲县司法局关于2023年度法治政府建设情况的报告</title></head><body>"#;

    /// Reads a generated page, with how long it took.
    fn timed(page: &str) -> (Result<Extracted, InputError>, std::time::Duration) {
        let start = std::time::Instant::now();
        let result = read("hostile.html", page.as_bytes(), None);
        (result, start.elapsed())
    }

    #[test]
    fn a_page_of_scripts_says_it_has_no_article_text() {
        let page = r#"<html><head><title>报告</title><script>document.write("一、主要举措")</script></head><body><div id="app"></div><script src="app.js"></script></body></html>"#;
        let result = read("app.html", page.as_bytes(), None);
        let Err(InputError::Malformed { path, reason, .. }) = result else {
            panic!(
                "a page without text: {:?}",
                result.map(|e| e.source.text().to_owned())
            );
        };
        assert_eq!(path, "app.html");
        assert!(reason.contains("没有正文文字"), "{reason}");
    }

    #[test]
    fn deeply_nested_spans_are_read_in_linear_time() {
        // 4,000 nested <span>s, each with text: 117 s when text collection
        // walked every node's ancestors.
        let page = format!(
            "{HEAD}{}{}</body></html>",
            "<span>一、主要举措 ".repeat(4000),
            "</span>".repeat(4000)
        );
        let (result, took) = timed(&page);
        let text = result.unwrap().source.text().to_owned();
        assert_eq!(text.matches("主要举措").count(), 4000);
        assert!(took.as_secs() < 5, "{took:?}");
    }

    #[test]
    fn a_page_nested_deeper_than_any_cms_is_refused_quickly() {
        for (tag, depth) in [("span", 20_000), ("div", 100_000)] {
            let page = format!(
                "{HEAD}{}正文{}</body></html>",
                format!("<{tag}>").repeat(depth),
                format!("</{tag}>").repeat(depth)
            );
            let (result, took) = timed(&page);
            let Err(InputError::Malformed { path, reason, .. }) = result else {
                panic!("{tag} × {depth} was not refused");
            };
            assert_eq!(path, "hostile.html");
            assert!(reason.contains("嵌套"), "{reason}");
            assert!(took.as_secs() < 10, "{tag}: {took:?}");
        }
    }

    #[test]
    fn many_paragraphs_with_entities_are_read_in_linear_time() {
        // Source lines were counted from the top of the page for every line,
        // and a line written with an entity was looked for to the page's end.
        let body: String = (0..20_000)
            .map(|i| format!("<p>第{i}段&nbsp;全面推进&ldquo;放管服&rdquo;改革。</p>\n"))
            .collect();
        let (result, took) = timed(&format!("{HEAD}{body}</body></html>"));
        let e = result.unwrap();
        assert!(e.source.text().lines().count() >= 20_000);
        assert!(took.as_secs() < 8, "{took:?}");
        // A line written without entities is still found where it is.
        let Locations::HtmlLines(at) = &e.locations else {
            panic!()
        };
        assert!(at.iter().any(Option::is_some));
    }

    #[test]
    fn a_heading_inside_a_heading_keeps_the_headings_in_order() {
        let page = format!(
            "{HEAD}<div id=\"zoom\"><h1>湄川县司法局2024年度法治政府建设情况报告</h1><h2>一、主要举措<span><h3>（一）学法</h3></span></h2><p>{body}</p><h2><span><h3>二、存在的不足和原因</h3></span></h2><p>{body}</p><h2>三、下一年度工作安排</h2><p>{body}</p></div></body></html>",
            body = "全面推进依法行政，严格规范公正文明执法。".repeat(10)
        );
        let e = read("nested.html", page.as_bytes(), None).unwrap();
        let text = e.source.text();
        let headings: Vec<(usize, u8, &str)> = e
            .headings
            .iter()
            .map(|h| (h.first_line, h.depth, &text[h.text.clone()]))
            .collect();
        assert!(headings.windows(2).all(|w| w[0].0 < w[1].0), "{headings:?}");
        let names: Vec<&str> = headings.iter().map(|h| h.2).collect();
        assert_eq!(
            names[names.len() - 5..],
            [
                "湄川县司法局2024年度法治政府建设情况报告",
                "一、主要举措",
                "（一）学法",
                "二、存在的不足和原因",
                "三、下一年度工作安排"
            ]
        );
        // The heading of two on one line is the outer one.
        assert_eq!(headings[headings.len() - 2].1, 2);
    }

    #[test]
    fn a_title_that_says_work_summary_is_the_reports_title_as_in_its_text_copy() {
        let page = format!(
            "{HEAD}<h1 class=\"title\">湄川县司法局2024年法治政府建设工作总结</h1><div id=\"zoom\"><p>{body}</p></div></body></html>",
            body = "全面推进依法行政，严格规范公正文明执法。".repeat(10)
        );
        let e = read("summary.html", page.as_bytes(), None).unwrap();
        let first = e.source.text().lines().next().unwrap();
        assert_eq!(first, "湄川县司法局2024年法治政府建设工作总结");
        assert_eq!(e.headings[0].depth, 1);
        // Other headings that are no title still are not taken for one.
        assert!(!is_report_title("工作总结"));
        assert!(!is_report_title("湄川县人民政府门户网站"));
    }

    #[test]
    fn end_tags_that_close_nothing_and_self_closing_syntax_do_not_hide_depth() {
        // The parser ignores `</div>` with no div open and opens a `<span/>`,
        // so each of these nests 10,000 deep or more; the estimate once
        // counted them 4 and 0 deep (the first took 31 s to parse).
        for body in [
            "<span></div>".repeat(20_000),
            "<ol><li>".repeat(5_000),
            "<span/>".repeat(20_000),
        ] {
            let page = format!("{HEAD}{body}正文</body></html>");
            let (result, took) = timed(&page);
            let Err(InputError::Malformed { reason, .. }) = result else {
                panic!("{} was not refused", &body[..12]);
            };
            assert!(reason.contains("嵌套"), "{reason}");
            assert!(took.as_secs() < 2, "{took:?}");
        }
    }

    #[test]
    fn ends_html_implies_keep_ordinary_pages_shallow() {
        let rows: String = (0..3_000)
            .map(|i| format!("<tr><td>第{i}行<td>数据<td><p>说明"))
            .collect();
        let items: String = (0..3_000)
            .map(|i| format!("<li>第{i}项<dt>甲<dd>乙<li><div>丙"))
            .collect();
        let page = format!(
            "{HEAD}<div><table><tbody>{rows}</table><ul>{items}</ul><svg>{}</svg><select>{}</select></div></body></html>",
            "<path d='M0'/>".repeat(3_000),
            "<option>选项".repeat(3_000)
        );
        assert!(nesting_depth(&page) < 12, "{}", nesting_depth(&page));
    }

    #[test]
    fn the_depth_estimate_passes_over_scripts_comments_and_unclosed_paragraphs() {
        let page = format!(
            "{HEAD}<script>for (i = 0; i < 10; i++) {{ a = '<div><div><div>'; }}</script><!-- <div><div> -->{}<div><div>正文</div></div></body></html>",
            "<p>段落".repeat(10_000)
        );
        assert!(nesting_depth(&page) < 10, "{}", nesting_depth(&page));
        assert!(read("ok.html", page.as_bytes(), None).is_ok());
    }

    #[test]
    fn without_a_known_container_the_densest_block_is_the_article() {
        let page = r#"<html><body><div class="menu"><a>首页</a><a>机构</a><a>政务公开</a></div>
<div class="xyz"><p>甲县司法局关于2023年度法治政府建设情况的报告</p><p>一、主要举措和成效</p><p>我局全面落实行政执法公示制度，公示信息三百条，执法全过程记录覆盖所有执法活动。</p></div>
<div class="links"><a>相关链接一</a><a>相关链接二</a></div></body></html>"#;
        let e = extract(page);
        let text = e.source.text();
        assert!(text.starts_with("甲县司法局关于2023年度"), "{text}");
        assert!(
            !text.contains("首页") && !text.contains("相关链接"),
            "{text}"
        );
    }
}
