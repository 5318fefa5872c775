use coro_runtime::{generator, yield_};

#[generator(yield = u32)]
fn empty() {
    yield_!();
}

fn main() {}
