//! What a runtime reports about itself: [`RuntimeStats`] counters and the
//! [`TaskInfo`] of every live task, behind [`Handle::tasks`](super::Handle::tasks)
//! and task dumps.

use std::fmt;

use super::task::{CLOSED, COMPLETE, RUNNING, SCHEDULED};
use crate::coroutine::Backtrace;
use crate::task::{Priority, TaskId};

/// Counters for tests and monitoring; see [`Runtime::stats`](super::Runtime::stats).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RuntimeStats {
    /// Spawned tasks not yet freed (running, or complete with an output
    /// waiting for its `JoinHandle`).
    pub live_tasks: usize,
    /// Entries in the ready queues.
    pub ready_tasks: usize,
    /// Timer entries registered by pending sleeps, timeouts and intervals.
    pub live_timers: usize,
    /// Sockets (and other I/O sources) registered with the reactor.
    pub io_sources: usize,
    /// Threads of the blocking pool, busy or idle.
    pub blocking_threads: usize,
    /// Task polls since the runtime was built.
    pub polls: u64,
}

/// What a task is doing, as seen in a dump.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TaskState {
    /// In a ready queue.
    Scheduled,
    /// Being polled (the task that asked for the dump, usually).
    Running,
    /// Suspended, waiting for a wake.
    Idle,
    /// Cancellation requested, not yet acted upon.
    Cancelling,
    /// Complete; the output waits for the `JoinHandle`.
    Finished,
}

impl TaskState {
    pub(super) fn from_bits(state: u32) -> TaskState {
        if state & COMPLETE != 0 {
            TaskState::Finished
        } else if state & RUNNING != 0 {
            TaskState::Running
        } else if state & CLOSED != 0 {
            TaskState::Cancelling
        } else if state & SCHEDULED != 0 {
            TaskState::Scheduled
        } else {
            TaskState::Idle
        }
    }
}

/// One live task in a [`Handle::tasks`](super::Handle::tasks) listing.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct TaskInfo {
    /// The task's id.
    pub id: TaskId,
    /// The name given at spawn, else the machine's `Trace::name`.
    pub name: String,
    /// The task's priority.
    pub priority: Priority,
    /// What it is doing.
    pub state: TaskState,
    /// Its async stack trace (empty while running or once finished).
    pub backtrace: Backtrace,
}

impl fmt::Display for TaskInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "task {} {:?} [{:?}, {:?}]",
            self.id, self.name, self.priority, self.state
        )?;
        write!(f, "{}", self.backtrace)
    }
}
