//! The ready queues (one per priority level, with the fairness rule) and the
//! slab that owns every live task.
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

use std::collections::VecDeque;

use super::task::{TaskEntry, TaskRef};
use crate::task::Priority;

const LEVELS: usize = 3;

/// FIFO queues of task references, one per [`Priority`].
pub(crate) struct ReadyQueues {
    queues: [VecDeque<TaskRef>; LEVELS],
    /// Polls given to each level since a lower level was last served.
    streak: [u32; LEVELS],
    burst: u32,
}

impl ReadyQueues {
    pub(crate) fn new(burst: u32) -> Self {
        ReadyQueues {
            queues: Default::default(),
            streak: [0; LEVELS],
            burst: burst.max(1),
        }
    }

    #[inline]
    pub(crate) fn push(&mut self, priority: Priority, task: TaskRef) {
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
    pub(crate) fn pop(&mut self) -> Option<TaskRef> {
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

    pub(crate) fn clear(&mut self) {
        self.queues.iter_mut().for_each(VecDeque::clear);
    }
}

struct Slot {
    generation: u32,
    entry: Option<TaskEntry>,
}

/// Owns every live task, indexed by [`TaskRef`]. Freed slots are reused
/// with a bumped generation.
#[derive(Default)]
pub(crate) struct TaskSlab {
    slots: Vec<Slot>,
    free: Vec<u32>,
    len: usize,
}

impl TaskSlab {
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The reference the next [`insert`](Self::insert) will return.
    pub(crate) fn next_ref(&self) -> TaskRef {
        match self.free.last() {
            Some(&key) => TaskRef {
                key,
                generation: self.slots[key as usize].generation,
            },
            None => TaskRef {
                key: u32::try_from(self.slots.len()).expect("more than 2^32 live tasks"),
                generation: 0,
            },
        }
    }

    pub(crate) fn insert(&mut self, entry: TaskEntry) -> TaskRef {
        let task = self.next_ref();
        match self.free.pop() {
            Some(key) => self.slots[key as usize].entry = Some(entry),
            None => self.slots.push(Slot {
                generation: 0,
                entry: Some(entry),
            }),
        }
        self.len += 1;
        task
    }

    #[inline]
    pub(crate) fn get(&self, task: TaskRef) -> Option<&TaskEntry> {
        let slot = self.slots.get(task.key as usize)?;
        if slot.generation != task.generation {
            return None;
        }
        slot.entry.as_ref()
    }

    #[inline]
    pub(crate) fn get_mut(&mut self, task: TaskRef) -> Option<&mut TaskEntry> {
        let slot = self.slots.get_mut(task.key as usize)?;
        if slot.generation != task.generation {
            return None;
        }
        slot.entry.as_mut()
    }

    /// Frees the slot; the caller drops the entry after releasing the slab.
    pub(crate) fn remove(&mut self, task: TaskRef) -> Option<TaskEntry> {
        let slot = self.slots.get_mut(task.key as usize)?;
        if slot.generation != task.generation {
            return None;
        }
        let entry = slot.entry.take()?;
        slot.generation = slot.generation.wrapping_add(1);
        self.free.push(task.key);
        self.len -= 1;
        Some(entry)
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &TaskEntry> {
        self.slots.iter().filter_map(|slot| slot.entry.as_ref())
    }

    /// Removes every entry (for runtime shutdown).
    pub(crate) fn drain(&mut self) -> Vec<TaskEntry> {
        let mut out = Vec::with_capacity(self.len);
        for (key, slot) in self.slots.iter_mut().enumerate() {
            if let Some(entry) = slot.entry.take() {
                slot.generation = slot.generation.wrapping_add(1);
                self.free.push(key as u32);
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

    fn r(key: u32) -> TaskRef {
        TaskRef { key, generation: 0 }
    }

    #[test]
    fn fifo_within_a_level() {
        let mut q = ReadyQueues::new(8);
        for k in 0..5 {
            q.push(Priority::Normal, r(k));
        }
        let order: Vec<u32> = std::iter::from_fn(|| q.pop()).map(|t| t.key).collect();
        assert_eq!(order, [0, 1, 2, 3, 4]);
    }

    #[test]
    fn busy_high_level_lets_lower_levels_through() {
        let mut q = ReadyQueues::new(2);
        // Keep the high level permanently busy; count dequeues per level.
        let mut served = [0u32; 3];
        q.push(Priority::Normal, r(100));
        q.push(Priority::Low, r(200));
        for step in 0..9 {
            q.push(Priority::High, r(step));
            q.push(Priority::High, r(step + 1000));
            let t = q.pop().unwrap();
            let level = match t.key {
                100 => 1,
                200 => 2,
                _ => 0,
            };
            served[level] += 1;
            if level == 1 {
                q.push(Priority::Normal, r(100));
            }
        }
        // (burst + 1)^2 = 9 dequeues reach the low level at least once.
        assert_eq!(served[2], 1, "{served:?}");
        assert!(served[1] >= 2, "{served:?}");
    }

    #[test]
    fn slab_generations_reject_stale_refs() {
        let mut slab = TaskSlab::default();
        assert!(slab.get(r(0)).is_none());
        assert_eq!(slab.next_ref(), r(0));
        assert!(slab.remove(r(0)).is_none());
        assert_eq!(slab.len(), 0);
    }
}
