//! UDP: [`UdpSocket`].

use std::fmt;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use super::{debug_future, read_appending, reserve_spare};
use crate::leaf::{Leaf, leaf_trace};
use crate::reactor::{Direction, IoSource};

/// A UDP socket. Clones share the socket.
#[derive(Clone)]
pub struct UdpSocket {
    io: Arc<IoSource<mio::net::UdpSocket>>,
}

impl UdpSocket {
    /// Binds to `addr` and registers with the current runtime.
    pub fn bind(addr: SocketAddr) -> io::Result<UdpSocket> {
        let io = IoSource::new(mio::net::UdpSocket::bind(addr)?)?;
        Ok(UdpSocket { io: Arc::new(io) })
    }

    /// The bound address.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.io.get_ref().local_addr()
    }

    /// Sends `buf` as one datagram to `target`; returns the bytes sent.
    #[track_caller]
    pub fn send_to(&self, buf: Vec<u8>, target: SocketAddr) -> SendTo {
        SendTo {
            io: self.io.clone(),
            buf: Some(buf),
            target,
            leaf: Leaf::new("send_to"),
        }
    }

    /// Receives one datagram into `buf`'s spare capacity (appending, as
    /// stream reads do; see the [module docs](super)).
    #[track_caller]
    pub fn recv_from(&self, buf: Vec<u8>) -> RecvFrom {
        RecvFrom {
            io: self.io.clone(),
            buf: Some(buf),
            leaf: Leaf::new("recv_from"),
        }
    }
}

impl fmt::Debug for UdpSocket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("UdpSocket").field(self.io.get_ref()).finish()
    }
}

/// The awaitable of [`UdpSocket::send_to`].
#[must_use = "futures do nothing unless awaited"]
pub struct SendTo {
    io: Arc<IoSource<mio::net::UdpSocket>>,
    buf: Option<Vec<u8>>,
    target: SocketAddr,
    leaf: Leaf,
}

impl Future for SendTo {
    type Output = (io::Result<usize>, Vec<u8>);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        let buf = this.buf.as_ref().expect("`SendTo` polled after completion");
        let target = this.target;
        match this
            .io
            .poll_io(Direction::Write, cx, |s| s.send_to(buf, target))
        {
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

/// The awaitable of [`UdpSocket::recv_from`].
#[must_use = "futures do nothing unless awaited"]
pub struct RecvFrom {
    io: Arc<IoSource<mio::net::UdpSocket>>,
    buf: Option<Vec<u8>>,
    leaf: Leaf,
}

impl Future for RecvFrom {
    type Output = (io::Result<(usize, SocketAddr)>, Vec<u8>);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        let buf = this
            .buf
            .as_mut()
            .expect("`RecvFrom` polled after completion");
        reserve_spare(buf);
        let res = this.io.poll_io(Direction::Read, cx, |s| {
            read_appending(buf, |window| s.recv_from(window), |&(n, _)| n)
        });
        match res {
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

debug_future!(SendTo, RecvFrom);
leaf_trace!("coro_runtime::net::UdpSocket::send_to", SendTo);
leaf_trace!("coro_runtime::net::UdpSocket::recv_from", RecvFrom);
