//! The raw task: one allocation holding a [`Header`] and the task's stage
//! (its machine, then its result), shared through a reference count kept in
//! the header's state word, the way async-task and tokio do it.
//!
//! This is the runtime's one module with `unsafe` (the crate's only other
//! one is `slot.rs`, for the frames): safe Rust cannot hand a `Waker`
//! (which is `Send + Sync`) a pointer into an allocation that also holds a
//! `!Send` machine. Everything else in the runtime goes through
//! [`TaskRef`], whose methods are safe. The state word's flags, and the
//! transitions that change only the word, are in the safe child module
//! [`state`].
//!
//! # References
//!
//! The count in [`Header::state`] (the bits from `REF_SHIFT` up) counts:
//! - the runtime's registry entry, from spawn until the task is complete and
//!   its result taken or dropped;
//! - every queue entry (ready queues and injection queue); the runtime owns
//!   the reference of the entry it dequeued while it polls the task;
//! - the [`JoinHandle`](super::JoinHandle), until it has taken the result;
//! - every [`Waker`] (the waker lent to a poll owns none).
//!
//! Whoever drops the last reference frees the allocation, on any thread.
//!
//! # Who touches the stage
//!
//! The stage sits in an `UnsafeCell`, and is only touched:
//! - on the runtime's thread by whoever set `RUNNING` (a poll, a
//!   cancellation, shutdown); nobody else touches it while `RUNNING` is set,
//!   and `RUNNING` is never set once `COMPLETE` is;
//! - once `COMPLETE` is set, by the one party that owns the result: the
//!   runtime if `HANDLE` was clear at completion, else the handle, on the
//!   thread it lives on (off the runtime's thread only if it is `Send`,
//!   that is if the output is).
//!
//! The machine is always dropped on the runtime's thread, before the
//! registry lets go of its reference. So when the last reference goes on
//! another thread, the stage holds no machine and no result that could not
//! be dropped there; freeing it drops only `Send` fields.

#![allow(unsafe_code)]

mod state;

use std::any::Any;
use std::cell::UnsafeCell;
use std::future::Future;
use std::mem::{self, ManuallyDrop};
use std::pin::Pin;
use std::ptr::NonNull;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering, fence};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

pub(crate) use self::state::{CLOSED, COMPLETE, CancelRequest, HANDLE, RUNNING, SCHEDULED};
use self::state::{PRIORITY_SHIFT, REF_ONE, REF_SHIFT, check_refs};
use super::Shared;
use super::context;
use crate::coroutine::{Backtrace, Trace};
use crate::runtime::join::JoinError;
use crate::task::{Priority, TaskId};

/// The part of a task every reference can read: 48 bytes on 64-bit, the
/// whole task is 64 for a one-byte machine with a unit output.
pub(crate) struct Header {
    /// Bit flags, priority and reference count (see [`state`]).
    pub(crate) state: AtomicU32,
    /// The task's entry in its runtime's registry; set at spawn.
    pub(crate) slot: u32,
    vtable: &'static TaskVtable,
    /// The owning runtime's shared half: remote wakes go through its
    /// injection queue; `shared.core_id` selects the same-thread fast path.
    pub(crate) shared: Arc<Shared>,
    pub(crate) id: TaskId,
    /// The waker of the `JoinHandle` waiting for the result. Only touched on
    /// the runtime's thread (by the handle's poll and by completion).
    join_waker: UnsafeCell<Option<Waker>>,
}

/// What the runtime needs from a task without knowing its machine's type.
struct TaskVtable {
    poll: unsafe fn(NonNull<Header>, &mut Context<'_>) -> Poll<()>,
    cancel: unsafe fn(NonNull<Header>, JoinError),
    take_output: unsafe fn(NonNull<Header>, &mut dyn Any),
    drop_output: unsafe fn(NonNull<Header>),
    backtrace: unsafe fn(NonNull<Header>) -> Backtrace,
    dealloc: unsafe fn(NonNull<Header>),
}

enum Stage<C: Future> {
    Running(C),
    Finished(Result<C::Output, JoinError>),
    Consumed,
}

/// The allocation. `repr(C)` puts the header first, so a pointer to the
/// cell is a pointer to its header.
#[repr(C)]
struct TaskCell<C: Future> {
    header: Header,
    stage: UnsafeCell<Stage<C>>,
}

/// An owned reference to a task: one unit of the count.
pub(crate) struct TaskRef {
    ptr: NonNull<Header>,
}

const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<TaskRef>();
};

// SAFETY: a `TaskRef` only gives access to the header, whose shared fields
// are atomics, immutable after spawn, or `Send + Sync` (`Arc<Shared>`); the
// stage and the join waker are only touched under the rules in the module
// docs, and dropping the last reference on any thread is sound by the
// invariant stated there.
unsafe impl Send for TaskRef {}
// SAFETY: as for `Send`: `&TaskRef` offers nothing more than a `TaskRef`.
unsafe impl Sync for TaskRef {}

impl TaskRef {
    /// Allocates a task in state `SCHEDULED | HANDLE` with three references:
    /// the registry's, the first queue entry's and the join handle's.
    pub(crate) fn new<C>(
        machine: C,
        id: TaskId,
        priority: Priority,
        slot: u32,
        shared: Arc<Shared>,
    ) -> [TaskRef; 3]
    where
        C: Future + Unpin + Trace + 'static,
        C::Output: 'static,
    {
        let cell = Box::new(TaskCell {
            header: Header {
                state: AtomicU32::new(
                    SCHEDULED | HANDLE | ((priority as u32) << PRIORITY_SHIFT) | (3 * REF_ONE),
                ),
                slot,
                vtable: &TaskCell::<C>::VTABLE,
                shared,
                id,
                join_waker: UnsafeCell::new(None),
            },
            stage: UnsafeCell::new(Stage::Running(machine)),
        });
        let ptr = NonNull::from(Box::leak(cell)).cast::<Header>();
        [TaskRef { ptr }, TaskRef { ptr }, TaskRef { ptr }]
    }

    pub(crate) fn header(&self) -> &Header {
        // SAFETY: the reference keeps the allocation alive; the header is
        // only read through shared references.
        unsafe { self.ptr.as_ref() }
    }

    pub(crate) fn id(&self) -> TaskId {
        self.header().id
    }

    /// Whether `self` and `other` refer to the same task.
    pub(crate) fn same(&self, other: &TaskRef) -> bool {
        self.ptr == other.ptr
    }

    /// Queues this reference: on the ready queue when called on the owning
    /// runtime's thread, else on the injection queue.
    pub(crate) fn enqueue(self) {
        let priority = self.priority();
        let core_id = self.header().shared.core_id;
        if let Err(task) = context::push_local(core_id, priority, self) {
            let shared = task.header().shared.clone();
            shared.push_remote(task, priority);
        }
    }

    /// The waker lent to a poll: it owns no reference, the caller's keeps
    /// the task alive.
    fn lent_waker(&self) -> ManuallyDrop<Waker> {
        // SAFETY: the vtable's functions uphold `RawWaker`'s contract for a
        // pointer to a live task's header (see `WAKER_VTABLE`), and
        // `ManuallyDrop` keeps this borrowed waker from releasing a
        // reference it does not own. Clones take their own reference.
        ManuallyDrop::new(unsafe { Waker::from_raw(self.raw_waker()) })
    }

    fn raw_waker(&self) -> RawWaker {
        RawWaker::new(self.ptr.as_ptr().cast::<()>().cast_const(), &WAKER_VTABLE)
    }

    /// Ends a poll that returned `Pending`: clears `RUNNING`. If the task was
    /// woken meanwhile, returns this reference to be queued again; else
    /// releases it, in the same atomic operation.
    pub(crate) fn end_poll(self) -> Option<TaskRef> {
        let state = &self.header().state;
        let mut cur = state.load(Ordering::Acquire);
        loop {
            let requeue = cur & SCHEDULED != 0;
            let next = if requeue {
                cur - RUNNING
            } else {
                cur - RUNNING - REF_ONE
            };
            match state.compare_exchange_weak(cur, next, Ordering::AcqRel, Ordering::Acquire) {
                Ok(_) if requeue => return Some(self),
                Ok(_) => {
                    let this = ManuallyDrop::new(self);
                    if next >> REF_SHIFT == 0 {
                        let dealloc = this.header().vtable.dealloc;
                        // SAFETY: that was the last reference.
                        unsafe { dealloc(this.ptr) }
                    }
                    return None;
                }
                Err(actual) => cur = actual,
            }
        }
    }

    /// Polls the machine with a waker for this task.
    ///
    /// The caller must be the runtime that owns the task, on its thread, and
    /// must have set `RUNNING`.
    pub(crate) fn poll(&self) -> Poll<()> {
        debug_assert!(self.state() & (RUNNING | COMPLETE) == RUNNING);
        let waker = self.lent_waker();
        let mut cx = Context::from_waker(&waker);
        // SAFETY: `RUNNING` is set by our caller (asserted above), which
        // gives it the stage; see the module docs.
        unsafe { (self.header().vtable.poll)(self.ptr, &mut cx) }
    }

    /// Drops the machine (if still there) and stores `err` as the result.
    /// Same contract as [`poll`](Self::poll).
    pub(crate) fn cancel(&self, err: JoinError) {
        debug_assert!(self.state() & (RUNNING | COMPLETE) == RUNNING);
        // SAFETY: as in `poll`.
        unsafe { (self.header().vtable.cancel)(self.ptr, err) }
    }

    /// Moves the result into `out`, an `Option<Result<Output, JoinError>>`.
    /// The caller must own the result: it is the handle, `COMPLETE` and
    /// `HANDLE` are set.
    pub(crate) fn take_output(&self, out: &mut dyn Any) {
        debug_assert!(self.state() & (COMPLETE | HANDLE) == COMPLETE | HANDLE);
        // SAFETY: the owner of the result has the stage (module docs).
        unsafe { (self.header().vtable.take_output)(self.ptr, out) }
    }

    /// Drops the result. The caller must own it: `COMPLETE` set, and it is
    /// the runtime having seen `HANDLE` clear, or the handle having cleared
    /// it.
    pub(crate) fn drop_output(&self) {
        debug_assert!(self.state() & COMPLETE != 0);
        // SAFETY: the owner of the result has the stage (module docs).
        unsafe { (self.header().vtable.drop_output)(self.ptr) }
    }

    /// The machine's async backtrace; empty unless the task is idle or
    /// queued. Only on the runtime's thread.
    pub(crate) fn backtrace(&self) -> Backtrace {
        if self.state() & (RUNNING | COMPLETE) != 0 {
            return Backtrace::default();
        }
        // SAFETY: on the runtime's thread (our caller's contract) and not
        // `RUNNING`: nobody holds the stage, and only shared access follows.
        unsafe { (self.header().vtable.backtrace)(self.ptr) }
    }

    /// Replaces the handle's join waker. Only on the runtime's thread.
    pub(crate) fn set_join_waker(&self, waker: &Waker) {
        let cell = self.header().join_waker.get();
        // SAFETY: only the runtime's thread touches the join waker, and no
        // other reference into it is alive here; `will_wake` compares two
        // pointers and runs no waker code.
        if unsafe { (*cell).as_ref() }.is_some_and(|old| old.will_wake(waker)) {
            return;
        }
        // A waker's `clone` and `drop` may run any code (another executor's
        // vtable), so they run while no reference into the cell is held.
        let new = waker.clone();
        // SAFETY: as above.
        let old = unsafe { (*cell).replace(new) };
        drop(old);
    }

    /// Takes the handle's join waker. Only on the runtime's thread.
    pub(crate) fn take_join_waker(&self) -> Option<Waker> {
        // SAFETY: as in `set_join_waker`.
        unsafe { (*self.header().join_waker.get()).take() }
    }
}

impl Clone for TaskRef {
    fn clone(&self) -> TaskRef {
        let prev = self.header().state.fetch_add(REF_ONE, Ordering::Relaxed);
        check_refs(prev);
        TaskRef { ptr: self.ptr }
    }
}

impl Drop for TaskRef {
    fn drop(&mut self) {
        let prev = self.header().state.fetch_sub(REF_ONE, Ordering::Release);
        if prev >> REF_SHIFT == 1 {
            // Pairs with the `Release` of every other reference's drop, so
            // their uses happen before the free.
            fence(Ordering::Acquire);
            let dealloc = self.header().vtable.dealloc;
            // SAFETY: this was the last reference.
            unsafe { dealloc(self.ptr) }
        }
    }
}

impl<C> TaskCell<C>
where
    C: Future + Unpin + Trace + 'static,
    C::Output: 'static,
{
    const VTABLE: TaskVtable = TaskVtable {
        poll: Self::poll,
        cancel: Self::cancel,
        take_output: Self::take_output,
        drop_output: Self::drop_output,
        backtrace: Self::backtrace,
        dealloc: Self::dealloc,
    };

    /// # Safety
    ///
    /// `ptr` points to a live `TaskCell<C>` and the caller has exclusive
    /// access to its stage for the returned lifetime.
    unsafe fn stage<'a>(ptr: NonNull<Header>) -> &'a mut Stage<C> {
        // SAFETY: per the contract; the pointer came from the `Box` of a
        // `TaskCell<C>` (the vtable is chosen by `C`), so it may reach the
        // stage.
        unsafe { &mut *(*ptr.cast::<TaskCell<C>>().as_ptr()).stage.get() }
    }

    /// Stores `result`, then drops the previous stage: if that drop panics,
    /// the stage is already consistent.
    fn finish(stage: &mut Stage<C>, result: Result<C::Output, JoinError>) {
        let previous = mem::replace(stage, Stage::Finished(result));
        drop(previous);
    }

    unsafe fn poll(ptr: NonNull<Header>, cx: &mut Context<'_>) -> Poll<()> {
        // SAFETY: the caller holds `RUNNING` (see `TaskRef::poll`).
        let stage = unsafe { Self::stage(ptr) };
        let Stage::Running(machine) = stage else {
            return Poll::Ready(());
        };
        match Pin::new(machine).poll(cx) {
            Poll::Ready(value) => {
                Self::finish(stage, Ok(value));
                Poll::Ready(())
            }
            Poll::Pending => Poll::Pending,
        }
    }

    unsafe fn cancel(ptr: NonNull<Header>, err: JoinError) {
        // SAFETY: the caller holds `RUNNING` (see `TaskRef::cancel`).
        let stage = unsafe { Self::stage(ptr) };
        if matches!(stage, Stage::Running(_)) {
            Self::finish(stage, Err(err));
        }
    }

    unsafe fn take_output(ptr: NonNull<Header>, out: &mut dyn Any) {
        let slot = out
            .downcast_mut::<Option<Result<C::Output, JoinError>>>()
            .expect("JoinHandle output type matches its task");
        // SAFETY: the caller owns the result (see `TaskRef::take_output`).
        let stage = unsafe { Self::stage(ptr) };
        if let Stage::Finished(result) = mem::replace(stage, Stage::Consumed) {
            *slot = Some(result);
        }
    }

    unsafe fn drop_output(ptr: NonNull<Header>) {
        // SAFETY: the caller owns the result (see `TaskRef::drop_output`).
        let stage = unsafe { Self::stage(ptr) };
        let previous = mem::replace(stage, Stage::Consumed);
        drop(previous);
    }

    unsafe fn backtrace(ptr: NonNull<Header>) -> Backtrace {
        // SAFETY: nobody holds the stage mutably (see `TaskRef::backtrace`)
        // and the shared reference ends with this call.
        let stage = unsafe { &*(*ptr.cast::<TaskCell<C>>().as_ptr()).stage.get() };
        match stage {
            Stage::Running(machine) => Backtrace::capture(machine),
            _ => Backtrace::default(),
        }
    }

    unsafe fn dealloc(ptr: NonNull<Header>) {
        // SAFETY: the last reference is gone, so this is the only access;
        // the pointer came from `Box::leak` of a `TaskCell<C>`.
        drop(unsafe { Box::from_raw(ptr.cast::<TaskCell<C>>().as_ptr()) });
    }
}

/// The vtable of every task's wakers: the data pointer is the task's header,
/// and a waker owns one reference.
static WAKER_VTABLE: RawWakerVTable =
    RawWakerVTable::new(clone_waker, wake, wake_by_ref, drop_waker);

/// Borrows the reference a waker's data pointer stands for.
///
/// # Safety
///
/// `ptr` is the data pointer of a live waker of ours.
unsafe fn borrowed(ptr: *const ()) -> ManuallyDrop<TaskRef> {
    ManuallyDrop::new(TaskRef {
        // SAFETY: a waker's data pointer is a task header, never null.
        ptr: unsafe { NonNull::new_unchecked(ptr.cast_mut().cast::<Header>()) },
    })
}

unsafe fn clone_waker(ptr: *const ()) -> RawWaker {
    // SAFETY: called on a live waker.
    let task = unsafe { borrowed(ptr) };
    let new = ManuallyDrop::new((*task).clone());
    new.raw_waker()
}

unsafe fn wake(ptr: *const ()) {
    // SAFETY: called on a live waker, which is consumed: `schedule` takes
    // over its reference.
    let task = unsafe { borrowed(ptr) };
    schedule(&task, true);
}

unsafe fn wake_by_ref(ptr: *const ()) {
    // SAFETY: called on a live waker.
    let task = unsafe { borrowed(ptr) };
    schedule(&task, false);
}

unsafe fn drop_waker(ptr: *const ()) {
    // SAFETY: the waker is dropped: its reference becomes ours, to release.
    drop(ManuallyDrop::into_inner(unsafe { borrowed(ptr) }));
}

/// Sets `SCHEDULED`, and queues the task if it was neither queued, running
/// nor complete. With `owned`, the caller gives up the reference `task`
/// stands for: it becomes the queue entry's, or is released.
fn schedule(task: &TaskRef, owned: bool) {
    let state = &task.header().state;
    let mut cur = state.load(Ordering::Acquire);
    loop {
        if cur & (SCHEDULED | COMPLETE) != 0 {
            break;
        }
        let enqueue = cur & RUNNING == 0;
        let mut next = cur | SCHEDULED;
        if enqueue && !owned {
            check_refs(cur);
            next += REF_ONE;
        }
        match state.compare_exchange_weak(cur, next, Ordering::AcqRel, Ordering::Acquire) {
            Ok(_) if enqueue => {
                // The entry's reference: the caller's when `owned`, else the
                // one just counted.
                TaskRef { ptr: task.ptr }.enqueue();
                return;
            }
            Ok(_) => break,
            Err(actual) => cur = actual,
        }
    }
    if owned {
        drop(TaskRef { ptr: task.ptr });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every task allocates a header: keep it at 48 bytes on 64-bit.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn the_header_stays_small() {
        assert_eq!(mem::size_of::<Header>(), 48);
    }

    /// A task of a one-byte machine with a unit output is one 64-byte
    /// allocation: the result needs a pointer (the error is boxed).
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_small_task_is_one_cache_line() {
        assert_eq!(mem::size_of::<JoinError>(), 8);
        assert_eq!(mem::size_of::<Result<(), JoinError>>(), 8);
        struct OneByte(#[allow(dead_code)] u8);
        impl Future for OneByte {
            type Output = ();
            fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
                Poll::Ready(())
            }
        }
        assert_eq!(mem::size_of::<TaskCell<OneByte>>(), 64);
    }
}
