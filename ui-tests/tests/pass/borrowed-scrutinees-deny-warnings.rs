// `match`, `if let` and `while let` on a borrow, with arms that suspend:
// the borrowed temporary becomes a hidden local (dropped before an
// `if let`'s `else`), the bindings are references that are not stored once
// dead. Locals that may borrow another (`map.get(..)`, `s.as_str()`) and
// are dead at a suspension point go through `Keep` (a `Copy` one is
// stored as `()`). None of that may trip the user's lints, a `Copy`
// temporary included.
#![deny(warnings)]
#![forbid(unsafe_code)]
#![deny(clippy::all, clippy::pedantic)]

use std::collections::HashMap;

use coro_runtime::prelude::*;

fn ready<T>(value: T) -> std::future::Ready<T> {
    std::future::ready(value)
}

#[coro]
fn lengths(names: Vec<String>) -> usize {
    let mut total = 0;
    let first = names.first().cloned();
    if let Some(name) = &first {
        total += name.len();
        ready(()).await;
    } else {
        ready(()).await;
    }
    match &ready(names).await {
        list if list.is_empty() => {}
        list => {
            total += list.len();
            ready(()).await;
        }
    }
    // A `Copy` temporary, dropped before the `else`.
    if let Some(n) = &ready(Some(3_usize)).await {
        total += n;
    } else {
        total += 1;
    }
    if let Some(n) = &ready(None::<usize>).await {
        total += n;
        ready(()).await;
    } else {
        ready(()).await;
    }
    let mut queue = vec![1_usize, 2];
    while let Some(n) = &queue.pop() {
        total += n;
        ready(()).await;
    }
    total
}

#[coro]
fn dead_borrows(mut map: HashMap<String, u32>, key: String) -> u32 {
    let mut total = 0;
    if let Some(v) = map.get(&key) {
        total += v;
        ready(()).await;
    }
    if let Some(v) = map.get_mut(&key) {
        *v += 1;
        ready(()).await;
    }
    let upper = key.to_uppercase();
    let first = key.as_str();
    total += u32::try_from(upper.len() + first.len()).unwrap_or(0);
    ready(()).await;
    ready(()).await;
    total + map.values().sum::<u32>()
}

fn main() {
    let rt = Runtime::new().expect("a runtime");
    let map = HashMap::from([("k".to_owned(), 1)]);
    assert_eq!(rt.block_on(dead_borrows(map, "k".to_owned())), 1 + 2 + 2);
    assert_eq!(
        rt.block_on(lengths(vec!["ab".to_owned(), "c".to_owned()])),
        2 + 2 + 3 + 3
    );
}
