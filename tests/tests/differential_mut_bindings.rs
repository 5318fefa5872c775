//! Differential tests: pattern bindings written `mut x` (in a `match` arm,
//! an or-pattern, `if let`, `while let`, `for` and `let .. else`) that the
//! body mutates after a suspension point. Such a pattern is renamed and
//! re-bound by a `let mut` at the top of its body, so that rustc judges the
//! `mut` where the user's code mutates the value; the drop order must stay
//! the pattern's.
#![allow(clippy::single_match)]

use coro_tests::*;

/// Two values, for or-patterns.
pub enum Two {
    A(D<String>, D),
    B(D<String>, D),
    None,
}

differential! {
    fn match_arm(k: u32) -> usize {
        let kept = D("kept");
        let n = match yield_value((k > 0).then(|| (D(String::from("a")), D("b"))), 1).await {
            Some((mut a, b)) => {
                Yield::times(1).await;
                a.0.push('!');
                let n = a.name().len() + b.name().len();
                Yield::times(1).await;
                n
            }
            None => 0,
        };
        n + kept.name().len()
    }

    fn or_pattern(k: u32) -> usize {
        let two = match k % 3 {
            0 => Two::A(D(String::from("a")), D("x")),
            1 => Two::B(D(String::from("bb")), D("y")),
            _ => Two::None,
        };
        match two {
            Two::A(mut s, d) | Two::B(mut s, d) => {
                Yield::times(1).await;
                s.0.push('?');
                s.name().len() + d.name().len()
            }
            Two::None => 0,
        }
    }

    fn guard_names_binding(k: u32) -> u32 {
        match yield_value(Some(k), 1).await {
            Some(mut x) if x > 0 => {
                Yield::times(1).await;
                x += 10;
                x
            }
            Some(mut y) if yield_value(y, 1).await == 0 => {
                Yield::times(1).await;
                y += 100;
                y
            }
            _ => 7,
        }
    }

    fn loops(k: u32) -> usize {
        let mut total = 0;
        let mut queue = vec![D(String::from("q1")), D(String::from("q2"))];
        while let Some(mut d) = queue.pop() {
            Yield::times(1).await;
            d.0.push('+');
            total += d.name().len();
            if k == 1 {
                break;
            }
        }
        for (i, mut d) in [D(String::from("f1")), D(String::from("f2"))].into_iter().enumerate() {
            yield_value(i, 1).await;
            d.0.push('*');
            total += d.name().len();
            if k == 2 {
                return total;
            }
        }
        total + queue.len()
    }

    fn if_let_and_let_else(k: u32) -> usize {
        let mut total = 0;
        if let Some(mut d) = (k != 1).then(|| D(String::from("i"))) {
            d.0.push('<');
            Yield::times(1).await;
            d.0.push('>');
            total += d.name().len();
        }
        let Some(mut e) = (k < 2).then(|| D(String::from("e"))) else {
            return total;
        };
        Yield::times(1).await;
        e.0.push('#');
        total + e.name().len()
    }
}

#[test]
fn match_arm() {
    for k in 0..3 {
        check!(match_arm(k));
    }
}

#[test]
fn or_pattern() {
    for k in 0..3 {
        check!(or_pattern(k));
    }
}

#[test]
fn guard_names_binding() {
    for k in 0..3 {
        check!(guard_names_binding(k));
    }
}

#[test]
fn loops() {
    for k in 0..3 {
        check!(loops(k));
    }
}

#[test]
fn if_let_and_let_else() {
    for k in 0..3 {
        check!(if_let_and_let_else(k));
    }
}
