//! Interop: an `#[async_iter]` consumed with `futures::StreamExt` (`next`,
//! `collect`, `map`, `filter`, `take`, `zip`, `fold`), driven by
//! `futures::executor::block_on`; and a `take` that stops early drops it.
use futures::StreamExt;
use futures::executor::block_on;

use coro_tests::*;

#[coro_runtime::async_iter(yield = u32)]
fn numbers(n: u32, guard: D) {
    for i in 0..n {
        if i % 2 == 1 {
            Yield::times(1).await;
        }
        yield_!(i);
    }
    drop(guard);
}

#[test]
fn next_in_async_block() {
    log::take();
    block_on(async {
        let mut s = numbers(3, D("g"));
        assert_eq!(s.next().await, Some(0));
        assert_eq!(s.next().await, Some(1));
        assert_eq!(s.next().await, Some(2));
        assert_eq!(s.next().await, None);
        assert_eq!(s.next().await, None);
    });
    assert_eq!(log::take(), ["drop g"]);
}

#[test]
fn collect_and_combinators() {
    let all: Vec<u32> = block_on(numbers(5, D("g")).collect());
    assert_eq!(all, [0, 1, 2, 3, 4]);
    let doubled: Vec<u32> = block_on(
        numbers(5, D("g"))
            .map(|x| x * 2)
            .filter(|x| futures::future::ready(*x > 2))
            .collect(),
    );
    assert_eq!(doubled, [4, 6, 8]);
    let sum = block_on(numbers(4, D("g")).fold(0, |acc, x| async move { acc + x }));
    assert_eq!(sum, 6);
    let zipped: Vec<(u32, u32)> =
        block_on(numbers(3, D("a")).zip(numbers(5, D("b")).skip(2)).collect());
    assert_eq!(zipped, [(0, 2), (1, 3), (2, 4)]);
    log::take();
}

#[test]
fn take_drops_early() {
    log::take();
    let first: Vec<u32> = block_on(numbers(100, D("g")).take(2).collect());
    assert_eq!(first, [0, 1]);
    assert_eq!(log::take(), ["drop g"]);
}

#[test]
fn works_on_tokio() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let v: Vec<u32> = rt.block_on(numbers(3, D("g")).collect());
    assert_eq!(v, [0, 1, 2]);
    log::take();
}
