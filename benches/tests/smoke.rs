//! Runs every bench program's core in smoke mode (tiny counts), so the
//! benches keep compiling and running under `cargo test`; measures nothing.

#[allow(dead_code)]
#[path = "../benches/generators.rs"]
mod generators;

use coro_benches::{Mode, compile_time, frames};

#[test]
fn frames_smoke() {
    let rows = frames::run(Mode::Smoke);
    assert!(rows.len() >= 12, "{} bodies", rows.len());
    for r in &rows {
        assert!(r.mismatch.is_none(), "{}: {:?}", r.name, r.mismatch);
        assert!(r.coro_size > 0 && r.async_size > 0);
    }
}

#[test]
fn generators_smoke() {
    let workloads = generators::run(Mode::Smoke);
    assert_eq!(workloads.len(), 2);
    for w in &workloads {
        assert_eq!(w.stats.len(), generators::CONTENDERS.len());
    }
}

#[test]
fn compile_time_smoke() {
    assert!(compile_time::run(Mode::Smoke).is_none());
}
