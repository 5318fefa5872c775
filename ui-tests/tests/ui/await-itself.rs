use coro_runtime::coro;

#[coro]
fn fib(n: u64) -> u64 {
    if n < 2 {
        n
    } else {
        Box::pin(fib(n - 1)).await + fib(n - 2).await
    }
}

fn main() {}
