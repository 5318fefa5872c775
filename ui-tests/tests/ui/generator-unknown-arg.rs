use coro_runtime::{generator, yield_};

#[generator(yield = u32, foo = 1)]
fn extra() {
    yield_!(1u32);
}

fn main() {}
