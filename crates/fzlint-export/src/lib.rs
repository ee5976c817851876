//! What fzlint's front ends hand to people, written once for all of them:
//! the supervisor's audit as CSV (for WPS and Excel), a JSON contract,
//! Markdown and one self-contained HTML page ([`audit`]), and the words for
//! the engine's states ([`words`]). The command line (`fzlint audit
//! --format …`) and the browser page (its export buttons) call the same
//! writers, so a supervisor gets the same file from either.
//!
//! Each writer takes the finished [`fzlint_core::audit::Audit`] (which
//! carries its [`fzlint_core::engine::Provenance`]: every export says which
//! engine and rules judged the reports) and how the front end words an
//! unreadable file ([`ErrorWords`]): the command line adds what to do with
//! its options, the page what to do in the page.

#![warn(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod audit;
pub mod words;

use fzlint_core::error::InputError;

/// How a front end words why a file could not be read.
pub type ErrorWords<'a> = &'a dyn Fn(&InputError) -> String;
