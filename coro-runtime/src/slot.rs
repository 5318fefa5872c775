//! [`Slot`]: how a frame enum holds each of its fields, so that the frame's
//! discriminant is a plain byte of its own.
//!
//! A Rust enum may hide its discriminant in a *niche* of one variant's
//! field: the spare values of a `bool`, of an `Option`'s tag, of a nested
//! machine's own discriminant. The frame is then a little smaller, but
//! reading the discriminant costs a subtraction, a comparison and a
//! conditional move ahead of the jump to the resume point, on every poll.
//! In the frames bench that made a `Pending` poll of a small frame up to
//! 1.6x rustc's, whose coroutine layout always keeps a separate tag byte.
//!
//! `UnsafeCell` is the one type whose niches the compiler never uses, so a
//! frame whose fields are all `Slot`s gets the tagged layout: one tag byte,
//! with the fields of each variant reordered around it to waste no space,
//! exactly as rustc lays out its own futures' variants.
//!
//! This module uses `unsafe` for one thing: [`Slot::get`] hands out `&T`
//! from `&Slot<T>`. Nothing ever mutates through a shared `Slot`, so a
//! `Slot<T>` behaves in every way like a `T`; the trait impls below restore
//! the auto traits `UnsafeCell` takes away. The generated code itself stays
//! free of `unsafe`.

#![allow(unsafe_code)]

use core::cell::UnsafeCell;
use core::panic::RefUnwindSafe;

/// One field of a frame variant. Not public API.
#[doc(hidden)]
#[repr(transparent)]
pub struct Slot<T>(UnsafeCell<T>);

impl<T> Slot<T> {
    /// Wraps a value being stored in the frame.
    #[inline]
    pub const fn new(value: T) -> Slot<T> {
        Slot(UnsafeCell::new(value))
    }

    /// Takes the value back out of the frame.
    #[inline]
    pub fn into_inner(self) -> T {
        self.0.into_inner()
    }

    /// The value, to poll it in place.
    #[inline]
    pub fn get_mut(&mut self) -> &mut T {
        self.0.get_mut()
    }

    /// The value, to trace it or clone it.
    #[inline]
    pub fn get(&self) -> &T {
        // SAFETY: the only `&mut T` a `Slot` gives out comes from `get_mut`,
        // which takes `&mut self`; while this `&self` borrow lives there is
        // none, and nothing writes through the cell from a shared borrow.
        unsafe { &*self.0.get() }
    }
}

impl<T: Clone> Clone for Slot<T> {
    #[inline]
    fn clone(&self) -> Slot<T> {
        Slot::new(self.get().clone())
    }
}

// SAFETY: a shared `Slot<T>` gives access to nothing but `&T` (see `get`),
// so sharing it across threads is exactly as safe as sharing a `T`.
unsafe impl<T: Sync> Sync for Slot<T> {}

// No interior mutability is reachable through `&Slot<T>`, so a panic cannot
// leave one half-updated behind a shared borrow.
impl<T: RefUnwindSafe> RefUnwindSafe for Slot<T> {}

#[cfg(test)]
mod tests {
    use super::Slot;
    use core::mem::size_of;

    #[allow(dead_code)]
    enum Bare {
        A(Option<u64>, u64),
        B(u64),
        C,
    }

    #[allow(dead_code)]
    enum Slotted {
        A(Slot<Option<u64>>, Slot<u64>),
        B(Slot<u64>),
        C,
    }

    #[test]
    fn a_slot_hides_its_niche_and_nothing_else() {
        assert_eq!(size_of::<Slot<u64>>(), size_of::<u64>());
        assert_eq!(size_of::<Option<&u8>>(), 8);
        assert_eq!(size_of::<Option<Slot<&u8>>>(), 16);
        // The niche layout puts `B` and `C` in the `Option`'s tag; the
        // slotted enum has a tag of its own.
        assert_eq!(size_of::<Bare>(), 24);
        assert_eq!(size_of::<Slotted>(), 32);
    }

    #[test]
    fn slot_moves_borrows_and_clones_its_value() {
        let mut slot = Slot::new(vec![1, 2]);
        slot.get_mut().push(3);
        assert_eq!(slot.get(), &[1, 2, 3]);
        let copy = slot.clone();
        assert_eq!(slot.into_inner(), copy.into_inner());
    }

    #[test]
    fn slot_keeps_the_auto_traits_of_its_value() {
        fn shared<T: Send + Sync + core::panic::UnwindSafe + core::panic::RefUnwindSafe>() {}
        shared::<Slot<Vec<u8>>>();
    }
}
