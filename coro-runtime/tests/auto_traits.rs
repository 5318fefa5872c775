//! Compile-time checks: wakers, join handles, awaitables and socket handles
//! are `Send` (and the shared ones `Sync`) when their contents are, so a
//! multi-threaded mode can move them; the runtime itself is not.

use coro_runtime::blocking::BlockingHandle;
use coro_runtime::net::{Read, TcpListener, TcpStream, UdpSocket, UnixStream, WriteAll};
use coro_runtime::signal::{Recv, Signal};
use coro_runtime::task::{JoinError, JoinHandle, YieldNow};
use coro_runtime::time::{Interval, Sleep, Tick, Timeout};

fn send<T: Send>() {}
fn sync<T: Sync>() {}
fn unpin<T: Unpin>() {}

#[test]
fn handles_and_awaitables_are_send_and_unpin() {
    send::<JoinHandle<u32>>();
    send::<JoinError>();
    send::<Sleep>();
    sync::<Sleep>();
    send::<Timeout<Sleep>>();
    send::<Interval>();
    send::<Tick>();
    send::<YieldNow>();
    send::<BlockingHandle<u32>>();
    send::<TcpStream>();
    sync::<TcpStream>();
    send::<TcpListener>();
    send::<UdpSocket>();
    send::<UnixStream>();
    send::<Read>();
    send::<WriteAll>();
    send::<Signal>();
    send::<Recv>();
    unpin::<JoinHandle<std::rc::Rc<u32>>>();
    unpin::<Sleep>();
    unpin::<Read>();
}
