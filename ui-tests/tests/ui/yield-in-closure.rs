use coro_runtime::{generator, yield_};

#[generator(yield = u32)]
fn closure_yields() {
    let f = || yield_!(1u32);
    f();
}

fn main() {}
