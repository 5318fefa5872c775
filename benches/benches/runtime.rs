//! The runtime benchmark of issue 5: coro's single-threaded runtime against
//! tokio's `current_thread` runtime and smol's `LocalExecutor`, in one run,
//! one table. See BENCHMARKS.md for the method and the latest figures.
//!
//! `cargo bench -p coro-benches --bench runtime` (about 1-2 minutes);
//! `-- --smoke` for tiny counts (what `tests/smoke.rs` runs).
//!
//! Contenders:
//!
//! - **ours**: `coro_runtime::Runtime`, every task body a `#[coro]` function,
//!   shared state in `Rc`/`Cell`.
//! - **tokio**: `Builder::new_current_thread().enable_all()`, tasks spawned
//!   with `tokio::spawn` (not `spawn_local` in a `LocalSet`, which adds a
//!   second scheduler layer), so shared state is `Arc` + atomics, exactly as
//!   in tokio's own `benches/rt_current_thread.rs`.
//! - **smol**: a thread-local `async_executor::LocalExecutor` run by
//!   `async_io::block_on` (async-io's reactor and timers), `Rc`/`Cell` state.
//!
//! Every figure is the median of repeated samples after warm-up, the three
//! contenders interleaved sample by sample, with `[p10-p90]` beside it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use coro_benches::{Mode, Stats, Table, interleaved, machine_line};
use coro_runtime::net::{TcpListener, TcpStream};
use coro_runtime::time::{sleep, timeout};
use coro_runtime::{JoinHandle, Runtime, coro, spawn, yield_now};

// ---------------------------------------------------------------------------
// Counting allocator: counts only while `COUNTING` is set, so the timed
// workloads pay one relaxed load per allocation and nothing else.

struct CountingAlloc;

static COUNTING: AtomicBool = AtomicBool::new(false);
static ALLOCATED: AtomicUsize = AtomicUsize::new(0);
static FREED: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            ALLOCATED.fetch_add(layout.size(), Ordering::Relaxed);
        }
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if COUNTING.load(Ordering::Relaxed) {
            FREED.fetch_add(layout.size(), Ordering::Relaxed);
        }
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            ALLOCATED.fetch_add(layout.size(), Ordering::Relaxed);
        }
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            ALLOCATED.fetch_add(new_size, Ordering::Relaxed);
            FREED.fetch_add(layout.size(), Ordering::Relaxed);
        }
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc;

/// Net heap bytes allocated since counting started.
fn net_heap() -> isize {
    ALLOCATED.load(Ordering::Relaxed) as isize - FREED.load(Ordering::Relaxed) as isize
}

fn start_counting() -> isize {
    COUNTING.store(true, Ordering::SeqCst);
    net_heap()
}

fn stop_counting(before: isize) -> isize {
    let delta = net_heap() - before;
    COUNTING.store(false, Ordering::SeqCst);
    delta
}

// ---------------------------------------------------------------------------
// Shared helpers: a countdown latch (single-threaded and `Send` flavours) and
// a future that polls another exactly once.

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

fn loopback() -> SocketAddr {
    "127.0.0.1:0".parse().expect("loopback address")
}

fn ns_since(start: Instant, ops: usize) -> f64 {
    start.elapsed().as_nanos() as f64 / ops.max(1) as f64
}

/// Lateness of a wake-up, in nanoseconds.
fn lateness(start: Instant, d: Duration) -> u64 {
    start.elapsed().saturating_sub(d).as_nanos() as u64
}

// ---------------------------------------------------------------------------
// Ours: every task body is a `#[coro]` function.

mod ours {
    use super::*;

    #[coro]
    fn count_down(latch: Rc<Latch>) {
        latch.count_down();
    }

    #[coro]
    pub fn spawn_many(n: usize) {
        let latch = Latch::new(n);
        for _ in 0..n {
            spawn(count_down(latch.clone()));
        }
        wait(latch).await;
    }

    #[coro]
    fn yielder(n: usize, latch: Rc<Latch>) {
        for _ in 0..n {
            yield_now().await;
        }
        latch.count_down();
    }

    #[coro]
    pub fn yield_many(tasks: usize, yields: usize) {
        let latch = Latch::new(tasks);
        for _ in 0..tasks {
            spawn(yielder(yields, latch.clone()));
        }
        wait(latch).await;
    }

    #[coro]
    fn link(n: usize, latch: Rc<Latch>) {
        if n == 0 {
            latch.count_down();
        } else {
            spawn(link(n - 1, latch));
        }
    }

    #[coro]
    pub fn chained_spawn(depth: usize) {
        let latch = Latch::new(1);
        spawn(link(depth - 1, latch.clone()));
        wait(latch).await;
    }

    #[coro]
    fn pong() -> u32 {
        1
    }

    #[coro]
    fn ping(latch: Rc<Latch>) {
        let one = spawn(pong()).await.expect("pong");
        assert_eq!(one, 1);
        latch.count_down();
    }

    #[coro]
    pub fn ping_pong(n: usize) {
        let latch = Latch::new(n);
        for _ in 0..n {
            spawn(ping(latch.clone()));
        }
        wait(latch).await;
    }

    #[coro]
    pub fn timer_churn(n: usize) {
        for _ in 0..n {
            poll_once(sleep(Duration::from_secs(10))).await;
        }
    }

    #[coro]
    fn late_sleeper(d: Duration) -> u64 {
        let start = Instant::now();
        sleep(d).await;
        lateness(start, d)
    }

    #[coro]
    pub fn sleep_lateness(n: usize, d: Duration) -> Vec<u64> {
        let mut handles = Vec::with_capacity(n);
        for _ in 0..n {
            handles.push(spawn(late_sleeper(d)));
        }
        let mut out = Vec::with_capacity(n);
        for h in handles {
            let late = h.await.expect("sleeper");
            out.push(late);
        }
        out
    }

    #[coro]
    fn echo_serve(stream: TcpStream) {
        stream.set_nodelay(true).expect("nodelay");
        let mut buf = Vec::with_capacity(4096);
        loop {
            let (res, data) = stream.read(buf).await;
            match res {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let (res, mut data) = stream.write_all(data).await;
            if res.is_err() {
                return;
            }
            data.clear();
            buf = data;
        }
    }

    #[coro]
    fn echo_accept(listener: TcpListener, n: usize) -> Vec<JoinHandle<()>> {
        let mut servers = Vec::with_capacity(n);
        for _ in 0..n {
            let (stream, _) = listener.accept().await.expect("accept");
            servers.push(spawn(echo_serve(stream)));
        }
        servers
    }

    #[coro]
    fn echo_client(addr: SocketAddr, until: Instant, max: usize) -> Vec<u32> {
        let stream = TcpStream::connect(addr).await.expect("connect");
        stream.set_nodelay(true).expect("nodelay");
        let mut latencies = Vec::with_capacity(max.min(1 << 16));
        let mut msg = vec![7u8; MSG];
        let mut reply = Vec::with_capacity(256);
        while latencies.len() < max && Instant::now() < until {
            let t = Instant::now();
            let (res, m) = stream.write_all(msg).await;
            res.expect("client write");
            msg = m;
            reply.clear();
            while reply.len() < MSG {
                let (res, r) = stream.read(reply).await;
                assert_ne!(res.expect("client read"), 0, "server closed early");
                reply = r;
            }
            latencies.push(t.elapsed().as_nanos() as u32);
        }
        latencies
    }

    #[coro]
    pub fn echo(conns: usize, dur: Duration, max: usize) -> (Vec<u32>, Duration) {
        let listener = TcpListener::bind(loopback()).expect("bind");
        let addr = listener.local_addr().expect("addr");
        let acceptor = spawn(echo_accept(listener, conns));
        let start = Instant::now();
        let until = start + dur;
        let mut clients = Vec::with_capacity(conns);
        for _ in 0..conns {
            clients.push(spawn(echo_client(addr, until, max)));
        }
        let mut all = Vec::new();
        for c in clients {
            let lat = c.await.expect("client");
            all.extend(lat);
        }
        let elapsed = start.elapsed();
        let servers = timeout(Duration::from_secs(10), acceptor)
            .await
            .expect("acceptor timed out")
            .expect("acceptor");
        for s in servers {
            timeout(Duration::from_secs(10), s)
                .await
                .expect("server timed out")
                .expect("server");
        }
        (all, elapsed)
    }

    #[coro]
    pub fn empty() {}

    #[coro]
    pub fn spawn_empty(n: usize) -> isize {
        let mut handles = Vec::with_capacity(n);
        let before = start_counting();
        for _ in 0..n {
            handles.push(spawn(empty()));
        }
        let delta = stop_counting(before);
        for h in handles {
            h.await.expect("empty");
        }
        delta
    }

    thread_local! {
        pub static REGISTERED: Cell<usize> = const { Cell::new(0) };
    }

    #[coro]
    fn sleeper() {
        REGISTERED.with(|r| r.set(r.get() + 1));
        sleep(Duration::from_secs(600)).await;
    }

    #[coro]
    pub fn many_sleepers(n: usize) {
        REGISTERED.with(|r| r.set(0));
        for _ in 0..n {
            spawn(sleeper());
        }
        let start = Instant::now();
        while REGISTERED.with(|r| r.get()) < n && start.elapsed() < Duration::from_secs(60) {
            yield_now().await;
        }
    }
}

// ---------------------------------------------------------------------------
// tokio current_thread, `tokio::spawn` with `Send` state.

mod tok {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

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
}

// ---------------------------------------------------------------------------
// smol: async-executor's LocalExecutor (thread-local) driven by async-io.

mod smol {
    use super::*;
    use async_executor::{LocalExecutor, Task};
    use async_io::{Async, Timer};
    use futures_lite::{AsyncReadExt, AsyncWriteExt};

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
}

// ---------------------------------------------------------------------------
// The measurement.

const MSG: usize = 64;
const CONTENDERS: [&str; 3] = ["ours", "tokio", "smol"];

/// Counts and repetitions for one mode.
struct Plan {
    warmup: usize,
    rounds: usize,
    spawn_tasks: usize,
    yield_tasks: usize,
    yields: usize,
    chain: usize,
    pings: usize,
    churn: usize,
    sleepers: usize,
    sleep_rounds: usize,
    echo_conns: usize,
    echo_rounds: usize,
    echo_each: Duration,
    empty_tasks: usize,
    rss_sleepers: usize,
}

impl Plan {
    fn new(mode: Mode) -> Plan {
        Plan {
            warmup: mode.pick(3, 1),
            rounds: mode.pick(31, 2),
            spawn_tasks: mode.pick(10_000, 100),
            yield_tasks: mode.pick(200, 10),
            yields: mode.pick(1_000, 10),
            chain: mode.pick(1_000, 10),
            pings: mode.pick(1_000, 10),
            churn: mode.pick(100_000, 100),
            sleepers: mode.pick(10_000, 100),
            sleep_rounds: mode.pick(9, 1),
            echo_conns: mode.pick(50, 4),
            echo_rounds: mode.pick(3, 1),
            echo_each: mode.pick(Duration::from_secs(1), Duration::from_millis(100)),
            empty_tasks: mode.pick(10_000, 100),
            rss_sleepers: mode.pick(1_000_000, 1_000),
        }
    }
}

/// One row of the table: three figures (ours, tokio, smol).
#[derive(Debug)]
pub struct Row {
    pub workload: String,
    pub unit: &'static str,
    pub stats: [Stats; 3],
    /// Higher is better (throughput): the ratio printed is anchor/ours.
    pub higher_better: bool,
    pub decimals: usize,
    /// The goal on (ours/tokio, ours/smol), if any.
    pub goal: Option<(f64, f64)>,
}

impl Row {
    /// The ratios, below 1.0 meaning we are better.
    pub fn ratios(&self) -> (f64, f64) {
        let [o, t, s] = [
            self.stats[0].median,
            self.stats[1].median,
            self.stats[2].median,
        ];
        if self.higher_better {
            (t / o, s / o)
        } else {
            (o / t, o / s)
        }
    }

    pub fn verdict(&self) -> &'static str {
        match self.goal {
            None => "",
            Some((gt, gs)) => {
                let (rt, rs) = self.ratios();
                if rt <= gt && rs <= gs {
                    "met"
                } else {
                    "MISSED"
                }
            }
        }
    }
}

struct Runtimes {
    ours: Runtime,
    tokio: tokio::runtime::Runtime,
}

/// Runs `ours`, `tokio` and `smol` closures interleaved; each returns one
/// sample (ns per op).
/// Profiling aid: `CORO_BENCH_CONTENDER=ours` (or `tokio`, `smol`) runs
/// only that contender in the scheduler and echo workloads (the others
/// show NaN).
fn runs(contender: &str) -> bool {
    std::env::var("CORO_BENCH_CONTENDER").map_or(true, |c| c == contender)
}

/// Profiling aid: `CORO_BENCH_ONLY=echo` runs only the sections (`scheduler`,
/// `timers`, `echo`, `memory`) whose name contains the value.
fn section(name: &str) -> bool {
    std::env::var("CORO_BENCH_ONLY").map_or(true, |only| name.contains(only.as_str()))
}

fn timed3(
    plan: &Plan,
    mut ours: impl FnMut() -> f64,
    mut tokio: impl FnMut() -> f64,
    mut smol: impl FnMut() -> f64,
) -> [Stats; 3] {
    let (o, t, m) = (runs("ours"), runs("tokio"), runs("smol"));
    let mut ours = || if o { ours() } else { f64::NAN };
    let mut tokio = || if t { tokio() } else { f64::NAN };
    let mut smol = || if m { smol() } else { f64::NAN };
    let s = interleaved(
        plan.warmup,
        plan.rounds,
        &mut [&mut ours, &mut tokio, &mut smol],
    );
    [Stats::of(&s[0]), Stats::of(&s[1]), Stats::of(&s[2])]
}

fn scheduler_rows(plan: &Plan, rts: &Runtimes, rows: &mut Vec<Row>) {
    let goal = Some((0.8, 1.0));
    let row = |workload: String, stats| Row {
        workload,
        unit: "ns/op",
        stats,
        higher_better: false,
        decimals: 1,
        goal,
    };

    let n = plan.spawn_tasks;
    let stats = timed3(
        plan,
        || {
            let t = Instant::now();
            rts.ours.block_on(ours::spawn_many(n));
            ns_since(t, n)
        },
        || {
            let t = Instant::now();
            rts.tokio.block_on(tok::spawn_many(n));
            ns_since(t, n)
        },
        || {
            let t = Instant::now();
            smol::block_on(smol::spawn_many(n));
            ns_since(t, n)
        },
    );
    rows.push(row(format!("spawn_many ({n} tasks), ns/task"), stats));

    let (tasks, yields) = (plan.yield_tasks, plan.yields);
    let ops = tasks * yields;
    let stats = timed3(
        plan,
        || {
            let t = Instant::now();
            rts.ours.block_on(ours::yield_many(tasks, yields));
            ns_since(t, ops)
        },
        || {
            let t = Instant::now();
            rts.tokio.block_on(tok::yield_many(tasks, yields));
            ns_since(t, ops)
        },
        || {
            let t = Instant::now();
            smol::block_on(smol::yield_many(tasks, yields));
            ns_since(t, ops)
        },
    );
    rows.push(row(
        format!("yield_many ({tasks} x {yields}), ns/yield"),
        stats,
    ));

    // Short workloads are repeated within a sample so a sample lasts ~1 ms.
    let depth = plan.chain;
    let reps = 10;
    let stats = timed3(
        plan,
        || {
            let t = Instant::now();
            for _ in 0..reps {
                rts.ours.block_on(ours::chained_spawn(depth));
            }
            ns_since(t, depth * reps)
        },
        || {
            let t = Instant::now();
            for _ in 0..reps {
                rts.tokio.block_on(tok::chained_spawn(depth));
            }
            ns_since(t, depth * reps)
        },
        || {
            let t = Instant::now();
            for _ in 0..reps {
                smol::block_on(smol::chained_spawn(depth));
            }
            ns_since(t, depth * reps)
        },
    );
    rows.push(row(
        format!("chained_spawn (depth {depth}), ns/spawn"),
        stats,
    ));

    let pings = plan.pings;
    let stats = timed3(
        plan,
        || {
            let t = Instant::now();
            for _ in 0..reps {
                rts.ours.block_on(ours::ping_pong(pings));
            }
            ns_since(t, pings * reps)
        },
        || {
            let t = Instant::now();
            for _ in 0..reps {
                rts.tokio.block_on(tok::ping_pong(pings));
            }
            ns_since(t, pings * reps)
        },
        || {
            let t = Instant::now();
            for _ in 0..reps {
                smol::block_on(smol::ping_pong(pings));
            }
            ns_since(t, pings * reps)
        },
    );
    rows.push(row(
        format!("ping_pong ({pings} spawn+join), ns/round trip"),
        stats,
    ));

    let churn = plan.churn;
    let stats = timed3(
        plan,
        || {
            let t = Instant::now();
            rts.ours.block_on(ours::timer_churn(churn));
            ns_since(t, churn)
        },
        || {
            let t = Instant::now();
            rts.tokio.block_on(tok::timer_churn(churn));
            ns_since(t, churn)
        },
        || {
            let t = Instant::now();
            smol::block_on(smol::timer_churn(churn));
            ns_since(t, churn)
        },
    );
    rows.push(row(
        format!("timers: {churn} sleeps create+register+drop, ns/timer"),
        stats,
    ));
}

fn mean(v: &[u64]) -> f64 {
    v.iter().map(|&x| x as f64).sum::<f64>() / v.len().max(1) as f64
}

fn percentile<T: Copy + Ord + Into<u64>>(v: &mut [T], q: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_unstable();
    let x: u64 = v[((v.len() - 1) as f64 * q).round() as usize].into();
    x as f64
}

fn lateness_rows(plan: &Plan, rts: &Runtimes, rows: &mut Vec<Row>) {
    let n = plan.sleepers;
    let d = Duration::from_millis(1);
    let mut means: [Vec<f64>; 3] = Default::default();
    let mut p99s: [Vec<f64>; 3] = Default::default();
    for round in 0..plan.sleep_rounds + 1 {
        for (i, means_p99) in means.iter_mut().zip(p99s.iter_mut()).enumerate() {
            let lat = match i {
                0 => rts.ours.block_on(ours::sleep_lateness(n, d)),
                1 => rts.tokio.block_on(tok::sleep_lateness(n, d)),
                _ => smol::block_on(smol::sleep_lateness(n, d)),
            };
            if round == 0 {
                continue; // warm-up
            }
            let micros: Vec<u64> = lat.iter().map(|ns| ns / 1000).collect();
            means_p99.0.push(mean(&lat) / 1000.0);
            let mut m = micros;
            means_p99.1.push(percentile(&mut m, 0.99));
        }
    }
    let st = |v: &[Vec<f64>; 3]| [Stats::of(&v[0]), Stats::of(&v[1]), Stats::of(&v[2])];
    rows.push(Row {
        workload: format!("timers: {n} tasks sleep 1 ms, mean lateness µs"),
        unit: "µs",
        stats: st(&means),
        higher_better: false,
        decimals: 0,
        goal: None,
    });
    rows.push(Row {
        workload: format!("timers: {n} tasks sleep 1 ms, p99 lateness µs"),
        unit: "µs",
        stats: st(&p99s),
        higher_better: false,
        decimals: 0,
        goal: None,
    });
}

fn echo_rows(plan: &Plan, rts: &Runtimes, rows: &mut Vec<Row>) {
    let conns = plan.echo_conns;
    let dur = plan.echo_each;
    let max = 10_000_000 / conns;
    let mut rps: [Vec<f64>; 3] = Default::default();
    let mut p50: [Vec<f64>; 3] = Default::default();
    let mut p99: [Vec<f64>; 3] = Default::default();
    for _ in 0..plan.echo_rounds {
        for i in 0..3 {
            if !runs(CONTENDERS[i]) {
                for v in [&mut rps, &mut p50, &mut p99] {
                    v[i].push(f64::NAN);
                }
                continue;
            }
            let (mut lat, elapsed) = match i {
                0 => rts.ours.block_on(ours::echo(conns, dur, max)),
                1 => rts.tokio.block_on(tok::echo(conns, dur, max)),
                _ => smol::block_on(smol::echo(conns, dur, max)),
            };
            rps[i].push(lat.len() as f64 / elapsed.as_secs_f64());
            p50[i].push(percentile(&mut lat, 0.5) / 1000.0);
            p99[i].push(percentile(&mut lat, 0.99) / 1000.0);
        }
    }
    let st = |v: &[Vec<f64>; 3]| [Stats::of(&v[0]), Stats::of(&v[1]), Stats::of(&v[2])];
    let what = format!(
        "echo ({conns} conns, {MSG} B, {} x {:.1} s)",
        plan.echo_rounds,
        dur.as_secs_f64()
    );
    rows.push(Row {
        workload: format!("{what}: requests/s (ratio anchor/ours)"),
        unit: "req/s",
        stats: st(&rps),
        higher_better: true,
        decimals: 0,
        goal: Some((1.0, f64::INFINITY)),
    });
    rows.push(Row {
        workload: format!("{what}: p50 latency µs"),
        unit: "µs",
        stats: st(&p50),
        higher_better: false,
        decimals: 1,
        goal: None,
    });
    rows.push(Row {
        workload: format!("{what}: p99 latency µs"),
        unit: "µs",
        stats: st(&p99),
        higher_better: false,
        decimals: 1,
        goal: Some((1.0, f64::INFINITY)),
    });
}

fn memory_rows(plan: &Plan, rts: &Runtimes, mode: Mode, rows: &mut Vec<Row>) -> String {
    let n = plan.empty_tasks;
    let mut bytes: [Vec<f64>; 3] = Default::default();
    for round in 0..4 {
        let d = [
            rts.ours.block_on(ours::spawn_empty(n)),
            rts.tokio.block_on(tok::spawn_empty(n)),
            smol::block_on(smol::spawn_empty(n)),
        ];
        if round > 0 {
            for i in 0..3 {
                bytes[i].push(d[i] as f64 / n as f64);
            }
        }
    }
    let sizes = [
        std::mem::size_of_val(&ours::empty()),
        std::mem::size_of_val(&async {}),
        std::mem::size_of_val(&async {}),
    ];
    let stats = [
        Stats::of(&bytes[0]),
        Stats::of(&bytes[1]),
        Stats::of(&bytes[2]),
    ];
    // The same on fresh runtimes: includes the growth of the runtimes' task
    // tables and queues (amortised doubling, so up to 2x their slot size).
    let mut cold: [Vec<f64>; 3] = Default::default();
    for _ in 0..3 {
        let rt = Runtime::new().expect("runtime");
        cold[0].push(rt.block_on(ours::spawn_empty(n)) as f64 / n as f64);
        drop(rt);
        let rt = tok::runtime();
        cold[1].push(rt.block_on(tok::spawn_empty(n)) as f64 / n as f64);
        drop(rt);
        cold[2].push(smol::spawn_empty_fresh(n) as f64 / n as f64);
    }
    let beyond = stats[0].median - sizes[0] as f64;
    rows.push(Row {
        workload: format!("memory: heap bytes per spawned empty task ({n} pending)"),
        unit: "B",
        stats,
        higher_better: false,
        decimals: 1,
        goal: None,
    });

    rows.push(Row {
        workload: "memory: same, fresh runtime (+ task table/queue growth)".to_string(),
        unit: "B",
        stats: [
            Stats::of(&cold[0]),
            Stats::of(&cold[1]),
            Stats::of(&cold[2]),
        ],
        higher_better: false,
        decimals: 1,
        goal: None,
    });

    let k = plan.rss_sleepers;
    let mut peak = [Stats::of(&[0.0]); 3];
    let mut per = [Stats::of(&[0.0]); 3];
    for (i, name) in CONTENDERS.iter().enumerate() {
        let (base, hwm) = rss_measure(mode, name, k);
        peak[i] = Stats::of(&[hwm as f64 / 1024.0]);
        per[i] = Stats::of(&[(hwm.saturating_sub(base)) as f64 * 1024.0 / k as f64]);
    }
    rows.push(Row {
        workload: format!("memory: peak RSS (VmHWM), {k} sleeping tasks, MiB"),
        unit: "MiB",
        stats: peak,
        higher_better: false,
        decimals: 1,
        goal: None,
    });
    rows.push(Row {
        workload: format!("memory: (VmHWM - baseline) / {k} sleeping tasks, bytes"),
        unit: "B",
        stats: per,
        higher_better: false,
        decimals: 0,
        goal: None,
    });
    format!(
        "heap per empty task: ours {:.1} B with a {}-byte machine, so {:.1} B beyond the machine (goal <= 64); \
         tokio {:.1} B, smol {:.1} B (their `async {{}}` is {} byte)",
        stats[0].median, sizes[0], beyond, stats[1].median, stats[2].median, sizes[1],
    )
}

/// `VmHWM` of this process, kB.
fn vm_hwm_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// Spawns `k` tasks sleeping 600 s on runtime `name`, waits until each has
/// registered its timer, and returns (VmHWM before, VmHWM after) in kB.
fn rss_child(name: &str, k: usize) -> (u64, u64) {
    match name {
        "ours" => {
            let rt = Runtime::new().expect("runtime");
            let base = vm_hwm_kb();
            rt.block_on(ours::many_sleepers(k));
            let hwm = vm_hwm_kb();
            if !cfg!(test) {
                std::mem::forget(rt);
            }
            (base, hwm)
        }
        "tokio" => {
            let rt = tok::runtime();
            let base = vm_hwm_kb();
            rt.block_on(tok::many_sleepers(k));
            let hwm = vm_hwm_kb();
            if !cfg!(test) {
                std::mem::forget(rt);
            }
            (base, hwm)
        }
        _ => {
            let base = vm_hwm_kb();
            smol::many_sleepers(k);
            (base, vm_hwm_kb())
        }
    }
}

/// Peak RSS is per process: in full mode each runtime is measured in a fresh
/// child process (this binary re-executed with `--rss-child NAME K`); in
/// smoke mode in this process (the figures then mean nothing).
fn rss_measure(mode: Mode, name: &str, k: usize) -> (u64, u64) {
    if mode == Mode::Smoke {
        return rss_child(name, k);
    }
    let exe = std::env::current_exe().expect("current_exe");
    let out = std::process::Command::new(exe)
        .args(["--rss-child", name, &k.to_string()])
        .output()
        .expect("re-exec for the RSS measurement");
    assert!(
        out.status.success(),
        "RSS child {name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let mut it = text
        .split_whitespace()
        .map(|w| w.parse::<u64>().expect("kB"));
    (it.next().expect("base"), it.next().expect("hwm"))
}

/// The whole benchmark: rows of the table and notes.
pub fn run(mode: Mode) -> (Vec<Row>, Vec<String>) {
    let plan = Plan::new(mode);
    let rts = Runtimes {
        ours: Runtime::new().expect("coro runtime"),
        tokio: tok::runtime(),
    };
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let t = Instant::now();
    if section("scheduler") {
        scheduler_rows(&plan, &rts, &mut rows);
    }
    if section("timers") {
        lateness_rows(&plan, &rts, &mut rows);
    }
    if section("echo") {
        echo_rows(&plan, &rts, &mut rows);
    }
    if section("memory") {
        notes.push(memory_rows(&plan, &rts, mode, &mut rows));
    }
    notes.push(format!("measured in {:.1} s", t.elapsed().as_secs_f64()));
    (rows, notes)
}

pub fn render(rows: &[Row]) -> String {
    let mut table = Table::new(&[
        "workload",
        "ours",
        "tokio current_thread",
        "smol LocalExecutor",
        "ours/tokio",
        "ours/smol",
        "goal (tokio, smol)",
        "",
    ]);
    for r in rows {
        let (rt, rs) = r.ratios();
        let goal = match r.goal {
            None => String::new(),
            Some((gt, gs)) if gs.is_infinite() => format!("<= {gt:.2}"),
            Some((gt, gs)) => format!("<= {gt:.2}, <= {gs:.2}"),
        };
        table.row(vec![
            r.workload.clone(),
            r.stats[0].show(r.decimals),
            r.stats[1].show(r.decimals),
            r.stats[2].show(r.decimals),
            format!("{rt:.2}"),
            format!("{rs:.2}"),
            goal,
            r.verdict().to_string(),
        ]);
    }
    table.render()
}

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--rss-child") {
        let name = &args[i + 1];
        let k: usize = args[i + 2].parse().expect("count");
        let (base, hwm) = rss_child(name, k);
        println!("{base} {hwm}");
        std::process::exit(0);
    }
    let mode = Mode::from_args();
    let started = Instant::now();
    println!("{}", machine_line());
    let (rows, notes) = run(mode);
    println!();
    println!(
        "## runtime (issue 5): median [p10-p90]; ratio below 1.0 = ours is better{}",
        if mode == Mode::Smoke {
            " (SMOKE: tiny counts, figures mean nothing)"
        } else {
            ""
        }
    );
    println!();
    print!("{}", render(&rows));
    println!();
    for n in notes {
        println!("{n}");
    }
    println!("total: {:.1} s", started.elapsed().as_secs_f64());
}
