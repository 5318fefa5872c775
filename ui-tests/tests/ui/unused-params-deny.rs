//! A parameter the body never reads gets rustc's `unused variable` (and
//! `variable does not need to be mutable`) at the parameter, with the same
//! help as for an `async fn`; a statement after a `return` gets
//! `unreachable statement` at the statement, not at the attribute; a
//! suspending `while true` gets `while_true`, though the macro rewrites it.
#![deny(unused_variables, unused_mut, unreachable_code, while_true)]

use coro_runtime::{coro, generator, yield_};

#[coro]
fn unread(a: u32, mut b: u32, s: String, (x, y): (u32, u32), _skipped: u32) -> u32 {
    std::future::ready(y).await
}

#[generator(yield = u32)]
fn unread_in_generator(n: u32, step: u32) {
    for i in 0..n {
        yield_!(i);
    }
}

struct Service;

impl Service {
    #[coro]
    fn method(&self, key: String) -> u32 {
        std::future::ready(1).await
    }
}

#[coro]
fn after_return(n: u32) -> u32 {
    return std::future::ready(n).await;
    let z = n + 1;
    z
}

#[coro]
fn spin(n: u32) -> u32 {
    let mut i = 0;
    while true {
        i += std::future::ready(n).await;
        if i > 3 {
            break;
        }
    }
    i
}

fn main() {
    let _ = unread(1, 2, String::new(), (3, 4), 5);
    let _ = unread_in_generator(1, 2);
    let _ = Service.method(String::new());
    let _ = after_return(1);
    let _ = spin(1);
}
