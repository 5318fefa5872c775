use coro_runtime::coro;

fn measure(s: &String) -> std::future::Ready<usize> {
    std::future::ready(s.len())
}

#[coro]
fn length() -> usize {
    let local = String::from("frame local");
    measure(&local).await
}

fn main() {}
