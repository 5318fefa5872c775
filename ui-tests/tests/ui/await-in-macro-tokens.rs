use coro_runtime::coro;

fn f() -> std::future::Ready<u32> {
    std::future::ready(1)
}

#[coro]
fn print() {
    println!("{}", f().await);
}

fn main() {}
