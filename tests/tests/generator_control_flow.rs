//! Control flow with `yield_!` everywhere: `if`/`else`, `match`, `loop`,
//! `while`, `for`, labeled `break`/`continue`, `?`, early `return`, and
//! `yield_!` inside call arguments, `let` initialisers, conditions and
//! temporaries. Every body is compared with its rustc twin (values, return
//! value, drop log on completion and when dropped after every resume); a few
//! also with the hand-written sequence a plain function pushing into a `Vec`
//! gives.
// Suspension points in conditions and unit call arguments are the point here.
#![allow(clippy::blocks_in_conditions, clippy::unit_arg)]
use coro_tests::*;

mod bugs {
    use super::*;
    gen_differential! {
        #[generator(yield = u32)]
        fn loop_flag_set_in_match_arm(v: Vec<Option<u32>>) {
            let mut it = v.into_iter();
            let mut more = true;
            while more {
                match it.next().flatten() {
                    Some(x) => yield_!(x),
                    _ => {
                        more = false;
                    }
                }
            }
        }
    }
}

fn take2(a: D, _unit: ()) -> usize {
    a.name().len()
}

fn three(a: usize, b: (), c: usize) -> usize {
    let () = b;
    a * 10 + c
}

#[derive(Debug)]
pub enum Shape {
    Dot,
    Line(u32),
    Pair(D, D),
}

gen_differential! {
    #[generator(yield = u32)]
    fn if_else(n: u32) -> u32 {
        let a = D("a");
        if n > 2 {
            yield_!(1);
            let b = D("b");
            yield_!(2);
            drop(b);
        } else if n == 2 {
            let c = D("c");
            yield_!(3);
            let _keep = c;
        } else {
            yield_!(4);
        }
        let _z = D("z");
        yield_!(5);
        drop(a);
        n
    }

    #[generator(yield = u32)]
    fn condition_blocks(n: u32) -> u32 {
        let mut total = 0;
        if { yield_!(10); let t = D("cond"); t.name().len() as u32 + n > 5 } {
            total += 1;
        }
        while { yield_!(total); total < 3 } {
            total += 1;
        }
        match { yield_!(99); total % 2 } {
            0 => yield_!(100),
            _ => yield_!(101),
        }
        total
    }

    #[generator(yield = String)]
    fn match_arms(shape: Shape) -> u32 {
        let before = D("before");
        let r = match shape {
            Shape::Dot => {
                yield_!("dot".to_owned());
                0
            }
            Shape::Line(len) => {
                for _ in 0..len {
                    yield_!("seg".to_owned());
                }
                len
            }
            Shape::Pair(x, y) => {
                yield_!(x.name().to_owned());
                drop(x);
                yield_!(y.name().to_owned());
                2
            }
        };
        yield_!("after".to_owned());
        drop(before);
        r
    }

    #[generator(yield = u32)]
    fn loop_break_value(limit: u32) -> u32 {
        let mut i = 0;
        let found = loop {
            let guard = D("guard");
            yield_!(i);
            if i == limit {
                break i * 100;
            }
            i += 1;
            drop(guard);
        };
        yield_!(found);
        found
    }

    #[generator(yield = (u32, u32))]
    fn labeled_loops(n: u32) -> u32 {
        let mut count = 0;
        'outer: for i in 0..n {
            let _row = D("row");
            'inner: for j in 0..n {
                let _cell = D("cell");
                if j > i {
                    continue 'outer;
                }
                if i + j == 3 {
                    yield_!((i, j));
                    break 'inner;
                }
                if i == 3 {
                    break 'outer;
                }
                yield_!((i, j));
                count += 1;
            }
            yield_!((i, 99));
        }
        count
    }

    #[generator(yield = u32)]
    fn while_continue(n: u32) {
        let mut i = 0;
        while i < n {
            i += 1;
            let _t = D("tick");
            if i % 2 == 0 {
                continue;
            }
            yield_!(i);
        }
        yield_!(1000);
    }

    #[generator(yield = u32)]
    fn for_over_vec(v: Vec<u32>) -> u32 {
        let mut sum = 0;
        for x in v {
            let _each = D("each");
            yield_!(x);
            sum += x;
        }
        sum
    }

    #[generator(yield = u32)]
    fn early_return(n: u32) -> u32 {
        let a = D("a");
        for i in 0..10 {
            let _b = D("b");
            yield_!(i);
            if i == n {
                return i;
            }
        }
        let _c = D("c");
        yield_!(77);
        drop(a);
        10
    }

    #[generator(yield = u32)]
    fn question_mark(input: Vec<Result<u32, String>>) -> Result<u32, String> {
        let _a = D("a");
        let mut sum = 0;
        for r in input {
            let _b = D("b");
            let v = r?;
            yield_!(v);
            sum += v;
        }
        let _c = D("c");
        yield_!(sum);
        Ok(sum)
    }

    #[generator(yield = Option<u32>)]
    fn question_mark_option(a: Option<u32>, b: Option<u32>) -> Option<u32> {
        let x = a?;
        yield_!(Some(x));
        let _d = D("d");
        let y = b?;
        yield_!(Some(y));
        Some(x + y)
    }

    #[generator(yield = D)]
    fn in_call_args() -> usize {
        let n = take2(D("arg"), yield_!(D("y1")));
        let m = three(n, yield_!(D("y2")), D("temp").name().len());
        n + m
    }

    #[generator(yield = u32)]
    fn in_let_initialisers() -> usize {
        let x = {
            yield_!(1);
            D("x")
        };
        let () = yield_!(2);
        let (p, q) = ({ yield_!(3); D("p") }, D("q"));
        let len = { yield_!(4); 1 };
        let v = [x.name().len(), p.name().len(), q.name().len(), len];
        v.iter().sum()
    }

    #[generator(yield = u32)]
    fn temporary_alive_across_yield() -> usize {
        let _a = D("a");
        let len = D("temp").name().len() + { yield_!(1); 1 };
        yield_!(2);
        len
    }

    #[generator(yield = u32)]
    fn nested_blocks() {
        let _a = D("a");
        {
            let _b = D("b");
            yield_!(1);
            {
                let _c = D("c");
                yield_!(2);
            }
            let _d = D("d");
            yield_!(3);
        }
        yield_!(4);
    }

    #[generator(yield = u32)]
    fn shadowing() -> usize {
        let x = D("x1");
        yield_!(1);
        let x = D(format!("{}-x2", x.name()));
        yield_!(2);
        let x = x.name().len();
        yield_!(3);
        x
    }

    #[generator(yield = ())]
    fn unit_yields(n: u32) -> u32 {
        let _a = D("a");
        for _ in 0..n {
            yield_!();
        }
        yield_!(());
        n
    }
}

#[test]
fn if_else_all_branches() {
    for n in 0..5 {
        check_gen("if_else", || gen_v::if_else(n), || twin_v::if_else(n));
    }
}

#[test]
fn if_else_against_vec_reference() {
    // A plain function pushing into a Vec gives the order on completion.
    fn reference(n: u32) -> Vec<String> {
        let mut out = Vec::new();
        let a = D("a");
        if n > 2 {
            out.push(format!("yield {:?}", 1));
            let b = D("b");
            out.push(format!("yield {:?}", 2));
            drop(b);
            out.extend(log::take());
        } else if n == 2 {
            let c = D("c");
            out.push(format!("yield {:?}", 3));
            let _keep = c;
        } else {
            out.push(format!("yield {:?}", 4));
        }
        out.extend(log::take());
        let _z = D("z");
        out.push(format!("yield {:?}", 5));
        drop(a);
        out.extend(log::take());
        drop(_z);
        out.extend(log::take());
        out
    }
    for n in 0..5 {
        let r = check_gen("if_else", || gen_v::if_else(n), || twin_v::if_else(n));
        assert_eq!(r.log, reference(n), "n = {n}");
    }
}

#[test]
fn conditions_with_yields() {
    for n in [0, 5] {
        check_gen(
            "condition_blocks",
            || gen_v::condition_blocks(n),
            || twin_v::condition_blocks(n),
        );
    }
}

#[test]
fn match_with_yields_in_arms() {
    check_gen(
        "match_arms dot",
        || gen_v::match_arms(Shape::Dot),
        || twin_v::match_arms(Shape::Dot),
    );
    check_gen(
        "match_arms line",
        || gen_v::match_arms(Shape::Line(3)),
        || twin_v::match_arms(Shape::Line(3)),
    );
    let r = check_gen(
        "match_arms pair",
        || gen_v::match_arms(Shape::Pair(D("x"), D("y"))),
        || twin_v::match_arms(Shape::Pair(D("x"), D("y"))),
    );
    assert_eq!(
        r.log,
        [
            "yield \"x\"",
            "drop x",
            "yield \"y\"",
            "drop y",
            "yield \"after\"",
            "drop before"
        ]
    );
}

#[test]
fn loop_with_break_value() {
    let r = check_gen(
        "loop_break_value",
        || gen_v::loop_break_value(2),
        || twin_v::loop_break_value(2),
    );
    assert_eq!(r.ret, 200);
    assert_eq!(
        r.log,
        [
            "yield 0",
            "drop guard",
            "yield 1",
            "drop guard",
            "yield 2",
            "drop guard",
            "yield 200",
        ]
    );
}

#[test]
fn labeled_break_and_continue() {
    for n in [0, 1, 3, 5] {
        check_gen(
            "labeled_loops",
            || gen_v::labeled_loops(n),
            || twin_v::labeled_loops(n),
        );
    }
}

#[test]
fn while_with_continue() {
    let r = check_gen(
        "while_continue",
        || gen_v::while_continue(5),
        || twin_v::while_continue(5),
    );
    let yields: Vec<_> = r
        .log
        .iter()
        .filter(|e| e.starts_with("yield"))
        .cloned()
        .collect();
    assert_eq!(yields, ["yield 1", "yield 3", "yield 5", "yield 1000"]);
}

#[test]
fn for_loop_over_owned_vec() {
    let r = check_gen(
        "for_over_vec",
        || gen_v::for_over_vec(vec![3, 4, 5]),
        || twin_v::for_over_vec(vec![3, 4, 5]),
    );
    assert_eq!(r.ret, 12);
}

#[test]
fn early_return_from_loop() {
    for n in [0, 3, 20] {
        check_gen(
            "early_return",
            || gen_v::early_return(n),
            || twin_v::early_return(n),
        );
    }
    let r = check_gen(
        "early_return",
        || gen_v::early_return(1),
        || twin_v::early_return(1),
    );
    assert_eq!(r.log, ["yield 0", "drop b", "yield 1", "drop b", "drop a"]);
}

#[test]
fn question_mark_result() {
    let ok = || vec![Ok(1), Ok(2)];
    let r = check_gen(
        "question_mark ok",
        || gen_v::question_mark(ok()),
        || twin_v::question_mark(ok()),
    );
    assert_eq!(r.ret, Ok(3));
    let err = || vec![Ok(1), Err("bad".to_owned()), Ok(2)];
    let r = check_gen(
        "question_mark err",
        || gen_v::question_mark(err()),
        || twin_v::question_mark(err()),
    );
    assert_eq!(r.ret, Err("bad".to_owned()));
    assert_eq!(r.log, ["yield 1", "drop b", "drop b", "drop a"]);
}

#[test]
fn question_mark_option() {
    for (a, b) in [(None, None), (Some(1), None), (Some(1), Some(2))] {
        check_gen(
            "question_mark_option",
            || gen_v::question_mark_option(a, b),
            || twin_v::question_mark_option(a, b),
        );
    }
}

#[test]
fn yield_in_call_arguments() {
    let r = check_gen("in_call_args", gen_v::in_call_args, twin_v::in_call_args);
    assert_eq!(r.ret, 3 + 34);
    assert_eq!(
        r.log,
        [
            "yield D(\"y1\")",
            "drop y1",
            "drop arg",
            "yield D(\"y2\")",
            "drop y2",
            "drop temp"
        ]
    );
    // `D("arg")` is evaluated before the yield: alive while suspended there.
    assert_eq!(r.cancels[1], ["yield D(\"y1\")", "drop y1", "drop arg"]);
}

#[test]
fn yield_in_let_initialisers() {
    let r = check_gen(
        "in_let_initialisers",
        gen_v::in_let_initialisers,
        twin_v::in_let_initialisers,
    );
    assert_eq!(r.ret, 4);
}

#[test]
fn temporary_of_earlier_operand_lives_across_yield() {
    let r = check_gen(
        "temporary_alive_across_yield",
        gen_v::temporary_alive_across_yield,
        twin_v::temporary_alive_across_yield,
    );
    assert_eq!(r.log, ["yield 1", "drop temp", "yield 2", "drop a"]);
    assert_eq!(r.cancels[1], ["yield 1", "drop temp", "drop a"]);
}

#[test]
fn nested_block_scopes() {
    let r = check_gen("nested_blocks", gen_v::nested_blocks, twin_v::nested_blocks);
    assert_eq!(
        r.log,
        [
            "yield 1", "yield 2", "drop c", "yield 3", "drop d", "drop b", "yield 4", "drop a"
        ]
    );
    assert_eq!(
        r.cancels[3],
        [
            "yield 1", "yield 2", "drop c", "yield 3", "drop d", "drop b", "drop a"
        ]
    );
}

#[test]
fn shadowed_locals() {
    check_gen("shadowing", gen_v::shadowing, twin_v::shadowing);
}

#[test]
fn unit_yields() {
    let r = check_gen(
        "unit_yields",
        || gen_v::unit_yields(2),
        || twin_v::unit_yields(2),
    );
    assert_eq!(r.log, ["yield ()", "yield ()", "yield ()", "drop a"]);
}

#[test]
fn loop_flag_assigned_in_match_arm() {
    {
        use bugs::*;
        let v = || vec![Some(1), Some(2), None, Some(3)];
        let r = check_gen(
            "loop_flag_set_in_match_arm",
            || gen_v::loop_flag_set_in_match_arm(v()),
            || twin_v::loop_flag_set_in_match_arm(v()),
        );
        assert_eq!(r.log, ["yield 1", "yield 2"]);
    }
}
