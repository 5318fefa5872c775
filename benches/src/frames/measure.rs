//! The measurements of the frames bench: for each body, the size of both
//! flavours' futures, a check that they agree, and the timed loops (a
//! `Pending` poll, a create + run to completion), which an `--icount-child`
//! also runs under callgrind. Polls go through `dyn Future`, as an
//! executor's do, so that what is measured is the machine and not what LLVM
//! folds of it into the loop. [`checksum`], the bodies' use of their
//! arrays, is defined here too; its comment says why.

use std::fmt::Debug;
use std::future::Future;
use std::hint::black_box;
use std::pin::{Pin, pin};
use std::task::{Context, Waker};
use std::time::Instant;

use super::{async_v, coro_v};
use crate::icount::{self, Flavour, What};
use crate::{Mode, Stats, interleaved, set_pends};

// The bodies call it, but it is defined here, in the codegen unit of the
// loops that run them, as it was when the bench was one file: there LLVM
// sees that it cannot unwind and drops the landing pads around its calls
// in rustc's futures, which it keeps when `checksum` is in another unit.
/// Cheap, opaque-enough use of a big array.
#[inline(never)]
pub fn checksum(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .step_by(512)
        .fold(0u64, |a, &b| a.wrapping_mul(31).wrapping_add(b as u64))
}

/// One measured body.
#[derive(Clone, Debug)]
pub struct Row {
    /// The body's name.
    pub name: &'static str,
    /// `size_of` the `#[coro]` machine.
    pub coro_size: usize,
    /// `size_of` rustc's future.
    pub async_size: usize,
    /// ns per `Pending` poll, `#[coro]`.
    pub coro_poll: Stats,
    /// ns per `Pending` poll, rustc.
    pub async_poll: Stats,
    /// ns per create + run to completion, `#[coro]`.
    pub coro_run: Stats,
    /// ns per create + run to completion, rustc.
    pub async_run: Stats,
    /// Set when the two flavours disagree on output or `Pending` count.
    pub mismatch: Option<String>,
}

impl Row {
    /// coro / rustc size.
    pub fn size_ratio(&self) -> f64 {
        self.coro_size as f64 / self.async_size as f64
    }
    /// coro / rustc median ns per poll.
    pub fn poll_ratio(&self) -> f64 {
        self.coro_poll.median / self.async_poll.median
    }
    /// coro / rustc median ns per run.
    pub fn run_ratio(&self) -> f64 {
        self.coro_run.median / self.async_run.median
    }
}

/// Repetitions for one bench run.
#[derive(Clone, Copy, Debug)]
struct Counts {
    warmup: usize,
    rounds: usize,
    polls: u64,
    runs: u64,
    /// `Pending`s per leaf in a full run.
    run_pends: u32,
    /// Only the bodies whose name contains this (`CORO_BENCH_ONLY`).
    only: &'static str,
}

/// ns per poll of a machine suspended at its first suspension point, whose
/// awaitee stays `Pending`: the frame must be polled in place. The poll goes
/// through `dyn Future`, as an executor's does: inlined into this loop, the
/// measure would depend on what LLVM folds into the caller (the no-op waker,
/// the frame's address) rather than on the machine.
fn poll_sample<F: Future>(make: &impl Fn() -> F, polls: u64) -> f64 {
    set_pends(u32::MAX);
    let fut = pin!(make());
    let mut fut: Pin<&mut dyn Future<Output = F::Output>> = fut;
    let mut cx = Context::from_waker(Waker::noop());
    assert!(
        fut.as_mut().poll(&mut cx).is_pending(),
        "the body should suspend"
    );
    let start = Instant::now();
    for _ in 0..polls {
        let r = black_box(fut.as_mut()).poll(&mut cx);
        black_box(&r);
    }
    start.elapsed().as_nanos() as f64 / polls as f64
}

/// ns per create + run to completion, each leaf `Pending` `pends` times.
/// Polled through `dyn Future` from a function that is not inlined, as an
/// executor polls a task: inlined into this loop, the machine's creation
/// and its polls were optimised together, which no task gets (an 8 KiB
/// argument measured 17x rustc inlined, 1.3x through `dyn`, because LLVM
/// expanded the inlined copies differently for each contender).
fn run_sample<F: Future>(make: &impl Fn() -> F, runs: u64, pends: u32) -> f64 {
    set_pends(pends);
    crate::ns_per_iter(runs, || {
        black_box(run_dyn(make()));
    })
}

#[inline(never)]
fn run_dyn<F: Future>(fut: F) -> F::Output {
    let fut = pin!(fut);
    let mut fut: Pin<&mut dyn Future<Output = F::Output>> = fut;
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let std::task::Poll::Ready(v) = black_box(fut.as_mut()).poll(&mut cx) {
            return v;
        }
    }
}

fn case<C, A, T>(
    name: &'static str,
    n: Counts,
    make_c: impl Fn() -> C,
    make_a: impl Fn() -> A,
) -> Option<Row>
where
    C: Future<Output = T>,
    A: Future<Output = T>,
    T: PartialEq + Debug,
{
    if let Some(child) = icount::child() {
        if child.body == name {
            match child.flavour {
                Flavour::Coro => icount_loop(child.what, child.n, n.run_pends, &make_c),
                Flavour::Async => icount_loop(child.what, child.n, n.run_pends, &make_a),
            }
            std::process::exit(0);
        }
        return None;
    }
    if !n.only.is_empty() && !name.contains(n.only) {
        return None;
    }
    let coro_size = std::mem::size_of_val(&make_c());
    let async_size = std::mem::size_of_val(&make_a());

    set_pends(n.run_pends);
    let (c_out, c_pend) = crate::block_on(make_c());
    let (a_out, a_pend) = crate::block_on(make_a());
    let mismatch = (c_out != a_out || c_pend != a_pend).then(|| {
        format!("#[coro] gave {c_out:?} after {c_pend} Pending, async fn {a_out:?} after {a_pend}")
    });

    let polls = interleaved(
        n.warmup,
        n.rounds,
        &mut [&mut || poll_sample(&make_c, n.polls), &mut || {
            poll_sample(&make_a, n.polls)
        }],
    );
    let runs = interleaved(
        n.warmup,
        n.rounds,
        &mut [
            &mut || run_sample(&make_c, n.runs, n.run_pends),
            &mut || run_sample(&make_a, n.runs, n.run_pends),
        ],
    );
    Some(Row {
        name,
        coro_size,
        async_size,
        coro_poll: Stats::of(&polls[0]),
        async_poll: Stats::of(&polls[1]),
        coro_run: Stats::of(&runs[0]),
        async_run: Stats::of(&runs[1]),
        mismatch,
    })
}

/// The loop an `--icount-child` runs under callgrind: the timed loops
/// themselves (their two clock reads are a constant, which the difference
/// of two run lengths cancels).
fn icount_loop<F: Future>(what: What, n: u64, run_pends: u32, make: &impl Fn() -> F) {
    match what {
        What::Poll => black_box(poll_sample(make, n)),
        What::Run => black_box(run_sample(make, n, run_pends)),
    };
}

/// `case!(counts, label, function(args))`: the `#[coro]` and `async fn`
/// flavours of `function`, arguments evaluated afresh for every machine.
macro_rules! case {
    ($n:expr, $label:expr, $($f:ident)::+ ( $($arg:expr),* $(,)? )) => {
        case($label, $n, || coro_v::$($f)::+($($arg),*), || async_v::$($f)::+($($arg),*))
    };
}

fn sum128(a: &[u64; 16]) -> u64 {
    a.iter().sum()
}

/// Measures every body (those whose name contains `$CORO_BENCH_ONLY`, when
/// that is set).
pub fn measure(mode: Mode) -> Vec<Row> {
    let n = Counts {
        warmup: mode.pick(3, 1),
        rounds: mode.pick(31, 3),
        polls: mode.pick(200_000, 100),
        runs: mode.pick(20_000, 10),
        run_pends: 2,
        only: std::env::var("CORO_BENCH_ONLY")
            .map(|s| &*Box::leak(s.into_boxed_str()))
            .unwrap_or(""),
    };
    let bb = black_box::<u64>;
    [
        case!(n, "straight (3 awaits)", straight(bb(3))),
        case!(n, "loop_awaits (for, 4 awaits)", loop_awaits(bb(4))),
        case!(n, "loop_break (loop/break value)", loop_break(bb(5))),
        case!(n, "match_join", match_join(bb(4))),
        case!(n, "if_join (String live)", if_join(bb(4))),
        case!(n, "many_locals (12 locals)", many_locals(bb(9))),
        case!(n, "array_live (8 KiB local)", array_live(black_box(7))),
        case!(
            n,
            "array_arg (8 KiB argument)",
            array_arg([black_box(7u8); 8192])
        ),
        case!(
            n,
            "array_dead (8 KiB, dead at await)",
            array_dead(black_box(7))
        ),
        case!(
            n,
            "disjoint_scopes (2 x 4 KiB)",
            disjoint_scopes(black_box(7))
        ),
        case!(n, "nested3 (3 levels)", nested3(bb(1))),
        case!(n, "generic<[u64; 16]>", generic([bb(1); 16], sum128)),
        case!(n, "question (? on 2 machines)", question(bb(5))),
        case!(n, "owned_locals (Vec, String)", owned_locals(bb(3))),
        case(
            "method &self (while let)",
            n,
            || coro_v::ACC.add_all(bb(4)),
            || async_v::ACC.add_all(bb(4)),
        ),
        case!(n, "labeled block", labeled(bb(3))),
    ]
    .into_iter()
    .flatten()
    .collect()
}
