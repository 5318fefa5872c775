// The crate documentation is the README (its examples run as doctests).
#![doc = include_str!("../../README.md")]
#![deny(unsafe_code)]
#![warn(missing_docs)]

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
pub mod blocking;
pub mod coroutine;
pub mod fs;
mod leaf;
pub mod net;
mod reactor;
pub mod runtime;
pub mod signal;
mod slot;
pub mod stream;
pub mod task;
pub mod time;

pub use blocking::spawn_blocking;
pub use coro_macros::{async_iter, coro, generator};
pub use coroutine::{
    AsyncIterator, Backtrace, BacktraceFrame, Coroutine, Generator, GeneratorState, MachineState,
    ResumePoint, Trace,
};
pub use futures_core::Stream;
pub use runtime::{JoinError, JoinHandle, Runtime};
pub use task::{Priority, spawn, spawn_with, yield_now};

/// Suspends a `#[generator]` or `#[async_iter]` body with a value:
/// `yield_!(v)`. With `resume = A` it evaluates to the next resume argument.
///
/// It is recognised by those attributes; anywhere else it is a compile error.
#[macro_export]
macro_rules! yield_ {
    // The attributes invoke the user's `yield_` path once this way, so that
    // an import of it counts as used.
    (@used) => {};
    ($($tokens:tt)*) => {
        ::core::compile_error!(
            "`yield_!` can only be used in the body of a `#[generator]` or `#[async_iter]` function"
        )
    };
}

/// The names most programs want: `use coro_runtime::prelude::*;`.
pub mod prelude {
    pub use crate::{
        Coroutine, Generator, GeneratorState, Trace, async_iter, coro, generator, yield_,
    };
    pub use crate::{
        JoinError, JoinHandle, Priority, Runtime, spawn, spawn_blocking, spawn_with, yield_now,
    };
}
