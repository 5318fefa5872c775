//! Timers: [`sleep`], [`sleep_until`], [`timeout`], [`interval`].
//!
//! Each runtime has a sleep heap: a slab of timer entries plus a binary
//! min-heap of `(deadline, sequence, key, generation)`. Equal deadlines fire
//! in registration order (the sequence number). Removing a timer frees its
//! slab entry at once and bumps the slot's generation, so the heap entry
//! goes stale and is skipped when it surfaces (lazy deletion); when stale
//! entries outnumber live ones the heap is rebuilt, so a loop of
//! `timeout(..)`s that finish early cannot grow it without bound.
//!
//! The heap sits behind a `Mutex` in an `Arc` shared by the runtime and
//! every registered [`Sleep`]: registering, re-arming and dropping a timer
//! work from any thread (so timers stay `Send`, ready for a multi-threaded
//! mode), and firing takes the wakers out before waking them, outside the
//! lock. A sleep registers lazily, on its first `Pending` poll.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use crate::coroutine::{MachineState, Trace};
use crate::leaf::{Leaf, leaf_trace};
use crate::runtime::context;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct TimerId {
    key: u32,
    generation: u32,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct HeapKey {
    deadline: Instant,
    seq: u64,
    key: u32,
    generation: u32,
}

struct TimerSlot {
    generation: u32,
    /// `Some` while the timer is armed.
    waker: Option<Waker>,
}

/// The sleep min-heap with a slab of live entries (see the module docs).
#[derive(Default)]
struct SleepHeap {
    slots: Vec<TimerSlot>,
    free: Vec<u32>,
    live: usize,
    heap: BinaryHeap<Reverse<HeapKey>>,
    seq: u64,
}

impl SleepHeap {
    fn insert(&mut self, deadline: Instant, waker: Waker) -> TimerId {
        let key = match self.free.pop() {
            Some(key) => {
                self.slots[key as usize].waker = Some(waker);
                key
            }
            None => {
                self.slots.push(TimerSlot {
                    generation: 0,
                    waker: Some(waker),
                });
                u32::try_from(self.slots.len() - 1).expect("more than 2^32 timers")
            }
        };
        let generation = self.slots[key as usize].generation;
        self.live += 1;
        self.seq += 1;
        self.heap.push(Reverse(HeapKey {
            deadline,
            seq: self.seq,
            key,
            generation,
        }));
        TimerId { key, generation }
    }

    fn is_live(&self, id: TimerId) -> bool {
        self.slots
            .get(id.key as usize)
            .is_some_and(|s| s.generation == id.generation && s.waker.is_some())
    }

    /// Replaces the waker if the timer is still armed; `false` if it fired.
    fn update(&mut self, id: TimerId, waker: &Waker) -> bool {
        if !self.is_live(id) {
            return false;
        }
        let slot = &mut self.slots[id.key as usize];
        if let Some(old) = &slot.waker
            && !old.will_wake(waker)
        {
            slot.waker = Some(waker.clone());
        }
        true
    }

    /// Frees the entry, returning its waker (dropped by the caller outside
    /// the lock).
    fn remove(&mut self, id: TimerId) -> Option<Waker> {
        if !self.is_live(id) {
            return None;
        }
        let slot = &mut self.slots[id.key as usize];
        slot.generation = slot.generation.wrapping_add(1);
        let waker = slot.waker.take();
        self.free.push(id.key);
        self.live -= 1;
        if self.heap.len() > 64 + 2 * self.live {
            self.compact();
        }
        waker
    }

    fn compact(&mut self) {
        let slots = &self.slots;
        let heap = std::mem::take(&mut self.heap).into_vec();
        let live = heap.into_iter().filter(|Reverse(k)| {
            slots[k.key as usize].generation == k.generation
                && slots[k.key as usize].waker.is_some()
        });
        self.heap = live.collect();
    }

    fn next_deadline(&mut self) -> Option<Instant> {
        while let Some(Reverse(top)) = self.heap.peek() {
            let id = TimerId {
                key: top.key,
                generation: top.generation,
            };
            if self.is_live(id) {
                return Some(top.deadline);
            }
            self.heap.pop();
        }
        None
    }

    /// Frees every entry due at `now` and collects its waker.
    fn fire(&mut self, now: Instant, wakers: &mut Vec<Waker>) {
        while let Some(Reverse(top)) = self.heap.peek() {
            if top.deadline > now {
                break;
            }
            let id = TimerId {
                key: top.key,
                generation: top.generation,
            };
            self.heap.pop();
            if let Some(waker) = self.remove(id) {
                wakers.push(waker);
            }
        }
    }
}

/// A runtime's timers, shared with the sleeps registered on them.
#[derive(Default)]
pub(crate) struct TimerDriver {
    heap: Mutex<SleepHeap>,
}

impl TimerDriver {
    fn lock(&self) -> MutexGuard<'_, SleepHeap> {
        self.heap.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn len(&self) -> usize {
        self.lock().live
    }

    pub(crate) fn next_deadline(&self) -> Option<Instant> {
        self.lock().next_deadline()
    }

    /// Wakes every timer due at `now`, outside the lock.
    pub(crate) fn fire(&self, now: Instant) {
        let mut wakers = Vec::new();
        {
            let mut heap = self.lock();
            if heap.live == 0 {
                return;
            }
            heap.fire(now, &mut wakers);
        }
        wakers.into_iter().for_each(Waker::wake);
    }
}

/// Waits until `duration` has elapsed.
///
/// ```
/// use coro_runtime::{Runtime, time};
/// use std::time::{Duration, Instant};
///
/// let rt = Runtime::new().unwrap();
/// let start = Instant::now();
/// rt.block_on(time::sleep(Duration::from_millis(2)));
/// assert!(start.elapsed() >= Duration::from_millis(2));
/// ```
#[track_caller]
pub fn sleep(duration: Duration) -> Sleep {
    let deadline = Instant::now()
        .checked_add(duration)
        .unwrap_or_else(far_future);
    Sleep {
        deadline,
        entry: None,
        leaf: Leaf::new("sleep"),
    }
}

/// Waits until `deadline`.
#[track_caller]
pub fn sleep_until(deadline: Instant) -> Sleep {
    Sleep {
        deadline,
        entry: None,
        leaf: Leaf::new("sleep"),
    }
}

fn far_future() -> Instant {
    Instant::now() + Duration::from_secs(86400 * 365 * 30)
}

/// The awaitable of [`sleep`] and [`sleep_until`]. Dropping it releases its
/// timer entry. Polling it requires a runtime (it registers lazily).
#[must_use = "futures do nothing unless awaited"]
pub struct Sleep {
    deadline: Instant,
    entry: Option<(Arc<TimerDriver>, TimerId)>,
    leaf: Leaf,
}

impl Sleep {
    /// When the sleep completes.
    pub fn deadline(&self) -> Instant {
        self.deadline
    }

    /// Whether the deadline has passed.
    pub fn is_elapsed(&self) -> bool {
        Instant::now() >= self.deadline
    }

    /// Moves the deadline (releasing the current timer entry).
    pub fn reset(&mut self, deadline: Instant) {
        self.release();
        self.deadline = deadline;
    }

    fn release(&mut self) {
        if let Some((driver, id)) = self.entry.take() {
            let waker = driver.lock().remove(id);
            drop(waker);
        }
    }
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = &mut *self;
        if Instant::now() >= this.deadline {
            this.release();
            this.leaf.done();
            return Poll::Ready(());
        }
        match &this.entry {
            Some((driver, id)) => {
                if !driver.lock().update(*id, cx.waker()) {
                    // Fired between our clock read and now: due already.
                    this.entry = None;
                    this.leaf.done();
                    return Poll::Ready(());
                }
            }
            None => {
                let driver = context::expect_current("polling a `Sleep`").timers.clone();
                let id = driver.lock().insert(this.deadline, cx.waker().clone());
                this.entry = Some((driver, id));
            }
        }
        this.leaf.pending();
        Poll::Pending
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        self.release();
    }
}

impl fmt::Debug for Sleep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sleep")
            .field("deadline", &self.deadline)
            .field("registered", &self.entry.is_some())
            .finish()
    }
}

leaf_trace!("coro_runtime::time::sleep", Sleep);

/// The error of a [`timeout`] whose deadline passed first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Elapsed(());

impl fmt::Display for Elapsed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("deadline has elapsed")
    }
}

impl std::error::Error for Elapsed {}

/// Runs `future` with a time limit: `Ok(output)` if it completes within
/// `duration`, else `Err(Elapsed)` (and `future` is dropped with the
/// returned awaitable).
///
/// ```
/// use coro_runtime::{Runtime, time};
/// use std::time::Duration;
///
/// let rt = Runtime::new().unwrap();
/// let slow = time::sleep(Duration::from_secs(60));
/// let out = rt.block_on(time::timeout(Duration::from_millis(1), slow));
/// assert!(out.is_err());
/// ```
#[track_caller]
pub fn timeout<F: Future + Unpin>(duration: Duration, future: F) -> Timeout<F> {
    Timeout {
        future,
        sleep: sleep(duration),
    }
}

/// The awaitable of [`timeout`]. Traces through to the wrapped future.
#[derive(Debug)]
#[must_use = "futures do nothing unless awaited"]
pub struct Timeout<F> {
    future: F,
    sleep: Sleep,
}

impl<F> Timeout<F> {
    /// The wrapped future.
    pub fn into_inner(self) -> F {
        self.future
    }
}

impl<F: Future + Unpin> Future for Timeout<F> {
    type Output = Result<F::Output, Elapsed>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        if let Poll::Ready(out) = Pin::new(&mut this.future).poll(cx) {
            this.sleep.release();
            return Poll::Ready(Ok(out));
        }
        match Pin::new(&mut this.sleep).poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(Elapsed(()))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<F: Trace> Trace for Timeout<F> {
    fn name(&self) -> &'static str {
        "coro_runtime::time::timeout"
    }

    fn state(&self) -> MachineState {
        self.sleep.leaf.state()
    }

    fn awaitee(&self) -> Option<&dyn Trace> {
        Some(&self.future)
    }
}

/// Ticks every `period`, the first tick at once. Missed ticks are skipped:
/// after a late tick, the next one is the first multiple of `period` (from
/// the start) that is still ahead.
///
/// [`Interval::tick`] borrows nothing: the returned awaitable shares the
/// interval's state, so `interval.tick().await` works with `interval` a
/// local of a `#[coro]` body.
///
/// # Panics
///
/// If `period` is zero.
///
/// ```
/// use coro_runtime::{Runtime, task, time};
/// use std::time::Duration;
///
/// let rt = Runtime::new().unwrap();
/// rt.block_on(task::from_future(async {
///     let ticks = time::interval(Duration::from_millis(1));
///     for _ in 0..3 {
///         ticks.tick().await;
///     }
/// }));
/// ```
pub fn interval(period: Duration) -> Interval {
    assert!(!period.is_zero(), "`interval` period must be non-zero");
    Interval {
        period,
        next: Arc::new(Mutex::new(Instant::now())),
    }
}

/// See [`interval`]. Clones share the schedule.
#[derive(Clone, Debug)]
pub struct Interval {
    period: Duration,
    next: Arc<Mutex<Instant>>,
}

impl Interval {
    /// The period.
    pub fn period(&self) -> Duration {
        self.period
    }

    /// Completes at the next tick with the instant it was scheduled for.
    #[track_caller]
    pub fn tick(&self) -> Tick {
        let deadline = *self.next.lock().unwrap_or_else(|e| e.into_inner());
        Tick {
            sleep: sleep_until(deadline),
            period: self.period,
            next: self.next.clone(),
        }
    }
}

/// The awaitable of [`Interval::tick`].
#[derive(Debug)]
#[must_use = "futures do nothing unless awaited"]
pub struct Tick {
    sleep: Sleep,
    period: Duration,
    next: Arc<Mutex<Instant>>,
}

impl Future for Tick {
    type Output = Instant;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Instant> {
        let this = &mut *self;
        if Pin::new(&mut this.sleep).poll(cx).is_pending() {
            return Poll::Pending;
        }
        let scheduled = this.sleep.deadline;
        let now = Instant::now();
        let mut next = scheduled + this.period;
        if next <= now {
            let behind = (now - scheduled).as_nanos() / this.period.as_nanos();
            let skip = u32::try_from(behind + 1).unwrap_or(u32::MAX);
            next = scheduled + this.period * skip;
        }
        let mut shared = this.next.lock().unwrap_or_else(|e| e.into_inner());
        if *shared < next {
            *shared = next;
        }
        Poll::Ready(scheduled)
    }
}

impl Trace for Tick {
    fn name(&self) -> &'static str {
        "coro_runtime::time::Interval::tick"
    }

    fn state(&self) -> MachineState {
        self.sleep.leaf.state()
    }

    fn awaitee(&self) -> Option<&dyn Trace> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::task::Waker;

    fn noop() -> Waker {
        Waker::noop().clone()
    }

    #[test]
    fn equal_deadlines_fire_in_registration_order() {
        let mut heap = SleepHeap::default();
        let t = Instant::now();
        let a = heap.insert(t, noop());
        let b = heap.insert(t, noop());
        let mut order = Vec::new();
        while let Some(Reverse(k)) = heap.heap.pop() {
            order.push(k.key);
        }
        assert_eq!(order, [a.key, b.key]);
    }

    #[test]
    fn removed_timers_are_skipped_and_compacted() {
        let mut heap = SleepHeap::default();
        let t = Instant::now();
        let ids: Vec<_> = (0..1000)
            .map(|i| heap.insert(t + Duration::from_millis(i), noop()))
            .collect();
        for id in &ids[..999] {
            assert!(heap.remove(*id).is_some());
        }
        assert_eq!(heap.live, 1);
        assert!(
            heap.heap.len() < 100,
            "heap was compacted: {}",
            heap.heap.len()
        );
        assert_eq!(heap.next_deadline(), Some(t + Duration::from_millis(999)));
        assert!(heap.remove(ids[0]).is_none(), "stale id");
        let mut wakers = Vec::new();
        heap.fire(t + Duration::from_secs(5), &mut wakers);
        assert_eq!(wakers.len(), 1);
        assert_eq!(heap.live, 0);
        assert_eq!(heap.next_deadline(), None);
    }
}
