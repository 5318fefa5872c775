//! The task's state word (`Header::state`): the flag bits, each with its
//! invariant, the priority, and the reference count in the high bits; and
//! the transitions of a task that only change that word.
//!
//! Nothing here touches the stage or frees the task, so unlike its parent
//! `task.rs` this module is safe code, and denies `unsafe` again.

#![deny(unsafe_code)]

use std::sync::atomic::Ordering;

use super::TaskRef;
use crate::task::Priority;

/// The task is in a ready queue or the injection queue, or will be put back
/// in one when its current poll ends. Invariant: a task has at most one
/// queue entry that is not a reap request (see `Core::run_task`), because
/// only the transition of this flag from clear, with `RUNNING` and
/// `COMPLETE` clear, enqueues.
pub(crate) const SCHEDULED: u32 = 1 << 0;
/// The runtime is polling (or dropping) the machine right now and owns the
/// stage. Wakes during a poll only set `SCHEDULED`.
pub(crate) const RUNNING: u32 = 1 << 1;
/// The machine is gone: its output, a panic or a cancellation is stored in
/// the stage (or was dropped). Never cleared.
pub(crate) const COMPLETE: u32 = 1 << 2;
/// Cancellation was requested; the runtime drops the machine instead of
/// polling it next time it dequeues the task.
pub(crate) const CLOSED: u32 = 1 << 3;
/// A `JoinHandle` exists and has not taken the result yet. Without one, the
/// result is dropped at completion and the task freed.
pub(crate) const HANDLE: u32 = 1 << 4;
/// Two bits holding the task's [`Priority`]; set at spawn, never changed.
pub(super) const PRIORITY_SHIFT: u32 = 5;
const PRIORITY_MASK: u32 = 0b11 << PRIORITY_SHIFT;
/// The reference count occupies the bits from here up: 2^25 references.
pub(super) const REF_SHIFT: u32 = 7;
pub(super) const REF_ONE: u32 = 1 << REF_SHIFT;
/// Past this many references the count is about to overflow: abort, as
/// `Arc` does (only leaked wakers get there).
const MAX_REFS: u32 = u32::MAX >> (REF_SHIFT + 1);

/// What a cancellation request asks of its caller.
pub(crate) enum CancelRequest {
    /// Nothing: the task is complete, or queued or running (and then queued
    /// again after its poll), and the runtime will see `CLOSED` when it next
    /// dequeues it.
    Noted,
    /// The task was idle; it is now `SCHEDULED` and the returned reference
    /// must be queued (or run at once) so the runtime acts on it.
    Enqueue(TaskRef),
}

impl TaskRef {
    pub(crate) fn priority(&self) -> Priority {
        priority_of(self.header().state.load(Ordering::Relaxed))
    }

    pub(crate) fn state(&self) -> u32 {
        self.header().state.load(Ordering::Acquire)
    }

    /// Sets `CLOSED`; see [`CancelRequest`].
    pub(crate) fn request_cancel(&self) -> CancelRequest {
        let state = &self.header().state;
        let mut cur = state.load(Ordering::Acquire);
        loop {
            if cur & COMPLETE != 0 {
                return CancelRequest::Noted;
            }
            // `SCHEDULED` also when running, so the runtime queues the task
            // again after the poll and sees `CLOSED`.
            let idle = cur & (SCHEDULED | RUNNING) == 0;
            let mut next = cur | CLOSED | SCHEDULED;
            if idle {
                check_refs(cur);
                next += REF_ONE;
            }
            match state.compare_exchange_weak(cur, next, Ordering::AcqRel, Ordering::Acquire) {
                Ok(_) if idle => return CancelRequest::Enqueue(TaskRef { ptr: self.ptr }),
                Ok(_) => return CancelRequest::Noted,
                Err(actual) => cur = actual,
            }
        }
    }

    /// Takes `RUNNING` for a dequeued entry: returns the previous state.
    /// The entry's task is `SCHEDULED`, not `RUNNING` and not `COMPLETE`.
    pub(crate) fn start(&self) -> u32 {
        // Adding `RUNNING - SCHEDULED` clears the first and sets the second:
        // one `lock xadd`, where a `fetch_xor` whose result is used compiles
        // to a compare-exchange loop.
        let prev = self
            .header()
            .state
            .fetch_add(RUNNING - SCHEDULED, Ordering::AcqRel);
        debug_assert!(
            prev & (SCHEDULED | RUNNING | COMPLETE) == SCHEDULED,
            "bad state {prev:#b}"
        );
        prev
    }

    /// Takes `RUNNING` (with `CLOSED`) for a task that is neither running
    /// nor complete, whether queued or not: for shutdown.
    pub(crate) fn claim_for_shutdown(&self) -> bool {
        let state = &self.header().state;
        let mut cur = state.load(Ordering::Acquire);
        loop {
            if cur & (RUNNING | COMPLETE) != 0 {
                return false;
            }
            match state.compare_exchange_weak(
                cur,
                cur | RUNNING | CLOSED,
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => return true,
                Err(actual) => cur = actual,
            }
        }
    }

    /// Marks the task complete (the caller holds `RUNNING`); returns whether
    /// a `JoinHandle` owns the result.
    pub(crate) fn complete(&self) -> bool {
        // RUNNING is set and COMPLETE clear: one addition swaps them.
        let prev = self
            .header()
            .state
            .fetch_add(COMPLETE - RUNNING, Ordering::AcqRel);
        debug_assert!(prev & (RUNNING | COMPLETE) == RUNNING);
        prev & HANDLE != 0
    }
}

fn priority_of(state: u32) -> Priority {
    match (state & PRIORITY_MASK) >> PRIORITY_SHIFT {
        0 => Priority::High,
        1 => Priority::Normal,
        _ => Priority::Low,
    }
}

pub(super) fn check_refs(state: u32) {
    if state >> REF_SHIFT >= MAX_REFS {
        std::process::abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priorities_round_trip_through_the_state_word() {
        for p in [Priority::High, Priority::Normal, Priority::Low] {
            assert_eq!(
                priority_of(((p as u32) << PRIORITY_SHIFT) | (5 * REF_ONE)),
                p
            );
        }
    }
}
