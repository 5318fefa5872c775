// A local holding a borrow of another local, used after a suspension point:
// the frame would hold both. The error names both and the fix.
use coro_runtime::{coro, task};

#[coro]
fn first_after_yield(v: Vec<u32>) -> u32 {
    let first = &v[0];
    task::yield_now().await;
    *first
}

#[coro]
fn words_after_yield(text: String) -> usize {
    let mut words = text.split_whitespace();
    task::yield_now().await;
    words.next().map_or(0, str::len)
}

// Fine: the reference is dead by the suspension point, or borrows through a
// reference parameter, whose target is outside the frame.
#[coro]
fn copied_before(v: Vec<u32>) -> u32 {
    let first = &v[0];
    let n = *first;
    task::yield_now().await;
    n + v.len() as u32
}

#[coro]
fn through_a_reference(s: &str) -> usize {
    let rest = &s[1..];
    task::yield_now().await;
    rest.len()
}

fn main() {
    let _ = (
        first_after_yield(vec![1]),
        words_after_yield(String::new()),
        copied_before(vec![1]),
        through_a_reference("ab"),
    );
}
