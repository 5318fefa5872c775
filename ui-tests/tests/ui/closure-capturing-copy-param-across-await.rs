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
// `let mut` that also takes a value (`extra`) and is not used after the
// `.await`: it may own what it takes and hold a `&mut`, so it is kept to
// the end of its scope. (A closure that only borrows is dropped at the
// `.await` instead: see the differential tests.)
#[coro]
fn first(pair: (u8, u8)) -> usize {
    let mut names = Vec::new();
    let extra = String::from("x");
    let mut add = || {
        names.push(extra);
        pair.0
    };
    let a = add();
    std::future::ready(()).await;
    usize::from(a)
}

fn main() {}
