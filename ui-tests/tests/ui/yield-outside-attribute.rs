use coro_runtime::yield_;

fn plain() {
    yield_!(1u32);
}

fn main() {}
