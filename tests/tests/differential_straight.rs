//! Differential tests: straight-line bodies, `let` with patterns, `let … else`,
//! shadowing, blocks and assignments.
use coro_tests::*;

/// A shared output type (each flavour's module has its own copy of anything
/// declared inside `differential!`).
#[derive(Debug, PartialEq)]
pub struct Pair {
    pub left: D,
    pub right: u32,
}

differential! {
    fn no_await() -> u32 {
        let a = 40;
        a + 2
    }

    fn one_await() -> u32 {
        Yield::times(1).await;
        7
    }

    fn sequence(a: u32, b: u32) -> u32 {
        let x = yield_value(a, 1).await;
        log::push(format!("x = {x}"));
        let y = yield_value(b, 2).await;
        log::push(format!("y = {y}"));
        Probe::new("p", 1).await;
        x * 10 + y
    }

    fn unit_body(d: D) {
        Probe::new("first", 2).await;
        log::push(d.name().to_owned());
        Probe::new("second", 0).await;
    }

    fn tuple_patterns() -> (u32, D) {
        let (a, b) = yield_value((1, D("pair")), 1).await;
        let (c, _) = (ready(2).await, D("ignored"));
        Yield::times(1).await;
        (a + c, b)
    }

    fn struct_pattern() -> Pair {
        let Pair { left, right } = yield_value(Pair { left: D("left"), right: 5 }, 1).await;
        let kept = D("kept");
        Yield::times(1).await;
        drop(left);
        Pair { left: kept, right: right + 1 }
    }

    fn let_else(v: Option<u32>) -> u32 {
        let guard = D("guard");
        let Some(x) = yield_value(v, 1).await else {
            Probe::new("else", 1).await;
            return 0;
        };
        drop(guard);
        x + ready(1).await
    }

    // The pattern moves a non-`Copy` value out of the awaited one, and a
    // suspension point follows: the awaited value was kept as a local and
    // carried into the frame after the move (E0382 on the attribute).
    fn let_else_owned(some: bool) -> usize {
        let Some(d) = yield_value(some.then(|| D("some")), 1).await else {
            return 0;
        };
        Probe::new("after the let", 1).await;
        d.name().len()
    }

    // What the pattern does not move (`_`) is dropped at the end of the
    // statement, before the next suspension point.
    fn let_else_rest_dropped_at_once(some: bool) -> usize {
        let (Some(d), _) = yield_value((some.then(|| D("some")), D("rest")), 1).await else {
            Probe::new("else", 1).await;
            return 0;
        };
        Probe::new("after the let", 1).await;
        d.name().len()
    }

    fn let_else_shadowing_a_carried_local(some: bool) -> usize {
        let d = D("outer");
        let n = d.name().len();
        let Some(d) = yield_value(some.then(|| D("inner")), 1).await else {
            // The `else` sees the outer `d`.
            Yield::times(1).await;
            return n + d.name().len();
        };
        Yield::times(1).await;
        n + d.name().len()
    }

    fn let_else_plain_else_names_the_hidden_local(some: bool) -> usize {
        let d = D("outer");
        let Some(d) = yield_value(some.then(|| D("inner")), 1).await else {
            return d.name().len();
        };
        Yield::times(1).await;
        d.name().len()
    }

    fn shadowing() -> String {
        let x = D("x1");
        log::push(x.name().to_owned());
        let x = yield_value(D("x2"), 1).await;
        Yield::times(1).await;
        let x = x.name().to_owned() + "!";
        Yield::times(1).await;
        x
    }

    fn blocks() -> usize {
        let a = {
            let _inner = D("inner");
            let v = yield_value(3, 1).await;
            v + 1
        };
        let b = {
            Yield::times(1).await;
            D("block tail")
        };
        let c = {
            let _nested = D("nested");
            yield_value(10, 1).await
        };
        a + b.name().len() + c
    }

    fn assignments() -> u32 {
        let mut total = 0;
        total += yield_value(2, 1).await;
        total *= ready(3).await;
        let mut d = D("first");
        log::push(d.name().to_owned());
        d = yield_value(D("second"), 1).await;
        log::push(d.name().to_owned());
        Yield::times(1).await;
        total
    }

    fn mutable_binding(mut n: u32) -> u32 {
        n += yield_value(1, 1).await;
        let mut v = Vec::new();
        v.push(n);
        v.push(yield_value(n * 2, 2).await);
        v.iter().sum()
    }
}

#[test]
fn no_await() {
    check!(no_await());
}

#[test]
fn one_await() {
    check!(one_await());
}

#[test]
fn sequence() {
    check!(sequence(3, 4));
}

#[test]
fn unit_body() {
    check!(unit_body(D("param")));
}

#[test]
fn tuple_patterns() {
    check!(tuple_patterns());
}

#[test]
fn struct_pattern() {
    check!(struct_pattern());
}

#[test]
fn let_else_matches() {
    check!(let_else(Some(3)));
}

#[test]
fn let_else_diverges() {
    check!(let_else(None));
}

#[test]
fn let_else_with_owned_bindings() {
    for some in [true, false] {
        check!(let_else_owned(some));
        check!(let_else_rest_dropped_at_once(some));
        check!(let_else_shadowing_a_carried_local(some));
        check!(let_else_plain_else_names_the_hidden_local(some));
    }
}

#[test]
fn shadowing() {
    check!(shadowing());
}

#[test]
fn blocks() {
    check!(blocks());
}

#[test]
fn assignments() {
    check!(assignments());
}

#[test]
fn mutable_binding() {
    check!(mutable_binding(4));
}
