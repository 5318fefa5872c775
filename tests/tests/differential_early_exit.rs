//! Differential tests: early `return`, `?` on `Result` (with `From`
//! conversion) and on `Option`, exits from nested scopes.
use coro_tests::*;

/// A shared error type, to check that `?` converts with `From`.
#[derive(Debug, PartialEq)]
pub struct Failure(pub String);

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure(message)
    }
}

/// Plain helper shared by both flavours.
fn checked(x: u32) -> Result<u32, String> {
    if x > 100 {
        Err(format!("{x} too large"))
    } else {
        Ok(x * 2)
    }
}

differential! {
    fn early_return(n: u32) -> u32 {
        let _a = D("a");
        Yield::times(1).await;
        if n > 1 {
            let _b = D("b");
            return yield_value(n, 1).await;
        }
        let _c = D("c");
        Yield::times(1).await;
        0
    }

    fn parse(n: u32) -> Result<u32, String> {
        let _p = D("parse");
        Yield::times(1).await;
        if n == 0 { Err("zero".to_owned()) } else { Ok(n) }
    }

    fn question_result(n: u32) -> Result<u32, String> {
        let _a = D("a");
        let x = parse(n).await?;
        let _b = D("b");
        let y = yield_value(checked(x), 1).await?;
        Ok(x + y)
    }

    fn question_converts(n: u32) -> Result<u32, Failure> {
        let _a = D("a");
        let total = parse(n).await? + parse(n + 1).await?;
        Probe::new("after", 1).await;
        Ok(total)
    }

    fn question_option(v: Vec<u32>) -> Option<u32> {
        let _a = D("a");
        let first = yield_value(v.first().copied(), 1).await?;
        let _b = D("b");
        let last = ready(v.last().copied()).await?;
        let third = yield_value(v.get(2).copied(), 1).await?;
        Some(first + last + third)
    }

    fn question_in_operand(a: u32, b: u32) -> Option<u32> {
        let d = D("operand");
        Some(yield_value(a.checked_sub(b), 1).await? * ready(d.name().len() as u32).await)
    }

    fn return_from_loop(limit: u32) -> u32 {
        let _outer = D("outer");
        let mut i = 0;
        loop {
            let _it = D("it");
            i += yield_value(1, 1).await;
            if i >= limit {
                return i * 100;
            }
            for j in 0..3 {
                let _inner = D("inner");
                if j == i {
                    Yield::times(1).await;
                    return j;
                }
            }
        }
    }

    fn return_from_match(v: Result<D, u32>) -> u32 {
        let _local = D("local");
        let n = match v {
            Ok(d) => {
                Yield::times(1).await;
                return d.name().len() as u32;
            }
            Err(n) => n,
        };
        yield_value(n, 1).await
    }

    fn return_unit(skip: bool) {
        let _a = D("a");
        if skip {
            return;
        }
        Probe::new("not skipped", 2).await;
    }
}

#[test]
fn early_return() {
    check!(early_return(0));
    check!(early_return(5));
}

#[test]
fn question_result() {
    check!(question_result(0));
    check!(question_result(7));
    check!(question_result(90));
}

#[test]
fn question_converts() {
    check!(question_converts(0));
    check!(question_converts(3));
}

#[test]
fn question_option() {
    check!(question_option(vec![]));
    check!(question_option(vec![1, 2]));
    check!(question_option(vec![1, 2, 3]));
}

#[test]
fn question_in_operand() {
    check!(question_in_operand(2, 5));
    check!(question_in_operand(5, 2));
}

#[test]
fn return_from_loop() {
    check!(return_from_loop(1));
    check!(return_from_loop(5));
}

#[test]
fn return_from_match() {
    check!(return_from_match(Ok(D("ok"))));
    check!(return_from_match(Err(4)));
}

#[test]
fn return_unit() {
    check!(return_unit(true));
    check!(return_unit(false));
}
