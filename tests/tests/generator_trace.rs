//! `Trace` on generators and async iterators: `name()` ends with the
//! function name, `state()` is `Unresumed` before the first resume,
//! `Suspended` at the right `yield_!` (label and line) after, `Returned` at
//! the end.
use coro_runtime::{Generator, MachineState, Trace};
use coro_tests::*;

#[coro_runtime::generator(yield = u32)]
fn traced_gen() {
    yield_!(1); // Yield0: TRACE_LINE_0
    yield_!(2); // Yield1
}
const YIELD0_LINE: u32 = line!() - 3;

#[coro_runtime::async_iter(yield = u32)]
fn traced_stream() {
    yield_!(1);
    Yield::times(1).await;
    yield_!(2);
}
const STREAM_YIELD0_LINE: u32 = line!() - 4;

fn point(state: MachineState) -> coro_runtime::ResumePoint {
    match state {
        MachineState::Suspended(p) => p,
        other => panic!("not suspended: {other:?}"),
    }
}

#[test]
fn generator_states() {
    let mut g = traced_gen();
    assert!(g.name().ends_with("traced_gen"), "{}", g.name());
    assert_eq!(g.state(), MachineState::Unresumed);
    g.resume(());
    let p = point(g.state());
    assert_eq!(p.label, "Yield0");
    assert_eq!(p.line, YIELD0_LINE);
    assert!(p.file.ends_with("generator_trace.rs"), "{}", p.file);
    g.resume(());
    let p = point(g.state());
    assert_eq!(p.label, "Yield1");
    assert_eq!(p.line, YIELD0_LINE + 1);
    assert!(g.awaitee().is_none());
    g.resume(());
    assert_eq!(g.state(), MachineState::Returned);
    let bt = g.backtrace();
    assert_eq!(bt.frames.len(), 1);
}

#[test]
fn async_iter_states() {
    use futures::StreamExt;
    let mut s = traced_stream();
    assert!(s.name().ends_with("traced_stream"), "{}", s.name());
    assert_eq!(s.state(), MachineState::Unresumed);
    futures::executor::block_on(async {
        assert_eq!(s.next().await, Some(1));
    });
    let p = point(s.state());
    assert_eq!(p.label, "Yield0");
    assert_eq!(p.line, STREAM_YIELD0_LINE);
    let rest: Vec<u32> = futures::executor::block_on(s.by_ref().collect());
    assert_eq!(rest, [2]);
    assert_eq!(s.state(), MachineState::Returned);
}
