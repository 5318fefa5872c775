//! Values whose drops are observable.

use std::fmt;

use crate::log;

/// A value that logs `drop <name>` when dropped. Deliberately neither `Copy`
/// nor `Clone`, so every use is a move the lowering must get right.
///
/// `D("a")` names it with a `&'static str`, `D(format!("a{i}"))` with a
/// `String` (a `D<String>`).
pub struct D<N: AsRef<str> = &'static str>(pub N);

impl<N: AsRef<str>> D<N> {
    /// The name given at construction.
    pub fn name(&self) -> &str {
        self.0.as_ref()
    }
}

impl<N: AsRef<str>> Drop for D<N> {
    fn drop(&mut self) {
        log::push(format!("drop {}", self.0.as_ref()));
    }
}

impl<N: AsRef<str>, M: AsRef<str>> PartialEq<D<M>> for D<N> {
    fn eq(&self, other: &D<M>) -> bool {
        self.name() == other.name()
    }
}

impl<N: AsRef<str>> fmt::Debug for D<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "D({:?})", self.name())
    }
}
