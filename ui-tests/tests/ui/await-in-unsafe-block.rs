use coro_runtime::coro;

#[coro]
fn unsafe_await() -> u32 {
    unsafe { std::future::ready(1u32).await }
}

fn main() {}
