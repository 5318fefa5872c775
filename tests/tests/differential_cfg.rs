//! `#[cfg]` and `#[cfg_attr]` inside a body, run against `async fn`.
//!
//! An attribute macro sees the body before rustc evaluates the `#[cfg]`s in
//! it, so the macro expands the function once per combination of the
//! predicates it finds and gates each copy (see `coro-macros/src/cfg.rs`).
//! `any()` is always false and `all()` always true; `test` holds in this
//! crate and `debug_assertions` in a debug build, so both copies of a body
//! using them get compiled across the two profiles CI and the benches use.
use coro_tests::*;

#[derive(Debug, PartialEq)]
pub struct Config {
    a: u32,
    b: u32,
}

differential! {
    // Suspension points in configured statements and `let`s.
    fn statements(n: u32) -> u32 {
        let mut x = n;
        #[cfg(any())]
        {
            x += yield_value(100, 1).await;
        }
        #[cfg(all())]
        {
            x += yield_value(1, 1).await;
        }
        #[cfg(any())]
        let y = yield_value(5, 1).await;
        #[cfg(all())]
        let y = yield_value(7, 1).await;
        #[cfg(test)]
        {
            x += yield_value(10, 1).await;
        }
        #[cfg(not(test))]
        {
            x += yield_value(20, 1).await;
        }
        x + y
    }

    // A move in a statement that is configured out is not a move: `s` lives
    // to the end of the body, across every suspension point.
    fn move_configured_out(n: u32) -> usize {
        let s = D("s");
        let t = D("t");
        #[cfg(any())]
        drop(s);
        #[cfg(all())]
        drop(t);
        yield_value(n, 1).await;
        #[cfg(any())]
        let s = D("shadow");
        yield_value(n, 1).await;
        s.name().len()
    }

    fn arms_fields_and_elements(n: u32) -> (u32, Config, [u32; 2], u32) {
        let m = match n {
            #[cfg(any())]
            0 => yield_value(1000, 1).await,
            #[cfg(all())]
            0 => yield_value(1, 1).await,
            k => k + yield_value(2, 1).await,
        };
        let c = Config {
            #[cfg(any())]
            a: yield_value(1000, 1).await,
            #[cfg(all())]
            a: yield_value(3, 1).await,
            b: 4,
        };
        let arr = [
            #[cfg(any())]
            yield_value(1000, 1).await,
            yield_value(5, 1).await,
            #[cfg(all())]
            6,
        ];
        let sum = u32::saturating_add(
            #[cfg(any())]
            yield_value(1000, 1).await,
            yield_value(7, 1).await,
            #[cfg(all())]
            8,
        );
        (m, c, arr, sum)
    }

    fn cfg_attr_on_statements(n: u32) -> u32 {
        #[cfg_attr(all(), allow(unused_mut))]
        let mut x = yield_value(n, 1).await;
        #[cfg_attr(any(), cfg(any()))]
        let y = yield_value(2, 1).await;
        #[cfg_attr(all(), cfg(any()))]
        let y = yield_value(1000, 1).await;
        // A predicate that appears only inside a `cfg_attr`.
        #[cfg_attr(all(), cfg(not(all())))]
        let y = yield_value(2000, 1).await;
        x + y
    }

    // Parameters configured out, or given attributes by `cfg_attr`.
    fn configured_params(
        #[cfg(any())] a: u32,
        #[cfg(all())] b: D,
        #[cfg_attr(all(), allow(unused_variables))] c: u32,
    ) -> usize {
        yield_value((), 1).await;
        b.name().len()
    }

    fn debug_only_awaits(n: u32) -> u32 {
        let mut log = Vec::new();
        #[cfg(debug_assertions)]
        {
            log.push(yield_value(n, 1).await);
        }
        log.push(yield_value(n + 1, 1).await);
        log.iter().sum()
    }
}

#[test]
fn statements() {
    check!(statements(3));
}

#[test]
fn move_configured_out() {
    check!(move_configured_out(3));
}

#[test]
fn arms_fields_and_elements() {
    for n in [0, 5] {
        check!(arms_fields_and_elements(n));
    }
}

#[test]
fn cfg_attr_on_statements() {
    check!(cfg_attr_on_statements(3));
}

#[test]
fn configured_params() {
    check!(configured_params(D("b"), 3));
}

#[test]
fn debug_only_awaits() {
    check!(debug_only_awaits(3));
}

mod generators {
    use super::*;

    gen_differential! {
        #[generator(yield = u32)]
        fn configured_yields(n: u32) {
            #[cfg(any())]
            yield_!(1000);
            yield_!(n);
            #[cfg(all())]
            yield_!(n + 1);
        }
    }

    #[test]
    fn configured_yields() {
        check_gen(
            "configured_yields",
            || gen_v::configured_yields(4),
            || twin_v::configured_yields(4),
        );
    }
}
