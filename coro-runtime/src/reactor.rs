//! The reactor: a `mio::Poll` and the table of registered I/O sources.
//!
//! - A source's slab key is its mio `Token`; two tokens at the top of the
//!   range are reserved for the unparker and the signal pipe. Events for
//!   unknown tokens (a source dropped meanwhile) are ignored.
//! - Sources are registered edge-triggered for reading and writing once.
//!   Each keeps a readiness word, `tick << 16 | bits`: the reactor ORs bits
//!   in and bumps the tick; an operation that hits `WouldBlock` clears its
//!   bit only if the tick is still the one it saw (else an event arrived
//!   meanwhile and clearing would lose it). New sources start ready, so the
//!   first read or write is attempted without a reactor round trip.
//! - A stream read or write that moves fewer bytes than asked for has
//!   drained the socket's buffer (or filled it), so it clears readiness too:
//!   with edge-triggered epoll the next byte brings a new event, and the next
//!   operation waits for it instead of making a system call that would
//!   return `WouldBlock`. End of stream, hang-up and errors set a second,
//!   sticky bit per direction that only a `WouldBlock` clears, so a
//!   drained read never hides the end of the stream that came with the
//!   data.
//! - Wakers are collected under the table's lock and woken after every lock
//!   and borrow is released.
//! - The table and each source's waiters are behind `Mutex`es, and handles
//!   hold `Arc`s: registration, readiness and deregistration work from any
//!   thread, ready for a multi-threaded mode. The `Poll` itself belongs to
//!   the runtime's thread.

use std::cell::RefCell;
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use mio::event::Source;
use mio::{Events, Interest, Registry, Token};

use crate::runtime::context;

pub(crate) const UNPARK_TOKEN: Token = Token(usize::MAX);
pub(crate) const SIGNAL_TOKEN: Token = Token(usize::MAX - 1);

pub(crate) const READABLE: usize = 1;
pub(crate) const WRITABLE: usize = 2;
/// End of stream, hang-up or error seen for reading (sticky, see above).
const READ_CLOSED: usize = 4;
/// Hang-up or error seen for writing (sticky).
const WRITE_CLOSED: usize = 8;
const BITS: usize = 0xffff;
const TICK: usize = 1 << 16;

/// Which half of a source an operation waits on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Direction {
    Read,
    Write,
}

impl Direction {
    fn bit(self) -> usize {
        match self {
            Direction::Read => READABLE,
            Direction::Write => WRITABLE,
        }
    }

    /// The readiness bits that let an operation in this direction proceed.
    fn ready_bits(self) -> usize {
        match self {
            Direction::Read => READABLE | READ_CLOSED,
            Direction::Write => WRITABLE | WRITE_CLOSED,
        }
    }
}

#[derive(Default)]
struct Waiters {
    readers: Vec<Waker>,
    writers: Vec<Waker>,
}

/// Readiness and waiters of one registered source.
pub(crate) struct ScheduledIo {
    readiness: AtomicUsize,
    waiters: Mutex<Waiters>,
}

impl ScheduledIo {
    fn waiters(&self) -> MutexGuard<'_, Waiters> {
        self.waiters.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn set_ready(&self, bits: usize, wakers: &mut Vec<Waker>) {
        let _ = self
            .readiness
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |r| {
                Some((r & !BITS).wrapping_add(TICK) | (r & BITS) | bits)
            });
        let mut waiters = self.waiters();
        if bits & READABLE != 0 {
            wakers.append(&mut waiters.readers);
        }
        if bits & WRITABLE != 0 {
            wakers.append(&mut waiters.writers);
        }
    }

    /// `Ready(snapshot)` if `dir` is ready, else registers the waker.
    fn poll_ready(&self, dir: Direction, cx: &mut Context<'_>) -> Poll<usize> {
        let snapshot = self.readiness.load(Ordering::Acquire);
        if snapshot & dir.ready_bits() != 0 {
            return Poll::Ready(snapshot);
        }
        let mut waiters = self.waiters();
        let list = match dir {
            Direction::Read => &mut waiters.readers,
            Direction::Write => &mut waiters.writers,
        };
        if !list.iter().any(|w| w.will_wake(cx.waker())) {
            list.push(cx.waker().clone());
        }
        // Re-check under the lock: the reactor sets readiness before taking
        // the waiters, so either we see its bit or it sees our waker.
        let snapshot = self.readiness.load(Ordering::Acquire);
        if snapshot & dir.ready_bits() != 0 {
            Poll::Ready(snapshot)
        } else {
            Poll::Pending
        }
    }

    /// Forgets `bits` of a readiness observed as `snapshot`, unless an event
    /// arrived since.
    fn clear(&self, bits: usize, snapshot: usize) {
        let _ = self.readiness.compare_exchange(
            snapshot,
            snapshot & !bits,
            Ordering::AcqRel,
            Ordering::Acquire,
        );
    }
}

/// The registered sources, shared with their handles.
pub(crate) struct ReactorShared {
    registry: Registry,
    sources: Mutex<SourceSlab>,
    count: AtomicUsize,
}

#[derive(Default)]
struct SourceSlab {
    entries: Vec<Option<Arc<ScheduledIo>>>,
    free: Vec<usize>,
}

impl ReactorShared {
    fn sources(&self) -> MutexGuard<'_, SourceSlab> {
        self.sources.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn registry(&self) -> &Registry {
        &self.registry
    }
}

/// The runtime-thread half: the `Poll` and its event buffer.
pub(crate) struct Reactor {
    poll: RefCell<mio::Poll>,
    events: RefCell<Events>,
    pub(crate) shared: Arc<ReactorShared>,
}

impl Reactor {
    pub(crate) fn new(events_capacity: usize) -> io::Result<Reactor> {
        let poll = mio::Poll::new()?;
        let registry = poll.registry().try_clone()?;
        Ok(Reactor {
            poll: RefCell::new(poll),
            events: RefCell::new(Events::with_capacity(events_capacity)),
            shared: Arc::new(ReactorShared {
                registry,
                sources: Mutex::default(),
                count: AtomicUsize::new(0),
            }),
        })
    }

    pub(crate) fn unparker(&self) -> io::Result<mio::Waker> {
        mio::Waker::new(self.poll.borrow().registry(), UNPARK_TOKEN)
    }

    pub(crate) fn has_sources(&self) -> bool {
        self.shared.count.load(Ordering::Relaxed) > 0
    }

    pub(crate) fn source_count(&self) -> usize {
        self.shared.count.load(Ordering::Relaxed)
    }

    /// Waits for events up to `timeout` and wakes the waiting tasks.
    /// Returns whether the signal pipe became readable.
    pub(crate) fn turn(&self, timeout: Option<Duration>) -> bool {
        let mut wakers = Vec::new();
        let mut signalled = false;
        {
            let mut poll = self.poll.borrow_mut();
            let mut events = self.events.borrow_mut();
            match poll.poll(&mut events, timeout) {
                Ok(()) => {}
                // A signal arrived: the loop comes back here soon enough.
                Err(e) if e.kind() == io::ErrorKind::Interrupted => return false,
                Err(e) => panic!("the reactor's epoll failed: {e}"),
            }
            let sources = self.shared.sources();
            for event in events.iter() {
                match event.token() {
                    UNPARK_TOKEN => {}
                    SIGNAL_TOKEN => signalled = true,
                    Token(key) => {
                        let Some(Some(io)) = sources.entries.get(key) else {
                            continue;
                        };
                        let mut bits = 0;
                        if event.is_readable() {
                            bits |= READABLE;
                        }
                        if event.is_read_closed() || event.is_error() {
                            bits |= READABLE | READ_CLOSED;
                        }
                        if event.is_writable() {
                            bits |= WRITABLE;
                        }
                        if event.is_write_closed() || event.is_error() {
                            bits |= WRITABLE | WRITE_CLOSED;
                        }
                        io.set_ready(bits, &mut wakers);
                    }
                }
            }
        }
        wakers.into_iter().for_each(Waker::wake);
        signalled
    }
}

/// A mio source registered with a reactor; deregistered on drop.
pub(crate) struct IoSource<S: Source> {
    io: S,
    sched: Arc<ScheduledIo>,
    token: usize,
    reactor: Arc<ReactorShared>,
}

impl<S: Source> IoSource<S> {
    /// Registers with the current runtime's reactor.
    #[track_caller]
    pub(crate) fn new(io: S) -> io::Result<IoSource<S>> {
        let core = context::current().ok_or_else(|| {
            io::Error::other("a coro socket must be created inside a runtime (block_on, a task, or Runtime::enter)")
        })?;
        IoSource::with_reactor(io, core.reactor.shared.clone())
    }

    pub(crate) fn with_reactor(mut io: S, reactor: Arc<ReactorShared>) -> io::Result<IoSource<S>> {
        let sched = Arc::new(ScheduledIo {
            readiness: AtomicUsize::new(READABLE | WRITABLE),
            waiters: Mutex::default(),
        });
        let token = {
            let mut sources = reactor.sources();
            let token = match sources.free.pop() {
                Some(token) => token,
                None => {
                    sources.entries.push(None);
                    sources.entries.len() - 1
                }
            };
            sources.entries[token] = Some(sched.clone());
            token
        };
        if let Err(e) = reactor.registry.register(
            &mut io,
            Token(token),
            Interest::READABLE | Interest::WRITABLE,
        ) {
            let mut sources = reactor.sources();
            sources.entries[token] = None;
            sources.free.push(token);
            return Err(e);
        }
        reactor.count.fetch_add(1, Ordering::Relaxed);
        Ok(IoSource {
            io,
            sched,
            token,
            reactor,
        })
    }

    pub(crate) fn get_ref(&self) -> &S {
        &self.io
    }

    pub(crate) fn reactor(&self) -> &Arc<ReactorShared> {
        &self.reactor
    }

    /// Waits until `dir` is ready.
    pub(crate) fn poll_ready(&self, dir: Direction, cx: &mut Context<'_>) -> Poll<usize> {
        self.sched.poll_ready(dir, cx)
    }

    /// Forgets a readiness observed as `snapshot` after a `WouldBlock`,
    /// sticky bits included (the operation said it would block after all).
    pub(crate) fn clear_ready(&self, dir: Direction, snapshot: usize) {
        self.sched.clear(dir.ready_bits(), snapshot);
    }

    /// Runs `op` until it does not block: retries `Interrupted`, and on
    /// `WouldBlock` clears readiness and waits for the next event.
    pub(crate) fn poll_io<R>(
        &self,
        dir: Direction,
        cx: &mut Context<'_>,
        op: impl FnMut(&S) -> io::Result<R>,
    ) -> Poll<io::Result<R>> {
        self.poll_io_drained(dir, cx, op, |_| false)
    }

    /// [`poll_io`](Self::poll_io) for a stream read or write of `len` bytes:
    /// a result of `1..len` bytes drained (or filled) the socket's buffer,
    /// so readiness is cleared as for a `WouldBlock`, keeping the sticky
    /// end-of-stream bit (see the module docs).
    pub(crate) fn poll_stream_io(
        &self,
        dir: Direction,
        cx: &mut Context<'_>,
        len: usize,
        op: impl FnMut(&S) -> io::Result<usize>,
    ) -> Poll<io::Result<usize>> {
        self.poll_io_drained(dir, cx, op, |&n| n > 0 && n < len)
    }

    fn poll_io_drained<R>(
        &self,
        dir: Direction,
        cx: &mut Context<'_>,
        mut op: impl FnMut(&S) -> io::Result<R>,
        drained: impl Fn(&R) -> bool,
    ) -> Poll<io::Result<R>> {
        loop {
            let snapshot = match self.poll_ready(dir, cx) {
                Poll::Ready(snapshot) => snapshot,
                Poll::Pending => return Poll::Pending,
            };
            match op(&self.io) {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => self.clear_ready(dir, snapshot),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Ok(value) => {
                    if drained(&value) {
                        self.sched.clear(dir.bit(), snapshot);
                    }
                    return Poll::Ready(Ok(value));
                }
                Err(e) => return Poll::Ready(Err(e)),
            }
        }
    }
}

impl<S: Source> Drop for IoSource<S> {
    fn drop(&mut self) {
        // Fails only if the poll is gone, which deregisters everything.
        let _ = self.reactor.registry.deregister(&mut self.io);
        let waiters = {
            let mut sources = self.reactor.sources();
            sources.entries[self.token] = None;
            sources.free.push(self.token);
            std::mem::take(&mut *self.sched.waiters())
        };
        self.reactor.count.fetch_sub(1, Ordering::Relaxed);
        drop(waiters);
    }
}
