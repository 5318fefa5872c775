#![deny(unused_variables, unused_mut)]

use coro_runtime::coro;

#[coro]
fn unused() -> u32 {
    let mut before = 1u32;
    let y = std::future::ready(1u32).await;
    let after = 2u32;
    y
}

fn main() {}
