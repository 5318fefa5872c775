//! Differential tests: when values die — parameters (many, `_` patterns),
//! values alive across awaits, values moved into awaitees, shadowed values,
//! temporaries in statements, scrutinees and block tails, awaitees dropped
//! as soon as they are ready.
// `let ref r = s;` is what one case tests.
#![allow(clippy::toplevel_ref_arg)]
use coro_tests::*;

differential! {
    // A reference still in scope but no longer used at an `.await` is not
    // stored in the frame: it has nothing to drop, and storing it beside
    // what it borrows would make the frame borrow itself (rustc accepts
    // these bodies; the macro used to reject them with errors about the
    // frame's type).
    fn dead_reference_at_an_await() -> usize {
        let v = vec![D("a"), D("b")];
        let first = &v[0];
        let n = first.name().len();
        Yield::times(1).await;
        n + v.len()
    }

    fn dead_ref_binding_at_an_await() -> usize {
        let s = D("s");
        let ref r = s;
        let n = r.name().len();
        Yield::times(1).await;
        n + s.name().len()
    }

    fn dead_mut_reference_at_an_await() -> usize {
        let mut v = vec![D("a")];
        let last = &mut v;
        last.push(D("b"));
        Yield::times(1).await;
        v.len()
    }

    fn many_params(a: D, b: D, c: D, d: D, e: D, n: u32) -> u32 {
        Yield::times(1).await;
        drop(c);
        Probe::new("middle", n).await;
        let moved = b;
        Yield::times(1).await;
        log::push(format!("{} {} {} {}", a.name(), moved.name(), d.name(), e.name()));
        n
    }

    fn unused_params(_: D, _b: D, c: D) -> usize {
        Yield::times(2).await;
        c.name().len()
    }

    fn pattern_params((a, b): (D, D), Wrapper(w): Wrapper) -> usize {
        Yield::times(1).await;
        drop(b);
        Yield::times(1).await;
        a.name().len() + w.name().len()
    }

    // rustc binds the parameters in order, each pattern right after its own
    // parameter, so `m` and `last` drop before the bindings of the patterns
    // ahead of them, and the value `_` matched keeps its place in between.
    fn params_after_patterns(
        (n, b): (u32, D),
        Named { a: sa, d: sd }: Named,
        _: D,
        mut m: u32,
        last: D,
    ) -> u32 {
        m += yield_value(1, 1).await;
        drop(sd);
        Yield::times(1).await;
        m + n + sa + b.name().len() as u32 + last.name().len() as u32
    }

    fn alive_across(a: D) -> D {
        let b = D("b");
        Probe::new("p1", 1).await;
        let c = D("c");
        drop(b);
        Probe::new("p2", 2).await;
        let _d = D("d");
        Yield::times(1).await;
        log::push(a.name().to_owned());
        c
    }

    fn moved_into_awaitee() -> D {
        let x = D("x");
        let y = yield_value(x, 2).await;
        Yield::times(1).await;
        y
    }

    fn shadowed_values() -> usize {
        let x = D("x1");
        log::push(x.name().to_owned());
        let x = yield_value(D("x2"), 1).await;
        log::push(x.name().to_owned());
        let x = D(format!("{}-x3", x.name()));
        Yield::times(1).await;
        x.name().len()
    }

    fn temporary_in_statement() -> usize {
        let n = D("temp").name().len() + yield_value(1usize, 1).await;
        Yield::times(1).await;
        n
    }

    fn temporary_in_scrutinee() -> u32 {
        let r = match D("scrut").name().len() {
            5 => {
                Yield::times(1).await;
                1
            }
            _ => 0,
        };
        Yield::times(1).await;
        r + 1
    }

    fn temporary_in_if_let() -> usize {
        let _before = D("before");
        let r = if let Some(i) = D("cond").name().find('o') {
            Probe::new("then", 1).await;
            i
        } else {
            0
        };
        Yield::times(1).await;
        r
    }

    fn temporary_in_tail() -> usize {
        let _local = D("local");
        Yield::times(1).await;
        D("tail").name().len() + yield_value(1, 1).await
    }

    fn awaitee_dropped_when_ready() -> &'static str {
        let a = Probe::new("a", 1).await;
        log::push(format!("after {a}"));
        log::push(Probe::new("b", 2).await);
        let _keep = D("keep");
        Probe::new("c", 0).await
    }

    fn scopes_end_between_awaits() -> u32 {
        let _outer = D("outer");
        {
            let _s1 = D("s1");
            Yield::times(1).await;
        }
        Yield::times(1).await;
        {
            let _s2 = D("s2");
            {
                let _s3 = D("s3");
                Yield::times(1).await;
            }
            Yield::times(1).await;
        }
        3
    }

    fn vec_of_values() -> usize {
        let v = vec![D("v1"), D("v2"), D("v3")];
        Yield::times(1).await;
        let mut n = 0;
        for d in v {
            if d.name() == "v1" {
                continue;
            }
            Probe::new("loop", 1).await;
            n += d.name().len();
        }
        n
    }

    fn option_take() -> usize {
        let mut slot = Some(D("slot"));
        Yield::times(1).await;
        let taken = slot.take();
        Yield::times(1).await;
        slot = Some(D("refill"));
        Yield::times(1).await;
        taken.map_or(0, |d| d.name().len()) + slot.map_or(0, |d| d.name().len())
    }
}

/// A tuple struct destructured in a parameter pattern.
pub struct Wrapper(pub D);

/// A struct with named fields destructured in a parameter pattern.
pub struct Named {
    pub a: u32,
    pub d: D,
}

#[test]
fn many_params() {
    check!(many_params(D("a"), D("b"), D("c"), D("d"), D("e"), 2));
}

#[test]
fn unused_params() {
    check!(unused_params(D("underscore"), D("_b"), D("c")));
}

#[test]
fn pattern_params() {
    check!(pattern_params((D("pa"), D("pb")), Wrapper(D("w"))));
}

#[test]
fn params_after_patterns() {
    check!(params_after_patterns(
        (1, D("b")),
        Named { a: 2, d: D("sd") },
        D("underscore"),
        3,
        D("last"),
    ));
}

#[test]
fn alive_across() {
    check!(alive_across(D("a")));
}

#[test]
fn moved_into_awaitee() {
    check!(moved_into_awaitee());
}

#[test]
fn shadowed_values() {
    check!(shadowed_values());
}

#[test]
fn temporary_in_statement() {
    check!(temporary_in_statement());
}

#[test]
fn temporary_in_scrutinee() {
    check!(temporary_in_scrutinee());
}

#[test]
fn temporary_in_if_let() {
    check!(temporary_in_if_let());
}

#[test]
fn temporary_in_tail() {
    check!(temporary_in_tail());
}

#[test]
fn awaitee_dropped_when_ready() {
    check!(awaitee_dropped_when_ready());
}

#[test]
fn scopes_end_between_awaits() {
    check!(scopes_end_between_awaits());
}

#[test]
fn vec_of_values() {
    check!(vec_of_values());
}

#[test]
fn option_take() {
    check!(option_take());
}

#[test]
fn dead_reference_at_an_await() {
    check!(dead_reference_at_an_await());
}

#[test]
fn dead_ref_binding_at_an_await() {
    check!(dead_ref_binding_at_an_await());
}

#[test]
fn dead_mut_reference_at_an_await() {
    check!(dead_mut_reference_at_an_await());
}
