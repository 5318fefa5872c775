//! Resume arguments (rust-lang/rust `tests/ui/coroutine/smoke-resume-args.rs`):
//! with `resume = A`, `yield_!(v)` evaluates to the argument of the next
//! `resume`; the first resume's argument is discarded (the body starts
//! running on it).
// `in_conditions` matches on a resume value on purpose.
#![allow(clippy::single_match)]
use coro_runtime::{Generator, GeneratorState};
use coro_tests::*;

fn add(a: u32, b: u32) -> u32 {
    a * 100 + b
}

gen_differential! {
    #[generator(yield = u32, resume = u32)]
    fn running_sum() -> u32 {
        let mut total = 0;
        loop {
            let v = yield_!(total);
            if v == 0 {
                return total;
            }
            total += v;
        }
    }

    #[generator(yield = u32, resume = u32)]
    fn in_call_args() -> u32 {
        let _a = D("a");
        add(yield_!(1), yield_!(2))
    }

    #[generator(yield = &'static str, resume = bool)]
    fn in_conditions() -> u32 {
        let mut n = 0;
        if yield_!("if?") {
            n += 1;
        }
        while yield_!("while?") {
            n += 10;
        }
        match yield_!("match?") {
            true => n += 100,
            false => {}
        }
        n
    }

    #[generator(yield = usize, resume = D<String>)]
    fn owned_args() -> usize {
        let first = yield_!(0);
        let second = yield_!(first.name().len());
        drop(first);
        let third = yield_!(second.name().len());
        let _ = (&second, &third);
        third.name().len()
    }

    #[generator(yield = String, resume = String)]
    fn echo(prefix: String) {
        let mut line = yield_!(prefix.clone());
        while !line.is_empty() {
            line = yield_!(format!("{prefix}{line}"));
        }
    }
}

#[test]
fn values_flow_in() {
    let mut g = gen_v::running_sum();
    assert_eq!(
        g.resume(999),
        GeneratorState::Yielded(0),
        "first argument discarded"
    );
    assert_eq!(g.resume(5), GeneratorState::Yielded(5));
    assert_eq!(g.resume(7), GeneratorState::Yielded(12));
    assert_eq!(g.resume(0), GeneratorState::Complete(12));
    let r = check_gen_args(
        "running_sum",
        gen_v::running_sum,
        twin_v::running_sum,
        |i| [99, 1, 2, 3, 0][i.min(4)],
    );
    assert_eq!(r.ret, 6);
}

#[test]
fn resume_values_as_call_arguments() {
    let r = check_gen_args(
        "in_call_args",
        gen_v::in_call_args,
        twin_v::in_call_args,
        |i| i as u32 * 3,
    );
    assert_eq!(r.ret, 3 * 100 + 6);
    assert_eq!(r.log, ["yield 1", "yield 2", "drop a"]);
}

#[test]
fn resume_values_in_conditions() {
    let script = [false, true, true, true, false, true];
    let r = check_gen_args(
        "in_conditions",
        gen_v::in_conditions,
        twin_v::in_conditions,
        |i| script[i.min(5)],
    );
    assert_eq!(r.ret, 121);
}

#[test]
fn owned_resume_arguments_dropped_right() {
    let arg = |i: usize| D(format!("arg{i}"));
    let r = check_gen_args("owned_args", gen_v::owned_args, twin_v::owned_args, arg);
    // The first argument (`arg0`) is discarded at once.
    assert_eq!(
        r.log,
        [
            "drop arg0",
            "yield 0",
            "yield 4",
            "drop arg1",
            "yield 4",
            "drop arg3",
            "drop arg2"
        ]
    );
    assert_eq!(r.ret, 4);
}

#[test]
fn echo_strings() {
    let mut g = gen_v::echo("> ".to_owned());
    assert_eq!(
        g.resume(String::new()),
        GeneratorState::Yielded("> ".to_owned())
    );
    assert_eq!(
        g.resume("a".to_owned()),
        GeneratorState::Yielded("> a".to_owned())
    );
    assert_eq!(
        g.resume("bc".to_owned()),
        GeneratorState::Yielded("> bc".to_owned())
    );
    assert_eq!(g.resume(String::new()), GeneratorState::Complete(()));
}
