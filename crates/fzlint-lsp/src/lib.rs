//! fzlint's language server: findings as an editor's diagnostics while the
//! author types, a rule's replacement as a quick fix, the rule's 建议 and
//! 依据 on hover, the report's outline (一、（一）1.（1）) as its symbols.
//!
//! The server is synchronous ([`lsp_server`], rust-analyzer's): one thread
//! answers the client, one checks documents with the engine, the engine's
//! one entry point ([`fzlint_core::engine::Engine::check_document`]), as
//! the command line and the browser page do. Where the rules come from is
//! the program's ([`Loader`]): the command line's `fzlint lsp` reads the
//! config and the rule packs as `fzlint check` does.

pub mod check;
pub mod config;
pub mod features;
pub mod position;
pub mod server;
pub mod transport;
pub mod uri;

pub use config::{Loaded, Loader};

/// Serves one client over standard input and output until it exits. True
/// when the client asked for `shutdown` before `exit` (exit status 0);
/// an error when the connection broke before it was set up.
pub fn serve_stdio(loader: Box<dyn Loader>) -> Result<bool, String> {
    let (connection, writer) = transport::stdio().map_err(|e| e.to_string())?;
    let clean = server::serve(&connection, loader)?;
    drop(connection);
    writer.join().map_err(|e| e.to_string())?;
    Ok(clean)
}
