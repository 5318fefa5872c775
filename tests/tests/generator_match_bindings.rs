//! Match bindings across yields (rust-lang/rust
//! `tests/ui/coroutine/match-bindings.rs`): bindings by move, by reference
//! into an argument, nested patterns, `if let` / `while let` / `let else`.
// `while let Some(_)` is a construct under test, not `is_some()`.
#![allow(clippy::redundant_pattern_matching)]
use coro_tests::*;

#[derive(Debug)]
pub enum Msg {
    Quit,
    Text(D<String>),
    Move { x: i32, y: i32 },
    Batch(Vec<Msg>),
}

mod bugs {
    use super::*;
    gen_differential! {
        #[generator(yield = String)]
        fn describe(msgs: Vec<Msg>) -> usize {
            let mut count = 0;
            for m in msgs {
                count += 1;
                match m {
                    Msg::Quit => {
                        yield_!("quit".to_owned());
                        break;
                    }
                    Msg::Text(t) => {
                        let _guard = D("guard");
                        yield_!(format!("text {}", t.name()));
                        drop(t);
                        yield_!("text dropped".to_owned());
                    }
                    Msg::Move { x, y: 0 } => yield_!(format!("horizontal {x}")),
                    Msg::Move { x, y } => {
                        yield_!(format!("move {x}"));
                        yield_!(format!("to {y}"));
                    }
                    Msg::Batch(inner) => {
                        for (i, m) in inner.into_iter().enumerate() {
                            if let Msg::Text(t) = m {
                                yield_!(format!("batch {i} {}", t.name()));
                            }
                        }
                    }
                }
            }
            count
        }

        #[generator(yield = u32)]
        fn by_ref(v: &'static [(u32, Option<u32>)]) -> u32 {
            let mut sum = 0;
            for (a, b) in v {
                match (a, b) {
                    (0, _) => continue,
                    (x, Some(y)) if *y > 10 => {
                        yield_!(*x);
                        yield_!(*y);
                        sum += x + y;
                    }
                    (x, _) => {
                        yield_!(*x);
                        sum += x;
                    }
                }
            }
            sum
        }
    }
}

gen_differential! {
    #[generator(yield = usize)]
    fn borrowed_scrutinees(words: Vec<D<String>>) -> usize {
        let mut total = 0;
        for w in words {
            let name = w.name().to_owned();
            if let Some(c) = &name.chars().next() {
                yield_!(*c as usize);
            }
            match name.as_str() {
                "" => {}
                rest => {
                    let n = rest.len();
                    yield_!(n);
                    total += n;
                }
            }
            match &D(format!("tmp {name}")) {
                t if t.name().len() > 6 => yield_!(t.name().len()),
                t => {
                    let n = t.name().len();
                    yield_!(n);
                }
            }
        }
        total
    }

    #[generator(yield = String)]
    fn describe(msgs: Vec<Msg>) -> usize {
        let mut count = 0;
        for m in msgs {
            count += 1;
            match m {
                Msg::Quit => {
                    yield_!("quit".to_owned());
                    return count;
                }
                Msg::Text(t) => {
                    let _guard = D("guard");
                    yield_!(format!("text {}", t.name()));
                    drop(t);
                    yield_!("text dropped".to_owned());
                }
                Msg::Move { x, y: 0 } => yield_!(format!("horizontal {x}")),
                Msg::Move { x, y } => {
                    yield_!(format!("move {x}"));
                    yield_!(format!("to {y}"));
                }
                Msg::Batch(inner) => {
                    for (i, m) in inner.into_iter().enumerate() {
                        if let Msg::Text(t) = m {
                            yield_!(format!("batch {i} {}", t.name()));
                        }
                    }
                }
            }
        }
        count
    }

    #[generator(yield = u32)]
    fn by_ref(v: &'static [(u32, Option<u32>)]) -> u32 {
        let mut sum = 0;
        for (a, b) in v {
            match (a, b) {
                (0, _) => {}
                (x, Some(y)) if *y > 10 => {
                    yield_!(*x);
                    yield_!(*y);
                    sum += x + y;
                }
                (x, _) => {
                    yield_!(*x);
                    sum += x;
                }
            }
        }
        sum
    }

    #[generator(yield = u32)]
    fn value_scrutinee_across_yields(n: u32) -> u32 {
        // The temporaries stay alive through the arm, as rustc keeps them.
        let mut left = n;
        while let Some(_) = (left > 0).then(|| D("pass")) {
            yield_!(left);
            left -= 1;
        }
        if let Ok(_) = (n > 1).then(|| D("ok")).ok_or(D("err")) {
            yield_!(100);
        }
        match (D("a"), D("b")) {
            (x, _) if n == 0 => drop(x),
            _ => yield_!(200),
        }
        n
    }

    #[generator(yield = D<String>)]
    fn while_let_and_let_else(mut stack: Vec<Option<D<String>>>) -> usize {
        let mut popped = 0;
        while let Some(top) = stack.pop() {
            let Some(value) = top else {
                yield_!(D("none".to_owned()));
                continue;
            };
            popped += 1;
            yield_!(value);
        }
        popped
    }
}

fn msgs() -> Vec<Msg> {
    vec![
        Msg::Text(D("hello".to_owned())),
        Msg::Move { x: 3, y: 0 },
        Msg::Move { x: 1, y: 2 },
        Msg::Batch(vec![
            Msg::Text(D("b0".to_owned())),
            Msg::Quit,
            Msg::Text(D("b2".to_owned())),
        ]),
        Msg::Quit,
        Msg::Text(D("never".to_owned())),
    ]
}

#[test]
fn bindings_by_move() {
    let r = check_gen(
        "describe",
        || gen_v::describe(msgs()),
        || twin_v::describe(msgs()),
    );
    assert_eq!(r.ret, 5);
    let yields: Vec<_> = r
        .log
        .iter()
        .filter(|e| e.starts_with("yield"))
        .cloned()
        .collect();
    assert_eq!(
        yields,
        [
            "yield \"text hello\"",
            "yield \"text dropped\"",
            "yield \"horizontal 3\"",
            "yield \"move 1\"",
            "yield \"to 2\"",
            "yield \"batch 0 b0\"",
            "yield \"batch 2 b2\"",
            "yield \"quit\"",
        ]
    );
}

#[test]
fn bindings_by_reference_with_guards() {
    static DATA: [(u32, Option<u32>); 4] = [(1, Some(20)), (0, Some(50)), (2, None), (3, Some(5))];
    let r = check_gen("by_ref", || gen_v::by_ref(&DATA), || twin_v::by_ref(&DATA));
    assert_eq!(r.ret, 26);
}

#[test]
fn while_let_and_let_else() {
    let stack = || vec![Some(D("a".to_owned())), None, Some(D("c".to_owned()))];
    let r = check_gen(
        "while_let_and_let_else",
        || gen_v::while_let_and_let_else(stack()),
        || twin_v::while_let_and_let_else(stack()),
    );
    assert_eq!(r.ret, 2);
}

#[test]
fn bindings_with_break_and_continue_in_arms() {
    {
        use bugs::*;
        let r = check_gen(
            "describe",
            || gen_v::describe(msgs()),
            || twin_v::describe(msgs()),
        );
        assert_eq!(r.ret, 5);
        static DATA: [(u32, Option<u32>); 4] =
            [(1, Some(20)), (0, Some(50)), (2, None), (3, Some(5))];
        let r = check_gen("by_ref", || gen_v::by_ref(&DATA), || twin_v::by_ref(&DATA));
        assert_eq!(r.ret, 26);
    }
}

#[test]
fn borrowed_scrutinees_across_yields() {
    let words = || vec![D("ab".to_owned()), D(String::new()), D("xyz".to_owned())];
    let r = check_gen(
        "borrowed_scrutinees",
        || gen_v::borrowed_scrutinees(words()),
        || twin_v::borrowed_scrutinees(words()),
    );
    assert_eq!(r.ret, 5);
}

#[test]
fn value_scrutinees_across_yields() {
    for n in 0..3 {
        let r = check_gen(
            "value_scrutinee_across_yields",
            || gen_v::value_scrutinee_across_yields(n),
            || twin_v::value_scrutinee_across_yields(n),
        );
        assert_eq!(r.ret, n);
    }
}
