#![deny(unused_variables)]

use coro_runtime::coro;

// rustc's `unused_variables` for `let`s the body never reads, wherever the
// rewrite stores or re-binds them: one error per unread binding, at the
// binding, as for a plain function; none for a binding read in a later
// piece, one starting with `_`, or under the user's own `allow`.
#[coro]
fn lets(k: u32) -> u32 {
    let (used, unread) = (k, k + 1);
    let stored = std::future::ready(k).await;
    #[allow(unused_variables)]
    let quiet = 3u32;
    let _ignored = 4u32;
    let later = 5u32;
    std::future::ready(()).await;
    used + later
}

fn main() {}
