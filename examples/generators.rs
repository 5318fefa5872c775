//! Generators: functions that yield values, compiled into explicit state
//! machines. Run with `cargo run --release --example generators`.

use coro_runtime::prelude::*;

/// The primes below `limit`, lazily. `clone`: a suspended `primes` can be
/// cloned (all its locals are `Clone`).
#[generator(yield = u32, clone)]
fn primes(limit: u32) {
    let mut found: Vec<u32> = Vec::new();
    for n in 2..limit {
        if found.iter().all(|p| n % p != 0) {
            found.push(n);
            yield_!(n);
        }
    }
}

/// Re-yields an inner generator's values, squared, then returns how many.
#[generator(yield = u32)]
fn squares_of_primes(limit: u32) -> usize {
    let mut count = 0;
    for p in primes(limit) {
        yield_!(p * p);
        count += 1;
    }
    count
}

/// A running average: each `resume` sends a sample in, each `yield_!` hands
/// the average so far out. The first resume starts the body.
#[generator(yield = f64, resume = f64)]
fn running_average() {
    let (mut sum, mut n) = (0.0, 0.0);
    let mut sample = yield_!(0.0);
    loop {
        sum += sample;
        n += 1.0;
        sample = yield_!(sum / n);
    }
}

fn main() {
    let primes: Vec<u32> = primes(30).collect();
    println!("primes below 30: {primes:?}");

    let zipped: Vec<(u32, u32)> = primes
        .iter()
        .copied()
        .zip(squares_of_primes(30))
        .take(4)
        .collect();
    println!("first primes and their squares: {zipped:?}");

    let mut squares = squares_of_primes(10);
    while let GeneratorState::Yielded(sq) = squares.resume(()) {
        println!("yielded {sq}");
    }
    println!("{:?}", squares.state());

    let mut average = running_average();
    average.resume(0.0);
    for sample in [4.0, 8.0, 6.0] {
        if let GeneratorState::Yielded(avg) = average.resume(sample) {
            println!("after {sample}: average {avg}");
        }
    }

    // A suspended generator is a value: clone it to fork the computation.
    let mut first = primes_after_fork();
    let mut second = first.clone();
    println!("fork: {:?} / {:?}", first.next(), second.nth(1));
}

fn primes_after_fork() -> impl Iterator<Item = u32> + Clone {
    let mut rest = primes(100);
    rest.nth(4);
    rest
}
