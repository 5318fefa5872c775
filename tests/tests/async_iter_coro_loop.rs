//! Interop: an `#[async_iter]` consumed from a `#[coro]` loop, through the
//! owned `next_owned(s).await` (a `StreamExt::next` future would borrow a
//! frame local across the await), and a stream of `#[async_iter]`s nested.
use coro_tests::*;

#[coro_runtime::async_iter(yield = u32)]
fn source(n: u32, guard: D) {
    for i in 0..n {
        Yield::times(1).await;
        yield_!(i * 10);
    }
    drop(guard);
}

#[coro_runtime::coro]
fn consume(n: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let mut s = source(n, D("src"));
    loop {
        let (item, rest) = next_owned(s).await;
        s = rest;
        match item {
            Some(v) => out.push(v),
            None => break,
        }
    }
    out
}

#[coro_runtime::coro]
fn consume_while_let(n: u32) -> u32 {
    let mut total = 0;
    let (mut item, mut s) = next_owned(source(n, D("src"))).await;
    while let Some(v) = item {
        total += v;
        Yield::times(1).await;
        (item, s) = next_owned(s).await;
    }
    drop(s);
    total
}

#[coro_runtime::async_iter(yield = u32)]
fn relay(n: u32) {
    let (mut item, mut s) = next_owned(source(n, D("inner"))).await;
    while let Some(v) = item {
        yield_!(v + 1);
        (item, s) = next_owned(s).await;
    }
}

#[test]
fn coro_loop_over_stream() {
    log::take();
    let (out, pendings) = run(consume(3));
    assert_eq!(out, [0, 10, 20]);
    assert_eq!(pendings, 3);
    assert_eq!(log::take(), ["drop src"]);
}

#[test]
fn coro_while_let_over_stream() {
    {
        log::take();
        let (total, _) = run(consume_while_let(4));
        assert_eq!(total, 60);
        assert_eq!(log::take(), ["drop src"]);
    }
}

#[test]
fn coro_dropped_mid_stream_drops_it() {
    use core::future::Future;
    use core::task::{Context, Poll, Waker};
    log::take();
    let mut c = consume(5);
    let mut cx = Context::from_waker(Waker::noop());
    assert!(matches!(
        core::pin::Pin::new(&mut c).poll(&mut cx),
        Poll::Pending
    ));
    assert!(log::take().is_empty());
    drop(c);
    assert_eq!(log::take(), ["drop src"]);
}

#[test]
fn async_iter_relaying_another() {
    {
        use futures::StreamExt;
        log::take();
        let v: Vec<u32> = futures::executor::block_on(relay(3).collect());
        assert_eq!(v, [1, 11, 21]);
        assert_eq!(log::take(), ["drop inner"]);
    }
}
