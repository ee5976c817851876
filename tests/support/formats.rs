//! The same report in every form fzlint reads, made from one master
//! (`fixtures/formats/report.txt`) so that the repository holds the recipe
//! rather than binary files:
//!
//! - `report.txt` (the master), `report.md` (Markdown headings),
//! - `report.docx`: the title in Word's Title style, parts numbered by Word
//!   (`一、` from a `heading 1` style with numbering, `（一）` from list
//!   level 2 — the numbers are not in the text), Chinese numeric style ids,
//!   body text split over several runs, a table, and a tracked change whose
//!   deleted text would be a finding if it were read;
//! - `report.html`: a GB2312 page with site chrome around the article;
//! - `report-gbk.txt`, `report-gb18030.txt` (with a four-byte character),
//!   `report-utf16le.txt` (with BOM), `report-utf8bom.txt`, `report-crlf.txt`.
//!
//! Shared by `tests/formats.rs` and `examples/format_fixtures.rs`.

#![allow(dead_code)]

use std::path::Path;

#[path = "docx_package.rs"]
pub mod docx_package;

/// The master report.
pub fn master() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/formats/report.txt");
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("fixtures/formats/report.txt: {e}"))
}

/// A character outside GBK (GB18030 writes it in four bytes).
pub const RARE: &str = "𠀀";

/// The names of the files [`write_all`] writes.
pub const FILES: [&str; 9] = [
    "report.txt",
    "report.md",
    "report.docx",
    "report.html",
    "report-gbk.txt",
    "report-gb18030.txt",
    "report-utf16le.txt",
    "report-utf8bom.txt",
    "report-crlf.txt",
];

/// Writes every form of the master into `dir`.
pub fn write_all(dir: &Path) -> std::io::Result<()> {
    let text = master();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes);
    write("report.txt", text.as_bytes())?;
    write("report.md", markdown(&text).as_bytes())?;
    write("report.docx", &docx(&text)?)?;
    write("report.html", &html(&text))?;
    let gbk_text = text.replace(RARE, "某");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&gbk_text);
    assert!(!unmappable);
    write("report-gbk.txt", &gbk)?;
    let (gb18030, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    write("report-gb18030.txt", &gb18030)?;
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    write("report-utf16le.txt", &utf16)?;
    write("report-utf8bom.txt", format!("\u{feff}{text}").as_bytes())?;
    write("report-crlf.txt", text.replace('\n', "\r\n").as_bytes())?;
    Ok(())
}

/// What a master line is.
enum Line<'a> {
    Title(&'a str),
    Blank,
    /// `一、…`: the text after the number.
    Part(&'a str),
    /// `（一）…`: the text after the number.
    Subpart(&'a str),
    Body(&'a str),
}

fn lines(text: &str) -> Vec<Line<'_>> {
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            if i == 0 {
                return Line::Title(line);
            }
            if line.trim().is_empty() {
                return Line::Blank;
            }
            for number in ["一、", "二、", "三、", "四、", "五、"] {
                if let Some(rest) = line.strip_prefix(number) {
                    return Line::Part(rest);
                }
            }
            if line.starts_with('（')
                && let Some(end) = line.find('）')
                && line[..end].chars().count() <= 3
            {
                return Line::Subpart(&line[end + '）'.len_utf8()..]);
            }
            Line::Body(line)
        })
        .collect()
}

fn markdown(text: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        match lines(text).into_iter().nth(i) {
            Some(Line::Title(t)) => out.push_str(&format!("# {t}\n")),
            Some(Line::Part(_)) => out.push_str(&format!("## {line}\n")),
            Some(Line::Subpart(_)) => out.push_str(&format!("### {line}\n\n")),
            Some(Line::Blank) | None => out.push('\n'),
            Some(Line::Body(b)) => out.push_str(&format!("{b}\n\n")),
        }
    }
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn html(text: &str) -> Vec<u8> {
    let title = text.lines().next().unwrap_or_default();
    // Headings as such pages write them: bold paragraphs.
    let mut body = String::new();
    for (line, kind) in text.lines().zip(lines(text)) {
        match kind {
            Line::Title(_) | Line::Blank => {}
            Line::Part(_) | Line::Subpart(_) => {
                body.push_str(&format!("<p><strong>{}</strong></p>\n", escape(line)));
            }
            Line::Body(b) => body.push_str(&format!("<p>　　{}</p>\n", escape(b))),
        }
    }
    let page = format!(
        r#"<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{title}_湄川县人民政府</title>
<script type="text/javascript">var nav = "一、首页";</script>
</head>
<body>
<div class="top"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/hdjl/">互动交流</a></div>
<div class="position">当前位置：首页 &gt; 政务公开 &gt; 法治政府建设</div>
<div class="article">
<h1 class="title">{title}</h1>
<div class="info">发布时间：2024-03-08　来源：县交通运输局　【字体：大 中 小】</div>
<div id="zoom" class="TRS_Editor">
{body}</div>
<div class="tools">【打印本页】【关闭窗口】</div>
</div>
<div class="footer">主办：湄川县人民政府办公室　湄ICP备00000000号　湄公网安备 00000000000000号</div>
</body>
</html>
"#
    );
    // GB2312 pages write characters outside it as character references.
    let (bytes, _, _) = encoding_rs::GBK.encode(&page);
    bytes.into_owned()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn run(text: &str, bold: bool) -> String {
    let rpr = if bold {
        r#"<w:rPr><w:rFonts w:hint="eastAsia"/><w:b/></w:rPr>"#
    } else {
        r#"<w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>"#
    };
    format!(
        r#"<w:r>{rpr}<w:t xml:space="preserve">{}</w:t></w:r>"#,
        escape(text)
    )
}

/// A body paragraph split into runs of at most 12 characters, every other
/// one bold, so findings cross run boundaries.
fn runs(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars
        .chunks(12)
        .enumerate()
        .map(|(i, chunk)| run(&chunk.iter().collect::<String>(), i % 2 == 1))
        .collect()
}

fn document_xml(text: &str) -> String {
    let mut body = String::new();
    let mut table_done = false;
    let mut change_done = false;
    for kind in lines(text) {
        match kind {
            Line::Title(t) => body.push_str(&format!(
                r#"<w:p><w:pPr><w:pStyle w:val="a3"/></w:pPr>{}</w:p>"#,
                run(t, true)
            )),
            Line::Blank => body.push_str("<w:p/>"),
            Line::Part(t) => body.push_str(&format!(
                r#"<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr>{}</w:p>"#,
                run(t, false)
            )),
            Line::Subpart(t) => body.push_str(&format!(
                r#"<w:p><w:pPr><w:pStyle w:val="2"/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr>{}</w:p>"#,
                run(t, false)
            )),
            Line::Body(b) if !change_done && b.contains("行政执法公示制度") => {
                // Accepted: the insertion is text, the deletion is not.
                let (before, after) = b.split_at(b.find("行政执法公示制度").unwrap_or(0));
                body.push_str(&format!(
                    r#"<w:p>{}<w:del w:id="90" w:author="审核人" w:date="2024-02-01T09:00:00Z"><w:r><w:delText>全面依法治国新理念新思想新战略</w:delText></w:r></w:del><w:ins w:id="91" w:author="审核人" w:date="2024-02-01T09:00:00Z">{}</w:ins></w:p>"#,
                    runs(before),
                    runs(after)
                ));
                change_done = true;
            }
            Line::Body(b) => {
                body.push_str(&format!("<w:p>{}</w:p>", runs(b)));
                if !table_done && b.contains("负责人出庭应诉") {
                    body.push_str(
                        r#"<w:tbl><w:tblPr><w:tblStyle w:val="a4"/></w:tblPr><w:tr><w:tc><w:p><w:r><w:t>季度</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>件数</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>一季度</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>15</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
                    );
                    table_done = true;
                }
            }
        }
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/><w:basedOn w:val="a"/></w:style>
<w:style w:type="table" w:styleId="a4"><w:name w:val="Table Grid"/></w:style>
</w:styles>"#;

const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"#;

/// The master as a Word document.
pub fn docx(text: &str) -> std::io::Result<Vec<u8>> {
    let document = document_xml(text);
    docx_package::package(
        &[
            ("word/document.xml", Some(document.as_bytes())),
            ("word/styles.xml", Some(STYLES.as_bytes())),
            ("word/numbering.xml", Some(NUMBERING.as_bytes())),
        ],
        zip::CompressionMethod::Deflated,
    )
}
