use coro_runtime::coro;

// A closure without `move` that uses a `Copy` parameter by value still
// captures it by reference; held across a suspension point, the frame
// would hold the closure next to the parameter it borrows (rustc's own
// error here was E0597/E0505 on generated code).
#[coro]
fn offset(k: u32, pair: (u8, u8)) -> u32 {
    let shift = |x: u32| x + k;
    std::future::ready(()).await;
    shift(1) + u32::from(pair.0)
}

// The same through a field of a tuple parameter, in a closure bound with
// `let mut` (an `FnMut`, not `Copy`) and not used after the `.await` (it
// is kept to the end of its scope).
#[coro]
fn first(pair: (u8, u8)) -> u8 {
    let mut calls = 0;
    let mut get = || {
        calls += 1;
        pair.0
    };
    let a = get();
    std::future::ready(()).await;
    a
}

fn main() {}
