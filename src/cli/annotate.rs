//! `fzlint annotate`: a copy of a Word document with fzlint's findings as
//! Word comments.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use fzlint::output::human;
use fzlint::read;
use fzlint_core::document::Format;
use fzlint_core::engine::Checked;

use super::{
    ColorArg, ConfigArgs, EXIT_CLEAN, EXIT_TROUBLE, InputArgs, RuleArgs, write_atomically,
};

#[derive(Debug, Args)]
pub struct AnnotateArgs {
    /// 要批注的 Word 文档（.docx）；原文件不会被修改
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// 写入的文件（默认在原文件旁边，名为“原名.fzlint.docx”）
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// 把可安全自动改正的问题（check --fix 会改的）写成修订（作者 fzlint），批注说明原因；在 Word/WPS 中可逐条接受或拒绝
    #[arg(long)]
    track_changes: bool,
    #[command(flatten)]
    config: ConfigArgs,
    #[command(flatten)]
    rules: RuleArgs,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    color: ColorArg,
}

/// `report.docx` → `report.fzlint.docx`.
fn default_output(file: &Path) -> PathBuf {
    let stem = file
        .file_stem()
        .map_or_else(|| "report".into(), |s| s.to_string_lossy().into_owned());
    file.with_file_name(format!("{stem}.fzlint.docx"))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

pub fn run(args: AnnotateArgs) -> io::Result<u8> {
    let color = args.color.color;
    let mut err_out = super::stderr(color);
    let Some(linter) = super::prepare(&args.config, &args.rules, &args.input, color)? else {
        return Ok(EXIT_TROUBLE);
    };
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| default_output(&args.file));
    if same_file(&output, &args.file) {
        human::write_input_error_text(
            &mut err_out,
            &format!(
                "{}: 不会覆盖原文件；请用 -o 指定另一个文件",
                args.file.display()
            ),
        )?;
        return Ok(EXIT_TROUBLE);
    }
    // The file is read once: checked, then its bytes annotated.
    let checked = read::read_file(&args.file, linter.read_options()).and_then(|file| {
        linter
            .engine()
            .check(&file.input())
            .map(|checked| (file, checked))
    });
    let (
        file,
        Checked {
            document, findings, ..
        },
    ) = match checked {
        Err(err) => {
            human::write_input_error(&mut err_out, &err)?;
            return Ok(EXIT_TROUBLE);
        }
        Ok(checked) => checked,
    };
    if document.format() != Format::Docx {
        human::write_input_error_text(
            &mut err_out,
            &format!(
                "{}: annotate 只处理 Word 文档（.docx）；其他文件请用 fzlint check（.md/.txt 可用 --fix 自动改正）",
                args.file.display()
            ),
        )?;
        return Ok(EXIT_TROUBLE);
    }
    let revisions = if args.track_changes {
        fzlint_core::fix::edits(&findings, linter.engine().rules())
    } else {
        Vec::new()
    };
    let options = fzlint_core::annotate::Options {
        revisions: &revisions,
    };
    let annotated =
        fzlint_core::annotate::annotate_with(&file.name, &file.bytes, &findings, &options);
    match annotated {
        Ok(annotated) => {
            write_atomically(&output, |out| out.write_all(&annotated.bytes))?;
            let mut out = super::stdout(color);
            let count = annotated.comments;
            if args.track_changes {
                writeln!(
                    out,
                    "已把 {count} 条批注写入 {}，其中 {} 处改正写成了修订（原文件未改动）。",
                    output.display(),
                    annotated.revisions
                )?;
            } else {
                writeln!(
                    out,
                    "已把 {count} 条批注写入 {}（原文件未改动）。",
                    output.display()
                )?;
            }
            out.flush()?;
            Ok(EXIT_CLEAN)
        }
        Err(err) => {
            human::write_input_error(&mut err_out, &err)?;
            Ok(EXIT_TROUBLE)
        }
    }
}
