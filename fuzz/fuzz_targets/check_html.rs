//! Web pages, built from the fuzz input as a government site serves a
//! report: nested tags of many kinds with attributes, named and numeric
//! entities (invalid ones too), comments, CDATA, unclosed and mismatched
//! tags, nesting thousands deep, script, style, noscript and template, and
//! the genre's title, outline (一、（一）1.（1）) and dates; encoded as
//! UTF-8 or GB18030, with a `<meta charset>` that is right, wrong or out of
//! reach. Or the raw input as the page. Reading may fail with an
//! `InputError`; nothing may panic, every finding's span must be exact, and
//! the extracted text's lines, headings and source lines must agree with
//! it. On a "tame" page (half of those built: no construct that turns
//! markup into text or lets text out of an element), text written only
//! inside script, style, noscript, template and the like never reaches the
//! report's text.
//!
//! The first byte selects: bit 0 the rest is the page as is; bits 1–2 the
//! encoding (UTF-8, GB18030, UTF-8 with a byte-order mark, GB18030 with its
//! byte-order mark); bits 3–4 the `<meta charset>` (none, right, any label,
//! right but after the first 2 KiB); bits 5–6 an encoding forced as with
//! `--encoding` (none, none, the page's own, the other of UTF-8 and
//! GB18030; for a raw page none, none, GB18030, Big5); bit 7 read through
//! the engine's entry point (`Engine::check`) instead of `html::read` and
//! `Engine::check_document`.

#![no_main]

use fzlint_core::document::{Document, Extracted, Format, Locations, html};
use fzlint_core::engine::{FileResult, Input, Outcome};
use fzlint_core::text::decode::encoding_for_label;
use fzlint_fuzz::dice::Dice;
use fzlint_fuzz::{assert_result_sound, check, embedded_engine, genre, render};
use libfuzzer_sys::fuzz_target;

/// Written only as the content of script, style, noscript, template and
/// the like: never report text.
const SENTINEL: &str = "脚本里的这句话不是正文";

/// Pages stop growing at this size or after [`Page::budget`] operations
/// (deep nesting aside): large pages make slow runs.
const MAX_PAGE: usize = 128 * 1024;

/// How deeply the generator recurses (deep nesting is written flat).
const MAX_RECURSION: usize = 24;

const TAGS: &[&str] = &[
    "span",
    "div",
    "p",
    "table",
    "tbody",
    "tr",
    "td",
    "th",
    "ol",
    "ul",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "b",
    "strong",
    "font",
    "center",
    "section",
    "article",
    "blockquote",
    "dl",
    "dt",
    "dd",
    "em",
    "caption",
    "thead",
    "pre",
    "header",
    "footer",
    "main",
    "aside",
    "address",
    "figure",
    "math",
    "svg",
];

/// Elements whose content fzlint never reads; the sentinel goes in them,
/// as their only content.
/// (Not `<form>` or `<select>`: a second one nested in the first is left
/// out, and its content goes to the first's parent.)
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "nav", "button",
];

/// Elements whose content is text whatever it looks like, or that take
/// the rest of the page: markup inside them is no longer markup.
const SWALLOWERS: &[&str] = &[
    "textarea",
    "title",
    "xmp",
    "noembed",
    "noframes",
    "plaintext",
    "listing",
];

/// `id`s and classes of the CMS containers fzlint looks for.
const IDS: &[&str] = &[
    "zoom",
    "UCAP-CONTENT",
    "art_con",
    "news_content",
    "content",
    "title",
];
const CLASSES: &[&str] = &[
    "TRS_Editor",
    "pages_content",
    "article-content",
    "article_content",
    "art_con",
    "con_text",
    "news_content",
    "view",
    "content",
    "title",
    "tit",
    "article-title",
];

const ENTITIES: &[&str] = &[
    "&nbsp;",
    "&amp;",
    "&lt;",
    "&gt;",
    "&quot;",
    "&apos;",
    "&ensp;",
    "&emsp;",
    "&thinsp;",
    "&ldquo;",
    "&rdquo;",
    "&mdash;",
    "&hellip;",
    "&middot;",
    "&copy;",
    "&nbsp",
    "&amp",
    "&notin;",
    "&notit;",
    "&NotAnEntity;",
    "&;",
    "&#12288;",
    "&#x3000;",
    "&#X3000;",
    "&#0;",
    "&#x0;",
    "&#x110000;",
    "&#xD800;",
    "&#xDFFF;",
    "&#99999999999999999999;",
    "&#;",
    "&#x;",
    "&#65",
    "&#128;",
    "&#x80;",
    "&#x9F;",
    "&#13;",
    "&#x2028;",
    "&#xFEFF;",
    "&#x4E00;",
    "&#19968;",
    "&#x1F600;",
    "&#-1;",
    "&#x+1;",
    "&",
];

const COMMENTS: &[&str] = &[
    "<!-- 注释 -->",
    "<!---->",
    "<!-->",
    "<!--->",
    "<!-- a -- b -->",
    "<!--<script>-->",
    "<!-- --!>",
    "<!--[if IE]><p>条件注释</p><![endif]-->",
    "<!DOCTYPE html>",
    "<?xml version=\"1.0\" encoding=\"gbk\"?>",
    "<!bogus>",
    "</ >",
    "</>",
    "<>",
    "< p>",
    "<![CDATA[ 一、CDATA 里的字 <p>段</p> ]]>",
    "<![CDATA[]]>",
    "<![CDATA[ 未闭合",
    "<!-- 未闭合的注释",
];

const CHROME: &[&str] = &[
    "【打印】【关闭】",
    "京ICP备12345678号",
    "浙公网安备 33010002000001号",
    "附件下载：",
    "分享到：",
    "当前位置：首页 > 政务公开",
    "上一篇：",
    "扫一扫在手机打开当前页",
    "字号：大 中 小",
    "相关链接",
];

const SPACES: &[&str] = &[
    "\n", "\r\n", "\r", "\t", "　", "\u{a0}", "&nbsp;", "\u{feff}", "\u{2028}", "\u{85}", "\u{c}",
    "  ", "\u{200b}",
];

/// Labels a `<meta charset>` may give, right or wrong.
const LABELS: &[&str] = &[
    "utf-8",
    "UTF8",
    "gbk",
    "gb2312",
    "GB18030",
    "big5",
    "utf-16",
    "utf-16be",
    "iso-2022-kr",
    "x-user-defined",
    "shift_jis",
    "windows-1252",
    "euc-kr",
    "koi8-r",
    "no-such-charset",
    "",
];

/// Closing tags that close something else than what was opened.
const CLOSERS: &[&str] = &[
    "</div>",
    "</span>",
    "</p>",
    "</td>",
    "</tr>",
    "</table>",
    "</li>",
    "</ol>",
    "</b>",
    "</h2>",
    "</body>",
    "</html>",
    "</template>",
    "</br>",
    "</font>",
];

/// A pattern repeated thousands of times: the opening and closing tags of
/// one level.
const LEVELS: &[(&str, &str)] = &[
    ("<div>", "</div>"),
    ("<span>", "</span>"),
    ("<table><tr><td>", "</td></tr></table>"),
    ("<ol><li>", "</li></ol>"),
    ("<div><span>", "</span></div>"),
    ("<b>", "</b>"),
    ("<p><span>", "</span></p>"),
    ("<template>", "</template>"),
    ("<blockquote>", "</blockquote>"),
    ("<font color=\"red\">", "</font>"),
    ("<h2>", "</h2>"),
    ("<div id=\"zoom\">", "</div>"),
    ("<li>", "</li>"),
    ("<td>", "</td>"),
    ("<a href=\"#\">", "</a>"),
    ("<b><i>", "</b></i>"),
    ("<svg><g>", "</g></svg>"),
    ("<section><p>", "</p></section>"),
    // End tags the parser ignores (no <div> open) but the reader's depth
    // estimate counts.
    ("<span></div>", ""),
];

/// A page being written.
struct Page<'a> {
    dice: Dice<'a>,
    out: String,
    /// No construct so far can turn markup into text or carry the content
    /// of a skipped element out of it: the sentinel must not be read.
    clean: bool,
    /// Whether the page leaves out every construct that makes it unclean.
    tame: bool,
    /// Operations left.
    budget: usize,
    /// Levels of deep nesting left for the page: 6,000 (the reader refuses
    /// pages it estimates deeper than 5,000; the parser's time grows with
    /// the square of the depth).
    deep_left: usize,
    /// The number of the next heading at each outline level.
    numbers: [usize; 4],
}

impl Page<'_> {
    /// Whether a construct that can carry the sentinel into the text may
    /// be written: not on a tame page, else yes, and the page is no longer
    /// clean.
    fn wild(&mut self) -> bool {
        if self.tame {
            return false;
        }
        self.clean = false;
        true
    }

    fn full(&self) -> bool {
        self.budget == 0 || self.out.len() > MAX_PAGE || self.dice.is_empty()
    }

    fn attributes(&mut self) {
        for _ in 0..self.dice.below(4) {
            let attribute = match self.dice.below(14) {
                0 | 1 => format!(" id=\"{}\"", self.dice.pick(IDS)),
                2 | 3 => format!(" class=\"{}\"", self.dice.pick(CLASSES)),
                4 => " style=\"text-indent:2em;font-family:仿宋_GB2312\"".to_owned(),
                5 => " data-x=a<b".to_owned(),
                // An unclosed quote takes markup into the value, and a later
                // quote may let text out of a skipped element.
                6 if self.wild() => " title=\"未闭合".to_owned(),
                7 => " id=zoom id=other".to_owned(),
                8 => format!(" charset=\"{}\"", self.dice.pick(LABELS)),
                9 => format!(
                    " title=\"{}{}\"",
                    self.dice.pick(ENTITIES),
                    genre::title(&mut self.dice)
                ),
                10 => " hidden".to_owned(),
                11 => " align=center valign='top'".to_owned(),
                12 => "/".to_owned(),
                13 if self.wild() => format!(" {}", String::from_utf8_lossy(self.dice.take(24))),
                _ => " lang=zh".to_owned(),
            };
            self.out.push_str(&attribute);
        }
    }

    fn open(&mut self, tag: &str) {
        self.out.push('<');
        self.out.push_str(tag);
        self.attributes();
        self.out.push('>');
    }

    fn close(&mut self, tag: &str) {
        match self.dice.below(8) {
            0 => {}
            1 => {
                let closer = self.dice.pick(CLOSERS);
                self.out.push_str(closer);
            }
            2 => {
                self.out.push_str(&format!("</{tag}></{tag}>"));
            }
            3 => self
                .out
                .push_str(&format!("</{}>", tag.to_ascii_uppercase())),
            _ => self.out.push_str(&format!("</{tag}>")),
        }
    }

    /// Text of the report: a paragraph, a heading, the title, a date.
    fn text(&mut self) -> String {
        match self.dice.below(8) {
            0 => {
                let level = self.dice.below(4);
                let n = self.numbers[level];
                self.numbers[level] += 1;
                for deeper in &mut self.numbers[level + 1..] {
                    *deeper = 0;
                }
                genre::heading_line(&mut self.dice, level, n)
            }
            1 => genre::title(&mut self.dice),
            2 => genre::date(&mut self.dice),
            3 => {
                let (issuer, date) = genre::closing(&mut self.dice);
                format!("{issuer}<br>{date}")
            }
            _ => genre::paragraph(&mut self.dice),
        }
    }

    /// Elements and text, until the input or the budget runs out or the
    /// input says the element ends.
    fn content(&mut self, depth: usize) {
        while !self.full() {
            self.budget -= 1;
            match self.dice.below(32) {
                0 | 1 if depth > 0 => return,
                0..=5 => {
                    let text = self.text();
                    let tag = self.dice.pick(&["p", "div", "span", "", "p", "li"]);
                    if tag.is_empty() {
                        self.out.push_str(&text);
                    } else {
                        self.open(tag);
                        if self.dice.one_in(3) {
                            self.out.push_str(self.dice.pick(&[
                                "&nbsp;&nbsp;",
                                "　　",
                                "&emsp;&emsp;",
                            ]));
                        }
                        self.out.push_str(&text);
                        self.close(tag);
                    }
                }
                6 => {
                    let level = 1 + self.dice.below(6);
                    let text = self.text();
                    self.out.push_str(&format!("<h{level}>{text}</h{level}>"));
                }
                7..=10 => {
                    let tag = self.dice.pick(TAGS);
                    if depth >= MAX_RECURSION {
                        continue;
                    }
                    // In foreign content a <p> or an end tag closes the
                    // elements around it, the skipped ones too.
                    if matches!(tag, "svg" | "math") && !self.wild() {
                        continue;
                    }
                    self.open(tag);
                    self.content(depth + 1);
                    self.close(tag);
                }
                11 => {
                    // A table of rows of cells.
                    self.open("table");
                    for _ in 0..=self.dice.below(3) {
                        self.out.push_str("<tr>");
                        for _ in 0..=self.dice.below(3) {
                            self.open("td");
                            if depth < MAX_RECURSION && self.dice.one_in(2) {
                                self.content(depth + 1);
                            } else {
                                let text = self.text();
                                self.out.push_str(&text);
                            }
                            if self.dice.one_in(2) {
                                self.out.push_str("</td>");
                            }
                        }
                        if self.dice.one_in(2) {
                            self.out.push_str("</tr>");
                        }
                    }
                    self.close("table");
                }
                12 => {
                    let entity = self.dice.pick(ENTITIES);
                    self.out.push_str(entity);
                }
                13 => {
                    let comment = self.dice.pick(COMMENTS);
                    // An unclosed one ends at a later --> or >, which may be
                    // inside a skipped element.
                    if comment.contains("未闭合") && !self.wild() {
                        continue;
                    }
                    self.out.push_str(comment);
                }
                14 => {
                    let space = self.dice.pick(SPACES);
                    self.out.push_str(space);
                    // A NUL byte makes the page binary unless it names its
                    // encoding.
                    if self.dice.one_in(64) && self.wild() {
                        self.out.push('\0');
                    }
                }
                15 => {
                    let br = self.dice.pick(&[
                        "<br>",
                        "<br/>",
                        "</br>",
                        "<br clear=all>",
                        "<hr>",
                        "<img src=x alt=\"图\">",
                        "<wbr>",
                    ]);
                    self.out.push_str(br);
                }
                16 => {
                    // A skipped element with the sentinel as its only content
                    // (markup inside could carry it out of the element).
                    let tag = self.dice.pick(SKIPPED);
                    self.open(tag);
                    // Before it, what looks like markup: in a script or a
                    // style it is text; elsewhere nothing that closes.
                    let before = match tag {
                        "script" => self.dice.pick(&[
                            "",
                            "<!--",
                            "-->",
                            "</div>",
                            "document.write('<p>');",
                            "<!--<script>",
                            "</scrip",
                            "</script-x",
                            "<\\/script>",
                        ]),
                        "style" | "iframe" => {
                            self.dice
                                .pick(&["", "p{color:red}", "</div>", "<!--", "</styl", "<p>"])
                        }
                        _ => self.dice.pick(&["", "<!--", "-->", "<p>", "<b>", "<br>"]),
                    };
                    self.out.push_str(before);
                    self.out.push_str(SENTINEL);
                    self.out.push_str(&format!("</{tag}>"));
                }
                17 if self.wild() => {
                    let tag = self.dice.pick(SWALLOWERS);
                    self.open(tag);
                    if depth < MAX_RECURSION {
                        self.content(depth + 1);
                    }
                    self.close(tag);
                }
                18 => {
                    let chrome = self.dice.pick(CHROME);
                    self.out.push_str(&format!("<p>{chrome}</p>"));
                }
                19 => {
                    let label = self.dice.pick(&["发布时间：", "发布日期: ", "发布时间 :"]);
                    let date = genre::date(&mut self.dice);
                    self.out.push_str(&format!("<span>{label}{date}</span>"));
                }
                20 => {
                    // The page's title as the article shows it.
                    let title = genre::title(&mut self.dice);
                    let tag = self
                        .dice
                        .pick(&["h1", "h2", "div class=\"title\"", "p", "strong"]);
                    let name = tag.split(' ').next().unwrap_or(tag);
                    self.out.push_str(&format!("<{tag}>{title}</{name}>"));
                }
                21 => self.deep(),
                22 if self.wild() => {
                    let raw = self.dice.take(64);
                    self.out.push_str(&String::from_utf8_lossy(raw));
                }
                23 => {
                    let label = self.dice.pick(LABELS);
                    self.out.push_str(&format!("<meta charset=\"{label}\">"));
                }
                24 => {
                    // A list of outline items.
                    let tag = self.dice.pick(&["ol", "ul"]);
                    self.open(tag);
                    for _ in 0..=self.dice.below(4) {
                        let text = self.text();
                        self.out.push_str(&format!("<li>{text}"));
                        if self.dice.one_in(2) {
                            self.out.push_str("</li>");
                        }
                    }
                    self.close(tag);
                }
                25 => {
                    let closer = self.dice.pick(CLOSERS);
                    self.out.push_str(closer);
                }
                26 => {
                    // Text with an entity inside a word.
                    let text = self.text();
                    let entity = self.dice.pick(ENTITIES);
                    let at = text
                        .char_indices()
                        .map(|(i, _)| i)
                        .nth(self.dice.below(8))
                        .unwrap_or(text.len());
                    self.out
                        .push_str(&format!("<p>{}{entity}{}</p>", &text[..at], &text[at..]));
                }
                _ => {
                    let text = self.text();
                    self.out.push_str(&format!("<p>{text}</p>\n"));
                }
            }
        }
    }

    /// Levels of one pattern nested up to 6,000 deep in all, closed, left
    /// open or closed with the wrong tags.
    fn deep(&mut self) {
        let (open, close) = LEVELS[self.dice.below(LEVELS.len())];
        // The reader's depth estimate counts <ol><li> as one level (the
        // parser nests two) and <span></div> as none: these stay within the
        // real depth the reader means to accept, so that runs do not stop
        // on the parser's known slowness beyond it.
        let undercounted = matches!(open, "<ol><li>" | "<span></div>");
        let most = 1 + self.deep_left.min(if undercounted { 2_500 } else { 6_000 });
        // Thousands deep are slow to parse: one nesting in 16.
        let levels = if self.dice.one_in(16) {
            usize::from(self.dice.u16()) % most
        } else {
            self.dice.below(300.min(most))
        };
        self.deep_left -= levels;
        if open.contains("svg") && !self.wild() {
            return;
        }
        let numbered = self.dice.one_in(4);
        for level in 0..levels {
            self.out.push_str(open);
            if numbered {
                self.out.push_str(&format!("{}", level % 10));
            }
        }
        let text = self.text();
        self.out.push_str(&text);
        let closing = self.dice.below(4);
        for level in 0..levels {
            match closing {
                0 => self.out.push_str(close),
                1 => {}
                2 => self.out.push_str(CLOSERS[level % CLOSERS.len()]),
                _ => {
                    if level % 2 == 0 {
                        self.out.push_str(close);
                    }
                }
            }
        }
    }
}

/// Writes a page; `meta` is the `<meta charset>` choice (0 none, 1 right,
/// 2 any label, 3 right but after the first 2 KiB). Returns the page and
/// whether the sentinel must stay out of its text.
fn page(data: &[u8], meta: u8, right_label: &str) -> (String, bool) {
    let mut page = Page {
        dice: Dice::new(data),
        out: String::new(),
        clean: true,
        tame: false,
        budget: 400,
        deep_left: 6_000,
        numbers: [0; 4],
    };
    let skeleton = page.dice.byte();
    // Half the pages are tame: they have <body> and none of the constructs
    // after which the sentinel may be read.
    page.tame = page.dice.byte() & 1 == 0;
    if skeleton & 1 != 0 {
        page.out.push_str("<!DOCTYPE html>\n");
    }
    if skeleton & 2 != 0 {
        page.out.push_str("<html lang=\"zh-CN\">\n");
    }
    let meta_tag = |label: &str, form: usize| match form {
        0 => format!("<meta charset=\"{label}\">"),
        1 => format!("<META CHARSET={label}>"),
        _ => format!("<meta http-equiv=\"Content-Type\" content=\"text/html; charset={label}\">"),
    };
    if skeleton & 4 != 0 {
        page.out.push_str("<head>");
    }
    let form = page.dice.below(3);
    match meta {
        1 => page.out.push_str(&meta_tag(right_label, form)),
        2 => {
            let label = page.dice.pick(LABELS);
            page.out.push_str(&meta_tag(label, form));
        }
        3 => {
            page.out.push_str(&format!("<!--{}-->", " ".repeat(2100)));
            page.out.push_str(&meta_tag(right_label, form));
        }
        _ => {}
    }
    if skeleton & 8 != 0 {
        let title = genre::title(&mut page.dice);
        page.out
            .push_str(&format!("<title>{title}_澹江市人民政府门户网站</title>"));
        page.out
            .push_str("<style>p{margin:0}</style><script>var a = '<p>';</script>");
    }
    if skeleton & 4 != 0 {
        page.out.push_str("</head>");
    }
    // Before <body>, a <noscript> is read in the head, where text ends it.
    if skeleton & 16 != 0 || !page.wild() {
        page.out.push_str("\n<body>");
    }
    let container = skeleton & 32 != 0;
    if container {
        page.out
            .push_str("<div class=\"nav\"><a href=\"/\">首页</a></div>");
        let id = page.dice.pick(IDS);
        page.out.push_str(&format!("<div id=\"{id}\">"));
    }
    page.content(0);
    if container && skeleton & 64 != 0 {
        page.out.push_str("</div>");
    }
    if skeleton & 128 != 0 {
        page.out.push_str("</body></html>\n");
    }
    (page.out, page.clean)
}

/// What the web-page reader gives must hold together: one source line per
/// text line, headings on lines of the text, their spans inside. (Not that
/// the headings are in order, as `Extracted` says: a heading inside another,
/// `<h2>甲<span><h3>乙</h3></span></h2>`, comes after it.)
fn assert_extracted_sound(extracted: &Extracted) {
    let text = extracted.source.text();
    assert!(
        text.is_empty() || text.ends_with('\n'),
        "the extracted text does not end its last line"
    );
    let lines = text.matches('\n').count();
    if let Locations::HtmlLines(sources) = &extracted.locations {
        assert_eq!(sources.len(), lines, "one source line per text line");
        assert!(
            sources.iter().flatten().all(|&line| line >= 1),
            "source lines are 1-based"
        );
    } else {
        panic!("a web page without HTML source lines");
    }
    assert_eq!(extracted.format, Format::Html);
    for heading in &extracted.headings {
        assert!(
            heading.first_line <= heading.last_line && heading.last_line < lines,
            "heading on lines {}–{} of {lines}",
            heading.first_line,
            heading.last_line
        );
        let span = &heading.text;
        assert!(
            span.start <= span.end
                && span.end <= text.len()
                && text.is_char_boundary(span.start)
                && text.is_char_boundary(span.end),
            "heading span {span:?} outside the text or not on character boundaries"
        );
    }
    if let Some(date) = extracted.published {
        assert!(
            (1..=12).contains(&date.month) && (1..=31).contains(&date.day),
            "published on {date}"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let gb18030 = encoding_for_label("gb18030").expect("GB18030");
    let utf8 = encoding_for_label("utf-8").expect("UTF-8");
    let in_gb18030 = (mode >> 1) & 1 == 1;
    // The page's own encoding, another, or none.
    let forced = match ((mode >> 5) & 3, mode & 1 == 1, in_gb18030) {
        (2, true, _) | (2, false, true) | (3, false, false) => Some(gb18030),
        (2, false, false) | (3, false, true) => Some(utf8),
        (3, true, _) => encoding_for_label("big5"),
        _ => None,
    };
    let (bytes, clean) = if mode & 1 == 1 {
        (rest.to_vec(), false)
    } else {
        let encoding = (mode >> 1) & 3;
        let right_label = if in_gb18030 { "gb2312" } else { "utf-8" };
        let (text, clean) = page(rest, (mode >> 3) & 3, right_label);
        let mut bytes = match encoding {
            2 => b"\xEF\xBB\xBF".to_vec(),
            3 => b"\x84\x31\x95\x33".to_vec(),
            _ => Vec::new(),
        };
        if in_gb18030 {
            bytes.extend_from_slice(&gb18030.encode(&text).0);
        } else {
            bytes.extend_from_slice(text.as_bytes());
        }
        (bytes, clean)
    };
    let rules = embedded_engine();
    let name = "fuzz.html";
    let result = if mode & 128 != 0 {
        let input = Input {
            name,
            bytes: &bytes,
            format: Format::Html,
            encoding: forced,
        };
        FileResult::from(rules.check(&input))
    } else {
        match html::read(name, &bytes, forced) {
            Ok(extracted) => {
                assert_extracted_sound(&extracted);
                check(rules, Document::from_extracted(extracted))
            }
            Err(error) => FileResult {
                path: name.to_owned(),
                outcome: Outcome::Failed(error),
            },
        }
    };
    assert_result_sound(&result);
    if clean && let Outcome::Checked { document, .. } = &result.outcome {
        assert!(
            !document.text().contains(SENTINEL),
            "the content of a script, style, noscript or template was read as text"
        );
    }
    render(rules, std::slice::from_ref(&result));
});
