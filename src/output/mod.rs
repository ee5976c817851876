//! Writers: turn findings, outlines, rule lists and errors into text. The
//! only place codespan-reporting types appear.
//!
//! Human output writes to a [`termcolor::WriteColor`] (colour or not is the
//! caller's choice); JSON output to any [`std::io::Write`].

pub mod audit;
mod files;
pub mod github;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod summary_md;

pub use codespan_reporting::term::termcolor;
