use coro_runtime::coro;

#[coro]
async fn already_async() -> u32 {
    std::future::ready(1u32).await
}

fn main() {}
