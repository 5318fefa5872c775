//! Resuming after completion (rust-lang/rust
//! `tests/ui/coroutine/resume-after-return.rs`): `resume` panics saying
//! "completed" and drops nothing; `Iterator::next` returns `None` forever.
use coro_runtime::{Generator, GeneratorState, MachineState, Trace};
use coro_tests::*;

#[coro_runtime::generator(yield = u32)]
fn one_then_return(a: D) -> D {
    yield_!(1);
    a
}

fn message(err: Box<dyn std::any::Any + Send>) -> String {
    err.downcast_ref::<String>()
        .cloned()
        .or_else(|| err.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap()
}

#[test]
fn resume_after_complete_panics() {
    log::take();
    let mut g = one_then_return(D("a"));
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    match g.resume(()) {
        GeneratorState::Complete(d) => assert_eq!(d.name(), "a"),
        GeneratorState::Yielded(v) => panic!("yielded {v}"),
    }
    assert_eq!(log::take(), ["drop a"]);
    assert_eq!(g.state(), MachineState::Returned);
    let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| g.resume(()))).unwrap_err();
    let msg = message(err);
    assert!(msg.contains("completed"), "{msg:?}");
    drop(g);
    assert_eq!(log::take(), Vec::<String>::new());
}

#[test]
fn every_resume_after_complete_says_completed() {
    let mut g = one_then_return(D("a"));
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    assert!(matches!(g.resume(()), GeneratorState::Complete(_)));
    for i in 0..3 {
        let err =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| g.resume(()))).unwrap_err();
        let msg = message(err);
        assert!(
            msg.contains("completed"),
            "resume {i} after completion: {msg:?}"
        );
    }
    assert_eq!(g.state(), MachineState::Returned);
    log::take();
}

#[test]
fn iterator_is_fused() {
    log::take();
    let mut g = one_then_return(D("a"));
    assert_eq!(g.next(), Some(1));
    assert_eq!(g.next(), None);
    // The return value is dropped by `next`.
    assert_eq!(log::take(), ["drop a"]);
    for _ in 0..3 {
        assert_eq!(g.next(), None);
    }
    drop(g);
    assert_eq!(log::take(), Vec::<String>::new());
}

#[test]
fn next_after_resume_completed_is_none() {
    let mut g = one_then_return(D("a"));
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    assert!(matches!(g.resume(()), GeneratorState::Complete(_)));
    assert_eq!(g.next(), None);
    log::take();
}
