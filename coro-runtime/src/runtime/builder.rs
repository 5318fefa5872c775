//! [`Builder`]: runtime options.

use std::io;
use std::time::Duration;

use super::Runtime;

/// Options for a [`Runtime`].
///
/// ```
/// use coro_runtime::Runtime;
/// use std::time::Duration;
///
/// let rt = Runtime::builder()
///     .fairness_burst(4)
///     .max_blocking_threads(8)
///     .blocking_idle_timeout(Duration::from_secs(1))
///     .build()
///     .unwrap();
/// assert_eq!(rt.block_on(async { 1 }), 1);
/// ```
#[derive(Clone, Debug)]
pub struct Builder {
    pub(super) fairness_burst: u32,
    pub(super) event_interval: u32,
    pub(super) events_capacity: usize,
    pub(super) max_blocking_threads: usize,
    pub(super) blocking_idle_timeout: Duration,
}

impl Default for Builder {
    fn default() -> Self {
        Builder::new()
    }
}

impl Builder {
    /// The defaults: burst 8, event interval 61, 1024 events per reactor
    /// turn, up to 64 blocking threads idling at most 10 s.
    pub fn new() -> Builder {
        Builder {
            fairness_burst: 8,
            event_interval: 61,
            events_capacity: 1024,
            max_blocking_threads: 64,
            blocking_idle_timeout: Duration::from_secs(10),
        }
    }

    /// How many polls in a row a priority level may take while a lower
    /// level waits (see the fairness rule in [`crate::runtime`]). At least 1.
    pub fn fairness_burst(mut self, burst: u32) -> Builder {
        self.fairness_burst = burst.max(1);
        self
    }

    /// How many task polls run between two checks of timers, I/O and the
    /// injection queue. At least 1.
    pub fn event_interval(mut self, polls: u32) -> Builder {
        self.event_interval = polls.max(1);
        self
    }

    /// How many I/O events one reactor turn can receive.
    pub fn events_capacity(mut self, events: usize) -> Builder {
        self.events_capacity = events.max(16);
        self
    }

    /// The most threads the blocking pool starts. At least 1.
    pub fn max_blocking_threads(mut self, threads: usize) -> Builder {
        self.max_blocking_threads = threads.max(1);
        self
    }

    /// How long an idle blocking thread waits for work before exiting.
    pub fn blocking_idle_timeout(mut self, timeout: Duration) -> Builder {
        self.blocking_idle_timeout = timeout;
        self
    }

    /// Builds the runtime (creates its `mio::Poll`).
    pub fn build(&self) -> io::Result<Runtime> {
        Runtime::from_builder(self)
    }
}
