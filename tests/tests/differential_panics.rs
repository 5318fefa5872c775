//! Differential tests: panics inside a resume, with values alive — at the
//! first poll, after awaits, in a nested machine, in a loop, in an operand
//! with a temporary alive. `check_panics` also covers polling again and
//! dropping after the panic.
use coro_tests::*;

differential! {
    fn panic_first_poll(a: D) -> u32 {
        let _b = D("b");
        if a.name() == "a" {
            panic!("boom at first poll");
        }
        1
    }

    fn panic_after_awaits(a: D) -> u32 {
        let _b = D("b");
        Probe::new("p", 2).await;
        let _c = D("c");
        if a.name() == "a" {
            panic!("boom after awaits");
        }
        Yield::times(1).await;
        1
    }

    fn inner_panics(d: D) -> u32 {
        let _i = D("inner");
        Yield::times(1).await;
        if d.name() == "arg" {
            panic!("boom in {}", d.name());
        }
        0
    }

    fn middle(n: u32) -> u32 {
        let _m = D("middle");
        Yield::times(1).await;
        inner_panics(D("arg")).await + n
    }

    fn panic_in_nested(n: u32) -> u32 {
        let _outer = D("outer");
        middle(n).await
    }

    fn panic_in_loop(limit: u32) -> u32 {
        let _outside = D("outside");
        let mut total = 0;
        for i in 0..5 {
            let _it = D(format!("it{i}"));
            total += yield_value(i, 1).await;
            if i == limit {
                panic!("boom at {i}");
            }
        }
        total
    }

    fn panic_with_temporary() -> usize {
        let _local = D("local");
        D("temp").name().len() + explode(1).await
    }

    fn explode(n: u32) -> usize {
        Yield::times(n).await;
        let v: Vec<usize> = Vec::new();
        v[n as usize]
    }

    fn panic_in_awaited_value() -> u32 {
        let _held = D("held");
        let v: Option<u32> = yield_value(None, 1).await;
        v.unwrap()
    }

    // Frames over 256 bytes resume out of line (`CoroMachine::poll`): the
    // same panics with a 512-byte local alive.
    fn big_panic_after_awaits(a: D) -> u64 {
        let big = [7u64; 64];
        Probe::new("p", 2).await;
        let _c = D("c");
        if a.name() == "a" {
            panic!("boom after awaits, {}", big[3]);
        }
        Yield::times(1).await;
        big.iter().sum()
    }

    fn big_middle(n: u64) -> u64 {
        let big = [n; 64];
        let _m = D("big middle");
        Yield::times(1).await;
        big_panic_after_awaits(D("a")).await + big[0]
    }

    fn big_panic_in_awaitee_poll() -> u64 {
        let big = [1u64; 64];
        let _held = D("held");
        Yield::times(1).await;
        let v: Option<u64> = yield_value(None, 2).await;
        v.unwrap() + big[0]
    }

    fn big_panic_in_nested_awaitee() -> u64 {
        let big = [2u64; 64];
        let _held = D("held");
        panic_in_awaited_value().await as u64 + big[1]
    }

    fn panic_in_match_arm(v: Result<D, D>) -> usize {
        match v {
            Ok(d) => {
                Yield::times(1).await;
                d.name().len()
            }
            Err(e) => {
                let _arm = D("arm");
                Probe::new("arm probe", 1).await;
                panic!("error {}", e.name());
            }
        }
    }
}

#[test]
fn panic_first_poll() {
    check_panics!(panic_first_poll(D("a")));
    check!(panic_first_poll(D("not a")));
}

#[test]
fn panic_after_awaits() {
    check_panics!(panic_after_awaits(D("a")));
    check!(panic_after_awaits(D("not a")));
}

#[test]
fn panic_in_nested() {
    check_panics!(panic_in_nested(3));
}

#[test]
fn panic_in_loop() {
    check_panics!(panic_in_loop(0));
    check_panics!(panic_in_loop(2));
}

#[test]
fn panic_with_temporary() {
    check_panics!(panic_with_temporary());
}

#[test]
fn panic_in_awaited_value() {
    check_panics!(panic_in_awaited_value());
}

#[test]
fn panic_in_match_arm() {
    check_panics!(panic_in_match_arm(Err(D("e"))));
    check!(panic_in_match_arm(Ok(D("ok"))));
}

#[test]
fn big_frames_poison_like_small_ones() {
    check_panics!(big_panic_after_awaits(D("a")));
    check!(big_panic_after_awaits(D("not a")));
    check_panics!(big_middle(3));
    check_panics!(big_panic_in_awaitee_poll());
    check_panics!(big_panic_in_nested_awaitee());
}
