//! `cargo bench -p coro-benches --bench compile_time [-- --smoke]`: time to
//! rebuild a crate of 120 `#[coro]` fns against the same bodies as `async fn`.
fn main() {
    coro_benches::compile_time::run(coro_benches::Mode::from_args());
}
