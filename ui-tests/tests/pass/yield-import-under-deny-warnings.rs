// Regression: the attribute consumes every `yield_!` call, yet a named import
// of `yield_` must still count as used under `#![deny(warnings)]`.
#![deny(warnings)]

use coro_runtime::{generator, yield_};

#[generator(yield = u32)]
fn counts() {
    yield_!(1);
}

fn main() {
    drop(counts());
}
