// Loops with paths that do not suspend (a Rust `loop` around their stages),
// labeled jumps across them, and locals moved on some paths only (drop
// flags), under the user's strictest lints.
#![deny(warnings)]
#![forbid(unsafe_code)]
#![deny(clippy::all, clippy::pedantic)]

use coro_runtime::prelude::*;

fn ready<T>(value: T) -> std::future::Ready<T> {
    std::future::ready(value)
}

/// Every third value of `0..n`.
#[generator(yield = u32)]
fn thirds(n: u32) {
    for i in 0..n {
        if i % 3 == 0 {
            yield_!(i);
        }
    }
}

#[coro]
fn search(rows: Vec<Vec<u32>>, needle: u32) -> Option<(usize, usize)> {
    let mut found = None;
    'rows: for (r, row) in rows.into_iter().enumerate() {
        for (c, v) in row.into_iter().enumerate() {
            if v == needle {
                found = Some((r, c));
                break 'rows;
            }
            if v % 2 == 0 {
                continue 'rows;
            }
            ready(()).await;
        }
    }
    found
}

#[coro]
fn conditional_move(flag: bool) -> usize {
    let name = String::from("kept");
    let _guard = String::from("guard");
    if flag {
        drop(name);
    }
    ready(()).await;
    let n = if flag { ready(1).await } else { 2 };
    n
}

/// Two locals moved on some paths, across a `yield_!`: the yield point
/// gets a frame variant per combination (see `Shape` in the macro).
#[generator(yield = usize)]
fn flagged_across_yield(k: u32) {
    let first = String::from("first");
    let second = vec![1_u8, 2];
    let mut n = 0;
    if k & 1 == 1 {
        n += first.len();
        drop(first);
    }
    if k & 2 == 2 {
        n += second.len();
        drop(second);
    }
    yield_!(n);
    yield_!(n + 1);
}

fn main() {
    for k in 0..4 {
        let v: Vec<usize> = flagged_across_yield(k).collect();
        assert_eq!(v.len(), 2);
    }
    let v: Vec<u32> = thirds(10).collect();
    assert_eq!(v, [0, 3, 6, 9]);
    let rt = coro_runtime::Runtime::new().unwrap();
    assert_eq!(
        rt.block_on(search(vec![vec![1, 3], vec![5, 7, 9]], 7)),
        Some((1, 1))
    );
    assert_eq!(rt.block_on(conditional_move(true)), 1);
    assert_eq!(rt.block_on(conditional_move(false)), 2);
}
