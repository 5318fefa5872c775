use coro_runtime::coro;

#[coro]
fn outer() -> u32 {
    let f = || std::future::ready(1u32).await;
    f()
}

fn main() {}
