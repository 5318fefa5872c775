//! Introspection: ids, names, priorities, states and async backtraces.
mod common;

use std::time::Duration;

use common::rt;
use coro_runtime::runtime::{Handle, TaskState};
use coro_runtime::task::{self, Priority, from_future};
use coro_runtime::time::sleep;
use coro_runtime::{MachineState, Trace};

#[test]
fn tasks_are_listed_with_names_and_states() {
    let rt = rt();
    let sleeper = task::Builder::new()
        .name("sleeper")
        .priority(Priority::Low)
        .spawn_on(rt.handle(), sleep(Duration::from_secs(60)));
    let unnamed = rt.spawn(from_future(async {}));
    let dump = rt.block_on(from_future(async {
        task::yield_now().await;
        Handle::current().tasks()
    }));
    let s = dump
        .iter()
        .find(|t| t.name == "sleeper")
        .expect("named task listed");
    assert_eq!(s.priority, Priority::Low);
    assert_eq!(s.state, TaskState::Idle);
    assert_eq!(s.id, sleeper.id());
    assert_eq!(s.backtrace.frames.len(), 1);
    assert_eq!(s.backtrace.frames[0].name, "coro_runtime::time::sleep");
    let MachineState::Suspended(point) = s.backtrace.frames[0].state else {
        panic!("suspended sleep")
    };
    assert_eq!(point.label, "sleep");
    assert!(
        point.file.ends_with("dump.rs"),
        "the creation site: {point}"
    );
    let u = dump
        .iter()
        .find(|t| t.id == unnamed.id())
        .expect("finished task listed");
    assert_eq!(u.state, TaskState::Finished);
    let text = rt.dump();
    assert!(text.contains("sleeper"), "{text}");
    sleeper.cancel();
}

#[test]
fn a_join_handle_traces_as_the_awaited_task() {
    let rt = rt();
    rt.block_on(from_future(async {
        let child = task::Builder::new()
            .name("child")
            .spawn(sleep(Duration::from_millis(1)));
        assert_eq!(child.name(), "child");
        assert_eq!(child.state(), MachineState::Unresumed);
        let anonymous = task::spawn(sleep(Duration::from_millis(1)));
        assert_eq!(anonymous.name(), "coro_runtime::time::sleep");
        child.await.unwrap();
        anonymous.await.unwrap();
    }));
}

#[test]
fn task_ids_are_unique() {
    let rt = rt();
    let ids: Vec<_> = (0..10)
        .map(|_| rt.spawn(from_future(async {})).id())
        .collect();
    let mut sorted = ids.clone();
    sorted.dedup();
    assert_eq!(sorted.len(), 10);
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
}
