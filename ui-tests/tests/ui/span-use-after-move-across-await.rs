use coro_runtime::coro;

#[coro]
fn moved() -> usize {
    let s = String::from("moved");
    drop(s);
    std::future::ready(()).await;
    s.len()
}

fn main() {}
