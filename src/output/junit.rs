//! JUnit XML, for CI systems that display test results: one test suite per
//! file and one test case per rule that ran on it. A rule with findings at
//! or above the fail level fails its test case; lower findings are listed in
//! its output. A file that could not be read is one failed test case.

use std::io::{self, Write};

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use crate::output::words;
use crate::report::{Outcome, Run};
use fzlint_core::finding::Finding;

fn describe(document: &fzlint_core::document::Document, finding: &Finding) -> String {
    let position = document.source().position(finding.span.start);
    format!(
        "{}:{}: {}: {}",
        position.line, position.column, finding.severity, finding.message
    )
}

/// Writes a run as JUnit XML.
pub fn write(out: &mut dyn Write, run: &Run<'_>) -> io::Result<()> {
    let mut report = Report::new("fzlint");
    for result in run.results {
        let mut suite = TestSuite::new(result.path.as_str());
        match &result.outcome {
            Outcome::Checked {
                document,
                findings,
                selection,
                ..
            } => {
                for (index, rule) in run.rules.rules().iter().enumerate() {
                    if !selection.enabled(index) {
                        continue;
                    }
                    let own: Vec<&Finding> =
                        findings.iter().filter(|f| f.rule == rule.id).collect();
                    let failing = own
                        .iter()
                        .filter(|f| run.fail_level.fails(f.severity))
                        .count();
                    let lines: Vec<String> = own.iter().map(|f| describe(document, f)).collect();
                    let status = if failing > 0 {
                        let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                        status
                            .set_message(format!("{failing} 个问题：{}", rule.title))
                            .set_description(lines.join("\n"));
                        status
                    } else {
                        TestCaseStatus::success()
                    };
                    let mut case = TestCase::new(rule.id.as_str(), status);
                    case.set_classname(result.path.as_str());
                    if failing == 0 && !lines.is_empty() {
                        case.set_system_out(lines.join("\n"));
                    }
                    suite.add_test_case(case);
                }
            }
            Outcome::Skipped(skip) => {
                let mut status = TestCaseStatus::skipped();
                status.set_message(words::skipped(*skip));
                let mut case = TestCase::new("read", status);
                case.set_classname(result.path.as_str());
                suite.add_test_case(case);
            }
            Outcome::Failed(err) => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
                status.set_message(words::input_error(err));
                let mut case = TestCase::new("read", status);
                case.set_classname(result.path.as_str());
                suite.add_test_case(case);
            }
        }
        report.add_test_suite(suite);
    }
    report.serialize(&mut *out).map_err(io::Error::other)?;
    writeln!(out)
}
