use coro_runtime::coro;

fn tick() -> std::future::Ready<()> {
    std::future::ready(())
}

#[coro]
fn sums(values: Vec<u32>) -> u32 {
    let mut total = 0;
    for v in values.iter().copied().take(2) {
        tick().await;
        total += v;
    }
    total
}

fn main() {}
