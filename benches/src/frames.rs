//! Frames: the size of each `#[coro]` machine against rustc's future for the
//! same body, the cost of one poll that returns `Pending`, and the cost of a
//! whole run (create + run to completion through a few suspensions).
//!
//! Every body below is written once and compiled twice by `twins!`: as a
//! `#[coro]` fn in `coro_v` and as an `async fn` in `async_v` (the idea of
//! `tests/src/differential.rs`, which is the ground truth for semantics; here
//! only sizes and speed are compared, plus a check that both flavours give
//! the same output and the same number of `Pending`s).

use std::fmt::Debug;
use std::future::Future;
use std::hint::black_box;
use std::pin::{Pin, pin};
use std::task::{Context, Waker};
use std::time::Instant;

use crate::icount::{self, Flavour, What};
use crate::{Leaf, Mode, Stats, Table, interleaved, leaf, set_pends};

/// One copy of the source, two flavours: `mod coro_v` (`#[coro]` fns) and
/// `mod async_v` (`async fn`s). Items other than `fn` and `impl Type { fn.. }`
/// are copied verbatim into both.
macro_rules! twins {
    ($($items:tt)*) => {
        pub mod coro_v {
            #[allow(unused_imports)]
            use super::*;
            twin_items! { [coro] $($items)* }
        }
        pub mod async_v {
            #[allow(unused_imports)]
            use super::*;
            twin_items! { [async] $($items)* }
        }
    };
}

macro_rules! twin_items {
    ([$flavour:tt]) => {};
    ([$flavour:tt] fn $name:ident ( $($params:tt)* ) $(-> $ret:ty)? $body:block $($rest:tt)*) => {
        twin_fn! { [$flavour] [$name ( $($params)* ) $(-> $ret)?] $body }
        twin_items! { [$flavour] $($rest)* }
    };
    ([$flavour:tt] fn $name:ident $($rest:tt)*) => {
        twin_signature! { [$flavour] [$name] $($rest)* }
    };
    ([$flavour:tt] impl $ty:ident { $($fns:tt)* } $($rest:tt)*) => {
        impl $ty {
            twin_items! { [$flavour] $($fns)* }
        }
        twin_items! { [$flavour] $($rest)* }
    };
    ([$flavour:tt] $item:item $($rest:tt)*) => {
        $item
        twin_items! { [$flavour] $($rest)* }
    };
}

macro_rules! twin_signature {
    ([$flavour:tt] [$($signature:tt)*] $body:block $($rest:tt)*) => {
        twin_fn! { [$flavour] [$($signature)*] $body }
        twin_items! { [$flavour] $($rest)* }
    };
    ([$flavour:tt] [$($signature:tt)*] $next:tt $($rest:tt)*) => {
        twin_signature! { [$flavour] [$($signature)* $next] $($rest)* }
    };
}

macro_rules! twin_fn {
    ([coro] [$($signature:tt)*] $body:block) => {
        #[::coro_runtime::coro]
        pub fn $($signature)* $body
    };
    ([async] [$($signature:tt)*] $body:block) => {
        pub async fn $($signature)* $body
    };
}

/// Cheap, opaque-enough use of a big array.
#[inline(never)]
pub fn checksum(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .step_by(512)
        .fold(0u64, |a, &b| a.wrapping_mul(31).wrapping_add(b as u64))
}

twins! {
    // 1. Straight-line awaits, a few small locals.
    fn straight(a: u64) -> u64 {
        let x = a + 1;
        let y = leaf(x * 2).await;
        Leaf::new().await;
        let z = leaf(y + x).await;
        x + y + z
    }

    // 2. A loop with an await per iteration.
    fn loop_awaits(n: u64) -> u64 {
        let mut total = 0;
        for i in 0..n {
            total += leaf(i).await;
        }
        total
    }

    // 3. `loop` with `break value` and an await in the condition.
    fn loop_break(n: u64) -> u64 {
        let mut i = 0;
        let found = loop {
            i += 1;
            if leaf(i * i).await > n {
                break i * 10;
            }
        };
        found + i
    }

    // 4. `match` whose arms await, joining into one value.
    fn match_join(a: u64) -> u64 {
        let v = match a % 3 {
            0 => leaf(a).await,
            1 => {
                let s = a * 2;
                Leaf::new().await;
                s + 1
            }
            _ => a,
        };
        v + leaf(v).await
    }

    // 5. `if`/`else` joins, a `String` (with drop glue) live in one branch.
    fn if_join(a: u64) -> u64 {
        let s = String::from("if-join");
        let r = if a > 1 {
            let t = s.len() as u64;
            leaf(t).await + a
        } else {
            Leaf::new().await;
            a
        };
        r + s.len() as u64
    }

    // 6. Many locals, some live across awaits, others dead before them.
    fn many_locals(a: u64) -> u64 {
        let l0 = a;
        let l1 = a * 3;
        let l2 = a ^ 0x55;
        let l3 = a.rotate_left(7);
        let l4 = a + 11;
        let l5 = a * a;
        let l6 = a / 3 + 1;
        let l7 = a % 7;
        let l8 = a.wrapping_mul(0x9e37_79b9);
        let l9 = a | 0x100;
        let l10 = a & 0xff;
        let l11 = a.count_ones() as u64;
        let x = leaf(l0 + l1).await;
        let m = l2 ^ l3;
        Leaf::new().await;
        let y = leaf(l4 + l5 + m).await;
        x + y + l6 + l7 + l8 + l9 + l10 + l11
    }

    // 7. An 8 KiB array live across an await.
    fn array_live(a: u8) -> u64 {
        let buf = [a; 8192];
        Leaf::new().await;
        checksum(&buf)
    }

    // 8. An 8 KiB argument live across an await (rust-lang/rust#62958:
    //    rustc keeps the argument and its moved copy, 16 KiB).
    fn array_arg(buf: [u8; 8192]) -> u64 {
        Leaf::new().await;
        checksum(&buf)
    }

    // 9. An 8 KiB array only used before the await (borrowed there).
    fn array_dead(a: u8) -> u64 {
        let buf = [a; 8192];
        let s = checksum(&buf);
        Leaf::new().await;
        s
    }

    // 10. Two scopes, each with a 4 KiB array across an await: the two can
    //     share storage.
    fn disjoint_scopes(a: u8) -> u64 {
        let mut s = 0;
        {
            let x = [a; 4096];
            Leaf::new().await;
            s += checksum(&x);
        }
        {
            let y = [a + 1; 4096];
            Leaf::new().await;
            s += checksum(&y);
        }
        s
    }

    // 11. Three levels of machines awaiting machines.
    fn level3(n: u64) -> u64 {
        let l3 = n + 3;
        Leaf::new().await;
        l3 * 2
    }

    fn level2(n: u64) -> u64 {
        let l2 = n + 2;
        let a = level3(l2).await;
        let b = level3(a).await;
        a + b + l2
    }

    fn nested3(n: u64) -> u64 {
        let l1 = n + 1;
        let a = level2(l1).await;
        a + level2(a).await + l1
    }

    // 12. A generic fn (instantiated with a 128-byte array).
    fn generic<T: Clone>(t: T, f: fn(&T) -> u64) -> u64 {
        let c = t.clone();
        Leaf::new().await;
        let r = f(&c);
        leaf(r).await + f(&t)
    }

    // 13. `?` on the results of awaited machines.
    fn fallible(n: u64) -> Result<u64, u64> {
        Leaf::new().await;
        if n > 1000 { Err(n) } else { Ok(n + 1) }
    }

    fn question(n: u64) -> Result<u64, u64> {
        let x = fallible(n).await?;
        let y = fallible(x).await?;
        Ok(x + y)
    }

    // 14. Heap-owning locals (Vec, String) live across awaits.
    fn owned_locals(n: u64) -> u64 {
        let mut v = Vec::new();
        for i in 0..n {
            v.push(leaf(i).await);
        }
        let s = format!("{v:?}");
        Leaf::new().await;
        v.len() as u64 + s.len() as u64
    }

    // 15. A `&self` method with a `while let` loop.
    #[derive(Debug)]
    pub struct Acc {
        pub base: u64,
    }

    pub static ACC: Acc = Acc { base: 10 };

    impl Acc {
        fn add_all(&self, n: u64) -> u64 {
            let mut it = 0..n;
            let mut total = self.base;
            while let Some(i) = it.next() {
                total += leaf(i).await;
            }
            total
        }
    }

    // 16. A labelled block leaving early, with a local across the awaits.
    fn labeled(a: u64) -> u64 {
        let base = a * 7;
        let r = 'b: {
            let x = leaf(base).await;
            if x % 2 == 0 {
                break 'b x / 2;
            }
            Leaf::new().await;
            x + 1
        };
        r + base
    }
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

/// Runs the measurement and prints the tables; returns the rows.
pub fn run(mode: Mode) -> Vec<Row> {
    if let Some(child) = icount::child() {
        measure(mode);
        panic!("--icount-child: no body named {:?}", child.body);
    }
    println!("# frames: #[coro] machines against rustc `async fn` futures, same bodies");
    println!("{}", crate::machine_line());
    let rows = measure(mode);
    if rows.is_empty() {
        println!("no body matches $CORO_BENCH_ONLY");
        return rows;
    }
    let mut sizes = Table::new(&["body", "#[coro] bytes", "rustc bytes", "ratio"]);
    let mut polls = Table::new(&[
        "body",
        "#[coro] ns/poll [p10-p90]",
        "rustc ns/poll [p10-p90]",
        "ratio",
        "#[coro] ns/run [p10-p90]",
        "rustc ns/run [p10-p90]",
        "ratio",
    ]);
    for r in &rows {
        sizes.row(vec![
            r.name.into(),
            r.coro_size.to_string(),
            r.async_size.to_string(),
            format!("{:.2}", r.size_ratio()),
        ]);
        polls.row(vec![
            r.name.into(),
            r.coro_poll.show(2),
            r.async_poll.show(2),
            format!("{:.2}", r.poll_ratio()),
            r.coro_run.show(1),
            r.async_run.show(1),
            format!("{:.2}", r.run_ratio()),
        ]);
    }
    let sum_c: usize = rows.iter().map(|r| r.coro_size).sum();
    let sum_a: usize = rows.iter().map(|r| r.async_size).sum();
    println!("\n## size_of (ratio = #[coro] / rustc; below 1.0 is smaller)\n");
    print!("{}", sizes.render());
    println!(
        "| total | {sum_c} | {sum_a} | {:.2} |",
        sum_c as f64 / sum_a as f64
    );
    println!(
        "\n## time: a poll that returns Pending (awaitee stays Pending; {} polls/sample), \
         and create + run to completion (each leaf Pending twice); median of {} samples \
         after warm-up, [p10-p90]\n",
        mode.pick(200_000, 100),
        mode.pick(31, 3)
    );
    print!("{}", polls.render());
    for r in &rows {
        if let Some(m) = &r.mismatch {
            println!("MISMATCH in {}: {m}", r.name);
        }
    }
    let worst_size = rows
        .iter()
        .max_by(|a, b| a.size_ratio().total_cmp(&b.size_ratio()))
        .unwrap();
    let worst_poll = rows
        .iter()
        .max_by(|a, b| a.poll_ratio().total_cmp(&b.poll_ratio()))
        .unwrap();
    let worst_run = rows
        .iter()
        .max_by(|a, b| a.run_ratio().total_cmp(&b.run_ratio()))
        .unwrap();
    println!(
        "\nworst size ratio {:.2} ({}); worst poll ratio {:.2} ({}); worst run ratio {:.2} ({})",
        worst_size.size_ratio(),
        worst_size.name,
        worst_poll.poll_ratio(),
        worst_poll.name,
        worst_run.run_ratio(),
        worst_run.name,
    );
    if icount::requested() {
        print_icounts(&rows, mode);
    }
    rows
}

/// `--icount`: instructions per `Pending` poll and per create + run, counted
/// by callgrind (see `icount`).
fn print_icounts(rows: &[Row], mode: Mode) {
    if !icount::available() {
        println!("\n--icount: valgrind not found, no instruction counts");
        return;
    }
    let (polls, runs) = (mode.pick(20_000, 100), mode.pick(2_000, 10));
    println!(
        "\n## instructions (callgrind): per Pending poll and per create + run (each leaf \
         Pending twice); the difference of {polls} and {} polls, {runs} and {} runs\n",
        2 * polls,
        2 * runs
    );
    let mut table = Table::new(&[
        "body",
        "#[coro] instr/poll",
        "rustc instr/poll",
        "ratio",
        "#[coro] instr/run",
        "rustc instr/run",
        "ratio",
    ]);
    let mut worst = (0.0f64, "", 0.0f64, "");
    for r in rows {
        let count = |flavour, what, n| {
            icount::per_op(r.name, flavour, what, n).unwrap_or_else(|e| panic!("{e}"))
        };
        let (cp, ap) = (
            count(Flavour::Coro, What::Poll, polls),
            count(Flavour::Async, What::Poll, polls),
        );
        let (cr, ar) = (
            count(Flavour::Coro, What::Run, runs),
            count(Flavour::Async, What::Run, runs),
        );
        if cp / ap > worst.0 {
            (worst.0, worst.1) = (cp / ap, r.name);
        }
        if cr / ar > worst.2 {
            (worst.2, worst.3) = (cr / ar, r.name);
        }
        table.row(vec![
            r.name.into(),
            format!("{cp:.0}"),
            format!("{ap:.0}"),
            format!("{:.2}", cp / ap),
            format!("{cr:.0}"),
            format!("{ar:.0}"),
            format!("{:.2}", cr / ar),
        ]);
    }
    print!("{}", table.render());
    println!(
        "\nworst instruction ratio per poll {:.2} ({}); per run {:.2} ({})",
        worst.0, worst.1, worst.2, worst.3
    );
}
