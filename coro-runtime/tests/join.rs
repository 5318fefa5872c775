//! JoinHandle: output, panic, cancellation, detaching.
mod common;

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use common::{CountPolls, DropCounter, Forever, rt};
use coro_runtime::task::{self, from_future};
use coro_runtime::time::sleep;

#[test]
fn join_returns_the_output() {
    let rt = rt();
    let (fut, polls) = CountPolls::new(3, 7u32);
    let h = rt.spawn(fut);
    assert_eq!(rt.block_on(h).unwrap(), 7);
    assert_eq!(polls.get(), 4);
    assert_eq!(rt.stats().live_tasks, 0);
}

#[test]
fn join_reports_a_panic_with_its_payload() {
    let rt = rt();
    let h = rt.spawn(from_future(async {
        if true {
            panic!("boom");
        }
    }));
    let err = rt.block_on(h).unwrap_err();
    assert!(err.is_panic());
    assert!(!err.is_cancelled());
    assert!(err.to_string().contains("boom"), "{err}");
    assert_eq!(*err.into_panic().downcast::<&str>().unwrap(), "boom");
}

#[test]
fn cancel_before_first_poll_drops_the_machine() {
    let rt = rt();
    let drops = DropCounter::default();
    let h = rt.spawn(Forever(drops.token()));
    h.cancel();
    let err = rt.block_on(h).unwrap_err();
    assert!(err.is_cancelled());
    assert_eq!(drops.count(), 1);
    assert_eq!(rt.stats().live_tasks, 0);
}

#[test]
fn cancel_at_a_suspension_point_drops_the_machine_there() {
    let rt = rt();
    let drops = DropCounter::default();
    let token = drops.token();
    let reached = Rc::new(Cell::new(false));
    let r = reached.clone();
    let h = rt.spawn(from_future(async move {
        let _token = token;
        r.set(true);
        sleep(Duration::from_secs(3600)).await;
        unreachable!("cancelled while asleep");
    }));
    let out = rt.block_on(from_future(async move {
        while !reached.get() {
            task::yield_now().await;
        }
        h.cancel();
        h.await
    }));
    assert!(out.unwrap_err().is_cancelled());
    assert_eq!(drops.count(), 1);
    assert_eq!(rt.stats().live_timers, 0);
}

#[test]
fn dropping_the_handle_detaches_the_task() {
    let rt = rt();
    let done = Rc::new(Cell::new(false));
    let d = done.clone();
    drop(rt.spawn(from_future(async move {
        task::yield_now().await;
        d.set(true);
    })));
    rt.block_on(from_future(async {
        for _ in 0..10 {
            task::yield_now().await;
        }
    }));
    assert!(done.get());
    assert_eq!(rt.stats().live_tasks, 0);
}

#[test]
fn dropping_the_handle_of_a_finished_task_frees_it() {
    let rt = rt();
    let h = rt.spawn(from_future(async { String::from("unclaimed") }));
    rt.block_on(task::yield_now());
    rt.block_on(task::yield_now());
    assert!(h.is_finished());
    assert_eq!(rt.stats().live_tasks, 1, "the output waits for its handle");
    rt.block_on(from_future(async move { drop(h) }));
    assert_eq!(rt.stats().live_tasks, 0);
}

#[test]
fn cancel_after_completion_keeps_the_output() {
    let rt = rt();
    let h = rt.spawn(from_future(async { 5 }));
    rt.block_on(task::yield_now());
    h.cancel();
    assert_eq!(rt.block_on(h).unwrap(), 5);
}

#[test]
fn join_handles_chain_across_tasks() {
    let rt = rt();
    let out = rt.block_on(from_future(async {
        let inner = task::spawn(from_future(async {
            sleep(Duration::from_millis(1)).await;
            1
        }));
        let outer = task::spawn(from_future(async move { inner.await.unwrap() + 1 }));
        outer.await.unwrap()
    }));
    assert_eq!(out, 2);
}

#[test]
fn dropping_the_runtime_drops_pending_tasks() {
    let drops = DropCounter::default();
    let rt = rt();
    let _h = rt.spawn(Forever(drops.token()));
    rt.block_on(task::yield_now());
    drop(rt);
    assert_eq!(drops.count(), 1);
}
