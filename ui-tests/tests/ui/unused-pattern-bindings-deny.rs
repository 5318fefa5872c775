#![deny(unused_variables)]

use coro_runtime::coro;
use std::future::ready;

// rustc's `unused_variables` for the bindings of a pattern that the body
// never reads while the machine keeps them across a suspension point (so
// that they drop where the arm ends): one error per unread binding, at the
// binding, as for an `async fn`.
#[coro]
fn match_arm(k: u32) -> usize {
    match (String::from("a"), String::from("b")) {
        (unread, read) => {
            ready(k).await;
            read.len()
        }
    }
}

#[coro]
fn if_let(k: u32) -> u32 {
    if let Some(unread) = Some(String::from("a")) {
        ready(k).await;
    }
    k
}

#[coro]
fn while_let(mut v: Vec<String>) -> u32 {
    let mut n = 0;
    while let Some(unread) = v.pop() {
        n += ready(1).await;
    }
    n
}

// A binding that hides a local is renamed and re-bound by the macro; the
// re-binding is checked as the user's binding would be.
#[coro]
fn hiding(k: u32) -> u32 {
    let s = String::from("outer");
    ready(k).await;
    match Some(String::from("inner")) {
        Some(s) => {
            ready(k).await;
        }
        None => {}
    }
    k
}

// `let .. else`'s bindings too.
#[coro]
fn let_else(k: u32) -> u32 {
    let Some(unread) = Some(String::from("a")) else {
        return 0;
    };
    ready(k).await
}

// A binding its guard reads is used, even if the body does not read it,
// and the body's own locals are still checked.
#[coro]
fn guard_reads(k: u32) -> u32 {
    match Some(String::from("a")) {
        Some(s) if ready(s.len()).await > 0 => {
            let body_local = 1;
            ready(k).await
        }
        _ => 0,
    }
}

// Read in a later piece, `_`-prefixed, or under an `allow` of the user's:
// no error.
#[coro]
fn quiet(k: u32) -> usize {
    let n = match (String::from("a"), String::from("b")) {
        (later, _ignored) => {
            ready(k).await;
            later.len()
        }
    };
    #[allow(unused_variables)]
    let Some(allowed) = Some(String::from("c")) else {
        return n;
    };
    ready(k).await;
    n
}

fn main() {}
