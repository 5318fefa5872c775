//! The tour: ordinary functions marked `#[coro]`, scheduled with priorities,
//! timers and sockets on one thread, plus a generator, an async iterator and
//! an async stack trace of every live task. Exits by itself in about a second.
//!
//! Run with `cargo run --release --example showcase`.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use coro_runtime::net::{TcpListener, TcpStream};
use coro_runtime::prelude::*;
use coro_runtime::runtime::Handle;
use coro_runtime::stream::next;
use coro_runtime::time::{sleep, timeout};

/// Echoes one connection until the peer closes it; returns the bytes echoed.
/// `stream` is a local of the coroutine: the owned-buffer API hands the
/// buffer back with each result, so nothing borrows across an `.await`.
#[coro]
fn serve(stream: TcpStream) -> usize {
    let mut echoed = 0;
    let mut buf = Vec::with_capacity(1024);
    loop {
        let (res, data) = stream.read(buf).await;
        match res {
            Ok(0) | Err(_) => return echoed,
            Ok(n) => echoed += n,
        }
        let (res, mut data) = stream.write_all(data).await;
        if res.is_err() {
            return echoed;
        }
        data.clear();
        buf = data;
    }
}

/// Accepts `clients` connections and spawns a server task for each.
#[coro]
fn accept(listener: TcpListener, clients: usize) -> Vec<JoinHandle<usize>> {
    let mut servers = Vec::with_capacity(clients);
    for _ in 0..clients {
        let (stream, _) = listener.accept().await.expect("accept");
        servers.push(spawn(serve(stream)));
    }
    servers
}

/// Sends the greetings a generator produces and checks every echo.
#[coro]
fn client(id: usize, addr: SocketAddr) -> usize {
    let stream = TcpStream::connect(addr).await.expect("connect");
    let mut round_trips = 0;
    for message in greetings(id, 20) {
        let expected = message.clone().into_bytes();
        let (res, _) = stream.write_all(message.into_bytes()).await;
        res.expect("write");
        let mut reply = Vec::with_capacity(expected.len());
        while reply.len() < expected.len() {
            let (res, data) = stream.read(reply).await;
            assert_ne!(res.expect("read"), 0, "server closed early");
            reply = data;
        }
        assert_eq!(reply, expected);
        round_trips += 1;
    }
    round_trips
}

/// A generator: `count` greetings from client `id`, computed lazily.
#[generator(yield = String)]
fn greetings(id: usize, count: usize) {
    for i in 0..count {
        yield_!(format!("hello #{i} from client {id}\n"));
    }
}

/// An async iterator: sleeps `period`, `count` times, and yields how late
/// each wake-up was.
#[async_iter(yield = (usize, Duration))]
fn ticker(period: Duration, count: usize) {
    for i in 0..count {
        let asleep = Instant::now();
        sleep(period).await;
        yield_!((i, asleep.elapsed().saturating_sub(period)));
    }
}

/// Low-priority background work: cooperative, so it never blocks the rest.
#[coro]
fn background(rounds: u32) -> u64 {
    let mut checksum = 0u64;
    for round in 0..rounds {
        checksum = checksum.wrapping_mul(31).wrapping_add(u64::from(round));
        yield_now().await;
    }
    checksum
}

/// Sleeps long enough to be caught by the task dump below.
#[coro]
fn sleeper(label: &'static str, ms: u64) -> &'static str {
    sleep(Duration::from_millis(ms)).await;
    label
}

#[coro]
fn tour() -> std::io::Result<()> {
    println!("1. Priorities: a low-priority task yields 10,000 times while the rest runs.");
    let chores = spawn_with(Priority::Low, background(10_000));

    println!("2. Timers: an async iterator that sleeps 20 ms five times.");
    let mut ticks = ticker(Duration::from_millis(20), 5);
    let mut seen = 0;
    loop {
        let (tick, rest) = next(ticks).await;
        ticks = rest;
        match tick {
            Some((i, late)) => {
                println!(
                    "   tick {i}: woke {:>4} µs after its deadline",
                    late.as_micros()
                );
                seen += 1;
            }
            None => break,
        }
    }
    assert_eq!(seen, 5);

    println!("3. Sockets: 20 clients x 20 round trips to an echo server on 127.0.0.1.");
    let listener = TcpListener::bind("127.0.0.1:0".parse().expect("address"))?;
    let addr = listener.local_addr()?;
    let acceptor = spawn_with(Priority::High, accept(listener, 20));
    let mut clients = Vec::new();
    for id in 0..20 {
        clients.push(spawn(client(id, addr)));
    }
    let mut round_trips = 0;
    for c in clients {
        round_trips += c.await.expect("client task");
    }
    let mut echoed = 0;
    for server in acceptor.await.expect("acceptor task") {
        echoed += timeout(Duration::from_secs(5), server)
            .await
            .expect("server finished")
            .expect("server task");
    }
    println!("   {round_trips} round trips, {echoed} bytes echoed");

    println!("4. Async stack traces: every live task, down to the `.await` it waits on.");
    let waiting = spawn(sleeper("sleeper", 50));
    yield_now().await;
    println!("{}", Handle::current().dump());
    let label = waiting.await.expect("sleeper");
    println!("   sleeper returned {label:?}");

    let checksum = chores.await.expect("background task");
    println!("   background checksum {checksum:#x}");
    Ok(())
}

fn main() -> std::io::Result<()> {
    let started = Instant::now();
    let rt = Runtime::new()?;
    rt.block_on(tour())?;
    println!("done in {:.0} ms", started.elapsed().as_secs_f64() * 1e3);
    Ok(())
}
