use coro_runtime::coro;

fn load() -> std::future::Ready<Vec<u32>> {
    std::future::ready(vec![1, 2, 3])
}

// The iterator borrows the awaited vector, and the body suspends: the
// frame would hold both. Iterating over the vector by value works.
#[coro]
fn total() -> u32 {
    let mut t = 0;
    for x in &load().await {
        t += std::future::ready(*x).await;
    }
    t
}

fn main() {}
