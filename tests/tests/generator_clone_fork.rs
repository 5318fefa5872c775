//! `Clone` forks: a generator declared with `clone` (all its locals are
//! `Clone`) can be cloned while suspended; the fork continues independently
//! from the same point.
use coro_runtime::{Generator, GeneratorState, yield_};

#[coro_runtime::generator(yield = u32, clone)]
fn counter(start: u32, step: u32) -> u32 {
    let mut n = start;
    let mut seen = Vec::new();
    for _ in 0..5 {
        yield_!(n);
        seen.push(n);
        n += step;
    }
    seen.iter().sum()
}

#[coro_runtime::generator(yield = String, resume = String, clone)]
fn accumulate() -> String {
    let mut acc = String::new();
    loop {
        let next = yield_!(acc.clone());
        if next.is_empty() {
            return acc;
        }
        acc.push_str(&next);
    }
}

#[test]
fn fork_midway() {
    let mut a = counter(10, 1);
    assert_eq!(a.next(), Some(10));
    assert_eq!(a.next(), Some(11));
    let mut b = a.clone();
    assert_eq!(a.next(), Some(12));
    assert_eq!(a.next(), Some(13));
    assert_eq!(b.next(), Some(12));
    let rest_a: Vec<u32> = a.collect();
    let rest_b: Vec<u32> = b.collect();
    assert_eq!(rest_a, [14]);
    assert_eq!(rest_b, [13, 14]);
}

#[test]
fn forks_diverge_with_resume_arguments() {
    let mut a = accumulate();
    assert_eq!(
        a.resume(String::new()),
        GeneratorState::Yielded(String::new())
    );
    assert_eq!(
        a.resume("x".to_owned()),
        GeneratorState::Yielded("x".to_owned())
    );
    let mut b = a.clone();
    assert_eq!(
        a.resume("y".to_owned()),
        GeneratorState::Yielded("xy".to_owned())
    );
    assert_eq!(
        b.resume("z".to_owned()),
        GeneratorState::Yielded("xz".to_owned())
    );
    assert_eq!(
        a.resume(String::new()),
        GeneratorState::Complete("xy".to_owned())
    );
    assert_eq!(
        b.resume(String::new()),
        GeneratorState::Complete("xz".to_owned())
    );
}

#[test]
fn fork_of_unresumed_and_of_finished() {
    let fresh = counter(0, 2);
    let copy = fresh.clone();
    assert_eq!(fresh.collect::<Vec<_>>(), copy.collect::<Vec<_>>());
    let mut done = counter(0, 1);
    while done.next().is_some() {}
    let mut done2 = done.clone();
    assert_eq!(done2.next(), None);
}

#[test]
fn fork_returns_its_own_value() {
    let mut a = counter(1, 1);
    for _ in 0..3 {
        a.resume(());
    }
    let mut b = a.clone();
    let finish = |g: &mut dyn FnMut() -> GeneratorState<u32, u32>| loop {
        if let GeneratorState::Complete(r) = g() {
            break r;
        }
    };
    assert_eq!(finish(&mut || a.resume(())), 15);
    assert_eq!(finish(&mut || b.resume(())), 15);
}
