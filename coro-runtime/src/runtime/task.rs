//! The raw task: a shared [`Header`] that wakers point at, and a boxed
//! [`TaskCell`] that owns the machine and, later, its output.
//!
//! Ownership:
//! - The runtime's task slab owns one `Arc<Header>` and the boxed cell of
//!   every live task. The cell is taken out of the slab for the duration of
//!   a poll, so user code never runs while the slab is borrowed.
//! - Every [`Waker`] of the task is an `Arc<Header>` (through
//!   [`std::task::Wake`]), so wakers are `Send + Sync` and can be cloned
//!   freely without touching the machine, which may be `!Send`.
//! - A [`JoinHandle`](crate::task::JoinHandle) holds one more `Arc<Header>`.
//!
//! The reference count lives in the `Arc`, not in the state word (unlike
//! async-task): that keeps the crate free of `unsafe`. A header whose `Arc`
//! is unique once its task is gone is recycled for the next spawn, so a
//! spawn costs one allocation (the cell) in the steady state.
//!
//! The state word ([`Header::state`]) is atomic so that a waker may fire on
//! any thread; only the runtime's own thread sets `RUNNING` and `COMPLETE`.

use std::any::Any;
use std::borrow::Cow;
use std::future::Future;
use std::mem;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::task::{Context, Poll, Wake, Waker};

use super::Shared;
use super::context;
use crate::coroutine::Trace;
use crate::runtime::join::JoinError;
use crate::task::{Priority, TaskId};

/// The task is in a ready queue or the injection queue, or will be put back
/// in one when its current poll ends. Invariant: a task has at most one
/// queue entry, because only the `0 -> 1` transition of this flag enqueues.
pub(crate) const SCHEDULED: u32 = 1 << 0;
/// The runtime is polling (or dropping) the machine right now; the cell is
/// out of the slab. Wakes during a poll only set `SCHEDULED`.
pub(crate) const RUNNING: u32 = 1 << 1;
/// The machine is gone: its output, a panic or a cancellation is stored in
/// the cell. Never cleared; a complete task is never polled again.
pub(crate) const COMPLETE: u32 = 1 << 2;
/// Cancellation was requested; the runtime drops the machine instead of
/// polling it next time it dequeues the task.
pub(crate) const CLOSED: u32 = 1 << 3;
/// A `JoinHandle` exists. Without one, a task is freed as soon as it
/// completes; with one, the output waits in the slab until the handle takes
/// it or is dropped.
pub(crate) const HANDLE: u32 = 1 << 4;

/// Where a task lives in the slab. The generation makes stale queue entries
/// (for a slot that was freed and reused) harmless: they no longer match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TaskRef {
    pub(crate) key: u32,
    pub(crate) generation: u32,
}

/// The part of a task that wakers and join handles share: 48 bytes, 64 with
/// the `Arc`'s counts.
pub(crate) struct Header {
    /// Bit flags above.
    pub(crate) state: AtomicU32,
    pub(crate) priority: Priority,
    /// Only changed through `Arc::get_mut` when the header is recycled.
    pub(crate) task: TaskRef,
    pub(crate) id: TaskId,
    /// Shown as the `Trace` name of a `JoinHandle` awaiting this task.
    pub(crate) name: &'static str,
    /// The owning runtime's shared half; a wake on that runtime's thread
    /// (`shared.core_id`) takes the thread-local fast path.
    pub(crate) shared: Arc<Shared>,
}

impl Header {
    pub(crate) fn new(
        task: TaskRef,
        id: TaskId,
        priority: Priority,
        name: &'static str,
        shared: Arc<Shared>,
    ) -> Header {
        Header {
            state: AtomicU32::new(SCHEDULED | HANDLE),
            priority,
            task,
            id,
            name,
            shared,
        }
    }

    /// Puts the task in a queue, unless it is queued, running (the runtime
    /// re-queues it after the poll) or complete.
    pub(crate) fn schedule(&self) {
        let prev = self.state.fetch_or(SCHEDULED, Ordering::AcqRel);
        if prev & (SCHEDULED | RUNNING | COMPLETE) == 0 {
            self.enqueue();
        }
    }

    /// Pushes a queue entry: onto the ready queue directly when called on
    /// the owning runtime's thread, else onto the injection queue.
    pub(crate) fn enqueue(&self) {
        if !context::push_local(self.shared.core_id, self.priority, self.task) {
            self.shared.push_remote(self.task, self.priority);
        }
    }

    /// Asks for the task to be cancelled; returns whether the caller must
    /// make sure the request is acted upon (the task is neither queued,
    /// running nor complete).
    pub(crate) fn request_cancel(&self) -> bool {
        let prev = self.state.fetch_or(CLOSED | SCHEDULED, Ordering::AcqRel);
        prev & (SCHEDULED | RUNNING | COMPLETE) == 0
    }
}

impl Wake for Header {
    fn wake(self: Arc<Self>) {
        self.schedule();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.schedule();
    }
}

/// What the runtime needs from a task without knowing its machine's type.
pub(crate) trait RawTask {
    /// Polls the machine; on `Ready` the output is stored and the machine
    /// dropped.
    fn poll(&mut self, cx: &mut Context<'_>) -> Poll<()>;
    /// Drops the machine (if still there) and stores `err` as the result.
    fn fail(&mut self, err: JoinError);
    /// Moves the stored result into `out`, which must be an
    /// `Option<Result<Output, JoinError>>`.
    fn take_output(&mut self, out: &mut dyn Any);
    /// The machine, while it is still running.
    fn machine(&self) -> Option<&dyn Trace>;
}

enum Stage<C: Future> {
    Running(C),
    Finished(Result<C::Output, JoinError>),
    Consumed,
}

/// Owns the machine, then its result.
pub(crate) struct TaskCell<C: Future> {
    stage: Stage<C>,
}

impl<C: Future> TaskCell<C> {
    pub(crate) fn new(machine: C) -> Self {
        TaskCell {
            stage: Stage::Running(machine),
        }
    }

    /// Stores `result`, then drops the previous stage: if that drop panics,
    /// the cell is already consistent.
    fn finish(&mut self, result: Result<C::Output, JoinError>) {
        let previous = mem::replace(&mut self.stage, Stage::Finished(result));
        drop(previous);
    }
}

impl<C> RawTask for TaskCell<C>
where
    C: Future + Unpin + Trace,
    C::Output: 'static,
{
    fn poll(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        let Stage::Running(machine) = &mut self.stage else {
            return Poll::Ready(());
        };
        match Pin::new(machine).poll(cx) {
            Poll::Ready(value) => {
                self.finish(Ok(value));
                Poll::Ready(())
            }
            Poll::Pending => Poll::Pending,
        }
    }

    fn fail(&mut self, err: JoinError) {
        if matches!(self.stage, Stage::Running(_)) {
            self.finish(Err(err));
        }
    }

    fn take_output(&mut self, out: &mut dyn Any) {
        let slot = out
            .downcast_mut::<Option<Result<C::Output, JoinError>>>()
            .expect("JoinHandle output type matches its task");
        if let Stage::Finished(result) = mem::replace(&mut self.stage, Stage::Consumed) {
            *slot = Some(result);
        }
    }

    fn machine(&self) -> Option<&dyn Trace> {
        match &self.stage {
            Stage::Running(machine) => Some(machine),
            _ => None,
        }
    }
}

/// The one allocation of a task: its waker (an `Arc<Header>` clone, kept so
/// a poll needs no reference-count traffic) and its cell.
pub(crate) struct TaskBox<T: ?Sized> {
    pub(crate) waker: Waker,
    pub(crate) cell: T,
}

pub(crate) type BoxedTask = Box<TaskBox<dyn RawTask>>;

/// Per-task bookkeeping kept in the slab next to the cell.
pub(crate) struct TaskEntry {
    pub(crate) header: Arc<Header>,
    /// `None` while the runtime polls the task.
    pub(crate) task: Option<BoxedTask>,
    pub(crate) join_waker: Option<Waker>,
    /// A name given with `task::Builder::name`.
    pub(crate) name: Option<Cow<'static, str>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every task allocates one header (pooled, but live tasks each hold
    /// one): keep it at 48 bytes (64 with the `Arc`'s counts) on 64-bit.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn the_header_stays_small() {
        assert_eq!(std::mem::size_of::<Header>(), 48);
    }

    /// The cell keeps room for `Result<Output, JoinError>`: the error is a
    /// pointer, so a task with a small output needs no more than that.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn the_result_of_a_unit_task_is_a_pointer() {
        assert_eq!(std::mem::size_of::<JoinError>(), 8);
        assert_eq!(std::mem::size_of::<Result<(), JoinError>>(), 8);
    }
}
