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
use crate::finding::Finding;

const COMMENTS_TYPE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const COMMENTS_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Who the comments are from.
pub const AUTHOR: &str = "fzlint";

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

/// Where a text offset is: in the piece that holds it (or the first piece
/// after it). At the start of a run, the mark goes before the run.
fn start_point(doc: &DocxText, offset: usize) -> Option<Point> {
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
            split: if piece.splittable {
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
fn end_point(doc: &DocxText, end: usize) -> Option<Point> {
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
        Point {
            at: piece.xml.end,
            split: Split::InRun,
            rpr,
        }
    })
}

/// The comment text of a finding: its message, help and basis.
fn paragraphs(finding: &Finding) -> Vec<String> {
    let mut out = vec![format!("【{}】{}", finding.rule, finding.message)];
    if let Some(help) = &finding.help {
        out.push(format!("建议：{}", help.trim()));
    }
    if let Some(basis) = &finding.basis {
        out.push(format!("依据：{}", basis.trim()));
    }
    out
}

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

/// Writes `document.xml` with the comment marks.
fn mark(xml: &str, marks: &BTreeMap<usize, Vec<(Point, String)>>) -> String {
    let mut out = String::with_capacity(xml.len() + marks.len() * 200);
    let mut at = 0;
    for (offset, group) in marks {
        out.push_str(&xml[at..*offset]);
        let Some((point, _)) = group.first() else {
            continue;
        };
        let rpr = &xml[point.rpr.clone()];
        match point.split {
            Split::Outside => {}
            Split::InText => out.push_str("</w:t></w:r>"),
            Split::InRun => out.push_str("</w:r>"),
        }
        for (_, mark) in group {
            out.push_str(mark);
        }
        match point.split {
            Split::Outside => {}
            Split::InText => {
                out.push_str("<w:r>");
                out.push_str(rpr);
                out.push_str("<w:t xml:space=\"preserve\">");
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
/// and their ids.
fn without_our_comments(xml: &str) -> (String, Vec<String>) {
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
        if head.contains(&format!("w:author=\"{AUTHOR}\"")) {
            if let Some(id) = attribute(head, "w:id") {
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

/// A copy of a `.docx` with a comment for each finding. `findings` must
/// come from checking the same file (their spans are offsets into the text
/// the reader extracts from it). Returns the new file and how many
/// comments it holds.
pub fn annotate(
    name: &str,
    original: &[u8],
    findings: &[Finding],
) -> Result<(Vec<u8>, usize), InputError> {
    let mut package = Package::open(name, original)?;
    let mut parts = Parts::read(&mut package)?;
    let mut read = |path: &str| package.part(path);
    let mut existing_comments = read("word/comments.xml")?;
    // A copy annotated before (and perhaps edited since) gets a fresh set:
    // fzlint's earlier comments are taken out, the author's and reviewers'
    // stay. Comment marks are not text, so the findings' spans still hold.
    if let Some(xml) = &existing_comments {
        let (kept, ours) = without_our_comments(xml);
        if !ours.is_empty() {
            parts.document = without_marks(&parts.document, &ours);
            existing_comments = Some(kept);
        }
    }
    let doc = docx::extract(name, &parts)?;
    let rels = read("word/_rels/document.xml.rels")?;
    let content_types =
        read("[Content_Types].xml")?.ok_or_else(|| malformed(name, "缺少 [Content_Types].xml"))?;

    let mut next_id =
        used_ids(&parts.document).max(existing_comments.as_deref().map_or(0, used_ids)) + 1;
    let mut marks: BTreeMap<usize, Vec<(Point, String)>> = BTreeMap::new();
    let mut comments = String::new();
    let mut count = 0;
    for finding in findings {
        let span = finding.span.clone();
        let (Some(start), Some(end)) = (
            start_point(&doc, span.start),
            end_point(&doc, span.end.max(span.start + 1)),
        ) else {
            continue;
        };
        if end.at < start.at {
            continue;
        }
        let id = next_id;
        next_id += 1;
        count += 1;
        marks
            .entry(start.at)
            .or_default()
            .push((start, format!("<w:commentRangeStart w:id=\"{id}\"/>")));
        // At the same place, ends go before starts: insert ends first.
        let entry = marks.entry(end.at).or_default();
        entry.insert(
            0,
            (
                end,
                format!(
                    "<w:commentRangeEnd w:id=\"{id}\"/><w:r><w:commentReference w:id=\"{id}\"/></w:r>"
                ),
            ),
        );
        comments.push_str(&format!(
            "<w:comment w:id=\"{id}\" w:author=\"{AUTHOR}\" w:initials=\"fz\">"
        ));
        for text in paragraphs(finding) {
            comments.push_str(&format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                escape(&text)
            ));
        }
        comments.push_str("</w:comment>");
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
    Ok((bytes, count))
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
        let (kept, ours) = without_our_comments(&comments);
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
        let mut marks = BTreeMap::new();
        marks.insert(t + 3, vec![(point(t + 3), "<S/>".to_owned())]);
        marks.insert(t + 6, vec![(point(t + 6), "<E/>".to_owned())]);
        assert_eq!(
            mark(xml, &marks),
            "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>甲</w:t></w:r><S/><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">乙</w:t></w:r><E/><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">丙</w:t></w:r></w:p>"
        );
    }

    #[test]
    fn comment_text_is_escaped() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
