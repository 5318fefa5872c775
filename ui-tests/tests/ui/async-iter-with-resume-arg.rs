use coro_runtime::{async_iter, yield_};

#[async_iter(resume = u32, yield = u8)]
fn stream() {
    let x = std::future::ready(1u8).await;
    yield_!(x);
}

fn main() {}
