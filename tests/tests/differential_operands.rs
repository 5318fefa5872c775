//! Differential tests: `.await` in operand positions — call and method
//! arguments, binary and unary operators, short-circuiting operators,
//! casts, array and tuple elements, struct literal fields, index
//! expressions, block tails, awaits of awaited futures.
use coro_tests::*;

/// A shared output type for the struct-literal case.
#[derive(Debug, PartialEq)]
pub struct Point {
    pub x: u32,
    pub y: u32,
    pub label: D,
}

/// A plain function shared by both flavours.
fn add3(a: u32, b: u32, c: u32) -> u32 {
    a * 100 + b * 10 + c
}

differential! {
    fn call_args() -> u32 {
        add3(yield_value(1, 1).await, ready(2).await, yield_value(3, 2).await)
    }

    fn call_args_with_values() -> usize {
        let held = D("held");
        let n = consume(D("first"), yield_value(D("second"), 1).await, held).await;
        Yield::times(1).await;
        n
    }

    fn binary_ops() -> u32 {
        yield_value(6, 1).await * ready(7).await - yield_value(2, 1).await + (yield_value(9, 1).await % 4)
    }

    fn lazy_boolean(a: bool) -> bool {
        a && yield_value(true, 1).await || !ready(a).await && yield_value(false, 2).await
    }

    fn unary_and_cast() -> i64 {
        -(yield_value(5u32, 1).await as i64) + (!ready(false).await) as i64
    }

    fn method_args() -> String {
        let s = String::from("ab");
        s.repeat(yield_value(3, 1).await) + &ready(String::from("c")).await
    }

    fn method_receiver() -> usize {
        yield_value(String::from("receiver"), 1).await.len() + ready(vec![1, 2]).await.len()
    }

    fn array_and_tuple() -> ([u32; 3], (u32, D)) {
        (
            [yield_value(1, 1).await, 2, ready(3).await],
            (yield_value(4, 1).await, yield_value(D("t"), 1).await),
        )
    }

    fn struct_literal() -> Point {
        Point {
            x: yield_value(1, 1).await,
            label: yield_value(D("pt"), 1).await,
            y: ready(2).await,
        }
    }

    fn index_expression() -> u32 {
        let v: Vec<u32> = (1..=3).map(|i| i * 10).collect();
        let a = v[yield_value(1, 1).await];
        a + [1, 2, 3][ready(2).await]
    }

    fn block_tail() -> u32 {
        let x = {
            let _t = D("tail");
            yield_value(5, 1).await
        };
        x + {
            Probe::new("second tail", 1).await
        }
        .len() as u32
    }

    fn await_of_awaited() -> u32 {
        yield_value(yield_value(3, 1), 1).await.await
    }

    fn nested_call_chain(n: u32) -> u32 {
        double(double(yield_value(n, 1).await).await).await
    }

    fn double(n: u32) -> u32 {
        Yield::times(1).await;
        n * 2
    }

    fn consume(a: D, b: D, c: D) -> usize {
        Yield::times(1).await;
        a.name().len() + b.name().len() + c.name().len()
    }

    fn range_and_compare(n: u32) -> bool {
        let r = yield_value(1, 1).await..ready(n).await;
        r.contains(&yield_value(2, 1).await) == (yield_value(n, 1).await > 2)
    }

    fn return_operand(n: u32) -> u32 {
        let _d = D("ret");
        if n > 0 {
            return yield_value(n, 1).await + ready(1).await;
        }
        0
    }
}

#[test]
fn call_args() {
    check!(call_args());
}

#[test]
fn call_args_with_values() {
    check(
        "call_args_with_values",
        coro_v::call_args_with_values,
        async_v::call_args_with_values,
    );
}

#[test]
fn binary_ops() {
    check!(binary_ops());
}

#[test]
fn lazy_boolean() {
    check!(lazy_boolean(true));
    check!(lazy_boolean(false));
}

#[test]
fn unary_and_cast() {
    check!(unary_and_cast());
}

#[test]
fn method_args() {
    check!(method_args());
}

#[test]
fn method_receiver() {
    check!(method_receiver());
}

#[test]
fn array_and_tuple() {
    check!(array_and_tuple());
}

#[test]
fn struct_literal() {
    check!(struct_literal());
}

#[test]
fn index_expression() {
    check!(index_expression());
}

#[test]
fn block_tail() {
    check!(block_tail());
}

#[test]
fn await_of_awaited() {
    check!(await_of_awaited());
}

#[test]
fn nested_call_chain() {
    check!(nested_call_chain(3));
}

#[test]
fn range_and_compare() {
    check!(range_and_compare(1));
    check!(range_and_compare(5));
}

#[test]
fn return_operand() {
    check!(return_operand(0));
    check!(return_operand(2));
}
