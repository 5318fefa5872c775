//! The executor and the comparisons.

use core::fmt::Debug;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, Waker};
use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::log;

/// Logged after each `Pending` return of a run, and before dropping a
/// suspended future: drops then fall on the same side of it in both logs
/// only if both flavours drop at the same point of the body.
const SUSPENDED: &str = "<suspended>";

/// More `Pending` returns than any case produces: a machine that keeps
/// returning `Pending` is a bug, not a slow case.
const MAX_POLLS: usize = 10_000;

/// What the `coro_v` side of a case must be: a `#[coro]` machine
/// (`Future + Unpin + Trace`), or any future in `async-both` mode.
#[cfg(not(feature = "async-both"))]
pub trait CoroSide: coro_runtime::Coroutine {}
#[cfg(not(feature = "async-both"))]
impl<T: coro_runtime::Coroutine> CoroSide for T {}

/// What the `coro_v` side of a case must be: a `#[coro]` machine
/// (`Future + Unpin + Trace`), or any future in `async-both` mode.
#[cfg(feature = "async-both")]
pub trait CoroSide: Future {}
#[cfg(feature = "async-both")]
impl<T: Future> CoroSide for T {}

/// Polls `fut` to completion with a no-op waker; returns its output and the
/// number of times it returned `Pending`.
pub fn run<F: Future>(fut: F) -> (F::Output, usize) {
    let mut fut = core::pin::pin!(fut);
    let mut polls = 0;
    loop {
        match poll_once(fut.as_mut()) {
            Poll::Ready(out) => return (out, polls),
            Poll::Pending => {
                polls += 1;
                assert!(polls < MAX_POLLS, "still pending after {MAX_POLLS} polls");
            }
        }
    }
}

fn poll_once<F: Future + ?Sized>(fut: Pin<&mut F>) -> Poll<F::Output> {
    fut.poll(&mut Context::from_waker(Waker::noop()))
}

/// Polls once, catching a panic; `Err` holds the panic's message.
fn poll_catching<F: Future + ?Sized>(fut: Pin<&mut F>) -> Result<Poll<F::Output>, String> {
    catch_unwind(AssertUnwindSafe(|| poll_once(fut))).map_err(|payload| panic_message(&*payload))
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "<non-string panic payload>".to_owned()
    }
}

/// Polls until `Ready` or a panic; the number of `Pending` returns before,
/// and the output or the panic's message.
fn poll_to_end<F: Future + ?Sized>(
    case: &str,
    side: Side,
    mut fut: Pin<&mut F>,
) -> (usize, Result<F::Output, String>) {
    let mut pendings = 0;
    loop {
        match poll_catching(fut.as_mut()) {
            Ok(Poll::Pending) => {
                // Where the suspension points fall in the log: a value
                // dropped before one, rather than after it, shows.
                log::push(SUSPENDED);
                pendings += 1;
                assert!(
                    pendings < MAX_POLLS,
                    "{case} ({side:?}): still pending after {MAX_POLLS} polls"
                );
            }
            Ok(Poll::Ready(out)) => return (pendings, Ok(out)),
            Err(msg) => return (pendings, Err(msg)),
        }
    }
}

/// Which side of a comparison a future is on, for messages and for the
/// assertions that only hold for `#[coro]` machines.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Side {
    /// A `#[coro]` machine (unless `async-both`).
    Coro,
    /// Any other future: an `async fn`, or an `async` block around a machine.
    Other,
}

impl Side {
    /// Whether the coro-only message checks apply.
    fn is_machine(self) -> bool {
        self == Side::Coro && !crate::ASYNC_BOTH
    }
}

/// Compares a `#[coro]` case with its `async fn` twin: output, `Pending`
/// count, drop log on completion, a panic when polled after completion, and
/// the drop log when dropped after `k` polls for every `k` from 0 (never
/// polled) to the number of `Pending` returns (suspended at the last point).
pub fn check<C, A>(case: &str, make_coro: impl FnMut() -> C, make_async: impl FnMut() -> A)
where
    C: CoroSide,
    A: Future<Output = C::Output>,
    C::Output: PartialEq + Debug,
{
    compare_sizes::<C, A>(case);
    compare_completing(case, (Side::Coro, make_coro), (Side::Other, make_async));
}

/// Issue 2: a `#[coro]` machine is never larger than rustc's future for the
/// same body.
fn compare_sizes<C, A>(case: &str) {
    let (coro, rustc) = (std::mem::size_of::<C>(), std::mem::size_of::<A>());
    assert!(
        coro <= rustc,
        "{case}: the #[coro] machine takes {coro} bytes, rustc's future {rustc}"
    );
}

/// [`check`] for two arbitrary futures, e.g. an `async` block awaiting a
/// `#[coro]` machine against one awaiting the `async fn` twin.
pub fn check_futures<L, R>(case: &str, make_left: impl FnMut() -> L, make_right: impl FnMut() -> R)
where
    L: Future,
    R: Future<Output = L::Output>,
    L::Output: PartialEq + Debug,
{
    compare_completing(case, (Side::Other, make_left), (Side::Other, make_right));
}

/// Compares a `#[coro]` case whose body panics with its `async fn` twin: the
/// panic propagates after the same number of `Pending` returns with the same
/// message, the values alive are dropped by the unwind (same log), the
/// machine panics again when polled (a `#[coro]` machine saying it
/// "panicked"), nothing is dropped twice, and cancellation before the panic
/// drops the same values as for [`check`].
pub fn check_panics<C, A>(
    case: &str,
    mut make_coro: impl FnMut() -> C,
    mut make_async: impl FnMut() -> A,
) where
    C: CoroSide,
    A: Future<Output = C::Output>,
{
    compare_sizes::<C, A>(case);
    let coro = panicking(case, Side::Coro, &mut make_coro);
    let asyn = panicking(case, Side::Other, &mut make_async);
    assert_eq!(
        coro.pendings, asyn.pendings,
        "{case}: `Pending` returns before the panic"
    );
    assert_eq!(coro.message, asyn.message, "{case}: panic message");
    assert_eq!(
        coro.log_at_panic, asyn.log_at_panic,
        "{case}: drop log at the panic"
    );
    assert_eq!(
        coro.log_after, asyn.log_after,
        "{case}: log of polling again and dropping"
    );
    assert!(
        coro.log_after.is_empty(),
        "{case}: values dropped twice: {:?}",
        coro.log_after
    );
    compare_cancellations(case, coro.pendings, &mut make_coro, &mut make_async);
}

/// [`check`] or [`check_panics`], whichever the `async fn` twin does with
/// these arguments: for generated bodies that panic on some inputs only
/// (`tests/gen_random_bodies.py`, version 14). A `#[coro]` side that
/// completes where rustc's panics, or the other way round, fails the check
/// it is given.
pub fn check_either<C, A>(
    case: &str,
    make_coro: impl FnMut() -> C,
    mut make_async: impl FnMut() -> A,
) where
    C: CoroSide,
    A: Future<Output = C::Output>,
    C::Output: PartialEq + Debug,
{
    log::take();
    let (_, outcome) = poll_to_end(case, Side::Other, Box::pin(make_async()).as_mut());
    let panics = outcome.is_err();
    drop(outcome);
    log::take();
    if panics {
        check_panics(case, make_coro, make_async);
    } else {
        check(case, make_coro, make_async);
    }
}

struct Completion<T> {
    output: T,
    pendings: usize,
    log: Vec<String>,
    log_after: Vec<String>,
}

fn compare_completing<L, R>(
    case: &str,
    (left_side, mut make_left): (Side, impl FnMut() -> L),
    (right_side, mut make_right): (Side, impl FnMut() -> R),
) where
    L: Future,
    R: Future<Output = L::Output>,
    L::Output: PartialEq + Debug,
{
    let left = completing(case, left_side, &mut make_left);
    let right = completing(case, right_side, &mut make_right);
    assert_eq!(left.output, right.output, "{case}: output");
    assert_eq!(left.pendings, right.pendings, "{case}: `Pending` returns");
    assert_eq!(left.log, right.log, "{case}: log when run to completion");
    assert_eq!(
        left.log_after, right.log_after,
        "{case}: log of polling after completion and dropping"
    );
    drop((left.output, right.output));
    log::take();
    compare_cancellations(case, left.pendings, &mut make_left, &mut make_right);
}

/// Runs a fresh future to completion, then polls it once more (which must
/// panic) and drops it.
fn completing<F: Future>(
    case: &str,
    side: Side,
    make: &mut impl FnMut() -> F,
) -> Completion<F::Output> {
    log::take();
    let mut fut = Box::pin(make());
    let (pendings, output) = poll_to_end(case, side, fut.as_mut());
    let output = output.unwrap_or_else(|msg| {
        panic!("{case} ({side:?}): panicked after {pendings} `Pending` returns: {msg}")
    });
    let log = log::take();
    match poll_catching(fut.as_mut()) {
        Ok(_) => panic!("{case} ({side:?}): polling after completion did not panic"),
        Err(msg) if side.is_machine() => assert!(
            msg.contains("completed"),
            "{case}: polling a completed machine panicked with {msg:?}, which does not say \"completed\""
        ),
        Err(_) => {}
    }
    drop(fut);
    let log_after = log::take();
    Completion {
        output,
        pendings,
        log,
        log_after,
    }
}

/// For every `k` in `0..=pendings`: a fresh future of each side, polled `k`
/// times (each poll must return `Pending`), then dropped; same log.
fn compare_cancellations<L: Future, R: Future>(
    case: &str,
    pendings: usize,
    make_left: &mut impl FnMut() -> L,
    make_right: &mut impl FnMut() -> R,
) {
    for k in 0..=pendings {
        let left = cancelled(case, k, make_left);
        let right = cancelled(case, k, make_right);
        assert_eq!(left, right, "{case}: log when dropped after {k} polls");
    }
}

fn cancelled<F: Future>(case: &str, k: usize, make: &mut impl FnMut() -> F) -> Vec<String> {
    log::take();
    let mut fut = Box::pin(make());
    for i in 0..k {
        match poll_catching(fut.as_mut()) {
            Ok(Poll::Pending) => {}
            Ok(Poll::Ready(_)) => panic!("{case}: poll {} of {k} was `Ready`", i + 1),
            Err(msg) => panic!("{case}: poll {} of {k} panicked: {msg}", i + 1),
        }
    }
    // A value the machine dropped before its last suspension point, rather
    // than when it is dropped there, shows.
    log::push(SUSPENDED);
    drop(fut);
    log::take()
}

struct Panicked {
    pendings: usize,
    message: String,
    log_at_panic: Vec<String>,
    log_after: Vec<String>,
}

/// Polls a fresh future until it panics, then polls it again (which must
/// panic too) and drops it.
fn panicking<F: Future>(case: &str, side: Side, make: &mut impl FnMut() -> F) -> Panicked {
    log::take();
    let mut fut = Box::pin(make());
    let (pendings, outcome) = poll_to_end(case, side, fut.as_mut());
    let Err(message) = outcome else {
        panic!("{case} ({side:?}): completed instead of panicking")
    };
    let log_at_panic = log::take();
    match poll_catching(fut.as_mut()) {
        Ok(_) => panic!("{case} ({side:?}): polling after a panic did not panic"),
        Err(msg) if side.is_machine() => assert!(
            msg.contains("panicked"),
            "{case}: polling a poisoned machine panicked with {msg:?}, which does not say \"panicked\""
        ),
        Err(_) => {}
    }
    drop(fut);
    let log_after = log::take();
    Panicked {
        pendings,
        message,
        log_at_panic,
        log_after,
    }
}

/// Makes any future usable as the `coro` side of a check (an `Unpin`,
/// traceable machine that is poisoned by a panic, as machines are), for the
/// harness's own self-tests.
pub fn traced<F: Future>(fut: F) -> Traced<F> {
    Traced {
        fut: Box::pin(fut),
        poisoned: false,
    }
}

/// See [`traced`].
pub struct Traced<F> {
    fut: core::pin::Pin<Box<F>>,
    poisoned: bool,
}

impl<F: Future> Future for Traced<F> {
    type Output = F::Output;
    fn poll(
        mut self: core::pin::Pin<&mut Self>,
        cx: &mut core::task::Context<'_>,
    ) -> core::task::Poll<F::Output> {
        struct Poison<'a>(&'a mut bool);
        impl Drop for Poison<'_> {
            fn drop(&mut self) {
                if std::thread::panicking() {
                    *self.0 = true;
                }
            }
        }
        assert!(!self.poisoned, "traced future resumed after it panicked");
        let this = &mut *self;
        let _guard = Poison(&mut this.poisoned);
        this.fut.as_mut().poll(cx)
    }
}

impl<F> coro_runtime::Trace for Traced<F> {
    fn name(&self) -> &'static str {
        "traced future"
    }
    fn state(&self) -> coro_runtime::MachineState {
        coro_runtime::MachineState::Unresumed
    }
    fn awaitee(&self) -> Option<&dyn coro_runtime::Trace> {
        None
    }
}
