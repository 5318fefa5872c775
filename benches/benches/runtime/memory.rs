//! The memory section: heap bytes per spawned empty task (counted by the
//! counting allocator in `allocator`), and the peak RSS of many sleeping
//! tasks, which a full run measures in a fresh child process per runtime.

use coro_benches::{Mode, Stats};
use coro_runtime::Runtime;

use super::{CONTENDERS, Plan, Row, Runtimes, ours, smol, tok};

pub(super) fn memory_rows(plan: &Plan, rts: &Runtimes, mode: Mode, rows: &mut Vec<Row>) -> String {
    let n = plan.empty_tasks;
    let mut bytes: [Vec<f64>; 3] = Default::default();
    for round in 0..4 {
        let d = [
            rts.ours.block_on(ours::spawn_empty(n)),
            rts.tokio.block_on(tok::spawn_empty(n)),
            smol::block_on(smol::spawn_empty(n)),
        ];
        if round > 0 {
            for i in 0..3 {
                bytes[i].push(d[i] as f64 / n as f64);
            }
        }
    }
    let sizes = [
        std::mem::size_of_val(&ours::empty()),
        std::mem::size_of_val(&async {}),
        std::mem::size_of_val(&async {}),
    ];
    let stats = [
        Stats::of(&bytes[0]),
        Stats::of(&bytes[1]),
        Stats::of(&bytes[2]),
    ];
    // The same on fresh runtimes: includes the growth of the runtimes' task
    // tables and queues (amortised doubling, so up to 2x their slot size).
    let mut cold: [Vec<f64>; 3] = Default::default();
    for _ in 0..3 {
        let rt = Runtime::new().expect("runtime");
        cold[0].push(rt.block_on(ours::spawn_empty(n)) as f64 / n as f64);
        drop(rt);
        let rt = tok::runtime();
        cold[1].push(rt.block_on(tok::spawn_empty(n)) as f64 / n as f64);
        drop(rt);
        cold[2].push(smol::spawn_empty_fresh(n) as f64 / n as f64);
    }
    let beyond = stats[0].median - sizes[0] as f64;
    rows.push(Row {
        workload: format!("memory: heap bytes per spawned empty task ({n} pending)"),
        unit: "B",
        stats,
        higher_better: false,
        decimals: 1,
        goal: None,
    });

    rows.push(Row {
        workload: "memory: same, fresh runtime (+ task table/queue growth)".to_string(),
        unit: "B",
        stats: [
            Stats::of(&cold[0]),
            Stats::of(&cold[1]),
            Stats::of(&cold[2]),
        ],
        higher_better: false,
        decimals: 1,
        goal: None,
    });

    let k = plan.rss_sleepers;
    let mut peak = [Stats::of(&[0.0]); 3];
    let mut per = [Stats::of(&[0.0]); 3];
    for (i, name) in CONTENDERS.iter().enumerate() {
        let (base, hwm) = rss_measure(mode, name, k);
        peak[i] = Stats::of(&[hwm as f64 / 1024.0]);
        per[i] = Stats::of(&[(hwm.saturating_sub(base)) as f64 * 1024.0 / k as f64]);
    }
    rows.push(Row {
        workload: format!("memory: peak RSS (VmHWM), {k} sleeping tasks, MiB"),
        unit: "MiB",
        stats: peak,
        higher_better: false,
        decimals: 1,
        goal: None,
    });
    rows.push(Row {
        workload: format!("memory: (VmHWM - baseline) / {k} sleeping tasks, bytes"),
        unit: "B",
        stats: per,
        higher_better: false,
        decimals: 0,
        goal: None,
    });
    format!(
        "heap per empty task: ours {:.1} B with a {}-byte machine, so {:.1} B beyond the machine (goal <= 64); \
         tokio {:.1} B, smol {:.1} B (their `async {{}}` is {} byte)",
        stats[0].median, sizes[0], beyond, stats[1].median, stats[2].median, sizes[1],
    )
}

/// `VmHWM` of this process, kB.
fn vm_hwm_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// Spawns `k` tasks sleeping 600 s on runtime `name`, waits until each has
/// registered its timer, and returns (VmHWM before, VmHWM after) in kB.
pub(super) fn rss_child(name: &str, k: usize) -> (u64, u64) {
    match name {
        "ours" => {
            let rt = Runtime::new().expect("runtime");
            let base = vm_hwm_kb();
            rt.block_on(ours::many_sleepers(k));
            let hwm = vm_hwm_kb();
            if !cfg!(test) {
                std::mem::forget(rt);
            }
            (base, hwm)
        }
        "tokio" => {
            let rt = tok::runtime();
            let base = vm_hwm_kb();
            rt.block_on(tok::many_sleepers(k));
            let hwm = vm_hwm_kb();
            if !cfg!(test) {
                std::mem::forget(rt);
            }
            (base, hwm)
        }
        _ => {
            let base = vm_hwm_kb();
            smol::many_sleepers(k);
            (base, vm_hwm_kb())
        }
    }
}

/// Peak RSS is per process: in full mode each runtime is measured in a fresh
/// child process (this binary re-executed with `--rss-child NAME K`); in
/// smoke mode in this process (the figures then mean nothing).
fn rss_measure(mode: Mode, name: &str, k: usize) -> (u64, u64) {
    if mode == Mode::Smoke {
        return rss_child(name, k);
    }
    let exe = std::env::current_exe().expect("current_exe");
    let out = std::process::Command::new(exe)
        .args(["--rss-child", name, &k.to_string()])
        .output()
        .expect("re-exec for the RSS measurement");
    assert!(
        out.status.success(),
        "RSS child {name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let mut it = text
        .split_whitespace()
        .map(|w| w.parse::<u64>().expect("kB"));
    (it.next().expect("base"), it.next().expect("hwm"))
}
