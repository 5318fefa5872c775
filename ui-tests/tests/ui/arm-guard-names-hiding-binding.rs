use coro_runtime::coro;

// The arm's `total` hides the outer one, which must be moved into the
// frame at the guard's `.await`. An arm's bindings are renamed for that,
// and a guard sees views of them; but not when the pattern has `ref`,
// `mut` or `&` in it and its guard suspends: the guard then sees the
// bindings as written.
#[coro]
fn sum(next: Option<u32>) -> u32 {
    let total = 10;
    let extra = match next {
        Some(ref total) if std::future::ready(*total).await > 5 => *total,
        _ => 0,
    };
    total + extra
}

// In a `let` chain, the bindings stay as written too.
#[coro]
fn chained(next: Option<u32>, go: bool) -> u32 {
    let total = 10;
    if let Some(total) = next && go {
        std::future::ready(()).await;
        drop(total);
    }
    total
}

fn main() {}
