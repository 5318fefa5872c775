//! An unused `#[coro]`, `#[generator]` or `#[async_iter]` function gets
//! rustc's `dead_code` lint at its name, as an unused `async fn` does.
#![deny(dead_code)]

use coro_runtime::{async_iter, coro, generator, yield_};

#[coro]
fn never_awaited(a: u32) -> u32 {
    std::future::ready(a).await + 1
}

#[generator(yield = u32)]
fn never_iterated(n: u32) {
    for i in 0..n {
        yield_!(i);
    }
}

#[async_iter(yield = u32)]
fn never_streamed(n: u32) {
    let first = std::future::ready(n).await;
    yield_!(first);
}

struct Service;

impl Service {
    #[coro]
    fn never_called(&self) -> u32 {
        std::future::ready(1).await
    }
}

// Used ones stay quiet.
#[coro]
fn used(a: u32) -> u32 {
    std::future::ready(a).await
}

fn main() {
    let _ = Service;
    let _ = used(1);
}
