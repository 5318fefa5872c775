use coro_runtime::coro;

#[coro]
fn mistyped() -> u32 {
    let y = std::future::ready(1u32).await;
    let x: u32 = "s";
    x + y
}

fn main() {}
