use coro_runtime::coro;

#[coro(yield = u32)]
fn wrong_attr() -> u32 {
    std::future::ready(1u32).await
}

fn main() {}
