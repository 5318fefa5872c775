//! Interop: a generator is an ordinary `Iterator` — `map`, `zip`, `take`,
//! `filter`, `collect`, `sum`, `chain`, `by_ref`, `for` loops — and a
//! `take` that stops early drops the suspended generator correctly.
use coro_tests::*;

#[coro_runtime::generator(yield = u64)]
fn naturals(from: u64) {
    let mut n = from;
    loop {
        yield_!(n);
        n += 1;
    }
}

#[coro_runtime::generator(yield = u64)]
fn fib(count: usize) {
    let (mut a, mut b) = (0u64, 1u64);
    for _ in 0..count {
        yield_!(a);
        (a, b) = (b, a + b);
    }
}

#[coro_runtime::generator(yield = String)]
fn words(text: &'static str, guard: D) {
    for w in text.split_whitespace() {
        yield_!(w.to_uppercase());
    }
    drop(guard);
}

#[test]
fn map_take_collect() {
    let v: Vec<u64> = naturals(1).map(|n| n * n).take(5).collect();
    assert_eq!(v, [1, 4, 9, 16, 25]);
}

#[test]
fn zip_two_generators() {
    let v: Vec<(u64, u64)> = naturals(0).zip(fib(6)).collect();
    assert_eq!(v, [(0, 0), (1, 1), (2, 1), (3, 2), (4, 3), (5, 5)]);
}

#[test]
fn sum_filter_chain() {
    let even_fib: u64 = fib(30).filter(|n| n % 2 == 0).sum();
    assert_eq!(even_fib, 257114);
    let chained: Vec<u64> = fib(3).chain(naturals(100).take(2)).collect();
    assert_eq!(chained, [0, 1, 1, 100, 101]);
}

#[test]
fn take_stops_early_and_drops() {
    log::take();
    let v: Vec<String> = words("a bb ccc dddd", D("guard")).take(2).collect();
    assert_eq!(v, ["A", "BB"]);
    assert_eq!(log::take(), ["drop guard"]);
    let all: Vec<String> = words("x y", D("guard")).collect();
    assert_eq!(all, ["X", "Y"]);
    assert_eq!(log::take(), ["drop guard"]);
}

#[test]
fn by_ref_and_for_loop() {
    let mut g = fib(10);
    let first: Vec<u64> = g.by_ref().take(3).collect();
    assert_eq!(first, [0, 1, 1]);
    let mut rest = Vec::new();
    for x in g {
        rest.push(x);
    }
    assert_eq!(rest, [2, 3, 5, 8, 13, 21, 34]);
}

#[test]
fn fused_and_size_agnostic_adaptors() {
    let mut g = fib(2).fuse();
    assert_eq!(g.next(), Some(0));
    assert_eq!(g.next(), Some(1));
    assert_eq!(g.next(), None);
    assert_eq!(g.next(), None);
    assert_eq!(fib(7).max(), Some(8));
    assert_eq!(fib(7).position(|n| n == 5), Some(5));
    assert_eq!(fib(12).step_by(3).collect::<Vec<_>>(), [0, 2, 8, 34]);
}
