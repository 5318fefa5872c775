// Known bug (kept to record it): `yield_!` is consumed by the attribute, so a
// named `use` of it is reported unused. Move to tests/pass once fixed.
#![deny(warnings)]

use coro_runtime::{generator, yield_};

#[generator(yield = u32)]
fn counts() {
    yield_!(1);
}

fn main() {
    drop(counts());
}
