//! `check --fix` and `check --diff`: the safe fixes of a run, written back
//! to Markdown and text files or shown as a unified diff.

use std::io::{self, Write};
use std::path::PathBuf;

use fzlint::output::human;
use fzlint::read;
use fzlint::report::{FileResult, Linter, Outcome};
use fzlint::write::replace_if_unchanged;
use fzlint_core::document::{Document, Format};
use fzlint_core::fix;

use super::ColorWhen;

/// A checked file's document and its safe edits, if it has any.
fn edits_of<'a>(linter: &Linter, result: &'a FileResult) -> Option<(&'a Document, Vec<fix::Edit>)> {
    let Outcome::Checked {
        document, findings, ..
    } = &result.outcome
    else {
        return None;
    };
    let edits = fix::edits(findings, linter.rules());
    (!edits.is_empty()).then_some((&**document, edits))
}

fn writable(result: &FileResult) -> Result<(), &'static str> {
    let Outcome::Checked { document, .. } = &result.outcome else {
        return Err("");
    };
    if result.path == read::STDIN_NAME {
        return Err("标准输入无法写回");
    }
    match document.format() {
        Format::Markdown | Format::Text => Ok(()),
        Format::Docx => {
            Err("--fix 只处理 .md 和 .txt 文件；Word 文档请用 fzlint annotate 生成带批注的副本")
        }
        Format::Html => Err("--fix 只处理 .md 和 .txt 文件，不改网页"),
    }
}

/// Prints a unified diff of every file the safe fixes would change (the
/// files `--fix` writes: Markdown and text). Returns how many would change,
/// and for each other file with safe fixes (a Word document, a web page,
/// standard input) why it shows none.
pub fn diff(
    linter: &Linter,
    results: &[FileResult],
    out: &mut dyn Write,
) -> io::Result<(usize, Vec<String>)> {
    let mut changed = 0;
    let mut unshown = Vec::new();
    for result in results {
        let Some((document, edits)) = edits_of(linter, result) else {
            continue;
        };
        if let Err(reason) = writable(result) {
            unshown.push(format!(
                "{}：有 {} 处安全改正，不显示差异：{}",
                result.path,
                edits.len(),
                reason.replacen("--fix", "--fix 和 --diff", 1)
            ));
            continue;
        }
        let old = document.text();
        let new = fix::apply(old, &edits);
        let diff = similar::TextDiff::from_lines(old, new.as_str());
        write!(
            out,
            "{}",
            diff.unified_diff()
                .context_radius(1)
                .header(&format!("a/{}", result.path), &format!("b/{}", result.path))
        )?;
        changed += 1;
    }
    Ok((changed, unshown))
}

/// Fix passes per file at most (each pass fixes everything it can).
const MAX_PASSES: usize = 10;

/// What `--fix` did.
#[derive(Debug, Default)]
pub struct Fixed {
    /// Files rewritten.
    pub files: usize,
    /// Edits made.
    pub edits: usize,
    /// Files that could not be written (each reported as an error; the
    /// file is left as it was and the other files are still fixed).
    pub failed: usize,
}

/// Writes the safe fixes back and re-checks the fixed files in place.
pub fn apply(linter: &Linter, results: &mut [FileResult], color: ColorWhen) -> io::Result<Fixed> {
    let mut err_out = super::stderr(color);
    let mut done = Fixed::default();
    for result in results.iter_mut() {
        if let Err(reason) = writable(result) {
            if edits_of(linter, result).is_some() {
                human::write_warning_text(&mut err_out, &format!("{}: {reason}", result.path))?;
            }
            continue;
        }
        // A fix can make another (截止22年 → 截止2022年 → 截至2022年): fix
        // and re-check until nothing is left to fix, as ESLint does.
        let mut fixed = false;
        for _ in 0..MAX_PASSES {
            let Some((document, edits)) = edits_of(linter, result) else {
                break;
            };
            let path = PathBuf::from(&result.path);
            let rewritten = read::read_bytes_fingerprinted(&path, linter.read_options().max_bytes)
                .map_err(|e| fzlint::output::words::input_error(&e))
                .and_then(|(bytes, read_as)| {
                    fix::rewrite(&bytes, document.source(), &edits)
                        .map(|bytes| (bytes, read_as))
                        .map_err(|e| e.to_string())
                });
            match rewritten {
                Ok((bytes, read_as)) => {
                    // Replaced only if still as read: an edit made
                    // meanwhile is kept, and the file counts as failed.
                    if let Err(e) = replace_if_unchanged(&path, &read_as, &bytes) {
                        human::write_input_error_text(&mut err_out, &e.to_string())?;
                        done.failed += 1;
                        break;
                    }
                    fixed = true;
                    done.edits += edits.len();
                    *result = linter.check_path(&path);
                }
                Err(reason) => {
                    human::write_warning_text(&mut err_out, &format!("{}: {reason}", result.path))?;
                    break;
                }
            }
        }
        done.files += usize::from(fixed);
    }
    Ok(done)
}
