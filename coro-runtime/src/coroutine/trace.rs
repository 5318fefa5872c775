//! Run-time introspection of machines: where each one is suspended
//! ([`MachineState`], [`ResumePoint`]), the [`Trace`] trait every machine
//! implements, and the async stack trace ([`Backtrace`]) it walks from a
//! machine down through its awaitees.

use core::fmt;

/// Where a machine is suspended: the frame variant and the source location of
/// the `.await` or `yield_!` it stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ResumePoint {
    /// The frame variant, e.g. `Await1` or `Yield0`.
    pub label: &'static str,
    /// The source file of the suspension point.
    pub file: &'static str,
    /// 1-based line of the suspension point.
    pub line: u32,
    /// 1-based column of the suspension point.
    pub column: u32,
}

impl fmt::Display for ResumePoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at {}:{}:{}",
            self.label, self.file, self.line, self.column
        )
    }
}

/// What a machine is doing, as seen from outside a resume.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MachineState {
    /// Created, never resumed: only the arguments are stored.
    Unresumed,
    /// Suspended at a resume point.
    Suspended(ResumePoint),
    /// Finished (or, seen from inside its own resume, running).
    Returned,
    /// A resume panicked; resuming again panics.
    Poisoned,
}

/// Run-time introspection that every machine supports: the hook behind async
/// stack traces and task dumps.
pub trait Trace {
    /// The name of the function the machine was compiled from
    /// (`module::path::function`).
    fn name(&self) -> &'static str;

    /// The machine's current state, with its resume point when suspended.
    fn state(&self) -> MachineState;

    /// The machine this one is suspended on, when that awaitee is itself
    /// traceable (a `#[coro]` or `#[async_iter]` machine, a task handle, ...).
    fn awaitee(&self) -> Option<&dyn Trace>;

    /// The chain of machines from this one down to the innermost awaitee.
    fn backtrace(&self) -> Backtrace
    where
        Self: Sized,
    {
        Backtrace::capture(self)
    }
}

/// One line of a [`Backtrace`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BacktraceFrame {
    /// See [`Trace::name`].
    pub name: &'static str,
    /// See [`Trace::state`].
    pub state: MachineState,
}

/// An async stack trace: the outermost machine first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Backtrace {
    /// Outermost first.
    pub frames: Vec<BacktraceFrame>,
}

impl Backtrace {
    /// Walks `machine` and its chain of awaitees.
    pub fn capture(machine: &dyn Trace) -> Backtrace {
        let mut frames = Vec::new();
        let mut next = Some(machine);
        while let Some(m) = next {
            frames.push(BacktraceFrame {
                name: m.name(),
                state: m.state(),
            });
            next = m.awaitee();
        }
        Backtrace { frames }
    }
}

impl fmt::Display for Backtrace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (depth, frame) in self.frames.iter().enumerate() {
            write!(f, "{depth:>3}: {}", frame.name)?;
            match frame.state {
                MachineState::Suspended(point) => writeln!(f, "\n         at {point}")?,
                MachineState::Unresumed => writeln!(f, " (not started)")?,
                MachineState::Returned => writeln!(f, " (running or finished)")?,
                MachineState::Poisoned => writeln!(f, " (poisoned by a panic)")?,
            }
        }
        Ok(())
    }
}
