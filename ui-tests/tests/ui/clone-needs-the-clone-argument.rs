// A machine is `Clone` only when its attribute says `clone`: without it the
// returned `impl Coroutine` does not promise `Clone`.
use coro_runtime::coro;

#[coro]
fn counter(n: u32) -> u32 {
    std::future::ready(n).await + 1
}

#[coro(clone)]
fn cloneable(n: u32) -> u32 {
    std::future::ready(n).await + 1
}

fn main() {
    let _fork = cloneable(1).clone();
    let _fork = counter(1).clone();
}
