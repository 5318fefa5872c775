use coro_runtime::coro;

#[coro]
extern "C" fn answer() -> u32 {
    std::future::ready(42u32).await
}

fn main() {}
