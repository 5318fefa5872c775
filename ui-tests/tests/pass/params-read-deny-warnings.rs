// Parameters read in every way the body can read them trip no
// `unused_variables` or `unused_mut`: only in a format string, a closure,
// another macro's tokens, after a suspension point, in a guard, through a
// method, by a shadowing `let`, in a destructuring pattern, or mutated
// only after a suspension point.
#![deny(warnings)]
#![forbid(unsafe_code)]
#![deny(clippy::all, clippy::pedantic)]

use coro_runtime::prelude::*;

fn ready<T>(value: T) -> std::future::Ready<T> {
    std::future::ready(value)
}

#[coro]
fn formatted(a: u32, b: u32) -> String {
    ready(()).await;
    format!("{a}-{}", b * 2)
}

#[coro]
fn in_closure(k: u32, s: String) -> usize {
    let add = |x: u32| x + k;
    let n = ready(add(1)).await;
    let len = move || s.len();
    len() + n as usize
}

#[coro]
fn in_macro(v: u8, n: usize) -> Vec<u8> {
    ready(()).await;
    vec![v; n]
}

#[coro]
fn after_await(mut total: u64, step: u64) -> u64 {
    ready(()).await;
    total += step;
    total
}

#[coro]
fn in_guard(limit: u32, key: Option<u32>) -> u32 {
    match ready(key).await {
        Some(k) if k < limit => k,
        _ => 0,
    }
}

#[coro]
fn shadowed(a: u32, (x, _): (u32, u32)) -> u32 {
    let a = a + x;
    ready(a).await
}

#[coro]
fn through_method(text: String, _unused: u32) -> usize {
    ready(()).await;
    text.len()
}

#[generator(yield = u32)]
fn yields(first: u32, count: u32) {
    for i in 0..count {
        yield_!(first + i);
    }
}

struct Counter {
    base: u32,
}

impl Counter {
    #[coro]
    fn offset(&self, by: u32) -> u32 {
        ready(()).await;
        self.base + by
    }
}

fn main() {
    let rt = Runtime::new().expect("a runtime");
    assert_eq!(rt.block_on(formatted(1, 2)), "1-4");
    assert_eq!(rt.block_on(in_closure(1, String::from("ab"))), 4);
    assert_eq!(rt.block_on(in_macro(7, 2)), vec![7, 7]);
    assert_eq!(rt.block_on(after_await(1, 2)), 3);
    assert_eq!(rt.block_on(in_guard(3, Some(1))), 1);
    assert_eq!(rt.block_on(shadowed(1, (2, 3))), 3);
    assert_eq!(rt.block_on(through_method(String::from("abc"), 1)), 3);
    assert_eq!(yields(1, 2).collect::<Vec<_>>(), vec![1, 2]);
    assert_eq!(rt.block_on(Counter { base: 1 }.offset(2)), 3);
}
