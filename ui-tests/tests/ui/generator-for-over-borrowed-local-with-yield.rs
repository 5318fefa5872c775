use coro_runtime::{generator, yield_};

#[generator(yield = u32)]
fn each() {
    let v = vec![1u32, 2, 3];
    for x in &v {
        yield_!(*x);
    }
}

fn main() {}
