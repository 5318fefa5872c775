use coro_runtime::{async_iter, yield_};

#[async_iter(yield = u32)]
fn async_closure_yields() {
    let f = async |x: u32| {
        yield_!(x);
    };
    Box::pin(f(1)).await;
}

fn main() {}
