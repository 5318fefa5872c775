use coro_runtime::coro;

fn ready(value: u32) -> std::future::Ready<u32> {
    std::future::ready(value)
}

// `token` is moved on one path only: the `.await` gets two frame variants,
// `Await0` holding it and `Await0WithoutToken`, picked when it suspends.
#[coro]
fn spend(token: Vec<u8>, pay: bool) -> usize {
    let paid = if pay { consume(token) } else { 0 };
    paid + ready(1).await as usize
}

fn consume(token: Vec<u8>) -> usize {
    token.len()
}

fn main() {}
