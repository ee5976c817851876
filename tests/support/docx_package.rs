//! The parts every `.docx` package needs besides its content: the content
//! types and the relationships to `word/document.xml`, `styles.xml` and
//! `numbering.xml`. Shared by `tests/support/formats.rs` and the
//! `check_docx` fuzz target.

use std::io::Write;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;

/// A `.docx` (a zip, compressed with `compression`) holding the fixed parts
/// and `parts`; a part given as `None` is left out.
pub fn package(
    parts: &[(&str, Option<&[u8]>)],
    compression: zip::CompressionMethod,
) -> std::io::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(compression);
    let fixed: [(&str, Option<&[u8]>); 3] = [
        ("[Content_Types].xml", Some(CONTENT_TYPES.as_bytes())),
        ("_rels/.rels", Some(RELS.as_bytes())),
        (
            "word/_rels/document.xml.rels",
            Some(DOCUMENT_RELS.as_bytes()),
        ),
    ];
    for (name, content) in fixed.iter().chain(parts) {
        if let Some(content) = content {
            zip.start_file(*name, options)
                .map_err(std::io::Error::other)?;
            zip.write_all(content)?;
        }
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}
