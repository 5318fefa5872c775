//! UDP on 127.0.0.1: a round trip with owned buffers.
mod common;

use common::rt;
use coro_runtime::net::UdpSocket;
use coro_runtime::task::{self, from_future};

#[test]
#[cfg_attr(miri, ignore)]
fn udp_round_trip() {
    let rt = rt();
    rt.block_on(from_future(async {
        let server = UdpSocket::bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let client = UdpSocket::bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let server_addr = server.local_addr().unwrap();
        let client_addr = client.local_addr().unwrap();
        let echo = task::spawn(from_future(async move {
            for _ in 0..3 {
                let (res, buf) = server.recv_from(Vec::with_capacity(64)).await;
                let (n, from) = res.unwrap();
                assert_eq!(n, buf.len());
                let (res, _) = server.send_to(buf, from).await;
                res.unwrap();
            }
        }));
        for i in 0..3u8 {
            let (res, _) = client.send_to(vec![i; 10], server_addr).await;
            assert_eq!(res.unwrap(), 10);
            let (res, buf) = client.recv_from(Vec::with_capacity(64)).await;
            let (n, from) = res.unwrap();
            assert_eq!((n, from), (10, server_addr));
            assert_eq!(buf, vec![i; 10]);
        }
        echo.await.unwrap();
        assert_ne!(client_addr, server_addr);
    }));
    assert_eq!(rt.stats().io_sources, 0);
}

/// A datagram is appended after the buffer's contents, whether the spare
/// capacity goes through the scratch buffer (small) or is read into
/// directly (over 64 KiB); a datagram larger than the spare capacity is
/// cut to it.
#[test]
#[cfg_attr(miri, ignore)]
fn datagrams_append_and_are_cut_to_the_spare_capacity() {
    let rt = rt();
    rt.block_on(from_future(async {
        let server = UdpSocket::bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let client = UdpSocket::bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let server_addr = server.local_addr().unwrap();
        let datagram: Vec<u8> = (0..1000u32).map(|i| (i % 253) as u8).collect();
        for capacity in [16, 4096, 100 * 1024] {
            let (res, _) = client.send_to(datagram.clone(), server_addr).await;
            res.unwrap();
            let mut buf = Vec::with_capacity(capacity);
            buf.extend_from_slice(b"head");
            let spare = buf.capacity() - buf.len();
            let (res, buf) = server.recv_from(buf).await;
            let (n, _) = res.unwrap();
            let expected = datagram.len().min(spare);
            assert_eq!(n, expected, "capacity {capacity}");
            assert_eq!(&buf[..4], b"head");
            assert_eq!(&buf[4..], &datagram[..expected]);
        }
    }));
}
