//! `next_owned(s).await`: the next item of a stream taken by value, handed
//! back with the stream, so a `#[coro]` body can loop over a stream that is
//! one of its locals without holding a borrow of it across the await.
//! (`StreamExt::next` returns a future borrowing the stream.)

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use coro_runtime::Stream;

/// See the module docs: `let (item, rest) = next_owned(s).await;`.
pub fn next_owned<S: Stream + Unpin>(stream: S) -> NextOwned<S> {
    NextOwned {
        stream: Some(stream),
    }
}

/// The future of [`next_owned`].
#[derive(Debug)]
pub struct NextOwned<S> {
    stream: Option<S>,
}

impl<S> Unpin for NextOwned<S> {}

impl<S: Stream + Unpin> Future for NextOwned<S> {
    type Output = (Option<S::Item>, S);
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let stream = self
            .stream
            .as_mut()
            .expect("`NextOwned` polled after completion");
        match Pin::new(stream).poll_next(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(item) => Poll::Ready((item, self.stream.take().expect("stream"))),
        }
    }
}
