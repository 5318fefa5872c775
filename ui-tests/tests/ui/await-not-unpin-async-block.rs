use coro_runtime::coro;

#[coro]
fn awaits_async_block() -> u32 {
    async { 1u32 }.await
}

fn main() {}
