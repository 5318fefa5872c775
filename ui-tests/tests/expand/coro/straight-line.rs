use coro_runtime::coro;

fn ready(value: u32) -> std::future::Ready<u32> {
    std::future::ready(value)
}

#[coro]
fn add(a: u32) -> u32 {
    let x = ready(a).await;
    let y = ready(x + 1).await;
    x + y
}

fn main() {}
