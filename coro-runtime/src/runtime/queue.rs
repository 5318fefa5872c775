//! The ready queues (one per priority level, with the fairness rule) and the
//! registry of every live task.
//!
//! # Fairness
//!
//! [`ReadyQueues::pop`] takes from the highest non-empty level, FIFO within
//! a level, with one exception: once a level has been served `burst` times
//! since a lower level was last served, and some lower level has work, the
//! next poll goes to the next lower level instead (which obeys the same rule
//! toward the levels below it). With every level busy and `burst = 8` the
//! pattern is 8 high, 1 normal, 8 high, 1 normal, … and after the eighth
//! normal poll one low poll: a waiting task of any level is polled within
//! `(burst + 1)^2` dequeues, however busy the levels above it are.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::mem;

use super::task::TaskRef;
use crate::task::Priority;

const LEVELS: usize = 3;

/// FIFO queues of task references, one per [`Priority`]. Each entry owns a
/// reference to its task.
pub(crate) struct ReadyQueues<T = TaskRef> {
    queues: [VecDeque<T>; LEVELS],
    /// Polls given to each level since a lower level was last served.
    streak: [u32; LEVELS],
    burst: u32,
}

impl<T> ReadyQueues<T> {
    pub(crate) fn new(burst: u32) -> Self {
        ReadyQueues {
            queues: Default::default(),
            streak: [0; LEVELS],
            burst: burst.max(1),
        }
    }

    #[inline]
    pub(crate) fn push(&mut self, priority: Priority, task: T) {
        self.queues[priority as usize].push_back(task);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.queues.iter().all(VecDeque::is_empty)
    }

    pub(crate) fn len(&self) -> usize {
        self.queues.iter().map(VecDeque::len).sum()
    }

    /// The next task to poll, following the fairness rule in the module docs.
    #[inline]
    pub(crate) fn pop(&mut self) -> Option<T> {
        for level in 0..LEVELS {
            if self.queues[level].is_empty() {
                continue;
            }
            let lower_waiting = self.queues[level + 1..].iter().any(|q| !q.is_empty());
            if lower_waiting && self.streak[level] >= self.burst {
                continue;
            }
            self.streak[level] = self.streak[level].saturating_add(1);
            for higher in &mut self.streak[..level] {
                *higher = 0;
            }
            return self.queues[level].pop_front();
        }
        None
    }

    /// Empties the queues, handing the entries to the caller (to drop once
    /// the queues are no longer borrowed).
    pub(crate) fn take_all(&mut self) -> Vec<T> {
        self.queues.iter_mut().flat_map(mem::take).collect()
    }
}

/// A live task as the registry knows it.
pub(crate) struct Registered {
    /// The registry's reference.
    pub(crate) task: TaskRef,
    /// The name given at spawn, else the machine's `Trace::name`.
    pub(crate) name: Cow<'static, str>,
}

/// Every live task, so that shutdown can cancel them and a dump can list
/// them. A task's slot index is in its header; freed slots are reused.
#[derive(Default)]
pub(crate) struct Registry {
    slots: Vec<Option<Registered>>,
    free: Vec<u32>,
    len: usize,
}

impl Registry {
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The slot the next [`insert`](Self::insert) will fill.
    pub(crate) fn next_slot(&self) -> u32 {
        match self.free.last() {
            Some(&slot) => slot,
            None => u32::try_from(self.slots.len()).expect("more than 2^32 live tasks"),
        }
    }

    /// Fills [`next_slot`](Self::next_slot).
    pub(crate) fn insert(&mut self, entry: Registered) {
        match self.free.pop() {
            Some(slot) => self.slots[slot as usize] = Some(entry),
            None => self.slots.push(Some(entry)),
        }
        self.len += 1;
    }

    /// Frees `task`'s slot if `task` still holds it; the caller drops the
    /// entry after releasing the registry.
    pub(crate) fn remove(&mut self, task: &TaskRef) -> Option<Registered> {
        let slot = task.header().slot;
        let entry = self.slots.get_mut(slot as usize)?;
        if !entry.as_ref().is_some_and(|e| e.task.same(task)) {
            return None;
        }
        self.free.push(slot);
        self.len -= 1;
        entry.take()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &Registered> {
        self.slots.iter().flatten()
    }

    /// Removes every entry (for runtime shutdown).
    pub(crate) fn drain(&mut self) -> Vec<Registered> {
        let mut out = Vec::with_capacity(self.len);
        for (slot, entry) in self.slots.iter_mut().enumerate() {
            if let Some(entry) = entry.take() {
                self.free.push(slot as u32);
                out.push(entry);
            }
        }
        self.len = 0;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifo_within_a_level() {
        let mut q = ReadyQueues::new(8);
        for k in 0..5 {
            q.push(Priority::Normal, k);
        }
        let order: Vec<u32> = std::iter::from_fn(|| q.pop()).collect();
        assert_eq!(order, [0, 1, 2, 3, 4]);
    }

    #[test]
    fn busy_high_level_lets_lower_levels_through() {
        let mut q = ReadyQueues::new(2);
        // Keep the high level permanently busy; count dequeues per level.
        let mut served = [0u32; 3];
        q.push(Priority::Normal, 100);
        q.push(Priority::Low, 200);
        for step in 0..9 {
            q.push(Priority::High, step);
            q.push(Priority::High, step + 1000);
            let t = q.pop().unwrap();
            let level = match t {
                100 => 1,
                200 => 2,
                _ => 0,
            };
            served[level] += 1;
            if level == 1 {
                q.push(Priority::Normal, 100);
            }
        }
        // (burst + 1)^2 = 9 dequeues reach the low level at least once.
        assert_eq!(served[2], 1, "{served:?}");
        assert!(served[1] >= 2, "{served:?}");
    }
}
