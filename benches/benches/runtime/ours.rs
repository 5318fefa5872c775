//! Ours: every task body is a `#[coro]` function.

use std::cell::Cell;
use std::net::SocketAddr;
use std::rc::Rc;
use std::time::{Duration, Instant};

use coro_runtime::net::{TcpListener, TcpStream};
use coro_runtime::time::{sleep, timeout};
use coro_runtime::{JoinHandle, coro, spawn, yield_now};

use super::MSG;
use super::allocator::{start_counting, stop_counting};
use super::support::{Latch, lateness, loopback, poll_once, wait};

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
