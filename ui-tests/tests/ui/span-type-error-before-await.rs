use coro_runtime::coro;

#[coro]
fn mistyped() -> u32 {
    let x: u32 = "s";
    let y = std::future::ready(1u32).await;
    x + y
}

fn main() {}
