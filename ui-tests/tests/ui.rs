//! Compile-fail cases (`tests/ui`) and cases that must compile (`tests/pass`).
//! Refresh the `.stderr` snapshots with
//! `TRYBUILD=overwrite cargo test -p coro-ui-tests --test ui`, then read them.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    t.pass("tests/pass/*.rs");
}
