//! The runtime's public face: [`Runtime`], which owns the scheduler's
//! `Core`, the [`Handle`] its tasks use to reach it, and the [`EnterGuard`]
//! that makes it current outside `block_on`.

use std::borrow::Cow;
use std::fmt;
use std::future::Future;
use std::io;
use std::rc::Rc;

use super::{Builder, Core, JoinHandle, RuntimeStats, TaskInfo, context};
use crate::coroutine::Coroutine;
use crate::leaf::Leaf;
use crate::task::Priority;

/// A reference to a runtime, usable from inside its tasks: spawn, inspect,
/// dump. Cheap to clone; not `Send` (the runtime is single-threaded).
#[derive(Clone)]
pub struct Handle {
    pub(super) core: Rc<Core>,
}

impl Handle {
    /// The runtime running on this thread.
    ///
    /// # Panics
    ///
    /// Outside of a runtime.
    #[track_caller]
    pub fn current() -> Handle {
        Handle {
            core: context::expect_current("`Handle::current`"),
        }
    }

    /// The runtime running on this thread, if any.
    pub fn try_current() -> Option<Handle> {
        context::current().map(|core| Handle { core })
    }

    /// Spawns a task at [`Priority::Normal`].
    ///
    /// # Panics
    ///
    /// If the [`Runtime`] has been dropped: nothing would ever run the task.
    #[track_caller]
    pub fn spawn<C>(&self, machine: C) -> JoinHandle<C::Output>
    where
        C: Coroutine + 'static,
        C::Output: 'static,
    {
        self.core
            .spawn(machine, Priority::Normal, None, Leaf::new("join"))
    }

    /// Spawns a task at `priority`.
    ///
    /// # Panics
    ///
    /// As [`spawn`](Self::spawn).
    #[track_caller]
    pub fn spawn_with<C>(&self, priority: Priority, machine: C) -> JoinHandle<C::Output>
    where
        C: Coroutine + 'static,
        C::Output: 'static,
    {
        self.core.spawn(machine, priority, None, Leaf::new("join"))
    }

    pub(crate) fn spawn_named<C>(
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
        self.core.spawn(machine, priority, name, leaf)
    }

    /// Counters: live tasks, timers, I/O sources, ...
    pub fn stats(&self) -> RuntimeStats {
        self.core.stats()
    }

    /// Every live task with its async backtrace.
    pub fn tasks(&self) -> Vec<TaskInfo> {
        self.core.tasks()
    }

    /// [`tasks`](Self::tasks), formatted for humans.
    pub fn dump(&self) -> String {
        let tasks = self.tasks();
        let mut out = format!("{} live task(s)\n", tasks.len());
        for task in &tasks {
            out.push_str(&task.to_string());
        }
        out
    }
}

impl fmt::Debug for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handle")
            .field("id", &self.core.id)
            .finish_non_exhaustive()
    }
}

/// A single-threaded runtime: priority scheduling, timers, sockets, a
/// blocking pool and signals.
///
/// ```
/// use coro_runtime::{Runtime, task, time};
/// use std::time::Duration;
///
/// let rt = Runtime::new().unwrap();
/// let out = rt.block_on(task::from_future(async {
///     let child = coro_runtime::spawn(task::from_future(async { 20 }));
///     time::sleep(Duration::from_millis(1)).await;
///     child.await.unwrap() + 22
/// }));
/// assert_eq!(out, 42);
/// ```
pub struct Runtime {
    handle: Handle,
}

impl Runtime {
    /// A runtime with the default options.
    pub fn new() -> io::Result<Runtime> {
        Builder::new().build()
    }

    /// Options: fairness burst, event interval, blocking pool size, ...
    pub fn builder() -> Builder {
        Builder::new()
    }

    pub(super) fn from_builder(builder: &Builder) -> io::Result<Runtime> {
        Ok(Runtime {
            handle: Handle {
                core: Rc::new(Core::new(builder)?),
            },
        })
    }

    /// Runs `future` to completion on this thread, running spawned tasks,
    /// timers and I/O meanwhile. Any `Future` is accepted (it is pinned on
    /// the stack).
    ///
    /// # Panics
    ///
    /// If called from inside a runtime, or if `future` panics.
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.handle.core.block_on(future)
    }

    /// Spawns a task at [`Priority::Normal`]; it runs during `block_on`.
    #[track_caller]
    pub fn spawn<C>(&self, machine: C) -> JoinHandle<C::Output>
    where
        C: Coroutine + 'static,
        C::Output: 'static,
    {
        self.handle.spawn(machine)
    }

    /// Spawns a task at `priority`.
    #[track_caller]
    pub fn spawn_with<C>(&self, priority: Priority, machine: C) -> JoinHandle<C::Output>
    where
        C: Coroutine + 'static,
        C::Output: 'static,
    {
        self.handle.spawn_with(priority, machine)
    }

    /// A handle to this runtime.
    pub fn handle(&self) -> &Handle {
        &self.handle
    }

    /// Makes this the current runtime until the guard drops, so that sockets
    /// can be bound and tasks spawned outside of `block_on`.
    pub fn enter(&self) -> EnterGuard<'_> {
        EnterGuard {
            _context: context::enter(self.handle.core.clone()),
            _runtime: self,
        }
    }

    /// See [`Handle::stats`].
    pub fn stats(&self) -> RuntimeStats {
        self.handle.stats()
    }

    /// See [`Handle::tasks`].
    pub fn tasks(&self) -> Vec<TaskInfo> {
        self.handle.tasks()
    }

    /// See [`Handle::dump`].
    pub fn dump(&self) -> String {
        self.handle.dump()
    }
}

impl Drop for Runtime {
    /// Drops every task's machine (so their registrations are released)
    /// and stops idle blocking threads.
    fn drop(&mut self) {
        self.handle.core.shutdown();
    }
}

impl fmt::Debug for Runtime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Runtime")
            .field("id", &self.handle.core.id)
            .finish_non_exhaustive()
    }
}

/// Returned by [`Runtime::enter`].
pub struct EnterGuard<'a> {
    _context: context::ContextGuard,
    _runtime: &'a Runtime,
}

impl fmt::Debug for EnterGuard<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EnterGuard")
    }
}
