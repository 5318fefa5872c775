use coro_runtime::generator;

#[generator(yield = u32, yield = u8)]
fn twice() {}

fn main() {}
