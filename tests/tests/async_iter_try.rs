//! `?` in an `#[async_iter]` whose item is a `Result`: the error is yielded
//! as the last item, then the stream ends (like async-stream's
//! `try_stream!`), dropping the locals in rustc's order.
use futures::StreamExt;
use futures::executor::block_on;

use coro_tests::*;

fn parse(s: &str) -> Result<u32, String> {
    s.parse().map_err(|_| format!("bad {s:?}"))
}

#[coro_runtime::async_iter(yield = Result<u32, String>)]
fn parse_all(items: Vec<&'static str>, guard: D) {
    let _g = guard;
    for s in items {
        let _each = D("each");
        Yield::times(1).await;
        let v = parse(s)?;
        yield_!(Ok(v));
    }
}

#[coro_runtime::async_iter(yield = Result<u32, String>)]
fn await_then_question(fail: bool) {
    let v = yield_value(if fail { Err("late".to_owned()) } else { Ok(7) }, 1).await?;
    yield_!(Ok(v));
    yield_!(Ok(v + 1));
}

#[test]
fn ok_items() {
    log::take();
    let v: Vec<_> = block_on(parse_all(vec!["1", "2"], D("g")).collect());
    assert_eq!(v, [Ok(1), Ok(2)]);
    assert_eq!(log::take(), ["drop each", "drop each", "drop g"]);
}

#[test]
fn error_is_last_item() {
    log::take();
    let mut s = parse_all(vec!["1", "x", "3"], D("g"));
    let v: Vec<_> = block_on(s.by_ref().collect());
    assert_eq!(v, [Ok(1), Err("bad \"x\"".to_owned())]);
    // The error's scope unwinds like a plain `?`: `each`, then the guard.
    assert_eq!(log::take(), ["drop each", "drop each", "drop g"]);
    assert_eq!(block_on(s.next()), None);
}

#[test]
fn question_on_awaited_value() {
    let v: Vec<_> = block_on(await_then_question(false).collect());
    assert_eq!(v, [Ok(7), Ok(8)]);
    let v: Vec<_> = block_on(await_then_question(true).collect());
    assert_eq!(v, [Err("late".to_owned())]);
}
