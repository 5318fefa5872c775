use coro_runtime::prelude::*;

// A loop with a path that does not suspend: its arms share a Rust `loop`.
#[generator(yield = u32)]
fn multiples_of_three(n: u32) {
    for i in 0..n {
        if i % 3 == 0 {
            yield_!(i);
        }
    }
}

fn main() {}
