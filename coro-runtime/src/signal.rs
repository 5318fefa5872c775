//! Unix signals as awaitables: [`ctrl_c`] and [`signal`], built on
//! `signal-hook`'s self-pipe registered with the runtime's `mio::Poll`
//! (through `signal-hook-mio`).
//!
//! The first registration in a runtime creates the pipe; each signal number
//! then has a delivery counter. A [`Signal`] remembers the count it has
//! seen, so deliveries that arrive while nobody awaits are not lost, and
//! several deliveries in a row coalesce into one completion. Once a signal
//! is registered its default action (e.g. terminating on `SIGTERM`) no
//! longer happens for the rest of the process, as with any signal-hook
//! handler.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::io;
use std::os::raw::c_int;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};

use mio::Interest;
use signal_hook_mio::v1_0::Signals;

use crate::leaf::{Leaf, leaf_trace};
use crate::reactor::{Reactor, SIGNAL_TOKEN};
use crate::runtime::context;

pub use signal_hook::consts::signal::{
    SIGALRM, SIGCHLD, SIGHUP, SIGINT, SIGPIPE, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGWINCH,
};

#[derive(Default)]
struct SignalSlot {
    count: u64,
    waiters: Vec<Waker>,
}

#[derive(Default)]
struct SignalShared {
    slots: Mutex<HashMap<c_int, SignalSlot>>,
}

impl SignalShared {
    fn slots(&self) -> MutexGuard<'_, HashMap<c_int, SignalSlot>> {
        self.slots.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A runtime's signal pipe and delivery counters.
#[derive(Default)]
pub(crate) struct SignalDriver {
    pipe: RefCell<Option<Signals>>,
    shared: Arc<SignalShared>,
}

impl SignalDriver {
    pub(crate) fn is_active(&self) -> bool {
        self.pipe.borrow().is_some()
    }

    fn register(&self, signum: c_int, reactor: &Reactor) -> io::Result<(Arc<SignalShared>, u64)> {
        if signal_hook::consts::FORBIDDEN.contains(&signum) {
            // signal-hook panics on these; report them as an error instead.
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("signal {signum} cannot be handled"),
            ));
        }
        let mut pipe = self.pipe.borrow_mut();
        if pipe.is_none() {
            let mut signals = Signals::new(std::iter::empty::<c_int>())?;
            reactor
                .shared
                .registry()
                .register(&mut signals, SIGNAL_TOKEN, Interest::READABLE)?;
            *pipe = Some(signals);
        }
        pipe.as_ref().expect("created above").add_signal(signum)?;
        let seen = self.shared.slots().entry(signum).or_default().count;
        Ok((self.shared.clone(), seen))
    }

    /// Reads the pipe and wakes the waiters of every delivered signal.
    pub(crate) fn dispatch(&self) {
        let delivered: Vec<c_int> = match self.pipe.borrow_mut().as_mut() {
            Some(pipe) => pipe.pending().collect(),
            None => return,
        };
        let mut wakers = Vec::new();
        {
            let mut slots = self.shared.slots();
            for signum in delivered {
                let slot = slots.entry(signum).or_default();
                slot.count += 1;
                wakers.append(&mut slot.waiters);
            }
        }
        wakers.into_iter().for_each(Waker::wake);
    }

    pub(crate) fn shutdown(&self, reactor: &Reactor) {
        if let Some(mut pipe) = self.pipe.borrow_mut().take() {
            let _ = reactor.shared.registry().deregister(&mut pipe);
        }
    }
}

/// Listens for `signum` (e.g. [`SIGTERM`]) on the current runtime.
///
/// Fails for signals that cannot be handled (`SIGKILL`, `SIGSTOP`, and the
/// ones signal-hook forbids such as `SIGSEGV`), or outside of a runtime.
///
/// ```
/// use coro_runtime::{Runtime, signal, task};
///
/// let rt = Runtime::new().unwrap();
/// rt.block_on(task::from_future(async {
///     let usr1 = signal::signal(signal::SIGUSR1).unwrap();
///     signal_hook::low_level::raise(signal::SIGUSR1).unwrap();
///     usr1.recv().await;
/// }));
/// ```
pub fn signal(signum: c_int) -> io::Result<Signal> {
    let core = context::current()
        .ok_or_else(|| io::Error::other("`signal` must be called inside a coro runtime"))?;
    let (shared, seen) = core.signals.register(signum, &core.reactor)?;
    Ok(Signal {
        shared,
        signum,
        seen: Arc::new(AtomicU64::new(seen)),
    })
}

/// A registered signal; see [`signal`]. Clones share what they have seen.
#[derive(Clone)]
pub struct Signal {
    shared: Arc<SignalShared>,
    signum: c_int,
    seen: Arc<AtomicU64>,
}

impl Signal {
    /// The signal number.
    pub fn signum(&self) -> c_int {
        self.signum
    }

    /// Completes at the next delivery (or at once if one arrived since the
    /// last completed `recv` or the registration).
    #[track_caller]
    pub fn recv(&self) -> Recv {
        Recv {
            signal: self.clone(),
            leaf: Leaf::new("signal"),
        }
    }
}

impl fmt::Debug for Signal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signal")
            .field("signum", &self.signum)
            .finish()
    }
}

/// The awaitable of [`Signal::recv`].
#[must_use = "futures do nothing unless awaited"]
pub struct Recv {
    signal: Signal,
    leaf: Leaf,
}

impl Future for Recv {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut slots = self.signal.shared.slots();
        let slot = slots.entry(self.signal.signum).or_default();
        if slot.count > self.signal.seen.load(Ordering::Acquire) {
            self.signal.seen.store(slot.count, Ordering::Release);
            drop(slots);
            self.leaf.done();
            return Poll::Ready(());
        }
        if !slot.waiters.iter().any(|w| w.will_wake(cx.waker())) {
            slot.waiters.push(cx.waker().clone());
        }
        drop(slots);
        self.leaf.pending();
        Poll::Pending
    }
}

impl fmt::Debug for Recv {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Recv")
            .field("signum", &self.signal.signum)
            .finish()
    }
}

leaf_trace!("coro_runtime::signal::Signal::recv", Recv);

/// Completes at the next `SIGINT` (Ctrl-C) after its first poll.
#[track_caller]
pub fn ctrl_c() -> CtrlC {
    CtrlC {
        recv: None,
        leaf: Leaf::new("ctrl_c"),
    }
}

/// The awaitable of [`ctrl_c`].
#[must_use = "futures do nothing unless awaited"]
pub struct CtrlC {
    recv: Option<Recv>,
    leaf: Leaf,
}

impl Future for CtrlC {
    type Output = io::Result<()>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        if this.recv.is_none() {
            match signal(SIGINT) {
                Ok(signal) => this.recv = Some(signal.recv()),
                Err(e) => return Poll::Ready(Err(e)),
            }
        }
        let recv = this.recv.as_mut().expect("set above");
        match Pin::new(recv).poll(cx) {
            Poll::Ready(()) => {
                this.leaf.done();
                Poll::Ready(Ok(()))
            }
            Poll::Pending => {
                this.leaf.pending();
                Poll::Pending
            }
        }
    }
}

impl fmt::Debug for CtrlC {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CtrlC")
    }
}

leaf_trace!("coro_runtime::signal::ctrl_c", CtrlC);
