//! The scheduler section: spawn, yield, chained spawn, ping-pong and timer
//! churn, each contender timed in turn, interleaved.

use std::time::Instant;

use coro_benches::{Stats, interleaved};

use super::support::ns_since;
use super::{Plan, Row, Runtimes, ours, runs, smol, tok};

/// Runs `ours`, `tokio` and `smol` closures interleaved; each returns one
/// sample (ns per op).
fn timed3(
    plan: &Plan,
    mut ours: impl FnMut() -> f64,
    mut tokio: impl FnMut() -> f64,
    mut smol: impl FnMut() -> f64,
) -> [Stats; 3] {
    let (o, t, m) = (runs("ours"), runs("tokio"), runs("smol"));
    let mut ours = || if o { ours() } else { f64::NAN };
    let mut tokio = || if t { tokio() } else { f64::NAN };
    let mut smol = || if m { smol() } else { f64::NAN };
    let s = interleaved(
        plan.warmup,
        plan.rounds,
        &mut [&mut ours, &mut tokio, &mut smol],
    );
    [Stats::of(&s[0]), Stats::of(&s[1]), Stats::of(&s[2])]
}

pub(super) fn scheduler_rows(plan: &Plan, rts: &Runtimes, rows: &mut Vec<Row>) {
    let goal = Some((0.8, 1.0));
    let row = |workload: String, stats| Row {
        workload,
        unit: "ns/op",
        stats,
        higher_better: false,
        decimals: 1,
        goal,
    };

    let n = plan.spawn_tasks;
    let stats = timed3(
        plan,
        || {
            let t = Instant::now();
            rts.ours.block_on(ours::spawn_many(n));
            ns_since(t, n)
        },
        || {
            let t = Instant::now();
            rts.tokio.block_on(tok::spawn_many(n));
            ns_since(t, n)
        },
        || {
            let t = Instant::now();
            smol::block_on(smol::spawn_many(n));
            ns_since(t, n)
        },
    );
    rows.push(row(format!("spawn_many ({n} tasks), ns/task"), stats));

    let (tasks, yields) = (plan.yield_tasks, plan.yields);
    let ops = tasks * yields;
    let stats = timed3(
        plan,
        || {
            let t = Instant::now();
            rts.ours.block_on(ours::yield_many(tasks, yields));
            ns_since(t, ops)
        },
        || {
            let t = Instant::now();
            rts.tokio.block_on(tok::yield_many(tasks, yields));
            ns_since(t, ops)
        },
        || {
            let t = Instant::now();
            smol::block_on(smol::yield_many(tasks, yields));
            ns_since(t, ops)
        },
    );
    rows.push(row(
        format!("yield_many ({tasks} x {yields}), ns/yield"),
        stats,
    ));

    // Short workloads are repeated within a sample so a sample lasts ~1 ms.
    let depth = plan.chain;
    let reps = 10;
    let stats = timed3(
        plan,
        || {
            let t = Instant::now();
            for _ in 0..reps {
                rts.ours.block_on(ours::chained_spawn(depth));
            }
            ns_since(t, depth * reps)
        },
        || {
            let t = Instant::now();
            for _ in 0..reps {
                rts.tokio.block_on(tok::chained_spawn(depth));
            }
            ns_since(t, depth * reps)
        },
        || {
            let t = Instant::now();
            for _ in 0..reps {
                smol::block_on(smol::chained_spawn(depth));
            }
            ns_since(t, depth * reps)
        },
    );
    rows.push(row(
        format!("chained_spawn (depth {depth}), ns/spawn"),
        stats,
    ));

    let pings = plan.pings;
    let stats = timed3(
        plan,
        || {
            let t = Instant::now();
            for _ in 0..reps {
                rts.ours.block_on(ours::ping_pong(pings));
            }
            ns_since(t, pings * reps)
        },
        || {
            let t = Instant::now();
            for _ in 0..reps {
                rts.tokio.block_on(tok::ping_pong(pings));
            }
            ns_since(t, pings * reps)
        },
        || {
            let t = Instant::now();
            for _ in 0..reps {
                smol::block_on(smol::ping_pong(pings));
            }
            ns_since(t, pings * reps)
        },
    );
    rows.push(row(
        format!("ping_pong ({pings} spawn+join), ns/round trip"),
        stats,
    ));

    let churn = plan.churn;
    let stats = timed3(
        plan,
        || {
            let t = Instant::now();
            rts.ours.block_on(ours::timer_churn(churn));
            ns_since(t, churn)
        },
        || {
            let t = Instant::now();
            rts.tokio.block_on(tok::timer_churn(churn));
            ns_since(t, churn)
        },
        || {
            let t = Instant::now();
            smol::block_on(smol::timer_churn(churn));
            ns_since(t, churn)
        },
    );
    rows.push(row(
        format!("timers: {churn} sleeps create+register+drop, ns/timer"),
        stats,
    ));
}
