//! Inspectability (issue 2): a machine reports its name, its resume point
//! (frame variant, file, line, column) and, recursively, the machine it
//! awaits; poisoning and completion show in its state.
use coro_runtime::{Backtrace, MachineState, Trace, coro};
use coro_tests::{Yield, run};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

#[coro]
fn inner() -> u32 {
    Yield::times(1).await;
    1
}

#[coro]
fn middle() -> u32 {
    let a = inner().await;
    a + 1
}

#[coro]
fn outer() -> u32 {
    let before = Yield::times(1).await;
    let () = before;
    middle().await + 1
}

fn poll_once<F: Future + Unpin>(f: &mut F) -> Poll<F::Output> {
    Pin::new(f).poll(&mut Context::from_waker(Waker::noop()))
}

fn suspended_at(state: MachineState) -> (&'static str, u32) {
    match state {
        MachineState::Suspended(point) => {
            assert!(point.file.ends_with("trace.rs"), "file of {point}");
            assert!(point.column > 0, "column of {point}");
            (point.label, point.line)
        }
        other => panic!("expected a suspended machine, got {other:?}"),
    }
}

#[test]
fn names_end_with_the_function_name() {
    assert!(outer().name().ends_with("::outer"), "{}", outer().name());
    assert!(middle().name().ends_with("::middle"));
}

#[test]
fn states_follow_the_resume_points() {
    let mut m = outer();
    assert_eq!(m.state(), MachineState::Unresumed);
    assert!(m.awaitee().is_none());

    assert!(poll_once(&mut m).is_pending());
    let (label, first_line) = suspended_at(m.state());
    assert_eq!(label, "Await0");
    // `Yield` is not a machine: the chain stops there.
    assert!(m.awaitee().is_none());

    assert!(poll_once(&mut m).is_pending());
    let (label, second_line) = suspended_at(m.state());
    assert_eq!(label, "Await1");
    assert_eq!(
        second_line,
        first_line + 2,
        "the second `.await` is two lines below the first"
    );

    assert_eq!(run(m).0, 3);
}

#[test]
fn the_backtrace_descends_through_awaited_machines() {
    let mut m = outer();
    assert!(poll_once(&mut m).is_pending());
    assert!(poll_once(&mut m).is_pending());
    let trace = Backtrace::capture(&m);
    let names: Vec<&str> = trace
        .frames
        .iter()
        .map(|f| f.name.rsplit("::").next().unwrap())
        .collect();
    assert_eq!(names, ["outer", "middle", "inner"]);
    let labels: Vec<&str> = trace
        .frames
        .iter()
        .map(|f| match f.state {
            MachineState::Suspended(p) => p.label,
            _ => "-",
        })
        .collect();
    assert_eq!(labels, ["Await1", "Await0", "Await0"]);
    let text = trace.to_string();
    assert!(
        text.contains("outer") && text.contains("middle") && text.contains("inner"),
        "{text}"
    );
    assert!(text.contains("trace.rs:"), "{text}");
}

#[test]
fn completion_and_poison_show_in_the_state() {
    let mut done = inner();
    assert_eq!(run(&mut done).0, 1);
    assert_eq!(done.state(), MachineState::Returned);

    #[coro]
    fn boom() -> u32 {
        Yield::times(1).await;
        panic!("boom")
    }
    let mut m = boom();
    assert!(poll_once(&mut m).is_pending());
    let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| poll_once(&mut m)));
    assert!(panicked.is_err());
    assert_eq!(m.state(), MachineState::Poisoned);
}
