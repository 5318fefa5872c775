use coro_runtime::coro;

fn ready(value: u32) -> std::future::Ready<u32> {
    std::future::ready(value)
}

#[coro]
fn choose(flag: bool) -> u32 {
    let v = if flag {
        ready(1).await
    } else {
        let base = 10;
        base + ready(2).await
    };
    v * 2
}

fn main() {}
