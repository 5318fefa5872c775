//! The timers section: how late 1 ms sleeps wake up, mean and p99 (the cost
//! of a timer is in the scheduler section, as timer churn).

use std::time::Duration;

use coro_benches::Stats;

use super::{Plan, Row, Runtimes, mean, ours, percentile, smol, tok};

pub(super) fn lateness_rows(plan: &Plan, rts: &Runtimes, rows: &mut Vec<Row>) {
    let n = plan.sleepers;
    let d = Duration::from_millis(1);
    let mut means: [Vec<f64>; 3] = Default::default();
    let mut p99s: [Vec<f64>; 3] = Default::default();
    for round in 0..plan.sleep_rounds + 1 {
        for (i, means_p99) in means.iter_mut().zip(p99s.iter_mut()).enumerate() {
            let lat = match i {
                0 => rts.ours.block_on(ours::sleep_lateness(n, d)),
                1 => rts.tokio.block_on(tok::sleep_lateness(n, d)),
                _ => smol::block_on(smol::sleep_lateness(n, d)),
            };
            if round == 0 {
                continue; // warm-up
            }
            let micros: Vec<u64> = lat.iter().map(|ns| ns / 1000).collect();
            means_p99.0.push(mean(&lat) / 1000.0);
            let mut m = micros;
            means_p99.1.push(percentile(&mut m, 0.99));
        }
    }
    let st = |v: &[Vec<f64>; 3]| [Stats::of(&v[0]), Stats::of(&v[1]), Stats::of(&v[2])];
    rows.push(Row {
        workload: format!("timers: {n} tasks sleep 1 ms, mean lateness µs"),
        unit: "µs",
        stats: st(&means),
        higher_better: false,
        decimals: 0,
        goal: None,
    });
    rows.push(Row {
        workload: format!("timers: {n} tasks sleep 1 ms, p99 lateness µs"),
        unit: "µs",
        stats: st(&p99s),
        higher_better: false,
        decimals: 0,
        goal: None,
    });
}
