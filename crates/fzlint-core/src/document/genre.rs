//! Whether a document reads as a report of the genre at all: a folder of
//! reports also holds notes, lists, minutes and READMEs, and a supervisor
//! wants one line saying such a file was passed over, not twenty findings
//! about elements it never meant to have.
//!
//! A document is taken as a report when it has any of: a report title that
//! names the rule of law (法治/依法行政… with 报告/总结/情况), an outline of
//! at least two numbered top-level parts (一、二、), or the genre's
//! vocabulary (at least two of its distinctive terms, or one of them three
//! times). The test is deliberately generous: a real report, however badly
//! drafted, has at least one of the three; a file that has none is not one
//! a checker can say anything useful about.

use super::Document;

/// The mark every text fzlint writes for people to read beside reports
/// carries near its start (a Markdown comment in an audit or a run's
/// summary, the generator of an HTML audit): a folder walk passes such a
/// file over, whatever its name, instead of checking fzlint's own audit as a
/// report on the next run.
pub const GENERATED: &str = "fzlint-generated";

/// How far into a file the mark is looked for.
const GENERATED_REACH: usize = 1024;

/// Whether `bytes` are a file fzlint wrote (see [`GENERATED`]).
pub fn written_by_fzlint(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(GENERATED_REACH)];
    head.windows(GENERATED.len())
        .any(|w| w == GENERATED.as_bytes())
}

/// Words a report title of the genre names (the subject).
const TITLE_SUBJECTS: [&str; 4] = ["法治", "依法行政", "法制", "依法治"];
/// Words that make a title a report's (the kind of document).
const TITLE_KINDS: [&str; 3] = ["报告", "总结", "情况"];

/// Distinctive terms of the genre: what reports on building a law-based
/// government talk about, and ordinary prose seldom does.
const VOCABULARY: [&str; 14] = [
    "法治",
    "依法行政",
    "行政执法",
    "普法",
    "行政复议",
    "行政诉讼",
    "行政应诉",
    "合法性审查",
    "规范性文件",
    "法律顾问",
    "重大行政决策",
    "法制审核",
    "执法监督",
    "法治政府",
];

/// Whether `document` reads as a report of the genre (see the module).
pub fn looks_like_report(document: &Document) -> bool {
    has_report_title(document) || has_outline(document) || has_vocabulary(document.text())
}

fn has_report_title(document: &Document) -> bool {
    document.outline().title.as_ref().is_some_and(|title| {
        TITLE_SUBJECTS.iter().any(|w| title.text.contains(w))
            && TITLE_KINDS.iter().any(|w| title.text.contains(w))
    })
}

fn has_outline(document: &Document) -> bool {
    document
        .outline()
        .sections
        .iter()
        .filter(|s| s.level == 1 && s.number.is_some())
        .nth(1)
        .is_some()
}

fn has_vocabulary(text: &str) -> bool {
    let mut distinct = 0;
    let mut total = 0;
    for term in VOCABULARY {
        let count = text.matches(term).take(3).count();
        if count > 0 {
            distinct += 1;
            total += count;
        }
        if distinct >= 2 || total >= 3 {
            return true;
        }
    }
    false
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn read(name: &str, text: &str) -> Document {
        let format = Format::of_name(name);
        Document::read(name, text.as_bytes(), format, None).unwrap()
    }

    #[test]
    fn fzlints_own_files_carry_the_mark() {
        assert!(written_by_fzlint(
            "<!-- fzlint-generated -->\n## 法治政府建设年度报告审计\n".as_bytes()
        ));
        assert!(!written_by_fzlint(
            "东岭县2024年度法治政府建设情况报告\n".as_bytes()
        ));
        // Only near the start: a report quoting the word far down is a report.
        let late = format!("{}fzlint-generated", "。".repeat(400));
        assert!(!written_by_fzlint(late.as_bytes()));
    }

    #[test]
    fn a_report_by_its_title_alone() {
        let doc = read(
            "a.txt",
            "东岭县农业农村局2024年度法治政府建设情况报告\n\n今年工作平稳。\n",
        );
        assert!(looks_like_report(&doc));
    }

    #[test]
    fn a_draft_with_an_outline_but_no_title() {
        let doc = read(
            "a.txt",
            "一、主要成效\n全年办结案件十二件。\n二、存在的不足\n人员不足。\n三、下一步打算\n继续努力。\n",
        );
        assert!(looks_like_report(&doc));
    }

    #[test]
    fn a_fragment_with_the_genres_vocabulary() {
        let doc = read("a.md", "今年加强了行政执法人员培训，规范性文件全部备案。\n");
        assert!(looks_like_report(&doc));
        let doc = read("a.txt", "法治，法治，还是法治。\n");
        assert!(looks_like_report(&doc));
    }

    #[test]
    fn notes_lists_and_readmes_are_not_reports() {
        let readme = read(
            "notes.md",
            "# 报告仓库\n\n## 目录\n\n每个部门一个文件夹。\n\n## 提交\n\n请在三月前提交。\n",
        );
        assert!(!looks_like_report(&readme));
        let list = read("名单.txt", "张三\t办公室\n李四\t财务科\n");
        assert!(!looks_like_report(&list));
        let english = read("CHANGES.txt", "1. Fixed the build.\n2. Added tests.\n");
        assert!(!looks_like_report(&english));
        // One mention of 法治 in a meeting notice is not a report.
        let notice = read(
            "通知.txt",
            "关于召开会议的通知\n定于周五下午在三楼会议室学习法治讲座视频，请准时参加。\n",
        );
        assert!(!looks_like_report(&notice));
    }

    #[test]
    fn a_title_that_is_not_about_the_rule_of_law_is_not_enough() {
        let doc = read(
            "a.txt",
            "关于2024年度安全生产工作情况的报告\n\n今年未发生事故。\n",
        );
        assert!(!looks_like_report(&doc));
    }
}
