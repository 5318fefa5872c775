// Patterns whose bindings hide a local that a suspension point in the arm
// (or the jump out of a split arm) must still move into the frame: the
// bindings are renamed and re-bound by a `let` at the top of the arm. The
// hidden names and the re-binding may not trip the user's lints, with a
// `mut` binding, a `ref mut` one, a struct field shorthand and an `@`;
// nor may the views a suspending guard sees its bindings through.
#![deny(warnings)]
#![forbid(unsafe_code)]
#![deny(clippy::all, clippy::pedantic)]

use coro_runtime::prelude::*;

fn ready<T>(value: T) -> std::future::Ready<T> {
    std::future::ready(value)
}

struct Point {
    x: u32,
    y: u32,
}

#[coro]
fn arms(next: Option<u32>, point: Point) -> u32 {
    let x = 1;
    let y = String::from("y");
    let mut total = match next {
        Some(mut x) => {
            x += 1;
            ready(()).await;
            x
        }
        None => 0,
    };
    match point {
        Point { x, y: 7 } => total += ready(x).await,
        Point { x, y } => {
            ready(()).await;
            total += x + y;
        }
    }
    if let Some(y) = next.map(|n| n.to_string()) {
        ready(()).await;
        total += u32::try_from(y.len()).unwrap_or(0);
    }
    let mut pair = (String::new(), 2);
    if let (ref mut y, 2) = pair {
        y.push('!');
        ready(()).await;
    }
    let n = match next {
        x @ Some(_) => {
            ready(()).await;
            x.unwrap_or(0)
        }
        None => 0,
    };
    total + n + x + u32::try_from(y.len() + pair.0.len()).unwrap_or(0)
}

#[coro]
fn loops(items: Vec<String>) -> usize {
    let item = String::from("outer");
    let mut total = 0;
    for item in items.clone() {
        ready(()).await;
        total += item.len();
    }
    let mut queue = items;
    while let Some(item) = queue.pop() {
        ready(()).await;
        total += item.len();
    }
    // Split for the drop flag of `owned`, moved on one arm only.
    let owned = String::from("owned");
    match total {
        0 => {}
        item => drop((item, owned)),
    }
    ready(()).await;
    total + item.len()
}

// A guard that names a binding hiding a local sees a view of the renamed
// binding.
#[coro]
fn guard_names_hidden(next: Option<u32>, names: Option<String>) -> u32 {
    let total = 10;
    let name = String::from("outer");
    let extra = match next {
        Some(total) if total > 5 => {
            ready(()).await;
            total
        }
        _ => 0,
    };
    let more = match names {
        Some(name) if name.len() > 2 && name.starts_with('a') => {
            ready(()).await;
            u32::try_from(name.len()).unwrap_or(0)
        }
        _ => 0,
    };
    ready(()).await;
    total + extra + more + u32::try_from(name.len()).unwrap_or(0)
}

// A suspending guard sees its arm's bindings through views (the value of
// a `Copy` one): the arm matches by reference first, then by value.
#[coro]
fn guarded(next: Option<String>, pair: (u32, String)) -> usize {
    let n = match next {
        Some(s) if ready(s.len()).await > 2 => s.len(),
        Some(s) => s.len() + 1,
        None => 0,
    };
    let m = match pair {
        (k, s) if !s.is_empty() && ready(k).await > 1 => s.len(),
        (_, s) => s.len() * 2,
    };
    n + m
}

fn main() {
    let rt = Runtime::new().expect("a runtime");
    assert_eq!(
        rt.block_on(guard_names_hidden(Some(7), Some("abc".to_owned()))),
        10 + 7 + 3 + 5
    );
    let point = Point { x: 3, y: 4 };
    assert_eq!(rt.block_on(arms(Some(5), point)), 6 + 7 + 1 + 5 + 1 + 1 + 1);
    let items = vec!["ab".to_owned(), "c".to_owned()];
    assert_eq!(rt.block_on(loops(items)), 6 + 5);
    assert_eq!(
        rt.block_on(guarded(Some("abc".to_owned()), (2, "xy".to_owned()))),
        3 + 2
    );
    assert_eq!(
        rt.block_on(guarded(Some("a".to_owned()), (0, "xy".to_owned()))),
        2 + 4
    );
}
