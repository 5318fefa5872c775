// The generated code must not trip the user's lints.
#![deny(warnings)]
#![forbid(unsafe_code)]
#![deny(clippy::all, clippy::pedantic)]
#![deny(
    rust_2018_idioms,
    unused_qualifications,
    unreachable_pub,
    missing_debug_implementations
)]

use coro_runtime::coro;

fn ready<T>(value: T) -> std::future::Ready<T> {
    std::future::ready(value)
}

fn parse(s: &str) -> Result<u32, std::num::ParseIntError> {
    s.parse()
}

#[derive(Debug)]
struct Counter {
    step: u32,
}

impl Counter {
    #[coro]
    fn advance(&self, from: u32) -> u32 {
        let next = ready(from + self.step).await;
        next
    }
}

#[coro]
fn lints(input: String, counter: &Counter) -> Result<u32, std::num::ParseIntError> {
    let base = parse(&input)?;
    let mut total = 0;
    for i in 0..3 {
        total += ready(i).await;
    }
    let mut n = 0;
    while n < 2 {
        n += 1;
        if n == 1 {
            continue;
        }
        total += counter.advance(n).await;
    }
    let kind = match ready(total % 3).await {
        0 => "zero",
        1 => "one",
        _ => "two",
    };
    let extra = loop {
        break ready(kind.len()).await;
    };
    Ok(base + total + u32::try_from(extra).unwrap_or(0))
}

// Session 6's constructs: a `let` chain that suspends after its first
// condition, `#[cfg]`s around suspension points, parameters after a pattern.
#[coro]
fn newer_constructs((a, b): (u32, u32), c: Option<u32>) -> u32 {
    let mut total = a;
    if let Some(x) = c
        && ready(x > b).await
    {
        total += x;
    }
    #[cfg(any())]
    {
        total += ready(1000).await;
    }
    #[cfg(not(any()))]
    {
        total += ready(b).await;
    }
    while let Some(y) = total.checked_sub(10)
        && ready(y > 0).await
    {
        total = y;
    }
    total
}

// Pattern bindings: one a suspending guard reads by value and the body
// does not (read once more at the top of the body, so that rustc does not
// call it unused), one hiding a local (renamed and re-bound), `mut` ones
// mutated only after a suspension point.
#[coro]
fn pattern_bindings(name: String, v: Option<Vec<u32>>) -> usize {
    let total = match Some(name) {
        Some(s) if ready(s.len()).await > 1 => ready(2).await,
        _ => 0,
    };
    let found = match v {
        Some(mut v) => {
            ready(()).await;
            v.push(1);
            v.len()
        }
        None => 0,
    };
    match Some(found) {
        Some(total) => ready(total).await,
        None => total,
    }
}

// `mut` pattern bindings mutated only after a suspension point: in a
// `match` arm (with a guard naming them too), `while let`, `if let`, `for`
// and `let .. else`.
#[coro]
fn mut_pattern_bindings(items: Vec<String>, first: Option<String>) -> usize {
    let mut total = 0;
    match first {
        Some(mut s) => {
            ready(()).await;
            s.push('!');
            total += s.len();
        }
        None => {}
    }
    let mut queue = items;
    while let Some(mut s) = queue.pop() {
        ready(()).await;
        s.push('?');
        total += s.len();
    }
    if let Some(mut n) = Some(total) {
        ready(()).await;
        n += 1;
        total = n;
    }
    for (i, mut s) in vec![String::from("x")].into_iter().enumerate() {
        ready(i).await;
        s.push('.');
        total += s.len();
    }
    // Guards naming the binding, one of them suspending.
    total += match Some(total) {
        Some(mut n) if n > 100 => {
            ready(()).await;
            n -= 100;
            n
        }
        Some(mut n) if ready(n).await > 0 => {
            ready(()).await;
            n += 1;
            n
        }
        _ => 0,
    };
    let Some(mut last) = Some(String::from("e")) else {
        return total;
    };
    ready(()).await;
    last.push('e');
    total + last.len()
}

/// Temporaries kept across a suspension point of their statement: roots of
/// method chains and borrowed values in operands, and in conditions that
/// suspend (a scope of their own), including a `&mut self` method's.
#[coro]
fn temporaries(words: Vec<String>, n: usize) -> usize {
    let mut total = String::from("ab").len() + ready(n).await;
    total += words.iter().map(String::len).sum::<usize>() + ready(1).await;
    let longest = vec![3, 1, 2].iter_mut().map(|x| *x).max().unwrap_or(0) + ready(0).await;
    if String::from("abc").len() > ready(n).await {
        ready(()).await;
        total += 1;
    }
    if let Some(first) = String::from("xyz").chars().next().filter(|_| n > 0)
        && ready(n).await > 1
    {
        total += u32::from(first) as usize;
    }
    while total + String::new().len() < ready(total + 1).await {
        total += 1;
    }
    let pair = (Some(String::from("q")).is_some(), ready(total).await);
    total + longest + usize::from(pair.0) + pair.1
}

fn main() {
    let counter = Counter { step: 1 };
    drop(lints(String::from("4"), &counter));
    drop(newer_constructs((1, 2), Some(3)));
    drop(pattern_bindings(String::from("ab"), Some(vec![1])));
    drop(mut_pattern_bindings(vec![String::from("a")], None));
    drop(temporaries(vec![String::from("w")], 2));
}
