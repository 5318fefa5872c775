use coro_runtime::coro;

#[coro]
fn continues() -> u32 {
    let y = std::future::ready(1u32).await;
    if y > 0 {
        continue;
    }
    y
}

fn main() {}
