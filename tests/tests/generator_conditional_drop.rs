//! Conditional drops (rust-lang/rust `tests/ui/coroutine/conditional-drop.rs`):
//! a value moved away on one path only must be dropped exactly once, at the
//! right time, whether the generator completes or is dropped while suspended.
// The nested `if`s mirror the rust-lang/rust test they port.
#![allow(clippy::collapsible_if)]
use coro_tests::*;

mod bugs {
    use super::*;
    gen_differential! {
    #[generator(yield = u32)]
        fn deferred_init(flag: bool) {
            let a;
            yield_!(0);
            if flag {
                a = D("a");
                yield_!(1);
                drop(a);
            }
            yield_!(2);
        }
    }
}

fn cond(flag: bool) -> bool {
    flag
}

gen_differential! {
    #[generator(yield = u32)]
    fn drop_before_yield(flag: bool) {
        let x = D("x");
        if cond(flag) {
            drop(x);
        }
        yield_!(1);
        yield_!(2);
    }

    // `x` is moved on one path of a construct that suspends: the join
    // receives it with a drop flag, and drops it after `_y` on the other.
    #[generator(yield = u32)]
    fn moved_into_yield_on_one_path(flag: bool) -> usize {
        let x = D("x");
        let _y = D("y");
        if flag {
            yield_!(1);
            drop(x);
            0
        } else {
            yield_!(2);
            x.name().len()
        }
    }

    #[generator(yield = u32)]
    fn drop_in_loop(n: u32) {
        let mut slot = Some(D("slot"));
        for i in 0..n {
            if i % 2 == 1 {
                if let Some(v) = slot.take() {
                    drop(v);
                }
            }
            yield_!(i);
        }
    }

}

#[test]
fn conditional_drop_before_yield() {
    for flag in [false, true] {
        let r = check_gen(
            "drop_before_yield",
            || gen_v::drop_before_yield(flag),
            || twin_v::drop_before_yield(flag),
        );
        let expected: &[&str] = if flag {
            &["drop x", "yield 1", "yield 2"]
        } else {
            &["yield 1", "yield 2", "drop x"]
        };
        assert_eq!(r.log, expected);
        assert_eq!(
            r.cancels[1],
            if flag {
                vec!["drop x", "yield 1"]
            } else {
                vec!["yield 1", "drop x"]
            }
        );
    }
}

#[test]
fn conditional_drop_in_loop() {
    check_gen(
        "drop_in_loop",
        || gen_v::drop_in_loop(4),
        || twin_v::drop_in_loop(4),
    );
}

#[test]
fn deferred_initialisation() {
    for flag in [false, true] {
        use bugs::*;
        check_gen(
            "deferred_init",
            || gen_v::deferred_init(flag),
            || twin_v::deferred_init(flag),
        );
    }
}

#[test]
fn moved_on_one_path() {
    for flag in [false, true] {
        check_gen(
            "moved_into_yield_on_one_path",
            || gen_v::moved_into_yield_on_one_path(flag),
            || twin_v::moved_into_yield_on_one_path(flag),
        );
    }
}
