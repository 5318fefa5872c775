use coro_runtime::coro;

struct Pinned {
    inner: std::future::Pending<u32>,
    _pin: std::marker::PhantomPinned,
}

impl std::future::Future for Pinned {
    type Output = u32;
    fn poll(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<u32> {
        let _ = &self.inner;
        std::task::Poll::Pending
    }
}

#[coro]
fn awaits_pinned() -> u32 {
    let p = Pinned {
        inner: std::future::pending(),
        _pin: std::marker::PhantomPinned,
    };
    p.await
}

fn main() {}
