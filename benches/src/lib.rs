//! Benchmarks of `coro` against its anchors (see `BENCHMARKS.md` at the
//! repository root): frame sizes and poll costs against rustc's `async fn`
//! ([`frames`]), generators against hand-written iterators and genawaiter
//! (`benches/generators.rs`), compile time against `async fn`
//! ([`compile_time`]), and the runtime against tokio's current_thread
//! runtime and smol's `LocalExecutor` (`benches/runtime/`).
//!
//! Every figure is a ratio measured in one run on the same machine: the
//! median of repeated samples taken after a warm-up, interleaving the
//! contenders so that a change of machine load hits them alike, with the
//! spread (p10 and p90) printed beside it. Timing is hand-rolled with
//! [`std::time::Instant`] and [`std::hint::black_box`].
//!
//! Each bench program accepts `--smoke` (tiny counts, well under a second),
//! which `tests/smoke.rs` runs under `cargo test` so the benches never rot.

pub mod compile_time;
// The bodies are written as users write them (`while let` on an iterator).
#[allow(clippy::while_let_on_iterator)]
pub mod frames;
pub mod icount;

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::Instant;

/// How much work a bench program does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The real measurement.
    Full,
    /// Tiny counts: checks that everything runs, measures nothing.
    Smoke,
}

impl Mode {
    /// `Smoke` when the command line holds `--smoke`. Other arguments are
    /// ignored: `cargo bench` appends `--bench`.
    pub fn from_args() -> Mode {
        if std::env::args().skip(1).any(|a| a == "--smoke") {
            Mode::Smoke
        } else {
            Mode::Full
        }
    }

    /// `full` in full mode, `smoke` in smoke mode.
    pub fn pick<T>(self, full: T, smoke: T) -> T {
        match self {
            Mode::Full => full,
            Mode::Smoke => smoke,
        }
    }
}

/// Order statistics of a set of samples.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stats {
    /// The median.
    pub median: f64,
    /// The 10th percentile (nearest rank).
    pub p10: f64,
    /// The 90th percentile (nearest rank).
    pub p90: f64,
    /// The smallest sample.
    pub min: f64,
    /// The largest sample.
    pub max: f64,
}

impl Stats {
    /// The statistics of `samples` (at least one).
    pub fn of(samples: &[f64]) -> Stats {
        assert!(!samples.is_empty(), "no samples");
        let mut s = samples.to_vec();
        s.sort_by(f64::total_cmp);
        let at = |q: f64| s[((s.len() - 1) as f64 * q).round() as usize];
        let median = if !s.len().is_multiple_of(2) {
            s[s.len() / 2]
        } else {
            (s[s.len() / 2 - 1] + s[s.len() / 2]) / 2.0
        };
        Stats {
            median,
            p10: at(0.1),
            p90: at(0.9),
            min: s[0],
            max: s[s.len() - 1],
        }
    }

    /// `median [p10–p90]`, with `decimals` digits after the point.
    pub fn show(&self, decimals: usize) -> String {
        format!(
            "{:.d$} [{:.d$}-{:.d$}]",
            self.median,
            self.p10,
            self.p90,
            d = decimals
        )
    }
}

/// Nanoseconds per iteration of `f`, run `iters` times (at least 1).
pub fn ns_per_iter(iters: u64, mut f: impl FnMut()) -> f64 {
    let start = Instant::now();
    for _ in 0..iters {
        f();
    }
    start.elapsed().as_nanos() as f64 / iters.max(1) as f64
}

/// Takes `rounds` samples of every contender, interleaved (round by round,
/// the contenders in turn), after `warmup` untimed rounds. A contender is a
/// closure returning one sample (typically nanoseconds per operation).
/// Returns the samples of each contender, in order.
pub fn interleaved(
    warmup: usize,
    rounds: usize,
    contenders: &mut [&mut dyn FnMut() -> f64],
) -> Vec<Vec<f64>> {
    for _ in 0..warmup {
        for c in contenders.iter_mut() {
            std::hint::black_box(c());
        }
    }
    let mut samples = vec![Vec::with_capacity(rounds); contenders.len()];
    for _ in 0..rounds {
        for (c, s) in contenders.iter_mut().zip(samples.iter_mut()) {
            s.push(c());
        }
    }
    samples
}

/// A future that returns `Pending` a set number of times, then `Ready(())`.
/// Each `Pending` wakes the waker first, as a well-behaved future must (with
/// [`Waker::noop`] that costs a call through the waker's vtable).
///
/// The count is read from [`PENDS`] when the leaf is created, so the bodies
/// of the benches need no extra parameter and the optimiser cannot see it.
#[derive(Debug)]
pub struct Leaf {
    left: u32,
}

/// How many times a [`Leaf`] created now returns `Pending` before `Ready`.
/// `u32::MAX` makes it stay pending for any practical number of polls.
pub static PENDS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// Sets [`PENDS`].
pub fn set_pends(n: u32) {
    PENDS.store(n, std::sync::atomic::Ordering::Relaxed);
}

impl Leaf {
    /// A leaf that is `Pending` [`PENDS`] times.
    #[inline]
    pub fn new() -> Leaf {
        Leaf {
            left: PENDS.load(std::sync::atomic::Ordering::Relaxed),
        }
    }
}

impl Default for Leaf {
    fn default() -> Self {
        Leaf::new()
    }
}

impl Future for Leaf {
    type Output = ();
    #[inline]
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            return Poll::Ready(());
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// A [`Leaf`] that then produces `value`.
#[derive(Debug)]
pub struct LeafValue<T> {
    value: Option<T>,
    left: u32,
}

/// A leaf that is `Pending` [`PENDS`] times, then `Ready(value)`.
#[inline]
pub fn leaf<T>(value: T) -> LeafValue<T> {
    LeafValue {
        value: Some(value),
        left: PENDS.load(std::sync::atomic::Ordering::Relaxed),
    }
}

// Never pinned structurally: the value is moved out through `&mut`.
impl<T> Unpin for LeafValue<T> {}

impl<T> Future for LeafValue<T> {
    type Output = T;
    #[inline]
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        if self.left == 0 {
            return Poll::Ready(
                self.value
                    .take()
                    .expect("`LeafValue` polled after completion"),
            );
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// Polls `fut` with a no-op waker until it is ready; returns the output and
/// the number of `Pending` returns.
pub fn block_on<F: Future>(fut: F) -> (F::Output, u64) {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    let mut pendings = 0;
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return (v, pendings);
        }
        pendings += 1;
    }
}

/// A text table (Markdown), numbers right-aligned.
#[derive(Debug, Default)]
pub struct Table {
    rows: Vec<Vec<String>>,
    left: usize,
}

impl Table {
    /// A table with these column headers.
    pub fn new(headers: &[&str]) -> Table {
        Table {
            rows: vec![headers.iter().map(|h| h.to_string()).collect()],
            left: 1,
        }
    }

    /// Left-aligns the first `n` columns (default 1).
    pub fn left(mut self, n: usize) -> Table {
        self.left = n;
        self
    }

    /// Appends a row.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The table as Markdown (pipes), columns padded to line up.
    pub fn render(&self) -> String {
        let cols = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let width: Vec<usize> = (0..cols)
            .map(|c| {
                self.rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .map(|s| s.chars().count())
                    .max()
                    .unwrap_or(0)
                    // A right-aligned column needs room for `-:` even when
                    // every cell is empty (`CORO_BENCH_ONLY` leaves some so).
                    .max(2)
            })
            .collect();
        let mut out = String::new();
        for (i, row) in self.rows.iter().enumerate() {
            out.push('|');
            for (c, w) in width.iter().enumerate() {
                let cell = row.get(c).map(String::as_str).unwrap_or("");
                if c < self.left {
                    out.push_str(&format!(" {cell:<w$} |"));
                } else {
                    out.push_str(&format!(" {cell:>w$} |"));
                }
            }
            out.push('\n');
            if i == 0 {
                out.push('|');
                for (c, w) in width.iter().enumerate() {
                    let dashes = "-".repeat(*w);
                    if c < self.left {
                        out.push_str(&format!(" {dashes} |"));
                    } else {
                        out.push_str(&format!(" {}: |", &dashes[1..]));
                    }
                }
                out.push('\n');
            }
        }
        out
    }
}

/// One line about the machine: cores, CPU model, load average.
pub fn machine_line() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let load = std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into());
    let profile = if cfg!(debug_assertions) {
        "debug build: figures are meaningless"
    } else {
        "optimised build"
    };
    format!("machine: {cores} cores, {cpu}, load average {load}; {profile}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats() {
        let s = Stats::of(&[5.0, 1.0, 3.0, 2.0, 4.0]);
        assert_eq!((s.median, s.min, s.max), (3.0, 1.0, 5.0));
        assert_eq!(Stats::of(&[1.0, 2.0]).median, 1.5);
    }

    #[test]
    fn leaf_pends() {
        set_pends(3);
        assert_eq!(block_on(leaf(7)), (7, 3));
        set_pends(0);
        assert_eq!(block_on(Leaf::new()), ((), 0));
    }
}
