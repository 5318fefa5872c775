//! Differential tests: closures, nested items and std macros in the body
//! (none containing an `.await` of the body's own; `async` blocks and
//! `async` closures await on their own).
use coro_tests::*;

use std::fmt::Write as _;

differential! {
    fn closures(n: u32) -> u32 {
        let add = |a: u32, b: u32| a + b;
        let base = D("captured");
        let owned = move |x: u32| x + base.name().len() as u32;
        let a = add(yield_value(n, 1).await, 1);
        Yield::times(1).await;
        owned(ready(a).await)
    }

    fn closure_makes_awaitable(n: u32) -> u32 {
        let make = |v: u32| yield_value(v * 2, 1);
        let x = make(n).await;
        let y = make(x).await;
        x + y
    }

    // An `async` closure and an `async` block await inside themselves; the
    // body awaits the futures they make, boxed (they are not `Unpin`). The
    // block is `move`: a future that borrowed a local of the body could not
    // be held across the body's own suspension point (see the borrow rule).
    fn async_closures_and_blocks(n: u32) -> u32 {
        let plus = async |x: u32| yield_value(x + 1, 1).await;
        let a = Box::pin(plus(n)).await;
        let d = D("moved into the block");
        let b = Box::pin(async move {
            let _inner = D("inner");
            yield_value(a * 2 + d.name().len() as u32, 2).await
        })
        .await;
        a + b + Box::pin(plus(b)).await
    }

    fn closure_mutates(v: Vec<u32>) -> u32 {
        let mut total = 0;
        {
            // Scoped: a closure borrowing `total` must not live across an await.
            let mut add = |x: u32| total += x;
            v.iter().for_each(|x| add(*x));
        }
        Yield::times(1).await;
        let doubled: Vec<u32> = v.into_iter().map(|x| x * 2).collect();
        Yield::times(1).await;
        total + doubled.iter().sum::<u32>()
    }

    // Closures next to scalar parameters that compile: `move` copies
    // `k`, a parameter of the closure hides it, one that borrows `k` is
    // used (and dropped) before the `.await`, and a reference parameter is
    // copied into the frame, not borrowed from it.
    fn closures_and_scalar_params(k: u32, s: &str) -> u32 {
        let shift = move |x: u32| x + k;
        let twice = |k: u32| k * 2;
        let len = || s.len() as u32;
        let first = {
            let plus = |x: u32| x + k;
            plus(1)
        };
        Yield::times(1).await;
        shift(1) + twice(3) + len() + first
    }

    // Closures that capture locals by reference (a format argument, a
    // scalar parameter, a field of a tuple parameter) and are not used
    // after the `.await`: `Copy`, so they are dropped there, as rustc's
    // liveness lets them die; the locals around them drop as before.
    fn borrowing_closures_dead_at_await(k: u32, pair: (u8, u8), name: String) -> String {
        let guard = D("guard");
        let p = D(name);
        let fmt = |x: u32| format!("{}-{x}", p.name());
        let shift = |x: u32| x + k;
        let get = || pair.0;
        let tag = format!("t{k}");
        let show = |x: u32| format!("{tag}:{x}");
        let a = fmt(shift(u32::from(get()))) + &show(1);
        Yield::times(1).await;
        let b = ready(k).await;
        drop(guard);
        format!("{a}/{b}/{}", p.name())
    }

    // `FnMut` closures that only borrow (a `&mut` to a counter, to a
    // `String`, to a `Vec` of values with a destructor), not used after
    // the `.await`: nothing to drop, so they end there, as in an `async
    // fn`; what they borrow drops where it did.
    fn mutating_closures_dead_at_await(k: u32) -> String {
        let mut n = 0;
        let mut inc = || n += 1;
        inc();
        let mut out = String::new();
        let mut log = |m: &str| out.push_str(m);
        log("a");
        let mut kept = vec![D("v0")];
        let mut push = |x: u32| {
            kept.push(D("v1"));
            println!("{k}{x}");
        };
        push(1);
        Yield::times(1).await;
        let b = ready(k).await;
        drop(kept);
        format!("{n}/{out}/{b}")
    }

    // The awaited expression reads what a dead `FnMut` closure borrowed
    // mutably: the closure ends before it, as its borrow does in rustc.
    fn awaited_reads_what_a_dead_closure_borrowed(k: u32) -> u32 {
        let mut n = 0;
        let mut inc = || n += k;
        inc();
        let m = yield_value(n, 1).await;
        let mut add = |x: u32| n += x;
        add(m);
        Yield::times(1).await;
        m + n
    }

    fn nested_items(n: u32) -> u32 {
        fn helper(x: u32) -> u32 {
            x * 2
        }
        const K: u32 = 7;
        struct Local(u32);
        impl Local {
            fn get(&self) -> u32 {
                self.0
            }
        }
        let l = Local(yield_value(n, 1).await);
        Yield::times(1).await;
        helper(l.get()) + K
    }

    fn std_macros(n: u32) -> String {
        let x = yield_value(n, 1).await;
        let v = vec![1, 2, x];
        println!("v = {v:?}");
        assert_eq!(v.len(), 3);
        assert!(matches!(v.as_slice(), [1, 2, _]));
        let y = ready(3).await;
        let mut s = format!("{}-{}", v.len(), y);
        write!(s, "/{x}").unwrap();
        eprintln!("s = {s}");
        Yield::times(1).await;
        s
    }

    fn macros_with_drops() -> Vec<D<String>> {
        let mut names = vec![D(format!("m{}", 0))];
        for i in 1..3 {
            let next = yield_value(D(format!("m{i}")), 1).await;
            names.push(next);
        }
        names
    }
}

#[test]
fn closures() {
    check!(closures(3));
}

#[test]
fn closure_makes_awaitable() {
    check!(closure_makes_awaitable(2));
}

#[test]
fn async_closures_and_blocks() {
    check!(async_closures_and_blocks(3));
}

#[test]
fn closure_mutates() {
    check!(closure_mutates(vec![1, 2, 3]));
}

#[test]
fn closures_and_scalar_params() {
    check!(closures_and_scalar_params(4, "four"));
}

#[test]
fn borrowing_closures_dead_at_await() {
    check!(borrowing_closures_dead_at_await(4, (2, 3), "p".to_owned()));
}

#[test]
fn mutating_closures_dead_at_await() {
    check!(mutating_closures_dead_at_await(3));
}

#[test]
fn awaited_reads_what_a_dead_closure_borrowed() {
    check!(awaited_reads_what_a_dead_closure_borrowed(3));
}

#[test]
fn nested_items() {
    check!(nested_items(4));
}

#[test]
fn std_macros() {
    check!(std_macros(9));
}

#[test]
fn macros_with_drops() {
    check!(macros_with_drops());
}
