//! Unix domain sockets: [`UnixListener`] and [`UnixStream`].

use std::fmt;
use std::future::Future;
use std::io;
use std::net::Shutdown;
use std::os::unix::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use super::{Read, Write, WriteAll, debug_future, poll_connected};
use crate::leaf::{Leaf, leaf_trace};
use crate::reactor::{Direction, IoSource};

/// A Unix socket listening for connections.
#[derive(Clone)]
pub struct UnixListener {
    io: Arc<IoSource<mio::net::UnixListener>>,
}

impl UnixListener {
    /// Binds to `path` (which must not exist) and registers with the
    /// current runtime.
    pub fn bind(path: impl AsRef<Path>) -> io::Result<UnixListener> {
        let io = IoSource::new(mio::net::UnixListener::bind(path)?)?;
        Ok(UnixListener { io: Arc::new(io) })
    }

    /// The bound address.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.io.get_ref().local_addr()
    }

    /// Completes with the next incoming connection.
    #[track_caller]
    pub fn accept(&self) -> UnixAccept {
        UnixAccept {
            listener: self.io.clone(),
            leaf: Leaf::new("accept"),
        }
    }
}

impl fmt::Debug for UnixListener {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("UnixListener")
            .field(self.io.get_ref())
            .finish()
    }
}

/// The awaitable of [`UnixListener::accept`].
#[must_use = "futures do nothing unless awaited"]
pub struct UnixAccept {
    listener: Arc<IoSource<mio::net::UnixListener>>,
    leaf: Leaf,
}

impl Future for UnixAccept {
    type Output = io::Result<(UnixStream, SocketAddr)>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        match this.listener.poll_io(Direction::Read, cx, |l| l.accept()) {
            Poll::Pending => {
                this.leaf.pending();
                Poll::Pending
            }
            Poll::Ready(res) => {
                this.leaf.done();
                Poll::Ready(res.and_then(|(stream, addr)| {
                    let io = IoSource::with_reactor(stream, this.listener.reactor().clone())?;
                    Ok((UnixStream { io: Arc::new(io) }, addr))
                }))
            }
        }
    }
}

/// A Unix stream connection. Clones share the socket.
#[derive(Clone)]
pub struct UnixStream {
    io: Arc<IoSource<mio::net::UnixStream>>,
}

impl UnixStream {
    /// Connects to the socket at `path`; registers on the first poll.
    #[track_caller]
    pub fn connect(path: impl AsRef<Path>) -> UnixConnect {
        UnixConnect {
            state: ConnectState::Start(path.as_ref().to_owned()),
            leaf: Leaf::new("connect"),
        }
    }

    /// A connected pair of streams.
    pub fn pair() -> io::Result<(UnixStream, UnixStream)> {
        let (a, b) = mio::net::UnixStream::pair()?;
        Ok((
            UnixStream {
                io: Arc::new(IoSource::new(a)?),
            },
            UnixStream {
                io: Arc::new(IoSource::new(b)?),
            },
        ))
    }

    /// Reads into `buf`'s spare capacity; see the [module docs](super).
    #[track_caller]
    pub fn read(&self, buf: Vec<u8>) -> Read {
        Read::new(self.io.clone(), buf)
    }

    /// Writes from `buf` once; returns how many bytes were written.
    #[track_caller]
    pub fn write(&self, buf: Vec<u8>) -> Write {
        super::write(self.io.clone(), buf)
    }

    /// Writes all of `buf`.
    #[track_caller]
    pub fn write_all(&self, buf: Vec<u8>) -> WriteAll {
        super::write_all(self.io.clone(), buf)
    }

    /// The remote address.
    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.io.get_ref().peer_addr()
    }

    /// Shuts down the read half, the write half or both.
    pub fn shutdown(&self, how: Shutdown) -> io::Result<()> {
        self.io.get_ref().shutdown(how)
    }
}

impl fmt::Debug for UnixStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("UnixStream")
            .field(self.io.get_ref())
            .finish()
    }
}

enum ConnectState {
    Start(PathBuf),
    Connecting(Arc<IoSource<mio::net::UnixStream>>),
    Done,
}

/// The awaitable of [`UnixStream::connect`].
#[must_use = "futures do nothing unless awaited"]
pub struct UnixConnect {
    state: ConnectState,
    leaf: Leaf,
}

impl Future for UnixConnect {
    type Output = io::Result<UnixStream>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        if let ConnectState::Start(path) = std::mem::replace(&mut this.state, ConnectState::Done) {
            match mio::net::UnixStream::connect(path).and_then(IoSource::new) {
                Ok(io) => this.state = ConnectState::Connecting(Arc::new(io)),
                Err(e) => return Poll::Ready(Err(e)),
            }
        }
        let ConnectState::Connecting(io) = &this.state else {
            panic!("`UnixConnect` polled after completion");
        };
        match poll_connected(io, cx, |s| s.take_error(), |s| s.peer_addr().map(drop)) {
            Poll::Pending => {
                this.leaf.pending();
                Poll::Pending
            }
            Poll::Ready(res) => {
                this.leaf.done();
                let ConnectState::Connecting(io) =
                    std::mem::replace(&mut this.state, ConnectState::Done)
                else {
                    unreachable!("matched above")
                };
                Poll::Ready(res.map(|()| UnixStream { io }))
            }
        }
    }
}

debug_future!(UnixAccept, UnixConnect);
leaf_trace!("coro_runtime::net::UnixListener::accept", UnixAccept);
leaf_trace!("coro_runtime::net::UnixStream::connect", UnixConnect);
