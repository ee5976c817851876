//! What the client asks about a checked document: code actions (a rule's
//! replacement, all of one rule's replacements in the file, a suppression
//! comment in Markdown), hover (the rule's 建议 and 依据) — from the
//! findings of the version the client holds.

use std::collections::HashMap;

use fzlint_core::document::Format;
use fzlint_core::text::source::SourceFile;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Hover, HoverContents, MarkupContent,
    MarkupKind, Position, Range, TextEdit, Uri, WorkspaceEdit,
};

use crate::check::Found;
use crate::position::{self, Encoding};

/// Whether two ranges share a position (touching counts: a cursor at the
/// end of a finding is on it).
fn touches(a: &Range, b: &Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

fn edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// The code actions for the findings in `range`.
pub fn code_actions(
    uri: &Uri,
    source: &SourceFile,
    format: Format,
    found: &[Found],
    range: &Range,
    encoding: Encoding,
) -> Vec<CodeActionOrCommand> {
    let mut actions = Vec::new();
    let mut suppressed: Vec<(&str, u32)> = Vec::new();
    for item in found.iter().filter(|f| touches(&f.diagnostic.range, range)) {
        let rule = item.finding.rule.as_str();
        if let Some(replacement) = &item.finding.replacement {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("改为“{replacement}”（{rule}）"),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![item.diagnostic.clone()]),
                edit: Some(edit(
                    uri,
                    vec![TextEdit::new(item.diagnostic.range, replacement.clone())],
                )),
                is_preferred: Some(item.safe),
                ..CodeAction::default()
            }));
            let all = fix_all(found, rule);
            if all.len() > 1 {
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("修正本文件中 {rule} 的全部 {} 处", all.len()),
                    kind: Some(CodeActionKind::QUICKFIX),
                    edit: Some(edit(uri, all)),
                    ..CodeAction::default()
                }));
            }
        }
        let line = item.diagnostic.range.start.line;
        if format == Format::Markdown && !suppressed.contains(&(rule, line)) {
            suppressed.push((rule, line));
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("在上一行加注释，不再报告这一行的 {rule}"),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![item.diagnostic.clone()]),
                edit: Some(edit(uri, vec![suppression(source, line, rule, encoding)])),
                ..CodeAction::default()
            }));
        }
    }
    actions
}

/// Every replacement of one rule in the file, in order, none overlapping
/// the one before.
fn fix_all(found: &[Found], rule: &str) -> Vec<TextEdit> {
    let mut edits: Vec<TextEdit> = Vec::new();
    let mut last_end: Option<usize> = None;
    let mut items: Vec<&Found> = found
        .iter()
        .filter(|f| f.finding.rule == rule && f.finding.replacement.is_some())
        .collect();
    items.sort_by_key(|f| (f.finding.span.start, f.finding.span.end));
    for item in items {
        if last_end.is_some_and(|end| item.finding.span.start < end) {
            continue;
        }
        if let Some(replacement) = &item.finding.replacement {
            last_end = Some(item.finding.span.end);
            edits.push(TextEdit::new(item.diagnostic.range, replacement.clone()));
        }
    }
    edits
}

/// The comment `<!-- fzlint-disable-next-line RULE -- 原因 -->` on a line
/// of its own before `line`, indented as it is, ended as it is.
fn suppression(source: &SourceFile, line: u32, rule: &str, encoding: Encoding) -> TextEdit {
    let text = source.text();
    let index = (line as usize).min(source.line_count().saturating_sub(1));
    let content = source.line_range(index);
    let indent: String = text[content.clone()]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let after = &text[content.end..];
    let ending = if after.starts_with("\r\n") {
        "\r\n"
    } else if after.starts_with('\r') {
        "\r"
    } else {
        "\n"
    };
    let start = position::position(source, content.start, encoding);
    let at = Position::new(start.line, start.character);
    TextEdit::new(
        Range::new(at, at),
        format!("{indent}<!-- fzlint-disable-next-line {rule} -- 原因 -->{ending}"),
    )
}

/// The hover at `at`: each finding there, with its rule's 建议 and 依据.
pub fn hover(found: &[Found], at: Position) -> Option<Hover> {
    let here: Vec<&Found> = found
        .iter()
        .filter(|f| {
            let range = f.diagnostic.range;
            range.start <= at && (at < range.end || range.start == range.end && at == range.start)
        })
        .collect();
    let first = here.first()?;
    let mut parts = Vec::new();
    for item in &here {
        let finding = &item.finding;
        let mut text = format!("**{}**：{}", finding.rule, finding.message);
        if let Some(help) = &finding.help {
            text.push_str(&format!("\n\n建议：{}", help.trim_end()));
        }
        if let Some(basis) = &finding.basis {
            text.push_str(&format!("\n\n依据：{}", basis.trim_end()));
        }
        parts.push(text);
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: Some(first.diagnostic.range),
    })
}
