//! `#[async_iter]` bodies mixing `.await` and `yield_!` in control flow,
//! compared with their rustc twin: the sequence of `Pending`s and items, the
//! drop log on completion and when dropped after every number of polls.
// `early_return` leaves its loop on every path on purpose.
#![allow(clippy::never_loop)]
use coro_tests::*;

gen_differential! {
    #[async_iter(yield = u32)]
    fn ticks(n: u32) {
        let _a = D("a");
        for i in 0..n {
            Yield::times(1).await;
            let _each = D("each");
            yield_!(i);
        }
    }


    #[async_iter(yield = u32)]
    fn early_return(stop: u32) {
        let _a = D("a");
        loop {
            let v = yield_value(stop, 1).await;
            yield_!(v);
            if v > 2 {
                return;
            }
            let _b = D("b");
            yield_!(v + 1);
            return;
        }
    }

    // Over 256 bytes: resumes out of line (`StreamMachine::poll_next`).
    #[async_iter(yield = u64)]
    fn big_ticks(n: u64) {
        let big = [n; 64];
        let _a = D("a");
        for i in 0..n {
            Yield::times(1).await;
            let _each = D("each");
            yield_!(big[i as usize] + i);
        }
        yield_!(big.iter().sum::<u64>());
    }

    #[async_iter(yield = u32)]
    fn yields_only(a: D) {
        yield_!(1);
        yield_!(a.name().len() as u32);
    }
}

mod bugs {
    use super::*;
    gen_differential! {
    #[async_iter(yield = D<String>)]
    fn values_from_awaits(n: u32) {
        let guard = D("guard");
        let mut i = 0;
        while i < n {
            let v = yield_value(D(format!("v{i}")), i).await;
            if i % 2 == 0 {
                yield_!(v);
            } else {
                drop(v);
                Probe::new("odd", 1).await;
            }
            i += 1;
        }
        drop(guard);
        yield_!(D("last".to_owned()));
    }
    }
}

#[test]
fn ticks_then_items() {
    let log = check_stream("ticks", || gen_v::ticks(2), || twin_v::ticks(2));
    assert_eq!(
        log,
        [
            "pending",
            "yield 0",
            "drop each",
            "pending",
            "yield 1",
            "drop each",
            "drop a",
            "end"
        ]
    );
}

#[test]
fn awaited_values_yielded() {
    {
        use bugs::*;
        check_stream(
            "values_from_awaits",
            || gen_v::values_from_awaits(4),
            || twin_v::values_from_awaits(4),
        );
    }
}

#[test]
fn early_return_ends_stream() {
    for stop in [1, 5] {
        check_stream(
            "early_return",
            || gen_v::early_return(stop),
            || twin_v::early_return(stop),
        );
    }
}

#[test]
fn no_awaits_at_all() {
    let log = check_stream(
        "yields_only",
        || gen_v::yields_only(D("a")),
        || twin_v::yields_only(D("a")),
    );
    assert_eq!(log, ["yield 1", "yield 1", "drop a", "end"]);
}

#[test]
fn a_big_frame_streams_like_a_small_one() {
    let log = check_stream("big_ticks", || gen_v::big_ticks(3), || twin_v::big_ticks(3));
    assert!(log.iter().any(|e| e.contains("each")), "{log:?}");
}
