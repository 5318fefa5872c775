//! Spawning tasks: [`spawn`], [`spawn_with`], [`Builder`], priorities,
//! [`yield_now`], and [`from_future`] to run plain `async` code.
//!
//! A task is a [`Coroutine`] (`Future + Unpin + Trace`, which every `#[coro]`
//! machine is) owned by the runtime. Plain futures, which are usually
//! `!Unpin` and not traceable, go through [`from_future`].

use std::borrow::Cow;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::coroutine::{Coroutine, MachineState, Trace};
use crate::leaf::{Leaf, leaf_trace};
use crate::runtime::{Handle, context};

pub use crate::runtime::{JoinError, JoinHandle};

/// A task's scheduling level: one ready queue per level, served by the
/// fairness rule documented in [`crate::runtime`] (FIFO within a level; a
/// busy higher level never starves a lower one completely).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Priority {
    /// Served first.
    High = 0,
    /// The default.
    #[default]
    Normal = 1,
    /// Served when higher levels are idle, or by the fairness rule.
    Low = 2,
}

/// A task's id, unique within its runtime (ids start at 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TaskId(pub(crate) u64);

impl TaskId {
    /// The number behind the id.
    pub fn as_u64(self) -> u64 {
        self.0
    }
}

impl fmt::Display for TaskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// Spawns `machine` on the current runtime at [`Priority::Normal`].
///
/// # Panics
///
/// Outside of a runtime.
///
/// ```
/// use coro_runtime::{Runtime, task};
///
/// let rt = Runtime::new().unwrap();
/// let sum = rt.block_on(task::from_future(async {
///     let a = task::spawn(task::from_future(async { 1 }));
///     let b = task::spawn(task::from_future(async { 2 }));
///     a.await.unwrap() + b.await.unwrap()
/// }));
/// assert_eq!(sum, 3);
/// ```
#[track_caller]
pub fn spawn<C>(machine: C) -> JoinHandle<C::Output>
where
    C: Coroutine + 'static,
    C::Output: 'static,
{
    Builder::new().spawn(machine)
}

/// Spawns `machine` on the current runtime at `priority`.
///
/// # Panics
///
/// Outside of a runtime.
#[track_caller]
pub fn spawn_with<C>(priority: Priority, machine: C) -> JoinHandle<C::Output>
where
    C: Coroutine + 'static,
    C::Output: 'static,
{
    Builder::new().priority(priority).spawn(machine)
}

/// Spawn options: a name (shown in task dumps) and a priority.
///
/// ```
/// use coro_runtime::{Runtime, task::{self, Priority}};
///
/// let rt = Runtime::new().unwrap();
/// rt.block_on(task::from_future(async {
///     let h = task::Builder::new()
///         .name("worker-1")
///         .priority(Priority::High)
///         .spawn(task::from_future(async { 5 }));
///     assert_eq!(h.await.unwrap(), 5);
/// }));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Builder {
    name: Option<Cow<'static, str>>,
    priority: Priority,
}

impl Builder {
    /// No name (the machine's `Trace::name` is used), normal priority.
    pub fn new() -> Builder {
        Builder::default()
    }

    /// The task's name in dumps. A `&'static str` name is also what a
    /// `JoinHandle` on the task reports as its `Trace::name`.
    pub fn name(mut self, name: impl Into<Cow<'static, str>>) -> Builder {
        self.name = Some(name.into());
        self
    }

    /// The task's priority.
    pub fn priority(mut self, priority: Priority) -> Builder {
        self.priority = priority;
        self
    }

    /// Spawns on the current runtime.
    ///
    /// # Panics
    ///
    /// Outside of a runtime.
    #[track_caller]
    pub fn spawn<C>(self, machine: C) -> JoinHandle<C::Output>
    where
        C: Coroutine + 'static,
        C::Output: 'static,
    {
        let leaf = Leaf::new("join");
        let core = context::expect_current("`spawn`");
        core.spawn(machine, self.priority, self.name, leaf)
    }

    /// Spawns on the runtime behind `handle`.
    #[track_caller]
    pub fn spawn_on<C>(self, handle: &Handle, machine: C) -> JoinHandle<C::Output>
    where
        C: Coroutine + 'static,
        C::Output: 'static,
    {
        handle.spawn_named(machine, self.priority, self.name, Leaf::new("join"))
    }
}

/// Lets other ready tasks run: the first poll wakes the task (which goes to
/// the back of its level's queue) and returns `Pending`, the second returns
/// `Ready`.
#[track_caller]
pub fn yield_now() -> YieldNow {
    YieldNow {
        leaf: Leaf::new("yield"),
    }
}

/// The awaitable returned by [`yield_now`].
#[derive(Debug)]
#[must_use = "futures do nothing unless awaited"]
pub struct YieldNow {
    leaf: Leaf,
}

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if matches!(self.leaf.state(), MachineState::Suspended(_)) {
            self.leaf.done();
            return Poll::Ready(());
        }
        self.leaf.pending();
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

leaf_trace!("coro_runtime::task::yield_now", YieldNow);

/// Makes any future spawnable: boxes it (so it may be `!Unpin`) and gives
/// it a generic [`Trace`] name, `coro_runtime::task::from_future`.
///
/// ```
/// use coro_runtime::{Runtime, task};
///
/// let rt = Runtime::new().unwrap();
/// let h = rt.spawn(task::from_future(async { "done" }));
/// assert_eq!(rt.block_on(h).unwrap(), "done");
/// ```
pub fn from_future<F: Future>(future: F) -> FromFuture<F> {
    FromFuture {
        future: Box::pin(future),
        done: false,
    }
}

/// The adapter returned by [`from_future`].
#[must_use = "futures do nothing unless awaited"]
pub struct FromFuture<F> {
    future: Pin<Box<F>>,
    done: bool,
}

impl<F: Future> Future for FromFuture<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let out = self.future.as_mut().poll(cx);
        if out.is_ready() {
            self.done = true;
        }
        out
    }
}

impl<F> Trace for FromFuture<F> {
    fn name(&self) -> &'static str {
        "coro_runtime::task::from_future"
    }

    fn state(&self) -> MachineState {
        if self.done {
            MachineState::Returned
        } else {
            MachineState::Unresumed
        }
    }

    fn awaitee(&self) -> Option<&dyn Trace> {
        None
    }
}

impl<F> fmt::Debug for FromFuture<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FromFuture")
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}
