//! The frame's layout: each field sits in a `Slot` that hides its niches, so
//! the discriminant is a byte of its own (read with one load on every poll),
//! and its spare values still give `Option<machine>` its niche.
use std::future::ready;
use std::mem::size_of;

use coro_runtime::{async_iter, coro, generator, yield_};

fn option_of<T>(_: &T) -> usize {
    size_of::<Option<T>>()
}

#[coro]
fn keeps_a_bool(flag: bool) -> bool {
    ready(()).await;
    flag
}

#[coro]
fn keeps_a_vec(v: Vec<u8>) -> usize {
    let n = ready(v.len()).await;
    n + v.len()
}

#[generator(yield = u8)]
fn yields_a_byte(b: Option<u8>) {
    if let Some(b) = b {
        yield_!(b);
    }
}

#[async_iter(yield = u8)]
fn streams_a_byte(b: Option<u8>) {
    ready(()).await;
    if let Some(b) = b {
        yield_!(b);
    }
}

#[test]
fn the_tag_does_not_hide_in_a_field() {
    // `Ready<()>` is an `Option<()>` (one byte with a niche) and a `bool`
    // has 254 spare values: without the slots, rustc would put the tag in
    // one of them and the machine would be 2 bytes. With them it is the tag
    // byte plus the two fields of `Await0`.
    assert_eq!(size_of_val(&keeps_a_bool(true)), 3);
}

#[test]
fn option_of_a_machine_costs_nothing() {
    let m = keeps_a_bool(true);
    assert_eq!(option_of(&m), size_of_val(&m));
    let m = keeps_a_vec(vec![1]);
    assert_eq!(option_of(&m), size_of_val(&m));
    let m = yields_a_byte(Some(1));
    assert_eq!(option_of(&m), size_of_val(&m));
    let m = streams_a_byte(Some(1));
    assert_eq!(option_of(&m), size_of_val(&m));
}

#[test]
fn slotted_machines_still_run() {
    assert!(futures::executor::block_on(keeps_a_bool(true)));
    assert_eq!(futures::executor::block_on(keeps_a_vec(vec![1, 2])), 4);
    assert_eq!(yields_a_byte(Some(7)).collect::<Vec<_>>(), [7]);
}

#[test]
fn slots_keep_the_auto_traits_of_the_locals() {
    fn shareable<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>(_: &T) {}
    // A `Vec` held across the await, an awaitee, and arguments: the machine
    // is as shareable as an `async fn`'s future over the same locals.
    shareable(&keeps_a_vec(vec![1]));
    shareable(&keeps_a_bool(true));
    shareable(&yields_a_byte(None));
    shareable(&streams_a_byte(None));
}
