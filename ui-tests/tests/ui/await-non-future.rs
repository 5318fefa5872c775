use coro_runtime::coro;

#[coro]
fn awaits_number() -> u32 {
    let x = 5u32.await;
    x
}

fn main() {}
