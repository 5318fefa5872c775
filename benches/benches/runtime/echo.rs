//! The echo section: TCP echo over loopback, requests per second and latency
//! percentiles.

use coro_benches::Stats;

use super::{CONTENDERS, MSG, Plan, Row, Runtimes, ours, percentile, runs, smol, tok};

pub(super) fn echo_rows(plan: &Plan, rts: &Runtimes, rows: &mut Vec<Row>) {
    let conns = plan.echo_conns;
    let dur = plan.echo_each;
    let max = 10_000_000 / conns;
    let mut rps: [Vec<f64>; 3] = Default::default();
    let mut p50: [Vec<f64>; 3] = Default::default();
    let mut p99: [Vec<f64>; 3] = Default::default();
    for _ in 0..plan.echo_rounds {
        for i in 0..3 {
            if !runs(CONTENDERS[i]) {
                for v in [&mut rps, &mut p50, &mut p99] {
                    v[i].push(f64::NAN);
                }
                continue;
            }
            let (mut lat, elapsed) = match i {
                0 => rts.ours.block_on(ours::echo(conns, dur, max)),
                1 => rts.tokio.block_on(tok::echo(conns, dur, max)),
                _ => smol::block_on(smol::echo(conns, dur, max)),
            };
            rps[i].push(lat.len() as f64 / elapsed.as_secs_f64());
            p50[i].push(percentile(&mut lat, 0.5) / 1000.0);
            p99[i].push(percentile(&mut lat, 0.99) / 1000.0);
        }
    }
    let st = |v: &[Vec<f64>; 3]| [Stats::of(&v[0]), Stats::of(&v[1]), Stats::of(&v[2])];
    let what = format!(
        "echo ({conns} conns, {MSG} B, {} x {:.1} s)",
        plan.echo_rounds,
        dur.as_secs_f64()
    );
    rows.push(Row {
        workload: format!("{what}: requests/s (ratio anchor/ours)"),
        unit: "req/s",
        stats: st(&rps),
        higher_better: true,
        decimals: 0,
        goal: Some((1.0, f64::INFINITY)),
    });
    rows.push(Row {
        workload: format!("{what}: p50 latency µs"),
        unit: "µs",
        stats: st(&p50),
        higher_better: false,
        decimals: 1,
        goal: None,
    });
    rows.push(Row {
        workload: format!("{what}: p99 latency µs"),
        unit: "µs",
        stats: st(&p99),
        higher_better: false,
        decimals: 1,
        goal: Some((1.0, f64::INFINITY)),
    });
}
