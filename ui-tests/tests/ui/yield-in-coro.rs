use coro_runtime::{coro, yield_};

#[coro]
fn not_a_generator() -> u32 {
    yield_!(1u32);
    std::future::ready(2u32).await
}

fn main() {}
