//! Differential tests: drop-flagged locals of a type without a niche. A
//! local moved on some paths to a suspension point only is held by one of
//! the point's frame variants and absent from another (`Await0`,
//! `Await0WithoutW`), so the frame's tag is its drop flag. In an `Option` it
//! would cost its alignment in bytes (an `Option<W>` is 16 bytes where
//! rustc needs 8 and a flag byte), which the size comparison of `check`
//! would catch. Up to three such locals split a point; a fourth stays an
//! `Option`.
use coro_tests::*;

/// Logs `drop w<n>`; a `u64` has no niche, so `Option<W>` is 16 bytes.
pub struct W(pub u64);

impl Drop for W {
    fn drop(&mut self) {
        log::push(format!("drop w{}", self.0));
    }
}

fn consume(w: W) -> u32 {
    w.0 as u32
}

differential! {
    // Moved on one path of an `if` without a suspension point: the store
    // at the `.await` does not know which, and picks the variant at run
    // time.
    fn moved_on_one_path(k: u32) -> u32 {
        let w = W(1);
        let x = if k > 1 { consume(w) } else { 0 };
        let y = yield_value(x, 1).await;
        Yield::times(1).await;
        y + k
    }

    // Moved in a branch that suspends: each store knows which variant.
    fn moved_in_a_suspending_branch(k: u32) -> u32 {
        let w = W(2);
        let x = if k.is_multiple_of(2) {
            Yield::times(1).await;
            consume(w)
        } else {
            Yield::times(2).await;
            5
        };
        yield_value(x, 1).await
    }

    // Two, three and four flagged locals: 4 and 8 variants per point, then
    // the fourth local as an `Option`.
    fn two_flagged(k: u32) -> u32 {
        let a = W(10);
        let b = W(11);
        let mut n = 0;
        if k & 1 == 1 { n += consume(a); }
        if k & 2 == 2 { n += consume(b); }
        Yield::times(1).await;
        n + yield_value(k, 1).await
    }

    fn three_flagged(k: u32) -> u32 {
        let a = W(20);
        let b = W(21);
        let c = W(22);
        let mut n = 0;
        if k & 1 == 1 { n += consume(a); }
        if k & 2 == 2 { n += consume(b); }
        if k & 4 == 4 { n += consume(c); }
        Yield::times(1).await;
        n + yield_value(k, 2).await
    }

    fn four_flagged(k: u32) -> u32 {
        let a = W(30);
        let b = W(31);
        let c = W(32);
        let d = W(33);
        let mut n = 0;
        if k & 1 == 1 { n += consume(a); }
        if k & 2 == 2 { n += consume(b); }
        if k & 4 == 4 { n += consume(c); }
        if k & 8 == 8 { n += consume(d); }
        Yield::times(1).await;
        n + yield_value(k, 1).await
    }

    // A flagged local moved after the first suspension point: the later
    // point holds it on no path, the earlier on the paths that kept it.
    fn moved_between_points(k: u32) -> u32 {
        let w = W(40);
        let keep = W(41);
        let x = if k > 0 { consume(w) } else { 1 };
        Yield::times(1).await;
        let y = consume(keep);
        yield_value(x + y, 1).await
    }

    // In a loop: flagged anew on each pass, dropped at the end of each.
    fn flagged_in_a_loop(k: u32) -> u32 {
        let mut total = 0;
        for i in 0..3u32 {
            let w = W(50 + u64::from(i));
            if (k + i).is_multiple_of(2) { total += consume(w); }
            total += yield_value(i, 1).await;
        }
        total
    }

    // Mixed with a plain local and a drop-flagged local of a type with a
    // niche (a `D`), in drop order.
    fn mixed_with_plain_locals(k: u32) -> u32 {
        let first = D("first");
        let w = W(60);
        let named = D("named");
        let x = if k == 1 { consume(w) } else if k == 2 { drop(named); 2 } else { 3 };
        let last = D("last");
        Yield::times(1).await;
        x + first.name().len() as u32 + last.name().len() as u32
    }

    // Moved on one path, then returned early on another: every exit drops
    // what the frame holds, once.
    fn early_return_with_flag(k: u32) -> u32 {
        let w = W(70);
        let x = if k == 0 { consume(w) } else { 9 };
        Yield::times(1).await;
        if k == 2 {
            return x;
        }
        yield_value(x, 1).await + 1
    }
}

#[test]
fn moved_on_one_path() {
    for k in 0..3 {
        check!(moved_on_one_path(k));
    }
}

#[test]
fn moved_in_a_suspending_branch() {
    for k in 0..2 {
        check!(moved_in_a_suspending_branch(k));
    }
}

#[test]
fn several_flagged_locals() {
    for k in 0..4 {
        check!(two_flagged(k));
    }
    for k in 0..8 {
        check!(three_flagged(k));
    }
    for k in 0..16 {
        check!(four_flagged(k));
    }
}

#[test]
fn moved_between_points() {
    for k in 0..2 {
        check!(moved_between_points(k));
    }
}

#[test]
fn flagged_in_a_loop() {
    for k in 0..2 {
        check!(flagged_in_a_loop(k));
    }
}

#[test]
fn mixed_with_plain_locals() {
    for k in 0..4 {
        check!(mixed_with_plain_locals(k));
    }
}

#[test]
fn early_return_with_flag() {
    for k in 0..3 {
        check!(early_return_with_flag(k));
    }
}

/// The split shows in the frame's variants: `Await0` holds `w`,
/// `Await0WithoutW` does not, and both report the same resume point.
#[test]
fn split_variants_report_one_resume_point() {
    use coro_runtime::{MachineState, Trace};
    let mut names = Vec::new();
    for k in 0..3 {
        let mut m = coro_v::moved_on_one_path(k);
        let waker = std::task::Waker::noop();
        let mut cx = std::task::Context::from_waker(waker);
        assert!(std::pin::Pin::new(&mut m).poll(&mut cx).is_pending());
        match m.state() {
            MachineState::Suspended(point) => names.push(point.label),
            other => panic!("k = {k}: expected a suspended machine, got {other:?}"),
        }
    }
    assert_eq!(names, ["Await0", "Await0", "Await0"]);
}
