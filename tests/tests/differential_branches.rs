//! Differential tests: `if` / `else if` / `if let`, `match` with guards
//! (including an `.await` in a guard) and by-value bindings.
use coro_tests::*;

differential! {
    // Or-patterns whose cases bind the same names (once counted twice, and
    // reported as one shadowing the other), in `match`, `if let`, `let` and
    // `for`, with suspension points after the binding.
    fn or_pattern_bindings(cmds: Vec<Result<u32, u32>>) -> u32 {
        let mut total = 0;
        for Ok(first) | Err(first) in cmds.clone().into_iter().take(1) {
            total += yield_value(first, 1).await;
        }
        for c in cmds {
            match c {
                Ok(n @ 0..=9) | Err(n) => total += yield_value(n, 1).await,
                Ok(n) if n % 2 == 0 => {
                    let _d = D("even");
                    total += yield_value(n / 2, 1).await;
                }
                Ok(_) => continue,
            }
            if let Ok(k @ 1..) | Err(k @ 1..) = c {
                let _e = D("if let");
                total += yield_value(k % 3, 1).await;
            }
            let (Ok(m) | Err(m)) = c;
            yield_value((), 1).await;
            total += m;
        }
        total
    }

    fn if_condition(n: u32) -> &'static str {
        if yield_value(n > 2, 1).await { "big" } else { "small" }
    }

    fn else_if_chain(n: u32) -> u32 {
        let d = D("chain");
        let r = if n == 0 {
            0
        } else if yield_value(n, 1).await == 1 {
            Yield::times(2).await;
            10
        } else if n < 5 {
            let _t = D("t");
            let v = ready(n).await;
            v * 100
        } else {
            Probe::new("else", 1).await;
            1000
        };
        drop(d);
        r
    }

    fn if_without_else(n: u32) -> u32 {
        let mut r = n;
        if n.is_multiple_of(2) {
            let _d = D("then");
            r += yield_value(1, 1).await;
        }
        if ready(r > 3).await {
            Yield::times(1).await;
            r *= 2;
        }
        r
    }

    fn if_let(v: Option<D>) -> usize {
        if let Some(d) = v {
            Yield::times(1).await;
            log::push(d.name().to_owned());
            1
        } else {
            Probe::new("none", 1).await;
            0
        }
    }

    fn if_let_awaited_scrutinee(v: Option<D>) -> usize {
        let _before = D("before");
        if let Some(d) = yield_value(v, 1).await {
            Yield::times(1).await;
            d.name().len()
        } else {
            Yield::times(2).await;
            0
        }
    }

    fn match_guards(n: u32) -> u32 {
        match yield_value(n, 1).await {
            0 => 0,
            x if x.is_multiple_of(2) => {
                Yield::times(1).await;
                x / 2
            }
            x if is_big(x).await => x * 3,
            x => x + ready(1).await,
        }
    }

    // A suspending guard on an arm that binds a non-`Copy` value: the
    // guard sees the binding without moving it, so a later arm still
    // matches the whole value (E0382 before: the guard's arm moved it).
    fn suspending_guard_on_owned_binding(v: Option<D>) -> usize {
        let before = D("before");
        let n = match v {
            Some(d) if ready(d.name().len()).await > 3 => {
                Yield::times(1).await;
                d.name().len()
            }
            Some(d) if d.name().is_empty() => 1,
            Some(d) => {
                Probe::new("third arm", 1).await;
                d.name().len() + 100
            }
            None => 0,
        };
        drop(before);
        Yield::times(1).await;
        n
    }

    // The same on a value scrutinee, with a `Copy` binding next to a
    // non-`Copy` one: the guard sees the number itself.
    fn suspending_guard_on_a_tuple(k: u32) -> u32 {
        match yield_value((k, D("payload")), 1).await {
            (n, d) if d.name().len() > 3 && yield_value(n, 1).await > 1 => {
                Yield::times(1).await;
                n + d.name().len() as u32
            }
            (n, _) if n.is_power_of_two() => 1,
            (_, d) => {
                drop(d);
                7
            }
        }
    }

    // A `ref` binding borrows the scrutinee, which stays whole to the end
    // of its scope (after the later suspension point).
    fn suspending_guard_chain_with_a_ref_arm(k: u32) -> usize {
        let v = (k > 0).then(|| D("kept"));
        let n = match v {
            Some(ref d) if k == 1 => {
                let n = d.name().len();
                Yield::times(1).await;
                n
            }
            Some(_) if yield_value(k, 1).await > 2 => 3,
            _ => 0,
        };
        Probe::new("after the match", 1).await;
        n
    }

    fn is_big(x: u32) -> bool {
        Yield::times(1).await;
        x > 10
    }

    fn match_by_value(v: Result<D, D>) -> String {
        match v {
            Ok(d) if d.name() == "skip" => "skipped".to_owned(),
            Ok(d) => {
                let back = yield_value(d, 1).await;
                Yield::times(1).await;
                back.name().to_owned()
            }
            Err(e) => {
                Probe::new("err arm", 1).await;
                let _later = D("later");
                Yield::times(1).await;
                e.name().to_uppercase()
            }
        }
    }

    fn match_tuple_scrutinee(n: u32) -> u32 {
        match (yield_value(n, 1).await, ready(D("scrutinee")).await) {
            (0, d) => {
                drop(d);
                Yield::times(1).await;
                0
            }
            (k, _d) if k < 5 => {
                Yield::times(2).await;
                k
            }
            (k, d) => {
                Probe::new("last", 1).await;
                k + d.name().len() as u32
            }
        }
    }

    fn match_as_operand(n: u32) -> u32 {
        let _d = D("operand");
        1 + match n {
            0 => ready(5).await,
            _ => yield_value(n, 2).await,
        } * 2
    }
}

#[test]
fn if_condition() {
    check!(if_condition(1));
    check!(if_condition(3));
}

#[test]
fn else_if_chain() {
    for n in [0, 1, 3, 7] {
        check!(else_if_chain(n));
    }
}

#[test]
fn if_without_else() {
    for n in [1, 2, 4, 5] {
        check!(if_without_else(n));
    }
}

#[test]
fn if_let() {
    check!(if_let(Some(D("some"))));
    check!(if_let(None));
}

#[test]
fn if_let_awaited_scrutinee() {
    check!(if_let_awaited_scrutinee(Some(D("some"))));
    check!(if_let_awaited_scrutinee(None));
}

#[test]
fn match_guards() {
    for n in [0, 4, 11, 5] {
        check!(match_guards(n));
    }
}

#[test]
fn match_by_value() {
    check!(match_by_value(Ok(D("skip"))));
    check!(match_by_value(Ok(D("ok"))));
    check!(match_by_value(Err(D("err"))));
}

#[test]
fn match_tuple_scrutinee() {
    for n in [0, 3, 9] {
        check!(match_tuple_scrutinee(n));
    }
}

#[test]
fn suspending_guards_see_bindings_without_moving_them() {
    for v in [None, Some(D("")), Some(D("ab")), Some(D("long name"))] {
        let name = v.as_ref().map(|d| d.name().to_owned());
        let make = || {
            name.clone()
                .map(|n| D(Box::leak(n.into_boxed_str()) as &str))
        };
        check!(suspending_guard_on_owned_binding(make()));
    }
    for k in 0..4 {
        check!(suspending_guard_on_a_tuple(k));
        check!(suspending_guard_chain_with_a_ref_arm(k));
    }
}

#[test]
fn match_as_operand() {
    check!(match_as_operand(0));
    check!(match_as_operand(4));
}

#[test]
fn or_pattern_bindings() {
    check!(or_pattern_bindings(vec![]));
    check!(or_pattern_bindings(vec![
        Ok(3),
        Err(4),
        Ok(12),
        Ok(13),
        Err(20)
    ]));
}
