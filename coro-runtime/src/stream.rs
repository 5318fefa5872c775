//! Consuming streams from a `#[coro]` body.
//!
//! `futures::StreamExt::next(&mut s)` returns a future that borrows `s`; with
//! `s` a local of a `#[coro]` body that is a borrow of a frame local across
//! an `.await`, which a movable frame cannot hold. [`next`] takes the stream
//! by value and hands it back with the item instead:
//!
//! ```
//! use coro_runtime::prelude::*;
//! use coro_runtime::stream::next;
//!
//! #[async_iter(yield = u32)]
//! fn numbers() {
//!     for n in 1..=3 {
//!         yield_!(n);
//!     }
//! }
//!
//! #[coro]
//! fn total() -> u32 {
//!     let mut sum = 0;
//!     let mut numbers = numbers();
//!     loop {
//!         let (item, rest) = next(numbers).await;
//!         numbers = rest;
//!         match item {
//!             Some(n) => sum += n,
//!             None => return sum,
//!         }
//!     }
//! }
//!
//! let rt = Runtime::new().unwrap();
//! assert_eq!(rt.block_on(total()), 6);
//! ```

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use futures_core::Stream;

use crate::coroutine::{MachineState, Trace};

/// The next item of `stream`, and the stream itself: `(Option<Item>, S)`.
pub fn next<S: Stream + Unpin>(stream: S) -> Next<S> {
    Next {
        stream: Some(stream),
    }
}

/// The future returned by [`next`].
#[derive(Debug)]
#[must_use = "futures do nothing unless awaited"]
pub struct Next<S> {
    stream: Option<S>,
}

impl<S: Stream + Unpin> Future for Next<S> {
    type Output = (Option<S::Item>, S);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let stream = self
            .stream
            .as_mut()
            .expect("`stream::next` polled after it completed");
        match Pin::new(stream).poll_next(cx) {
            Poll::Ready(item) => Poll::Ready((item, self.stream.take().expect("stream"))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<S> Trace for Next<S> {
    fn name(&self) -> &'static str {
        "coro_runtime::stream::next"
    }
    fn state(&self) -> MachineState {
        if self.stream.is_some() {
            MachineState::Unresumed
        } else {
            MachineState::Returned
        }
    }
    fn awaitee(&self) -> Option<&dyn Trace> {
        None
    }
}
