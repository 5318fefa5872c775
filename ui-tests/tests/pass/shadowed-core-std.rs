// Generated paths are fully qualified: local `core`/`std` modules, and local
// items named like prelude items, must not capture them.
#![allow(dead_code)]

use coro_runtime::{coro, generator, yield_};

mod core {}
mod std {}

struct Option;
struct Result;
struct Some;
struct None;
struct Ok;
struct Err;
struct Box;
struct Vec;
struct Default;
struct Iterator;
struct Future;
struct Poll;
struct Pin;
struct Context;

fn ready(value: u32) -> ::std::future::Ready<u32> {
    ::std::future::ready(value)
}

#[coro]
fn awaits(n: u32) -> u32 {
    let a = ready(n).await;
    let b = ready(a + 1).await;
    a + b
}

#[generator(yield = u32)]
fn yields(n: u32) {
    for i in 0..n {
        yield_!(i);
    }
}

fn main() {
    drop(awaits(1));
    drop(yields(2));
}
