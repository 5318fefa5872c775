//! The harness must not be vacuous: each comparison fails on futures that
//! differ in exactly one observable respect.
use coro_tests::*;

async fn reference() -> u32 {
    let _a = D("a");
    let _b = D("b");
    Yield::times(2).await;
    1
}

#[test]
#[should_panic(expected = "output")]
fn detects_other_output() {
    check_futures("output", reference, || async {
        let _a = D("a");
        let _b = D("b");
        Yield::times(2).await;
        2
    });
}

#[test]
#[should_panic(expected = "`Pending` returns")]
fn detects_extra_suspension() {
    check_futures("suspensions", reference, || async {
        let _a = D("a");
        let _b = D("b");
        Yield::times(3).await;
        1
    });
}

#[test]
#[should_panic(expected = "log when run to completion")]
fn detects_other_drop_order() {
    check_futures("drop order", reference, || async {
        let _b = D("b");
        let _a = D("a");
        Yield::times(2).await;
        1
    });
}

#[test]
#[should_panic(expected = "log when dropped after 0 polls")]
fn detects_value_held_before_first_poll() {
    // Same log on completion; only an unpolled drop shows `early` was held.
    check_futures(
        "unpolled",
        || async {
            let early = D("early");
            drop(early);
            reference().await
        },
        || {
            let early = D("early");
            async move {
                drop(early);
                reference().await
            }
        },
    );
}

#[test]
#[should_panic(expected = "log when dropped after 2 polls")]
fn detects_cancellation_at_last_point() {
    // Same log on completion (`c` is forgotten); only a drop at the last
    // suspension point shows `c`.
    check_futures("last point", reference, || async {
        let _a = D("a");
        let _b = D("b");
        Yield::times(1).await;
        let c = D("c");
        Yield::times(1).await;
        std::mem::forget(c);
        1
    });
}

#[test]
#[should_panic(expected = "drop log at the panic")]
fn detects_other_unwind_drops() {
    check_panics(
        "unwind",
        || {
            coro_tests::traced(async {
                let _a = D("a");
                Yield::times(1).await;
                panic!("boom");
            })
        },
        || async {
            let _a = D("a");
            let _b = D("b");
            Yield::times(1).await;
            panic!("boom");
        },
    );
}

/// `check_either` follows the `async fn` side: a machine that completes
/// where it panics fails `check_panics`, and the other way round `check`.
/// (`pad` keeps rustc's side at least as big as the `traced` wrapper.)
#[test]
#[should_panic(expected = "completed instead of panicking")]
fn either_detects_a_missing_panic() {
    check_either(
        "missing panic",
        || coro_tests::traced(async { Yield::times(1).await }),
        || async {
            let pad = [0u64; 4];
            Yield::times(1).await;
            std::hint::black_box(pad);
            panic!("boom");
        },
    );
}

#[test]
#[should_panic(expected = "panicked after 1 `Pending` returns: boom")]
fn either_detects_an_extra_panic() {
    check_either(
        "extra panic",
        || {
            coro_tests::traced(async {
                Yield::times(1).await;
                panic!("boom");
            })
        },
        || async {
            let pad = [0u64; 4];
            Yield::times(1).await;
            std::hint::black_box(pad);
        },
    );
}

#[test]
fn either_passes_when_both_panic_alike() {
    check_either(
        "both panic",
        || {
            coro_tests::traced(async {
                let _a = D("a");
                Yield::times(1).await;
                panic!("boom");
            })
        },
        || async {
            let _a = D("a");
            Yield::times(1).await;
            panic!("boom");
        },
    );
}

#[test]
fn run_counts_pending_returns() {
    assert_eq!(run(yield_value(5, 3)), (5, 3));
    assert_eq!(run(ready("now")), ("now", 0));
    log::take();
    assert_eq!(run(Probe::new("p", 1)), ("p", 1));
    assert_eq!(log::take(), ["poll p", "poll p", "drop p"]);
}
