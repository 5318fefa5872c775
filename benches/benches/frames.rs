//! `cargo bench -p coro-benches --bench frames [-- --smoke]`: sizes and poll
//! costs of `#[coro]` machines against rustc's `async fn`, same bodies.
fn main() {
    coro_benches::frames::run(coro_benches::Mode::from_args());
}
