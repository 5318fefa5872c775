//! Differential tests: temporaries held across a suspension point of their
//! statement, which rustc drops at the end of their temporary scope.
//!
//! Conditions: rustc gives a condition a temporary scope of its own. The
//! condition of an `if` or a `while` and a `match` guard drop their
//! temporaries once they have their value, before the branch they choose
//! runs; an `if let` (and a `let` chain) keeps its scrutinee's temporaries
//! through the `then` block and, in edition 2024, drops them before the
//! `else`. In `D("t").name().len() > n.await`, `D("t")` is such a
//! temporary, alive across the `.await`. Found by version 17 of
//! `gen_random_bodies.py`: the `if`, guard, `if let` and chain bodies below
//! dropped the temporary after the branch.
//!
//! Operands: an operand evaluated before a later suspension point of its
//! statement keeps the temporaries it borrows (`D("t")` in
//! `D("t").name().len() + 1 < n.await`, in `len_of(&D("t"))`) to the end of
//! the statement, across that point. The machine dropped them once the
//! operand had its value, before suspending; the harness could not see it
//! until it logged where the suspension points fall (`<suspended>`).
//!
//! Each case checks where the value is dropped on completion and that a
//! machine dropped at each suspension point drops it once, at the same
//! point of the log.
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, Waker};

use coro_tests::*;

/// A value whose method takes `self` under a name the macro does not know
/// to move its receiver.
pub struct Bag(pub D);

impl Bag {
    pub fn finish(self) -> usize {
        self.0.name().len()
    }

    /// A builder's step: takes `self` under a name the macro does not know
    /// to move its receiver.
    pub fn with(self, extra: u32) -> (Bag, u32) {
        (self, extra)
    }
}

/// An awaitee of two operands.
fn two(a: usize, b: usize) -> YieldValue<usize> {
    yield_value(a + b, 1)
}

/// `Ok(n)` if `n < bound`.
fn below(n: usize, bound: usize) -> Result<usize, String> {
    if n < bound {
        Ok(n)
    } else {
        Err(format!("{n} >= {bound}"))
    }
}

/// The awaitee at the end of a builder chain.
fn go((bag, extra): (Bag, u32)) -> YieldValue<usize> {
    yield_value(bag.finish() + extra as usize, 1)
}

/// The length of `d`'s name: a call that borrows its argument.
fn len_of(d: &D) -> usize {
    d.name().len()
}

differential! {
    fn if_condition(k: u32) -> u32 {
        if D("t").name().len() > yield_value(k as usize, 1).await {
            log::push("then".to_owned());
            Yield::times(1).await;
        } else {
            log::push("else".to_owned());
        }
        log::push("after".to_owned());
        k
    }

    // The branches do not suspend: the `if` stays whole after the condition.
    fn if_condition_plain_branches(k: u32) -> u32 {
        if D("t").name().len() > yield_value(k as usize, 1).await {
            log::push("then".to_owned());
        }
        log::push("after".to_owned());
        k
    }

    fn if_condition_value(k: u32) -> u32 {
        let _a = D("a");
        let v = if D("t").name().len() > yield_value(k as usize, 1).await {
            Yield::times(1).await;
            1
        } else {
            2
        };
        log::push(format!("v {v}"));
        v
    }

    fn if_condition_tail(k: u32) -> u32 {
        let _a = D("a");
        if D("m").name().len() > yield_value(k as usize, 1).await {
            Yield::times(1).await;
            1
        } else {
            2
        }
    }

    fn while_condition(k: u32) -> u32 {
        let mut c = 0;
        while D("w").name().len() + c < yield_value(k as usize + 1, 1).await {
            log::push("body".to_owned());
            c += 1;
            Yield::times(1).await;
        }
        k
    }

    fn lazy_boolean_operands(k: u32) -> u32 {
        let b = D("t").name().len() > k as usize && yield_value(k, 1).await < 2;
        let c = D("u").name().len() > k as usize || yield_value(k, 1).await < 2;
        if k < 5 && D("v").name().len() > yield_value(k as usize, 1).await {
            log::push("then".to_owned());
            Yield::times(1).await;
        }
        log::push(format!("b {b} c {c}"));
        k
    }

    fn match_guard(k: u32) -> u32 {
        match k {
            m if D("g").name().len() > yield_value(m as usize, 1).await => {
                log::push("arm".to_owned());
                Yield::times(1).await;
            }
            _ => log::push("other".to_owned()),
        }
        k
    }

    // A guard on a by-value binding, which the arm gets after the guard.
    fn match_guard_by_value(k: u32) -> u32 {
        match (k > 0).then(|| D("x")) {
            Some(x) if D("g").name().len() > yield_value(k as usize, 1).await => {
                log::push(format!("arm {}", x.name()));
                Yield::times(1).await;
            }
            Some(_) => log::push("some".to_owned()),
            None => log::push("none".to_owned()),
        }
        k
    }

    fn let_chain_condition_after_let(k: u32) -> u32 {
        if let Some(x) = Some(k) && D("t").name().len() > yield_value(x as usize, 1).await {
            log::push("then".to_owned());
            Yield::times(1).await;
        }
        k
    }

    fn if_let_scrutinee(k: u32) -> u32 {
        if let Some(x) = D("t").name().len().checked_sub(yield_value(k as usize, 1).await) {
            log::push(format!("then {x}"));
            Yield::times(1).await;
        } else {
            log::push("else".to_owned());
        }
        k
    }

    fn if_let_scrutinee_plain_branches(k: u32) -> u32 {
        if let Some(x) = D("t").name().len().checked_sub(yield_value(k as usize, 1).await) {
            log::push(format!("then {x}"));
        } else {
            log::push("else".to_owned());
        }
        log::push("after".to_owned());
        k
    }

    fn if_let_then_else_if(k: u32) -> u32 {
        if let Some(x) = D("t").name().len().checked_sub(yield_value(k as usize, 1).await) {
            log::push(format!("then {x}"));
        } else if D("u").name().len() > yield_value(k as usize, 1).await {
            log::push("elif".to_owned());
            Yield::times(1).await;
        } else {
            log::push("else".to_owned());
        }
        k
    }

    fn let_chain_scrutinee(k: u32) -> u32 {
        if let Some(x) = D("t").name().len().checked_sub(yield_value(k as usize, 1).await)
            && x < 9
        {
            log::push(format!("then {x}"));
        } else {
            log::push("else".to_owned());
        }
        if let Some(x) = D("s").name().len().checked_sub(yield_value(k as usize, 1).await)
            && x < 9
        {
            Yield::times(1).await;
            log::push(format!("then {x}"));
        } else {
            log::push("else".to_owned());
            Yield::times(1).await;
        }
        k
    }

    // A scrutinee kept whole (the `then` block borrows it) next to a
    // temporary of its own.
    fn if_let_borrowed_scrutinee(k: u32) -> u32 {
        if let Some(r) = &D("t")
            .name()
            .len()
            .checked_sub(yield_value(k as usize, 1).await)
            .map(|n| D(format!("r{n}")))
        {
            log::push(format!("then {}", r.name()));
            Yield::times(1).await;
        } else {
            log::push("else".to_owned());
            Yield::times(1).await;
        }
        k
    }

    fn while_let_scrutinee(k: u32) -> u32 {
        let mut c = 0usize;
        while let Some(x) = D("w").name().len().checked_sub(yield_value(c + k as usize, 1).await) {
            log::push(format!("body {x}"));
            c += 1;
            Yield::times(1).await;
        }
        log::push("after".to_owned());
        k
    }

    fn match_scrutinee(k: u32) -> u32 {
        let v = match D("m").name().len().checked_sub(yield_value(k as usize, 1).await) {
            Some(x) => {
                Yield::times(1).await;
                log::push("some".to_owned());
                x
            }
            None => {
                log::push("none".to_owned());
                7
            }
        };
        log::push("after".to_owned());
        v as u32
    }

    fn let_else(k: u32) -> u32 {
        let _a = D("a");
        let Some(x) = D("t").name().len().checked_sub(yield_value(k as usize, 1).await) else {
            log::push("else".to_owned());
            return 9;
        };
        log::push(format!("x {x}"));
        Yield::times(1).await;
        x as u32
    }

    fn exits(k: u32) -> Option<usize> {
        let _a = D("a");
        if k == 1 {
            return Some(D("r").name().len() + yield_value(k as usize, 1).await);
        }
        let mut i = 0;
        let v = loop {
            let _b = D("b");
            i += 1;
            if i < 2 {
                continue;
            }
            break D("l").name().len() + yield_value(k as usize, 1).await;
        };
        let w = D("q").name().len().checked_sub(yield_value(k as usize, 1).await)?;
        log::push("after".to_owned());
        Some(v + w)
    }

    fn operand_of_a_comparison(k: u32) -> u32 {
        let x = D("t").name().len() + 1 < yield_value(k as usize, 1).await;
        let y = D("u").name().len() < {
            let v = k as usize;
            yield_value(v, 1).await
        };
        log::push(format!("x {x} y {y}"));
        k
    }

    fn operand_of_a_tuple_and_a_call(k: u32) -> u32 {
        let x = (D("t").name().len() + 1, yield_value(k as usize, 1).await);
        let y = (len_of(&D("u")), yield_value(k as usize, 1).await);
        let z = Some(len_of(&D("v")) + yield_value(k as usize, 1).await);
        log::push(format!("x {x:?} y {y:?} z {z:?}"));
        k
    }

    // The temporary is the root of a chain whose later values borrow it:
    // the root is kept, the reference it gives is not (nothing to drop).
    fn operand_of_a_method_chain(k: u32) -> usize {
        let n = D("t").name().chars().count() + yield_value(k as usize, 1).await;
        let m = Some(D("u")).as_ref().map_or(0, |d| d.name().len()) + yield_value(1usize, 1).await;
        n + m
    }

    // Evaluated before the place, which suspends: kept across its `.await`.
    fn value_of_an_assignment(k: u32) -> usize {
        let mut v = vec![0usize; 3];
        v[yield_value(k as usize % 3, 1).await] = len_of(&D("t"));
        v.iter().sum()
    }

    fn while_operand(k: u32) -> u32 {
        let mut c = 0;
        while D("w").name().len() + c < yield_value(k as usize + 1, 1).await {
            c += 1;
        }
        k
    }

    // An awaited value borrowed by a method or a comparison is a temporary
    // too, kept across the statement's next suspension point.
    fn awaited_value_borrowed(k: u32) -> u32 {
        let n = yield_value(D("a"), 1).await.name().len() as u32 + yield_value(1u32, 1).await;
        let m = yield_value(D("b"), 1).await == D("c") || yield_value(k, 1).await > 1;
        if k > 10 {
            return 1;
        }
        if m {
            log::push("equal".to_owned());
        }
        return yield_value(D("d"), 1).await.name().len() as u32 + yield_value(n, 1).await;
    }

    // The awaitee's own temporaries: those of its operators' operands
    // live to the end of the statement, across its suspension point.
    fn awaitee_operator_operands(k: u32) -> u32 {
        let _a = D("a");
        let n = yield_value(D("t").name().len() + k as usize, 1).await;
        let big = yield_value(D("u").name().len() as u32 > k, 2).await;
        log::push(format!("n {n} big {big}"));
        if yield_value(!D("v").name().is_empty(), 1).await {
            n as u32
        } else {
            0
        }
    }

    // What an awaitee evaluates after a suspension point of its own, before
    // its own: kept across the latter.
    fn awaitee_operands_after_a_suspension(k: u32) -> usize {
        let n = two(yield_value(k as usize, 1).await, D("t").name().len() + 1).await;
        log::push(format!("n {n}"));
        // Down the operand that suspends last, and in a comparison.
        let m = two(
            yield_value(yield_value(D("u").name().len() + 1, 1).await + D("v").name().len(), 1)
                .await,
            (D("w").name().len() > k as usize) as usize,
        )
        .await;
        n + m
    }

    // The operand of a `?` keeps its temporaries to the end of the
    // statement: before a later suspension point, in an awaitee, and in
    // an awaitee after one of its own.
    fn question_mark_operands(k: u32) -> Result<usize, String> {
        let n = below(D("t").name().len(), k as usize)? + yield_value(1, 1).await;
        log::push(format!("n {n}"));
        let m = two(below(D("u").name().len(), k as usize + 1)?, yield_value(1, 1).await).await;
        let p = yield_value(below(D("v").name().len() + 1, k as usize)? + 1, 1).await;
        let q = two(yield_value(below(1, k as usize), 1).await?, D("w").name().len() * 2).await;
        Ok(n + m + p + q)
    }

    // A builder chain in the awaitee moves its temporaries through methods
    // the macro does not know to take `self`: nothing is kept (a kept
    // temporary would be used after its move), and none needs to be.
    fn awaitee_builder_chain(k: u32) -> usize {
        let n = go(Bag(D("bag")).with(k)).await;
        log::push(format!("n {n}"));
        n + go(Bag(D("again")).with(1)).await
    }

    // Those of a call's arguments are not kept (README): the awaitee may
    // hold a borrow of them. See `awaitee_call_argument` below.
    fn awaitee_call_argument(k: u32) -> usize {
        let n = yield_value(len_of(&D("t")), 1).await;
        log::push(format!("n {n}"));
        n + k as usize
    }

    // A `for`'s iterable keeps its temporaries to the end of the loop
    // (rustc's desugaring matches on the iterator), those of its ranges
    // and operators' operands here, as an awaitee does.
    fn for_range(k: u32) -> u32 {
        let mut c = 0;
        for _ in 0..D("t").name().len() + k as usize % 2 {
            Yield::times(1).await;
            c += 1;
        }
        log::push(format!("c {c}"));
        c
    }
    fn for_vec(k: u32) -> u32 {
        let mut c = 0;
        for x in std::iter::repeat_n(k, D("t").name().len() + 1) {
            c += yield_value(x, 1).await;
        }
        c
    }
    fn for_suspending_range(k: u32) -> usize {
        let mut c = 0;
        for i in yield_value(0usize, 1).await..D("t").name().len() + k as usize {
            log::push(format!("i {i}"));
            c += i;
        }
        for i in yield_value(0usize, 1).await..D("u").name().len() + k as usize {
            Yield::times(1).await;
            c += i;
        }
        c
    }

    // A scrutinee that does not suspend, before arms that do: its
    // temporaries live through the arm taken. A value scrutinee of a
    // `Copy` type that no arm binds is not held across the arms (rustc's
    // future does not hold it): the frame was 8 bytes larger than rustc's.
    fn match_plain_scrutinee(k: u32) -> u32 {
        match D("t").name().len() + k as usize {
            1 => {
                Yield::times(1).await;
                log::push("one".to_owned());
            }
            _ => log::push("other".to_owned()),
        }
        k
    }
    fn if_let_plain_scrutinee(k: u32) -> u32 {
        if let Some(c) = D("t").name().chars().next() {
            Yield::times(1).await;
            log::push(format!("c {c}"));
        } else {
            log::push("none".to_owned());
        }
        k
    }
    fn while_let_plain(k: u32) -> u32 {
        let mut i = 0;
        while let Some(c) = D("w").name().chars().nth(i) {
            Yield::times(1).await;
            log::push(format!("c {c}"));
            i += 1;
        }
        k
    }
    fn let_else_plain(k: u32) -> u32 {
        let Some(c) = D("t").name().chars().next() else { return 0 };
        Yield::times(1).await;
        log::push(format!("c {c}"));
        k
    }

    // The way out for a method that takes `self` but is not known to: a
    // block moves the awaited value, which is then not kept.
    fn awaited_value_moved_by_a_block(k: u32) -> usize {
        { yield_value(Bag(D("bag")), 1).await }.finish() + yield_value(k as usize, 1).await
    }
}

gen_differential! {
    #[generator(yield = u32)]
    fn generator_conditions(k: u32) -> u32 {
        let mut c = 0usize;
        while D("w").name().len() + c < ({ let v = k as usize % 3 + 2; yield_!(1); v }) {
            c += 1;
        }
        if D("t").name().len() < ({ let v = k as usize; yield_!(2); v }) {
            log::push("then".to_owned());
            yield_!(3);
        }
        let x = D("u").name().len() < ({ let v = k as usize; yield_!(4); v });
        log::push(format!("x {x}"));
        // A yielded value keeps its operators' temporaries across the
        // yield, as an awaitee does.
        yield_!(D("y").name().len() as u32 + k);
        k
    }
}

#[test]
fn operand_temporaries() {
    for k in 0..4 {
        check!(operand_of_a_comparison(k));
        check!(operand_of_a_tuple_and_a_call(k));
        check!(operand_of_a_method_chain(k));
        check!(value_of_an_assignment(k));
        check!(while_operand(k));
        check!(awaited_value_borrowed(k));
        check!(awaited_value_moved_by_a_block(k));
        check!(awaitee_operator_operands(k));
        check!(awaitee_builder_chain(k));
        check!(awaitee_operands_after_a_suspension(k));
        check!(question_mark_operands(k));
        check!(for_range(k));
        check!(for_vec(k));
        check!(for_suspending_range(k));
        check!(match_plain_scrutinee(k));
        check!(if_let_plain_scrutinee(k));
        check!(while_let_plain(k));
        check!(let_else_plain(k));
        check_gen(
            "generator_conditions",
            || gen_v::generator_conditions(k),
            || twin_v::generator_conditions(k),
        );
    }
}

#[test]
fn condition_temporaries() {
    for k in 0..4 {
        check!(if_condition(k));
        check!(if_condition_plain_branches(k));
        check!(if_condition_value(k));
        check!(if_condition_tail(k));
        check!(while_condition(k));
        check!(lazy_boolean_operands(k));
        check!(match_guard(k));
        check!(match_guard_by_value(k));
        check!(let_chain_condition_after_let(k));
        check!(if_let_scrutinee(k));
        check!(if_let_scrutinee_plain_branches(k));
        check!(if_let_then_else_if(k));
        check!(let_chain_scrutinee(k));
        check!(if_let_borrowed_scrutinee(k));
        check!(while_let_scrutinee(k));
        check!(match_scrutinee(k));
        check!(let_else(k));
        check!(exits(k));
    }
}

#[test]
fn awaitee_call_argument() {
    // The known difference, and only it: the machine drops the argument's
    // temporary once the awaitee is built, before it suspends; rustc's
    // future keeps it to the end of the statement, across the `.await`.
    let mut coro = coro_v::awaitee_call_argument(2);
    let mut rustc = Box::pin(async_v::awaitee_call_argument(2));
    log::take();
    assert!(poll(Pin::new(&mut coro)).is_pending());
    assert_eq!(log::take(), ["drop t"]);
    assert!(poll(rustc.as_mut()).is_pending());
    assert_eq!(log::take(), Vec::<String>::new());
    assert_eq!(poll(Pin::new(&mut coro)), Poll::Ready(3));
    assert_eq!(log::take(), ["n 1"]);
    assert_eq!(poll(rustc.as_mut()), Poll::Ready(3));
    assert_eq!(log::take(), ["drop t", "n 1"]);
}

fn poll<F: Future + ?Sized>(fut: Pin<&mut F>) -> Poll<F::Output> {
    fut.poll(&mut Context::from_waker(Waker::noop()))
}
