//! A machine made and dropped without being polled runs none of its body:
//! like a future or an iterator, it is `#[must_use]`.
#![deny(unused_must_use)]

use coro_runtime::{async_iter, coro, generator, yield_};

#[coro]
fn save(a: u32) -> u32 {
    std::future::ready(a).await
}

#[generator(yield = u32)]
fn count(n: u32) {
    for i in 0..n {
        yield_!(i);
    }
}

#[generator(yield = u32, resume = u32)]
fn echo(first: u32) {
    let mut next = first;
    loop {
        next = yield_!(next);
    }
}

#[async_iter(yield = u32)]
fn ticks(n: u32) {
    let first = std::future::ready(n).await;
    yield_!(first);
}

fn main() {
    save(1);
    count(2);
    echo(3);
    ticks(4);
}
