// Generators and async iterators under the user's strictest lints.
#![deny(warnings)]
#![forbid(unsafe_code)]
#![deny(clippy::all, clippy::pedantic)]

use coro_runtime::prelude::*;

#[generator(yield = u32)]
fn evens(limit: u32) {
    for i in 0..limit {
        if i % 2 == 0 {
            yield_!(i);
        }
    }
}

#[generator(yield = u32, resume = u32)]
fn echo() -> u32 {
    let mut last = 0;
    while last < 10 {
        last = yield_!(last + 1);
    }
    last
}

#[async_iter(yield = u32)]
fn ticks(n: u32) {
    for i in 0..n {
        let v = ::std::future::ready(i).await;
        yield_!(v);
    }
}

fn main() {
    let all: Vec<u32> = evens(6).collect();
    assert_eq!(all, [0, 2, 4]);
    drop(echo());
    drop(ticks(3));
}
