//! The single-threaded runtime: [`Runtime`], its [`Handle`], and the
//! scheduler loop.
//!
//! # Shape
//!
//! A runtime is one `Core` behind an `Rc`, used from one thread. It owns:
//! - the task registry and the priority ready queues (`RefCell`s: no lock
//!   on the hot path; never borrowed while user code runs),
//! - an injection queue (`Mutex`) for wakes from other threads, which also
//!   unpark the thread through a `mio::Waker`,
//! - the timer heap, the reactor (a `mio::Poll`), the blocking pool and the
//!   signal driver.
//!
//! # The loop
//!
//! `block_on` polls its own future whenever it was woken, then runs up to
//! `event_interval` ready tasks, then does one maintenance turn: drain the
//! injection queue, poll mio (without blocking if work is ready, else
//! parking until the next timer deadline), fire expired timers. Parking is
//! precise below epoll's millisecond resolution: the whole milliseconds are
//! slept in `epoll_wait`, the rest in `thread::sleep`.
//!
//! # Priorities and fairness
//!
//! There is one FIFO ready queue per [`Priority`]. The scheduler takes from
//! the highest non-empty level, except that once a level has been served
//! `fairness_burst` times (default 8, see [`Builder::fairness_burst`])
//! since a lower level was last served, and a lower level has work, the
//! next poll goes to the next lower level (which obeys the same rule toward
//! the levels below it). With every level busy and burst 8 the pattern is
//! 8 high, 1 normal, 8 high, 1 normal, …, and after the eighth normal poll
//! one low poll: a waiting task of any level is polled within
//! `(burst + 1)^2 = 81` dequeues, however busy the levels above it are. The
//! `block_on` future itself is polled after every batch of
//! `event_interval` task polls at most, whenever it was woken.
//!
//! # Tasks and wakers
//!
//! A task is one allocation: a 48-byte header, then its machine and later
//! its output (see `task.rs`, where the runtime's `unsafe` lives). Queue
//! entries, the registry, the [`JoinHandle`] and every waker are counted
//! references to it; whoever drops the last one frees it. The header's state
//! word holds atomic bit flags and the count, so a waker can be cloned, sent
//! and woken from any thread: on the runtime's own thread a wake pushes
//! straight onto the ready queue, elsewhere it goes through the injection
//! queue. A wake during the task's own poll only sets a flag; the task is
//! re-queued (at the back of its level) when the poll returns, which is how
//! `yield_now` works. The machine is only ever touched, and dropped, on the
//! runtime's thread, so it need not be `Send`.
//!
//! # Panics in tasks
//!
//! Every poll runs under `catch_unwind`; a panicking task is completed with
//! a [`JoinError`] carrying the payload, and the runtime carries on. A panic
//! in the `block_on` future propagates to the caller.

mod builder;
pub(crate) mod context;
mod handle;
pub(crate) mod join;
pub(crate) mod queue;
mod stats;
pub(crate) mod task;

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::io;
use std::mem;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::{Duration, Instant};

pub use builder::Builder;
pub use handle::{EnterGuard, Handle, Runtime};
pub use join::{JoinError, JoinHandle};
pub use stats::{RuntimeStats, TaskInfo, TaskState};

use self::queue::{ReadyQueues, Registered, Registry};
use self::task::{CLOSED, COMPLETE, HANDLE, TaskRef};
use crate::blocking::BlockingPool;
use crate::coroutine::Coroutine;
use crate::leaf::Leaf;
use crate::reactor::Reactor;
use crate::signal::SignalDriver;
use crate::task::{Priority, TaskId};
use crate::time::TimerDriver;

static NEXT_CORE_ID: AtomicUsize = AtomicUsize::new(1);

/// What other threads may touch: the injection queue and the unparker.
pub(crate) struct Shared {
    /// The runtime's id (`Core::id`).
    pub(crate) core_id: usize,
    injection: Mutex<Injection>,
    /// Set when a remote wake is pending; the first setter unparks mio.
    notified: AtomicBool,
    unparker: mio::Waker,
}

/// Entries queued from other threads; each owns a task reference.
#[derive(Default)]
struct Injection {
    entries: Vec<(TaskRef, Priority)>,
    /// Set at shutdown: later entries are dropped, not kept. (A kept entry
    /// would keep its task, hence this `Shared`, alive: a cycle.)
    closed: bool,
}

impl Shared {
    pub(crate) fn push_remote(&self, task: TaskRef, priority: Priority) {
        let mut injection = self.injection.lock().unwrap_or_else(|e| e.into_inner());
        if injection.closed {
            drop(injection);
            drop(task);
            return;
        }
        injection.entries.push((task, priority));
        drop(injection);
        self.unpark();
    }

    fn unpark(&self) {
        if !self.notified.swap(true, Ordering::AcqRel) {
            // A failed wake means the runtime is gone; nobody to wake.
            let _ = self.unparker.wake();
        }
    }
}

/// The runtime's state, owned by one thread.
pub(crate) struct Core {
    pub(crate) id: usize,
    shared: Arc<Shared>,
    tasks: RefCell<Registry>,
    pub(crate) ready: RefCell<ReadyQueues>,
    next_task_id: Cell<u64>,
    polls: Cell<u64>,
    /// Inside `block_on`.
    running: Cell<bool>,
    /// The `Runtime` was dropped; only `Handle`s keep the core alive.
    shut_down: Cell<bool>,
    event_interval: u32,
    pub(crate) timers: Arc<TimerDriver>,
    pub(crate) reactor: Reactor,
    pub(crate) blocking: BlockingPool,
    pub(crate) signals: SignalDriver,
}

impl Core {
    fn new(builder: &Builder) -> io::Result<Core> {
        let reactor = Reactor::new(builder.events_capacity)?;
        let unparker = reactor.unparker()?;
        let id = NEXT_CORE_ID.fetch_add(1, Ordering::Relaxed);
        let shared = Arc::new(Shared {
            core_id: id,
            injection: Mutex::new(Injection::default()),
            notified: AtomicBool::new(false),
            unparker,
        });
        Ok(Core {
            id,
            shared,
            tasks: RefCell::new(Registry::default()),
            ready: RefCell::new(ReadyQueues::new(builder.fairness_burst)),
            next_task_id: Cell::new(1),
            polls: Cell::new(0),
            running: Cell::new(false),
            shut_down: Cell::new(false),
            event_interval: builder.event_interval.max(1),
            timers: Arc::new(TimerDriver::default()),
            reactor,
            blocking: BlockingPool::new(
                builder.max_blocking_threads,
                builder.blocking_idle_timeout,
            ),
            signals: SignalDriver::default(),
        })
    }

    #[track_caller]
    pub(crate) fn spawn<C>(
        &self,
        machine: C,
        priority: Priority,
        name: Option<Cow<'static, str>>,
        leaf: Leaf,
    ) -> JoinHandle<C::Output>
    where
        C: Coroutine + 'static,
        C::Output: 'static,
    {
        assert!(
            !self.shut_down.get(),
            "cannot spawn a task on a runtime that has been dropped (a `Handle` outlived its `Runtime`)"
        );
        let id = TaskId(self.next_task_id.get());
        self.next_task_id.set(id.0 + 1);
        let static_name = match &name {
            Some(Cow::Borrowed(name)) => name,
            _ => machine.name(),
        };
        let mut registry = self.tasks.borrow_mut();
        let slot = registry.next_slot();
        let [registered, queued, handle] =
            TaskRef::new(machine, id, priority, slot, self.shared.clone());
        registry.insert(Registered {
            task: registered,
            name: name.unwrap_or(Cow::Borrowed(static_name)),
        });
        drop(registry);
        self.ready.borrow_mut().push(priority, queued);
        JoinHandle::new(handle, static_name, leaf)
    }

    /// Handles one dequeued entry: polls the task, or acts on its
    /// cancellation, or (for a complete task: a reap request sent by a
    /// `JoinHandle` dropped on another thread) frees its registry entry.
    pub(crate) fn run_task(&self, task: TaskRef) {
        let state = task.state();
        if state & COMPLETE != 0 {
            if state & HANDLE == 0 {
                self.unregister(&task);
            }
            return;
        }
        let prev = task.start();
        if prev & CLOSED != 0 {
            let id = task.id();
            self.fail(task, JoinError::cancelled(id));
            return;
        }
        self.polls.set(self.polls.get() + 1);
        match catch_unwind(AssertUnwindSafe(|| task.poll())) {
            Ok(Poll::Pending) => {
                if let Some(task) = task.end_poll() {
                    self.ready.borrow_mut().push(task.priority(), task);
                }
            }
            Ok(Poll::Ready(())) => self.complete(task),
            Err(payload) => {
                let id = task.id();
                self.fail(task, JoinError::panic(id, payload));
            }
        }
    }

    /// Drops the machine (catching a panicking destructor) and completes.
    fn fail(&self, task: TaskRef, err: JoinError) {
        let _ = catch_unwind(AssertUnwindSafe(|| task.cancel(err)));
        self.complete(task);
    }

    /// Marks a task (for which the caller holds `RUNNING`) complete; drops
    /// its result and frees it if no handle waits, else wakes the handle.
    fn complete(&self, task: TaskRef) {
        if task.complete() {
            if let Some(waker) = task.take_join_waker() {
                waker.wake();
            }
        } else {
            let _ = catch_unwind(AssertUnwindSafe(|| task.drop_output()));
            self.unregister(&task);
        }
    }

    /// Removes `task` from the registry (if it is still there) and releases
    /// the registry's reference; no borrow is held when it goes.
    pub(crate) fn unregister(&self, task: &TaskRef) {
        let removed = self.tasks.borrow_mut().remove(task);
        drop(removed);
    }

    /// Takes a complete task's output for its handle, or registers the
    /// handle's waker. Clears `handle` on completion.
    pub(crate) fn poll_join<T: 'static>(
        &self,
        handle: &mut Option<TaskRef>,
        cx: &mut Context<'_>,
    ) -> Poll<Result<T, JoinError>> {
        let task = handle.take().expect("JoinHandle polled after completion");
        if task.state() & COMPLETE == 0 {
            task.set_join_waker(cx.waker());
            *handle = Some(task);
            return Poll::Pending;
        }
        let mut out: Option<Result<T, JoinError>> = None;
        task.take_output(&mut out);
        task.header().state.fetch_sub(HANDLE, Ordering::AcqRel);
        self.unregister(&task);
        drop(task);
        Poll::Ready(out.expect("a complete task holds its result until joined"))
    }

    fn drain_injection(&self) {
        if !self.shared.notified.swap(false, Ordering::AcqRel) {
            return;
        }
        let mut injected = self
            .shared
            .injection
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let mut ready = self.ready.borrow_mut();
        for (task, priority) in injected.entries.drain(..) {
            ready.push(priority, task);
        }
    }

    /// One maintenance turn between batches of polls (see the module docs).
    fn turn(&self, main_woken: &AtomicBool) {
        self.drain_injection();
        let busy = || !self.ready.borrow().is_empty() || main_woken.load(Ordering::Acquire);
        if busy() {
            if self.reactor.has_sources() || self.signals.is_active() {
                self.poll_reactor(Some(Duration::ZERO));
            }
        } else {
            match self.timers.next_deadline() {
                None => self.poll_reactor(None),
                Some(deadline) => {
                    let left = deadline.saturating_duration_since(Instant::now());
                    let whole_ms = Duration::from_millis(left.as_millis() as u64);
                    if !whole_ms.is_zero() {
                        self.poll_reactor(Some(whole_ms));
                    } else {
                        self.poll_reactor(Some(Duration::ZERO));
                        self.drain_injection();
                        if !left.is_zero() && !busy() {
                            std::thread::sleep(left);
                        }
                    }
                }
            }
        }
        self.timers.fire(Instant::now());
        self.drain_injection();
    }

    fn poll_reactor(&self, timeout: Option<Duration>) {
        let signalled = self.reactor.turn(timeout);
        if signalled {
            self.signals.dispatch();
        }
    }

    fn block_on<F: Future>(self: &Rc<Self>, future: F) -> F::Output {
        if context::current().is_some_and(|core| core.running.get()) {
            panic!(
                "`block_on` cannot be called from inside a runtime: it would block the runtime's thread"
            );
        }
        let _context = context::enter(self.clone());
        struct Running<'a>(&'a Cell<bool>);
        impl Drop for Running<'_> {
            fn drop(&mut self) {
                self.0.set(false);
            }
        }
        self.running.set(true);
        let _running = Running(&self.running);

        let main = Arc::new(MainWaker {
            woken: AtomicBool::new(true),
            core_id: self.id,
            shared: self.shared.clone(),
        });
        let waker = Waker::from(main.clone());
        let mut cx = Context::from_waker(&waker);
        let mut future = pin!(future);
        loop {
            if main.woken.swap(false, Ordering::AcqRel)
                && let Poll::Ready(out) = future.as_mut().poll(&mut cx)
            {
                return out;
            }
            for _ in 0..self.event_interval {
                let next = self.ready.borrow_mut().pop();
                match next {
                    Some(task) => self.run_task(task),
                    None => break,
                }
            }
            self.turn(&main.woken);
        }
    }

    fn shutdown(self: &Rc<Self>) {
        let _context = context::enter(self.clone());
        // Dropping machines may drop handles or spawn; a few rounds settle
        // it. A task still registered after them keeps its machine (and
        // leaks): its registry reference must not go while the machine
        // lives, or a waker on another thread could free it there.
        for _ in 0..8 {
            let entries = self.tasks.borrow_mut().drain();
            if entries.is_empty() {
                break;
            }
            for Registered { task, name } in entries {
                drop(name);
                if task.claim_for_shutdown() {
                    let id = task.id();
                    self.fail(task, JoinError::cancelled(id));
                }
            }
        }
        self.shut_down.set(true);
        let stubborn = self.tasks.borrow_mut().drain();
        for Registered { task, name } in stubborn {
            drop(name);
            if task.state() & COMPLETE == 0 {
                // Spawned by a destructor in the last round: its machine
                // lives on. Releasing the registry's reference could let a
                // waker on another thread drop the machine there, so leak.
                mem::forget(task);
            }
        }
        let queued = self.ready.borrow_mut().take_all();
        drop(queued);
        let injected = {
            let mut injection = self
                .shared
                .injection
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            injection.closed = true;
            mem::take(&mut injection.entries)
        };
        drop(injected);
        self.blocking.shutdown();
        self.signals.shutdown(&self.reactor);
    }

    fn stats(&self) -> RuntimeStats {
        RuntimeStats {
            live_tasks: self.tasks.borrow().len(),
            ready_tasks: self.ready.borrow().len(),
            live_timers: self.timers.len(),
            io_sources: self.reactor.source_count(),
            blocking_threads: self.blocking.thread_count(),
            polls: self.polls.get(),
        }
    }

    fn tasks(&self) -> Vec<TaskInfo> {
        let tasks = self.tasks.borrow();
        tasks
            .iter()
            .map(|entry| TaskInfo {
                id: entry.task.id(),
                name: entry.name.to_string(),
                priority: entry.task.priority(),
                state: TaskState::from_bits(entry.task.state()),
                backtrace: entry.task.backtrace(),
            })
            .collect()
    }
}

/// The waker of `block_on`'s own future: a flag, plus an unpark when woken
/// from another thread.
struct MainWaker {
    woken: AtomicBool,
    core_id: usize,
    shared: Arc<Shared>,
}

impl Wake for MainWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::Release);
        if !context::is_current(self.core_id) {
            self.shared.unpark();
        }
    }
}
