use coro_runtime::{generator, yield_};

#[generator(yield = u32)]
fn awaits() {
    let x = std::future::ready(1u32).await;
    yield_!(x);
}

fn main() {}
