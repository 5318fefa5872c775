//! A panicking task does not bring the runtime down.
mod common;

use std::cell::Cell;
use std::rc::Rc;

use common::rt;
use coro_runtime::task::{self, from_future};

#[test]
fn the_runtime_survives_panicking_tasks() {
    let rt = rt();
    let survivors = Rc::new(Cell::new(0));
    let mut panics = Vec::new();
    for i in 0..20 {
        let survivors = survivors.clone();
        panics.push(rt.spawn(from_future(async move {
            task::yield_now().await;
            if i % 2 == 0 {
                panic!("task {i} fails");
            }
            survivors.set(survivors.get() + 1);
        })));
    }
    let results = rt.block_on(from_future(async move {
        let mut results = Vec::new();
        for h in panics {
            results.push(h.await);
        }
        results
    }));
    assert_eq!(
        results
            .iter()
            .filter(|r| r.as_ref().is_err_and(|e| e.is_panic()))
            .count(),
        10
    );
    assert_eq!(survivors.get(), 10);
    // Still usable afterwards.
    assert_eq!(rt.block_on(rt.spawn(from_future(async { 1 }))).unwrap(), 1);
    assert_eq!(rt.stats().live_tasks, 0);
}

#[test]
fn a_detached_panicking_task_is_freed() {
    let rt = rt();
    drop(rt.spawn(from_future(async { panic!("nobody listens") })));
    rt.block_on(task::yield_now());
    rt.block_on(task::yield_now());
    assert_eq!(rt.stats().live_tasks, 0);
}

#[test]
fn a_panic_in_block_on_propagates_and_the_runtime_stays_usable() {
    let rt = rt();
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        rt.block_on(from_future(async { panic!("main fails") }))
    }));
    assert!(caught.is_err());
    assert_eq!(rt.block_on(async { 2 }), 2);
}
