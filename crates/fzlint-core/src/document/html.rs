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

use std::sync::LazyLock;

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
    let document = Html::parse_document(&page);
    let article = article(&document).ok_or_else(|| InputError::Empty {
        path: name.to_owned(),
    })?;
    let mut out = Layout::default();
    let article_text = plain_text(article);
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
        return Err(InputError::Empty {
            path: name.to_owned(),
        });
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
    })
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
    for css in CONTAINERS {
        let Ok(selector) = Selector::parse(css) else {
            continue;
        };
        if let Some(element) = document
            .select(&selector)
            .find(|e| crate::text::source::visible_chars(&plain_text(*e)) >= MIN_ARTICLE_CHARS)
        {
            return Some(element);
        }
    }
    // The element with the most text in its own paragraphs and text nodes.
    document
        .root_element()
        .descendent_elements()
        .filter(|e| !SKIPPED.contains(&e.value().name()))
        .max_by_key(|e| own_text(*e))
        .filter(|e| own_text(*e) > 0)
        .or_else(|| Some(document.root_element()))
}

/// Characters of text in an element's direct text nodes and direct
/// paragraph-like children (not in links).
fn own_text(element: ElementRef<'_>) -> usize {
    element
        .children()
        .map(|child| match child.value() {
            Node::Text(t) => t.trim().chars().count(),
            Node::Element(e)
                if matches!(e.name(), "p" | "span" | "font" | "strong" | "b" | "br") =>
            {
                ElementRef::wrap(child).map_or(0, |c| plain_text(c).chars().count())
            }
            _ => 0,
        })
        .sum()
}

/// All text under an element, script and style left out.
fn plain_text(element: ElementRef<'_>) -> String {
    let mut out = String::new();
    for node in element.descendants() {
        if let Node::Text(t) = node.value()
            && !node
                .ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| SKIPPED.contains(&a.value().name()))
        {
            out.push_str(t);
        }
    }
    out
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
            .find(|t| (8..=80).contains(&t.chars().count()) && t.contains("报告"))
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
    title.contains("报告").then_some(title)
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

    fn walk(&mut self, element: ElementRef<'_>) {
        for child in element.children() {
            match child.value() {
                Node::Text(t) => self.text(t),
                Node::Element(e) => {
                    let name = e.name();
                    if SKIPPED.contains(&name) {
                        continue;
                    }
                    if name == "br" {
                        self.break_line();
                        continue;
                    }
                    let Some(child) = ElementRef::wrap(child) else {
                        continue;
                    };
                    let block = BLOCKS.contains(&name);
                    if block {
                        self.break_line();
                    }
                    let before = self.lines.len();
                    self.walk(child);
                    if let Some(level) = heading_level(name) {
                        self.break_line();
                        if self.lines.len() > before {
                            self.headings.push((before, level));
                        }
                    } else if block {
                        self.break_line();
                    }
                }
                _ => {}
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

/// For each extracted line, the 1-based line of the HTML source where its
/// first characters appear (searching forward from the previous line's),
/// if they appear as written (no entity or tag inside them).
fn source_lines<'a>(page: &str, lines: impl Iterator<Item = &'a str>) -> Vec<Option<u32>> {
    let mut from = 0;
    let mut out = Vec::new();
    for line in lines {
        let probe: String = line.chars().take(6).collect();
        match page[from..].find(&probe) {
            Some(i) if !probe.is_empty() => {
                let at = from + i;
                out.push(Some(page[..at].matches('\n').count() as u32 + 1));
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
