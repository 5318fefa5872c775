//! The runtime benchmark of issue 5: coro's single-threaded runtime against
//! tokio's `current_thread` runtime and smol's `LocalExecutor`, in one run,
//! one table. See BENCHMARKS.md for the method and the latest figures.
//!
//! `cargo bench -p coro-benches --bench runtime` (about 1-2 minutes);
//! `-- --smoke` for tiny counts (what `tests/smoke.rs` runs).
//!
//! Contenders:
//!
//! - **ours**: `coro_runtime::Runtime`, every task body a `#[coro]` function,
//!   shared state in `Rc`/`Cell`.
//! - **tokio**: `Builder::new_current_thread().enable_all()`, tasks spawned
//!   with `tokio::spawn` (not `spawn_local` in a `LocalSet`, which adds a
//!   second scheduler layer), so shared state is `Arc` + atomics, exactly as
//!   in tokio's own `benches/rt_current_thread.rs`.
//! - **smol**: a thread-local `async_executor::LocalExecutor` run by
//!   `async_io::block_on` (async-io's reactor and timers), `Rc`/`Cell` state.
//!
//! Every figure is the median of repeated samples after warm-up, the three
//! contenders interleaved sample by sample, with `[p10-p90]` beside it.
//!
//! The contenders' task bodies are in `ours`, `tok` and `smol`, one module
//! each, with what they share in `support`; the table's sections are built in
//! `scheduler`, `timers`, `echo` and `memory`; `allocator` is the counting
//! `#[global_allocator]` the memory section reads. `tests/smoke.rs` includes
//! this file with `#[path]`, and since rustc treats a `#[path]`-included file
//! like a `mod.rs`, the `mod` declarations below find the files beside it
//! there too.

mod allocator;
mod echo;
mod memory;
mod ours;
mod scheduler;
mod smol;
mod support;
mod timers;
mod tok;

use std::time::{Duration, Instant};

use coro_benches::{Mode, Stats, Table, machine_line};
use coro_runtime::Runtime;

use self::echo::echo_rows;
use self::memory::{memory_rows, rss_child};
use self::scheduler::scheduler_rows;
use self::timers::lateness_rows;

const MSG: usize = 64;
const CONTENDERS: [&str; 3] = ["ours", "tokio", "smol"];

/// Counts and repetitions for one mode.
struct Plan {
    warmup: usize,
    rounds: usize,
    spawn_tasks: usize,
    yield_tasks: usize,
    yields: usize,
    chain: usize,
    pings: usize,
    churn: usize,
    sleepers: usize,
    sleep_rounds: usize,
    echo_conns: usize,
    echo_rounds: usize,
    echo_each: Duration,
    empty_tasks: usize,
    rss_sleepers: usize,
}

impl Plan {
    fn new(mode: Mode) -> Plan {
        Plan {
            warmup: mode.pick(3, 1),
            rounds: mode.pick(31, 2),
            spawn_tasks: mode.pick(10_000, 100),
            yield_tasks: mode.pick(200, 10),
            yields: mode.pick(1_000, 10),
            chain: mode.pick(1_000, 10),
            pings: mode.pick(1_000, 10),
            churn: mode.pick(100_000, 100),
            sleepers: mode.pick(10_000, 100),
            sleep_rounds: mode.pick(9, 1),
            echo_conns: mode.pick(50, 4),
            echo_rounds: mode.pick(3, 1),
            echo_each: mode.pick(Duration::from_secs(1), Duration::from_millis(100)),
            empty_tasks: mode.pick(10_000, 100),
            rss_sleepers: mode.pick(1_000_000, 1_000),
        }
    }
}

/// One row of the table: three figures (ours, tokio, smol).
#[derive(Debug)]
pub struct Row {
    pub workload: String,
    pub unit: &'static str,
    pub stats: [Stats; 3],
    /// Higher is better (throughput): the ratio printed is anchor/ours.
    pub higher_better: bool,
    pub decimals: usize,
    /// The goal on (ours/tokio, ours/smol), if any.
    pub goal: Option<(f64, f64)>,
}

impl Row {
    /// The ratios, below 1.0 meaning we are better.
    pub fn ratios(&self) -> (f64, f64) {
        let [o, t, s] = [
            self.stats[0].median,
            self.stats[1].median,
            self.stats[2].median,
        ];
        if self.higher_better {
            (t / o, s / o)
        } else {
            (o / t, o / s)
        }
    }

    pub fn verdict(&self) -> &'static str {
        match self.goal {
            None => "",
            Some((gt, gs)) => {
                let (rt, rs) = self.ratios();
                if rt <= gt && rs <= gs {
                    "met"
                } else {
                    "MISSED"
                }
            }
        }
    }
}

struct Runtimes {
    ours: Runtime,
    tokio: tokio::runtime::Runtime,
}

/// Profiling aid: `CORO_BENCH_CONTENDER=ours` (or `tokio`, `smol`) runs
/// only that contender in the scheduler and echo workloads (the others
/// show NaN).
fn runs(contender: &str) -> bool {
    std::env::var("CORO_BENCH_CONTENDER").map_or(true, |c| c == contender)
}

/// Profiling aid: `CORO_BENCH_ONLY=echo` runs only the sections (`scheduler`,
/// `timers`, `echo`, `memory`) whose name contains the value.
fn section(name: &str) -> bool {
    std::env::var("CORO_BENCH_ONLY").map_or(true, |only| name.contains(only.as_str()))
}

fn mean(v: &[u64]) -> f64 {
    v.iter().map(|&x| x as f64).sum::<f64>() / v.len().max(1) as f64
}

fn percentile<T: Copy + Ord + Into<u64>>(v: &mut [T], q: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_unstable();
    let x: u64 = v[((v.len() - 1) as f64 * q).round() as usize].into();
    x as f64
}

/// The whole benchmark: rows of the table and notes.
pub fn run(mode: Mode) -> (Vec<Row>, Vec<String>) {
    let plan = Plan::new(mode);
    let rts = Runtimes {
        ours: Runtime::new().expect("coro runtime"),
        tokio: tok::runtime(),
    };
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let t = Instant::now();
    if section("scheduler") {
        scheduler_rows(&plan, &rts, &mut rows);
    }
    if section("timers") {
        lateness_rows(&plan, &rts, &mut rows);
    }
    if section("echo") {
        echo_rows(&plan, &rts, &mut rows);
    }
    if section("memory") {
        notes.push(memory_rows(&plan, &rts, mode, &mut rows));
    }
    notes.push(format!("measured in {:.1} s", t.elapsed().as_secs_f64()));
    (rows, notes)
}

pub fn render(rows: &[Row]) -> String {
    let mut table = Table::new(&[
        "workload",
        "ours",
        "tokio current_thread",
        "smol LocalExecutor",
        "ours/tokio",
        "ours/smol",
        "goal (tokio, smol)",
        "",
    ]);
    for r in rows {
        let (rt, rs) = r.ratios();
        let goal = match r.goal {
            None => String::new(),
            Some((gt, gs)) if gs.is_infinite() => format!("<= {gt:.2}"),
            Some((gt, gs)) => format!("<= {gt:.2}, <= {gs:.2}"),
        };
        table.row(vec![
            r.workload.clone(),
            r.stats[0].show(r.decimals),
            r.stats[1].show(r.decimals),
            r.stats[2].show(r.decimals),
            format!("{rt:.2}"),
            format!("{rs:.2}"),
            goal,
            r.verdict().to_string(),
        ]);
    }
    table.render()
}

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--rss-child") {
        let name = &args[i + 1];
        let k: usize = args[i + 2].parse().expect("count");
        let (base, hwm) = rss_child(name, k);
        println!("{base} {hwm}");
        std::process::exit(0);
    }
    let mode = Mode::from_args();
    let started = Instant::now();
    println!("{}", machine_line());
    let (rows, notes) = run(mode);
    println!();
    println!(
        "## runtime (issue 5): median [p10-p90]; ratio below 1.0 = ours is better{}",
        if mode == Mode::Smoke {
            " (SMOKE: tiny counts, figures mean nothing)"
        } else {
            ""
        }
    );
    println!();
    print!("{}", render(&rows));
    println!();
    for n in notes {
        println!("{n}");
    }
    println!("total: {:.1} s", started.elapsed().as_secs_f64());
}
