//! fzlint: a linter for Chinese government annual reports on rule-of-law
//! government construction (法治政府建设年度报告).
//!
//! Data flows one way: bytes → [`source::SourceFile`] →
//! [`document::Document`] (outline, masked regions, normalised text) →
//! [`rules::RuleSet`] (compiled once per run) → [`finding::Finding`]s →
//! writers in [`output`]. The library never prints; the `fzlint` binary does.
//!
//! Invariants: reading a report never fails on content (any valid UTF-8 text
//! yields a document); every span is a byte range into the text as read;
//! line/column are computed only at output; rules compile once per run; there
//! is no global mutable state.

#![warn(missing_docs)]
// The library never prints: output goes through the writers in `output`.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod annotate;
pub mod audit;
pub mod baseline;
mod checks;
pub mod config;
pub mod decode;
pub mod document;
pub mod element;
pub mod error;
pub mod finding;
pub mod fix;
pub mod loose;
pub mod manifest;
pub mod metadata;
pub mod outline;
pub mod output;
pub mod pack_test;
pub mod report;
pub mod rules;
pub mod similar;
pub mod source;
pub mod suppress;
pub mod walk;
pub mod yaml;
