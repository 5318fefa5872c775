use coro_runtime::coro;

fn ready(value: u32) -> std::future::Ready<u32> {
    std::future::ready(value)
}

#[coro]
fn sum(n: u32) -> u32 {
    let mut total = 0;
    for i in 0..n {
        total += ready(i).await;
    }
    total
}

fn main() {}
