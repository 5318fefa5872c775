use coro_runtime::{coro, generator};

trait Source {
    // No body: nothing to compile. The trait declares the machine type
    // (`fn fetch(&self) -> impl Coroutine<Output = u32>;`) and each impl
    // puts `#[coro]` on its method.
    #[coro]
    fn fetch(&self) -> u32;

    #[generator(yield = u8)]
    fn bytes(&self);
}

fn main() {}
