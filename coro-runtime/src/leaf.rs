//! The [`Trace`](crate::Trace) state of the runtime's own awaitables
//! (sleeps, reads, join handles, ...), which have no frame of their own:
//! they report where they were created, which `#[track_caller]` makes the
//! user's `.await` site.

use std::panic::Location;

use crate::coroutine::{MachineState, ResumePoint};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Unresumed,
    Pending,
    Done,
}

/// Creation site and progress of a leaf awaitable.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Leaf {
    label: &'static str,
    location: &'static Location<'static>,
    phase: Phase,
}

impl Leaf {
    #[track_caller]
    #[inline]
    pub(crate) fn new(label: &'static str) -> Leaf {
        Leaf {
            label,
            location: Location::caller(),
            phase: Phase::Unresumed,
        }
    }

    #[inline]
    pub(crate) fn pending(&mut self) {
        self.phase = Phase::Pending;
    }

    #[inline]
    pub(crate) fn done(&mut self) {
        self.phase = Phase::Done;
    }

    /// `Unresumed` before the first poll, `Suspended` (labelled, at the
    /// creation site) while pending, `Returned` once ready.
    pub(crate) fn state(&self) -> MachineState {
        match self.phase {
            Phase::Unresumed => MachineState::Unresumed,
            Phase::Done => MachineState::Returned,
            Phase::Pending => MachineState::Suspended(ResumePoint {
                label: self.label,
                file: self.location.file(),
                line: self.location.line(),
                column: self.location.column(),
            }),
        }
    }
}

/// Implements `Trace` for a leaf awaitable with a `leaf: Leaf` field.
macro_rules! leaf_trace {
    ($name:literal, $ty:ident $(<$($gen:ident),*>)?) => {
        impl $(<$($gen),*>)? $crate::coroutine::Trace for $ty $(<$($gen),*>)? {
            fn name(&self) -> &'static str {
                $name
            }
            fn state(&self) -> $crate::coroutine::MachineState {
                self.leaf.state()
            }
            fn awaitee(&self) -> Option<&dyn $crate::coroutine::Trace> {
                None
            }
        }
    };
}
pub(crate) use leaf_trace;
