//! What identifies a finding across edits, for baselines (the findings a
//! repository has accepted for now, so that a CI gate reports only new
//! ones): its rule, its section path (the headings that contain it, without
//! their numbers, so renumbering a part does not matter) and its matched
//! text, normalised like a loose literal — not its line, so editing a
//! report elsewhere does not resurrect old findings. The front end adds the
//! file and keeps the counts (see the CLI's baseline file).

use crate::document::Document;
use crate::document::outline::parse_marker;
use crate::finding::Finding;
use crate::text::loose;

/// A finding's identity within its report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FindingKey {
    /// The rule id.
    pub rule: String,
    /// The headings containing the finding, outermost first, joined by ` / `.
    pub section: String,
    /// The matched text, normalised.
    pub text: String,
}

/// The key of a finding of `document`.
pub fn key(document: &Document, finding: &Finding) -> FindingKey {
    FindingKey {
        rule: finding.rule.clone(),
        section: section_path(document, finding.span.start),
        text: loose::normalize(&document.text()[finding.span.clone()]),
    }
}

/// The headings containing `offset`, outermost first, without their outline
/// numbers.
fn section_path(document: &Document, offset: usize) -> String {
    let sections = &document.outline().sections;
    let Some(mut index) = sections
        .iter()
        .rposition(|s| s.span.start <= offset && offset < s.span.end)
    else {
        return String::new();
    };
    let mut path = Vec::new();
    loop {
        let heading = &sections[index].heading;
        let text = parse_marker(heading).map_or(heading.as_str(), |m| heading[m.len..].trim());
        path.push(text.to_owned());
        match sections[index].parent {
            Some(parent) => index = parent,
            None => break,
        }
    }
    path.reverse();
    path.join(" / ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::text::source::SourceFile;

    #[test]
    fn the_section_path_leaves_out_outline_numbers() {
        let text = "标题\n一、主要举措和成效\n（一）规范执法\n办理XX件。\n";
        let document = Document::parse(SourceFile::new("r.txt", text), Format::Text);
        let start = text.find("XX").unwrap();
        let finding = Finding {
            rule: "placeholder".to_owned(),
            severity: crate::finding::Severity::Error,
            message: String::new(),
            span: start..start + 2,
            label: String::new(),
            secondary: Vec::new(),
            help: None,
            basis: None,
            replacement: None,
        };
        let key = key(&document, &finding);
        assert_eq!(key.section, "主要举措和成效 / 规范执法");
        assert_eq!(key.text, "XX");
        // Renumbered: the same key.
        let renumbered = text.replace("一、", "二、").replace("（一）", "（二）");
        let document = Document::parse(SourceFile::new("r.txt", renumbered), Format::Text);
        assert_eq!(super::key(&document, &finding), key);
    }
}
