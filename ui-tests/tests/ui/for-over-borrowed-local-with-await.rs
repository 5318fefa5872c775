use coro_runtime::coro;

fn process(x: &u32) -> std::future::Ready<u32> {
    std::future::ready(*x)
}

#[coro]
fn sum() -> u32 {
    let v = vec![1u32, 2, 3];
    let mut total = 0;
    for x in &v {
        total += process(x).await;
    }
    total
}

fn main() {}
