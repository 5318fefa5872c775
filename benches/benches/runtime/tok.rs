//! tokio current_thread, `tokio::spawn` with `Send` state.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::MSG;
use super::allocator::{start_counting, stop_counting};
use super::support::{SyncLatch, lateness, loopback, poll_once};

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

pub async fn spawn_many(n: usize) {
    let latch = SyncLatch::new(n);
    for _ in 0..n {
        let latch = latch.clone();
        tokio::spawn(async move { latch.count_down() });
    }
    latch.wait().await;
}

pub async fn yield_many(tasks: usize, yields: usize) {
    let latch = SyncLatch::new(tasks);
    for _ in 0..tasks {
        let latch = latch.clone();
        tokio::spawn(async move {
            for _ in 0..yields {
                tokio::task::yield_now().await;
            }
            latch.count_down();
        });
    }
    latch.wait().await;
}

fn link(n: usize, latch: Arc<SyncLatch>) {
    tokio::spawn(async move {
        if n == 0 {
            latch.count_down();
        } else {
            link(n - 1, latch);
        }
    });
}

pub async fn chained_spawn(depth: usize) {
    let latch = SyncLatch::new(1);
    link(depth - 1, latch.clone());
    latch.wait().await;
}

pub async fn ping_pong(n: usize) {
    let latch = SyncLatch::new(n);
    for _ in 0..n {
        let latch = latch.clone();
        tokio::spawn(async move {
            let one = tokio::spawn(async { 1u32 }).await.expect("pong");
            assert_eq!(one, 1);
            latch.count_down();
        });
    }
    latch.wait().await;
}

pub async fn timer_churn(n: usize) {
    for _ in 0..n {
        let s = tokio::time::sleep(Duration::from_secs(10));
        let mut s = std::pin::pin!(s);
        poll_once(s.as_mut()).await;
    }
}

pub async fn sleep_lateness(n: usize, d: Duration) -> Vec<u64> {
    let handles: Vec<_> = (0..n)
        .map(|_| {
            tokio::spawn(async move {
                let start = Instant::now();
                tokio::time::sleep(d).await;
                lateness(start, d)
            })
        })
        .collect();
    let mut out = Vec::with_capacity(n);
    for h in handles {
        out.push(h.await.expect("sleeper"));
    }
    out
}

pub async fn echo(conns: usize, dur: Duration, max: usize) -> (Vec<u32>, Duration) {
    let listener = tokio::net::TcpListener::bind(loopback())
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let acceptor = tokio::spawn(async move {
        let mut servers = Vec::with_capacity(conns);
        for _ in 0..conns {
            let (mut stream, _) = listener.accept().await.expect("accept");
            servers.push(tokio::spawn(async move {
                stream.set_nodelay(true).expect("nodelay");
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
            tokio::spawn(async move {
                let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
                stream.set_nodelay(true).expect("nodelay");
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
        all.extend(c.await.expect("client"));
    }
    let elapsed = start.elapsed();
    let servers = tokio::time::timeout(Duration::from_secs(10), acceptor)
        .await
        .expect("acceptor timed out")
        .expect("acceptor");
    for s in servers {
        tokio::time::timeout(Duration::from_secs(10), s)
            .await
            .expect("server timed out")
            .expect("server");
    }
    (all, elapsed)
}

pub async fn spawn_empty(n: usize) -> isize {
    let mut handles = Vec::with_capacity(n);
    let before = start_counting();
    for _ in 0..n {
        handles.push(tokio::spawn(async {}));
    }
    let delta = stop_counting(before);
    for h in handles {
        h.await.expect("empty");
    }
    delta
}

pub static REGISTERED: AtomicUsize = AtomicUsize::new(0);

pub async fn many_sleepers(n: usize) {
    REGISTERED.store(0, Ordering::Relaxed);
    for _ in 0..n {
        tokio::spawn(async {
            REGISTERED.fetch_add(1, Ordering::Relaxed);
            tokio::time::sleep(Duration::from_secs(600)).await;
        });
    }
    let start = Instant::now();
    while REGISTERED.load(Ordering::Relaxed) < n && start.elapsed() < Duration::from_secs(60) {
        tokio::task::yield_now().await;
    }
}
