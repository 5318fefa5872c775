//! Signals delivered to the process wake the tasks that listen for them.
mod common;

use common::rt;
use coro_runtime::signal::{self, SIGUSR1, SIGUSR2};
use coro_runtime::task::{self, from_future};

#[test]
#[cfg_attr(miri, ignore)]
fn a_raised_signal_completes_recv() {
    let rt = rt();
    rt.block_on(from_future(async {
        let usr1 = signal::signal(SIGUSR1).unwrap();
        let waiter = task::spawn(from_future(async move {
            usr1.recv().await;
            usr1.signum()
        }));
        task::yield_now().await;
        signal_hook::low_level::raise(SIGUSR1).unwrap();
        assert_eq!(waiter.await.unwrap(), SIGUSR1);
    }));
}

#[test]
#[cfg_attr(miri, ignore)]
fn a_delivery_before_recv_is_not_lost() {
    let rt = rt();
    rt.block_on(from_future(async {
        let usr2 = signal::signal(SIGUSR2).unwrap();
        signal_hook::low_level::raise(SIGUSR2).unwrap();
        // Let the reactor read the pipe before anyone awaits.
        for _ in 0..3 {
            task::yield_now().await;
        }
        usr2.recv().await;
    }));
}

#[test]
#[cfg_attr(miri, ignore)]
fn forbidden_signals_are_rejected() {
    let rt = rt();
    rt.block_on(from_future(async {
        assert!(signal::signal(signal_hook::consts::SIGKILL).is_err());
    }));
}
