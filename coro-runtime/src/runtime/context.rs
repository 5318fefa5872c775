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

use super::Core;
use super::task::TaskRef;
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

/// The current runtime if it is the one that owns `task`.
pub(crate) fn current_of(task: &TaskRef) -> Option<Rc<Core>> {
    current().filter(|core| core.id == task.header().shared.core_id)
}

/// Whether the runtime `core_id` is entered on this thread.
pub(crate) fn is_current(core_id: usize) -> bool {
    CURRENT
        .try_with(|c| c.borrow().as_ref().is_some_and(|core| core.id == core_id))
        .unwrap_or(false)
}

/// The same-thread wake fast path: pushes onto the ready queue of runtime
/// `core_id` if that runtime is entered on this thread, else gives the
/// entry back.
#[inline]
pub(crate) fn push_local(core_id: usize, priority: Priority, task: TaskRef) -> Result<(), TaskRef> {
    let mut task = Some(task);
    // An error means the thread-local is gone (the thread is exiting); the
    // entry is given back either way when not pushed.
    let _ = CURRENT.try_with(|c| {
        if let Some(core) = &*c.borrow()
            && core.id == core_id
            && let Some(task) = task.take()
        {
            core.ready.borrow_mut().push(priority, task);
        }
    });
    task.map_or(Ok(()), Err)
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
