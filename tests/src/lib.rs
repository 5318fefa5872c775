//! Differential tests of `coro`: every body is compiled twice from one copy of
//! its source, as `#[coro]` (module `coro_v`) and as `async fn` (module
//! `async_v`), and [`check()`] / [`check_panics()`] compare the two on output, the
//! number of `Pending` returns, and the drop log on completion, on
//! cancellation after every number of polls, and on panics. rustc's lowering
//! is the ground truth.
//!
//! With the `async-both` feature, `coro_v` is compiled as `async fn` as well:
//! rustc against rustc, which validates the harness and the cases themselves.
//! Assertions that only hold for `#[coro]` machines (their panic messages)
//! are skipped in that mode; nothing else changes.

mod awaitables;
mod differential;
pub mod generators;
mod harness;
pub mod log;
mod next_owned;
mod values;

pub use awaitables::{Probe, Ready, Yield, YieldValue, ready, yield_value};
/// Generator bodies name `yield_!`; like any macro it must be in scope.
pub use coro_runtime::yield_;
pub use generators::{GenReport, check_gen, check_gen_args, check_gen_panics, check_stream};
pub use harness::{
    CoroSide, Traced, check, check_either, check_futures, check_panics, run, traced,
};
pub use next_owned::{NextOwned, next_owned};
pub use values::D;

/// Whether `coro_v` is compiled as `async fn` (the `async-both` feature).
pub const ASYNC_BOTH: bool = cfg!(feature = "async-both");
