//! The last line of defence: a defect that makes fzlint panic while reading
//! or checking one file becomes that file's error (named, exit status 2),
//! the other files of the run are still checked and reported, and no Rust
//! backtrace is printed at a user.
//!
//! [`guarded`] runs one file's work under `catch_unwind`; the binary's panic
//! hook ([`record`]) keeps the panic's message and place for that file's
//! error instead of printing it. A panic anywhere else is the binary's to
//! report (see `main.rs`).

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe, PanicHookInfo};

thread_local! {
    /// Whether this thread is inside [`guarded`].
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// The message of the panic caught on this thread.
    static CAUGHT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `work`; a panic inside it is returned as its message and place
/// (`index out of bounds … at crates/…/docx.rs:123`).
pub fn guarded<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    let outer = GUARDED.with(|g| g.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(work));
    GUARDED.with(|g| g.set(outer));
    result.map_err(|payload| {
        CAUGHT
            .with(|c| c.borrow_mut().take())
            .unwrap_or_else(|| payload_text(payload.as_ref()))
    })
}

/// For the binary's panic hook: keeps the panic's message when it happened
/// inside [`guarded`] and returns true; false when the hook must report it.
pub fn record(info: &PanicHookInfo<'_>) -> bool {
    if !GUARDED.with(Cell::get) {
        return false;
    }
    CAUGHT.with(|c| *c.borrow_mut() = Some(describe(info)));
    true
}

/// A panic's message and place: `index out of bounds …，位于 src/x.rs:12`.
pub fn describe(info: &PanicHookInfo<'_>) -> String {
    let message = payload_text(info.payload());
    let place = info
        .location()
        .map(|l| format!("，位于 {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    format!("{message}{place}")
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "未知错误".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_with_its_message_and_place() {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(|info| {
            record(info);
        }));
        let caught = guarded(|| -> u32 {
            let levels: Vec<u32> = Vec::new();
            let at = levels.len() + 3;
            levels[at]
        });
        let fine = guarded(|| 7);
        panic::set_hook(previous);
        let message = caught.unwrap_err();
        assert!(message.contains("index out of bounds"), "{message}");
        assert!(message.contains("src/guard.rs:"), "{message}");
        assert_eq!(fine, Ok(7));
    }
}
