//! Hand-written `Future + Unpin` leaves to await. Each one that returns
//! `Pending` wakes its waker first, as a well-behaved future must.

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use crate::log;

/// Returns `Pending` `n` times, then `Ready(())`.
#[derive(Debug)]
pub struct Yield {
    left: u32,
}

impl Yield {
    /// A future that is `Pending` for its first `n` polls.
    pub fn times(n: u32) -> Yield {
        Yield { left: n }
    }
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            return Poll::Ready(());
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// Ready on its first poll with the value it holds.
#[derive(Debug)]
pub struct Ready<T>(Option<T>);

/// A future that is ready at once with `value` (no suspension).
pub fn ready<T>(value: T) -> Ready<T> {
    Ready(Some(value))
}

// Never pinned structurally: the value is moved out through `&mut`.
impl<T> Unpin for Ready<T> {}

impl<T> Future for Ready<T> {
    type Output = T;
    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<T> {
        Poll::Ready(self.0.take().expect("`Ready` polled after completion"))
    }
}

/// Returns `Pending` `n` times, then `Ready` with the value it holds; the
/// value is dropped with the future if it is cancelled first.
#[derive(Debug)]
pub struct YieldValue<T> {
    value: Option<T>,
    left: u32,
}

/// A future that is `Pending` for its first `n` polls, then ready with `value`.
pub fn yield_value<T>(value: T, n: u32) -> YieldValue<T> {
    YieldValue {
        value: Some(value),
        left: n,
    }
}

// Never pinned structurally: the value is moved out through `&mut`.
impl<T> Unpin for YieldValue<T> {}

impl<T> Future for YieldValue<T> {
    type Output = T;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        if self.left == 0 {
            return Poll::Ready(
                self.value
                    .take()
                    .expect("`YieldValue` polled after completion"),
            );
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// Logs `poll <name>` on every poll and `drop <name>` when dropped, so the
/// log shows when the awaiting code polls it and when it lets go of it.
/// `Pending` for its first `n` polls, then ready with its name.
#[derive(Debug)]
pub struct Probe {
    name: &'static str,
    left: u32,
}

impl Probe {
    /// A probe named `name` that is `Pending` for its first `n` polls.
    pub fn new(name: &'static str, n: u32) -> Probe {
        Probe { name, left: n }
    }
}

impl Future for Probe {
    type Output = &'static str;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        log::push(format!("poll {}", self.name));
        if self.left == 0 {
            return Poll::Ready(self.name);
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

impl Drop for Probe {
    fn drop(&mut self) {
        log::push(format!("drop {}", self.name));
    }
}
