//! Differential tests: `match`, `if let` and `while let` whose scrutinee is
//! a borrow (`&local`, `&x.await`, `&make()`) and whose arms suspend. The
//! bindings are references (or copies): they need no slot of the frame
//! once dead, and the borrowed temporary lives as long as rustc keeps it.
//! Also scrutinees that are values, matched by arms without bindings: the
//! value lives through the arm, as rustc keeps the temporary.
// The `match`es with one or two arms, `if let Some(_)`, and a block as a
// scrutinee are the construct under test.
#![allow(
    clippy::blocks_in_conditions,
    clippy::match_single_binding,
    clippy::single_match,
    clippy::redundant_pattern_matching
)]

use coro_tests::*;

struct Pair(D, D);

fn make(name: &'static str) -> D {
    D(name)
}

differential! {
    fn match_ref_local_binding_dead_after_await() -> usize {
        let s = D("s");
        match &s {
            v => {
                let n = v.name().len();
                Yield::times(1).await;
                n
            }
        }
    }

    fn match_ref_local_fields_dead_after_await() -> usize {
        let p = Pair(D("a"), D("bb"));
        let n = match &p {
            Pair(a, b) if a.name().len() > 1 => {
                let n = b.name().len();
                Yield::times(1).await;
                n
            }
            Pair(a, b) => {
                let n = a.name().len() + b.name().len();
                ready(()).await;
                n
            }
        };
        Yield::times(1).await;
        n
    }

    fn if_let_ref_local_dead_after_await() -> usize {
        let o = Some(D("some"));
        if let Some(d) = &o {
            let n = d.name().len();
            Yield::times(1).await;
            n
        } else {
            0
        }
    }

    fn match_ref_await_binding_dead_after_await() -> usize {
        let before = D("before");
        let n = match &yield_value(D("awaited"), 1).await {
            v => {
                let n = v.name().len();
                let _inner = D("inner");
                Yield::times(1).await;
                n
            }
        };
        drop(before);
        n
    }

    fn match_ref_await_field_arms() -> usize {
        match &yield_value(Pair(D("x"), D("yy")), 1).await.1 {
            d if d.name().len() > 5 => 0,
            d => {
                let n = d.name().len();
                Yield::times(2).await;
                let _after = D("after");
                n
            }
        }
    }

    fn match_ref_await_as_statement() {
        match &ready(Some(D("opt"))).await {
            Some(d) => {
                let _n = d.name().len();
                Yield::times(1).await;
            }
            None => {}
        }
        let _last = D("last");
        Yield::times(1).await;
    }

    fn if_let_ref_await_then_branch() -> usize {
        let _outer = D("outer");
        if let Some(d) = &yield_value(Some(D("then")), 1).await {
            let n = d.name().len();
            Yield::times(1).await;
            n
        } else {
            Yield::times(1).await;
            0
        }
    }

    fn if_let_ref_await_else_branch() -> usize {
        let _outer = D("outer");
        if let Some(d) = &yield_value(None::<D>, 1).await {
            d.name().len()
        } else {
            let _e = D("else");
            Yield::times(1).await;
            0
        }
    }

    fn if_let_ref_await_field_else_drops_first(some: bool) -> usize {
        let _outer = D("outer");
        let value = (D("tmp"), some.then_some(D("inner")));
        if let Some(d) = &yield_value(value, 1).await.1 {
            let n = d.name().len();
            Yield::times(1).await;
            n
        } else {
            let _e = D("else");
            Yield::times(1).await;
            0
        }
    }

    fn if_let_ref_await_only_condition_suspends(some: bool) -> usize {
        let value = (D("tmp"), some.then_some(D("inner")));
        let n = if let Some(d) = &yield_value(value, 1).await.1 {
            d.name().len()
        } else {
            let _e = D("else");
            0
        };
        Yield::times(1).await;
        n
    }

    fn if_let_ref_call_else_drops_first(some: bool) -> usize {
        if let (_, Some(d)) = &(D("tmp"), some.then_some(D("inner"))) {
            let n = d.name().len();
            Yield::times(1).await;
            n
        } else {
            let _e = D("else");
            Yield::times(1).await;
            0
        }
    }

    fn if_let_method_chain_else_drops_first(name: &'static str) -> usize {
        if let Some(c) = make(name).name().chars().next() {
            let _then = D("then");
            Yield::times(1).await;
            c as usize
        } else {
            let _e = D("else");
            Yield::times(1).await;
            0
        }
    }

    fn suspending_guard_on_borrowed_local(n: usize) -> usize {
        let d = D("local");
        match &d {
            r if yield_value(r.name().len(), 1).await > n => {
                Yield::times(1).await;
                1
            }
            r => {
                let k = r.name().len();
                Yield::times(1).await;
                k
            }
        }
    }

    fn suspending_guard_on_borrowed_await(n: usize) -> usize {
        match &yield_value(D("awaited"), 1).await {
            r if yield_value(r.name().len(), 1).await > n => {
                log::push("guarded".to_owned());
                Yield::times(1).await;
                1
            }
            r => {
                let k = r.name().len();
                Yield::times(1).await;
                k
            }
        }
    }

    fn suspending_guard_on_a_field_of_a_borrowed_await(n: usize) -> usize {
        match &yield_value((D("a"), D("field")), 1).await.1 {
            r if yield_value(r.name().len(), 1).await > n => {
                log::push("long".to_owned());
                1
            }
            r => {
                log::push(format!("short {}", r.name()));
                Yield::times(1).await;
                0
            }
        }
    }

    fn match_ref_call_binding_dead() -> usize {
        match &make("made") {
            d => {
                let n = d.name().len();
                Yield::times(1).await;
                n
            }
        }
    }

    fn while_let_ref_await() -> usize {
        let mut total = 0;
        let mut left = 3;
        while let Some(d) = &yield_value(if left > 0 { Some(D("it")) } else { None }, 1).await {
            total += d.name().len();
            left -= 1;
            Yield::times(1).await;
        }
        total
    }

    fn while_let_ref_method_call_on_local() -> usize {
        let mut queue = vec![D("a"), D("bb"), D("ccc")];
        let mut total = 0;
        while let Some(d) = &queue.pop() {
            total += d.name().len();
            Yield::times(1).await;
            let _step = D("step");
        }
        total
    }

    fn match_ref_constant_held_across_await() -> i32 {
        let _d = D("d");
        match &(3, -4) {
            (a, b) if *a > 5 => *b,
            (a, _) => {
                Yield::times(1).await;
                *a
            }
        }
    }

    fn match_ref_tuple_struct_temporary() -> usize {
        match &D("guard") {
            d if d.name().is_empty() => 0,
            d => {
                let n = d.name().len();
                Yield::times(1).await;
                log::push("after".to_owned());
                n
            }
        }
    }

    fn guard_names_the_arm_binding_not_the_outer_one() {
        if let Some(r) = &yield_value(Some(D("outer")), 1).await {
            log::push(format!("some {}", r.name()));
            match &yield_value(D("inner"), 1).await {
                r if r.name().len() > 5 => {
                    log::push(format!("long {}", r.name()));
                }
                r => {
                    log::push(format!("short {}", r.name()));
                    Yield::times(1).await;
                }
            }
        }
    }

    fn if_let_condition_only_suspends_inside_arm() {
        match &yield_value(D("outer"), 1).await {
            r => {
                log::push(format!("outer {}", r.name()));
                Yield::times(1).await;
                if let Some(r) = &yield_value(Some(D("inner")), 1).await {
                    log::push(format!("inner {}", r.name()));
                } else {
                    log::push("none".to_owned());
                }
                Yield::times(1).await;
            }
        }
    }

    fn match_ref_method_result_field() -> usize {
        let made = make("made");
        match &made.name().to_owned().len() {
            n if *n > 10 => 0,
            n => {
                let k = *n;
                Yield::times(1).await;
                k
            }
        }
    }

    // A scrutinee that is a value, matched by an arm without bindings that
    // suspends: rustc keeps the temporary to the end of the statement (of
    // an `if let`'s block, of a `while let`'s pass), not to the suspension
    // point.
    fn value_scrutinee_wildcard_arm(k: u32) {
        match (D("a"), D("b")) {
            (x, _) if k == 0 => drop(x),
            _ => {
                Yield::times(1).await;
                log::push("arm".to_owned());
            }
        }
        log::push("after".to_owned());
    }

    fn value_scrutinee_some_wildcard(k: u32) -> u32 {
        let v = match (k > 0).then(|| D("a")) {
            Some(_) => {
                Yield::times(1).await;
                log::push("arm".to_owned());
                1
            }
            None => 0,
        };
        log::push("after".to_owned());
        v
    }

    fn value_scrutinee_if_let(k: u32) {
        if let Some(_) = (k > 0).then(|| D("a")) {
            Yield::times(1).await;
            log::push("then".to_owned());
        } else {
            Yield::times(1).await;
            log::push("else".to_owned());
        }
        log::push("after".to_owned());
    }

    fn value_scrutinee_while_let(k: u32) {
        let mut n = k;
        while let Some(_) = (n > 0).then(|| D("w")) {
            Yield::times(1).await;
            n -= 1;
            log::push("body".to_owned());
        }
        log::push("after".to_owned());
    }

    fn awaited_scrutinee_wildcard_arm(k: u32) {
        match yield_value((k > 0).then(|| D("a")), 1).await {
            Some(_) => {
                Yield::times(1).await;
                log::push("some".to_owned());
            }
            None => log::push("none".to_owned()),
        }
        log::push("after".to_owned());
    }

    fn taken_value_wildcard_arm(k: u32) -> u32 {
        // `take()` names `slot`: the value may borrow it as far as the
        // macro can tell, and is kept through `Keep`.
        let mut slot = (k > 0).then(|| D("slot"));
        match slot.take() {
            Some(_) => {
                Yield::times(1).await;
                log::push("took".to_owned());
            }
            None => {}
        }
        log::push("after".to_owned());
        drop(slot);
        k
    }

    fn borrowing_copy_value_wildcard_arm(k: u32) -> u32 {
        let s = String::from("a,b");
        match s.split_once(',') {
            Some(_) => {
                Yield::times(1).await;
                log::push("split".to_owned());
            }
            None => {}
        }
        log::push(s);
        k
    }

    fn value_scrutinee_as_tail(k: u32) {
        let _d = D("local");
        match (k > 0).then(|| D("a")) {
            Some(_) => {
                Yield::times(1).await;
                log::push("some".to_owned());
            }
            None => {}
        }
    }

    // Next to an arm that binds, a value that may borrow a local stays a
    // temporary: kept as a local it would be moved on some paths, and the
    // frame would hold the `Option<&usize>` next to the map it borrows.
    fn mixed_arms_on_a_map_lookup(k: u32) -> usize {
        let mut map = std::collections::HashMap::new();
        map.insert(1u32, 10usize);
        let found = match map.get(&k) {
            Some(n) => *n,
            None => {
                Yield::times(1).await;
                0
            }
        };
        Yield::times(1).await;
        found + map.len()
    }

    fn mixed_arms_on_a_taken_value(k: u32) -> usize {
        let mut slot = (k > 0).then(|| D("slot"));
        let n = match slot.take() {
            Some(d) => {
                Yield::times(1).await;
                d.name().len()
            }
            None => {
                Yield::times(1).await;
                0
            }
        };
        drop(slot);
        n
    }

    fn value_scrutinee_suspending_guard(k: u32) {
        match (k > 0).then(|| D("a")) {
            Some(_) if yield_value(k, 1).await > 1 => {
                Yield::times(1).await;
                log::push("big".to_owned());
            }
            None if yield_value(k, 1).await == 0 => log::push("zero".to_owned()),
            _ => {
                Yield::times(1).await;
                log::push("other".to_owned());
            }
        }
        log::push("after".to_owned());
    }

    // A block, `if` or operator as a value scrutinee is a temporary too:
    // kept to the end of the `match` when a binding-free arm suspends
    // (dropped at the arm's first suspension point before).
    fn block_scrutinee_kept(k: u32) -> u32 {
        match {
            log::push("block".to_owned());
            k.is_multiple_of(2).then(|| D("block"))
        } {
            Some(_) => {
                Yield::times(1).await;
                log::push("arm".to_owned());
                1
            }
            None => 0,
        }
    }

    fn if_scrutinee_kept(k: u32) -> u32 {
        if let Some(_) = if k.is_multiple_of(3) { Some(D("if")) } else { None } {
            Yield::times(1).await;
            log::push("then".to_owned());
        }
        k
    }
}

#[test]
fn match_on_a_borrowed_local() {
    check!(match_ref_local_binding_dead_after_await());
    check!(match_ref_local_fields_dead_after_await());
}

#[test]
fn if_let_on_a_borrowed_local() {
    check!(if_let_ref_local_dead_after_await());
}

#[test]
fn match_on_a_borrowed_await() {
    check!(match_ref_await_binding_dead_after_await());
    check!(match_ref_await_field_arms());
    check!(match_ref_await_as_statement());
}

#[test]
fn if_let_on_a_borrowed_await() {
    check!(if_let_ref_await_then_branch());
    check!(if_let_ref_await_else_branch());
}

#[test]
fn if_let_temporary_dropped_before_else() {
    for some in [true, false] {
        check!(if_let_ref_await_field_else_drops_first(some));
        check!(if_let_ref_call_else_drops_first(some));
        check!(if_let_ref_await_only_condition_suspends(some));
    }
    check!(if_let_method_chain_else_drops_first("named"));
    check!(if_let_method_chain_else_drops_first(""));
}

#[test]
fn suspending_guards_on_borrowed_scrutinees() {
    for n in [0, 10] {
        check!(suspending_guard_on_borrowed_local(n));
        check!(suspending_guard_on_borrowed_await(n));
        check!(suspending_guard_on_a_field_of_a_borrowed_await(n));
    }
}

#[test]
fn match_on_a_borrowed_call() {
    check!(match_ref_call_binding_dead());
}

#[test]
fn while_let_on_a_borrowed_await() {
    check!(while_let_ref_await());
}

#[test]
fn scrutinee_temporaries_live_through_the_arm() {
    check!(while_let_ref_method_call_on_local());
    check!(match_ref_constant_held_across_await());
    check!(match_ref_tuple_struct_temporary());
    check!(guard_names_the_arm_binding_not_the_outer_one());
    check!(if_let_condition_only_suspends_inside_arm());
    check!(match_ref_method_result_field());
}

#[test]
fn value_scrutinees_live_through_an_arm_without_bindings() {
    for k in 0..3 {
        check!(value_scrutinee_wildcard_arm(k));
        check!(value_scrutinee_some_wildcard(k));
        check!(value_scrutinee_if_let(k));
        check!(value_scrutinee_while_let(k));
        check!(awaited_scrutinee_wildcard_arm(k));
        check!(taken_value_wildcard_arm(k));
        check!(borrowing_copy_value_wildcard_arm(k));
        check!(value_scrutinee_as_tail(k));
        check!(value_scrutinee_suspending_guard(k));
        check!(mixed_arms_on_a_map_lookup(k));
        check!(mixed_arms_on_a_taken_value(k));
    }
}

#[test]
fn blocks_and_ifs_as_scrutinees() {
    for k in 0..4 {
        check!(block_scrutinee_kept(k));
        check!(if_scrutinee_kept(k));
    }
}
