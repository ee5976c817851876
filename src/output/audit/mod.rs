//! Writers for `fzlint audit`: the terminal table is the command line's
//! own; CSV, JSON, Markdown and the HTML page are shared with the browser
//! page (`fzlint_export::audit`).

pub mod table;

pub use fzlint_export::audit::{csv, html, json, markdown};
