use coro_runtime::coro;

#[coro]
struct NotAFunction;

fn main() {}
