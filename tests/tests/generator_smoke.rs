//! Smoke: the simplest generators, as iterators and generators.
use coro_tests::*;

gen_differential! {
    #[generator(yield = u32)]
    fn count(n: u32) {
        let mut i = 0;
        while i < n {
            yield_!(i);
            i += 1;
        }
    }

    #[generator(yield = D<String>)]
    fn named(a: D, n: u32) -> usize {
        let b = D("b");
        for i in 0..n {
            yield_!(D(format!("v{i}")));
        }
        let c = D("c");
        a.name().len() + b.name().len() + c.name().len()
    }
}

#[test]
fn count_up() {
    let r = check_gen("count", || gen_v::count(3), || twin_v::count(3));
    assert_eq!(r.log, ["yield 0", "yield 1", "yield 2"]);
}

#[test]
fn named_values() {
    let r = check_gen(
        "named",
        || gen_v::named(D("a"), 2),
        || twin_v::named(D("a"), 2),
    );
    assert_eq!(r.ret, 3);
    assert_eq!(
        r.log,
        [
            "yield D(\"v0\")",
            "drop v0",
            "yield D(\"v1\")",
            "drop v1",
            "drop c",
            "drop b",
            "drop a"
        ]
    );
    assert_eq!(r.cancels[0], ["drop a"]);
    assert_eq!(
        r.cancels[1],
        ["yield D(\"v0\")", "drop v0", "drop b", "drop a"]
    );
}
