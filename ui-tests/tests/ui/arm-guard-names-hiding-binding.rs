use coro_runtime::coro;

// The arm's `total` hides the outer one, which must be moved into the
// frame at the arm's `.await`. An arm's bindings are renamed for that, but
// not when its guard names one of them: the guard sees them as written.
#[coro]
fn sum(next: Option<u32>) -> u32 {
    let total = 10;
    let extra = match next {
        Some(total) if total > 5 => {
            std::future::ready(()).await;
            total
        }
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
