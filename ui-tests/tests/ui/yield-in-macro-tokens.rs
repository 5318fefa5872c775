use coro_runtime::{generator, yield_};

#[generator(yield = u32)]
fn numbers() {
    println!("{:?}", yield_!(1));
}

fn main() {}
