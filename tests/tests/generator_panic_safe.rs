//! Panic safety (rust-lang/rust `tests/ui/coroutine/panic-safe.rs`,
//! `panic-drops.rs`): a panic inside the body propagates out of `resume`,
//! the values alive are dropped exactly once (by the unwind or with the
//! frame), and resuming again panics saying "panicked".
use coro_runtime::Trace;
use coro_tests::*;

fn boom(flag: bool) {
    if flag {
        panic!("boom");
    }
}

gen_differential! {
    #[generator(yield = u32)]
    fn panics_after_yields(a: D, at: u32) {
        let b = D("b");
        for i in 0..5 {
            let _c = D("c");
            yield_!(i);
            boom(i == at);
        }
        drop(b);
        let _ = &a;
    }

    #[generator(yield = u32)]
    fn panics_first_resume(a: D) {
        let _b = D("b");
        boom(true);
        yield_!(a.name().len() as u32);
    }

    #[generator(yield = u32, resume = u32)]
    fn panics_on_resume_value(limit: u32) -> u32 {
        let _a = D("a");
        let mut total = 0;
        loop {
            let v = yield_!(total);
            if v > limit {
                panic!("too big: {v}");
            }
            total += v;
        }
    }
}

#[test]
fn panic_after_yields_drops_once() {
    for at in [0, 2] {
        let (message, log) = check_gen_panics(
            "panics_after_yields",
            || gen_v::panics_after_yields(D("a"), at),
            || twin_v::panics_after_yields(D("a"), at),
            |_| (),
        );
        assert_eq!(message, "boom");
        assert!(
            log.ends_with(&[
                "drop c".to_owned(),
                "drop b".to_owned(),
                "drop a".to_owned()
            ]),
            "{log:?}"
        );
    }
}

#[test]
fn panic_on_first_resume() {
    let (_, log) = check_gen_panics(
        "panics_first_resume",
        || gen_v::panics_first_resume(D("a")),
        || twin_v::panics_first_resume(D("a")),
        |_| (),
    );
    assert_eq!(log, ["drop b", "drop a"]);
}

#[test]
fn panic_from_resume_argument() {
    let (message, _) = check_gen_panics(
        "panics_on_resume_value",
        || gen_v::panics_on_resume_value(10),
        || twin_v::panics_on_resume_value(10),
        |i| [0, 1, 2, 50][i.min(3)],
    );
    assert_eq!(message, "too big: 50");
}

#[test]
fn iterator_after_panic_panics_again() {
    let mut g = gen_v::panics_after_yields(D("a"), 1);
    assert_eq!(g.next(), Some(0));
    assert_eq!(g.next(), Some(1));
    let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| g.next())).unwrap_err();
    assert_eq!(err.downcast_ref::<&str>(), Some(&"boom"));
    log::take();
    let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| g.next())).unwrap_err();
    let msg = err
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| err.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap();
    assert!(msg.contains("panicked"), "{msg:?}");
    assert_eq!(g.state(), coro_runtime::MachineState::Poisoned);
    drop(g);
    assert_eq!(log::take(), Vec::<String>::new());
}
