//! Differential tests: machines awaiting machines, three levels deep, with
//! values alive at every level.
use coro_tests::*;

differential! {
    // Recursion: a machine cannot hold one of its own type (the macro says
    // so), so the recursive calls are boxed behind `dyn Future`.
    fn fib(n: u64) -> u64 {
        let _frame = D(format!("fib {n}"));
        if n < 2 {
            yield_value(n, 1).await
        } else {
            let a: std::pin::Pin<Box<dyn std::future::Future<Output = _>>> = Box::pin(fib(n - 1));
            let b: std::pin::Pin<Box<dyn std::future::Future<Output = _>>> = Box::pin(fib(n - 2));
            a.await + b.await
        }
    }

    fn level3(d: D, n: u32) -> u32 {
        let _l3 = D("l3");
        Probe::new("leaf", n).await;
        drop(d);
        Yield::times(1).await;
        n
    }

    fn level2(n: u32) -> u32 {
        let _l2 = D("l2");
        let a = level3(D("arg3a"), n).await;
        let b = level3(D("arg3b"), 1).await;
        a + b
    }

    fn level1(n: u32) -> u32 {
        let _l1 = D("l1");
        level2(n).await * 10 + level2(0).await
    }

    fn nested_in_loop(n: u32) -> u32 {
        let mut total = 0;
        for i in 0..n {
            let _it = D("it");
            total += level2(i).await;
        }
        total
    }

    fn nested_as_argument(n: u32) -> u32 {
        level3(D("outer arg"), level2(n).await).await
    }

    fn nested_result(n: u32) -> Result<u32, u32> {
        let _r = D("result");
        let v = fallible(n).await?;
        Ok(v + fallible(v).await?)
    }

    fn fallible(n: u32) -> Result<u32, u32> {
        let _f = D("fallible");
        let x = level1(n).await;
        if x > 100 { Err(x) } else { Ok(x + 1) }
    }
}

#[test]
fn three_levels() {
    check!(level1(2));
    check!(level1(0));
}

#[test]
fn nested_in_loop() {
    check!(nested_in_loop(3));
}

#[test]
fn nested_as_argument() {
    check!(nested_as_argument(1));
}

#[test]
fn nested_result() {
    check!(nested_result(0));
    check!(nested_result(3));
}

#[test]
fn fib() {
    for n in [0, 1, 5] {
        check!(fib(n));
    }
}
