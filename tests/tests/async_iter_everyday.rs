//! `#[async_iter]` streams as one writes them (lines split out of awaited
//! chunks, pages of items with `continue`, a stream of `Result`s that ends
//! at the first error, owned items with an index), and `#[coro]` bodies
//! consuming a stream with `stream::next`, which takes it and hands it
//! back: in a `loop`, and in the condition of a `while let`
//! (`consume_with_while_let` did not compile before: E0381).
// `enumerated` counts by hand on purpose (a counter carried across `.await`
// and `yield_!`).
#![allow(clippy::explicit_counter_loop)]
use coro_runtime::stream::next;
use coro_tests::*;

gen_differential! {
    #[async_iter(yield = String)]
    fn lines(n: u32) {
        let mut buf = String::new();
        for i in 0..n {
            let chunk = yield_value(format!("l{i}\n"), 1).await;
            buf.push_str(&chunk);
            while let Some(pos) = buf.find('\n') {
                let line: String = buf.drain(..=pos).collect();
                if line.len() > 1 {
                    yield_!(line.trim_end().to_string());
                }
            }
        }
        if !buf.is_empty() {
            yield_!(buf);
        }
    }
    #[async_iter(yield = u32)]
    fn paginate(pages: u32) {
        let mut page = 0;
        let _g = D("conn");
        loop {
            let items: Vec<u32> = yield_value((0..3).map(|i| page * 10 + i).collect(), 1).await;
            if items.is_empty() || page >= pages { break; }
            for item in items {
                if item % 7 == 6 {
                    continue;
                }
                yield_!(item);
            }
            page += 1;
        }
    }
    #[async_iter(yield = Result<u32, String>)]
    fn fallible(n: u32) {
        for i in 0..n {
            let r: Result<u32, String> = yield_value(if i == 3 { Err("boom".to_string()) } else { Ok(i) }, 1).await;
            // (The rustc twin's `yield_!` does not see the item type: the
            // turbofish is for it.)
            match r {
                Ok(v) => yield_!(Ok::<u32, String>(v * 2)),
                Err(e) => { yield_!(Err::<u32, String>(e)); return; }
            }
        }
    }
    #[async_iter(yield = (usize, D<String>))]
    fn enumerated(n: u32) {
        let names: Vec<D<String>> = (0..n).map(|i| D(format!("n{i}"))).collect();
        let mut idx = 0;
        for d in names {
            Yield::times(1).await;
            yield_!((idx, d));
            idx += 1;
        }
    }
}

differential! {
    fn consume_lines(n: u32) -> usize {
        let mut s = super::gen_v::lines(n);
        let mut total = 0;
        loop {
            let (item, rest) = next(s).await;
            s = rest;
            match item {
                Some(line) => total += line.len(),
                None => break,
            }
        }
        total
    }
    fn consume_with_while_let(n: u32) -> u32 {
        let mut stream = super::gen_v::paginate(n);
        let mut sum = 0;
        while let (Some(v), rest) = next(stream).await {
            stream = rest;
            sum += v;
        }
        sum
    }
}

#[test]
fn stream_everyday() {
    for n in 0..5u32 {
        check_stream("lines", || gen_v::lines(n), || twin_v::lines(n));
        check_stream("paginate", || gen_v::paginate(n), || twin_v::paginate(n));
        check_stream("fallible", || gen_v::fallible(n), || twin_v::fallible(n));
        check_stream(
            "enumerated",
            || gen_v::enumerated(n),
            || twin_v::enumerated(n),
        );
        check!(consume_lines(n));
        check!(consume_with_while_let(n));
    }
}
