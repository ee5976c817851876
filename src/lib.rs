//! The `fzlint` command line's library: everything between the user's
//! files and the engine (`fzlint-core`), and everything between the
//! engine's results and the user's screen or files — reading files
//! ([`read`]), walking folders ([`walk`]), rule packs on disk and the
//! default pack ([`packs`]), the config ([`config`]), a run over many files
//! ([`report`]), the supervisor's manifest ([`manifest`]), baseline files
//! ([`baseline`]), every writer ([`output`]) and writing files without
//! losing data ([`write`]). The library never prints;
//! the `fzlint` binary does.

#![warn(missing_docs)]
// The library never prints: output goes through the writers in `output`.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
pub mod config;
pub mod guard;
pub mod manifest;
pub mod output;
pub mod packs;
pub mod read;
pub mod report;
pub mod walk;
pub mod write;
