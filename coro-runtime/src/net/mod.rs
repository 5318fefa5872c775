//! Sockets on the runtime's reactor: [`TcpListener`], [`TcpStream`],
//! [`UdpSocket`], [`UnixListener`], [`UnixStream`].
//!
//! # Owned buffers
//!
//! Operations take a `Vec<u8>` by value and hand it back with the result,
//! so an awaitable never borrows from its caller and a `#[coro]` body can
//! keep both the socket and the buffer as locals across the `.await`:
//!
//! ```
//! # use coro_runtime::{Runtime, task, net::{TcpListener, TcpStream}};
//! # let rt = Runtime::new().unwrap();
//! # rt.block_on(task::from_future(async {
//! let listener = TcpListener::bind("127.0.0.1:0".parse().unwrap()).unwrap();
//! let addr = listener.local_addr().unwrap();
//! let server = task::spawn(task::from_future(async move {
//!     let (peer, _) = listener.accept().await.unwrap();
//!     let (res, buf) = peer.read(Vec::with_capacity(64)).await;
//!     res.unwrap();
//!     peer.write_all(buf).await.0.unwrap();
//! }));
//! let client = TcpStream::connect(addr).await.unwrap();
//! let (res, _) = client.write_all(b"ping".to_vec()).await;
//! res.unwrap();
//! let (res, reply) = client.read(Vec::with_capacity(64)).await;
//! assert_eq!(res.unwrap(), 4);
//! assert_eq!(reply, b"ping");
//! server.await.unwrap();
//! # }));
//! ```
//!
//! **Reads append.** `read(buf)` reads at most
//! `buf.capacity() - buf.len()` bytes in one system call and appends them
//! after the current contents, which are kept: it returns `(Ok(n), buf)`
//! with `buf.len()` grown by `n`, where `n == 0` means end of stream. If
//! `buf` has no spare capacity, it first reserves room for at least
//! [`DEFAULT_READ_SIZE`] bytes. On error `buf` comes back unchanged.
//! Datagram receives follow the same rule, one datagram per call; bytes
//! beyond the spare capacity are discarded by the kernel.
//!
//! The socket code has no `unsafe`, so it cannot hand the kernel the
//! uninitialised spare capacity. A spare capacity of up to 64 KiB is read
//! through a per-thread scratch buffer, zeroed once, and only the bytes
//! received are copied into `buf`: a 64-byte message into a 4 KiB buffer
//! costs a 64-byte copy, not a 4 KiB memset. A larger spare capacity is
//! zero-filled and read into directly.
//!
//! **Writes** send from the start of `buf` and return it unchanged:
//! `write` once (returning how much was written), `write_all` until all of
//! it was written.
//!
//! # Handles
//!
//! Every socket type is a cheap `Clone` (an `Arc` around the registered mio
//! socket); the registration is released when the last clone and the last
//! pending operation are dropped. At most one task should read and one task
//! write a stream at a time (both wake correctly, but interleaving is up to
//! the scheduler). Creating a socket needs a runtime (`block_on`, a task or
//! `Runtime::enter`).

mod tcp;
mod udp;
mod unix;

use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

pub use tcp::{Accept, Connect, TcpListener, TcpStream};
pub use udp::{RecvFrom, SendTo, UdpSocket};
pub use unix::{UnixAccept, UnixConnect, UnixListener, UnixStream};

use crate::leaf::{Leaf, leaf_trace};
use crate::reactor::{Direction, IoSource};

/// How many bytes `read` reserves when the buffer has no spare capacity.
pub const DEFAULT_READ_SIZE: usize = 4096;

/// A registered byte stream, type-erased so the read and write awaitables
/// are the same types for TCP and Unix streams.
trait RawStream: Send + Sync {
    /// Reads into `buf`'s spare capacity (which it must have), appending.
    fn poll_read(&self, cx: &mut Context<'_>, buf: &mut Vec<u8>) -> Poll<io::Result<usize>>;
    fn poll_write(&self, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>>;
}

impl<S> RawStream for IoSource<S>
where
    S: mio::event::Source + Send + Sync,
    for<'a> &'a S: io::Read + io::Write,
{
    fn poll_read(&self, cx: &mut Context<'_>, buf: &mut Vec<u8>) -> Poll<io::Result<usize>> {
        let spare = buf.capacity() - buf.len();
        self.poll_stream_io(Direction::Read, cx, spare, |mut io| {
            read_appending(buf, |window| io::Read::read(&mut io, window), |&n| n)
        })
    }

    fn poll_write(&self, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        self.poll_stream_io(Direction::Write, cx, buf.len(), |mut io| {
            io::Write::write(&mut io, buf)
        })
    }
}

/// Spare capacities up to this size are read through the scratch buffer.
const SCRATCH_SIZE: usize = 64 * 1024;

thread_local! {
    /// Zeroed once (by `calloc`, page by page as it is touched), then
    /// reused by every read on this thread; see the module docs.
    static SCRATCH: RefCell<Box<[u8]>> = RefCell::new(vec![0; SCRATCH_SIZE].into_boxed_slice());
}

/// Gives `buf` spare capacity if it has none.
fn reserve_spare(buf: &mut Vec<u8>) {
    if buf.capacity() == buf.len() {
        buf.reserve(DEFAULT_READ_SIZE);
    }
}

/// Calls `read` on a window as large as `buf`'s spare capacity and appends
/// the `count` bytes it reports to `buf` (nothing on error); see the module
/// docs for why the window is a scratch buffer when it is small enough.
fn read_appending<R>(
    buf: &mut Vec<u8>,
    read: impl FnOnce(&mut [u8]) -> io::Result<R>,
    count: impl Fn(&R) -> usize,
) -> io::Result<R> {
    let len = buf.len();
    let spare = buf.capacity() - len;
    let mut read = Some(read);
    if spare <= SCRATCH_SIZE {
        // `None` if the thread-local is gone or (never, as `read` is a
        // system call) already borrowed: then take the path below.
        let through_scratch = SCRATCH.try_with(|scratch| {
            let mut scratch = scratch.try_borrow_mut().ok()?;
            let window = &mut scratch[..spare];
            let result = read.take()?(window);
            if let Ok(r) = &result {
                buf.extend_from_slice(&window[..count(r).min(spare)]);
            }
            Some(result)
        });
        if let Ok(Some(result)) = through_scratch {
            return result;
        }
    }
    let read = read.expect("`read` is only taken on the scratch path, which returned");
    buf.resize(buf.capacity(), 0);
    let result = read(&mut buf[len..]);
    let n = result.as_ref().map_or(0, |r| count(r).min(spare));
    buf.truncate(len + n);
    result
}

/// The awaitable of a stream's `read`; see the [module docs](self).
#[must_use = "futures do nothing unless awaited"]
pub struct Read {
    stream: Arc<dyn RawStream>,
    buf: Option<Vec<u8>>,
    leaf: Leaf,
}

impl Read {
    #[track_caller]
    fn new(stream: Arc<dyn RawStream>, buf: Vec<u8>) -> Read {
        Read {
            stream,
            buf: Some(buf),
            leaf: Leaf::new("read"),
        }
    }
}

impl Future for Read {
    type Output = (io::Result<usize>, Vec<u8>);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        let buf = this.buf.as_mut().expect("`Read` polled after completion");
        reserve_spare(buf);
        match this.stream.poll_read(cx, buf) {
            Poll::Pending => {
                this.leaf.pending();
                Poll::Pending
            }
            Poll::Ready(res) => {
                this.leaf.done();
                Poll::Ready((res, this.buf.take().expect("checked above")))
            }
        }
    }
}

/// The awaitable of a stream's `write`.
#[must_use = "futures do nothing unless awaited"]
pub struct Write {
    stream: Arc<dyn RawStream>,
    buf: Option<Vec<u8>>,
    leaf: Leaf,
}

impl Future for Write {
    type Output = (io::Result<usize>, Vec<u8>);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        let buf = this.buf.as_ref().expect("`Write` polled after completion");
        match this.stream.poll_write(cx, buf) {
            Poll::Pending => {
                this.leaf.pending();
                Poll::Pending
            }
            Poll::Ready(res) => {
                this.leaf.done();
                Poll::Ready((res, this.buf.take().expect("checked above")))
            }
        }
    }
}

/// The awaitable of a stream's `write_all`.
#[must_use = "futures do nothing unless awaited"]
pub struct WriteAll {
    stream: Arc<dyn RawStream>,
    buf: Option<Vec<u8>>,
    written: usize,
    leaf: Leaf,
}

impl Future for WriteAll {
    type Output = (io::Result<()>, Vec<u8>);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        let buf = this
            .buf
            .as_ref()
            .expect("`WriteAll` polled after completion");
        let res = loop {
            if this.written == buf.len() {
                break Ok(());
            }
            match this.stream.poll_write(cx, &buf[this.written..]) {
                Poll::Pending => {
                    this.leaf.pending();
                    return Poll::Pending;
                }
                Poll::Ready(Ok(0)) => break Err(io::ErrorKind::WriteZero.into()),
                Poll::Ready(Ok(n)) => this.written += n,
                Poll::Ready(Err(e)) => break Err(e),
            }
        };
        this.leaf.done();
        Poll::Ready((res, this.buf.take().expect("checked above")))
    }
}

macro_rules! debug_future {
    ($($ty:ident),*) => {$(
        impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($ty)).finish_non_exhaustive()
            }
        }
    )*};
}
use debug_future;

debug_future!(Read, Write, WriteAll);
leaf_trace!("coro_runtime::net::read", Read);
leaf_trace!("coro_runtime::net::write", Write);
leaf_trace!("coro_runtime::net::write_all", WriteAll);

#[track_caller]
fn write(stream: Arc<dyn RawStream>, buf: Vec<u8>) -> Write {
    Write {
        stream,
        buf: Some(buf),
        leaf: Leaf::new("write"),
    }
}

#[track_caller]
fn write_all(stream: Arc<dyn RawStream>, buf: Vec<u8>) -> WriteAll {
    WriteAll {
        stream,
        buf: Some(buf),
        written: 0,
        leaf: Leaf::new("write_all"),
    }
}

/// Polls a connecting stream until it is connected (or failed).
fn poll_connected<S: mio::event::Source>(
    source: &IoSource<S>,
    cx: &mut Context<'_>,
    take_error: impl Fn(&S) -> io::Result<Option<io::Error>>,
    connected: impl Fn(&S) -> io::Result<()>,
) -> Poll<io::Result<()>> {
    loop {
        let snapshot = match source.poll_ready(Direction::Write, cx) {
            Poll::Ready(snapshot) => snapshot,
            Poll::Pending => return Poll::Pending,
        };
        match take_error(source.get_ref()) {
            Ok(Some(e)) | Err(e) => return Poll::Ready(Err(e)),
            Ok(None) => {}
        }
        match connected(source.get_ref()) {
            Ok(()) => return Poll::Ready(Ok(())),
            Err(e) if e.kind() == io::ErrorKind::NotConnected => {
                source.clear_ready(Direction::Write, snapshot);
            }
            Err(e) => return Poll::Ready(Err(e)),
        }
    }
}
