//! Timers: ordering, cancellation, timeout both ways, equal deadlines, intervals.
mod common;

use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use common::rt;
use coro_runtime::task::{self, from_future};
use coro_runtime::time::{interval, sleep, sleep_until, timeout};

#[test]
// Under Miri the spawn loop alone outlasts the margin: the sleeps are all
// due before their first poll and complete in spawn order.
#[cfg_attr(miri, ignore)]
fn sleeps_complete_in_deadline_order() {
    let rt = rt();
    let order = Rc::new(RefCell::new(Vec::new()));
    let mut handles = Vec::new();
    // One base instant, so how late each task starts cannot reorder them,
    // and a margin so every sleep registers before the first one is due.
    let base = Instant::now() + Duration::from_millis(50);
    for ms in [30u64, 10, 20, 0, 5] {
        let order = order.clone();
        handles.push(rt.spawn(from_future(async move {
            sleep_until(base + Duration::from_millis(ms)).await;
            order.borrow_mut().push(ms);
        })));
    }
    rt.block_on(from_future(async move {
        for h in handles {
            h.await.unwrap();
        }
    }));
    assert_eq!(*order.borrow(), [0, 5, 10, 20, 30]);
}

#[test]
fn a_sleep_never_completes_early() {
    let rt = rt();
    let start = Instant::now();
    rt.block_on(sleep(Duration::from_millis(15)));
    assert!(start.elapsed() >= Duration::from_millis(15));
    let deadline = Instant::now() + Duration::from_micros(300);
    rt.block_on(sleep_until(deadline));
    assert!(Instant::now() >= deadline);
}

#[test]
fn equal_deadlines_fire_in_registration_order() {
    let rt = rt();
    let order = Rc::new(RefCell::new(Vec::new()));
    let deadline = Instant::now() + Duration::from_millis(5);
    let handles: Vec<_> = (0..200)
        .map(|i| {
            let order = order.clone();
            rt.spawn(from_future(async move {
                sleep_until(deadline).await;
                order.borrow_mut().push(i);
            }))
        })
        .collect();
    rt.block_on(from_future(async move {
        for h in handles {
            h.await.unwrap();
        }
    }));
    assert_eq!(*order.borrow(), (0..200).collect::<Vec<_>>());
    assert_eq!(rt.stats().live_timers, 0);
}

#[test]
fn dropping_a_sleep_releases_its_timer() {
    let rt = rt();
    rt.block_on(from_future(async {
        let mut sleeps: Vec<_> = (0..100)
            .map(|_| Box::pin(sleep(Duration::from_secs(60))))
            .collect();
        // Register them all (each polls Pending once).
        for s in &mut sleeps {
            assert!(futures_poll_once(s.as_mut()));
        }
        assert_eq!(
            coro_runtime::runtime::Handle::current().stats().live_timers,
            100
        );
        sleeps.truncate(10);
        assert_eq!(
            coro_runtime::runtime::Handle::current().stats().live_timers,
            10
        );
    }));
    assert_eq!(rt.stats().live_timers, 0);
}

/// Polls once with a no-op waker; true if pending.
fn futures_poll_once<F: std::future::Future>(f: std::pin::Pin<&mut F>) -> bool {
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    f.poll(&mut cx).is_pending()
}

#[test]
fn timeout_returns_the_output_when_fast_enough() {
    let rt = rt();
    let out = rt.block_on(timeout(
        Duration::from_secs(60),
        from_future(async {
            sleep(Duration::from_millis(1)).await;
            3
        }),
    ));
    assert_eq!(out, Ok(3));
    assert_eq!(rt.stats().live_timers, 0);
}

#[test]
fn timeout_elapses_and_drops_the_slow_future() {
    let rt = rt();
    let start = Instant::now();
    let out = rt.block_on(timeout(
        Duration::from_millis(5),
        sleep(Duration::from_secs(60)),
    ));
    assert!(out.is_err());
    assert!(start.elapsed() >= Duration::from_millis(5));
    assert_eq!(rt.stats().live_timers, 0);
}

#[test]
fn many_timeouts_that_finish_early_do_not_accumulate() {
    let rt = rt();
    rt.block_on(from_future(async {
        for _ in 0..10_000 {
            let out = timeout(Duration::from_secs(60), task::yield_now()).await;
            assert!(out.is_ok());
        }
    }));
    assert_eq!(rt.stats().live_timers, 0);
}

#[test]
fn interval_ticks_at_its_period() {
    let rt = rt();
    let start = Instant::now();
    let ticks = rt.block_on(from_future(async {
        let every = interval(Duration::from_millis(2));
        let mut ticks = Vec::new();
        for _ in 0..5 {
            ticks.push(every.tick().await);
        }
        ticks
    }));
    assert!(start.elapsed() >= Duration::from_millis(8));
    for pair in ticks.windows(2) {
        assert!(pair[1] - pair[0] >= Duration::from_millis(2));
    }
}

#[test]
fn interval_skips_missed_ticks() {
    let rt = rt();
    rt.block_on(from_future(async {
        let every = interval(Duration::from_millis(2));
        let first = every.tick().await;
        std::thread::sleep(Duration::from_millis(9));
        let second = every.tick().await;
        // The late tick fires at once, for a slot of the original schedule
        // (a later slot if even the first tick came late on a loaded machine).
        let gap = (second - first).as_nanos();
        assert!(gap >= 2_000_000 && gap % 2_000_000 == 0, "{gap} ns");
        let third = every.tick().await;
        // Missed slots are skipped: the next one is after the 9 ms stall.
        assert!(third - first >= Duration::from_millis(10), "skipped ahead");
        assert_eq!((third - first).as_nanos() % 2_000_000, 0);
    }));
}
