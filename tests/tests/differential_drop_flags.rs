//! Differential tests: drop flags. A local moved on some paths of a
//! construct, and not on others, is dropped where rustc drops it: at the end
//! of its scope on the paths that kept it, not at the join or at the next
//! suspension point. The first five cases suspend inside the construct; the
//! others move in branches without a suspension point, followed by one.
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, Waker};

use coro_tests::*;

differential! {
    fn moved_in_one_branch(flag: bool) -> u32 {
        let x = D("x");
        let _y = D("y");
        let n = if flag {
            Yield::times(1).await;
            drop(x);
            1
        } else {
            Yield::times(1).await;
            2
        };
        Probe::new("after the join", n).await;
        n
    }

    fn moved_in_some_match_arms(k: u32) -> u32 {
        let a = D("a");
        let b = D("b");
        match k {
            0 => {
                Yield::times(1).await;
                drop(a);
            }
            1 => {
                drop(b);
                Yield::times(1).await;
            }
            _ => Yield::times(1).await,
        }
        Yield::times(1).await;
        log::push("end of body".to_owned());
        k
    }

    fn moved_into_an_awaitee_on_one_path(flag: bool) -> usize {
        let x = D("x");
        let n = if flag {
            yield_value(x, 1).await.name().len()
        } else {
            Yield::times(2).await;
            0
        };
        let _z = D("z");
        Yield::times(1).await;
        n
    }

    fn nested_conditional_moves(a: bool, b: bool) -> u32 {
        let x = D("x");
        let _z = D("z");
        if a {
            Yield::times(1).await;
            if b {
                Yield::times(1).await;
                drop(x);
            } else {
                Yield::times(1).await;
            }
            log::push("inner join".to_owned());
        }
        Yield::times(1).await;
        log::push("outer join".to_owned());
        0
    }

    fn moved_in_a_branch_without_await(flag: bool) -> u32 {
        let x = D("x");
        let _y = D("y");
        if flag {
            drop(x);
        }
        Yield::times(1).await;
        log::push("after the await".to_owned());
        0
    }

    fn moved_in_a_match_arm_without_await(k: u32) -> u32 {
        let a = D("a");
        let n = match k {
            0 => {
                drop(a);
                1
            }
            1 => 2,
            _ => return 7,
        };
        Probe::new("after the match", n).await;
        n
    }

    fn moved_into_a_vec_on_one_path(flag: bool) -> usize {
        let s = D("s");
        let mut v = Vec::new();
        if flag {
            v.push(s);
        }
        Yield::times(1).await;
        log::push(format!("len {}", v.len()));
        v.len()
    }

    fn else_if_chain(k: u32) -> u32 {
        let a = D("a");
        let b = D("b");
        if k == 0 {
            drop(a);
        } else if k == 1 {
            drop(b);
        } else {
            log::push("neither".to_owned());
        }
        Yield::times(1).await;
        log::push("end".to_owned());
        k
    }

    fn moved_with_break_in_a_loop(n: u32) -> u32 {
        let x = D("x");
        let mut i = 0;
        loop {
            Yield::times(1).await;
            if i == n {
                drop(x);
                break;
            }
            i += 1;
            log::push(format!("round {i}"));
        }
        Yield::times(1).await;
        i
    }

    fn moved_in_a_loop_without_await(n: u32) -> u32 {
        let x = D("x");
        let mut i = 0;
        loop {
            if i == n {
                drop(x);
                break;
            }
            if i > 10 {
                break;
            }
            i += 1;
        }
        Yield::times(1).await;
        log::push("after the loop".to_owned());
        i
    }

    // Failed to compile (E0382) before: the jump of the first `break` was
    // built as if `x` were still there.
    fn moved_before_one_of_two_breaks(n: u32) -> u32 {
        let x = D("x");
        let mut i = 0;
        loop {
            Yield::times(1).await;
            if i == n {
                drop(x);
                break;
            }
            if i > 3 {
                break;
            }
            i += 1;
        }
        Yield::times(1).await;
        log::push("after the loop".to_owned());
        i
    }

    fn moved_in_a_while_without_await(n: u32) -> u32 {
        let x = D("x");
        let mut i = 0;
        while i < 5 {
            if i == n {
                drop(x);
                break;
            }
            i += 1;
        }
        Yield::times(1).await;
        log::push("after the loop".to_owned());
        i
    }

    fn moved_in_a_suspending_while(n: u32) -> u32 {
        let x = D("x");
        let mut i = 0;
        while i < 4 {
            Yield::times(1).await;
            if i == n {
                drop(x);
                break;
            }
            i += 1;
        }
        Yield::times(1).await;
        log::push("after the loop".to_owned());
        i
    }

    fn moved_in_a_for_without_await(n: u32) -> u32 {
        let x = D("x");
        let mut seen = 0;
        for i in 0..5 {
            seen += 1;
            if i == n {
                let _moved = x;
                break;
            }
        }
        Yield::times(1).await;
        log::push("after the loop".to_owned());
        seen
    }

    fn moved_in_an_if_let(v: Option<u32>) -> u32 {
        let x = D("x");
        let y = D("y");
        let n = if let Some(k) = v {
            drop(y);
            k
        } else if v.is_none() {
            drop(x);
            0
        } else {
            1
        };
        Yield::times(1).await;
        log::push("after the await".to_owned());
        n
    }

    fn moved_in_a_guarded_arm(k: u32) -> u32 {
        let x = D("x");
        match k {
            n if n % 2 == 0 => drop(x),
            _ => log::push("odd".to_owned()),
        }
        Probe::new("after", k).await;
        k
    }

    fn moved_in_a_block_tail(flag: bool) -> u32 {
        let x = D("x");
        let n = {
            let t = 3;
            if flag {
                drop(x);
                t
            } else {
                t + 1
            }
        };
        Yield::times(1).await;
        log::push("after the await".to_owned());
        n
    }

    // Must compile: splitting the `if` would move `v` while `first` borrows
    // it, so the macro leaves it unsplit, and `x` is dropped at the
    // `.await` on the path that kept it, before rustc drops it (README,
    // known limits: drop flags); see the test below.
    fn borrow_alive_after_a_conditional_move(flag: bool) -> usize {
        let x = D("x");
        let v = vec![1usize, 2, 3];
        let n = {
            let first = &v[0];
            if flag {
                drop(x);
            }
            *first
        };
        Yield::times(1).await;
        n + v.len()
    }

    // A local of a loop body that suspends, moved on one path before the
    // body's `.await` (found by tests/gen_random_bodies.py, seed 903).
    fn moved_in_a_suspending_loop_body(n: u32, k: u32) -> u32 {
        let mut i = 0;
        'l: loop {
            if i >= n {
                break 'l;
            }
            i += 1;
            let d = D("d");
            if k.is_multiple_of(2) {
                log::push("kept".to_owned());
            } else {
                drop(d);
            }
            Yield::times(1).await;
            log::push("after the await".to_owned());
        }
        k
    }

    fn flagged_value_in_a_loop(n: u32) -> u32 {
        let x = D("x");
        let mut total = 0;
        if n > 2 {
            Yield::times(1).await;
            drop(x);
        } else {
            Yield::times(1).await;
        }
        for i in 0..n {
            Yield::times(1).await;
            log::push(format!("iteration {i}"));
            total += i;
        }
        total
    }

    // Assigned again in another arm of the outer `match` only: the inner
    // join still keeps `d` with a flag (it dropped `d2` at the join before,
    // taking that assignment for one on its own path).
    fn reassigned_in_another_arm(k: u32) -> u32 {
        let mut d = D("d");
        match k % 3 {
            0 => match k % 2 {
                0 => {
                    drop(d);
                    Yield::times(1).await;
                    d = D("d2");
                    log::push(d.name().to_owned());
                }
                _ => drop(d),
            },
            _ => {
                drop(d);
                d = D("d3");
                log::push(d.name().to_owned());
            }
        }
        Yield::times(1).await;
        log::push("end".to_owned());
        k
    }

    // A local bound to the value of a loop whose condition names other
    // locals, moved in a branch that returns: the loop's value names no
    // local, so it borrows none, and the `if` is split for a flag as for
    // any other local. The local was dropped at the `.await` instead of
    // the end of its scope, on the path that kept it (found by
    // tests/gen_random_bodies.py, version 18 stream, seed 4342).
    fn loop_value_moved_in_a_returning_branch(k: u32) -> u32 {
        let mut i = 0;
        let d = loop {
            Yield::times(1).await;
            if i >= k {
                break D("d");
            }
            i += 1;
        };
        if k % 4 == 3 {
            drop(d);
            return 0;
        }
        log::push(format!("kept {}", d.name()));
        Yield::times(1).await;
        k
    }

    // The same with a `break` value that suspends, and in a `match`.
    fn loop_value_moved_in_a_returning_arm(k: u32) -> u32 {
        let mut i = 0;
        let d = loop {
            Yield::times(1).await;
            if i >= k {
                break yield_value(D("d"), 1).await;
            }
            i += 1;
        };
        match k % 4 {
            3 => {
                drop(d);
                return 0;
            }
            m => log::push(format!("arm {m}")),
        }
        log::push(format!("kept {}", d.name()));
        yield_value(k, 1).await
    }

    // The loop's value is a local it hands over (`break d`), which borrows
    // nothing itself (found by tests/gen_random_bodies.py, version 18
    // gen, seed 4364).
    fn loop_value_handed_over_then_moved(k: u32) -> u32 {
        let d = D("d");
        let mut i = 0;
        let e = loop {
            if i >= k {
                break d;
            }
            i += 1;
            Yield::times(1).await;
        };
        if k % 4 == 3 {
            drop(e);
            return 0;
        }
        log::push(format!("kept {}", e.name()));
        Yield::times(1).await;
        k
    }

    // Locals whose value names another local on the way but owns what it
    // holds (`to_string()`, `format!`, `clone()` of an owned local): no
    // borrowers, so the returning branch that moves them is split as for
    // any other local. They were dropped at the `.await`.
    fn owned_value_moved_in_a_returning_branch(k: u32) -> u32 {
        let s = String::from("s");
        let a = D(k.to_string());
        let b = D(format!("b{k}"));
        let c = D(s.clone());
        let t = (D(k.to_string()), [D(format!("t{k}"))]);
        if k % 4 == 3 {
            drop(a);
            drop(b);
            drop(c);
            drop(t);
            return 0;
        }
        log::push(format!("kept {} {} {} {s} {}", a.name(), b.name(), c.name(), t.1[0].name()));
        Yield::times(1).await;
        k
    }

    // Moved before a `break` out of a labeled block that suspends, and no
    // suspension point after the block: the block's exit is a join of its
    // own (a stage of the resume), which carries the local to the end of
    // its scope on the paths that kept it. It was dropped at the exit,
    // before the code after the block ran (found by
    // tests/gen_random_bodies.py, version 18 stream, seed 4333).
    fn moved_before_a_labeled_break(k: u32) -> u32 {
        let d = D("d");
        'b: {
            Yield::times(1).await;
            if k % 2 == 1 {
                drop(d);
                break 'b;
            }
            log::push("kept".to_owned());
        }
        log::push("after".to_owned());
        k
    }

    fn moved_by_a_labeled_break_value(k: u32) -> u32 {
        let d = D("d");
        let got = 'b: {
            Yield::times(1).await;
            if k % 2 == 1 {
                break 'b d;
            }
            D("other")
        };
        log::push(format!("got {}", got.name()));
        k
    }

    // The local's scope ends after the block, before the body's end.
    fn moved_before_a_labeled_break_in_a_scope(k: u32) -> u32 {
        {
            let d = D("d");
            'b: {
                Yield::times(1).await;
                if k % 2 == 1 {
                    drop(d);
                    break 'b;
                }
                log::push("kept".to_owned());
            }
            log::push("after".to_owned());
        }
        log::push("out".to_owned());
        k
    }

    // Two labeled blocks, each left with a move.
    fn moved_before_nested_labeled_breaks(k: u32) -> u32 {
        let d = D("d");
        let e = D("e");
        'outer: {
            'inner: {
                Yield::times(1).await;
                if k % 2 == 1 {
                    drop(d);
                    break 'outer;
                }
                if k % 3 == 1 {
                    drop(e);
                    break 'inner;
                }
            }
            log::push("between".to_owned());
        }
        log::push("after".to_owned());
        k
    }
}

#[test]
fn moved_in_one_branch() {
    for flag in [false, true] {
        check!(moved_in_one_branch(flag));
    }
}

#[test]
fn moved_in_some_match_arms() {
    for k in 0..3 {
        check!(moved_in_some_match_arms(k));
    }
}

#[test]
fn moved_into_an_awaitee_on_one_path() {
    for flag in [false, true] {
        check!(moved_into_an_awaitee_on_one_path(flag));
    }
}

#[test]
fn nested_conditional_moves() {
    for (a, b) in [(false, false), (true, false), (true, true)] {
        check!(nested_conditional_moves(a, b));
    }
}

#[test]
fn flagged_value_in_a_loop() {
    for n in [0, 2, 3] {
        check!(flagged_value_in_a_loop(n));
    }
}

#[test]
fn moved_in_a_branch_without_await() {
    for flag in [false, true] {
        check!(moved_in_a_branch_without_await(flag));
    }
}

#[test]
fn moved_in_a_match_arm_without_await() {
    for k in 0..3 {
        check!(moved_in_a_match_arm_without_await(k));
    }
}

#[test]
fn moved_into_a_vec_on_one_path() {
    for flag in [false, true] {
        check!(moved_into_a_vec_on_one_path(flag));
    }
}

#[test]
fn else_if_chain() {
    for k in 0..3 {
        check!(else_if_chain(k));
    }
}

#[test]
fn moved_with_break_in_a_loop() {
    for n in [0, 2] {
        check!(moved_with_break_in_a_loop(n));
    }
}

#[test]
fn moved_in_a_loop_without_await() {
    for n in [0, 3, 20] {
        check!(moved_in_a_loop_without_await(n));
    }
}

#[test]
fn moved_before_one_of_two_breaks() {
    for n in [0, 2, 9] {
        check!(moved_before_one_of_two_breaks(n));
    }
}

#[test]
fn moved_in_a_while_or_for_without_await() {
    for n in [0, 3, 9] {
        check!(moved_in_a_while_without_await(n));
        check!(moved_in_a_suspending_while(n));
        check!(moved_in_a_for_without_await(n));
    }
}

#[test]
fn moved_in_an_if_let() {
    for v in [None, Some(4)] {
        check!(moved_in_an_if_let(v));
    }
}

#[test]
fn moved_in_a_guarded_arm() {
    for k in [1, 2] {
        check!(moved_in_a_guarded_arm(k));
    }
}

#[test]
fn moved_in_a_block_tail() {
    for flag in [false, true] {
        check!(moved_in_a_block_tail(flag));
    }
}

#[test]
fn borrow_alive_after_a_conditional_move() {
    check!(borrow_alive_after_a_conditional_move(true));
    // The path that keeps `x`: the known difference, and only it. The
    // machine drops `x` at the suspension point (in the poll that returns
    // `Pending`); rustc's future drops it when dropped there, or at the end.
    let mut coro = coro_v::borrow_alive_after_a_conditional_move(false);
    let mut rustc = Box::pin(async_v::borrow_alive_after_a_conditional_move(false));
    log::take();
    assert!(poll(Pin::new(&mut coro)).is_pending());
    assert_eq!(log::take(), ["drop x"]);
    assert!(poll(rustc.as_mut()).is_pending());
    assert_eq!(log::take(), Vec::<String>::new());
    assert_eq!(poll(Pin::new(&mut coro)), Poll::Ready(4));
    assert_eq!(log::take(), Vec::<String>::new());
    assert_eq!(poll(rustc.as_mut()), Poll::Ready(4));
    assert_eq!(log::take(), ["drop x"]);
}

#[test]
fn moved_in_a_suspending_loop_body() {
    for (n, k) in [(0, 0), (2, 0), (2, 1)] {
        check!(moved_in_a_suspending_loop_body(n, k));
    }
}

#[test]
fn assigned_in_another_arm() {
    for k in 0..6 {
        check!(reassigned_in_another_arm(k));
    }
}

fn poll<F: Future + ?Sized>(fut: Pin<&mut F>) -> Poll<F::Output> {
    fut.poll(&mut Context::from_waker(Waker::noop()))
}

#[test]
fn moved_before_labeled_breaks() {
    for k in 0..6 {
        check!(moved_before_a_labeled_break(k));
        check!(moved_by_a_labeled_break_value(k));
        check!(moved_before_a_labeled_break_in_a_scope(k));
        check!(moved_before_nested_labeled_breaks(k));
    }
}

#[test]
fn loop_value_moved_in_a_returning_branch() {
    for k in 0..8 {
        check!(loop_value_moved_in_a_returning_branch(k));
        check!(loop_value_moved_in_a_returning_arm(k));
        check!(loop_value_handed_over_then_moved(k));
        check!(owned_value_moved_in_a_returning_branch(k));
    }
}
