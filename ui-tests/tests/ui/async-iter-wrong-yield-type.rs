use coro_runtime::{async_iter, yield_};

#[async_iter(yield = u32)]
fn stream() {
    let s = std::future::ready(String::from("s")).await;
    yield_!(s);
}

fn main() {}
