//! Dropping a task's machine at a suspension point releases what it had
//! registered: timer entries and I/O sources (counted through `stats`).
mod common;

use std::time::Duration;

use common::rt;
use coro_runtime::net::{TcpListener, UdpSocket};
use coro_runtime::runtime::Handle;
use coro_runtime::task::{self, from_future};
use coro_runtime::time::{sleep, timeout};

#[test]
fn cancelling_sleeping_tasks_releases_their_timers() {
    let rt = rt();
    rt.block_on(from_future(async {
        let hs: Vec<_> = (0..50)
            .map(|i| {
                task::spawn(from_future(async move {
                    sleep(Duration::from_secs(100 + i)).await
                }))
            })
            .collect();
        task::yield_now().await;
        assert_eq!(Handle::current().stats().live_timers, 50);
        for h in &hs {
            h.cancel();
        }
        assert_eq!(Handle::current().stats().live_timers, 0);
        for h in hs {
            assert!(h.await.unwrap_err().is_cancelled());
        }
    }));
    assert_eq!(rt.stats().live_tasks, 0);
}

#[test]
#[cfg_attr(miri, ignore)]
fn cancelling_a_task_blocked_on_io_deregisters_its_sockets() {
    let rt = rt();
    rt.block_on(from_future(async {
        let before = Handle::current().stats().io_sources;
        let h = task::spawn(from_future(async {
            let listener = TcpListener::bind("127.0.0.1:0".parse().unwrap()).unwrap();
            let udp = UdpSocket::bind("127.0.0.1:0".parse().unwrap()).unwrap();
            let _keep = udp.clone();
            let _ = listener.accept().await;
            unreachable!("nobody connects");
        }));
        task::yield_now().await;
        assert_eq!(Handle::current().stats().io_sources, before + 2);
        h.cancel();
        assert_eq!(Handle::current().stats().io_sources, before);
        assert!(h.await.unwrap_err().is_cancelled());
    }));
}

#[test]
fn an_elapsed_timeout_drops_the_inner_future_and_its_timer() {
    let rt = rt();
    rt.block_on(from_future(async {
        let inner = from_future(sleep(Duration::from_secs(100)));
        assert!(timeout(Duration::from_millis(2), inner).await.is_err());
        assert_eq!(Handle::current().stats().live_timers, 0);
    }));
}

#[test]
fn dropping_the_runtime_drops_every_suspended_machine() {
    let drops = common::DropCounter::default();
    let rt = rt();
    for i in 0..10 {
        let token = drops.token();
        drop(rt.spawn(from_future(async move {
            let _token = token;
            sleep(Duration::from_secs(100 + i)).await
        })));
    }
    rt.block_on(task::yield_now());
    assert_eq!(rt.stats().live_timers, 10);
    assert_eq!(rt.stats().live_tasks, 10);
    drop(rt);
    assert_eq!(drops.count(), 10);
}
