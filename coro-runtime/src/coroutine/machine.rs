//! The machines the attributes expand to ([`CoroMachine`], [`GenMachine`],
//! [`StreamMachine`]), the [`Frame`] trait their generated frames implement,
//! and the resume drivers they share.
//!
//! These are the poll paths of every machine, measured instruction by
//! instruction against rustc's (BENCHMARKS.md): the `#[inline]` attributes
//! and the split of a big frame's poll into an inline and an out-of-line
//! half come from those measurements (see `OUTLINE_BODY_ABOVE` and
//! `CoroMachine::poll`).

use core::convert::Infallible;
use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use super::{Generator, GeneratorState, MachineState, Trace};

/// What the generated frame enums implement; not part of the public API.
#[doc(hidden)]
pub trait Frame: Sized {
    /// `module::path::function`.
    const NAME: &'static str;
    /// The most bytes of locals that one resume point holds, its awaitee
    /// aside (`size_of` of each, summed per variant).
    const LOCALS_BYTES: usize;
    /// Whether the body builds an array of 256 elements or more
    /// (`[0u8; 4096]`, at least `OUTLINE_BODY_ABOVE` bytes unless they are
    /// zero-sized): its stack frame is then big whatever the frame's size
    /// (such an array has nothing to drop, so the frame holds it only while
    /// it is read after a suspension point), and the driver runs the body
    /// out of line, as it does a big frame's. Inline, the frames bench's
    /// `array_dead` (8 KiB that no suspension point keeps) paid the body's
    /// prologue, stack probes for two pages, on every `Pending` poll: 40
    /// instructions against 32 out of line.
    const BIG_STACK: bool = false;
    /// The `Done` variant, which the frame holds while a resume runs.
    fn done() -> Self;
    /// The `Poisoned` variant.
    fn poisoned() -> Self;
    /// Whether the frame is `Returned`.
    fn is_returned(&self) -> bool;
    /// The state for [`Trace::state`].
    fn state(&self) -> MachineState;
}

/// What the frame of a machine that awaits (`#[coro]`, `#[async_iter]`)
/// hands from `enter` to `run`: the generated `Ready` enum, each await
/// point's variant holding its awaitee's output, which the frame names as
/// the outputs of its awaitee types (each an `Awaiting<F, F::Output>`). Not
/// part of the public API.
///
/// Named through the frame, the type lets the generated code be
/// type-checked in the order that keeps rustc's inference cheap: `run`
/// (the body, which fixes every awaitee type) before `enter` (which polls
/// them). In the other order, `enter` left an `Unpin` future bound and a
/// `Future::Output` projection open on every still unknown awaitee type
/// through the whole body, and rustc re-examined them again and again: the
/// compile-time bench's crate took 2.80 s to type-check instead of 2.44 s.
#[doc(hidden)]
pub trait FrameReady: Frame {
    /// The generated `Ready` enum.
    type Ready;
}

/// Frames larger than this resume their body out of line: see
/// `CoroMachine::poll`. Below it, the body's prologue is a few registers.
const OUTLINE_BODY_ABOVE: usize = 256;

/// Frames whose resume points hold more bytes of locals than this (three
/// words) resume their body out of line too. Inline, the driver is a loop
/// around `enter` and the body, and LLVM keeps the frame's locals in
/// registers across it: it loads every one of them on entry, before the
/// dispatch, so every `Pending` poll paid for them. In the frames bench
/// (instructions under callgrind), twelve `u64` locals made such a poll 64
/// instructions against rustc's 32, and out of line it is 32 (11 more per
/// run, for the call); a `Vec` and a `String` went from 50 to 35 per poll
/// (rustc 45) and from 2387 to 2327 per run. The awaitee does not count:
/// run out of line, a frame of one `Rc` and a `JoinHandle` (80 bytes) made
/// the runtime's ping-pong 5% slower. At 32 bytes, a `String` and a `u64`
/// (`if_join`) stayed inline at 47 instructions per `Pending` poll against
/// rustc's 38; out of line they take 35, and 388 per run instead of 395. Three
/// words stay inline: below that the call per ready awaitee costs runs more
/// than the loads cost polls (`loop_awaits`, 24 bytes: 32 per poll either
/// way, 400 per run inline, 454 out of line).
const OUTLINE_LOCALS_ABOVE: usize = 24;

/// Whether `F`'s machine polls its body out of line (a constant once `F`
/// is known).
#[inline(always)]
const fn out_of_line<F: Frame>() -> bool {
    size_of::<F>() > OUTLINE_BODY_ABOVE || F::LOCALS_BYTES > OUTLINE_LOCALS_ABOVE || F::BIG_STACK
}

/// Poisons the frame (dropping what it still holds) if dropped: by an
/// unwinding resume. Disarmed with `mem::forget` once the resume returns.
struct PoisonGuard<'a, F: Frame>(&'a mut F);

impl<F: Frame> Drop for PoisonGuard<'_, F> {
    #[cold]
    fn drop(&mut self) {
        *self.0 = F::poisoned();
    }
}

/// `poison_on_unwind!(frame, |f| resume)`: runs one resume with `f` the
/// frame; if it unwinds, poisons the frame before the panic continues. A
/// macro, not a function taking a closure: in a debug build each closure is
/// one more function per machine to compile (two per coroutine).
macro_rules! poison_on_unwind {
    ($frame:expr, |$f:ident| $resume:expr) => {{
        let guard = PoisonGuard($frame);
        let $f = &mut *guard.0;
        let out = $resume;
        core::mem::forget(guard);
        out
    }};
}

/// One resume of a coroutine or stream, from `enter`'s dispatch on through
/// every resume point whose awaitee is ready at once; `None` when an
/// awaitee is `Pending`. The loop's header is the dispatch: peeling the
/// first `enter` out of it (as `resume_from` starts after one) moved the
/// polls of several small bodies to 1.4x-1.5x rustc (BENCHMARKS.md).
#[inline(always)]
fn resume<F, S, Y, R>(
    frame: &mut F,
    enter: &mut impl FnMut(&mut F, &mut Context<'_>) -> Poll<S>,
    run: &mut impl FnMut(&mut F, S) -> Next<Y, R>,
    cx: &mut Context<'_>,
) -> Option<Next<Y, R>> {
    loop {
        let ready = match enter(frame, cx) {
            Poll::Ready(ready) => ready,
            Poll::Pending => return None,
        };
        match run(frame, ready) {
            Next::Suspended => {}
            next => return Some(next),
        }
    }
}

/// As [`resume`], from a resume point `enter` already found ready (the
/// out-of-line half of a big frame's poll).
#[inline(always)]
fn resume_from<F, S, Y, R>(
    frame: &mut F,
    enter: &mut impl FnMut(&mut F, &mut Context<'_>) -> Poll<S>,
    run: &mut impl FnMut(&mut F, S) -> Next<Y, R>,
    ready: S,
    cx: &mut Context<'_>,
) -> Option<Next<Y, R>> {
    let mut ready = ready;
    loop {
        match run(frame, ready) {
            Next::Suspended => {}
            next => return Some(next),
        }
        ready = match enter(frame, cx) {
            Poll::Ready(ready) => ready,
            Poll::Pending => return None,
        };
    }
}

macro_rules! machine_common {
    ($machine:ident) => {
        // Sound without `unsafe`: no field is ever pinned (see the module docs).
        impl<F, E, R, P> Unpin for $machine<F, E, R, P> {}

        impl<F, E, R, P> Trace for $machine<F, E, R, P>
        where
            F: Frame,
            P: for<'a> Fn(&'a F) -> Option<&'a dyn Trace>,
        {
            fn name(&self) -> &'static str {
                F::NAME
            }
            fn state(&self) -> MachineState {
                self.frame.state()
            }
            fn awaitee(&self) -> Option<&dyn Trace> {
                (self.probe)(&self.frame)
            }
        }

        impl<F, E, R, P> fmt::Debug for $machine<F, E, R, P>
        where
            F: Frame,
        {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($machine))
                    .field("name", &F::NAME)
                    .field("state", &self.frame.state())
                    .finish_non_exhaustive()
            }
        }
    };
}

/// What the `run` closure of a machine reports: the body returned, yielded a
/// value, or stored an awaitee in the frame (to be polled through `enter`).
#[doc(hidden)]
pub enum Next<Y, R> {
    Return(R),
    Yield(Y),
    Suspended,
    /// The machine had already returned before this resume. The drivers
    /// learn it from `enter` rather than by testing the frame first: a test
    /// ahead of the dispatch made every `Pending` poll about 3 ns slower.
    Finished,
}

// Each machine holds two zero-sized closures. `enter` only polls the current
// awaitee in place (or takes the resume argument) and tags what it got with
// the resume point; it is small, so a `Pending` poll stays cheap. `run` moves
// the locals out of the frame and runs the user's code to the next
// suspension point.

/// The machine behind `#[coro]`: a frame plus its closures.
#[doc(hidden)]
#[derive(Clone)]
pub struct CoroMachine<F, E, R, P> {
    frame: F,
    enter: E,
    run: R,
    probe: P,
}
machine_common!(CoroMachine);

impl<F, E, R, P> CoroMachine<F, E, R, P> {
    /// The bounds drive the inference of the generated closures' signatures;
    /// `run` comes before `enter` so that rustc type-checks it first (see
    /// [`FrameReady`]).
    #[doc(hidden)]
    #[inline(always)]
    pub fn new<T>(frame: F, run: R, enter: E, probe: P) -> Self
    where
        F: FrameReady,
        E: FnMut(&mut F, &mut Context<'_>) -> Poll<F::Ready>,
        R: FnMut(&mut F, F::Ready) -> Next<Infallible, T>,
        P: for<'a> Fn(&'a F) -> Option<&'a dyn Trace>,
    {
        CoroMachine {
            frame,
            enter,
            run,
            probe,
        }
    }
}

impl<F, E, R, P, S, T> Future for CoroMachine<F, E, R, P>
where
    F: Frame,
    E: FnMut(&mut F, &mut Context<'_>) -> Poll<S>,
    R: FnMut(&mut F, S) -> Next<Infallible, T>,
{
    type Output = T;

    /// A frame over `OUTLINE_BODY_ABOVE` bytes, or with more than
    /// `OUTLINE_LOCALS_ABOVE` bytes of locals at a resume point, is polled
    /// in two parts: a `Pending` poll runs only `enter` (the dispatch and
    /// the awaitee's poll), and once an awaitee is ready,
    /// `resume_out_of_line` runs the body and then `enter` again for the
    /// next resume point.
    ///
    /// A body that moves big locals between variants has a big stack frame
    /// (an 8 KiB local makes it touch several pages through stack probes on
    /// entry) and keeps many registers live. In one function with `enter`,
    /// that prologue is paid by every poll, the `Pending` ones included: it
    /// made an 8 KiB frame's `Pending` poll 1.2x rustc's. Many locals cost
    /// the same way (see `OUTLINE_LOCALS_ABOVE`). Other frames keep the body
    /// inline and pay no call per transition. The test is a constant once
    /// `F` is known.
    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let this = self.get_mut();
        if const { out_of_line::<F>() } {
            let enter = &mut this.enter;
            return match poison_on_unwind!(&mut this.frame, |frame| enter(frame, cx)) {
                Poll::Ready(ready) => this.resume_out_of_line(ready, cx),
                Poll::Pending => Poll::Pending,
            };
        }
        let (enter, run) = (&mut this.enter, &mut this.run);
        let next = poison_on_unwind!(&mut this.frame, |frame| resume(frame, enter, run, cx));
        finish::<F, T>(next)
    }
}

/// What a finished `CoroMachine` resume returns.
#[inline(always)]
fn finish<F: Frame, T>(next: Option<Next<Infallible, T>>) -> Poll<T> {
    match next {
        None => Poll::Pending,
        Some(Next::Return(value)) => Poll::Ready(value),
        // Outside the guard: a finished machine stays finished.
        Some(Next::Finished) => crate::__private::resumed_after_completion(F::NAME),
        Some(Next::Yield(never)) => match never {},
        Some(Next::Suspended) => unreachable!(),
    }
}

impl<F, E, R, P> CoroMachine<F, E, R, P> {
    /// Runs the body from the resume point `enter` found ready, and on
    /// through every resume point whose awaitee is ready at once.
    #[inline(never)]
    fn resume_out_of_line<S, T>(&mut self, ready: S, cx: &mut Context<'_>) -> Poll<T>
    where
        F: Frame,
        E: FnMut(&mut F, &mut Context<'_>) -> Poll<S>,
        R: FnMut(&mut F, S) -> Next<Infallible, T>,
    {
        let (enter, run) = (&mut self.enter, &mut self.run);
        let next = poison_on_unwind!(&mut self.frame, |frame| {
            resume_from(frame, enter, run, ready, cx)
        });
        finish::<F, T>(next)
    }
}

/// The machine behind `#[generator]`.
#[doc(hidden)]
#[derive(Clone)]
pub struct GenMachine<F, E, R, P> {
    frame: F,
    enter: E,
    run: R,
    probe: P,
}
machine_common!(GenMachine);

impl<F, E, R, P> GenMachine<F, E, R, P> {
    #[doc(hidden)]
    #[inline(always)]
    pub fn new<A, S, Y, Ret>(frame: F, enter: E, run: R, probe: P) -> Self
    where
        E: FnMut(&mut F, A) -> S,
        R: FnMut(&mut F, S) -> Next<Y, Ret>,
        P: for<'a> Fn(&'a F) -> Option<&'a dyn Trace>,
    {
        GenMachine {
            frame,
            enter,
            run,
            probe,
        }
    }

    /// One resume; `Next::Finished` if the generator had already returned.
    #[inline(always)]
    fn step<A, S, Y, Ret>(&mut self, arg: A) -> Next<Y, Ret>
    where
        F: Frame,
        E: FnMut(&mut F, A) -> S,
        R: FnMut(&mut F, S) -> Next<Y, Ret>,
    {
        let (enter, run) = (&mut self.enter, &mut self.run);
        poison_on_unwind!(&mut self.frame, |frame| {
            let ready = enter(frame, arg);
            run(frame, ready)
        })
    }
}

impl<F, E, R, P, A, S, Y, Ret> Generator<A> for GenMachine<F, E, R, P>
where
    F: Frame,
    E: FnMut(&mut F, A) -> S,
    R: FnMut(&mut F, S) -> Next<Y, Ret>,
    P: for<'a> Fn(&'a F) -> Option<&'a dyn Trace>,
{
    type Yield = Y;
    type Return = Ret;

    #[inline]
    fn resume(&mut self, arg: A) -> GeneratorState<Y, Ret> {
        match self.step(arg) {
            Next::Yield(value) => GeneratorState::Yielded(value),
            Next::Return(value) => GeneratorState::Complete(value),
            // Outside the guard: a finished machine stays finished.
            Next::Finished => crate::__private::resumed_after_completion(F::NAME),
            Next::Suspended => unreachable!("a generator has no `.await`"),
        }
    }
}

/// Fused: `None` forever once the body has returned (its return value, if
/// any, is dropped).
impl<F, E, R, P, S, Y, Ret> Iterator for GenMachine<F, E, R, P>
where
    F: Frame,
    E: FnMut(&mut F, ()) -> S,
    R: FnMut(&mut F, S) -> Next<Y, Ret>,
{
    type Item = Y;

    #[inline]
    fn next(&mut self) -> Option<Y> {
        match self.step(()) {
            Next::Yield(item) => Some(item),
            Next::Return(_) | Next::Finished => None,
            Next::Suspended => unreachable!("a generator has no `.await`"),
        }
    }
}

impl<F, E, R, P, S, Y, Ret> core::iter::FusedIterator for GenMachine<F, E, R, P>
where
    F: Frame,
    E: FnMut(&mut F, ()) -> S,
    R: FnMut(&mut F, S) -> Next<Y, Ret>,
{
}

/// The machine behind `#[async_iter]`.
#[doc(hidden)]
#[derive(Clone)]
pub struct StreamMachine<F, E, R, P> {
    frame: F,
    enter: E,
    run: R,
    probe: P,
}
machine_common!(StreamMachine);

impl<F, E, R, P> StreamMachine<F, E, R, P> {
    /// As [`CoroMachine::new`]: `run` first.
    #[doc(hidden)]
    #[inline(always)]
    pub fn new<Y>(frame: F, run: R, enter: E, probe: P) -> Self
    where
        F: FrameReady,
        E: FnMut(&mut F, &mut Context<'_>) -> Poll<F::Ready>,
        R: FnMut(&mut F, F::Ready) -> Next<Y, ()>,
        P: for<'a> Fn(&'a F) -> Option<&'a dyn Trace>,
    {
        StreamMachine {
            frame,
            enter,
            run,
            probe,
        }
    }
}

/// Fused: `Ready(None)` forever once the body has returned.
impl<F, E, R, P, S, Y> futures_core::Stream for StreamMachine<F, E, R, P>
where
    F: Frame,
    E: FnMut(&mut F, &mut Context<'_>) -> Poll<S>,
    R: FnMut(&mut F, S) -> Next<Y, ()>,
{
    type Item = Y;

    /// As `CoroMachine::poll`: a frame over `OUTLINE_BODY_ABOVE` bytes (or
    /// with many locals, see `out_of_line`) runs only `enter` on a `Pending`
    /// poll and resumes out of line.
    ///
    /// The two bodies are written out twice on purpose: one generic
    /// `poll_awaiting` with an out-of-line free function over `frame`,
    /// `enter` and `run` made `nested3`'s `Pending` poll 48 -> 64
    /// instructions and its run 578 -> 827 (frames bench, `--icount`).
    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Y>> {
        let this = self.get_mut();
        if const { out_of_line::<F>() } {
            let enter = &mut this.enter;
            return match poison_on_unwind!(&mut this.frame, |frame| enter(frame, cx)) {
                Poll::Ready(ready) => this.resume_out_of_line(ready, cx),
                Poll::Pending => Poll::Pending,
            };
        }
        let (enter, run) = (&mut this.enter, &mut this.run);
        stream_item(poison_on_unwind!(&mut this.frame, |frame| {
            resume(frame, enter, run, cx)
        }))
    }
}

/// What a `StreamMachine` resume gives its caller.
#[inline(always)]
fn stream_item<Y>(next: Option<Next<Y, ()>>) -> Poll<Option<Y>> {
    match next {
        None => Poll::Pending,
        Some(Next::Yield(item)) => Poll::Ready(Some(item)),
        Some(Next::Return(()) | Next::Finished) => Poll::Ready(None),
        Some(Next::Suspended) => unreachable!(),
    }
}

impl<F, E, R, P> StreamMachine<F, E, R, P> {
    /// Runs the body from the resume point `enter` found ready to the next
    /// value, the end, or an awaitee that is not ready.
    #[inline(never)]
    fn resume_out_of_line<S, Y>(&mut self, ready: S, cx: &mut Context<'_>) -> Poll<Option<Y>>
    where
        F: Frame,
        E: FnMut(&mut F, &mut Context<'_>) -> Poll<S>,
        R: FnMut(&mut F, S) -> Next<Y, ()>,
    {
        let (enter, run) = (&mut self.enter, &mut self.run);
        stream_item(poison_on_unwind!(&mut self.frame, |frame| {
            resume_from(frame, enter, run, ready, cx)
        }))
    }
}

impl<F, E, R, P, S, Y> futures_core::FusedStream for StreamMachine<F, E, R, P>
where
    F: Frame,
    E: FnMut(&mut F, &mut Context<'_>) -> Poll<S>,
    R: FnMut(&mut F, S) -> Next<Y, ()>,
{
    fn is_terminated(&self) -> bool {
        self.frame.is_returned()
    }
}
