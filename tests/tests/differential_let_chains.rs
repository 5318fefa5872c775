//! `let` chains (`if let P = e && c && let Q = f`, Rust 2024) with suspension
//! points in any of their conditions, each body run against `async fn` (and,
//! for `yield_!`, against its rustc twin): output, `Pending` count, the drop
//! log on completion and when dropped after every poll.
//!
//! The macro rewrites a chain that suspends after its first condition into
//! nested `if`s (see `coro-macros/src/chains.rs`); these bodies check that
//! the rewrite keeps what the chain means: later conditions run only when
//! the earlier ones held, bindings and scrutinee temporaries are dropped
//! before the `else` runs, and `break`/`continue` in a `while` body reach
//! the same loop.
use coro_tests::*;

fn pair(name: &'static str, n: u32) -> Option<(D, u32)> {
    (n > 0).then(|| (D(name), n))
}

differential! {
    fn if_chain(a: Option<u32>, b: Option<u32>) -> u32 {
        if let Some(x) = a && let Some(y) = b && yield_value(x < y, 1).await {
            yield_value(x + y, 1).await
        } else {
            0
        }
    }

    // Every condition suspends; the last binds what the first two computed.
    fn if_chain_awaits_in_each_condition(a: Option<u32>) -> u32 {
        if let Some(x) = yield_value(a, 1).await
            && yield_value(x, 2).await > 2
            && let Some(z) = yield_value(Some(x * 2), 1).await
        {
            z
        } else {
            7
        }
    }

    // Bindings and temporaries of the chain are dropped before `else` runs;
    // the `else` moves a local the `then` branch does not.
    fn if_chain_drops_before_else(n: u32) -> String {
        let outer = D("outer");
        if let Some((d, k)) = pair("bound", n)
            && D("temp").name().len() as u32 + yield_value(k, 1).await > 5
            && let Some((e, _)) = pair("second", k)
        {
            log::push("then");
            let k = yield_value(k, 1).await;
            format!("{}{}{k}", d.name(), e.name())
        } else {
            log::push("else");
            drop(outer);
            yield_value(String::from("none"), 1).await
        }
    }

    fn if_chain_without_else(n: u32) -> u32 {
        let mut total = n;
        if let Some((d, k)) = pair("d", n) && yield_value(k % 2 == 0, 1).await {
            total += d.name().len() as u32 + yield_value(k, 1).await;
        }
        total
    }

    fn else_if_chains(n: u32) -> u32 {
        if let Some((_d, k)) = pair("a", n) && yield_value(k > 10, 1).await {
            1
        } else if let Some((_e, k)) = pair("b", n) && yield_value(k > 3, 1).await {
            2
        } else if n == 0 {
            3
        } else {
            yield_value(4, 1).await
        }
    }

    fn nested_chains(a: u32, b: u32) -> u32 {
        if let Some((_d, x)) = pair("outer", a) && yield_value(x > 1, 1).await {
            if let Some((_e, y)) = pair("inner", b) && yield_value(y > x, 1).await {
                x * 10 + y
            } else {
                x
            }
        } else {
            0
        }
    }

    // The chain as an operand: its value feeds an expression.
    fn chain_as_operand(n: u32) -> u32 {
        let v = 100 + if let Some((_d, k)) = pair("op", n) && yield_value(k, 1).await > 2 { k } else { 0 };
        v * 2
    }

    // `return` and `?`-style early exits from inside a split chain's branch.
    fn return_from_chain(n: u32) -> Result<u32, String> {
        let keep = D("keep");
        if let Some((d, k)) = pair("d", n) && yield_value(k, 1).await > 1 {
            if k > 5 {
                return Err(format!("{} too big", d.name()));
            }
            let got: Result<u32, String> = yield_value(Ok(k), 1).await;
            return Ok(got? + keep.name().len() as u32);
        }
        Ok(0)
    }

    fn while_chain(n: u32) -> u32 {
        let mut i = 0;
        let mut acc = 0;
        while let Some(v) = (i < n).then_some(i) && yield_value(v != 3, 1).await {
            acc += yield_value(v, 1).await;
            i += 1;
        }
        acc + i * 100
    }

    // `break`, `continue` and labels in the body of a split `while` chain.
    fn while_chain_jumps(items: Vec<u32>) -> u32 {
        let mut it = items.into_iter();
        let mut acc = 0;
        'outer: while let Some(x) = it.next() && let Some((d, _)) = pair("item", x) && yield_value(x < 50, 1).await {
            if x % 2 == 0 {
                continue;
            }
            for k in 0..x {
                if k == 3 {
                    continue 'outer;
                }
                if yield_value(k, 1).await == 7 {
                    break 'outer;
                }
            }
            if x == 9 {
                break;
            }
            acc += x + d.name().len() as u32;
        }
        acc
    }

    // A chain that suspends only in its first condition is not rewritten.
    fn chain_suspends_first_only(a: Option<u32>) -> u32 {
        if let Some(x) = yield_value(a, 1).await && x > 2 && let Some(y) = x.checked_sub(1) {
            y
        } else {
            0
        }
    }
}

#[test]
fn if_chain() {
    for a in [None, Some(1), Some(5)] {
        for b in [None, Some(3), Some(9)] {
            check!(if_chain(a, b));
        }
    }
}

#[test]
fn if_chain_awaits_in_each_condition() {
    for a in [None, Some(1), Some(3)] {
        check!(if_chain_awaits_in_each_condition(a));
    }
}

#[test]
fn if_chain_drops_before_else() {
    // 0: the first `let` fails; 1: the boolean fails; 6: all hold.
    for n in [0, 1, 6] {
        check!(if_chain_drops_before_else(n));
    }
}

#[test]
fn if_chain_without_else() {
    for n in [0, 3, 4] {
        check!(if_chain_without_else(n));
    }
}

#[test]
fn else_if_chains() {
    for n in [0, 2, 5, 11] {
        check!(else_if_chains(n));
    }
}

#[test]
fn nested_chains() {
    for (a, b) in [(0, 0), (1, 5), (2, 1), (2, 5)] {
        check!(nested_chains(a, b));
    }
}

#[test]
fn chain_as_operand() {
    for n in [0, 1, 3] {
        check!(chain_as_operand(n));
    }
}

#[test]
fn return_from_chain() {
    for n in [0, 1, 3, 6] {
        check!(return_from_chain(n));
    }
}

#[test]
fn while_chain() {
    for n in [0, 2, 5] {
        check!(while_chain(n));
    }
}

#[test]
fn while_chain_jumps() {
    for items in [
        vec![],
        vec![1, 2, 5],
        vec![9, 1],
        vec![2, 60, 1],
        vec![11, 1],
    ] {
        check!(while_chain_jumps(items.clone()));
    }
}

#[test]
fn chain_suspends_first_only() {
    for a in [None, Some(1), Some(4)] {
        check!(chain_suspends_first_only(a));
    }
}

mod generators {
    use super::*;

    gen_differential! {
        // An async iterator: `.await` and `yield_!` in and under chains,
        // with a `#[cfg]` in the loop body.
        #[async_iter(yield = u32)]
        fn stream_chains(items: Vec<Option<u32>>) {
            let _g = D("g");
            let mut it = items.into_iter();
            while let Some(item) = it.next() && let Some(x) = item && yield_value(x != 0, 1).await {
                #[cfg(any())]
                {
                    yield_!(1000);
                }
                yield_!(x);
                if let Some((d, k)) = pair("inner", x) && yield_value(k > 2, 1).await {
                    yield_!(d.name().len() as u32);
                }
            }
        }

        // The resume argument decides the chain's second condition.
        #[generator(yield = u32, resume = u32)]
        fn resume_in_chain(limit: u32) -> u32 {
            let mut total = 0;
            while let Some(v) = (total < limit).then_some(total) && yield_!(v) > 0 {
                total += 1;
            }
            total
        }

        #[generator(yield = u32)]
        fn yields_in_chains(items: Vec<Option<u32>>) -> u32 {
            let mut seen = 0;
            let mut it = items.into_iter();
            while let Some(item) = it.next() && let Some(x) = item && { yield_!(x); x != 0 } {
                seen += 1;
                if let Some((d, _)) = pair("g", x) && { yield_!(x * 10); x > 2 } {
                    yield_!(d.name().len() as u32);
                }
            }
            seen
        }
    }

    /// The inputs the generator and the stream over chains both run on.
    fn chain_inputs() -> [Vec<Option<u32>>; 4] {
        [
            vec![],
            vec![Some(1), Some(3)],
            vec![Some(2), None, Some(5)],
            vec![Some(4), Some(0), Some(1)],
        ]
    }

    #[test]
    fn yields_in_chains() {
        for items in chain_inputs() {
            check_gen(
                "yields_in_chains",
                || gen_v::yields_in_chains(items.clone()),
                || twin_v::yields_in_chains(items.clone()),
            );
        }
    }

    #[test]
    fn stream_chains() {
        for items in chain_inputs() {
            check_stream(
                "stream_chains",
                || gen_v::stream_chains(items.clone()),
                || twin_v::stream_chains(items.clone()),
            );
        }
    }

    #[test]
    fn resume_in_chain() {
        for zero_at in 0..4 {
            check_gen_args(
                "resume_in_chain",
                || gen_v::resume_in_chain(3),
                || twin_v::resume_in_chain(3),
                |i| u32::from(i != zero_at),
            );
        }
    }
}
