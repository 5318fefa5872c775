//! `clone` on `#[coro]` and `#[async_iter]`: the machine is `Clone` (its
//! frame derives `Clone` only then), and a clone taken while suspended
//! continues on its own from the same point. Without `clone` the returned
//! `impl Trait` does not promise `Clone` (see the ui-tests).
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use coro_runtime::Stream;
use coro_runtime::yield_;

/// `Pending` once, then ready with the value; `Clone`, as `clone` requires
/// of every awaitee.
#[derive(Clone, Debug)]
struct Later {
    value: u32,
    pending: bool,
}

impl Future for Later {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        if self.pending {
            self.pending = false;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        Poll::Ready(self.value)
    }
}

fn later(value: u32) -> Later {
    Later {
        value,
        pending: true,
    }
}

#[coro_runtime::coro(clone)]
fn squares(n: u32) -> Vec<u32> {
    let mut seen = Vec::new();
    for i in 0..n {
        let v = later(i).await;
        seen.push(v * v);
    }
    seen
}

#[coro_runtime::async_iter(yield = u32, clone)]
fn doubled(n: u32) {
    for i in 0..n {
        let v = later(i).await;
        yield_!(v * 2);
    }
}

/// Polls to completion; returns the output and how many polls said `Pending`.
fn run<F: Future + Unpin>(mut f: F) -> (F::Output, usize) {
    let mut cx = Context::from_waker(Waker::noop());
    let mut pending = 0;
    loop {
        match Pin::new(&mut f).poll(&mut cx) {
            Poll::Ready(v) => return (v, pending),
            Poll::Pending => pending += 1,
        }
    }
}

/// Collects a stream's items.
fn collect<S: Stream + Unpin>(mut s: S) -> Vec<S::Item> {
    let mut cx = Context::from_waker(Waker::noop());
    let mut items = Vec::new();
    loop {
        match Pin::new(&mut s).poll_next(&mut cx) {
            Poll::Ready(Some(item)) => items.push(item),
            Poll::Ready(None) => return items,
            Poll::Pending => {}
        }
    }
}

#[test]
fn coroutine_forks_while_suspended() {
    let mut cx = Context::from_waker(Waker::noop());
    let mut a = squares(4);
    // Into the loop: i = 0 done, suspended at i = 1's await.
    assert!(Pin::new(&mut a).poll(&mut cx).is_pending());
    assert!(Pin::new(&mut a).poll(&mut cx).is_pending());
    let b = a.clone();
    let (out_a, pending_a) = run(a);
    let (out_b, pending_b) = run(b);
    assert_eq!(out_a, [0, 1, 4, 9]);
    assert_eq!(out_b, out_a);
    // Each resumes from the same point: i = 1's awaitee, cloned after its
    // one `Pending`, is ready; i = 2 and i = 3 each say `Pending` once.
    assert_eq!((pending_a, pending_b), (2, 2));
}

#[test]
fn coroutine_clone_before_start_runs_from_the_start() {
    let a = squares(3);
    let b = a.clone();
    assert_eq!(run(a), (vec![0, 1, 4], 3));
    assert_eq!(run(b), (vec![0, 1, 4], 3));
}

#[test]
fn stream_forks_while_suspended() {
    let mut cx = Context::from_waker(Waker::noop());
    let mut a = doubled(4);
    assert!(Pin::new(&mut a).poll_next(&mut cx).is_pending());
    assert_eq!(Pin::new(&mut a).poll_next(&mut cx), Poll::Ready(Some(0)));
    let b = a.clone();
    assert_eq!(collect(a), [2, 4, 6]);
    assert_eq!(collect(b), [2, 4, 6]);
}
