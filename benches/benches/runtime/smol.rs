//! smol: async-executor's LocalExecutor (thread-local) driven by async-io.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use std::time::{Duration, Instant};

use async_executor::{LocalExecutor, Task};
use async_io::{Async, Timer};
use futures_lite::{AsyncReadExt, AsyncWriteExt};

use super::MSG;
use super::allocator::{start_counting, stop_counting};
use super::support::{Latch, lateness, loopback, poll_once, wait};

thread_local! {
    static EX: LocalExecutor<'static> = const { LocalExecutor::new() };
}

fn spawn<T: 'static>(f: impl Future<Output = T> + 'static) -> Task<T> {
    EX.with(|ex| ex.spawn(f))
}

pub fn block_on<T>(f: impl Future<Output = T>) -> T {
    EX.with(|ex| async_io::block_on(ex.run(f)))
}

pub async fn spawn_many(n: usize) {
    let latch = Latch::new(n);
    for _ in 0..n {
        let latch = latch.clone();
        spawn(async move { latch.count_down() }).detach();
    }
    wait(latch).await;
}

pub async fn yield_many(tasks: usize, yields: usize) {
    let latch = Latch::new(tasks);
    for _ in 0..tasks {
        let latch = latch.clone();
        spawn(async move {
            for _ in 0..yields {
                futures_lite::future::yield_now().await;
            }
            latch.count_down();
        })
        .detach();
    }
    wait(latch).await;
}

fn link(n: usize, latch: Rc<Latch>) {
    spawn(async move {
        if n == 0 {
            latch.count_down();
        } else {
            link(n - 1, latch);
        }
    })
    .detach();
}

pub async fn chained_spawn(depth: usize) {
    let latch = Latch::new(1);
    link(depth - 1, latch.clone());
    wait(latch).await;
}

pub async fn ping_pong(n: usize) {
    let latch = Latch::new(n);
    for _ in 0..n {
        let latch = latch.clone();
        spawn(async move {
            let one = spawn(async { 1u32 }).await;
            assert_eq!(one, 1);
            latch.count_down();
        })
        .detach();
    }
    wait(latch).await;
}

pub async fn timer_churn(n: usize) {
    for _ in 0..n {
        poll_once(Timer::after(Duration::from_secs(10))).await;
    }
}

pub async fn sleep_lateness(n: usize, d: Duration) -> Vec<u64> {
    let handles: Vec<_> = (0..n)
        .map(|_| {
            spawn(async move {
                let start = Instant::now();
                Timer::after(d).await;
                lateness(start, d)
            })
        })
        .collect();
    let mut out = Vec::with_capacity(n);
    for h in handles {
        out.push(h.await);
    }
    out
}

pub async fn echo(conns: usize, dur: Duration, max: usize) -> (Vec<u32>, Duration) {
    let listener = Async::<std::net::TcpListener>::bind(loopback()).expect("bind");
    let addr = listener.get_ref().local_addr().expect("addr");
    let acceptor = spawn(async move {
        let mut servers = Vec::with_capacity(conns);
        for _ in 0..conns {
            let (mut stream, _) = listener.accept().await.expect("accept");
            servers.push(spawn(async move {
                stream.get_ref().set_nodelay(true).expect("nodelay");
                let mut buf = vec![0u8; 4096];
                loop {
                    let n = match stream.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => n,
                    };
                    if stream.write_all(&buf[..n]).await.is_err() {
                        return;
                    }
                }
            }));
        }
        servers
    });
    let start = Instant::now();
    let until = start + dur;
    let clients: Vec<_> = (0..conns)
        .map(|_| {
            spawn(async move {
                let mut stream = Async::<std::net::TcpStream>::connect(addr)
                    .await
                    .expect("connect");
                stream.get_ref().set_nodelay(true).expect("nodelay");
                let mut latencies = Vec::with_capacity(max.min(1 << 16));
                let msg = [7u8; MSG];
                let mut reply = [0u8; 256];
                while latencies.len() < max && Instant::now() < until {
                    let t = Instant::now();
                    stream.write_all(&msg).await.expect("client write");
                    let mut got = 0;
                    while got < MSG {
                        let n = stream.read(&mut reply[got..]).await.expect("client read");
                        assert_ne!(n, 0, "server closed early");
                        got += n;
                    }
                    latencies.push(t.elapsed().as_nanos() as u32);
                }
                latencies
            })
        })
        .collect();
    let mut all = Vec::new();
    for c in clients {
        all.extend(c.await);
    }
    let elapsed = start.elapsed();
    let servers = acceptor.await;
    for s in servers {
        futures_lite::future::or(s, async {
            Timer::after(Duration::from_secs(10)).await;
            panic!("server timed out");
        })
        .await;
    }
    (all, elapsed)
}

pub async fn spawn_empty(n: usize) -> isize {
    let mut handles = Vec::with_capacity(n);
    let before = start_counting();
    for _ in 0..n {
        handles.push(spawn(async {}));
    }
    let delta = stop_counting(before);
    for h in handles {
        h.await;
    }
    delta
}

/// [`spawn_empty`] on a fresh executor.
pub fn spawn_empty_fresh(n: usize) -> isize {
    let ex = LocalExecutor::new();
    async_io::block_on(ex.run(async {
        let mut handles = Vec::with_capacity(n);
        let before = start_counting();
        for _ in 0..n {
            handles.push(ex.spawn(async {}));
        }
        let delta = stop_counting(before);
        for h in handles {
            h.await;
        }
        delta
    }))
}

/// On its own executor, dropped (with its tasks) at the end.
pub fn many_sleepers(n: usize) {
    let ex = LocalExecutor::new();
    let registered = Rc::new(Cell::new(0usize));
    for _ in 0..n {
        let registered = registered.clone();
        ex.spawn(async move {
            registered.set(registered.get() + 1);
            Timer::after(Duration::from_secs(600)).await;
        })
        .detach();
    }
    let start = Instant::now();
    async_io::block_on(ex.run(async {
        while registered.get() < n && start.elapsed() < Duration::from_secs(60) {
            futures_lite::future::yield_now().await;
        }
    }));
    if !cfg!(test) {
        // The child process exits right after; skip dropping 1M timers.
        std::mem::forget(ex);
    }
}
