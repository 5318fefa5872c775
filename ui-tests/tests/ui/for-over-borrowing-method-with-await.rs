// A loop over a borrowing method of a local (`text.split_whitespace()`,
// `map.keys()`) with a suspension point in its body: the local itself may
// not be iterable (a `String`), so the suggestion is to collect the items.
use coro_runtime::coro;
use std::collections::HashMap;

fn tick() -> std::future::Ready<()> {
    std::future::ready(())
}

#[coro]
fn words(text: String) -> usize {
    let mut n = 0;
    for word in text.split_whitespace() {
        tick().await;
        n += word.len();
    }
    n
}

#[coro]
fn keys(map: HashMap<u32, String>) -> u32 {
    let mut total = 0;
    for k in map.keys() {
        tick().await;
        total += k;
    }
    total
}

fn main() {}
