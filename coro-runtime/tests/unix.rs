//! Unix domain sockets: listener/connect round trip and socket pairs.
mod common;

use common::rt;
use coro_runtime::net::{UnixListener, UnixStream};
use coro_runtime::task::{self, from_future};

#[test]
#[cfg_attr(miri, ignore)]
fn unix_echo_round_trip() {
    let dir = std::env::temp_dir().join(format!("coro-unix-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("echo.sock");
    let _ = std::fs::remove_file(&path);
    let rt = rt();
    let p = path.clone();
    rt.block_on(from_future(async move {
        let listener = UnixListener::bind(&p).unwrap();
        let server = task::spawn(from_future(async move {
            let (peer, _) = listener.accept().await.unwrap();
            let (res, buf) = peer.read(Vec::with_capacity(32)).await;
            res.unwrap();
            peer.write_all(buf).await.0.unwrap();
        }));
        let client = UnixStream::connect(&p).await.unwrap();
        client.write_all(b"over unix".to_vec()).await.0.unwrap();
        let (res, buf) = client.read(Vec::with_capacity(32)).await;
        assert_eq!(res.unwrap(), 9);
        assert_eq!(buf, b"over unix");
        server.await.unwrap();
    }));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
#[cfg_attr(miri, ignore)]
fn unix_pair_carries_bytes_both_ways() {
    let rt = rt();
    rt.block_on(from_future(async {
        let (a, b) = UnixStream::pair().unwrap();
        a.write_all(b"ping".to_vec()).await.0.unwrap();
        let (res, buf) = b.read(Vec::with_capacity(8)).await;
        assert_eq!((res.unwrap(), &buf[..]), (4, &b"ping"[..]));
        b.write_all(b"pong".to_vec()).await.0.unwrap();
        let (res, buf) = a.read(Vec::with_capacity(8)).await;
        assert_eq!((res.unwrap(), &buf[..]), (4, &b"pong"[..]));
    }));
}
