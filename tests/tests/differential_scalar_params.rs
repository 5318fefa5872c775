//! Differential tests: parameters whose declared type has nothing to drop
//! (`u32`, `bool`, tuples and arrays of scalars, references, `&mut`, raw
//! and function pointers). The frame keeps them only while later code
//! reads them, not to the end of the body to be dropped: so a parameter
//! moved on one path only needs no drop flag, and one read only before the
//! first `.await` is not stored at it. Output, `Pending` counts, drop logs
//! and size (never larger than rustc's future, which stores every
//! parameter) as in the other differential tests.
use coro_tests::*;

fn double(k: u64) -> u64 {
    k * 2
}

differential! {
    // Read before the first `.await` only.
    fn read_before_only(k: u64, flag: bool) -> u64 {
        let base = if flag { double(k) } else { k + 1 };
        let d = D("d");
        Yield::times(1).await;
        base + d.name().len() as u64
    }

    // Moved into an awaitee on one path (a method call on it in the
    // condition, which the macro takes for a borrow).
    fn moved_on_one_path(k: u32) -> u32 {
        let fut = if k.is_power_of_two() { Some(yield_value(k, 1)) } else { None };
        let v = match fut { Some(f) => f.await, None => 0 };
        v + 1
    }

    // Tuples and arrays of scalars, a `char`, a float.
    fn tuple_and_array(pair: (u32, bool), bytes: [u8; 4], c: char, x: f64) -> u32 {
        let (n, on) = pair;
        let sum: u32 = bytes.iter().map(|&b| u32::from(b)).sum();
        Yield::times(1).await;
        let y = yield_value(n + sum, 1).await;
        if on { y + c as u32 + x as u32 } else { y }
    }

    // A `&mut` parameter used before and after, one used before only.
    fn mut_ref_params(out: &mut Vec<u32>, scratch: &mut u32, k: u32) -> usize {
        *scratch += k;
        out.push(*scratch);
        Yield::times(1).await;
        out.push(ready(k).await);
        out.len()
    }

    // A shared reference read before the `.await` only, and a function
    // pointer called after it.
    fn ref_and_fn_pointer(name: &str, f: fn(u64) -> u64, k: u64) -> u64 {
        let len = name.len() as u64;
        let d = D("kept");
        Yield::times(2).await;
        f(k) + len + d.name().len() as u64
    }

    // A raw pointer, compared only (never dereferenced).
    fn raw_pointer(p: *const u8, k: u32) -> bool {
        let null = p.is_null();
        Yield::times(1).await;
        null && k > 0
    }

    // Reassigned: kept as before (a scalar assigned later may be read).
    fn reassigned_scalar(mut k: u32) -> u32 {
        let first = k;
        k = yield_value(k + 1, 1).await;
        Yield::times(1).await;
        first + k
    }
}

mod methods {
    use super::*;

    // Each flavour's module has its own `Counter`, with its own `impl`.
    differential! {
        pub struct Counter {
            pub hits: u32,
            pub log: Vec<String>,
        }

        impl Counter {
            // `&self` read before the `.await` only; `&mut self` after too.
            fn seen_then_wait(&self, k: u32) -> u32 {
                let s = self.hits + self.log.len() as u32;
                Yield::times(1).await;
                s + k
            }
            fn bump_around(&mut self, k: u32) -> usize {
                self.hits += k;
                Yield::times(1).await;
                self.log.push(format!("hit {}", self.hits));
                self.log.len()
            }
        }
    }
}

#[test]
fn read_before_only() {
    for (k, flag) in [(3, true), (3, false)] {
        check!(read_before_only(k, flag));
    }
}

#[test]
fn moved_on_one_path() {
    for k in [1, 3, 4] {
        check!(moved_on_one_path(k));
    }
}

#[test]
fn tuple_and_array() {
    for on in [false, true] {
        check!(tuple_and_array((2, on), [1, 2, 3, 4], 'a', 1.5));
    }
}

#[test]
fn mut_ref_params() {
    // Each side gets its own `Vec` and counter, created afresh for every
    // run of the comparison.
    check_futures(
        "mut_ref_params",
        || {
            let out: &'static mut Vec<u32> = Box::leak(Box::default());
            let scratch: &'static mut u32 = Box::leak(Box::new(1));
            coro_v::mut_ref_params(out, scratch, 5)
        },
        || {
            let out: &'static mut Vec<u32> = Box::leak(Box::default());
            let scratch: &'static mut u32 = Box::leak(Box::new(1));
            async_v::mut_ref_params(out, scratch, 5)
        },
    );
}

#[test]
fn ref_and_fn_pointer() {
    check!(ref_and_fn_pointer("name", double, 4));
}

#[test]
fn raw_pointer() {
    check!(raw_pointer(std::ptr::null(), 1));
    check!(raw_pointer(b"x".as_ptr(), 1));
}

#[test]
fn reassigned_scalar() {
    check!(reassigned_scalar(7));
}

#[test]
fn self_methods() {
    use methods::{async_v, coro_v};
    let c = coro_v::Counter {
        hits: 3,
        log: vec![],
    };
    let a = async_v::Counter {
        hits: 3,
        log: vec![],
    };
    check(
        "seen_then_wait",
        || c.seen_then_wait(2),
        || a.seen_then_wait(2),
    );
    check(
        "bump_around",
        || {
            Box::leak(Box::new(coro_v::Counter {
                hits: 0,
                log: vec![],
            }))
            .bump_around(2)
        },
        || {
            Box::leak(Box::new(async_v::Counter {
                hits: 0,
                log: vec![],
            }))
            .bump_around(2)
        },
    );
}

/// The sizes that `check` only bounds, written out: `k` (moved on one
/// path) and `&self` (read before the `.await` only) are not stored.
#[test]
fn parameters_not_stored() {
    let coro = std::mem::size_of_val(&coro_v::moved_on_one_path(1));
    let rustc = std::mem::size_of_val(&async_v::moved_on_one_path(1));
    assert!(
        coro < rustc,
        "moved_on_one_path: {coro} bytes against rustc's {rustc}"
    );
    let c = methods::coro_v::Counter {
        hits: 0,
        log: vec![],
    };
    let a = methods::async_v::Counter {
        hits: 0,
        log: vec![],
    };
    let coro = std::mem::size_of_val(&c.seen_then_wait(1));
    let rustc = std::mem::size_of_val(&a.seen_then_wait(1));
    assert!(
        coro < rustc,
        "seen_then_wait: {coro} bytes against rustc's {rustc}"
    );
}
