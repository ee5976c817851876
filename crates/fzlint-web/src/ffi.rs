//! The page's entry points, a small C ABI the JavaScript glue calls:
//!
//! 1. `fzlint_input(len)` makes room for `len` bytes of input and returns
//!    where they go in the module's memory; the page writes the file's name
//!    (UTF-8) followed by its bytes there;
//! 2. `fzlint_check(name_len, len)` checks them and returns the length of
//!    the JSON result (see [`crate::check`]);
//! 3. `fzlint_output()` returns where the result is.
//!
//! `fzlint_fix(name_len)` and `fzlint_annotate(name_len, track_changes)` work the same way
//! on the same input and leave a file to download in the output (the fixed
//! report; the commented Word copy); they return its length, or
//! [`FAILED`] with the reason (UTF-8) in the output instead.
//!
//! `fzlint_load_pack()` loads the pack and `.fzlint.yaml` the user chose
//! (JSON in the input: [`crate::choice::Choice`]); `fzlint_wants()` says which
//! files of a chosen folder the config has checked.
//!
//! An audit: `fzlint_audit_begin(options_len)` (options JSON, then a
//! manifest's bytes, in the input), then
//! `fzlint_audit_add(name_len)` per report (checks it like `fzlint_check`
//! and adds its row), `fzlint_audit_finish()` (the audit as `fzlint audit
//! --format json`), and `fzlint_audit_export(format)` (0 JSON, 1 CSV,
//! 2 Markdown, 3 HTML), which returns a length or [`FAILED`];
//! `fzlint_audit_notes()`, the manifest's entries no report matched.
//!
//! The engine (the default pack, compiled once) and the two buffers live as
//! long as the module. WebAssembly in a page is single-threaded; the locks
//! only make that safe to say in Rust. No raw pointer is dereferenced here:
//! the page reads and writes the module's memory itself.
#![allow(unsafe_code)] // `#[unsafe(no_mangle)]` only: the names the page calls.

use std::sync::{Mutex, MutexGuard};

use fzlint_core::engine::Engine;

use crate::Loaded;
use crate::audit::{self, AuditState, Export};

/// The rules in effect: the default pack until the user loads another.
static LOADED: Mutex<Option<Result<Loaded, String>>> = Mutex::new(None);
static INPUT: Mutex<Vec<u8>> = Mutex::new(Vec::new());
static OUTPUT: Mutex<Vec<u8>> = Mutex::new(Vec::new());
/// The audit being built or last finished.
static AUDIT: Mutex<Option<AuditState>> = Mutex::new(None);

fn loaded() -> MutexGuard<'static, Option<Result<Loaded, String>>> {
    let mut loaded = LOADED.lock().unwrap_or_else(|e| e.into_inner());
    if loaded.is_none() {
        *loaded = Some(Loaded::new(&[]).map_err(|errors| errors.to_string()));
    }
    loaded
}

/// Runs `run` with the engine (or the reason there is none).
fn with_engine<T>(run: impl FnOnce(Result<&Engine, &str>) -> T) -> T {
    let loaded = loaded();
    match loaded.as_ref() {
        Some(Ok(loaded)) => run(Ok(&loaded.engine)),
        Some(Err(message)) => run(Err(message)),
        None => run(Err("规则未加载")),
    }
}

fn set_output(bytes: Vec<u8>) -> u32 {
    let mut output = OUTPUT.lock().unwrap_or_else(|e| e.into_inner());
    *output = bytes;
    u32::try_from(output.len()).unwrap_or(u32::MAX)
}

/// Compiles the rules now (the page calls it once, before the first check,
/// so that `fzlint.ready` means ready). Returns 1 when they compiled.
#[unsafe(no_mangle)]
pub extern "C" fn fzlint_init() -> u32 {
    with_engine(|engine| u32::from(engine.is_ok()))
}

/// Loads the default pack, the pack and the config in the input (JSON: see
/// [`crate::load`]); the new rules replace the old only if they load.
/// Returns the length of the JSON answer.
#[unsafe(no_mangle)]
pub extern "C" fn fzlint_load_pack() -> u32 {
    let answer = {
        let input = INPUT.lock().unwrap_or_else(|e| e.into_inner());
        let (new, answer) = crate::load(&input);
        if let Some(new) = new {
            *LOADED.lock().unwrap_or_else(|e| e.into_inner()) = Some(Ok(new));
        }
        answer
    };
    set_output(answer.into_bytes())
}

/// Which of the files met in a chosen folder to check (the input: a JSON
/// array of their paths in the page; the output: an array of booleans), as
/// the config in effect says. Returns the output's length.
#[unsafe(no_mangle)]
pub extern "C" fn fzlint_wants() -> u32 {
    let answer = {
        let input = INPUT.lock().unwrap_or_else(|e| e.into_inner());
        let names: Vec<String> = serde_json::from_slice(&input).unwrap_or_default();
        let loaded = loaded();
        let wanted: Vec<bool> = match loaded.as_ref() {
            Some(Ok(loaded)) => names.iter().map(|name| loaded.wants(name)).collect(),
            _ => names.iter().map(|_| true).collect(),
        };
        serde_json::to_string(&wanted).unwrap_or_default()
    };
    set_output(answer.into_bytes())
}

/// Room for `len` bytes of input; where to write them.
#[unsafe(no_mangle)]
pub extern "C" fn fzlint_input(len: u32) -> *mut u8 {
    let mut input = INPUT.lock().unwrap_or_else(|e| e.into_inner());
    input.clear();
    input.resize(len as usize, 0);
    input.as_mut_ptr()
}

/// Checks the input (a name of `name_len` bytes, then the file) and returns
/// the length of the JSON result.
#[unsafe(no_mangle)]
pub extern "C" fn fzlint_check(name_len: u32) -> u32 {
    let json = with_input(name_len, |name, bytes| {
        with_engine(|engine| match engine {
            Ok(engine) => crate::check(engine, name, bytes),
            Err(message) => unreadable(name, message),
        })
    });
    set_output(json.into_bytes())
}

/// Runs `run` with the input: a name of `name_len` bytes (UTF-8), then
/// the file's bytes.
fn with_input<T>(name_len: u32, run: impl FnOnce(&str, &[u8]) -> T) -> T {
    let input = INPUT.lock().unwrap_or_else(|e| e.into_inner());
    let (name, bytes) = input.split_at((name_len as usize).min(input.len()));
    run(&String::from_utf8_lossy(name), bytes)
}

/// The page's JSON for a report when the rules did not load.
fn unreadable(name: &str, message: &str) -> String {
    serde_json::json!({"file": {"path": name, "findings": [], "error": message}}).to_string()
}

/// What judged the reports: the engine's version, the rule set's id and
/// hash, and its rules (JSON, in the output buffer; returns its length).
#[unsafe(no_mangle)]
pub extern "C" fn fzlint_about() -> u32 {
    let json = match loaded().as_ref() {
        Some(Ok(loaded)) => crate::about(loaded),
        _ => String::from("{}"),
    };
    set_output(json.into_bytes())
}

/// What `fzlint_fix` and `fzlint_annotate` return when there is no file
/// to download; the output then holds the reason.
pub const FAILED: u32 = u32::MAX;

/// A file to download made from the input by `run`: its length, or
/// [`FAILED`] with the reason in the output.
fn download(name_len: u32, run: impl FnOnce(&Engine, &str, &[u8]) -> crate::Download) -> u32 {
    let result = with_input(name_len, |name, bytes| {
        with_engine(|engine| match engine {
            Ok(engine) => run(engine, name, bytes),
            Err(message) => Err(message.to_owned()),
        })
    });
    match result {
        Ok(file) => set_output(file),
        Err(reason) => fail(reason),
    }
}

/// The input report with every safe fix applied (`fzlint check --fix`).
#[unsafe(no_mangle)]
pub extern "C" fn fzlint_fix(name_len: u32) -> u32 {
    download(name_len, crate::fix)
}

/// The input report with one finding's replacement made (the finding's
/// number in the check's findings, from 0).
#[unsafe(no_mangle)]
pub extern "C" fn fzlint_fix_finding(name_len: u32, index: u32) -> u32 {
    download(name_len, |engine, name, bytes| {
        crate::fix_finding(engine, name, bytes, index as usize)
    })
}

/// A copy of the input Word document with a comment per finding (`fzlint
/// annotate`); `track_changes` non-zero: the safe fixes as tracked changes
/// (`fzlint annotate --track-changes`).
#[unsafe(no_mangle)]
pub extern "C" fn fzlint_annotate(name_len: u32, track_changes: u32) -> u32 {
    download(name_len, |engine, name, bytes| {
        crate::annotate(engine, name, bytes, track_changes != 0)
    })
}

/// The length of the output after a [`FAILED`] call.
#[unsafe(no_mangle)]
pub extern "C" fn fzlint_output_len() -> u32 {
    let output = OUTPUT.lock().unwrap_or_else(|e| e.into_inner());
    u32::try_from(output.len()).unwrap_or(0)
}

/// Where the last result is.
#[unsafe(no_mangle)]
pub extern "C" fn fzlint_output() -> *const u8 {
    OUTPUT.lock().unwrap_or_else(|e| e.into_inner()).as_ptr()
}

fn fail(reason: String) -> u32 {
    set_output(reason.into_bytes());
    FAILED
}

/// Starts an audit with the rules in effect and the options in the input
/// (`options_len` bytes of JSON `{"similar": true, "threshold": 0.5,
/// "manifest": {"name", "base"}}`, or nothing), followed by the manifest's
/// bytes. Returns 0, or [`FAILED`] with the reason in the output.
#[unsafe(no_mangle)]
pub extern "C" fn fzlint_audit_begin(options_len: u32) -> u32 {
    let input = INPUT.lock().unwrap_or_else(|e| e.into_inner());
    let (options, manifest) = input.split_at((options_len as usize).min(input.len()));
    let state = with_engine(|engine| match engine {
        Ok(engine) => audit::begin(engine, options, manifest),
        Err(message) => Err(message.to_owned()),
    });
    drop(input);
    match state {
        Ok(state) => {
            *AUDIT.lock().unwrap_or_else(|e| e.into_inner()) = Some(state);
            set_output(Vec::new())
        }
        Err(reason) => fail(reason),
    }
}

/// Checks the input (a name of `name_len` bytes, then the file), adds it to
/// the audit and returns the length of the page's JSON for it.
#[unsafe(no_mangle)]
pub extern "C" fn fzlint_audit_add(name_len: u32) -> u32 {
    let json = with_input(name_len, |name, bytes| {
        let mut state = AUDIT.lock().unwrap_or_else(|e| e.into_inner());
        with_engine(|engine| match (engine, state.as_mut()) {
            (Ok(engine), Some(state)) => audit::add(engine, state, name, bytes),
            (Err(message), _) => unreadable(name, message),
            (Ok(engine), None) => crate::check(engine, name, bytes),
        })
    });
    set_output(json.into_bytes())
}

/// Finishes the audit; returns the length of its JSON (`fzlint audit
/// --format json`), or [`FAILED`] when no audit was begun.
#[unsafe(no_mangle)]
pub extern "C" fn fzlint_audit_finish() -> u32 {
    let mut state = AUDIT.lock().unwrap_or_else(|e| e.into_inner());
    let Some(current) = state.take() else {
        return fail("没有正在进行的审阅".to_owned());
    };
    *state = Some(audit::finish(current));
    drop(state);
    fzlint_audit_export(Export::Json as u32)
}

/// What the page says besides the finished audit (JSON, see
/// [`AuditState::notes`]); returns its length.
#[unsafe(no_mangle)]
pub extern "C" fn fzlint_audit_notes() -> u32 {
    let state = AUDIT.lock().unwrap_or_else(|e| e.into_inner());
    let notes = state
        .as_ref()
        .map_or_else(|| String::from("{\"unmatched\":[]}"), AuditState::notes);
    drop(state);
    set_output(notes.into_bytes())
}

/// The finished audit in a format (0 JSON, 1 CSV, 2 Markdown, 3 HTML);
/// returns its length, or [`FAILED`] with the reason in the output.
#[unsafe(no_mangle)]
pub extern "C" fn fzlint_audit_export(format: u32) -> u32 {
    let state = AUDIT.lock().unwrap_or_else(|e| e.into_inner());
    let result = match (
        state.as_ref().and_then(AuditState::audit),
        Export::of(format),
    ) {
        (Some(audit), Some(format)) => audit::export(audit, format),
        (_, None) => Err(format!("没有编号为 {format} 的导出格式")),
        _ => Err("审阅尚未完成".to_owned()),
    };
    drop(state);
    match result {
        Ok(bytes) => set_output(bytes),
        Err(reason) => fail(reason),
    }
}
