//! `fzlint annotate`: a copy of a Word document with one Word comment per
//! finding, anchored on the offending text (or on the title or heading a
//! finding about a missing element points at), its text the message, the
//! help and the basis — fzlint's review in the margin, as authors are used
//! to from a colleague's.
//!
//! The text fzlint checked maps back to `word/document.xml` through the
//! reader's [`Piece`]s. A comment's start and end are placed inside runs:
//! the run is closed, the comment mark written, and the run reopened with
//! its own properties, so the formatting is untouched. `comments.xml`, its
//! relationship and its content type are added (or extended, if the
//! document already has comments). Every other part is copied unchanged;
//! the original file is never written.

use std::collections::BTreeMap;
use std::io::Write;
use std::ops::Range;

use crate::document::docx::{self, DocxText, Package, Parts, Piece};
use crate::error::InputError;
use crate::finding::{Finding, Severity};
use crate::fix::Edit;

const COMMENTS_TYPE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const COMMENTS_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Who the comments and tracked changes are from.
pub use crate::document::docx::FZLINT_AUTHOR as AUTHOR;

fn malformed(name: &str, reason: impl Into<String>) -> InputError {
    InputError::Malformed {
        path: name.to_owned(),
        what: "Word 文档",
        reason: reason.into(),
    }
}

/// Escapes text for XML, leaving out the control characters XML 1.0 does
/// not allow.
fn escape(text: &str) -> String {
    let allowed: String = text
        .chars()
        .filter(|&c| (c as u32) >= 0x20 || matches!(c, '\t' | '\n' | '\r'))
        .collect();
    quick_xml::escape::escape(&allowed).into_owned()
}

/// How a comment mark is written at a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Split {
    /// Between runs: written as is.
    Outside,
    /// Inside a run's text node: `<w:t>` and the run are closed and reopened.
    InText,
    /// Inside a run, between its children: the run is closed and reopened.
    InRun,
}

/// A place in `document.xml` to write a comment mark.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Point {
    /// Byte offset in `document.xml`.
    at: usize,
    split: Split,
    /// The run's properties, to reopen it.
    rpr: Range<usize>,
}

/// Whether a piece is text inside a `<w:t>` (a text node or a character
/// reference), rather than an element of the run (a tab, a break).
fn in_text_node(xml: &str, piece: &Piece) -> bool {
    !xml[piece.xml.start..].starts_with('<')
}

/// Where a text offset is: in the piece that holds it (or the first piece
/// after it). At the start of a run, the mark goes before the run.
fn start_point(doc: &DocxText, xml: &str, offset: usize) -> Option<Point> {
    let index = doc.pieces.iter().position(|p| p.text.end > offset)?;
    let piece = &doc.pieces[index];
    let (tag, rpr) = piece.run.clone()?;
    let first_in_run = index == 0 || doc.pieces[index - 1].run.as_ref().map(|r| &r.0) != Some(&tag);
    Some(if offset <= piece.text.start && first_in_run {
        Point {
            at: tag.start,
            split: Split::Outside,
            rpr,
        }
    } else if piece.splittable && offset > piece.text.start {
        Point {
            at: piece.xml.start + (offset - piece.text.start),
            split: Split::InText,
            rpr,
        }
    } else {
        Point {
            at: piece.xml.start,
            split: if in_text_node(xml, piece) {
                Split::InText
            } else {
                Split::InRun
            },
            rpr,
        }
    })
}

/// Where the end of a span is: just after its last character. At the end
/// of a run, the mark goes after the run.
fn end_point(doc: &DocxText, xml: &str, end: usize) -> Option<Point> {
    let index = doc.pieces.iter().rposition(|p| p.text.start < end)?;
    let piece: &Piece = &doc.pieces[index];
    let (tag, rpr) = piece.run.clone()?;
    let last_in_run = doc
        .pieces
        .get(index + 1)
        .is_none_or(|next| next.run.as_ref().map(|r| &r.0) != Some(&tag));
    Some(if end >= piece.text.end && last_in_run {
        Point {
            at: piece.run_end,
            split: Split::Outside,
            rpr,
        }
    } else if piece.splittable && end < piece.text.end {
        Point {
            at: piece.xml.start + (end - piece.text.start),
            split: Split::InText,
            rpr,
        }
    } else {
        // After the piece: inside the `<w:t>` when the piece is text (the
        // run's text goes on after it), between the run's children when it
        // is an element.
        Point {
            at: piece.xml.end,
            split: if in_text_node(xml, piece) {
                Split::InText
            } else {
                Split::InRun
            },
            rpr,
        }
    })
}

/// Whether the marks for `span` fall exactly at its ends, with every
/// character of it in the runs between them: no list number or paragraph
/// break inside (Word writes those itself), no end rounded out to a whole
/// character reference or element. Only then can its text be replaced.
fn exactly_mapped(doc: &DocxText, text: &str, span: &Range<usize>) -> bool {
    if span.is_empty() || text.get(span.clone()).is_none_or(|t| t.contains('\n')) {
        return false;
    }
    let mut covered = 0;
    let mut first = None;
    let mut last = None;
    for piece in &doc.pieces {
        let start = piece.text.start.max(span.start);
        let end = piece.text.end.min(span.end);
        if start < end {
            covered += end - start;
            first.get_or_insert(piece);
            last = Some(piece);
        }
    }
    let (Some(first), Some(last)) = (first, last) else {
        return false;
    };
    covered == span.len()
        && (span.start == first.text.start || first.splittable)
        && (span.end == last.text.end || last.splittable)
}

/// Whether the XML between two places in a paragraph is only runs (with
/// their text, tabs and properties) and markers, so that it can be wrapped
/// in a `<w:del>`: no hyperlink, field, earlier revision, drawing or
/// paragraph starts or ends in it.
fn only_runs(xml: &str) -> bool {
    // Not a symbol (`w:sym`), a soft hyphen or a comment's reference: the
    // reader does not count them as text, so deleting them would delete
    // more than the finding's text.
    const ALLOWED: [&str; 11] = [
        "r",
        "t",
        "tab",
        "noBreakHyphen",
        "proofErr",
        "bookmarkStart",
        "bookmarkEnd",
        "commentRangeStart",
        "commentRangeEnd",
        "lastRenderedPageBreak",
        "rPr",
    ];
    let mut in_rpr = 0usize;
    for tag in xml.split('<').skip(1) {
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
            .collect();
        let local = name.strip_prefix("w:").unwrap_or("");
        let self_closing = tag.split('>').next().is_some_and(|t| t.ends_with('/'));
        if local == "rPr" {
            if closing {
                in_rpr = in_rpr.saturating_sub(1);
            } else if !self_closing {
                in_rpr += 1;
            }
            continue;
        }
        if in_rpr > 0 {
            continue;
        }
        if !ALLOWED.contains(&local) {
            return false;
        }
    }
    in_rpr == 0
}

/// The severity as the comment's headline says it.
fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
    }
}

/// The paragraphs of a finding's comment: its severity and message, the
/// help and the basis, and last, small and grey, the rule's id.
fn paragraphs(finding: &Finding) -> Vec<String> {
    let mut out = vec![format!(
        "{}：{}",
        severity_word(finding.severity),
        finding.message
    )];
    if let Some(help) = &finding.help {
        out.push(format!("建议：{}", help.trim()));
    }
    if let Some(basis) = &finding.basis {
        out.push(format!("依据：{}", basis.trim()));
    }
    out
}

/// A finding's comment, `<w:comment>…</w:comment>`.
fn comment_xml(id: u64, finding: &Finding) -> String {
    let mut xml = format!("<w:comment w:id=\"{id}\" w:author=\"{AUTHOR}\" w:initials=\"fz\">");
    for text in paragraphs(finding) {
        xml.push_str(&format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            escape(&text)
        ));
    }
    xml.push_str(&format!(
        "<w:p><w:r><w:rPr><w:color w:val=\"808080\"/><w:sz w:val=\"{RULE_SIZE}\"/><w:szCs w:val=\"{RULE_SIZE}\"/></w:rPr><w:t xml:space=\"preserve\">规则：{}</w:t></w:r></w:p>",
        escape(&finding.rule)
    ));
    xml.push_str("</w:comment>");
    xml
}

/// The size of the rule id's line in a comment, in half-points (8 pt).
const RULE_SIZE: u32 = 16;

/// The ids already used by comments in a document's parts.
fn used_ids(xml: &str) -> u64 {
    let mut max = 0;
    for pattern in ["w:id=\""] {
        for (i, _) in xml.match_indices(pattern) {
            let rest = &xml[i + pattern.len()..];
            if let Some(end) = rest.find('"')
                && let Ok(id) = rest[..end].parse::<u64>()
            {
                max = max.max(id);
            }
        }
    }
    max
}

/// What is written at a place in `document.xml`, in this order when
/// several are at the same place: the end of a tracked replacement (the
/// deletion's end and the insertion), comment ends, comment starts, the
/// start of a deletion. So a comment on a replacement holds both its
/// deletion and its insertion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Order {
    RevisionEnd,
    CommentEnd,
    CommentStart,
    RevisionStart,
}

/// One thing written at a place in `document.xml`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Mark {
    point: Point,
    order: Order,
    xml: String,
}

/// `<w:t>` becomes `<w:delText>` in deleted runs.
fn deleted(xml: &str) -> String {
    xml.replace("<w:t>", "<w:delText>")
        .replace("<w:t ", "<w:delText ")
        .replace("</w:t>", "</w:delText>")
}

/// Writes `document.xml` with the marks. Between a revision's start and
/// end the runs' text is deleted text.
fn mark(xml: &str, marks: &BTreeMap<usize, Vec<Mark>>) -> String {
    let mut out = String::with_capacity(xml.len() + marks.len() * 200);
    let mut at = 0;
    let mut deleting = false;
    // Comment references held back until the deletion they are in ends.
    let mut references = String::new();
    for (offset, group) in marks {
        let chunk = &xml[at..*offset];
        if deleting {
            out.push_str(&deleted(chunk));
        } else {
            out.push_str(chunk);
        }
        let Some(first) = group.first() else {
            continue;
        };
        let point = &first.point;
        let rpr = &xml[point.rpr.clone()];
        let text_close = if deleting { "</w:delText>" } else { "</w:t>" };
        match point.split {
            Split::Outside => {}
            Split::InText => {
                out.push_str(text_close);
                out.push_str("</w:r>");
            }
            Split::InRun => out.push_str("</w:r>"),
        }
        let mut sorted: Vec<&Mark> = group.iter().collect();
        sorted.sort_by_key(|m| m.order);
        for mark in sorted {
            match mark.order {
                // A comment ending inside deleted text: its reference run
                // goes after the replacement, so that accepting the
                // deletion does not delete the comment with it.
                Order::CommentEnd if deleting => match mark.xml.find("<w:r>") {
                    Some(at) => {
                        out.push_str(&mark.xml[..at]);
                        references.push_str(&mark.xml[at..]);
                    }
                    None => out.push_str(&mark.xml),
                },
                Order::RevisionEnd => {
                    out.push_str(&mark.xml);
                    out.push_str(&references);
                    references.clear();
                    deleting = false;
                }
                Order::RevisionStart => {
                    out.push_str(&mark.xml);
                    deleting = true;
                }
                Order::CommentStart | Order::CommentEnd => out.push_str(&mark.xml),
            }
        }
        match point.split {
            Split::Outside => {}
            Split::InText => {
                out.push_str("<w:r>");
                out.push_str(rpr);
                out.push_str(if deleting {
                    "<w:delText xml:space=\"preserve\">"
                } else {
                    "<w:t xml:space=\"preserve\">"
                });
            }
            Split::InRun => {
                out.push_str("<w:r>");
                out.push_str(rpr);
            }
        }
        at = *offset;
    }
    out.push_str(&xml[at..]);
    out
}

/// `comments.xml` without the comments fzlint wrote (author [`AUTHOR`]),
/// but for those `keep` keeps (by id), and their ids.
fn without_our_comments(xml: &str, keep: impl Fn(&str) -> bool) -> (String, Vec<String>) {
    let mut kept = String::with_capacity(xml.len());
    let mut ours = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<w:comment ") {
        let Some(end) = rest[start..]
            .find("</w:comment>")
            .map(|e| start + e + "</w:comment>".len())
        else {
            break;
        };
        let element = &rest[start..end];
        let head = &element[..element.find('>').unwrap_or(element.len())];
        kept.push_str(&rest[..start]);
        let id = attribute(head, "w:id");
        if head.contains(&format!("w:author=\"{AUTHOR}\"")) && !id.is_some_and(&keep) {
            if let Some(id) = id {
                ours.push(id.to_owned());
            }
        } else {
            kept.push_str(element);
        }
        rest = &rest[end..];
    }
    kept.push_str(rest);
    (kept, ours)
}

/// Whether fzlint's comment `id` is on one of fzlint's tracked changes that
/// is still there (neither accepted nor rejected): the comment says why.
fn on_our_revision(document: &str, id: &str) -> bool {
    let (Some(start), Some(end)) = (
        document.find(&format!("<w:commentRangeStart w:id=\"{id}\"/>")),
        document.find(&format!("<w:commentRangeEnd w:id=\"{id}\"/>")),
    ) else {
        return false;
    };
    start < end
        && document[start..end]
            .match_indices("<w:ins ")
            .any(|(at, _)| {
                let head = &document[start + at..end];
                let head = &head[..head.find('>').unwrap_or(head.len())];
                head.contains(&format!("w:author=\"{AUTHOR}\""))
            })
}

/// The value of `name="…"` in a start tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = tag[at..].find('"')? + at;
    Some(&tag[at..end])
}

/// `document.xml` without the marks of the comments `ids`: their range
/// starts and ends and the runs holding their references.
fn without_marks(document: &str, ids: &[String]) -> String {
    let ids = ids
        .iter()
        .map(|id| regex::escape(id))
        .collect::<Vec<_>>()
        .join("|");
    let Ok(marks) = regex::Regex::new(&format!(
        r#"<w:commentRange(?:Start|End) w:id="(?:{ids})"\s*/>|<w:r>(?:<w:rPr>(?:[^<]|<[^/]|</[^w]|</w:[^r]|</w:r[^P>])*</w:rPr>)?<w:commentReference w:id="(?:{ids})"\s*/></w:r>"#
    )) else {
        return document.to_owned();
    };
    marks.replace_all(document, "").into_owned()
}

/// What to write besides the comments.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// Safe fixes ([`crate::fix::edits`] of the same findings) to write as
    /// tracked changes (修订) by [`AUTHOR`]: the wrong text deleted, the
    /// right text inserted with the run's formatting, the finding's comment
    /// on both. A fix whose text Word does not hold as plain runs (it takes
    /// in a list number, a hyperlink's end, a field) stays a comment only.
    /// No date is written: the copy is the same whenever it is made.
    pub revisions: &'a [Edit],
}

/// The annotated copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotated {
    /// The new `.docx`.
    pub bytes: Vec<u8>,
    /// How many comments it holds (one per finding placed).
    pub comments: usize,
    /// How many of the findings are written as tracked changes.
    pub revisions: usize,
}

/// A copy of a `.docx` with a comment for each finding. `findings` must
/// come from checking the same file (their spans are offsets into the text
/// the reader extracts from it). Returns the new file and how many
/// comments it holds.
pub fn annotate(
    name: &str,
    original: &[u8],
    findings: &[Finding],
) -> Result<(Vec<u8>, usize), InputError> {
    annotate_with(name, original, findings, &Options::default()).map(|a| (a.bytes, a.comments))
}

/// [`annotate`], with the safe fixes among the findings written as tracked
/// changes when `options` names them.
pub fn annotate_with(
    name: &str,
    original: &[u8],
    findings: &[Finding],
    options: &Options<'_>,
) -> Result<Annotated, InputError> {
    let mut package = Package::open(name, original)?;
    let mut parts = Parts::read(&mut package)?;
    let mut read = |path: &str| package.part(path);
    let mut existing_comments = parts.comments.clone();
    // A copy annotated before (and perhaps edited since) gets a fresh set:
    // fzlint's earlier comments are taken out, the author's and reviewers'
    // stay, and so do fzlint's on its tracked changes still waiting to be
    // accepted or rejected (read as accepted, they are no findings now).
    // Comment marks are not text, so the findings' spans still hold.
    if let Some(xml) = &existing_comments {
        let document = &parts.document;
        let (kept, ours) = without_our_comments(xml, |id| on_our_revision(document, id));
        if !ours.is_empty() {
            parts.document = without_marks(&parts.document, &ours);
            existing_comments = Some(kept);
        }
    }
    let doc = docx::extract(name, &parts)?;
    let rels = read("word/_rels/document.xml.rels")?;
    let content_types =
        read("[Content_Types].xml")?.ok_or_else(|| malformed(name, "缺少 [Content_Types].xml"))?;

    let xml = parts.document.as_str();
    let mut next_id = used_ids(xml).max(existing_comments.as_deref().map_or(0, used_ids)) + 1;
    let mut marks: BTreeMap<usize, Vec<Mark>> = BTreeMap::new();
    let mut add = |point: Point, order: Order, xml: String| {
        marks
            .entry(point.at)
            .or_default()
            .push(Mark { point, order, xml });
    };
    let mut comments = String::new();
    let mut count = 0;
    let mut revised = 0;
    let mut revised_until = 0;
    for finding in findings {
        let span = finding.span.clone();
        let (Some(start), Some(end)) = (
            start_point(&doc, xml, span.start),
            end_point(&doc, xml, span.end.max(span.start + 1)),
        ) else {
            continue;
        };
        if end.at < start.at {
            continue;
        }
        let revision = options.revisions.iter().find(|edit| {
            edit.span == span
                && edit.rule == finding.rule
                && finding.replacement.as_ref() == Some(&edit.replacement)
        });
        let revision = revision.filter(|_| {
            span.start >= revised_until
                && exactly_mapped(&doc, &doc.text, &span)
                && only_runs(&xml[start.at..end.at])
        });
        let id = next_id;
        next_id += 1;
        count += 1;
        add(
            start.clone(),
            Order::CommentStart,
            format!("<w:commentRangeStart w:id=\"{id}\"/>"),
        );
        if let Some(edit) = revision {
            let (del, ins) = (next_id, next_id + 1);
            next_id += 2;
            revised += 1;
            revised_until = span.end;
            let rpr = &xml[start.rpr.clone()];
            add(
                start.clone(),
                Order::RevisionStart,
                format!("<w:del w:id=\"{del}\" w:author=\"{AUTHOR}\">"),
            );
            add(
                end.clone(),
                Order::RevisionEnd,
                format!(
                    "</w:del><w:ins w:id=\"{ins}\" w:author=\"{AUTHOR}\"><w:r>{rpr}<w:t xml:space=\"preserve\">{}</w:t></w:r></w:ins>",
                    escape(&edit.replacement)
                ),
            );
        }
        add(
            end,
            Order::CommentEnd,
            format!(
                "<w:commentRangeEnd w:id=\"{id}\"/><w:r><w:commentReference w:id=\"{id}\"/></w:r>"
            ),
        );
        comments.push_str(&comment_xml(id, finding));
    }

    let document = mark(&parts.document, &marks);
    let comments_xml = match &existing_comments {
        Some(xml) => match xml.rfind("</w:comments>") {
            Some(at) => format!("{}{comments}{}", &xml[..at], &xml[at..]),
            None => return Err(malformed(name, "word/comments.xml 不完整")),
        },
        None => format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:comments xmlns:w=\"{W_NS}\">{comments}</w:comments>"
        ),
    };
    let rels = match rels {
        Some(xml) if xml.contains(COMMENTS_TYPE) => xml,
        Some(xml) => match xml.rfind("</Relationships>") {
            Some(at) => format!(
                "{}<Relationship Id=\"rIdFzlintComments\" Type=\"{COMMENTS_TYPE}\" Target=\"comments.xml\"/>{}",
                &xml[..at],
                &xml[at..]
            ),
            None => return Err(malformed(name, "word/_rels/document.xml.rels 不完整")),
        },
        None => format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rIdFzlintComments\" Type=\"{COMMENTS_TYPE}\" Target=\"comments.xml\"/></Relationships>"
        ),
    };
    let content_types = if content_types.contains("/word/comments.xml") {
        content_types
    } else {
        match content_types.rfind("</Types>") {
            Some(at) => format!(
                "{}<Override PartName=\"/word/comments.xml\" ContentType=\"{COMMENTS_CONTENT_TYPE}\"/>{}",
                &content_types[..at],
                &content_types[at..]
            ),
            None => return Err(malformed(name, "[Content_Types].xml 不完整")),
        }
    };

    let replaced: [(&str, &str); 4] = [
        ("word/document.xml", &document),
        ("word/comments.xml", &comments_xml),
        ("word/_rels/document.xml.rels", &rels),
        ("[Content_Types].xml", &content_types),
    ];
    let mut archive = package.into_archive();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let zip_error = |e: zip::result::ZipError| malformed(name, e.to_string());
    for index in 0..archive.len() {
        let file = archive.by_index_raw(index).map_err(zip_error)?;
        let file_name = file.name().map_err(zip_error)?.into_owned();
        if replaced.iter().any(|(path, _)| *path == file_name) {
            continue;
        }
        out.raw_copy_file(file).map_err(zip_error)?;
    }
    for (path, content) in replaced {
        out.start_file(path, options).map_err(zip_error)?;
        out.write_all(content.as_bytes())
            .map_err(|e| malformed(name, e.to_string()))?;
    }
    let bytes = out.finish().map_err(zip_error)?.into_inner();
    Ok(Annotated {
        bytes,
        comments: count,
        revisions: revised,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hostile documents, shared with the command line's tests.
    #[allow(dead_code)]
    mod hostile {
        include!("../../../tests/support/hostile_docx.rs");
    }

    #[test]
    fn a_comments_part_that_is_a_zip_bomb_is_refused_before_it_is_inflated() {
        // A real document, then 200 MiB of comments.xml in 200 KB.
        let document = hostile::document_xml("<w:p><w:r><w:t>正文。</w:t></w:r></w:p>");
        let bytes = hostile::zip_bomb(
            &[
                ("[Content_Types].xml", b"<Types/>"),
                ("word/document.xml", document.as_bytes()),
            ],
            &[("word/comments.xml", (200 << 20) / 258, None)],
        );
        let started = std::time::Instant::now();
        match annotate("炸弹.docx", &bytes, &[]) {
            Err(e @ InputError::Malformed { .. }) => assert_eq!(
                e.to_string(),
                "炸弹.docx: 无法读取 Word 文档：word/comments.xml 解压后超过 64 MB，可能不是正常的报告（压缩炸弹）"
            ),
            other => panic!("{other:?}"),
        }
        assert!(started.elapsed().as_secs() < 2, "{:?}", started.elapsed());
    }

    #[test]
    fn fzlints_earlier_comments_go_and_the_reviewers_stay() {
        let comments = format!(
            "<w:comments><w:comment w:id=\"3\" w:author=\"{AUTHOR}\" w:initials=\"fz\"><w:p/></w:comment><w:comment w:id=\"4\" w:author=\"审核人\"><w:p><w:r><w:t>请核实</w:t></w:r></w:p></w:comment></w:comments>"
        );
        let (kept, ours) = without_our_comments(&comments, |_| false);
        assert_eq!(ours, ["3"]);
        assert!(kept.contains("审核人") && !kept.contains(AUTHOR), "{kept}");
        let document = "<w:p><w:commentRangeStart w:id=\"3\"/><w:commentRangeStart w:id=\"4\"/><w:r><w:t>甲</w:t></w:r><w:commentRangeEnd w:id=\"3\"/><w:r><w:rPr><w:rStyle w:val=\"a\"/></w:rPr><w:commentReference w:id=\"3\"/></w:r><w:commentRangeEnd w:id=\"4\"/><w:r><w:commentReference w:id=\"4\"/></w:r><w:r><w:t>乙</w:t></w:r></w:p>";
        let cleaned = without_marks(document, &ours);
        assert_eq!(
            cleaned,
            "<w:p><w:commentRangeStart w:id=\"4\"/><w:r><w:t>甲</w:t></w:r><w:commentRangeEnd w:id=\"4\"/><w:r><w:commentReference w:id=\"4\"/></w:r><w:r><w:t>乙</w:t></w:r></w:p>"
        );
        // A run before the reference is never taken with it.
        let runs = "<w:r><w:rPr><w:b/></w:rPr><w:t>甲</w:t></w:r><w:r><w:commentReference w:id=\"3\"/></w:r>";
        assert_eq!(
            without_marks(runs, &ours),
            "<w:r><w:rPr><w:b/></w:rPr><w:t>甲</w:t></w:r>"
        );
    }

    #[test]
    fn marks_split_runs_and_keep_their_properties() {
        let xml = "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>甲乙丙</w:t></w:r></w:p>";
        let t = xml.find("甲").unwrap();
        let rpr = xml.find("<w:rPr>").unwrap()..xml.find("<w:t>").unwrap();
        let point = |at| Point {
            at,
            split: Split::InText,
            rpr: rpr.clone(),
        };
        let at = |at, order, xml: &str| {
            (
                at,
                vec![Mark {
                    point: point(at),
                    order,
                    xml: xml.to_owned(),
                }],
            )
        };
        let marks = BTreeMap::from([
            at(t + 3, Order::CommentStart, "<S/>"),
            at(t + 6, Order::CommentEnd, "<E/>"),
        ]);
        assert_eq!(
            mark(xml, &marks),
            "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>甲</w:t></w:r><S/><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">乙</w:t></w:r><E/><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">丙</w:t></w:r></w:p>"
        );
    }

    /// A `.docx` holding `body` as its document.
    fn package(body: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("[Content_Types].xml", options).unwrap();
        zip.write_all(b"<Types></Types>").unwrap();
        zip.start_file("word/document.xml", options).unwrap();
        zip.write_all(hostile::document_xml(body).as_bytes())
            .unwrap();
        zip.finish().unwrap().into_inner()
    }

    /// A finding on the `nth` (from 0) `wrong` in the document's text.
    fn finding(bytes: &[u8], wrong: &str, nth: usize, right: Option<&str>) -> Finding {
        let parts = Parts::open("t.docx", bytes).unwrap();
        let text = docx::extract("t.docx", &parts).unwrap().text;
        let (start, _) = text.match_indices(wrong).nth(nth).unwrap();
        Finding {
            rule: "r".to_owned(),
            severity: Severity::Warning,
            message: format!("“{wrong}”有误"),
            span: start..start + wrong.len(),
            label: String::new(),
            secondary: Vec::new(),
            help: None,
            basis: None,
            replacement: right.map(str::to_owned),
        }
    }

    fn edit(finding: &Finding) -> Edit {
        Edit {
            span: finding.span.clone(),
            replacement: finding.replacement.clone().unwrap(),
            rule: finding.rule.clone(),
        }
    }

    /// The annotated copy's `document.xml`, checked to be well-formed.
    fn annotated(bytes: &[u8], findings: &[Finding], revisions: &[Edit]) -> (String, Annotated) {
        let out = annotate_with("t.docx", bytes, findings, &Options { revisions }).unwrap();
        let mut package = Package::open("t.docx", &out.bytes).unwrap();
        let document = Parts::read(&mut package).unwrap().document;
        let mut reader = quick_xml::Reader::from_str(&document);
        let mut depth = 0i32;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Start(_)) => depth += 1,
                Ok(quick_xml::events::Event::End(_)) => depth -= 1,
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{e}: {document}"),
            }
        }
        assert_eq!(depth, 0, "{document}");
        (document, out)
    }

    #[test]
    fn a_comment_ending_before_a_tab_in_the_same_run_keeps_the_xml_whole() {
        let bytes = package("<w:p><w:r><w:t>甲乙</w:t><w:tab/><w:t>丙&amp;丁</w:t></w:r></w:p>");
        let findings = [
            finding(&bytes, "甲乙", 0, None),
            finding(&bytes, "丙", 0, None),
            finding(&bytes, "&", 0, None),
        ];
        let (document, out) = annotated(&bytes, &findings, &[]);
        assert_eq!(out.comments, 3);
        assert!(
            document.contains("<w:t>甲乙</w:t></w:r><w:commentRangeEnd w:id=\"1\"/>"),
            "{document}"
        );
    }

    #[test]
    fn a_fix_becomes_a_revision_only_where_its_text_is_plain_runs() {
        let bytes = package(concat!(
            "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>开展法制</w:t></w:r><w:r><w:t>宣传，</w:t></w:r>",
            "<w:r><w:t>法制</w:t></w:r><w:hyperlink><w:r><w:t>宣传</w:t></w:r></w:hyperlink>",
            "<w:r><w:t>A&amp;法制宣传</w:t></w:r></w:p>"
        ));
        let fixes = [
            finding(&bytes, "法制宣传", 0, Some("法治宣传")),
            finding(&bytes, "法制宣传", 1, Some("法治宣传")),
            finding(&bytes, "法制宣传", 2, Some("法治宣传")),
        ];
        // A comment that starts before the first fix and ends inside it.
        let mut findings = vec![finding(&bytes, "开展法", 0, None)];
        findings.extend(fixes.iter().cloned());
        let edits: Vec<Edit> = fixes.iter().map(edit).collect();
        let (document, out) = annotated(&bytes, &findings, &edits);
        assert_eq!((out.comments, out.revisions), (4, 2), "{document}");
        // Across two runs, each keeping its formatting; the insertion in
        // the first run's. The comment that ends inside the deleted text
        // has its reference after the insertion, out of the deletion.
        assert!(
            document.contains("<w:del w:id=\"3\" w:author=\"fzlint\"><w:r><w:rPr><w:b/></w:rPr><w:delText xml:space=\"preserve\">法</w:delText></w:r><w:commentRangeEnd w:id=\"1\"/><w:r><w:rPr><w:b/></w:rPr><w:delText xml:space=\"preserve\">制</w:delText></w:r><w:r><w:delText>宣传</w:delText></w:r></w:del><w:ins w:id=\"4\" w:author=\"fzlint\"><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">法治宣传</w:t></w:r></w:ins><w:r><w:commentReference w:id=\"1\"/></w:r><w:commentRangeEnd w:id=\"2\"/>"),
            "{document}"
        );
        // Into a hyperlink: a comment only.
        assert!(
            document.contains("<w:commentRangeStart w:id=\"5\"/><w:r><w:t>法制</w:t></w:r><w:hyperlink><w:r><w:t>宣传</w:t></w:r><w:commentRangeEnd w:id=\"5\"/>"),
            "{document}"
        );
        // After a character reference in the same text.
        assert!(
            document.contains("<w:t>A&amp;</w:t></w:r><w:commentRangeStart w:id=\"6\"/><w:del w:id=\"7\" w:author=\"fzlint\"><w:r><w:delText xml:space=\"preserve\">法制宣传</w:delText></w:r></w:del><w:ins w:id=\"8\" w:author=\"fzlint\"><w:r><w:t xml:space=\"preserve\">法治宣传</w:t></w:r></w:ins>"),
            "{document}"
        );
        // Read back, the revisions are accepted: the fixed text.
        let parts = Parts::read(
            &mut Package::open("t.docx", &annotated(&bytes, &findings, &edits).1.bytes).unwrap(),
        )
        .unwrap();
        assert_eq!(
            docx::extract("t.docx", &parts).unwrap().text,
            "开展法治宣传，法制宣传A&法治宣传\n"
        );
    }

    #[test]
    fn a_fix_over_a_symbol_or_a_reviewers_comment_reference_stays_a_comment() {
        let bytes = package(concat!(
            r#"<w:p><w:r><w:t>法制</w:t><w:sym w:font="Wingdings" w:char="F0FC"/><w:t>宣传</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>法制</w:t></w:r><w:r><w:commentReference w:id="40"/></w:r><w:r><w:t>宣传</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>法制</w:t></w:r><w:bookmarkStart w:id="41" w:name="a"/><w:r><w:t>宣传</w:t></w:r></w:p>"#,
        ));
        let fixes: Vec<Finding> = (0..3)
            .map(|n| finding(&bytes, "法制宣传", n, Some("法治宣传")))
            .collect();
        let edits: Vec<Edit> = fixes.iter().map(edit).collect();
        let (document, out) = annotated(&bytes, &fixes, &edits);
        assert_eq!((out.comments, out.revisions), (3, 1), "{document}");
        assert!(
            document.contains(r#"<w:bookmarkStart w:id="41" w:name="a"/><w:r><w:delText>宣传</w:delText></w:r></w:del>"#),
            "{document}"
        );
    }

    #[test]
    fn the_comment_says_the_severity_first_and_the_rule_last_in_small_grey() {
        let mut f = Finding {
            rule: "canonical-term".to_owned(),
            severity: Severity::Warning,
            message: "“截止目前”应为“截至目前”".to_owned(),
            span: 0..1,
            label: String::new(),
            secondary: Vec::new(),
            help: Some("改为“截至目前”。".to_owned()),
            basis: Some("《党政机关公文格式》".to_owned()),
            replacement: None,
        };
        assert_eq!(
            comment_xml(7, &f),
            "<w:comment w:id=\"7\" w:author=\"fzlint\" w:initials=\"fz\"><w:p><w:r><w:t xml:space=\"preserve\">警告：“截止目前”应为“截至目前”</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\">建议：改为“截至目前”。</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\">依据：《党政机关公文格式》</w:t></w:r></w:p><w:p><w:r><w:rPr><w:color w:val=\"808080\"/><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/></w:rPr><w:t xml:space=\"preserve\">规则：canonical-term</w:t></w:r></w:p></w:comment>"
        );
        f.severity = Severity::Error;
        assert!(paragraphs(&f)[0].starts_with("错误："));
        f.severity = Severity::Info;
        assert!(paragraphs(&f)[0].starts_with("提示："));
    }

    #[test]
    fn comment_text_is_escaped() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
