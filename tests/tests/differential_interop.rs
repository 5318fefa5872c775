//! Differential tests: machines and rustc futures awaiting each other — a
//! `#[coro]` awaited from an `async fn` / `async` block, a boxed rustc future
//! awaited from a `#[coro]`, and `#[coro]` machines run by tokio (awaiting a
//! boxed `tokio::time::sleep`, spawned, cancelled by a timeout, awaiting a
//! oneshot receiver).
use std::time::{Duration, Instant};

use coro_tests::*;
use tokio::sync::oneshot;

/// A rustc future, awaited boxed from both flavours.
async fn plain_async(n: u32) -> u32 {
    let _d = D("in async");
    Yield::times(2).await;
    n + 1
}

differential! {
    fn leaf(n: u32) -> u32 {
        let _leaf = D("leaf");
        Yield::times(n).await;
        n * 2
    }

    fn awaits_boxed_async(n: u32) -> u32 {
        let _d = D("holder");
        let a = Box::pin(plain_async(n)).await;
        a + leaf(1).await
    }

    fn awaits_boxed_block(n: u32) -> u32 {
        let held = D("moved into block");
        let v = Box::pin(async move {
            Yield::times(1).await;
            held.name().len() as u32
        })
        .await;
        v + n
    }

    fn sleepy(ms: u64) -> u64 {
        let _d = D("sleeper");
        Box::pin(tokio::time::sleep(Duration::from_millis(ms))).await;
        let x = leaf(1).await;
        Box::pin(tokio::task::yield_now()).await;
        ms + u64::from(x)
    }

    fn receive(rx: oneshot::Receiver<D>) -> String {
        let _r = D("receiver");
        let d = rx.await.expect("sender dropped");
        Yield::times(1).await;
        d.name().to_owned()
    }
}

/// The same `async fn` awaiting either flavour.
async fn async_awaits_coro(n: u32) -> u32 {
    let _outer = D("async outer");
    coro_v::leaf(n).await + 1
}

async fn async_awaits_async(n: u32) -> u32 {
    let _outer = D("async outer");
    async_v::leaf(n).await + 1
}

#[test]
fn coro_awaited_from_async_fn() {
    check_futures(
        "async_awaits",
        || async_awaits_coro(2),
        || async_awaits_async(2),
    );
}

#[test]
fn coro_awaited_from_async_block() {
    check_futures(
        "async_block_awaits",
        || async {
            let _b = D("block");
            coro_v::awaits_boxed_async(1).await + coro_v::leaf(1).await
        },
        || async {
            let _b = D("block");
            async_v::awaits_boxed_async(1).await + async_v::leaf(1).await
        },
    );
}

#[test]
fn boxed_rustc_future_in_coro() {
    check!(awaits_boxed_async(3));
    check!(awaits_boxed_block(1));
}

fn current_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

/// Runs `fut` on a fresh current-thread runtime; output and log.
fn tokio_run<F: core::future::Future>(fut: F) -> (F::Output, Vec<String>) {
    let rt = current_thread();
    log::take();
    let out = rt.block_on(fut);
    (out, log::take())
}

#[test]
fn tokio_block_on_with_sleep() {
    let start = Instant::now();
    let coro = tokio_run(coro_v::sleepy(20));
    assert!(
        start.elapsed() >= Duration::from_millis(20),
        "the sleep was not awaited"
    );
    assert_eq!(coro, tokio_run(async_v::sleepy(20)));
}

#[test]
fn tokio_spawn() {
    let coro = tokio_run(async { tokio::spawn(coro_v::sleepy(1)).await.expect("task") });
    let asyn = tokio_run(async { tokio::spawn(async_v::sleepy(1)).await.expect("task") });
    assert_eq!(coro, asyn);
}

#[test]
fn tokio_timeout_cancels() {
    let limit = Duration::from_millis(10);
    let coro = tokio_run(async {
        tokio::time::timeout(limit, coro_v::sleepy(60_000))
            .await
            .is_err()
    });
    let asyn = tokio_run(async {
        tokio::time::timeout(limit, async_v::sleepy(60_000))
            .await
            .is_err()
    });
    assert_eq!(coro, (true, vec!["drop sleeper".to_owned()]));
    assert_eq!(coro, asyn);
}

#[test]
fn tokio_oneshot() {
    async fn send_later(tx: oneshot::Sender<D>) {
        tokio::time::sleep(Duration::from_millis(5)).await;
        assert!(tx.send(D("sent")).is_ok());
    }
    let coro = tokio_run(async {
        let (tx, rx) = oneshot::channel();
        tokio::spawn(send_later(tx));
        coro_v::receive(rx).await
    });
    let asyn = tokio_run(async {
        let (tx, rx) = oneshot::channel();
        tokio::spawn(send_later(tx));
        async_v::receive(rx).await
    });
    assert_eq!(coro, asyn);
}
