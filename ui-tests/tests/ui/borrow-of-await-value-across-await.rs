use coro_runtime::coro;

fn load() -> std::future::Ready<String> {
    std::future::ready(String::from("data"))
}

// `let r = &x.await;` is fine while `r` is only used before the next
// suspension point; held across one, the frame would hold `r` and the
// value it borrows together.
#[coro]
fn length() -> usize {
    let text = &load().await;
    std::future::ready(()).await;
    text.len()
}

fn main() {}
