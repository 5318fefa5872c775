//! Runs every bench program's core in smoke mode (tiny counts), so the
//! benches keep compiling and running under `cargo test`; measures nothing.

#[allow(dead_code)]
#[path = "../benches/generators.rs"]
mod generators;

// Brings the runtime bench's counting `#[global_allocator]` into this test
// binary too (it counts only while a measurement switches it on). A
// `#[path]`-included file is read like a `mod.rs`, so the bench's own
// `mod ours;` etc. resolve to the files beside `main.rs`.
#[allow(dead_code)]
#[path = "../benches/runtime/main.rs"]
mod runtime;

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
    assert_eq!(workloads.len(), 3);
    for w in &workloads {
        assert_eq!(w.stats.len(), generators::CONTENDERS.len());
    }
}

#[test]
fn compile_time_smoke() {
    assert!(compile_time::run(Mode::Smoke).is_none());
}

#[test]
fn runtime_smoke() {
    let started = std::time::Instant::now();
    let (rows, notes) = runtime::run(Mode::Smoke);
    assert!(rows.len() >= 13, "{} rows", rows.len());
    for r in &rows {
        for s in &r.stats {
            assert!(s.median.is_finite(), "{}: {s:?}", r.workload);
        }
    }
    assert!(!notes.is_empty());
    assert!(runtime::render(&rows).contains("spawn_many"));
    assert!(started.elapsed().as_secs() < 30, "smoke run too slow");
}
