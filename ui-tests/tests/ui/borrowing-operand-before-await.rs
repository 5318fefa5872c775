// An operand evaluated before a suspension point later in the same
// expression is held across it; one that borrows a local of the coroutine
// (`map.entry(k)`, `list.first()`) cannot be: the error says to await first.
use coro_runtime::coro;
use std::collections::HashMap;

fn load(n: u32) -> std::future::Ready<Vec<u32>> {
    std::future::ready(vec![n])
}

fn pick(first: Option<&u32>, more: Vec<u32>) -> u32 {
    first.copied().unwrap_or(0) + more.len() as u32
}

#[coro]
fn entry(k: u32) -> usize {
    let mut map: HashMap<u32, Vec<u32>> = HashMap::new();
    map.entry(k).or_insert(load(k).await).push(2);
    map.len()
}

#[coro]
fn argument(k: u32) -> u32 {
    let list = vec![k];
    pick(list.first(), load(k).await)
}

// Not a borrow the macro knows of: the value is owned (no error).
#[coro]
fn owned(k: u32) -> usize {
    let list = vec![k];
    list.len() + load(k).await.len()
}

fn main() {}
