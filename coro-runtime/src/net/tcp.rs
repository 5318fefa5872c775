//! TCP: [`TcpListener`] and [`TcpStream`].

use std::fmt;
use std::future::Future;
use std::io;
use std::net::{Shutdown, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use super::{Read, Write, WriteAll, debug_future, poll_connected};
use crate::leaf::{Leaf, leaf_trace};
use crate::reactor::{Direction, IoSource};

/// A TCP socket listening for connections.
#[derive(Clone)]
pub struct TcpListener {
    io: Arc<IoSource<mio::net::TcpListener>>,
}

impl TcpListener {
    /// Binds to `addr` (port 0 picks a free port) and registers with the
    /// current runtime.
    pub fn bind(addr: SocketAddr) -> io::Result<TcpListener> {
        TcpListener::from_mio(mio::net::TcpListener::bind(addr)?)
    }

    /// Wraps a std listener (switched to non-blocking mode).
    pub fn from_std(listener: std::net::TcpListener) -> io::Result<TcpListener> {
        listener.set_nonblocking(true)?;
        TcpListener::from_mio(mio::net::TcpListener::from_std(listener))
    }

    fn from_mio(listener: mio::net::TcpListener) -> io::Result<TcpListener> {
        Ok(TcpListener {
            io: Arc::new(IoSource::new(listener)?),
        })
    }

    /// The bound address.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.io.get_ref().local_addr()
    }

    /// Completes with the next incoming connection.
    #[track_caller]
    pub fn accept(&self) -> Accept {
        Accept {
            listener: self.io.clone(),
            leaf: Leaf::new("accept"),
        }
    }
}

impl fmt::Debug for TcpListener {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("TcpListener")
            .field(self.io.get_ref())
            .finish()
    }
}

/// The awaitable of [`TcpListener::accept`].
#[must_use = "futures do nothing unless awaited"]
pub struct Accept {
    listener: Arc<IoSource<mio::net::TcpListener>>,
    leaf: Leaf,
}

impl Future for Accept {
    type Output = io::Result<(TcpStream, SocketAddr)>;

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
                    Ok((TcpStream { io: Arc::new(io) }, addr))
                }))
            }
        }
    }
}

/// A TCP connection. Clones share the socket.
#[derive(Clone)]
pub struct TcpStream {
    io: Arc<IoSource<mio::net::TcpStream>>,
}

impl TcpStream {
    /// Connects to `addr`. The socket is created and registered on the first
    /// poll, so this may be called outside a runtime.
    #[track_caller]
    pub fn connect(addr: SocketAddr) -> Connect {
        Connect {
            state: ConnectState::Start(addr),
            leaf: Leaf::new("connect"),
        }
    }

    /// Wraps a connected std stream (switched to non-blocking mode).
    pub fn from_std(stream: std::net::TcpStream) -> io::Result<TcpStream> {
        stream.set_nonblocking(true)?;
        let io = IoSource::new(mio::net::TcpStream::from_std(stream))?;
        Ok(TcpStream { io: Arc::new(io) })
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

    /// The local address.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.io.get_ref().local_addr()
    }

    /// Sets `TCP_NODELAY` (disables Nagle's algorithm).
    pub fn set_nodelay(&self, nodelay: bool) -> io::Result<()> {
        self.io.get_ref().set_nodelay(nodelay)
    }

    /// Whether `TCP_NODELAY` is set.
    pub fn nodelay(&self) -> io::Result<bool> {
        self.io.get_ref().nodelay()
    }

    /// Shuts down the read half, the write half or both.
    pub fn shutdown(&self, how: Shutdown) -> io::Result<()> {
        self.io.get_ref().shutdown(how)
    }
}

impl fmt::Debug for TcpStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("TcpStream").field(self.io.get_ref()).finish()
    }
}

enum ConnectState {
    Start(SocketAddr),
    Connecting(Arc<IoSource<mio::net::TcpStream>>),
    Done,
}

/// The awaitable of [`TcpStream::connect`].
#[must_use = "futures do nothing unless awaited"]
pub struct Connect {
    state: ConnectState,
    leaf: Leaf,
}

impl Future for Connect {
    type Output = io::Result<TcpStream>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        if let ConnectState::Start(addr) = this.state {
            this.state = ConnectState::Done;
            let started = mio::net::TcpStream::connect(addr).and_then(IoSource::new);
            match started {
                Ok(io) => this.state = ConnectState::Connecting(Arc::new(io)),
                Err(e) => return Poll::Ready(Err(e)),
            }
        }
        let ConnectState::Connecting(io) = &this.state else {
            panic!("`Connect` polled after completion");
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
                Poll::Ready(res.map(|()| TcpStream { io }))
            }
        }
    }
}

debug_future!(Accept, Connect);
leaf_trace!("coro_runtime::net::TcpListener::accept", Accept);
leaf_trace!("coro_runtime::net::TcpStream::connect", Connect);
