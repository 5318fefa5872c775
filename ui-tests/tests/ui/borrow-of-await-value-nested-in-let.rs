use coro_runtime::coro;

fn load() -> std::future::Ready<String> {
    std::future::ready(String::from("data"))
}

// rustc would keep the awaited value alive to the end of the block because
// the borrow stands in the tuple a `let` binds; a coroutine body supports
// that for `let x = &<expression>;` only.
#[coro]
fn lengths(other: String) -> usize {
    let pair = (&other, &load().await);
    pair.0.len() + pair.1.len()
}

fn main() {}
