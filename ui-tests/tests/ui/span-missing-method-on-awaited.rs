use coro_runtime::coro;

#[coro]
fn missing_method() -> u32 {
    let y = std::future::ready(1u32).await.frobnicate();
    y
}

fn main() {}
