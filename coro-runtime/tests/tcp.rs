//! TCP on 127.0.0.1: echo round trip, many concurrent clients, errors.
mod common;

use std::net::SocketAddr;

use common::rt;
use coro_runtime::net::{TcpListener, TcpStream};
use std::time::Duration;

use coro_runtime::task::{self, JoinHandle, from_future};
use coro_runtime::time::{sleep, timeout};

/// Echoes every connection until the peer closes it; serves `conns` of them.
fn echo_server(listener: TcpListener, conns: usize) -> JoinHandle<()> {
    task::spawn(from_future(async move {
        let mut handles = Vec::new();
        for _ in 0..conns {
            let (stream, _) = listener.accept().await.unwrap();
            handles.push(task::spawn(from_future(async move {
                let mut buf = Vec::with_capacity(1024);
                loop {
                    let (res, b) = stream.read(buf).await;
                    let n = res.unwrap();
                    if n == 0 {
                        break;
                    }
                    let (res, mut b) = stream.write_all(b).await;
                    res.unwrap();
                    b.clear();
                    buf = b;
                }
            })));
        }
        for h in handles {
            h.await.unwrap();
        }
    }))
}

fn localhost() -> SocketAddr {
    "127.0.0.1:0".parse().unwrap()
}

async fn round_trip(addr: SocketAddr, message: Vec<u8>) -> Vec<u8> {
    let stream = TcpStream::connect(addr).await.unwrap();
    stream.set_nodelay(true).unwrap();
    let expected = message.len();
    let (res, _) = stream.write_all(message).await;
    res.unwrap();
    let mut reply = Vec::with_capacity(expected);
    while reply.len() < expected {
        reply.reserve(expected - reply.len());
        let (res, b) = stream.read(reply).await;
        assert_ne!(res.unwrap(), 0, "early end of stream");
        reply = b;
    }
    reply
}

#[test]
#[cfg_attr(miri, ignore)]
fn echo_round_trip() {
    let rt = rt();
    rt.block_on(from_future(async {
        let listener = TcpListener::bind(localhost()).unwrap();
        let addr = listener.local_addr().unwrap();
        let server = echo_server(listener, 1);
        let message: Vec<u8> = (0..100_000u32).map(|i| i as u8).collect();
        let reply = round_trip(addr, message.clone()).await;
        assert_eq!(reply, message);
        server.await.unwrap();
    }));
    assert_eq!(rt.stats().io_sources, 0, "every socket deregistered");
}

#[test]
#[cfg_attr(miri, ignore)]
fn a_hundred_concurrent_clients() {
    const CLIENTS: usize = 120;
    let rt = rt();
    rt.block_on(from_future(async {
        let listener = TcpListener::bind(localhost()).unwrap();
        let addr = listener.local_addr().unwrap();
        let server = echo_server(listener, CLIENTS);
        let clients: Vec<_> = (0..CLIENTS)
            .map(|i| {
                task::spawn(from_future(async move {
                    let message = format!("hello from client {i}").repeat(50).into_bytes();
                    let reply = round_trip(addr, message.clone()).await;
                    assert_eq!(reply, message);
                }))
            })
            .collect();
        for c in clients {
            c.await.unwrap();
        }
        server.await.unwrap();
    }));
    assert_eq!(rt.stats().io_sources, 0);
    assert_eq!(rt.stats().live_tasks, 0);
}

#[test]
#[cfg_attr(miri, ignore)]
fn read_appends_to_the_buffer_and_reports_end_of_stream() {
    let rt = rt();
    rt.block_on(from_future(async {
        let listener = TcpListener::bind(localhost()).unwrap();
        let addr = listener.local_addr().unwrap();
        let writer = task::spawn(from_future(async move {
            let (peer, _) = listener.accept().await.unwrap();
            peer.write_all(b"world".to_vec()).await.0.unwrap();
        }));
        let stream = TcpStream::connect(addr).await.unwrap();
        let mut buf = Vec::with_capacity(16);
        buf.extend_from_slice(b"hello ");
        let mut total = 0;
        loop {
            let (res, b) = stream.read(buf).await;
            buf = b;
            match res.unwrap() {
                0 => break,
                n => total += n,
            }
        }
        assert_eq!(total, 5);
        assert_eq!(buf, b"hello world");
        writer.await.unwrap();
    }));
}

/// The data and the end of stream arrive in one epoll event, before the
/// first read: the read that drains the data (fewer bytes than asked for)
/// clears readiness, but must not hide the end of stream, for which no
/// further event will come. Likewise for a stream closed after a drained
/// read: the hang-up brings its own event.
#[test]
#[cfg_attr(miri, ignore)]
fn a_drained_read_does_not_hide_the_end_of_stream() {
    let rt = rt();
    rt.block_on(from_future(async {
        let listener = TcpListener::bind(localhost()).unwrap();
        let addr = listener.local_addr().unwrap();
        let client = task::spawn(from_future(async move {
            let stream = TcpStream::connect(addr).await.unwrap();
            stream.write_all(b"0123456789".to_vec()).await.0.unwrap();
            // Dropping the stream sends the FIN right behind the data.
        }));
        let (peer, _) = listener.accept().await.unwrap();
        client.await.unwrap();
        // Let the reactor see data and FIN together before reading.
        sleep(Duration::from_millis(50)).await;
        let reads = async {
            let (res, buf) = peer.read(Vec::with_capacity(1024)).await;
            assert_eq!(res.unwrap(), 10, "the data, in one short read");
            let (res, _) = peer.read(buf).await;
            assert_eq!(res.unwrap(), 0, "then the end of stream");
        };
        timeout(Duration::from_secs(5), Box::pin(reads))
            .await
            .expect("the end of stream was lost: the second read waits forever");

        // Drained first, closed afterwards.
        let listener = TcpListener::bind(localhost()).unwrap();
        let addr = listener.local_addr().unwrap();
        let client = task::spawn(from_future(async move {
            let stream = TcpStream::connect(addr).await.unwrap();
            stream.write_all(b"abc".to_vec()).await.0.unwrap();
            sleep(Duration::from_millis(50)).await;
        }));
        let (peer, _) = listener.accept().await.unwrap();
        let reads = async {
            let (res, buf) = peer.read(Vec::with_capacity(1024)).await;
            assert_eq!(res.unwrap(), 3);
            let (res, _) = peer.read(buf).await;
            assert_eq!(res.unwrap(), 0);
        };
        timeout(Duration::from_secs(5), Box::pin(reads))
            .await
            .expect("the hang-up after a drained read was lost");
        client.await.unwrap();
    }));
}

/// Spare capacities up to 64 KiB are read through a scratch buffer and
/// copied, larger ones directly: both must append exactly the bytes sent,
/// after the buffer's contents, without reallocating it.
#[test]
#[cfg_attr(miri, ignore)]
fn small_and_large_reads_append_exactly_the_bytes_sent() {
    const LEN: usize = 300 * 1024;
    let sent: Vec<u8> = (0..LEN).map(|i| (i * 7 % 251) as u8).collect();
    let rt = rt();
    for capacity in [100, 4096, 64 * 1024, 64 * 1024 + 1, 200 * 1024] {
        let sent = sent.clone();
        rt.block_on(from_future(async move {
            let listener = TcpListener::bind(localhost()).unwrap();
            let addr = listener.local_addr().unwrap();
            let to_send = sent.clone();
            let writer = task::spawn(from_future(async move {
                let (peer, _) = listener.accept().await.unwrap();
                peer.write_all(to_send).await.0.unwrap();
            }));
            let stream = TcpStream::connect(addr).await.unwrap();
            let mut received = Vec::new();
            let mut buf = Vec::with_capacity(capacity);
            loop {
                buf.clear();
                buf.push(0xAA);
                let cap = buf.capacity();
                let (res, b) = stream.read(buf).await;
                buf = b;
                let n = res.unwrap();
                assert_eq!(buf.capacity(), cap, "no reallocation (capacity {capacity})");
                assert_eq!(buf.len(), 1 + n);
                assert_eq!(buf[0], 0xAA, "the contents are kept");
                if n == 0 {
                    break;
                }
                received.extend_from_slice(&buf[1..]);
            }
            assert!(received == sent, "capacity {capacity}: bytes differ");
            writer.await.unwrap();
        }));
    }
}

#[test]
#[cfg_attr(miri, ignore)]
fn read_with_a_full_buffer_reserves_room() {
    let rt = rt();
    rt.block_on(from_future(async {
        let listener = TcpListener::bind(localhost()).unwrap();
        let addr = listener.local_addr().unwrap();
        let writer = task::spawn(from_future(async move {
            let (peer, _) = listener.accept().await.unwrap();
            peer.write_all(b"x".to_vec()).await.0.unwrap();
        }));
        let stream = TcpStream::connect(addr).await.unwrap();
        let (res, buf) = stream.read(Vec::new()).await;
        assert_eq!(res.unwrap(), 1);
        assert_eq!(buf, b"x");
        writer.await.unwrap();
    }));
}

#[test]
#[cfg_attr(miri, ignore)]
fn connecting_to_a_closed_port_fails() {
    let rt = rt();
    // Bind then drop a listener to find a port nobody listens on.
    let addr = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let res = rt.block_on(TcpStream::connect(addr));
    assert_eq!(
        res.unwrap_err().kind(),
        std::io::ErrorKind::ConnectionRefused
    );
    assert_eq!(rt.stats().io_sources, 0);
}

#[test]
#[cfg_attr(miri, ignore)]
fn binding_outside_a_runtime_is_an_error() {
    let err = TcpListener::bind(localhost()).unwrap_err();
    assert!(err.to_string().contains("inside a runtime"), "{err}");
    let rt = rt();
    let _enter = rt.enter();
    assert!(TcpListener::bind(localhost()).is_ok());
}
