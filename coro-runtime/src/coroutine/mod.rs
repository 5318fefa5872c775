//! The traits every machine implements, and the drivers the macros build on.
//!
//! `#[coro]`, `#[generator]` and `#[async_iter]` turn a function body into a
//! named frame enum (one variant per resume point) plus a non-capturing resume
//! closure. The closure is zero-sized, so a machine is exactly as large as its
//! frame. The drivers here ([`CoroMachine`], [`GenMachine`], [`StreamMachine`])
//! are written once and give every machine its trait impls.
//!
//! Invariants the generated code relies on:
//! - While a resume runs, the frame holds either the variant of the resume
//!   point being polled in place, or `Returned` (values taken out of the
//!   frame live on the resume closure's stack until the next suspension).
//!   So a `return` anywhere in the body leaves the frame complete.
//! - If a resume unwinds, `poison_on_unwind` replaces the frame with
//!   `Poisoned`, which drops whatever the frame still held, in field order
//!   (the macro declares fields in the order rustc would drop them). Values
//!   on the closure's stack are dropped by the unwind itself.
//! - No machine is ever pinned structurally: awaitees are polled through
//!   `Pin::new(&mut awaitee)` and must be `Unpin`, so every machine is `Unpin`
//!   whatever its locals are.

mod machine;
mod trace;

use core::future::Future;

pub use machine::{CoroMachine, Frame, FrameReady, GenMachine, Next, StreamMachine};
pub use trace::{Backtrace, BacktraceFrame, MachineState, ResumePoint, Trace};

/// The result of resuming a [`Generator`], mirroring std's unstable
/// `CoroutineState`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GeneratorState<Y, R> {
    /// The generator suspended with a value.
    Yielded(Y),
    /// The generator finished with a return value.
    Complete(R),
}

/// A `#[coro]` machine: a future that is `Unpin` and can be traced.
///
/// Implemented for every type that is all three; `#[coro]` functions return
/// `impl Coroutine<Output = T>`.
///
/// Like a future, a coroutine does nothing until it is polled: calling a
/// `#[coro]` function and dropping the machine runs none of its body.
#[must_use = "a coroutine does nothing unless it is awaited, polled or spawned"]
pub trait Coroutine: Future + Unpin + Trace {}

impl<C: Future + Unpin + Trace + ?Sized> Coroutine for C {}

/// An `#[async_iter]` machine: a `Stream` that is `Unpin` and can be traced.
#[must_use = "an async iterator does nothing unless it is polled"]
pub trait AsyncIterator: futures_core::Stream + Unpin + Trace {}

impl<S: futures_core::Stream + Unpin + Trace + ?Sized> AsyncIterator for S {}

/// A resumable computation that yields values, mirroring std's unstable
/// `Coroutine` trait (without `Pin`: machines are `Unpin`).
///
/// `#[generator(yield = Y, resume = A)]` functions return a machine
/// implementing `Generator<A, Yield = Y, Return = R>`.
#[must_use = "a generator does nothing unless it is resumed"]
pub trait Generator<A = ()>: Trace {
    /// The type of the values passed out by `yield_!`.
    type Yield;
    /// The type of the value the body returns.
    type Return;

    /// Runs the body until its next `yield_!` or its end.
    ///
    /// `arg` is the value the pending `yield_!` evaluates to; the first
    /// resume's argument is passed to the body as the `resume` closure-style
    /// parameter of the attribute (see the `generator` docs).
    ///
    /// # Panics
    ///
    /// When called again after `Complete`, or after a panic inside the body.
    fn resume(&mut self, arg: A) -> GeneratorState<Self::Yield, Self::Return>;
}
