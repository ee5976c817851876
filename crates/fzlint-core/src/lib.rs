//! fzlint's engine: bytes in, results out, for the 法治政府建设年度报告
//! (annual reports on rule-of-law government construction) of Chinese
//! governments and their departments.
//!
//! Data flows one way, each layer using only those before it:
//!
//! ```text
//! bytes ─ text (decode, line index, loose copy)
//!       ─ document (Markdown, text, Word, web page → outline, metadata)
//!       ─ rules (the model) ─ matcher (one scan for every pattern)
//!       ─ checks (one file per kind, built-ins in one registry)
//!       ─ pack (rule files as text → compiled rules)
//!       ─ engine (Engine::check: selection, checks, suppressions)
//!       → findings, elements ─ fix, baseline keys, audit, similarity, Word comments
//! ```
//!
//! Invariants: reading a report never fails on content (readable bytes
//! always yield a [`document::Document`]); every span is a byte range into
//! the decoded text, turned into line/column (characters, or UTF-16 for
//! editors and JavaScript) only when shown; rules compile once per run;
//! there is no global mutable state; the library reads no files, starts no
//! threads it needs (rayon only with the `parallel` feature), reads no
//! clock and never prints. Every front end — the command line, the browser
//! page, the language server — checks a report through
//! [`engine::Engine::check`].

#![warn(missing_docs)]
// The library never prints: front ends render its results.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod annotate;
pub mod audit;
pub mod baseline;
mod checks;
pub mod document;
pub mod element;
pub mod engine;
pub mod error;
pub mod finding;
pub mod fix;
pub mod json;
mod matcher;
pub mod pack;
pub mod pack_test;
mod par;
pub mod rules;
pub mod similar;
pub mod text;
pub mod yaml;
