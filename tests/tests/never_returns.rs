//! `-> !`: a coroutine that never returns. `async fn f() -> !` compiles on
//! stable Rust, but `!` as the argument of `Coroutine<Output = ..>` does not,
//! so the machine's output is `core::convert::Infallible` (stable Rust's
//! `!`); the body, of type `!`, coerces to it.
use std::convert::Infallible;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};

use coro_runtime::{Coroutine, MachineState, Trace, coro, generator};
use coro_tests::*;

#[coro]
fn serve(rounds: u32) -> ! {
    let _guard = D("guard");
    let mut served = 0;
    loop {
        yield_value((), 1).await;
        served += 1;
        if served == rounds {
            panic!("served {served}");
        }
    }
}

#[coro]
fn await_forever(rounds: u32) -> u32 {
    let never = serve(rounds).await;
    match never {}
}

#[generator(yield = u32)]
fn naturals() -> ! {
    let mut n = 0;
    loop {
        yield_!(n);
        n += 1;
    }
}

fn output_is_infallible<C: Coroutine<Output = Infallible>>(_: &C) {}

fn panic_message(err: Box<dyn std::any::Any + Send>) -> String {
    err.downcast_ref::<String>().cloned().unwrap_or_default()
}

#[test]
fn the_output_is_infallible() {
    output_is_infallible(&serve(1));
}

#[test]
fn it_suspends_and_panics_like_the_body_says() {
    log::take();
    let err = catch_unwind(AssertUnwindSafe(|| run(serve(3)))).unwrap_err();
    assert_eq!(panic_message(err), "served 3");
    assert_eq!(
        log::take(),
        ["drop guard"],
        "the guard is dropped once, by the unwind"
    );
}

#[test]
fn dropped_while_suspended_it_drops_its_locals() {
    log::take();
    let mut machine = Box::pin(serve(10));
    let waker = std::task::Waker::noop();
    let mut cx = std::task::Context::from_waker(waker);
    for _ in 0..4 {
        assert!(machine.as_mut().poll(&mut cx).is_pending());
    }
    assert!(matches!(machine.state(), MachineState::Suspended(_)));
    drop(machine);
    assert_eq!(log::take(), ["drop guard"]);
}

#[test]
fn awaiting_it_from_another_coroutine() {
    let err = catch_unwind(AssertUnwindSafe(|| run(await_forever(2)))).unwrap_err();
    assert_eq!(panic_message(err), "served 2");
}

#[test]
fn a_generator_that_never_returns() {
    assert_eq!(naturals().take(4).collect::<Vec<_>>(), [0, 1, 2, 3]);
}
