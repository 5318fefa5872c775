//! The blocking pool: results, panics, many jobs with a small thread limit.
mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use coro_runtime::Runtime;
use coro_runtime::blocking::spawn_blocking;
use coro_runtime::runtime::Handle;
use coro_runtime::task::from_future;

#[test]
#[cfg_attr(miri, ignore)]
fn spawn_blocking_returns_the_result() {
    let rt = common::rt();
    let main_thread = std::thread::current().id();
    let (n, thread) = rt.block_on(from_future(async {
        spawn_blocking(|| ((1..=100u64).sum::<u64>(), std::thread::current().id()))
            .await
            .unwrap()
    }));
    assert_eq!(n, 5050);
    assert_ne!(thread, main_thread);
}

#[test]
#[cfg_attr(miri, ignore)]
fn a_panicking_job_is_reported_as_a_join_error() {
    let rt = common::rt();
    let err = rt.block_on(from_future(async {
        spawn_blocking(|| panic!("job fails")).await.unwrap_err()
    }));
    assert!(err.is_panic());
    assert_eq!(*err.into_panic().downcast::<&str>().unwrap(), "job fails");
    // The pool still works.
    assert_eq!(
        rt.block_on(from_future(async { spawn_blocking(|| 1).await.unwrap() })),
        1
    );
}

#[test]
#[cfg_attr(miri, ignore)]
fn many_jobs_respect_the_thread_limit() {
    let rt = Runtime::builder().max_blocking_threads(3).build().unwrap();
    let running = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let total = rt.block_on(from_future({
        let (running, peak) = (running.clone(), peak.clone());
        async move {
            let jobs: Vec<_> = (0..30)
                .map(|i| {
                    let (running, peak) = (running.clone(), peak.clone());
                    spawn_blocking(move || {
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        peak.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(1));
                        running.fetch_sub(1, Ordering::SeqCst);
                        i
                    })
                })
                .collect();
            assert!(Handle::current().stats().blocking_threads <= 3);
            let mut total = 0;
            for job in jobs {
                total += job.await.unwrap();
            }
            total
        }
    }));
    assert_eq!(total, (0..30).sum::<i32>());
    assert!(peak.load(Ordering::SeqCst) <= 3);
    assert!(rt.stats().blocking_threads <= 3);
}

#[test]
#[cfg_attr(miri, ignore)]
fn idle_threads_exit_after_the_timeout() {
    let rt = Runtime::builder()
        .blocking_idle_timeout(Duration::from_millis(20))
        .build()
        .unwrap();
    rt.block_on(from_future(async { spawn_blocking(|| ()).await.unwrap() }));
    assert_eq!(rt.stats().blocking_threads, 1);
    // Bounded wait: 5 s at most, normally ~20 ms.
    for _ in 0..500 {
        if rt.stats().blocking_threads == 0 {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the idle blocking thread did not exit");
}
