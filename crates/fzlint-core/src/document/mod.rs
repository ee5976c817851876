//! Reading a report into a [`Document`]: its text, outline, the regions that
//! are not report text, and the normalised copy used for loose matching.
//!
//! Reading never fails on content: any valid text yields a document (the
//! decoding errors are in [`crate::text::source`]). Reading takes bytes:
//! where they come from (a file, standard input, a browser's file picker, an
//! editor's buffer) is the front end's business.

pub mod docx;
pub mod found;
pub mod genre;
pub mod html;
pub mod issuer;
mod markdown;
pub mod metadata;
pub mod outline;

use std::ops::Range;
use std::path::Path;

use crate::error::InputError;
use crate::text::loose::LooseText;
use crate::text::source::SourceFile;
use metadata::Metadata;
use outline::{Outline, OutlineInput};

/// How a file's text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CommonMark (`.md`, `.markdown`).
    Markdown,
    /// Line-based plain text (`.txt`, standard input, anything else).
    Text,
    /// A Word document (`.docx`): its paragraphs, one per line.
    Docx,
    /// A web page (`.html`, `.htm`): the article's text, line by line.
    Html,
}

impl Format {
    /// The format a path's extension implies: Markdown for `.md` and
    /// `.markdown`, Word for `.docx`, a web page for `.html`/`.htm` (any
    /// case), plain text otherwise.
    pub fn from_path(path: &Path) -> Format {
        Format::of_extension(extension(path).as_deref())
    }

    /// The format a file name's extension implies (see
    /// [`Format::from_path`]).
    pub fn of_name(name: &str) -> Format {
        Format::from_path(Path::new(name))
    }

    fn of_extension(extension: Option<&str>) -> Format {
        match extension {
            Some("md" | "markdown") => Format::Markdown,
            Some("docx") => Format::Docx,
            Some("html" | "htm" | "shtml" | "xhtml") => Format::Html,
            _ => Format::Text,
        }
    }

    /// The name used in JSON and rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Text => "text",
            Format::Docx => "docx",
            Format::Html => "html",
        }
    }
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// Whether fzlint refuses a file by its name, before reading it: a kind of
/// file it does not read (`.doc`, `.wps`, `.pdf`, images…), with what to do
/// instead.
pub fn unsupported(name: &str) -> Option<InputError> {
    let (what, advice) = unsupported_kind(Path::new(name))?;
    Some(InputError::Unsupported {
        path: name.to_owned(),
        what,
        advice,
    })
}

/// Extensions of files that may well be reports but that fzlint cannot
/// read (old Word and WPS documents, PDF, OFD): a folder walk takes them
/// too, so that each is named with what to do, never passed over.
pub const UNREADABLE_REPORTS: [&str; 5] = ["doc", "wps", "rtf", "pdf", "ofd"];

/// Kinds of file fzlint does not read, by extension, with what to do.
fn unsupported_kind(path: &Path) -> Option<(&'static str, &'static str)> {
    Some(match extension(path)?.as_str() {
        "doc" | "wps" | "rtf" => (
            "旧版 Word/WPS 文档（.doc、.wps、.rtf）",
            "请在 Word 或 WPS 中另存为 .docx 后再检查",
        ),
        "pdf" | "ofd" => (
            "PDF/OFD 文件",
            "请用原始的 Word 文档（.docx），或把文字导出为 .txt 后再检查",
        ),
        "png" | "jpg" | "jpeg" | "gif" | "bmp" | "tif" | "tiff" | "webp" => (
            "图片",
            "fzlint 不识别图片中的文字；请提供报告的 Word 文档或文字版",
        ),
        "xls" | "xlsx" | "et" | "ppt" | "pptx" | "dps" => {
            ("表格或演示文稿", "请提供报告的 Word 文档（.docx）或文字版")
        }
        _ => return None,
    })
}

/// A report ready to be checked.
#[derive(Debug)]
pub struct Document {
    source: SourceFile,
    format: Format,
    outline: Outline,
    metadata: Metadata,
    masked: Vec<Range<usize>>,
    markup: Vec<Range<usize>>,
    loose: LooseText,
    locations: Locations,
    comments: Vec<Comment>,
}

/// The text of a Word document or web page, with what its markup said.
#[derive(Debug)]
pub struct Extracted {
    /// The file's name and its extracted text, one paragraph (or block) per
    /// line.
    pub source: SourceFile,
    /// `Docx` or `Html`.
    pub format: Format,
    /// Headings marked by the markup (Word heading styles and outline
    /// levels, `<h1>`–`<h6>`), in order, with `depth` their level.
    pub headings: Vec<outline::MarkdownHeading>,
    /// Where each line came from.
    pub locations: Locations,
    /// The date of publication the file states outside its text (a web
    /// page's 发布时间).
    pub published: Option<crate::document::metadata::Date>,
    /// The Word comments anchored on the text (none for a web page).
    pub comments: Vec<Comment>,
}

/// A Word comment anchored on the text: who wrote it, what it says and
/// what it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// `w:author`.
    pub author: String,
    /// Its paragraphs' text, joined by line breaks.
    pub text: String,
    /// The text between its `commentRangeStart` and `commentRangeEnd`.
    pub range: Range<usize>,
}

/// Where each line of extracted text came from.
#[derive(Debug, Clone, Default)]
pub enum Locations {
    /// The text is the file (Markdown, plain text).
    #[default]
    None,
    /// For each line, the 1-based number of the Word paragraph it is in.
    Paragraphs(Vec<u32>),
    /// For each line, the 1-based line of the HTML source it starts on,
    /// where it could be found.
    HtmlLines(Vec<Option<u32>>),
}

/// A place in the original file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A Word paragraph, 1-based, counting table cells' paragraphs.
    Paragraph(u32),
    /// A line of the HTML source, 1-based.
    HtmlLine(u32),
}

impl Document {
    /// Reads a report from its bytes. `name` is what messages call it (a
    /// path, `<stdin>`, a file chosen in a browser); `format` how to read
    /// it (see [`Format::of_name`]); `encoding` one the user named, instead
    /// of detecting it. Fails, naming `name`, only when the bytes are not a
    /// report fzlint can read; any readable text yields a document.
    pub fn read(
        name: &str,
        bytes: &[u8],
        format: Format,
        encoding: Option<&'static encoding_rs::Encoding>,
    ) -> Result<Document, InputError> {
        match format {
            Format::Docx => docx::read(name, bytes).map(Document::from_extracted),
            Format::Html => html::read(name, bytes, encoding).map(Document::from_extracted),
            Format::Markdown | Format::Text => {
                let source = SourceFile::from_bytes(name, bytes, encoding)?;
                Ok(Document::parse(source, format))
            }
        }
    }

    /// Reads a report's text.
    pub fn parse(source: SourceFile, format: Format) -> Document {
        let (markdown_headings, masked, markup) = match format {
            Format::Markdown => {
                let regions = markdown::scan(&source);
                (regions.headings, regions.masked, regions.markup)
            }
            Format::Text | Format::Docx | Format::Html => (Vec::new(), Vec::new(), Vec::new()),
        };
        Document::build(
            source,
            format,
            markdown_headings,
            masked,
            markup,
            Locations::None,
        )
    }

    /// A document from the text extracted from a Word document or a web
    /// page; their headings (by style or by tag) count like Markdown's.
    pub fn from_extracted(extracted: Extracted) -> Document {
        let mut document = Document::build(
            extracted.source,
            extracted.format,
            extracted.headings,
            Vec::new(),
            Vec::new(),
            extracted.locations,
        );
        document.comments = extracted.comments;
        if let Some(value) = extracted.published
            && document.metadata.published.is_none()
        {
            let start = document.source.content_start();
            document.metadata.published = Some(crate::document::metadata::Found {
                value,
                span: start..start,
            });
        }
        document
    }

    fn build(
        source: SourceFile,
        format: Format,
        markdown_headings: Vec<outline::MarkdownHeading>,
        masked: Vec<Range<usize>>,
        markup: Vec<Range<usize>>,
        locations: Locations,
    ) -> Document {
        let lines: Vec<Range<usize>> = source.lines().collect();
        let mut outline = outline::build(OutlineInput {
            text: source.text(),
            lines: &lines,
            masked: &masked,
            markdown_headings: &markdown_headings,
            markdown: format == Format::Markdown,
        });
        let segments = segments(&source, &lines, &outline, &masked, &markdown_headings);
        let loose = LooseText::build(source.text(), &segments, &markup);
        let metadata = metadata::extract(source.text(), &lines, &outline);
        if let Some(closing) = &metadata.closing {
            outline.end_sections_at(closing.start);
        }
        Document {
            source,
            format,
            outline,
            metadata,
            masked,
            markup,
            loose,
            locations,
            comments: Vec::new(),
        }
    }

    /// The Word comments anchored on the text, in order of their starts
    /// (only a Word document has them).
    pub fn comments(&self) -> &[Comment] {
        &self.comments
    }

    /// Where a line of the text came from in the original file: the Word
    /// paragraph (1-based) or the line of the HTML source, if known.
    pub fn origin_of_line(&self, line_index: usize) -> Option<Origin> {
        match &self.locations {
            Locations::None => None,
            Locations::Paragraphs(p) => p.get(line_index).map(|&n| Origin::Paragraph(n)),
            Locations::HtmlLines(l) => l.get(line_index).copied().flatten().map(Origin::HtmlLine),
        }
    }

    /// The text and its line index.
    pub fn source(&self) -> &SourceFile {
        &self.source
    }

    /// The text and its line index, without the rest of the document (the
    /// outline, the normalised copy and its offset map, which is several
    /// times the size of the text).
    pub fn into_source(self) -> SourceFile {
        self.source
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        self.source.text()
    }

    /// How the text was read.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Title and sections.
    pub fn outline(&self) -> &Outline {
        &self.outline
    }

    /// Issuer, year, date of writing.
    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    /// Sorted ranges that are not report text (Markdown code, HTML, front matter).
    pub fn masked(&self) -> &[Range<usize>] {
        &self.masked
    }

    /// Whether `offset` lies in a masked region.
    pub fn is_masked(&self, offset: usize) -> bool {
        let i = self.masked.partition_point(|m| m.end <= offset);
        self.masked.get(i).is_some_and(|m| m.start <= offset)
    }

    /// Whether any part of the text is masked (Markdown code, HTML,
    /// comments, front matter).
    pub fn has_masked_regions(&self) -> bool {
        !self.masked.is_empty()
    }

    /// Whether a span is report text: it does not start in a masked region
    /// and is not wholly inside Markdown markup (an emphasis delimiter).
    pub fn is_text(&self, span: &Range<usize>) -> bool {
        if self.is_masked(span.start) {
            return false;
        }
        let i = self.markup.partition_point(|m| m.end <= span.start);
        !self
            .markup
            .get(i)
            .is_some_and(|m| m.start <= span.start && span.end <= m.end)
    }

    /// The normalised text for loose literal matching.
    pub fn loose(&self) -> &LooseText {
        &self.loose
    }

    /// Where a finding about something missing from the whole report points:
    /// the title, else the first heading, else the first line with text.
    pub fn anchor(&self) -> Range<usize> {
        if let Some(title) = &self.outline.title {
            return title.span.clone();
        }
        if let Some(section) = self.outline.sections.first() {
            return section.heading_span.clone();
        }
        self.source
            .lines()
            .find_map(|line| {
                let text = &self.text()[line.clone()];
                let trimmed = text.trim();
                (!trimmed.is_empty() && !self.is_masked(line.start)).then(|| {
                    let start = line.start + (text.len() - text.trim_start().len());
                    start..start + trimmed.len()
                })
            })
            .unwrap_or_else(|| {
                let start = self.source.content_start();
                start..start
            })
    }
}

/// The stretches of text that loose matching may join across line breaks:
/// runs of consecutive body lines (a hard-wrapped paragraph), and the title
/// and each heading on their own. Blank lines and masked regions separate
/// them. The body text that runs on after a numbered heading on the same line
/// (`（一）加强领导。成立了……`) starts a run of its own.
fn segments(
    source: &SourceFile,
    lines: &[Range<usize>],
    outline: &Outline,
    masked: &[Range<usize>],
    markdown_headings: &[outline::MarkdownHeading],
) -> Vec<Range<usize>> {
    #[derive(Clone)]
    enum Role {
        Body,
        /// Covered by a segment of its own that starts on an earlier line.
        Covered,
        /// A segment of its own, then body text in `rest` (the end of its
        /// last line) that may run on into the following lines.
        Alone(Range<usize>, Range<usize>),
    }
    fn cover(roles: &mut [Role], lines: Range<usize>, segment: Range<usize>, rest: Range<usize>) {
        for role in &mut roles[lines.start + 1..lines.end] {
            *role = Role::Covered;
        }
        roles[lines.start] = Role::Alone(segment, rest);
    }
    let text = source.text();
    let mut roles = vec![Role::Body; lines.len()];
    for heading in markdown_headings {
        let end = lines[heading.last_line].end;
        let covered = heading.first_line..heading.last_line + 1;
        cover(&mut roles, covered, heading.text.clone(), end..end);
    }
    for section in &outline.sections {
        if !matches!(roles[section.line], Role::Alone(..)) {
            let heading = section.heading_span.clone();
            let rest = heading.end..lines[section.line].end;
            cover(&mut roles, section.line..section.line + 1, heading, rest);
        }
    }
    if let Some(title) = &outline.title {
        let last = source.line_index(title.span.end.saturating_sub(1).max(title.span.start));
        let rest = title.span.end.max(lines[last].start)..lines[last].end;
        cover(&mut roles, title.line..last + 1, title.span.clone(), rest);
    }

    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut open: Option<Range<usize>> = None;
    for (line, role) in lines.iter().zip(roles) {
        match role {
            Role::Covered => {}
            Role::Alone(segment, rest) => {
                runs.extend(open.take());
                runs.push(segment);
                if !text[rest.clone()].trim().is_empty() {
                    open = Some(rest);
                }
            }
            Role::Body if text[line.clone()].trim().is_empty() => runs.extend(open.take()),
            Role::Body => match &mut open {
                Some(run) => run.end = line.end,
                None => open = Some(line.clone()),
            },
        }
    }
    runs.extend(open);
    subtract(runs, masked)
}

/// Removes the masked ranges from sorted, disjoint runs.
fn subtract(runs: Vec<Range<usize>>, masked: &[Range<usize>]) -> Vec<Range<usize>> {
    if masked.is_empty() {
        return runs;
    }
    let mut out = Vec::with_capacity(runs.len());
    for run in runs {
        let mut start = run.start;
        let first = masked.partition_point(|m| m.end <= run.start);
        for m in masked[first..].iter().take_while(|m| m.start < run.end) {
            if m.start > start {
                out.push(start..m.start);
            }
            start = start.max(m.end);
        }
        if start < run.end {
            out.push(start..run.end);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_from_extension() {
        assert_eq!(Format::from_path(Path::new("a/报告.MD")), Format::Markdown);
        assert_eq!(Format::from_path(Path::new("r.markdown")), Format::Markdown);
        assert_eq!(Format::from_path(Path::new("r.txt")), Format::Text);
        assert_eq!(Format::from_path(Path::new("README")), Format::Text);
    }

    #[test]
    fn subtracting_masked_ranges_splits_runs() {
        assert_eq!(
            subtract(vec![0..10, 20..30], &[2..4, 8..22]),
            vec![0..2, 4..8, 22..30]
        );
        assert_eq!(subtract(vec![5..6], &[0..10]), Vec::<Range<usize>>::new());
    }

    #[test]
    fn anchor_prefers_title_then_heading() {
        let doc = Document::parse(
            SourceFile::new("t", "报告标题\n一、成效\n正文。"),
            Format::Text,
        );
        assert_eq!(doc.source().slice(doc.anchor()), "报告标题");
        let doc = Document::parse(SourceFile::new("t", "一、成效\n正文。"), Format::Text);
        assert_eq!(doc.source().slice(doc.anchor()), "一、成效");
        let doc = Document::parse(SourceFile::new("t", "\n  我局认真落实。\n"), Format::Text);
        assert_eq!(doc.source().slice(doc.anchor()), "我局认真落实。");
    }

    #[test]
    fn markdown_code_is_masked_but_text_is_not() {
        let text = "# 标题\n\n正文\n\n```\n代码\n```\n";
        let doc = Document::parse(SourceFile::new("t.md", text), Format::Markdown);
        assert!(doc.is_masked(text.find("代码").unwrap()));
        assert!(!doc.is_masked(text.find("正文").unwrap()));
        assert_eq!(doc.loose().as_str(), "标题\n正文");
    }
}
