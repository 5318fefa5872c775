//! The drop log: a per-thread list of events (`drop a`, `poll p`, ...) that
//! both flavours of a case append to, compared between them.

use std::cell::RefCell;

thread_local! {
    static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Appends one event.
pub fn push(event: impl Into<String>) {
    let event = event.into();
    LOG.with(|log| log.borrow_mut().push(event));
}

/// Returns the events so far and clears the log.
pub fn take() -> Vec<String> {
    LOG.with(|log| std::mem::take(&mut *log.borrow_mut()))
}
