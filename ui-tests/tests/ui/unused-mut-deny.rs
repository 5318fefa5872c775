#![deny(unused_mut)]

use coro_runtime::{coro, generator, yield_};
use std::future::ready;

// rustc's `unused_mut` for a `mut` local that never outlives the piece of
// the body it is declared in, as an `async fn` gets it: after a
// suspension point, between two, and in a loop that suspends.
#[coro]
fn after_await(x: u32) -> usize {
    ready(x).await;
    let mut s = String::from("a");
    s.len()
}

#[coro]
fn between_awaits(x: u32) -> u32 {
    let a = ready(x).await;
    let mut d = vec![a];
    drop(d);
    ready(a).await
}

#[coro]
fn in_loop(n: u32) -> u32 {
    let mut total = 0;
    for i in 0..n {
        let (mut a, b) = (i, i + 1);
        total += ready(a + b).await;
    }
    total
}

// A `mut` pattern binding that the arm drops before its suspension point.
#[coro]
fn arm_binding(k: u32) -> usize {
    match Some(String::from("a")) {
        Some(mut s) => {
            let n = s.len();
            drop(s);
            ready(k).await;
            n
        }
        None => 0,
    }
}

#[generator(yield = u32)]
fn gen_after_yield(n: u32) {
    yield_!(n);
    let mut m = n + 1;
    yield_!(m);
}

// Mutated only after a suspension point (in a later piece of the body),
// or never read at all (`unused_variables` is allowed here): no error
// beyond the one rustc gives an `async fn` for the latter.
#[coro]
#[allow(unused_variables)]
fn mutated_later(x: u32) -> usize {
    let mut v = Vec::new();
    ready(x).await;
    v.push(x);
    let mut unread = 1;
    v.len()
}

fn main() {}
