//! Drop of the environment (rust-lang/rust `tests/ui/coroutine/drop-env.rs`):
//! what a generator captured (its arguments) and the locals it holds are
//! dropped exactly once: when it is dropped unresumed, suspended, or after
//! it completed; values moved out by `yield_!` are the consumer's to drop.
use coro_tests::*;

gen_differential! {
    #[generator(yield = D)]
    fn hand_out(env: D, n: u32) -> usize {
        let mut handed = 0;
        for i in 0..n {
            yield_!(D(["v0", "v1", "v2", "v3"][i as usize]));
            handed += 1;
        }
        yield_!(env);
        handed
    }

    #[generator(yield = u32)]
    fn keep_env(env: D, other: D) {
        yield_!(env.name().len() as u32);
        drop(other);
        yield_!(0);
    }
}

#[test]
fn env_moved_out_by_yield() {
    let r = check_gen(
        "hand_out",
        || gen_v::hand_out(D("env"), 2),
        || twin_v::hand_out(D("env"), 2),
    );
    assert_eq!(
        r.log,
        [
            "yield D(\"v0\")",
            "drop v0",
            "yield D(\"v1\")",
            "drop v1",
            "yield D(\"env\")",
            "drop env"
        ]
    );
    // Once `env` was yielded, the generator no longer owns it.
    assert_eq!(r.cancels[3], r.log);
    assert_eq!(r.cancels[0], ["drop env"]);
}

#[test]
fn env_dropped_once() {
    let r = check_gen(
        "keep_env",
        || gen_v::keep_env(D("env"), D("other")),
        || twin_v::keep_env(D("env"), D("other")),
    );
    assert_eq!(r.cancels[0], ["drop env", "drop other"]);
    assert_eq!(r.cancels[1], ["yield 3", "drop other", "drop env"]);
    assert_eq!(r.log, ["yield 3", "drop other", "yield 0", "drop env"]);
}

#[test]
fn kept_value_not_dropped_while_held() {
    // The generator keeps `env` alive while suspended: nothing is dropped
    // until it is.
    log::take();
    let mut g = gen_v::keep_env(D("env"), D("other"));
    assert_eq!(g.next(), Some(3));
    assert_eq!(log::take(), Vec::<String>::new());
    assert_eq!(g.next(), Some(0));
    assert_eq!(log::take(), ["drop other"]);
    assert_eq!(g.next(), None);
    assert_eq!(log::take(), ["drop env"]);
    drop(g);
    assert_eq!(log::take(), Vec::<String>::new());
}
