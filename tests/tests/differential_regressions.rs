//! Bodies that once broke the macro, each run against `async fn`.
// `deferred_init` tests a late initialisation on purpose; the `match` of
// `shadowed_by_arm_of_plain_match` is the construct under test.
#![allow(clippy::needless_late_init, clippy::single_match)]
use coro_tests::*;

differential! {
    // Regression (found by the generator's version 16): `d14`, moved on one
    // branch of the `match` and kept on the other, was dropped at the end
    // of the keeping branch instead of the end of its scope, after the arm
    // binding's use. The arm binding may have borrowed a local, and one
    // named after the `match` kept the `if` that moves `d14` on a returning
    // path whole; but it was already stored in the frame at the `.await`.
    fn flagged_local_after_arm_binding(k: u32) -> u32 {
        match Some(D("a")) {
            Some(a) => {
                let d14 = D("d14");
                Yield::times(1).await;
                match k % 3 {
                    1 => {
                        if k == 7 {
                            drop(d14);
                            return k;
                        }
                        log::push(format!("kept {}", d14.name()));
                    }
                    _ => {
                        Yield::times(1).await;
                        drop(d14);
                    }
                }
                log::push(format!("use {}", a.name()));
            }
            None => {}
        }
        k
    }

    fn fetch(n: u32) -> Result<u32, String> {
        Yield::times(1).await;
        if n == 0 { Err("zero".to_string()) } else { Ok(n) }
    }

    // Regression: `x.await? as u64` / `x.await? + 1` as an unbraced match arm
    // made the macro panic ("expected an expression").
    fn await_question_in_operand(slow: bool, n: u32) -> Result<u64, String> {
        let bonus = match slow { false => 1, true => fetch(n).await? as u64 };
        let more = match slow { false => 1, true => fetch(n).await? + 1 };
        Ok(bonus + u64::from(more))
    }

    // Regression: `let x;` assigned only after a suspension point had no type
    // in the arm that declared it.
    fn deferred_init(n: u32) -> String {
        let label;
        let d = D("d");
        Yield::times(1).await;
        label = format!("{}-{n}", d.name());
        label
    }

    // Regression: a parameter named like an internal frame field.
    fn value_param(value: u32, ready: u32) -> u32 {
        Yield::times(1).await;
        value + ready
    }

    // Regression (found by tests/gen_random_bodies.py): a guard that
    // suspends, then a later arm that uses a parameter across its own
    // suspension point. The later arm was analysed as exclusive with the
    // guard, so `k` was not carried past the guard's `.await` and the
    // closure captured the function's parameter (E0373).
    fn guard_then_later_arm_awaits(k: u32) -> u32 {
        match k % 3 {
            m if yield_value(m, 1).await == 1 => 1,
            _ => yield_value(k, 1).await,
        }
    }

    // Regression: a name bound inside code that does not suspend (an inner
    // block's `let`, a closure's parameter) hid nothing from the analysis:
    // moving the inner `d` counted as a move of the outer one, which was
    // then dropped at the `.await` instead of at the end of the body.
    fn shadowed_in_plain_block() {
        let d = D("outer");
        log::push(d.name().to_owned());
        {
            let d = D("inner");
            drop(d);
        }
        Yield::times(1).await;
        log::push("end".to_owned());
    }

    fn shadowed_by_closure_param() {
        let d = D("outer");
        log::push(d.name().to_owned());
        let f = |d: D| drop(d);
        f(D("arg"));
        Yield::times(1).await;
        log::push("end".to_owned());
    }

    // Regression: a `match` without a suspension point, split for the drop
    // flag of `o` (moved on one arm), was rejected because its arm's `d`
    // hides the outer `d` that the jump to the join carries.
    fn shadowed_by_arm_of_plain_match(o: Option<D>) {
        let d = D("outer");
        log::push(d.name().to_owned());
        match o {
            Some(d) => drop(d),
            None => {}
        }
        Yield::times(1).await;
        log::push("end".to_owned());
    }

    // Regression: `d` is moved on some arms of the inner `match` (split for
    // its drop flag), and the pieces after that join received it as an
    // `Option`, including the suspension point of the outer `match`'s
    // other arm, which that join never reaches: its `Option` was only
    // ever `None` there, and rustc could not infer its type (E0282).
    fn drop_flag_kept_out_of_another_arm(k: u32) -> u32 {
        let d = D("d");
        log::push(format!("bound {}", d.name()));
        match k % 3 {
            0 => {
                match k % 2 {
                    1 => {}
                    _ => {
                        drop(d);
                    }
                }
            }
            1 => {
                drop(d);
                if k == 4 {
                    Yield::times(1).await;
                    return k;
                }
            }
            _ => {}
        }
        k
    }

    // Regression: a `let` shadowing `d` in one branch of an `if` that
    // suspends moved the outer `d` into a slot there; the other branch's
    // suspension point, later in the same piece of the body, took it from
    // that (empty) slot too and panicked on `Option::unwrap`.
    fn shadowed_in_one_branch_only(flag: bool) -> usize {
        let d = D("outer");
        if flag {
            let d = D("inner");
            Yield::times(1).await;
            drop(d);
        } else {
            Yield::times(1).await;
        }
        Yield::times(1).await;
        d.name().len()
    }

    // Regression (silent): a local moved, then assigned again after a
    // suspension point, was declared again after the locals the piece of
    // the body received, so it dropped before them instead of after them
    // (in declaration order, as rustc does).
    fn reassigned_after_a_move_drops_in_declaration_order(k: u32) -> u32 {
        let mut a = D("a");
        let _b = D("b");
        drop(a);
        a = yield_value(D("a2"), 1).await;
        k + a.name().len() as u32
    }

    // Regression: a pattern hiding a local that was moved and assigned
    // again after a suspension point, with a guard: the stash slot of the
    // re-declared local was never declared (E0425 `__coro_slot_1`).
    fn guard_hides_a_reassigned_local(k: u32) -> u32 {
        let mut d1 = D("d1");
        drop(d1);
        Yield::times(1).await;
        d1 = D("d1_37");
        match (!k.is_multiple_of(3)).then(|| D("d38")) {
            Some(d1) if d1.name().len() > 3 && k.is_multiple_of(2) => { Yield::times(1).await; }
            _ => {}
        }
        log::push(format!("outer {}", d1.name()));
        k
    }

    // Regression: the same for a `let x;` assigned later in its first piece.
    fn guard_hides_a_late_initialised_local(k: u32) -> u32 {
        let d1;
        d1 = D("x");
        match (!k.is_multiple_of(3)).then(|| D("d38")) {
            Some(d1) if d1.name().len() > 3 && k.is_multiple_of(2) => { Yield::times(1).await; }
            Some(d1) => { Yield::times(1).await; log::push(d1.name().to_owned()); }
            _ => {}
        }
        log::push(format!("outer {}", d1.name()));
        k
    }

    // Regression: a block whose `let` hides a local, with a suspension
    // point inside, then the local named again after the block: the piece
    // of the body that started inside the block had it under another name
    // (E0425). Such a block now ends in a piece of its own.
    fn block_hides_a_reassigned_local(k: u32) -> u32 {
        let mut d1 = D("d1");
        drop(d1);
        Yield::times(1).await;
        d1 = D("d1_2");
        {
            let d1 = D("shadow");
            Yield::times(1).await;
            log::push(d1.name().to_owned());
        }
        log::push(format!("outer {}", d1.name()));
        k
    }

    fn late_initialised_then_shadowed(k: u32) -> u32 {
        let d1;
        Yield::times(1).await;
        d1 = D("late");
        log::push(d1.name().to_owned());
        let d1 = D("shadow");
        Yield::times(1).await;
        log::push(d1.name().to_owned());
        k
    }

    fn block_hides_a_local_suspending_on_one_path(k: u32) -> u32 {
        let d1 = D("d1");
        Yield::times(1).await;
        {
            let d1 = D("shadow");
            if k.is_multiple_of(2) { Yield::times(1).await; }
            log::push(d1.name().to_owned());
        }
        log::push(format!("outer {}", d1.name()));
        k
    }

    fn block_value_hides_a_local(k: u32) -> u32 {
        let d1 = D("d1");
        let e = D("e");
        let v = {
            let d1 = D("shadow");
            Yield::times(1).await;
            d1.name().len() as u32
        };
        Yield::times(1).await;
        log::push(format!("outer {} {}", d1.name(), e.name()));
        k + v
    }

    fn block_hides_a_local_first_piece(k: u32) -> u32 {
        let d1 = D("d1");
        {
            let d1 = D("shadow");
            if k.is_multiple_of(2) { Yield::times(1).await; }
            log::push(d1.name().to_owned());
        }
        log::push(format!("outer {}", d1.name()));
        k
    }

    // A suspending guard's `match` keeps its scrutinee in a hidden local,
    // which was named `__coro_s<N>`, as are the values a transition puts
    // in `Slot`s: with more than eight locals at a suspension point (two
    // batches of slots), the second batch took the first batch's slot for
    // the scrutinee (E0308, found by gen_random_bodies.py version 17, seed
    // 4110, once a kept temporary added a ninth local).
    fn guard_scrutinee_among_many_locals(k: u32) -> u32 {
        match k % 3 {
            m if yield_value(m, 1).await == 1 => {}
            _ => {
                let (a, b, c, d) = (D("a"), D("b"), D("c"), D("d"));
                let mut v = vec![D("e"), D("f")];
                let (g, h, i) = (D("g"), D("h"), k);
                while let Some(x) = v.pop() {
                    Yield::times(1).await;
                    log::push(format!("{} {}", x.name(), i));
                }
                log::push(format!("{}{}{}{}{}{}", a.name(), b.name(), c.name(), d.name(), g.name(), h.name()));
            }
        }
        k
    }
}

#[test]
fn await_question_in_operand() {
    for (slow, n) in [(false, 4), (true, 4), (true, 0)] {
        check!(await_question_in_operand(slow, n));
    }
}

#[test]
fn deferred_init() {
    check!(deferred_init(3));
}

#[test]
fn value_param() {
    check!(value_param(1, 2));
}

#[test]
fn guard_then_later_arm_awaits() {
    for k in 0..3 {
        check!(guard_then_later_arm_awaits(k));
    }
}

#[test]
fn shadowing_inside_code_that_does_not_suspend() {
    check!(shadowed_in_plain_block());
    check!(shadowed_by_closure_param());
    check!(shadowed_by_arm_of_plain_match(Some(D("some"))));
    check!(shadowed_by_arm_of_plain_match(None));
    check!(shadowed_in_one_branch_only(true));
    check!(shadowed_in_one_branch_only(false));
}

#[test]
fn drop_flags_stay_on_their_paths() {
    for k in 0..6 {
        check!(drop_flag_kept_out_of_another_arm(k));
    }
}

#[test]
fn reassigned_locals_keep_their_place_in_the_drop_order() {
    for k in 0..3 {
        check!(reassigned_after_a_move_drops_in_declaration_order(k));
    }
}

#[test]
fn flagged_local_after_arm_binding() {
    for k in [0, 1, 2, 4, 7] {
        check!(flagged_local_after_arm_binding(k));
    }
}

#[test]
fn hidden_locals_named_again() {
    for k in 0..4 {
        check!(guard_hides_a_reassigned_local(k));
        check!(guard_hides_a_late_initialised_local(k));
        check!(block_hides_a_reassigned_local(k));
        check!(late_initialised_then_shadowed(k));
        check!(block_hides_a_local_suspending_on_one_path(k));
        check!(block_value_hides_a_local(k));
        check!(block_hides_a_local_first_piece(k));
    }
}

#[test]
fn guard_scrutinee_among_many_locals() {
    for k in 0..3 {
        check!(guard_scrutinee_among_many_locals(k));
    }
}
