use coro_runtime::{generator, yield_};

#[generator]
fn untyped() {
    yield_!(1u32);
}

fn main() {}
