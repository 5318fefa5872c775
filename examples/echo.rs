//! A TCP echo server and its clients on one single-threaded coro runtime,
//! over loopback. Exits by itself and prints what it did.
//!
//! Run with `cargo run --release --example echo`.
//!
//! The tasks are plain `async` blocks wrapped with `task::from_future`; with
//! `#[coro]` they would be ordinary functions. Note the owned-buffer style:
//! `stream.read(buf)` takes the buffer and gives it back with the result.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use coro_runtime::net::{TcpListener, TcpStream};
use coro_runtime::task::{self, Priority, from_future};
use coro_runtime::time::timeout;
use coro_runtime::{JoinHandle, Runtime};

const CLIENTS: usize = 100;
const MESSAGES: usize = 100;

/// Echoes one connection until the client closes it; returns bytes echoed.
fn serve(stream: TcpStream) -> JoinHandle<usize> {
    task::spawn(from_future(async move {
        stream.set_nodelay(true).expect("nodelay");
        let mut echoed = 0;
        let mut buf = Vec::with_capacity(4096);
        loop {
            let (res, data) = stream.read(buf).await;
            match res {
                Ok(0) => return echoed,
                Ok(n) => echoed += n,
                Err(e) => panic!("server read failed: {e}"),
            }
            let (res, mut data) = stream.write_all(data).await;
            res.expect("server write");
            data.clear();
            buf = data;
        }
    }))
}

/// Sends `MESSAGES` messages and checks each echo; returns round trips.
fn client(id: usize, addr: SocketAddr) -> JoinHandle<usize> {
    task::spawn(from_future(async move {
        let stream = TcpStream::connect(addr).await.expect("connect");
        stream.set_nodelay(true).expect("nodelay");
        let mut reply = Vec::with_capacity(256);
        for i in 0..MESSAGES {
            let message = format!("client {id} message {i}").into_bytes();
            let expected = message.clone();
            let (res, _) = stream.write_all(message).await;
            res.expect("client write");
            reply.clear();
            while reply.len() < expected.len() {
                let (res, data) = stream.read(reply).await;
                assert_ne!(res.expect("client read"), 0, "server closed early");
                reply = data;
            }
            assert_eq!(reply, expected, "echo mismatch");
        }
        MESSAGES
    }))
}

fn main() -> std::io::Result<()> {
    let rt = Runtime::new()?;
    let started = Instant::now();
    let (round_trips, echoed) = rt.block_on(from_future(async {
        let listener = TcpListener::bind("127.0.0.1:0".parse().expect("address"))?;
        let addr = listener.local_addr()?;
        println!("echo server listening on {addr}");

        // The acceptor runs at high priority so new clients are let in
        // promptly while established ones are busy.
        let acceptor = task::Builder::new()
            .name("acceptor")
            .priority(Priority::High)
            .spawn(from_future(async move {
                let mut connections = Vec::with_capacity(CLIENTS);
                for _ in 0..CLIENTS {
                    let (stream, _) = listener.accept().await.expect("accept");
                    connections.push(serve(stream));
                }
                connections
            }));

        let clients: Vec<_> = (0..CLIENTS).map(|id| client(id, addr)).collect();
        let mut round_trips = 0;
        for c in clients {
            round_trips += c.await.expect("client task");
        }

        let mut echoed = 0;
        let connections = acceptor.await.expect("acceptor task");
        println!(
            "{}",
            coro_runtime::runtime::Handle::current()
                .dump()
                .lines()
                .next()
                .unwrap_or_default()
        );
        for conn in connections {
            // Clients dropped their streams, so every server task ends soon.
            echoed += timeout(Duration::from_secs(5), conn)
                .await
                .expect("server finished")
                .expect("server task");
        }
        Ok::<_, std::io::Error>((round_trips, echoed))
    }))?;
    let elapsed = started.elapsed();
    let stats = rt.stats();
    println!(
        "{CLIENTS} clients made {round_trips} round trips ({echoed} bytes echoed) in {:.1} ms: {:.0} round trips/s",
        elapsed.as_secs_f64() * 1e3,
        round_trips as f64 / elapsed.as_secs_f64()
    );
    println!(
        "runtime: {} task polls, {} live tasks, {} registered sockets left",
        stats.polls, stats.live_tasks, stats.io_sources
    );
    Ok(())
}
