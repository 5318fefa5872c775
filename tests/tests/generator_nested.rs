//! Nested generators: an outer generator re-yielding an inner one
//! (`for v in inner(n) { yield_!(v) }`), generators created and driven inside
//! other generators, and recursion through a boxed generator.
use coro_tests::*;

gen_differential! {
    #[generator(yield = u32)]
    fn inner(tag: D, n: u32) -> u32 {
        for i in 0..n {
            yield_!(i);
        }
        drop(tag);
        n
    }

    #[generator(yield = u32)]
    fn reyield(n: u32) {
        let _outer = D("outer");
        for v in gen_v::inner(D("inner-a"), n) {
            yield_!(v * 10);
        }
        yield_!(1000);
        for v in gen_v::inner(D("inner-b"), n) {
            let _each = D("each");
            yield_!(v + 100);
        }
    }


}

mod bugs {
    use super::*;
    gen_differential! {
    #[generator(yield = u32)]
    fn zip_two(n: u32) {
        let mut a = crate::gen_v::inner(D("left"), n);
        let mut b = crate::gen_v::inner(D("right"), n + 1);
        loop {
            let pair = (a.next(), b.next());
            if let (Some(x), Some(y)) = pair {
                yield_!(x * 100 + y);
            } else if let (None, Some(y)) = pair {
                yield_!(y);
            } else {
                break;
            }
        }
    }
    #[generator(yield = u32)]
    fn return_value_of_inner(n: u32) -> u32 {
        use coro_runtime::{Generator, GeneratorState};
        let mut g = crate::gen_v::inner(D("inner"), n);
        let total = loop {
            let state = g.resume(());
            if let GeneratorState::Yielded(v) = state {
                yield_!(v);
            } else if let GeneratorState::Complete(r) = state {
                break r;
            }
        };
        yield_!(total);
        total * 2
    }
    }
}

#[test]
fn reyield_inner() {
    // Both flavours re-yield the same `#[generator]` inner machine.
    let r = check_gen("reyield", || gen_v::reyield(2), || twin_v::reyield(2));
    assert_eq!(
        r.log,
        [
            "yield 0",
            "yield 10",
            "drop inner-a",
            "yield 1000",
            "yield 100",
            "drop each",
            "yield 101",
            "drop each",
            "drop inner-b",
            "drop outer",
        ]
    );
    // Dropped while suspended inside the second inner generator.
    assert_eq!(
        r.cancels[4],
        [
            "yield 0",
            "yield 10",
            "drop inner-a",
            "yield 1000",
            "yield 100",
            "drop each",
            "drop inner-b",
            "drop outer"
        ]
    );
}

#[test]
fn drive_two_inner_generators() {
    {
        use bugs::*;
        let r = check_gen("zip_two", || gen_v::zip_two(2), || twin_v::zip_two(2));
        let yields: Vec<_> = r
            .log
            .iter()
            .filter(|e| e.starts_with("yield"))
            .cloned()
            .collect();
        assert_eq!(yields, ["yield 0", "yield 101", "yield 2"]);
    }
}

#[test]
fn inner_return_value() {
    {
        use bugs::*;
        let r = check_gen(
            "return_value_of_inner",
            || gen_v::return_value_of_inner(3),
            || twin_v::return_value_of_inner(3),
        );
        assert_eq!(r.ret, 6);
    }
}

#[coro_runtime::generator(yield = u32)]
fn tree(depth: u32, base: u32) {
    yield_!(base);
    if depth > 0 {
        let left: Box<dyn Iterator<Item = u32>> = Box::new(tree(depth - 1, base * 2));
        for v in left {
            yield_!(v);
        }
        let right: Box<dyn Iterator<Item = u32>> = Box::new(tree(depth - 1, base * 2 + 1));
        for v in right {
            yield_!(v);
        }
    }
}

#[test]
fn recursive_through_box() {
    let v: Vec<u32> = tree(2, 1).collect();
    assert_eq!(v, [1, 2, 4, 5, 3, 6, 7]);
}
