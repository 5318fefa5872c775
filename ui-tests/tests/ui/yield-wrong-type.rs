use coro_runtime::{generator, yield_};

#[generator(yield = u32)]
fn wrong() {
    yield_!("str");
}

fn main() {}
