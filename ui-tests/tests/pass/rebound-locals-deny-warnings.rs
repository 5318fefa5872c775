// Locals that cross suspension points are re-bound at every resume point
// that re-opens their scope. Those re-bindings must trip none of the user's
// lints: a unit-typed local, `_`-prefixed locals, a `mut` local that a later
// piece of the body no longer mutates, a local that a resume point only
// carries on (or drops on an early return), locals declared without a
// value (`let x: T;`) and assigned by later pieces of the body only, under
// the strictest lints.
#![deny(warnings)]
#![forbid(unsafe_code)]
#![deny(clippy::all, clippy::pedantic)]

use coro_runtime::prelude::*;

fn ready<T>(value: T) -> std::future::Ready<T> {
    std::future::ready(value)
}

fn unit() {}

#[coro]
fn units(flag: bool) -> u32 {
    // clippy's own lint on the user's `let`, as in a plain function; the
    // re-bindings of `u` at later resume points must trip nothing.
    #[allow(clippy::let_unit_value)]
    let u = unit();
    let _kept = String::from("dropped at the end");
    let mut count = 1;
    count += ready(1).await;
    ready(()).await;
    if flag {
        return count;
    }
    let () = u;
    ready(()).await;
    // A join after a branch that awaits: `u` and `count` come in a step.
    #[allow(clippy::let_unit_value)]
    let u = unit();
    let _also = count;
    let extra = if count > 1 { ready(2).await } else { 3 };
    let () = u;
    count + extra - 2
}

#[coro]
fn underscores(n: u32) -> u32 {
    let _guard = vec![n];
    let _unused_after = n + 1;
    let mut total = ready(n).await;
    for i in 0..n {
        total += ready(i).await;
    }
    total
}

// `x` is declared in the first piece of the body and assigned in the
// pieces after the two `.await`s only; the type given is all that makes
// `3_000_000_000` a `u64` (an `i32` would not compile).
#[coro]
fn deferred(flag: bool) -> String {
    let x: String;
    let big: u64;
    if flag {
        x = ready(String::from("even")).await;
        big = ready(3_000_000_000).await;
    } else {
        x = ready(String::from("odd")).await;
        big = 1;
    }
    format!("{x} {big}")
}

#[generator(yield = u32)]
fn carried(n: u32) {
    let mut left = n;
    let tag = String::from("t");
    while left > 0 {
        yield_!(left);
        left -= 1;
    }
    yield_!(u32::try_from(tag.len()).unwrap_or(0));
}

fn main() {
    let rt = Runtime::new().expect("a runtime");
    assert_eq!(rt.block_on(units(true)), 2);
    assert_eq!(rt.block_on(units(false)), 2);
    assert_eq!(rt.block_on(underscores(3)), 6);
    assert_eq!(rt.block_on(deferred(true)), "even 3000000000");
    assert_eq!(rt.block_on(deferred(false)), "odd 1");
    assert_eq!(carried(2).collect::<Vec<_>>(), [2, 1, 1]);
}
