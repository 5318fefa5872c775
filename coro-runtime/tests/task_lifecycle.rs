//! The life of a task's allocation across threads: wakers and join handles
//! that move, outlive the runtime, cancel and are dropped on other threads.
//! Each case also runs under Miri (see BENCHMARKS.md / the README's checks),
//! which reports any use after free, double free, data race or leak.
mod common;

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread::{self, ThreadId};

use common::{DropCounter, DropToken, rt};
use coro_runtime::Trace;
use coro_runtime::task::{self, JoinHandle, from_future};

/// Pending until `go` is set, keeping its latest waker in `waker`. Holds an
/// `Rc` (through the drop token), so it is `!Send`.
struct Parked {
    waker: Arc<Mutex<Option<Waker>>>,
    go: Arc<AtomicBool>,
    _token: DropToken,
    dropped_on: Rc<RefCell<Option<ThreadId>>>,
}

struct ParkedControls {
    waker: Arc<Mutex<Option<Waker>>>,
    go: Arc<AtomicBool>,
    drops: DropCounter,
    dropped_on: Rc<RefCell<Option<ThreadId>>>,
}

impl ParkedControls {
    fn waker(&self) -> Waker {
        self.waker
            .lock()
            .unwrap()
            .clone()
            .expect("the task has been polled")
    }
}

fn parked() -> (Parked, ParkedControls) {
    let drops = DropCounter::default();
    let controls = ParkedControls {
        waker: Arc::default(),
        go: Arc::default(),
        dropped_on: Rc::default(),
        drops,
    };
    let machine = Parked {
        waker: controls.waker.clone(),
        go: controls.go.clone(),
        _token: controls.drops.token(),
        dropped_on: controls.dropped_on.clone(),
    };
    (machine, controls)
}

impl Drop for Parked {
    fn drop(&mut self) {
        *self.dropped_on.borrow_mut() = Some(thread::current().id());
    }
}

impl Future for Parked {
    type Output = u32;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        if self.go.load(Ordering::Acquire) {
            return Poll::Ready(7);
        }
        *self.waker.lock().unwrap() = Some(cx.waker().clone());
        Poll::Pending
    }
}

leaf_trace!("tests::Parked", Trace for Parked);

/// Runs the runtime until every ready task has been polled.
fn settle(rt: &coro_runtime::Runtime) {
    rt.block_on(from_future(async {
        for _ in 0..3 {
            task::yield_now().await;
        }
    }));
}

#[test]
fn a_wake_on_another_thread_runs_the_task_on_the_runtime_thread() {
    let rt = rt();
    let (machine, controls) = parked();
    let handle = rt.spawn(machine);
    settle(&rt);
    controls.go.store(true, Ordering::Release);
    let waker = controls.waker();
    thread::spawn(move || waker.wake()).join().unwrap();
    assert_eq!(rt.block_on(handle).unwrap(), 7);
    assert_eq!(controls.drops.count(), 1);
    assert_eq!(*controls.dropped_on.borrow(), Some(thread::current().id()));
    assert_eq!(rt.stats().live_tasks, 0);
}

#[test]
fn wakers_outliving_the_runtime_are_harmless() {
    let rt = rt();
    let (machine, controls) = parked();
    let handle = rt.spawn(machine);
    settle(&rt);
    let by_ref = controls.waker();
    let by_value = by_ref.clone();
    drop(rt);
    assert_eq!(controls.drops.count(), 1, "shutdown drops the machine");
    assert_eq!(*controls.dropped_on.borrow(), Some(thread::current().id()));
    thread::spawn(move || {
        by_ref.wake_by_ref();
        by_value.wake();
        by_ref.wake();
    })
    .join()
    .unwrap();
    *controls.waker.lock().unwrap() = None;
    drop(handle);
}

#[test]
fn many_waker_clones_on_many_threads_balance_out() {
    let rt = rt();
    let (machine, controls) = parked();
    let handle = rt.spawn(machine);
    settle(&rt);
    let waker = controls.waker();
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let waker = waker.clone();
            thread::spawn(move || {
                let clones: Vec<Waker> = (0..50).map(|_| waker.clone()).collect();
                for (i, clone) in clones.into_iter().enumerate() {
                    if i % 2 == 0 {
                        clone.wake();
                    } else {
                        clone.wake_by_ref();
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    controls.go.store(true, Ordering::Release);
    waker.wake();
    assert_eq!(rt.block_on(handle).unwrap(), 7);
    *controls.waker.lock().unwrap() = None;
    assert_eq!(rt.stats().live_tasks, 0);
}

/// Records the thread it is dropped on.
struct Output(Arc<Mutex<Option<ThreadId>>>);

impl Drop for Output {
    fn drop(&mut self) {
        *self.0.lock().unwrap() = Some(thread::current().id());
    }
}

#[test]
fn a_handle_dropped_on_another_thread_after_completion_frees_the_task() {
    let rt = rt();
    let dropped_on = Arc::new(Mutex::new(None));
    let out = Output(dropped_on.clone());
    let handle = rt.spawn(from_future(async move { out }));
    settle(&rt);
    assert!(handle.is_finished());
    assert_eq!(rt.stats().live_tasks, 1, "the output waits for its handle");
    let other = thread::spawn(move || {
        drop(handle);
        thread::current().id()
    })
    .join()
    .unwrap();
    assert_eq!(*dropped_on.lock().unwrap(), Some(other));
    settle(&rt);
    assert_eq!(rt.stats().live_tasks, 0, "the reap request was handled");
}

#[test]
fn a_handle_dropped_on_another_thread_before_completion_lets_the_runtime_drop_the_output() {
    let rt = rt();
    let (machine, controls) = parked();
    let handle: JoinHandle<u32> = rt.spawn(machine);
    settle(&rt);
    thread::spawn(move || drop(handle)).join().unwrap();
    controls.go.store(true, Ordering::Release);
    controls.waker().wake();
    settle(&rt);
    assert_eq!(controls.drops.count(), 1);
    assert_eq!(rt.stats().live_tasks, 0);
}

#[test]
fn a_cancel_from_another_thread_is_acted_upon_on_the_runtime_thread() {
    let rt = rt();
    let (machine, controls) = parked();
    let handle = rt.spawn(machine);
    settle(&rt);
    let handle = thread::spawn(move || {
        handle.cancel();
        handle
    })
    .join()
    .unwrap();
    let err = rt.block_on(handle).unwrap_err();
    assert!(err.is_cancelled());
    assert_eq!(controls.drops.count(), 1);
    assert_eq!(*controls.dropped_on.borrow(), Some(thread::current().id()));
}

/// Cancels itself through its own handle during its first poll, then
/// returns `Pending` without arranging a wake.
struct CancelsItself {
    handle: Rc<RefCell<Option<JoinHandle<()>>>>,
    _token: DropToken,
}

impl Future for CancelsItself {
    type Output = ();
    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if let Some(handle) = &*self.handle.borrow() {
            handle.cancel();
        }
        Poll::Pending
    }
}

leaf_trace!("tests::CancelsItself", Trace for CancelsItself);

#[test]
fn a_task_cancelling_itself_is_dropped_after_its_poll() {
    let rt = rt();
    let drops = DropCounter::default();
    let slot = Rc::new(RefCell::new(None));
    let handle = rt.spawn(CancelsItself {
        handle: slot.clone(),
        _token: drops.token(),
    });
    *slot.borrow_mut() = Some(handle);
    settle(&rt);
    assert_eq!(drops.count(), 1);
    let handle = slot.borrow_mut().take().unwrap();
    assert!(rt.block_on(handle).unwrap_err().is_cancelled());
    assert_eq!(rt.stats().live_tasks, 0);
}

#[test]
fn a_handle_outliving_its_runtime_can_still_be_dropped_and_cancelled() {
    let rt = rt();
    let (machine, _controls) = parked();
    let pending = rt.spawn(machine);
    let finished = rt.spawn(from_future(async { String::from("kept") }));
    settle(&rt);
    drop(rt);
    assert!(pending.is_finished(), "shutdown completes every task");
    pending.cancel();
    drop(pending);
    thread::spawn(move || drop(finished)).join().unwrap();
}

#[test]
#[should_panic(expected = "cannot spawn a task on a runtime that has been dropped")]
fn spawning_through_a_handle_that_outlived_its_runtime_panics() {
    let rt = rt();
    let handle = rt.handle().clone();
    drop(rt);
    drop(handle.spawn(from_future(async {})));
}

/// Each task awaits the other's handle, so each header holds the other's
/// waker: a cycle of references that shutdown must break (Miri reports a
/// leak otherwise).
#[test]
fn tasks_awaiting_each_other_are_freed_at_shutdown() {
    let rt = rt();
    let drops = DropCounter::default();
    let slot_a: Rc<RefCell<Option<JoinHandle<()>>>> = Rc::default();
    let slot_b: Rc<RefCell<Option<JoinHandle<()>>>> = Rc::default();
    let waits_for = |slot: Rc<RefCell<Option<JoinHandle<()>>>>, token: DropToken| {
        from_future(async move {
            let _token = token;
            task::yield_now().await;
            let other = slot.borrow_mut().take().expect("the other handle is set");
            let _ = other.await;
        })
    };
    let a = rt.spawn(waits_for(slot_b.clone(), drops.token()));
    let b = rt.spawn(waits_for(slot_a.clone(), drops.token()));
    *slot_a.borrow_mut() = Some(a);
    *slot_b.borrow_mut() = Some(b);
    settle(&rt);
    assert_eq!(drops.count(), 0, "both wait forever");
    assert_eq!(rt.stats().live_tasks, 2);
    drop(rt);
    assert_eq!(drops.count(), 2, "shutdown dropped both machines");
}
