//! Priority levels: FIFO within a level, higher levels first, and the
//! fairness rule that keeps a busy high level from starving lower ones.
mod common;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use common::rt;
use coro_runtime::Priority;
use coro_runtime::task::{self, from_future};

#[test]
fn equal_priority_tasks_run_in_spawn_order() {
    let rt = rt();
    let order = Rc::new(RefCell::new(Vec::new()));
    for i in 0..50 {
        let order = order.clone();
        drop(rt.spawn(from_future(async move { order.borrow_mut().push(i) })));
    }
    rt.block_on(task::yield_now());
    assert_eq!(*order.borrow(), (0..50).collect::<Vec<_>>());
}

#[test]
fn higher_priority_runs_first_when_levels_are_idle_otherwise() {
    let rt = rt();
    let order = Rc::new(RefCell::new(Vec::new()));
    for (i, p) in [Priority::Low, Priority::Normal, Priority::High]
        .into_iter()
        .enumerate()
    {
        let order = order.clone();
        drop(rt.spawn_with(p, from_future(async move { order.borrow_mut().push(i) })));
    }
    rt.block_on(task::yield_now());
    assert_eq!(*order.borrow(), [2, 1, 0]);
}

#[test]
fn a_busy_high_level_still_lets_a_low_task_finish() {
    let rt = rt();
    let high_polls = Rc::new(Cell::new(0u32));
    let low_done_at = Rc::new(Cell::new(None));
    // Ten high-priority tasks that keep yielding for a long bounded while.
    let highs: Vec<_> = (0..10)
        .map(|_| {
            let polls = high_polls.clone();
            rt.spawn_with(
                Priority::High,
                from_future(async move {
                    for _ in 0..2_000 {
                        polls.set(polls.get() + 1);
                        task::yield_now().await;
                    }
                }),
            )
        })
        .collect();
    let (polls, done) = (high_polls.clone(), low_done_at.clone());
    let low = rt.spawn_with(
        Priority::Low,
        from_future(async move {
            for _ in 0..5 {
                task::yield_now().await;
            }
            done.set(Some(polls.get()));
        }),
    );
    rt.block_on(from_future(async move {
        low.await.unwrap();
        for h in highs {
            h.await.unwrap();
        }
    }));
    let at = low_done_at.get().expect("low task finished");
    // With burst 8, a low task gets one poll per (8 + 1)^2 dequeues: its six
    // polls need well under 1000 high polls, far fewer than the 20000 total.
    assert!(at < 1_000, "low task finished after {at} high polls");
}

#[test]
fn a_low_task_finishes_while_normal_and_high_are_busy() {
    let rt = Runtime::builder().fairness_burst(2).build().unwrap();
    let busy = |p| {
        rt.spawn_with(
            p,
            from_future(async {
                for _ in 0..1_000 {
                    task::yield_now().await;
                }
            }),
        )
    };
    let hs = [
        busy(Priority::High),
        busy(Priority::High),
        busy(Priority::Normal),
        busy(Priority::Normal),
    ];
    let low = rt.spawn_with(
        Priority::Low,
        from_future(async {
            task::yield_now().await;
            rt_finished_marker()
        }),
    );
    let low_first = rt.block_on(from_future(async move {
        let v = low.await.unwrap();
        let busy_left = hs.iter().filter(|h| !h.is_finished()).count();
        (v, busy_left)
    }));
    assert_eq!(low_first.0, 42);
    assert!(
        low_first.1 > 0,
        "the low task finished while higher levels were still busy"
    );
}

fn rt_finished_marker() -> u32 {
    42
}

use coro_runtime::Runtime;

#[test]
fn yield_now_lets_same_level_tasks_interleave() {
    let rt = rt();
    let log = Rc::new(RefCell::new(Vec::new()));
    let hs: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|name| {
            let log = log.clone();
            rt.spawn(from_future(async move {
                for i in 0..3 {
                    log.borrow_mut().push(format!("{name}{i}"));
                    task::yield_now().await;
                }
            }))
        })
        .collect();
    rt.block_on(from_future(async move {
        for h in hs {
            h.await.unwrap();
        }
    }));
    assert_eq!(*log.borrow(), ["a0", "b0", "a1", "b1", "a2", "b2"]);
}
