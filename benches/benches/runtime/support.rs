//! Shared helpers of the contenders' task bodies: a countdown latch
//! (single-threaded and `Send` flavours), a future that polls another exactly
//! once, and small measuring helpers.

use std::cell::Cell;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

/// Counts down from `n`; the last `count_down` wakes the waiter.
pub struct Latch {
    left: Cell<usize>,
    waker: Cell<Option<Waker>>,
}

impl Latch {
    pub fn new(n: usize) -> Rc<Latch> {
        Rc::new(Latch {
            left: Cell::new(n),
            waker: Cell::new(None),
        })
    }

    pub fn count_down(&self) {
        let left = self.left.get() - 1;
        self.left.set(left);
        if left == 0
            && let Some(w) = self.waker.take()
        {
            w.wake();
        }
    }
}

/// Waits for a [`Latch`] to reach zero (owns a clone: nothing borrowed).
pub struct LatchWait(Rc<Latch>);

pub fn wait(latch: Rc<Latch>) -> LatchWait {
    LatchWait(latch)
}

impl Future for LatchWait {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0.left.get() == 0 {
            return Poll::Ready(());
        }
        self.0.waker.set(Some(cx.waker().clone()));
        Poll::Pending
    }
}

/// The `Send` latch for `tokio::spawn`: one atomic decrement per task, as in
/// tokio's own benches.
pub struct SyncLatch {
    left: AtomicUsize,
    waker: Mutex<Option<Waker>>,
}

impl SyncLatch {
    pub fn new(n: usize) -> Arc<SyncLatch> {
        Arc::new(SyncLatch {
            left: AtomicUsize::new(n),
            waker: Mutex::new(None),
        })
    }

    pub fn count_down(&self) {
        if self.left.fetch_sub(1, Ordering::AcqRel) == 1
            && let Some(w) = self.waker.lock().unwrap().take()
        {
            w.wake();
        }
    }

    pub async fn wait(&self) {
        std::future::poll_fn(|cx| {
            if self.left.load(Ordering::Acquire) == 0 {
                return Poll::Ready(());
            }
            *self.waker.lock().unwrap() = Some(cx.waker().clone());
            if self.left.load(Ordering::Acquire) == 0 {
                return Poll::Ready(());
            }
            Poll::Pending
        })
        .await
    }
}

/// Polls the inner future once (registering it), then is ready; the inner
/// future is dropped with this one.
pub struct PollOnce<F>(F);

pub fn poll_once<F: Future + Unpin>(f: F) -> PollOnce<F> {
    PollOnce(f)
}

impl<F: Future + Unpin> Future for PollOnce<F> {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let _ = Pin::new(&mut self.0).poll(cx);
        Poll::Ready(())
    }
}

pub(super) fn loopback() -> SocketAddr {
    "127.0.0.1:0".parse().expect("loopback address")
}

pub(super) fn ns_since(start: Instant, ops: usize) -> f64 {
    start.elapsed().as_nanos() as f64 / ops.max(1) as f64
}

/// Lateness of a wake-up, in nanoseconds.
pub(super) fn lateness(start: Instant, d: Duration) -> u64 {
    start.elapsed().saturating_sub(d).as_nanos() as u64
}
