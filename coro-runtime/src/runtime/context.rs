//! The thread-local "current runtime": set while `block_on` runs (or an
//! [`EnterGuard`](super::EnterGuard) lives), read by `spawn`, by awaitables
//! that must register with a driver, and by wakers for their same-thread
//! fast path.
//!
//! Readers clone the `Rc` out instead of holding the `RefCell` borrow, so
//! user code called from inside never observes a borrowed context; only the
//! wake fast path borrows briefly (it runs no user code).

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use super::Core;
use super::task::{Header, TaskRef};
use crate::task::Priority;

thread_local! {
    static CURRENT: RefCell<Option<Rc<Core>>> = const { RefCell::new(None) };
}

/// The runtime entered on this thread, if any.
pub(crate) fn current() -> Option<Rc<Core>> {
    CURRENT.try_with(|c| c.borrow().clone()).ok().flatten()
}

/// The current runtime, or a panic naming what needed it.
#[track_caller]
pub(crate) fn expect_current(what: &str) -> Rc<Core> {
    current().unwrap_or_else(|| {
        panic!("{what} must be called from inside a coro runtime (`Runtime::block_on`, a spawned task or `Runtime::enter`)")
    })
}

/// The current runtime if it is the one that owns `header`'s task.
pub(crate) fn current_of(header: &Header) -> Option<Rc<Core>> {
    current().filter(|core| core.id == header.shared.core_id)
}

/// Whether the runtime `core_id` is entered on this thread.
pub(crate) fn is_current(core_id: usize) -> bool {
    CURRENT
        .try_with(|c| c.borrow().as_ref().is_some_and(|core| core.id == core_id))
        .unwrap_or(false)
}

/// The same-thread wake fast path: pushes onto the ready queue of runtime
/// `core_id` if that runtime is entered on this thread.
#[inline]
pub(crate) fn push_local(core_id: usize, priority: Priority, task: TaskRef) -> bool {
    CURRENT
        .try_with(|c| match &*c.borrow() {
            Some(core) if core.id == core_id => {
                core.ready.borrow_mut().push(priority, task);
                true
            }
            _ => false,
        })
        .unwrap_or(false)
}

/// Cancels `header`'s task right away if its runtime is entered here.
pub(crate) fn cancel_now(header: &Arc<Header>) -> bool {
    match current_of(header) {
        Some(core) => core.cancel_now(header.task),
        None => false,
    }
}

/// Restores the previous current runtime on drop (also on unwind).
pub(crate) struct ContextGuard {
    previous: Option<Rc<Core>>,
}

pub(crate) fn enter(core: Rc<Core>) -> ContextGuard {
    let previous = CURRENT.with(|c| c.borrow_mut().replace(core));
    ContextGuard { previous }
}

impl Drop for ContextGuard {
    fn drop(&mut self) {
        let previous = self.previous.take();
        // Dropped outside the borrow: the old value may be the last `Rc`.
        let replaced = CURRENT.try_with(|c| std::mem::replace(&mut *c.borrow_mut(), previous));
        drop(replaced);
    }
}
