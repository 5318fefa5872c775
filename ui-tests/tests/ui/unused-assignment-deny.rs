#![deny(unused_assignments)]

use coro_runtime::{async_iter, coro, yield_};
use std::future::ready;

// rustc's `unused_assignments` for a `let` whose awaited value is
// overwritten before it is read, as an `async fn` gets it (there at `e` of
// `e.await`, here at the `.await`), wherever the rewrite puts the `let`.
#[coro]
fn overwritten(x: u32) -> u32 {
    let mut v = ready(x).await;
    v = 3;
    v
}

// In a loop with a later suspension point, for a value with a destructor.
#[coro]
fn in_loop(n: u32) -> usize {
    let mut total = 0;
    for i in 0..n {
        let mut s = ready(String::from("a")).await;
        s = String::from("bb");
        total += s.len();
        ready(i).await;
    }
    total
}

#[async_iter(yield = u32)]
fn stream(n: u32) {
    let mut first = ready(n).await;
    first = 7;
    yield_!(first);
}

struct Counter;

impl Counter {
    #[coro]
    fn method(&self, x: u32) -> u32 {
        let mut v = ready(x).await;
        v = x + 1;
        v
    }
}

// Read before it is overwritten: no error.
#[coro]
fn read_first(x: u32) -> u32 {
    let mut v = ready(x).await;
    let w = v;
    v = 3;
    v + w
}

fn main() {}
