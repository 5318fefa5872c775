//! Differential tests: `loop` / `while` / `while let` / `for`, labels,
//! `break` with a value, `continue`, labeled blocks; values handed over
//! and back through a loop's condition.
use coro_tests::*;

differential! {
    fn loop_break_value() -> u32 {
        let mut i = 0;
        let r = loop {
            i += 1;
            let _iter = D("iter");
            Yield::times(1).await;
            if i == 3 {
                break i * yield_value(10, 1).await;
            }
        };
        r + 1
    }

    fn while_condition(n: u32) -> u32 {
        let mut i = 0;
        let mut acc = 0;
        while yield_value(i < n, 1).await {
            let _body = D("body");
            acc += ready(i).await;
            i += 1;
        }
        acc
    }

    fn while_let(mut v: Vec<u32>) -> u32 {
        let mut sum = 0;
        while let Some(x) = v.pop() {
            sum += yield_value(x, 1).await;
        }
        sum
    }

    fn while_let_awaited(n: u32) -> Vec<String> {
        let mut it = 0..n;
        let mut out = Vec::new();
        while let Some(d) = yield_value(it.next().map(|i| D(format!("d{i}"))), 1).await {
            Yield::times(1).await;
            out.push(d.name().to_owned());
        }
        out
    }

    fn for_loop(names: Vec<&'static str>) -> Vec<String> {
        let mut out = Vec::new();
        for name in names {
            let d = D(name);
            Yield::times(1).await;
            out.push(d.name().to_uppercase());
        }
        out
    }

    fn for_over_awaited() -> u32 {
        let mut sum = 0;
        for d in yield_value(vec![D("v1"), D("v2"), D("v3")], 1).await {
            if d.name() == "v2" {
                continue;
            }
            Probe::new("item", 1).await;
            sum += d.name().len() as u32;
        }
        sum
    }

    fn labeled_loops(n: u32) -> u32 {
        let mut hits = 0;
        'outer: for i in 0..n {
            let _outer = D("outer");
            for j in 0..n {
                let _inner = D("inner");
                if j > i {
                    continue 'outer;
                }
                if yield_value(i * j, 1).await > 4 {
                    break 'outer;
                }
                if j == 1 {
                    Yield::times(1).await;
                    continue;
                }
                hits += 1;
            }
        }
        hits
    }

    fn break_labeled_with_value() -> u32 {
        let mut n = 0;
        let v = 'a: loop {
            let _a = D("a");
            loop {
                let _b = D("b");
                n += 1;
                if n == 2 {
                    break 'a yield_value(n * 5, 1).await;
                }
                Yield::times(1).await;
                if n % 2 == 1 {
                    break;
                }
            }
        };
        v + n
    }

    fn labeled_block(n: u32) -> u32 {
        let v = 'blk: {
            let _d = D("blk");
            if yield_value(n, 1).await > 3 {
                break 'blk 1;
            }
            Yield::times(1).await;
            2
        };
        v + 10
    }

    fn nested_loops_with_moves() -> Vec<String> {
        let mut out = Vec::new();
        let rows = vec![vec![D("r0c0"), D("r0c1")], vec![D("r1c0")]];
        for row in rows {
            let _row_guard = D("row");
            for cell in row {
                let cell = yield_value(cell, 1).await;
                out.push(cell.name().to_owned());
            }
        }
        out
    }

    // Only the iterable suspends: the loop runs as written, its iterator
    // borrowing the awaited value, which lives to the end of the `for`.
    fn for_over_borrow_of_awaited_value() -> usize {
        let mut names = Vec::new();
        for d in &yield_value(vec![D("x"), D("y")], 1).await {
            names.push(d.name().to_owned());
        }
        log::push(format!("after the loop: {names:?}"));
        Yield::times(1).await;
        names.len()
    }

    fn inner_loop_over_awaited_value_breaks_outer(n: u32) -> u32 {
        let mut t = 0;
        'outer: for i in 0..n {
            for x in yield_value(vec![i, i + 1], 1).await {
                if x > 3 {
                    break 'outer;
                }
                if x == 2 {
                    continue;
                }
                t += x;
            }
            Yield::times(1).await;
        }
        t
    }

    // Ownership handed over through a `while let`'s condition and taken
    // back in its body (E0381 before: the loop's exit took the body's
    // assignment as the last thing done to `s`, though the head, which
    // moves it, runs after it on the way out), and a condition that
    // assigns what the body moves (E0425 before: the head neither
    // received nor declared `x`).

    fn handed_over_in_while_let(n: u32) -> u32 {
        let mut s = D(format!("s{n}"));
        let mut i = 0;
        let _g = D("guard");
        while let (Some(v), rest) = yield_value((if i < n { Some(i) } else { None }, s), 1).await {
            s = rest;
            i += v + 1;
            if i > 4 { break; }
        }
        Yield::times(1).await;
        i
    }
    fn handed_over_break_before_assign(n: u32) -> u32 {
        let mut s = D(format!("s{n}"));
        let mut i = 0;
        while let (Some(v), rest) = yield_value((if i < n { Some(i) } else { None }, s), 1).await {
            if v == 2 { drop(rest); break; }
            s = rest;
            i += v + 1;
        }
        Yield::times(1).await;
        i
    }
    fn handed_over_then_used_after(n: u32) -> usize {
        let mut s = D(format!("s{n}"));
        let mut i = 0;
        loop {
            let (v, rest) = yield_value((if i < n { Some(i) } else { None }, s), 1).await;
            s = rest;
            match v { Some(v) => i += v + 1, None => break }
        }
        Yield::times(1).await;
        s.name().len() + i as usize
    }
    fn while_cond_consumes(n: u32) -> u32 {
        let mut s = D(format!("s{n}"));
        let mut i = 0;
        while yield_value(s, 1).await.name().len() > i as usize {
            s = D(format!("t{i}"));
            i += 1;
            Yield::times(1).await;
        }
        Yield::times(1).await;
        i
    }
    fn maybe_moved_in_body(n: u32) -> u32 {
        let x = D("x");
        let mut i = 0;
        let mut x = Some(x);
        while yield_value(i, 1).await < n {
            if i == 2 { drop(x.take()); }
            i += 1;
        }
        Yield::times(1).await;
        i + x.is_some() as u32
    }
    fn moved_in_body_then_reassigned(n: u32) -> u32 {
        let mut x = D("x0");
        let mut i = 0;
        while yield_value(i, 1).await < n {
            drop(x);
            Yield::times(1).await;
            x = D("x1");
            i += 1;
        }
        Yield::times(1).await;
        i + x.name().len() as u32
    }

    fn head_assigns_body_moves(n: u32) -> u32 {
        let mut x = D("a");
        let mut i = x.name().len() as u32 - 1;
        while { x = D("head"); yield_value(i, 1).await < n } {
            drop(x);
            Yield::times(1).await;
            i += 1;
        }
        Yield::times(1).await;
        i
    }
}

#[test]
fn loop_break_value() {
    check!(loop_break_value());
}

#[test]
fn while_condition() {
    check!(while_condition(0));
    check!(while_condition(3));
}

#[test]
fn while_let() {
    check!(while_let(vec![1, 2, 3]));
}

#[test]
fn while_let_awaited() {
    check!(while_let_awaited(3));
}

#[test]
fn for_loop() {
    check!(for_loop(vec!["a", "b", "c"]));
}

#[test]
fn for_over_awaited() {
    check!(for_over_awaited());
}

#[test]
fn labeled_loops() {
    check!(labeled_loops(2));
    check!(labeled_loops(4));
}

#[test]
fn break_labeled_with_value() {
    check!(break_labeled_with_value());
}

#[test]
fn labeled_block() {
    check!(labeled_block(1));
    check!(labeled_block(5));
}

#[test]
fn nested_loops_with_moves() {
    check!(nested_loops_with_moves());
}

#[test]
fn for_over_borrow_of_awaited_value() {
    check!(for_over_borrow_of_awaited_value());
}

#[test]
fn inner_loop_over_awaited_value_breaks_outer() {
    for n in [0, 1, 2, 5] {
        check!(inner_loop_over_awaited_value_breaks_outer(n));
    }
}

#[test]
fn handed_over_through_the_condition() {
    for n in 0..7u32 {
        check!(handed_over_in_while_let(n));
        check!(handed_over_break_before_assign(n));
        check!(handed_over_then_used_after(n));
        check!(while_cond_consumes(n));
        check!(maybe_moved_in_body(n));
        check!(moved_in_body_then_reassigned(n));
        check!(head_assigns_body_moves(n));
    }
}
