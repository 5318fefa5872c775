use coro_runtime::coro;

fn load() -> std::future::Ready<String> {
    std::future::ready(String::from("data"))
}

// `match &x.await { .. }` keeps the awaited value for the whole `match`;
// a binding is a reference into it. Used only before the arm's next
// suspension point that is fine; used after one, the frame would hold the
// binding and the value it borrows together.
#[coro]
fn length() -> usize {
    match &load().await {
        text if text.is_empty() => 0,
        text => {
            std::future::ready(()).await;
            text.len()
        }
    }
}

fn main() {}
