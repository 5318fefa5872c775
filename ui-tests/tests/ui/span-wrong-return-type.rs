use coro_runtime::coro;

#[coro]
fn returns_string() -> u32 {
    let y = std::future::ready(1u32).await;
    format!("{y}")
}

fn main() {}
