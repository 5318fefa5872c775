//! `cargo bench -p coro-benches --bench generators [-- --smoke]`: summing 10
//! million `u64`s from a `#[generator]` against a hand-written `Iterator`,
//! `std::iter::from_fn`, and genawaiter (stack, rc and sync flavours), in one
//! run. Goal (issue 3): `#[generator]` within 1.1x of the hand-written
//! iterator.
//!
//! Two workloads, both consumed by a plain `for` loop (`Iterator::next`):
//! - `count`: the values 0..n. Each value goes through `black_box`, or LLVM
//!   would replace the hand-written loop by a closed form and measure nothing.
//! - `xorshift`: a xorshift64 sequence, a serial dependency chain LLVM can
//!   neither vectorise nor fold; no `black_box` per item.
//! - `filter`: the multiples of 3 below n, `black_box` per item, timed per
//!   value considered: a loop with a path that does not yield, which the
//!   macro lays out differently from the other two (see
//!   coro-macros/src/emit/stages.rs).
//!
//! A nightly `gen` block is not measured: this bench builds on stable.

use std::hint::black_box;

use coro_benches::{Mode, Stats, Table, interleaved};
#[allow(unused_imports)] // used or not depending on how the macro expands `yield_!`
use coro_runtime::{generator, yield_};

fn main() {
    run(Mode::from_args());
}

/// The hand-written iterator for `count`.
struct Count {
    i: u64,
    n: u64,
}

impl Iterator for Count {
    type Item = u64;
    #[inline]
    fn next(&mut self) -> Option<u64> {
        if self.i < self.n {
            let v = self.i;
            self.i += 1;
            Some(v)
        } else {
            None
        }
    }
}

/// The hand-written iterator for `filter`.
struct Thirds {
    i: u64,
    n: u64,
}

impl Iterator for Thirds {
    type Item = u64;
    #[inline]
    fn next(&mut self) -> Option<u64> {
        while self.i < self.n {
            let v = self.i;
            self.i += 1;
            if v.is_multiple_of(3) {
                return Some(v);
            }
        }
        None
    }
}

/// The hand-written iterator for `xorshift`.
struct XorShift {
    x: u64,
    left: u64,
}

#[inline(always)]
fn step(mut x: u64) -> u64 {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    x
}

impl Iterator for XorShift {
    type Item = u64;
    #[inline]
    fn next(&mut self) -> Option<u64> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        self.x = step(self.x);
        Some(self.x)
    }
}

#[generator(yield = u64)]
fn count_gen(n: u64) {
    let mut i = 0;
    while i < n {
        yield_!(i);
        i += 1;
    }
}

#[generator(yield = u64)]
fn thirds_gen(n: u64) {
    for i in 0..n {
        if i.is_multiple_of(3) {
            yield_!(i);
        }
    }
}

#[generator(yield = u64)]
fn xorshift_gen(seed: u64, n: u64) {
    let mut x = seed;
    for _ in 0..n {
        x = step(x);
        yield_!(x);
    }
}

fn count_from_fn(n: u64) -> impl Iterator<Item = u64> {
    let mut i = 0;
    std::iter::from_fn(move || {
        if i < n {
            let v = i;
            i += 1;
            Some(v)
        } else {
            None
        }
    })
}

fn thirds_from_fn(n: u64) -> impl Iterator<Item = u64> {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < n {
            let v = i;
            i += 1;
            if v.is_multiple_of(3) {
                return Some(v);
            }
        }
        None
    })
}

fn xorshift_from_fn(seed: u64, n: u64) -> impl Iterator<Item = u64> {
    let mut x = seed;
    let mut left = n;
    std::iter::from_fn(move || {
        if left == 0 {
            return None;
        }
        left -= 1;
        x = step(x);
        Some(x)
    })
}

async fn count_producer_stack(co: genawaiter::stack::Co<'_, u64>, n: u64) {
    let mut i = 0;
    while i < n {
        co.yield_(i).await;
        i += 1;
    }
}

async fn thirds_producer_stack(co: genawaiter::stack::Co<'_, u64>, n: u64) {
    for i in 0..n {
        if i.is_multiple_of(3) {
            co.yield_(i).await;
        }
    }
}

async fn thirds_producer_rc(co: genawaiter::rc::Co<u64>, n: u64) {
    for i in 0..n {
        if i.is_multiple_of(3) {
            co.yield_(i).await;
        }
    }
}

async fn thirds_producer_sync(co: genawaiter::sync::Co<u64>, n: u64) {
    for i in 0..n {
        if i.is_multiple_of(3) {
            co.yield_(i).await;
        }
    }
}

async fn xorshift_producer_stack(co: genawaiter::stack::Co<'_, u64>, seed: u64, n: u64) {
    let mut x = seed;
    for _ in 0..n {
        x = step(x);
        co.yield_(x).await;
    }
}

async fn count_producer_rc(co: genawaiter::rc::Co<u64>, n: u64) {
    let mut i = 0;
    while i < n {
        co.yield_(i).await;
        i += 1;
    }
}

async fn xorshift_producer_rc(co: genawaiter::rc::Co<u64>, seed: u64, n: u64) {
    let mut x = seed;
    for _ in 0..n {
        x = step(x);
        co.yield_(x).await;
    }
}

async fn count_producer_sync(co: genawaiter::sync::Co<u64>, n: u64) {
    let mut i = 0;
    while i < n {
        co.yield_(i).await;
        i += 1;
    }
}

async fn xorshift_producer_sync(co: genawaiter::sync::Co<u64>, seed: u64, n: u64) {
    let mut x = seed;
    for _ in 0..n {
        x = step(x);
        co.yield_(x).await;
    }
}

/// Sum with a `black_box` on every item (the `count` workload).
#[inline(always)]
fn sum_opaque(it: impl IntoIterator<Item = u64>) -> u64 {
    let mut acc = 0u64;
    for x in it {
        acc = acc.wrapping_add(black_box(x));
    }
    acc
}

/// Plain sum (the `xorshift` workload).
#[inline(always)]
fn sum_plain(it: impl IntoIterator<Item = u64>) -> u64 {
    let mut acc = 0u64;
    for x in it {
        acc = acc.wrapping_add(x);
    }
    acc
}

/// The contenders' names, in table order; the first is the reference.
pub const CONTENDERS: [&str; 6] = [
    "hand-written Iterator",
    "#[generator]",
    "std::iter::from_fn",
    "genawaiter stack::Gen",
    "genawaiter rc::Gen",
    "genawaiter sync::Gen",
];

/// One workload's results: per contender, ns/item statistics.
#[derive(Debug)]
pub struct Workload {
    /// `count` or `xorshift`.
    pub name: &'static str,
    /// ns/item of each of [`CONTENDERS`].
    pub stats: Vec<Stats>,
}

impl Workload {
    /// `#[generator]` / hand-written, medians.
    pub fn generator_ratio(&self) -> f64 {
        self.stats[1].median / self.stats[0].median
    }
}

/// Times one sum of `n` items, checking the result; returns ns/item.
fn timed(n: u64, expect: u64, sum: impl FnOnce(u64) -> u64) -> f64 {
    let start = std::time::Instant::now();
    let got = sum(black_box(n));
    let ns = start.elapsed().as_nanos() as f64 / n.max(1) as f64;
    assert_eq!(got, expect, "a contender computed a wrong sum");
    ns
}

fn count_workload(n: u64, warmup: usize, rounds: usize) -> Workload {
    let expect = (0..n).fold(0u64, u64::wrapping_add);
    let samples = interleaved(
        warmup,
        rounds,
        &mut [
            &mut || timed(n, expect, |n| sum_opaque(Count { i: 0, n })),
            &mut || timed(n, expect, |n| sum_opaque(count_gen(n))),
            &mut || timed(n, expect, |n| sum_opaque(count_from_fn(n))),
            &mut || {
                timed(n, expect, |n| {
                    genawaiter::stack::let_gen_using!(g, |co| count_producer_stack(co, n));
                    sum_opaque(g)
                })
            },
            &mut || {
                timed(n, expect, |n| {
                    sum_opaque(genawaiter::rc::Gen::new(|co| count_producer_rc(co, n)))
                })
            },
            &mut || {
                timed(n, expect, |n| {
                    sum_opaque(genawaiter::sync::Gen::new(|co| count_producer_sync(co, n)))
                })
            },
        ],
    );
    Workload {
        name: "count (black_box per item)",
        stats: samples.iter().map(|s| Stats::of(s)).collect(),
    }
}

fn thirds_workload(n: u64, warmup: usize, rounds: usize) -> Workload {
    let expect = (0..n)
        .filter(|i| i.is_multiple_of(3))
        .fold(0u64, u64::wrapping_add);
    let samples = interleaved(
        warmup,
        rounds,
        &mut [
            &mut || timed(n, expect, |n| sum_opaque(Thirds { i: 0, n })),
            &mut || timed(n, expect, |n| sum_opaque(thirds_gen(n))),
            &mut || timed(n, expect, |n| sum_opaque(thirds_from_fn(n))),
            &mut || {
                timed(n, expect, |n| {
                    genawaiter::stack::let_gen_using!(g, |co| thirds_producer_stack(co, n));
                    sum_opaque(g)
                })
            },
            &mut || {
                timed(n, expect, |n| {
                    sum_opaque(genawaiter::rc::Gen::new(|co| thirds_producer_rc(co, n)))
                })
            },
            &mut || {
                timed(n, expect, |n| {
                    sum_opaque(genawaiter::sync::Gen::new(|co| thirds_producer_sync(co, n)))
                })
            },
        ],
    );
    Workload {
        name: "filter (multiples of 3; ns per value considered)",
        stats: samples.iter().map(|s| Stats::of(s)).collect(),
    }
}

fn xorshift_workload(n: u64, warmup: usize, rounds: usize) -> Workload {
    const SEED: u64 = 0x9e37_79b9_7f4a_7c15;
    let expect = XorShift { x: SEED, left: n }.fold(0u64, u64::wrapping_add);
    let seed = black_box(SEED);
    let samples = interleaved(
        warmup,
        rounds,
        &mut [
            &mut || timed(n, expect, |n| sum_plain(XorShift { x: seed, left: n })),
            &mut || timed(n, expect, |n| sum_plain(xorshift_gen(seed, n))),
            &mut || timed(n, expect, |n| sum_plain(xorshift_from_fn(seed, n))),
            &mut || {
                timed(n, expect, |n| {
                    genawaiter::stack::let_gen_using!(g, |co| xorshift_producer_stack(co, seed, n));
                    sum_plain(g)
                })
            },
            &mut || {
                timed(n, expect, |n| {
                    sum_plain(genawaiter::rc::Gen::new(|co| {
                        xorshift_producer_rc(co, seed, n)
                    }))
                })
            },
            &mut || {
                timed(n, expect, |n| {
                    sum_plain(genawaiter::sync::Gen::new(|co| {
                        xorshift_producer_sync(co, seed, n)
                    }))
                })
            },
        ],
    );
    Workload {
        name: "xorshift (no black_box)",
        stats: samples.iter().map(|s| Stats::of(s)).collect(),
    }
}

/// Runs the workloads and prints the table.
pub fn run(mode: Mode) -> Vec<Workload> {
    let n = mode.pick(10_000_000, 1_000);
    let (warmup, rounds) = mode.pick((2, 15), (1, 3));
    println!("# generators: summing {n} u64 values, ns/item, median [p10-p90] of {rounds} samples");
    println!("{}", coro_benches::machine_line());
    let workloads = [
        count_workload(n, warmup, rounds),
        xorshift_workload(n, warmup, rounds),
        thirds_workload(n, warmup, rounds),
    ];
    let mut t = Table::new(&[
        "workload",
        "contender",
        "ns/item [p10-p90]",
        "ratio vs hand-written",
    ])
    .left(2);
    for w in &workloads {
        for (name, s) in CONTENDERS.iter().zip(&w.stats) {
            t.row(vec![
                w.name.into(),
                (*name).into(),
                s.show(3),
                format!("{:.2}", s.median / w.stats[0].median),
            ]);
        }
    }
    println!();
    print!("{}", t.render());
    println!(
        "\nnightly `gen` blocks: not measured (they need a nightly compiler; this bench runs on stable)."
    );
    let worst = workloads
        .iter()
        .map(Workload::generator_ratio)
        .fold(0.0, f64::max);
    println!(
        "#[generator] / hand-written: {} (goal: <= 1.10); worst {worst:.2}",
        workloads
            .iter()
            .map(|w| format!("{:.2} on {}", w.generator_ratio(), w.name))
            .collect::<Vec<_>>()
            .join(", "),
    );
    workloads.into()
}
