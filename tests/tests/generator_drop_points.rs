//! Drop order when a generator is dropped while suspended at every yield
//! point (create, resume `k` times, drop), for `k = 0..=yields`. Expected
//! logs are hard-coded; they were verified against nightly rustc's
//! `#[coroutine]` closures (same body, arguments moved in as `let a = a;`):
//! locals in reverse order of declaration, then the arguments in reverse
//! order; an unresumed generator drops its arguments in declaration order.
//! The rustc twin (`gen_differential!`) checks them again on stable.
use coro_tests::*;

gen_differential! {
    #[generator(yield = u32)]
    fn params(a: D, b: D) {
        let c = D("c");
        yield_!(1);
        let _d = D("d");
        yield_!(2);
        drop(c);
        yield_!(3);
        let _ = (&a, &b);
    }

    #[generator(yield = u32)]
    fn many(a: D, b: D, c: D, n: u32) -> u32 {
        let x = D("x");
        yield_!(1);
        let y = D("y");
        drop(b);
        yield_!(2);
        let moved = a;
        yield_!(3);
        for i in 0..n {
            let _z = D("z");
            yield_!(10 + i);
        }
        drop(x);
        yield_!(4);
        let _ = (&moved, &y, &c);
        n
    }

    #[generator(yield = u32)]
    fn unused_params(_: D, _b: D, c: D) {
        yield_!(1);
        yield_!(c.name().len() as u32);
    }

    // Each pattern is bound right after its own parameter, as rustc does.
    #[generator(yield = u32)]
    fn pattern_then_plain((n, a): (u32, D), _: D, last: D) {
        yield_!(n);
        yield_!(a.name().len() as u32 + last.name().len() as u32);
    }
}

fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn params_at_every_point() {
    let r = check_gen(
        "params",
        || gen_v::params(D("a"), D("b")),
        || twin_v::params(D("a"), D("b")),
    );
    // Verified with nightly `#[coroutine]` (rustc 1.97 nightly).
    let expected: [&[&str]; 4] = [
        &["drop a", "drop b"],
        &["yield 1", "drop c", "drop b", "drop a"],
        &["yield 1", "yield 2", "drop d", "drop c", "drop b", "drop a"],
        &[
            "yield 1", "yield 2", "drop c", "yield 3", "drop d", "drop b", "drop a",
        ],
    ];
    assert_eq!(r.cancels.len(), expected.len());
    for (k, want) in expected.iter().enumerate() {
        assert_eq!(r.cancels[k], strs(want), "dropped after {k} resumes");
    }
    assert_eq!(
        r.log,
        strs(&[
            "yield 1", "yield 2", "drop c", "yield 3", "drop d", "drop b", "drop a"
        ])
    );
}

#[test]
fn many_at_every_point() {
    let r = check_gen(
        "many",
        || gen_v::many(D("a"), D("b"), D("c"), 2),
        || twin_v::many(D("a"), D("b"), D("c"), 2),
    );
    let expected: [&[&str]; 7] = [
        &["drop a", "drop b", "drop c"],
        &["yield 1", "drop x", "drop c", "drop b", "drop a"],
        &[
            "yield 1", "drop b", "yield 2", "drop y", "drop x", "drop c", "drop a",
        ],
        &[
            "yield 1",
            "drop b",
            "yield 2",
            "yield 3",
            "drop moved",
            "drop y",
            "drop x",
            "drop c",
        ]
        .map(|s| if s == "drop moved" { "drop a" } else { s }),
        &[
            "yield 1", "drop b", "yield 2", "yield 3", "yield 10", "drop z", "drop a", "drop y",
            "drop x", "drop c",
        ],
        &[
            "yield 1", "drop b", "yield 2", "yield 3", "yield 10", "drop z", "yield 11", "drop z",
            "drop a", "drop y", "drop x", "drop c",
        ],
        &[
            "yield 1", "drop b", "yield 2", "yield 3", "yield 10", "drop z", "yield 11", "drop z",
            "drop x", "yield 4", "drop a", "drop y", "drop c",
        ],
    ];
    assert_eq!(r.cancels.len(), expected.len());
    for (k, want) in expected.iter().enumerate() {
        assert_eq!(r.cancels[k], strs(want), "dropped after {k} resumes");
    }
    assert_eq!(r.ret, 2);
}

#[test]
fn unused_and_wildcard_params() {
    let r = check_gen(
        "unused_params",
        || gen_v::unused_params(D("p0"), D("p1"), D("p2")),
        || twin_v::unused_params(D("p0"), D("p1"), D("p2")),
    );
    // As for an `async fn`, a `_` argument is kept to the end like the others.
    assert_eq!(r.cancels[0], strs(&["drop p0", "drop p1", "drop p2"]));
    assert_eq!(
        r.cancels[1],
        strs(&["yield 1", "drop p2", "drop p1", "drop p0"])
    );
}

#[test]
fn pattern_then_plain() {
    let r = check_gen(
        "pattern_then_plain",
        || gen_v::pattern_then_plain((7, D("a")), D("underscore"), D("last")),
        || twin_v::pattern_then_plain((7, D("a")), D("underscore"), D("last")),
    );
    // Dropped after the first yield: the parameters after the pattern first.
    assert_eq!(
        r.cancels[1],
        strs(&["yield 7", "drop last", "drop underscore", "drop a"])
    );
}
