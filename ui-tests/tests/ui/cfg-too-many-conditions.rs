use coro_runtime::coro;

fn tick() -> std::future::Ready<()> {
    std::future::ready(())
}

#[coro]
fn many_features() {
    #[cfg(feature = "a")]
    tick().await;
    #[cfg(feature = "b")]
    tick().await;
    #[cfg(feature = "c")]
    tick().await;
    #[cfg(feature = "d")]
    tick().await;
    #[cfg(feature = "e")]
    tick().await;
}

fn main() {}
