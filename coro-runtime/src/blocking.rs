//! The blocking pool: [`spawn_blocking`] runs a closure on a helper thread
//! and lets a task await its result.
//!
//! Threads are started on demand, up to the runtime's
//! `max_blocking_threads`; a thread that found no work for
//! `blocking_idle_timeout` exits. Jobs beyond the limit wait in a FIFO.
//! The result travels back through a one-shot slot whose waker is woken
//! from the pool thread: that wake takes the runtime's injection path and
//! unparks it through the `mio::Waker`.

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

use crate::leaf::{Leaf, leaf_trace};
use crate::runtime::{JoinError, context};
use crate::task::TaskId;

type Job = Box<dyn FnOnce() + Send + 'static>;

#[derive(Default)]
struct PoolState {
    queue: VecDeque<Job>,
    threads: usize,
    /// Threads waiting for work.
    idle: usize,
    /// Notifications sent to idle threads and not yet consumed: a thread
    /// that wakes without one was woken spuriously or timed out.
    wakeups: usize,
    shutdown: bool,
}

struct PoolInner {
    state: Mutex<PoolState>,
    work: Condvar,
    max_threads: usize,
    idle_timeout: Duration,
}

impl PoolInner {
    fn lock(&self) -> MutexGuard<'_, PoolState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A runtime's blocking threads.
pub(crate) struct BlockingPool {
    inner: Arc<PoolInner>,
}

impl BlockingPool {
    pub(crate) fn new(max_threads: usize, idle_timeout: Duration) -> BlockingPool {
        BlockingPool {
            inner: Arc::new(PoolInner {
                state: Mutex::default(),
                work: Condvar::new(),
                max_threads: max_threads.max(1),
                idle_timeout,
            }),
        }
    }

    pub(crate) fn thread_count(&self) -> usize {
        self.inner.lock().threads
    }

    fn submit(&self, job: Job) {
        let mut state = self.inner.lock();
        state.queue.push_back(job);
        if state.idle > state.wakeups {
            state.wakeups += 1;
            self.inner.work.notify_one();
        } else if state.threads < self.inner.max_threads {
            state.threads += 1;
            let inner = self.inner.clone();
            let spawned = thread::Builder::new()
                .name("coro-blocking".into())
                .spawn(move || worker(&inner));
            if spawned.is_err() {
                // Out of threads: the queued job runs when a thread frees up.
                state.threads -= 1;
            }
        }
    }

    /// Lets idle threads exit; busy ones exit after their job.
    pub(crate) fn shutdown(&self) {
        self.inner.lock().shutdown = true;
        self.inner.work.notify_all();
    }
}

fn worker(inner: &PoolInner) {
    let mut state = inner.lock();
    loop {
        if let Some(job) = state.queue.pop_front() {
            drop(state);
            job();
            state = inner.lock();
            continue;
        }
        if state.shutdown {
            break;
        }
        state.idle += 1;
        let (next, timeout) = inner
            .work
            .wait_timeout(state, inner.idle_timeout)
            .unwrap_or_else(|e| e.into_inner());
        state = next;
        state.idle -= 1;
        if state.wakeups > 0 {
            state.wakeups -= 1;
        } else if timeout.timed_out() && state.queue.is_empty() {
            break;
        }
    }
    state.threads -= 1;
}

struct Slot<T> {
    result: Option<thread::Result<T>>,
    waker: Option<Waker>,
}

/// Runs `f` on the current runtime's blocking pool; the awaitable yields
/// its result, or a [`JoinError`] carrying its panic. Dropping the
/// awaitable does not stop `f`.
///
/// # Panics
///
/// Outside of a runtime.
///
/// ```
/// use coro_runtime::{Runtime, task, blocking};
///
/// let rt = Runtime::new().unwrap();
/// let n = rt.block_on(task::from_future(async {
///     blocking::spawn_blocking(|| (1..=10).sum::<u32>()).await.unwrap()
/// }));
/// assert_eq!(n, 55);
/// ```
#[track_caller]
pub fn spawn_blocking<F, T>(f: F) -> BlockingHandle<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let leaf = Leaf::new("spawn_blocking");
    let core = context::expect_current("`spawn_blocking`");
    let slot = Arc::new(Mutex::new(Slot {
        result: None,
        waker: None,
    }));
    let shared = slot.clone();
    core.blocking.submit(Box::new(move || {
        let result = catch_unwind(AssertUnwindSafe(f));
        let waker = {
            let mut slot = shared.lock().unwrap_or_else(|e| e.into_inner());
            slot.result = Some(result);
            slot.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }));
    BlockingHandle { slot, leaf }
}

/// The awaitable of [`spawn_blocking`].
#[must_use = "futures do nothing unless awaited"]
pub struct BlockingHandle<T> {
    slot: Arc<Mutex<Slot<T>>>,
    leaf: Leaf,
}

impl<T> Future for BlockingHandle<T> {
    type Output = Result<T, JoinError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
        match slot.result.take() {
            Some(result) => {
                drop(slot);
                self.leaf.done();
                Poll::Ready(result.map_err(|payload| JoinError::panic(TaskId(0), payload)))
            }
            None => {
                match &slot.waker {
                    Some(w) if w.will_wake(cx.waker()) => {}
                    _ => slot.waker = Some(cx.waker().clone()),
                }
                drop(slot);
                self.leaf.pending();
                Poll::Pending
            }
        }
    }
}

impl<T> fmt::Debug for BlockingHandle<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BlockingHandle")
    }
}

leaf_trace!("coro_runtime::blocking::spawn_blocking", BlockingHandle<T>);
