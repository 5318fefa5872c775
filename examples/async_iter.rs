//! Async iterators: `.await` and `yield_!` in one body, consumed from a
//! `#[coro]`. Run with `cargo run --release --example async_iter`.

use std::time::{Duration, Instant};

use coro_runtime::prelude::*;
use coro_runtime::stream::next;
use coro_runtime::time::sleep;

/// Parses each input after a short pause; a bad input ends the stream with
/// its error, as `?` does in async-stream's `try_stream!`.
#[async_iter(yield = Result<u32, String>)]
fn parsed(inputs: Vec<&'static str>) {
    for input in inputs {
        sleep(Duration::from_millis(5)).await;
        let n: u32 = input.parse().map_err(|e| format!("{input:?}: {e}"))?;
        yield_!(Ok(n));
    }
}

/// Sums the stream's values until it ends or fails.
#[coro]
fn total(inputs: Vec<&'static str>) -> (u32, Option<String>) {
    let mut sum = 0;
    let mut items = parsed(inputs);
    loop {
        let (item, rest) = next(items).await;
        items = rest;
        match item {
            Some(Ok(n)) => sum += n,
            Some(Err(e)) => return (sum, Some(e)),
            None => return (sum, None),
        }
    }
}

fn main() -> std::io::Result<()> {
    let rt = Runtime::new()?;
    let started = Instant::now();
    println!("{:?}", rt.block_on(total(vec!["1", "2", "3"])));
    println!("{:?}", rt.block_on(total(vec!["10", "x", "30"])));
    println!("done in {:.1} ms", started.elapsed().as_secs_f64() * 1e3);
    Ok(())
}
