use coro_runtime::coro;

#[coro]
fn describe<T>(value: T) -> String {
    std::future::ready(()).await;
    value.to_string()
}

fn main() {}
