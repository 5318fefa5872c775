//! Differential tests: drop-flagged locals of a type without a niche. A
//! local moved on some paths to a suspension point only is held by one of
//! the point's frame variants and absent from another (`Await0`,
//! `Await0WithoutW`), so the frame's tag is its drop flag. In an `Option` it
//! would cost its alignment in bytes (an `Option<W>` is 16 bytes where
//! rustc needs 8 and a flag byte), which the size comparison of `check`
//! would catch. Up to three such locals split a point; a fourth stays an
//! `Option`.
use coro_tests::*;

/// Logs `drop w<n>`; a `u64` has no niche, so `Option<W>` is 16 bytes.
pub struct W(pub u64);

impl Drop for W {
    fn drop(&mut self) {
        log::push(format!("drop w{}", self.0));
    }
}

fn consume(w: W) -> u32 {
    w.0 as u32
}

differential! {
    // Moved on one path of an `if` without a suspension point: the store
    // at the `.await` does not know which, and picks the variant at run
    // time.
    fn moved_on_one_path(k: u32) -> u32 {
        let w = W(1);
        let x = if k > 1 { consume(w) } else { 0 };
        let y = yield_value(x, 1).await;
        Yield::times(1).await;
        y + k
    }

    // Moved in a branch that suspends: each store knows which variant.
    fn moved_in_a_suspending_branch(k: u32) -> u32 {
        let w = W(2);
        let x = if k.is_multiple_of(2) {
            Yield::times(1).await;
            consume(w)
        } else {
            Yield::times(2).await;
            5
        };
        yield_value(x, 1).await
    }

    // Two, three and four flagged locals: 4 and 8 variants per point, then
    // the fourth local as an `Option`.
    fn two_flagged(k: u32) -> u32 {
        let a = W(10);
        let b = W(11);
        let mut n = 0;
        if k & 1 == 1 { n += consume(a); }
        if k & 2 == 2 { n += consume(b); }
        Yield::times(1).await;
        n + yield_value(k, 1).await
    }

    fn three_flagged(k: u32) -> u32 {
        let a = W(20);
        let b = W(21);
        let c = W(22);
        let mut n = 0;
        if k & 1 == 1 { n += consume(a); }
        if k & 2 == 2 { n += consume(b); }
        if k & 4 == 4 { n += consume(c); }
        Yield::times(1).await;
        n + yield_value(k, 2).await
    }

    fn four_flagged(k: u32) -> u32 {
        let a = W(30);
        let b = W(31);
        let c = W(32);
        let d = W(33);
        let mut n = 0;
        if k & 1 == 1 { n += consume(a); }
        if k & 2 == 2 { n += consume(b); }
        if k & 4 == 4 { n += consume(c); }
        if k & 8 == 8 { n += consume(d); }
        Yield::times(1).await;
        n + yield_value(k, 1).await
    }

    // A flagged local moved after the first suspension point: the later
    // point holds it on no path, the earlier on the paths that kept it.
    fn moved_between_points(k: u32) -> u32 {
        let w = W(40);
        let keep = W(41);
        let x = if k > 0 { consume(w) } else { 1 };
        Yield::times(1).await;
        let y = consume(keep);
        yield_value(x + y, 1).await
    }

    // In a loop: flagged anew on each pass, dropped at the end of each.
    fn flagged_in_a_loop(k: u32) -> u32 {
        let mut total = 0;
        for i in 0..3u32 {
            let w = W(50 + u64::from(i));
            if (k + i).is_multiple_of(2) { total += consume(w); }
            total += yield_value(i, 1).await;
        }
        total
    }

    // Mixed with a plain local and a drop-flagged local of a type with a
    // niche (a `D`), in drop order.
    fn mixed_with_plain_locals(k: u32) -> u32 {
        let first = D("first");
        let w = W(60);
        let named = D("named");
        let x = if k == 1 { consume(w) } else if k == 2 { drop(named); 2 } else { 3 };
        let last = D("last");
        Yield::times(1).await;
        x + first.name().len() as u32 + last.name().len() as u32
    }

    // Moved on one path, then returned early on another: every exit drops
    // what the frame holds, once.
    fn early_return_with_flag(k: u32) -> u32 {
        let w = W(70);
        let x = if k == 0 { consume(w) } else { 9 };
        Yield::times(1).await;
        if k == 2 {
            return x;
        }
        yield_value(x, 1).await + 1
    }
}

#[test]
fn moved_on_one_path() {
    for k in 0..3 {
        check!(moved_on_one_path(k));
    }
}

#[test]
fn moved_in_a_suspending_branch() {
    for k in 0..2 {
        check!(moved_in_a_suspending_branch(k));
    }
}

#[test]
fn several_flagged_locals() {
    for k in 0..4 {
        check!(two_flagged(k));
    }
    for k in 0..8 {
        check!(three_flagged(k));
    }
    for k in 0..16 {
        check!(four_flagged(k));
    }
}

#[test]
fn moved_between_points() {
    for k in 0..2 {
        check!(moved_between_points(k));
    }
}

#[test]
fn flagged_in_a_loop() {
    for k in 0..2 {
        check!(flagged_in_a_loop(k));
    }
}

#[test]
fn mixed_with_plain_locals() {
    for k in 0..4 {
        check!(mixed_with_plain_locals(k));
    }
}

#[test]
fn early_return_with_flag() {
    for k in 0..3 {
        check!(early_return_with_flag(k));
    }
}

/// The split shows in the frame's variants: `Await0` holds `w`,
/// `Await0WithoutW` does not, and both report the same resume point.
#[test]
fn split_variants_report_one_resume_point() {
    use coro_runtime::{MachineState, Trace};
    let mut names = Vec::new();
    for k in 0..3 {
        let mut m = coro_v::moved_on_one_path(k);
        let waker = std::task::Waker::noop();
        let mut cx = std::task::Context::from_waker(waker);
        assert!(std::pin::Pin::new(&mut m).poll(&mut cx).is_pending());
        match m.state() {
            MachineState::Suspended(point) => names.push(point.label),
            other => panic!("k = {k}: expected a suspended machine, got {other:?}"),
        }
    }
    assert_eq!(names, ["Await0", "Await0", "Await0"]);
}

mod control_flow {
    use super::*;

    fn half(k: u32) -> Result<u32, String> {
        if k > 100 {
            Err(format!("{k} too big"))
        } else {
            Ok(k / 2)
        }
    }

    differential! {
        // A flagged local across a `?` that may leave: the frame variant
        // decides what the early exit drops.
        fn flagged_across_question(k: u32) -> Result<u32, String> {
            let w = W(80);
            let x = if k.is_multiple_of(3) { consume(w) } else { 1 };
            let h = half(yield_value(k, 1).await)?;
            Yield::times(1).await;
            Ok(x + h)
        }

        // In a loop with `break` carrying a value and a `continue`, the
        // local declared before the loop and moved in one pass.
        fn flagged_before_loop_moved_inside(k: u32) -> u32 {
            let w = W(90);
            let mut w = Some(w);
            let mut n = 0;
            let found = loop {
                n += yield_value(1, 1).await;
                if n == 2 && k > 0 {
                    if let Some(w) = w.take() { n += consume(w); }
                    continue;
                }
                if n > 3 { break n * 10; }
            };
            found + w.map_or(0, |w| w.0 as u32)
        }

        // A labeled block left early on one path, a match with a guard.
        fn flagged_in_labeled_block(k: u32) -> u32 {
            let a = W(100);
            let b = W(101);
            let r = 'done: {
                if k == 0 { break 'done consume(a); }
                match k {
                    n if n > 2 => { drop(b); Yield::times(1).await; n }
                    n => { Yield::times(1).await; n + 1 }
                }
            };
            r + ready(1).await
        }

        // Moved in a branch that returns (no flag needed: every path that
        // goes on holds it), then an `.await`: dropped at the end, after
        // `b`, as rustc drops it (it was dropped at the `.await` before
        // session 13).
        fn moved_in_returning_branch(k: u32) -> u32 {
            let a = W(130);
            let b = W(131);
            if k == 0 { return consume(a); }
            Yield::times(1).await;
            k + b.0 as u32
        }

        // The same with a `match` arm that returns, and one that panics
        // never taken.
        fn moved_in_returning_arm(k: u32) -> u32 {
            let a = W(140);
            let b = W(141);
            match k {
                0 => return consume(a),
                5 => panic!("never"),
                _ => {}
            }
            Yield::times(1).await;
            k + b.0 as u32
        }

        // A labeled block statement (not a value) left early with a move.
        fn moved_before_break_of_labeled_statement(k: u32) -> u32 {
            let a = W(150);
            let b = W(151);
            let mut n = 0;
            'work: {
                if k == 0 { n = consume(a); break 'work; }
                Yield::times(1).await;
                n += 1;
            }
            n + ready(b.0 as u32).await
        }

        // A labeled block without a suspension point, left early with a
        // move: split for the flag.
        fn moved_before_break_of_plain_labeled_block(k: u32) -> u32 {
            let a = W(160);
            let b = W(161);
            let mut n = 1;
            'plain: {
                if k == 0 { n = consume(a); break 'plain; }
                n += 1;
            }
            n + ready(b.0 as u32).await
        }

        // The same with a value that borrows a local: not split (the value
        // would go through the join), so it compiles; `a` is dropped at the
        // `.await` on the path that kept it (README, drop flags).
        fn labeled_block_value_borrowing(k: u32) -> usize {
            let s = String::from("borrowed");
            let a = D("a");
            let len = 'value: {
                if k == 0 { drop(a); break 'value s.as_str().len(); }
                s.len() + 1
            };
            ready(len).await
        }

        // In a loop body: the move on the early path of one pass does not
        // precede the next pass's points, which have a new `w` (found by
        // the random bodies, version 12).
        fn moved_before_break_in_loop_body(k: u32) -> u32 {
            let mut total = 0;
            for i in 0..3u32 {
                let w = W(170 + u64::from(i));
                'pass: {
                    if (k + i).is_multiple_of(2) { total += consume(w); break 'pass; }
                    total += yield_value(i, 1).await;
                }
                Yield::times(1).await;
            }
            total
        }

        // A move right before a `break` in an `if` the macro leaves as it
        // is (no suspension point in it): the jump must not carry `d`,
        // which the move took (E0382 before session 14). `n` is read after
        // the block, so the `if` is not split.
        fn moved_before_break_in_verbatim_if(k: u32) -> usize {
            let v = vec![1u8, 2, 3];
            let n = v.len();
            let d = W(180);
            'b: {
                if k == 0 { drop(d); break 'b; }
                ready(1).await;
            }
            n + ready(2).await as usize
        }

        // The same with the move in the `break`'s value.
        fn moved_in_break_value_in_verbatim_if(k: u32) -> u32 {
            let d = W(181);
            let e = W(182);
            let r = 'b: {
                if k == 0 { break 'b consume(d); }
                ready(1).await
            };
            r + ready(e.0 as u32).await
        }

        // A labeled block as an arm's tail, its value `()`: the `if` in it
        // is split (it was not, the block's value taken to borrow `k`, and
        // `d` was dropped at the loop's `.await`; random v12 seed 1972).
        fn labeled_block_as_arm_tail(n: u32, k: u32) -> u32 {
            match (k % 3 != 2).then(|| W(190)) {
                Some(_x) => {
                    let d = W(191);
                    'b: {
                        if k.is_multiple_of(2) { drop(d); break 'b; }
                        let mut i = 0u32;
                        'l: loop {
                            if i >= n { break 'l; }
                            i += 1;
                            let _e = W(192);
                            Yield::times(1).await;
                        }
                    }
                }
                None => log::push("none".to_owned()),
            }
            n + k
        }

        // Moved in a branch that returns, then moved again before a
        // `break` out of a labeled block: named after the first `if`, it
        // was not split there, and the analysis took its move for one on
        // the path that goes on: `a` was dropped before the block (random
        // v12 seed 2002).
        fn moved_in_returning_branch_then_before_break(k: u32) -> u32 {
            let a = W(200);
            if k == 1 { drop(a); return k; }
            'b: {
                if k.is_multiple_of(2) { drop(a); break 'b; }
                Yield::times(1).await;
                log::push("in".to_owned());
            }
            log::push("end".to_owned());
            k
        }

        // The same with a loop in the block.
        fn moved_in_returning_branch_then_loop(n: u32, k: u32) -> u32 {
            let a = W(201);
            Yield::times(1).await;
            if k == 1 { drop(a); return k; }
            'b: {
                if k.is_multiple_of(2) { drop(a); break 'b; }
                let mut c = 0;
                loop {
                    c += 1;
                    if c > n { break; }
                    Yield::times(1).await;
                }
                log::push("in".to_owned());
            }
            log::push("end".to_owned());
            n + k
        }

        // Nested: the awaited machine itself has a flagged local.
        fn inner_flagged(k: u32) -> u32 {
            let w = W(110);
            let x = if k > 0 { consume(w) } else { 2 };
            yield_value(x, 1).await
        }
        fn outer_of_flagged(k: u32) -> u32 {
            let w = W(120);
            let y = if k > 1 { consume(w) } else { 3 };
            inner_flagged(k).await + y
        }

        // Generic over the flagged value's type.
        fn generic_flagged<T: Into<u64>>(v: T, k: u32) -> u64 {
            let x = if k > 0 { v.into() } else { 7 };
            Yield::times(1).await;
            x + u64::from(ready(k).await)
        }

        // A local of a suspending loop's body, moved on one path, whose
        // scope ends before any suspension point: no split (no flag), the
        // arm's own code drops it at the end of the body or at the `break`.
        fn loop_local_moved_on_one_path(n: u32, k: u32) -> u32 {
            let mut seen = Vec::new();
            let mut total = 0;
            for i in 0..n {
                let v = W(u64::from(yield_value(i, 1).await) + 300);
                if (i + k).is_multiple_of(2) {
                    seen.push(v);
                }
                total += i;
                if total > k + 2 {
                    break;
                }
            }
            Yield::times(1).await;
            total + seen.len() as u32
        }

        // The same in a block that ends before the next suspension point.
        fn block_local_moved_on_one_path(k: u32) -> u32 {
            let w = W(310);
            Yield::times(1).await;
            let n = {
                let v = W(311);
                let n = if k.is_multiple_of(2) { consume(v) } else { 1 };
                n + 1
            };
            Yield::times(1).await;
            drop(w);
            n
        }

        // `b`'s `if` is split (an `.await` follows in `b`'s scope); its
        // join carries `a`, so `a`'s `if` needs its flag too although no
        // suspension point follows in `a`'s scope.
        fn join_for_another_local(k: u32) -> u32 {
            let b = W(320);
            {
                let a = W(321);
                if k & 1 == 1 {
                    drop(a);
                }
                if k & 2 == 2 {
                    drop(b);
                }
                log::push("inner end".to_owned());
            }
            Yield::times(1).await;
            k
        }
    }

    #[test]
    fn locals_whose_scope_ends_first() {
        for (n, k) in [(0, 0), (1, 0), (3, 0), (3, 1), (5, 4), (6, 9)] {
            check!(loop_local_moved_on_one_path(n, k));
        }
        for k in 0..4 {
            check!(block_local_moved_on_one_path(k));
            check!(join_for_another_local(k));
        }
    }

    #[test]
    fn flagged_across_question() {
        for k in [0, 1, 3, 201, 202] {
            check!(flagged_across_question(k));
        }
    }

    #[test]
    fn flagged_before_loop_moved_inside() {
        for k in 0..2 {
            check!(flagged_before_loop_moved_inside(k));
        }
    }

    #[test]
    fn labeled_block_as_arm_tail() {
        for (n, k) in [(0, 0), (2, 1), (3, 2), (1, 5), (2, 4)] {
            check!(labeled_block_as_arm_tail(n, k));
        }
    }

    #[test]
    fn moved_in_returning_branch_then_again() {
        for (n, k) in [(0, 0), (2, 1), (3, 2), (1, 5), (2, 4)] {
            check!(moved_in_returning_branch_then_before_break(k));
            check!(moved_in_returning_branch_then_loop(n, k));
        }
    }

    #[test]
    fn flagged_in_labeled_block() {
        for k in 0..4 {
            check!(flagged_in_labeled_block(k));
        }
    }

    #[test]
    fn moved_in_returning_branches() {
        for k in 0..2 {
            check!(moved_in_returning_branch(k));
            check!(moved_in_returning_arm(k));
            check!(moved_before_break_of_labeled_statement(k));
            check!(moved_before_break_of_plain_labeled_block(k));
            check!(moved_before_break_in_loop_body(k));
            check!(moved_before_break_in_verbatim_if(k));
            check!(moved_in_break_value_in_verbatim_if(k));
        }
    }

    /// Compiles; the drop of `a` on the path that kept it comes early (at
    /// the `.await`), a known limit: only output and polls are compared.
    #[test]
    fn labeled_block_value_borrowing_compiles() {
        for k in 0..2 {
            assert_eq!(
                run(coro_v::labeled_block_value_borrowing(k)),
                run(async_v::labeled_block_value_borrowing(k))
            );
        }
    }

    #[test]
    fn nested_flagged() {
        for k in 0..3 {
            check!(outer_of_flagged(k));
        }
    }

    #[test]
    fn generic_flagged() {
        for k in 0..2 {
            check!(generic_flagged(5u32, k));
            check!(generic_flagged(true, k));
        }
    }
}
