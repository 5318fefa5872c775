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

fn exits(code: i32) -> ! {
    std::process::exit(code)
}

// Tails of type `!` the macro cannot see: a call of a `-> !` function and an
// empty `match` on an uninhabited value.
#[coro]
fn calls_a_diverging_fn(n: u32) -> u32 {
    std::future::ready(n).await;
    exits(1)
}

fn never_ready() -> std::future::Pending<std::convert::Infallible> {
    std::future::pending()
}

#[coro]
fn matches_nothing(n: u32) -> u32 {
    std::future::ready(n).await;
    let never = never_ready().await;
    match never {}
}

// `-> !`: the machine's output is `Infallible`.
#[coro]
fn serves_forever() -> ! {
    loop {
        std::future::ready(()).await;
    }
}

fn main() {
    drop((gives_up(1), returns_early(2), branch_gives_up(5)));
    drop((
        calls_a_diverging_fn(1),
        matches_nothing(2),
        serves_forever(),
    ));
}
