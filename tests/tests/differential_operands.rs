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

/// Takes a borrow and a value: the borrow is an argument before an
/// `.await` in a later one.
fn measure(d: &D, n: u32) -> u32 {
    d.name().len() as u32 * 10 + n
}

fn bump(n: &mut u32, by: u32) -> u32 {
    *n += by;
    *n
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

    // A borrow as an argument before an `.await` in a later argument: rustc
    // holds it across the suspension; the machine takes it after (a
    // reference held in the frame would point into the frame).
    fn borrow_arg_before_await() -> u32 {
        let held = D("held");
        let r = measure(&held, yield_value(1, 1).await);
        log::push(format!("after {r}"));
        r + measure(&held, 0)
    }

    fn borrow_of_temporary_before_await() -> u32 {
        let _first = D("first");
        let r = measure(&D("temp"), yield_value(2, 2).await);
        log::push(format!("after {r}"));
        Yield::times(1).await;
        r
    }

    fn mut_borrow_arg_before_await(start: u32) -> u32 {
        let mut n = start;
        let r = bump(&mut n, yield_value(3, 1).await);
        r + bump(&mut n, ready(1).await)
    }

    fn field_borrow_before_await() -> u32 {
        let pair = (D("left"), yield_value(4, 1).await);
        measure(&pair.0, yield_value(pair.1, 1).await) + measure(&(pair.0), 0)
    }

    // `let r = &x.await;`: rustc extends the temporary to the end of the
    // block; it is dropped there, after the locals declared after it.
    fn let_borrow_of_await_extended() -> usize {
        let _before = D("before");
        let r = &yield_value(D("extended"), 1).await;
        let _after = D("after");
        log::push(format!("using {}", r.name()));
        r.name().len()
    }

    fn let_mut_borrow_of_await() -> usize {
        let v = &mut yield_value(vec![D("one")], 1).await;
        v.push(D("two"));
        log::push(format!("len {}", v.len()));
        v.len()
    }

    // Any pattern: the tuple is one value, dropped at the end of the block,
    // after `_after`, and kept across the last `.await`.
    fn extended_borrow_destructured() -> usize {
        let (a, b) = &yield_value((D("left"), D("right")), 1).await;
        let n = a.name().len() + b.name().len();
        let _after = D("after");
        Yield::times(1).await;
        n
    }

    fn extended_borrow_let_else(some: bool) -> usize {
        let Some(v) = &yield_value(if some { Some(D("some")) } else { None }, 1).await else {
            Yield::times(1).await;
            return 0;
        };
        let n = v.name().len();
        Yield::times(1).await;
        n
    }

    fn borrow_of_await_as_argument() -> u32 {
        let n = measure(&yield_value(D("arg"), 1).await, 1);
        log::push(format!("after {n}"));
        Yield::times(1).await;
        n
    }

    // A field of the awaited value: the whole value is extended, the field
    // borrowed in place; both halves are dropped at the end of the block.
    fn let_borrow_of_await_field() -> usize {
        let r = &yield_value((D("first half"), D("second half")), 1).await.1;
        let _after = D("after");
        log::push(format!("using {}", r.name()));
        r.name().len()
    }

    fn let_borrow_of_parenthesised_await_and_try(ok: bool) -> Result<usize, u32> {
        let a = &(yield_value(D("paren"), 1).await);
        let n = a.name().len();
        let b = &yield_value(if ok { Ok(D("tried")) } else { Err(7u32) }, 1).await?;
        Ok(n + b.name().len())
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

#[test]
fn borrow_arg_before_await() {
    check!(borrow_arg_before_await());
}

#[test]
fn borrow_of_temporary_before_await() {
    check!(borrow_of_temporary_before_await());
}

#[test]
fn mut_borrow_arg_before_await() {
    check!(mut_borrow_arg_before_await(0));
    check!(mut_borrow_arg_before_await(5));
}

#[test]
fn field_borrow_before_await() {
    check!(field_borrow_before_await());
}

#[test]
fn let_borrow_of_await_extended() {
    check!(let_borrow_of_await_extended());
}

#[test]
fn let_mut_borrow_of_await() {
    check!(let_mut_borrow_of_await());
}

#[test]
fn extended_borrow_destructured() {
    check!(extended_borrow_destructured());
}

#[test]
fn extended_borrow_let_else() {
    check!(extended_borrow_let_else(true));
    check!(extended_borrow_let_else(false));
}

#[test]
fn borrow_of_await_as_argument() {
    check!(borrow_of_await_as_argument());
}

#[test]
fn let_borrow_of_await_field() {
    check!(let_borrow_of_await_field());
}

#[test]
fn let_borrow_of_parenthesised_await_and_try() {
    check!(let_borrow_of_parenthesised_await_and_try(true));
    check!(let_borrow_of_parenthesised_await_and_try(false));
}
