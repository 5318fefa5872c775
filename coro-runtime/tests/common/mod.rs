//! Small helpers shared by the runtime tests: futures that count their
//! polls and drops, written by hand (`Future + Unpin + Trace`).
#![allow(dead_code)]

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

/// Implements `Trace` for a hand-written test future: a leaf (no awaitee)
/// that never reports a resume point.
#[macro_export]
macro_rules! leaf_trace {
    ($name:literal, $($ty:tt)+) => {
        impl $($ty)+ {
            fn name(&self) -> &'static str {
                $name
            }
            fn state(&self) -> ::coro_runtime::MachineState {
                ::coro_runtime::MachineState::Unresumed
            }
            fn awaitee(&self) -> Option<&dyn ::coro_runtime::Trace> {
                None
            }
        }
    };
}

leaf_trace!("tests::CountPolls", <T> ::coro_runtime::Trace for CountPolls<T>);
leaf_trace!("tests::Forever", ::coro_runtime::Trace for Forever);

/// Counts its drops.
#[derive(Clone, Default)]
pub struct DropCounter(pub Rc<Cell<usize>>);

impl DropCounter {
    pub fn count(&self) -> usize {
        self.0.get()
    }
    pub fn token(&self) -> DropToken {
        DropToken(self.0.clone())
    }
}

pub struct DropToken(Rc<Cell<usize>>);

impl Drop for DropToken {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
    }
}

/// Pending `pending` times (waking itself each time), then ready with
/// `value`; counts its polls.
pub struct CountPolls<T> {
    pub pending: usize,
    pub polls: Rc<Cell<usize>>,
    pub value: Option<T>,
}

impl<T> CountPolls<T> {
    pub fn new(pending: usize, value: T) -> (Self, Rc<Cell<usize>>) {
        let polls = Rc::new(Cell::new(0));
        (
            CountPolls {
                pending,
                polls: polls.clone(),
                value: Some(value),
            },
            polls,
        )
    }
}

impl<T> Unpin for CountPolls<T> {}

impl<T> Future for CountPolls<T> {
    type Output = T;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        self.polls.set(self.polls.get() + 1);
        if self.pending == 0 {
            return Poll::Ready(self.value.take().expect("polled after completion"));
        }
        self.pending -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// Never completes and never wakes; holds a drop token.
pub struct Forever(pub DropToken);

impl Future for Forever {
    type Output = ();
    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        Poll::Pending
    }
}

pub fn rt() -> coro_runtime::Runtime {
    coro_runtime::Runtime::new().expect("runtime")
}
