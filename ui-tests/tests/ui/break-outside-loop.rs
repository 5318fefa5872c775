use coro_runtime::coro;

#[coro]
fn breaks() -> u32 {
    let y = std::future::ready(1u32).await;
    if y > 0 {
        break;
    }
    y
}

fn main() {}
