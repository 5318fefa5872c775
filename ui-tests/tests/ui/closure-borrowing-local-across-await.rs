use coro_runtime::coro;

// A closure without `move` that formats a local captures it by reference;
// used after a suspension point, the frame would hold the closure next to
// the local it borrows.
#[coro]
fn logged(prefix: String) -> usize {
    let log = |message: &str| format!("{prefix}: {message}").len();
    let first = log("start");
    std::future::ready(()).await;
    first + log("end")
}

fn main() {}
