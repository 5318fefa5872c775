// Regression: a body whose tail never produces a value (`panic!`, `return`)
// was wrapped as the machine's return value, an unreachable call that
// `#![deny(warnings)]` rejects.
#![deny(warnings)]

use coro_runtime::coro;

#[coro]
fn gives_up(n: u32) -> u32 {
    std::future::ready(n).await;
    panic!("gave up after {n}")
}

// The tail is `return doubled` with no semicolon on purpose: keep rustfmt off.
#[rustfmt::skip]
#[coro]
fn returns_early(n: u32) -> u32 {
    let doubled = std::future::ready(n * 2).await;
    return doubled
}

#[coro]
fn branch_gives_up(n: u32) -> u32 {
    if n > 3 {
        std::future::ready(n).await
    } else {
        unreachable!("small {n}")
    }
}

fn main() {
    drop((gives_up(1), returns_early(2), branch_gives_up(5)));
}
