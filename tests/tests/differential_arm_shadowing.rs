//! Differential tests: a binding of a `match` arm, an `if let`, a
//! `while let` or a `for` pattern that hides a local of the same name. When
//! the arm suspends (or is split for drop flags), the hidden local may have
//! to be moved into the frame from inside the arm, where the source can no
//! longer name it: the binding is renamed in the pattern and the user's
//! name re-bound by a `let` at the top of the arm, in the same drop order.
// The single-arm `match`es are the construct under test.
#![allow(clippy::match_single_binding, clippy::single_match)]

use coro_tests::*;

differential! {
    fn match_arm_hides_a_carried_local(k: u32) -> usize {
        let v = D("outer");
        let n = match yield_value(if k > 0 { Some(D("inner")) } else { None }, 1).await {
            Some(v) => {
                Yield::times(1).await;
                v.name().len()
            }
            None => {
                Yield::times(1).await;
                0
            }
        };
        Yield::times(1).await;
        n + v.name().len()
    }

    fn if_let_hides_a_carried_local(flag: bool) -> usize {
        let d = D("outer");
        if let Some(d) = flag.then(|| D("inner")) {
            Probe::new("in the arm", 1).await;
            drop(d);
        } else {
            Yield::times(1).await;
        }
        Yield::times(1).await;
        d.name().len()
    }

    fn hiding_binding_first_of_several(k: u32) -> usize {
        // `x` hides the outer `x`; `a` hides nothing. Both are re-bound, in
        // the pattern's order, so `a` still drops before `x`.
        let x = D("x outer");
        let pair = (D("x inner"), D("a"));
        let n = match (k, pair) {
            (0, (x, a)) => {
                Probe::new("arm 0", 1).await;
                x.name().len() + a.name().len()
            }
            (_, (a, x)) => {
                Probe::new("arm 1", 2).await;
                a.name().len() * 2 + x.name().len()
            }
        };
        Probe::new("after", 1).await;
        n + x.name().len()
    }

    fn mutable_hiding_binding(k: u32) -> u32 {
        let mut n = k;
        let _guard = D("guard");
        match yield_value(Some(k * 10), 1).await {
            Some(mut n) => {
                n += 1;
                Yield::times(1).await;
                n += 1;
                log::push(format!("inner n = {n}"));
            }
            None => {}
        }
        n += 100;
        Yield::times(1).await;
        n
    }

    fn by_reference_hiding_binding(k: u32) -> usize {
        let name = D("outer name");
        let pair = (D("left"), D("right"));
        let n = match &pair {
            (name, _) if k > 0 => {
                let n = name.name().len();
                Yield::times(1).await;
                n
            }
            (_, name) => {
                let n = name.name().len();
                Yield::times(1).await;
                n * 2
            }
        };
        Yield::times(1).await;
        drop(pair);
        n + name.name().len()
    }

    fn ref_binding_hides_a_local(k: u32) -> usize {
        let name = D("outer name");
        let mut pair = (D("left"), D("right"));
        let n = match pair {
            (ref name, _) if k > 0 => {
                let n = name.name().len();
                Yield::times(1).await;
                n
            }
            (_, ref mut name) => {
                *name = D("replaced");
                let n = name.name().len();
                Yield::times(1).await;
                n * 2
            }
        };
        Yield::times(1).await;
        n + name.name().len()
    }

    fn binding_hides_a_parameter(d: D, flag: bool) -> usize {
        let n = match flag.then(|| D("inner")) {
            Some(d) => {
                Yield::times(1).await;
                d.name().len()
            }
            None => 0,
        };
        Yield::times(1).await;
        n + d.name().len()
    }

    fn alternatives_bind_the_same_hiding_name(k: u32) -> usize {
        let s = D("outer");
        let n = match yield_value(if k == 0 { Ok(D("ok")) } else { Err(D("error")) }, 1).await {
            Ok(s) | Err(s) => {
                Yield::times(1).await;
                s.name().len()
            }
        };
        Yield::times(1).await;
        n + s.name().len()
    }

    fn at_binding_hides_a_local(k: u32) -> u32 {
        let whole = D("outer whole");
        let n = match Some(k) {
            whole @ Some(1..=5) => {
                Yield::times(1).await;
                whole.unwrap_or(0)
            }
            _ => 0,
        };
        Yield::times(1).await;
        n + whole.name().len() as u32
    }

    fn while_let_hides_a_carried_local(k: u32) -> usize {
        let item = D("outer item");
        let mut queue = vec![D("one"), D("two"), D("three")];
        queue.truncate(k as usize);
        let mut total = 0;
        while let Some(item) = queue.pop() {
            Probe::new("loop body", 1).await;
            total += item.name().len();
        }
        Yield::times(1).await;
        total + item.name().len()
    }

    fn for_pattern_hides_a_carried_local(k: u32) -> usize {
        let d = D("outer");
        let mut total = 0;
        for d in (0..k).map(|_| D("item")) {
            Yield::times(1).await;
            total += d.name().len();
        }
        Yield::times(1).await;
        total + d.name().len()
    }

    fn guard_of_an_arm_that_hides(k: u32) -> u32 {
        // A guard that does not name the arm's bindings.
        let n = D("outer n");
        let m = match Some(k) {
            Some(n) if k > 1 => {
                Yield::times(1).await;
                n
            }
            Some(n) => n + 1,
            None => 0,
        };
        Yield::times(1).await;
        m + n.name().len() as u32
    }

    // A guard naming the binding that hides a local: the guard sees a
    // view of the renamed binding (the value of a `Copy` one, a reference
    // to a `D`).
    fn guard_names_the_hiding_binding(k: u32) -> usize {
        let n = D("outer n");
        let d = D("outer d");
        let a = match Some(k) {
            Some(n) if n > 1 => {
                Yield::times(1).await;
                n as usize
            }
            _ => 0,
        };
        let b = match (k > 0).then(|| D("inner d")) {
            Some(d) if d.name().len() > 3 && k != 2 => {
                Probe::new("guarded arm", 1).await;
                d.name().len()
            }
            Some(d) => {
                drop(d);
                1
            }
            None => 0,
        };
        Yield::times(1).await;
        a + b + n.name().len() + d.name().len()
    }

    // Constructs without a suspension point, split for drop flags: an arm
    // pattern hiding an unrelated local no longer stops the split, so `d`
    // is dropped at the end of its scope on the paths that keep it, not at
    // the next `.await`.
    fn split_match_with_a_hiding_pattern(k: u32) -> u32 {
        let x = 7;
        let d = D("d");
        match if k > 0 { Some(k) } else { None } {
            Some(x) => {
                drop(d);
                log::push(format!("moved with x = {x}"));
            }
            None => {}
        }
        Probe::new("after the match", 1).await;
        let _late = D("late");
        Yield::times(1).await;
        x
    }

    fn split_if_let_with_a_hiding_pattern(k: u32) -> u32 {
        let x = 3;
        let d = D("d");
        if let Some(x) = (k > 1).then_some(k) {
            log::push(format!("x = {x}"));
            drop(d);
        }
        Probe::new("after the if", 1).await;
        x
    }

    fn split_match_hiding_the_moved_local(k: u32) -> u32 {
        let d = D("d outer");
        match (k > 0).then(|| D("d inner")) {
            Some(d) => drop(d),
            None => {}
        }
        let e = D("e");
        if k > 1 {
            drop(e);
        }
        Probe::new("after", 1).await;
        d.name().len() as u32
    }
}

#[test]
fn match_arms() {
    for k in 0..3 {
        check!(match_arm_hides_a_carried_local(k));
        check!(hiding_binding_first_of_several(k));
        check!(mutable_hiding_binding(k));
        check!(by_reference_hiding_binding(k));
        check!(ref_binding_hides_a_local(k));
        check!(alternatives_bind_the_same_hiding_name(k));
        check!(at_binding_hides_a_local(k));
        check!(guard_of_an_arm_that_hides(k));
        check!(guard_names_the_hiding_binding(k));
    }
    check!(binding_hides_a_parameter(D("param"), true));
    check!(binding_hides_a_parameter(D("param"), false));
}

#[test]
fn if_let_and_loops() {
    check!(if_let_hides_a_carried_local(true));
    check!(if_let_hides_a_carried_local(false));
    for k in 0..4 {
        check!(while_let_hides_a_carried_local(k));
        check!(for_pattern_hides_a_carried_local(k));
    }
}

#[test]
fn constructs_split_for_drop_flags() {
    for k in 0..3 {
        check!(split_match_with_a_hiding_pattern(k));
        check!(split_if_let_with_a_hiding_pattern(k));
        check!(split_match_hiding_the_moved_local(k));
    }
}
