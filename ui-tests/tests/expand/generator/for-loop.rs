use coro_runtime::prelude::*;

#[generator(yield = u32)]
fn squares(n: u32) {
    for i in 0..n {
        yield_!(i * i);
    }
}

fn main() {}
