//! [`JoinHandle`]: awaiting, cancelling or detaching a spawned task.
//!
//! A handle holds a reference to its task, so it is `Send` when the output
//! is; the output waits in the task and is moved out when the handle is
//! polled on the runtime's thread.

use std::any::Any;
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::atomic::Ordering;
use std::task::{Context, Poll};

use super::context;
use super::task::{COMPLETE, CancelRequest, HANDLE, TaskRef};
use crate::coroutine::{MachineState, Trace};
use crate::leaf::Leaf;
use crate::task::TaskId;

/// Why a task produced no output.
pub struct JoinError {
    /// Boxed: a task stores room for its result, `Result<Output, JoinError>`,
    /// and failures are rare, so the error costs a pointer, not 24 bytes.
    inner: Box<Inner>,
}

struct Inner {
    id: TaskId,
    repr: Repr,
}

enum Repr {
    Cancelled,
    Panic(Box<dyn Any + Send + 'static>),
}

impl JoinError {
    pub(crate) fn cancelled(id: TaskId) -> JoinError {
        JoinError {
            inner: Box::new(Inner {
                id,
                repr: Repr::Cancelled,
            }),
        }
    }

    pub(crate) fn panic(id: TaskId, payload: Box<dyn Any + Send + 'static>) -> JoinError {
        JoinError {
            inner: Box::new(Inner {
                id,
                repr: Repr::Panic(payload),
            }),
        }
    }

    /// The task was cancelled (by [`JoinHandle::cancel`] or runtime shutdown).
    pub fn is_cancelled(&self) -> bool {
        matches!(self.inner.repr, Repr::Cancelled)
    }

    /// The task panicked.
    pub fn is_panic(&self) -> bool {
        matches!(self.inner.repr, Repr::Panic(_))
    }

    /// The id of the task that failed.
    pub fn id(&self) -> TaskId {
        self.inner.id
    }

    /// The panic payload; pass it to [`std::panic::resume_unwind`] to
    /// propagate the panic.
    ///
    /// # Panics
    ///
    /// If the task was cancelled rather than panicking.
    pub fn into_panic(self) -> Box<dyn Any + Send + 'static> {
        self.try_into_panic()
            .expect("`JoinError::into_panic` called on a cancellation")
    }

    /// The panic payload, or the error back if the task was cancelled.
    pub fn try_into_panic(self) -> Result<Box<dyn Any + Send + 'static>, JoinError> {
        if matches!(self.inner.repr, Repr::Cancelled) {
            return Err(self);
        }
        match self.inner.repr {
            Repr::Panic(payload) => Ok(payload),
            Repr::Cancelled => unreachable!("checked above"),
        }
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(s) = payload.downcast_ref::<&'static str>() {
        s
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s
    } else {
        "<non-string panic payload>"
    }
}

impl fmt::Display for JoinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner.repr {
            Repr::Cancelled => write!(f, "task {} was cancelled", self.inner.id),
            Repr::Panic(p) => write!(
                f,
                "task {} panicked: {}",
                self.inner.id,
                panic_message(&**p)
            ),
        }
    }
}

impl fmt::Debug for JoinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner.repr {
            Repr::Cancelled => write!(f, "JoinError::Cancelled({})", self.inner.id),
            Repr::Panic(p) => write!(
                f,
                "JoinError::Panic({}, {:?})",
                self.inner.id,
                panic_message(&**p)
            ),
        }
    }
}

impl std::error::Error for JoinError {}

/// An owned permission to await a spawned task's output.
///
/// Awaiting it yields `Ok(output)`, or a [`JoinError`] if the task panicked
/// or was cancelled. Dropping it detaches the task, which keeps running.
/// It must be awaited on the thread of the runtime that owns the task.
///
/// ```
/// use coro_runtime::{Runtime, task};
///
/// let rt = Runtime::new().unwrap();
/// let handle = rt.spawn(task::from_future(async { 6 * 7 }));
/// assert_eq!(rt.block_on(handle).unwrap(), 42);
/// ```
pub struct JoinHandle<T> {
    /// `None` once the output was taken.
    task: Option<TaskRef>,
    id: TaskId,
    name: &'static str,
    leaf: Leaf,
    _output: PhantomData<T>,
}

impl<T> JoinHandle<T> {
    pub(crate) fn new(task: TaskRef, name: &'static str, leaf: Leaf) -> Self {
        JoinHandle {
            id: task.id(),
            name,
            task: Some(task),
            leaf,
            _output: PhantomData,
        }
    }

    /// The id of the task.
    pub fn id(&self) -> TaskId {
        self.id
    }

    /// Whether the task has completed (with an output, a panic or a
    /// cancellation).
    pub fn is_finished(&self) -> bool {
        self.task
            .as_ref()
            .is_none_or(|task| task.state() & COMPLETE != 0)
    }

    /// Cancels the task: its machine is dropped at its current suspension
    /// point (releasing its timers and I/O registrations) and awaiting this
    /// handle yields a cancelled [`JoinError`]. Immediate when called on the
    /// runtime's thread while the task is not being polled; otherwise the
    /// runtime acts on it the next time it dequeues the task. No effect on a
    /// finished task.
    pub fn cancel(&self) {
        let Some(task) = &self.task else { return };
        if let CancelRequest::Enqueue(entry) = task.request_cancel() {
            match context::current_of(&entry) {
                Some(core) => core.run_task(entry),
                None => entry.enqueue(),
            }
        }
    }
}

impl<T: 'static> Future for JoinHandle<T> {
    type Output = Result<T, crate::task::JoinError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let core = context::current_of(
            this.task
                .as_ref()
                .expect("JoinHandle polled after completion"),
        )
        .expect("a JoinHandle must be awaited on the thread of the runtime that runs its task");
        match core.poll_join::<T>(&mut this.task, cx) {
            Poll::Ready(out) => {
                this.leaf.done();
                Poll::Ready(out)
            }
            Poll::Pending => {
                this.leaf.pending();
                Poll::Pending
            }
        }
    }
}

impl<T> Drop for JoinHandle<T> {
    fn drop(&mut self) {
        let Some(task) = self.task.take() else {
            return;
        };
        // A handle holds its task only while HANDLE is set: subtracting
        // clears it in one `lock xadd`.
        let prev = task.header().state.fetch_sub(HANDLE, Ordering::AcqRel);
        if prev & COMPLETE != 0 {
            match context::current_of(&task) {
                Some(core) => core.unregister(&task),
                // The runtime frees its registry entry when it dequeues this
                // reference (a reap request).
                None => task.clone().enqueue(),
            }
            // The output is ours, and waits for nobody. Off the runtime's
            // thread this handle is `Send`, so the output is too.
            task.drop_output();
        }
    }
}

impl<T> Unpin for JoinHandle<T> {}

impl<T> fmt::Debug for JoinHandle<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JoinHandle")
            .field("id", &self.id)
            .field("task", &self.name)
            .finish()
    }
}

/// Named after the awaited task's machine, so an async backtrace shows
/// which task a machine is waiting for (the backtrace of that task itself is
/// listed separately in a task dump).
impl<T> Trace for JoinHandle<T> {
    fn name(&self) -> &'static str {
        self.name
    }

    fn state(&self) -> MachineState {
        self.leaf.state()
    }

    fn awaitee(&self) -> Option<&dyn Trace> {
        None
    }
}
