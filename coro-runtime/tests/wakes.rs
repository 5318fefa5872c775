//! Wakes from other threads go through the injection queue and unpark the
//! runtime; same-thread wakes and spurious wakes are harmless.
mod common;

use std::sync::{Arc, Mutex};
use std::task::{Poll, Waker};
use std::time::Duration;

use common::{CountPolls, rt};
use coro_runtime::runtime::Handle;
use coro_runtime::task::{self, from_future};

#[test]
fn a_wake_from_another_thread_unparks_the_runtime() {
    let rt = rt();
    let slot: Arc<Mutex<(bool, Option<Waker>)>> = Arc::default();
    let remote = slot.clone();
    let waiter = rt.spawn(from_future(std::future::poll_fn(move |cx| {
        let mut s = slot.lock().unwrap();
        if s.0 {
            Poll::Ready(())
        } else {
            s.1 = Some(cx.waker().clone());
            Poll::Pending
        }
    })));
    let thread = std::thread::spawn(move || {
        for _ in 0..500 {
            std::thread::sleep(Duration::from_millis(2));
            let mut s = remote.lock().unwrap();
            if let Some(w) = s.1.take() {
                s.0 = true;
                drop(s);
                w.wake();
                return;
            }
        }
        panic!("the task never registered a waker");
    });
    rt.block_on(waiter).unwrap();
    thread.join().unwrap();
}

#[test]
fn the_block_on_future_can_be_woken_from_another_thread() {
    let rt = rt();
    let (tx, rx) = std::sync::mpsc::channel::<Waker>();
    let thread = std::thread::spawn(move || {
        let waker = rx.recv().unwrap();
        std::thread::sleep(Duration::from_millis(5));
        waker.wake();
    });
    let mut sent = Some(tx);
    rt.block_on(std::future::poll_fn(move |cx| match sent.take() {
        Some(tx) => {
            tx.send(cx.waker().clone()).unwrap();
            Poll::Pending
        }
        None => Poll::Ready(()),
    }));
    thread.join().unwrap();
}

#[test]
fn self_waking_tasks_are_polled_once_per_wake() {
    let rt = rt();
    let (fut, polls) = CountPolls::new(100, ());
    rt.block_on(rt.spawn(fut)).unwrap();
    assert_eq!(polls.get(), 101);
}

#[test]
fn many_wakers_of_one_task_queue_it_once() {
    let rt = rt();
    let polls = std::rc::Rc::new(std::cell::Cell::new(0));
    let p = polls.clone();
    let mut first = true;
    let h = rt.spawn(from_future(std::future::poll_fn(move |cx| {
        p.set(p.get() + 1);
        if first {
            first = false;
            for _ in 0..10 {
                cx.waker().wake_by_ref();
                let clone = cx.waker().clone();
                clone.wake();
            }
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    })));
    rt.block_on(h).unwrap();
    assert_eq!(polls.get(), 2);
}

#[test]
fn spawning_from_a_task_uses_the_current_runtime() {
    let rt = rt();
    let total = rt.block_on(from_future(async {
        let hs: Vec<_> = (0..100u64)
            .map(|i| task::spawn(from_future(async move { i })))
            .collect();
        assert!(Handle::current().stats().live_tasks >= 100);
        let mut total = 0;
        for h in hs {
            total += h.await.unwrap();
        }
        total
    }));
    assert_eq!(total, 4950);
    assert!(rt.stats().polls >= 100);
}
