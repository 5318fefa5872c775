//! Differential tests: drop flags. A local moved on some paths of a
//! construct, and not on others, is dropped where rustc drops it: at the end
//! of its scope on the paths that kept it, not at the join or at the next
//! suspension point. The first five cases suspend inside the construct; the
//! others move in branches without a suspension point, followed by one.
use coro_tests::*;

differential! {
    fn moved_in_one_branch(flag: bool) -> u32 {
        let x = D("x");
        let _y = D("y");
        let n = if flag {
            Yield::times(1).await;
            drop(x);
            1
        } else {
            Yield::times(1).await;
            2
        };
        Probe::new("after the join", n).await;
        n
    }

    fn moved_in_some_match_arms(k: u32) -> u32 {
        let a = D("a");
        let b = D("b");
        match k {
            0 => {
                Yield::times(1).await;
                drop(a);
            }
            1 => {
                drop(b);
                Yield::times(1).await;
            }
            _ => Yield::times(1).await,
        }
        Yield::times(1).await;
        log::push("end of body".to_owned());
        k
    }

    fn moved_into_an_awaitee_on_one_path(flag: bool) -> usize {
        let x = D("x");
        let n = if flag {
            yield_value(x, 1).await.name().len()
        } else {
            Yield::times(2).await;
            0
        };
        let _z = D("z");
        Yield::times(1).await;
        n
    }

    fn nested_conditional_moves(a: bool, b: bool) -> u32 {
        let x = D("x");
        let _z = D("z");
        if a {
            Yield::times(1).await;
            if b {
                Yield::times(1).await;
                drop(x);
            } else {
                Yield::times(1).await;
            }
            log::push("inner join".to_owned());
        }
        Yield::times(1).await;
        log::push("outer join".to_owned());
        0
    }

    fn moved_in_a_branch_without_await(flag: bool) -> u32 {
        let x = D("x");
        let _y = D("y");
        if flag {
            drop(x);
        }
        Yield::times(1).await;
        log::push("after the await".to_owned());
        0
    }

    fn moved_in_a_match_arm_without_await(k: u32) -> u32 {
        let a = D("a");
        let n = match k {
            0 => {
                drop(a);
                1
            }
            1 => 2,
            _ => return 7,
        };
        Probe::new("after the match", n).await;
        n
    }

    fn moved_into_a_vec_on_one_path(flag: bool) -> usize {
        let s = D("s");
        let mut v = Vec::new();
        if flag {
            v.push(s);
        }
        Yield::times(1).await;
        log::push(format!("len {}", v.len()));
        v.len()
    }

    fn else_if_chain(k: u32) -> u32 {
        let a = D("a");
        let b = D("b");
        if k == 0 {
            drop(a);
        } else if k == 1 {
            drop(b);
        } else {
            log::push("neither".to_owned());
        }
        Yield::times(1).await;
        log::push("end".to_owned());
        k
    }

    fn moved_with_break_in_a_loop(n: u32) -> u32 {
        let x = D("x");
        let mut i = 0;
        loop {
            Yield::times(1).await;
            if i == n {
                drop(x);
                break;
            }
            i += 1;
            log::push(format!("round {i}"));
        }
        Yield::times(1).await;
        i
    }

    fn flagged_value_in_a_loop(n: u32) -> u32 {
        let x = D("x");
        let mut total = 0;
        if n > 2 {
            Yield::times(1).await;
            drop(x);
        } else {
            Yield::times(1).await;
        }
        for i in 0..n {
            Yield::times(1).await;
            log::push(format!("iteration {i}"));
            total += i;
        }
        total
    }
}

#[test]
fn moved_in_one_branch() {
    for flag in [false, true] {
        check!(moved_in_one_branch(flag));
    }
}

#[test]
fn moved_in_some_match_arms() {
    for k in 0..3 {
        check!(moved_in_some_match_arms(k));
    }
}

#[test]
fn moved_into_an_awaitee_on_one_path() {
    for flag in [false, true] {
        check!(moved_into_an_awaitee_on_one_path(flag));
    }
}

#[test]
fn nested_conditional_moves() {
    for (a, b) in [(false, false), (true, false), (true, true)] {
        check!(nested_conditional_moves(a, b));
    }
}

#[test]
fn flagged_value_in_a_loop() {
    for n in [0, 2, 3] {
        check!(flagged_value_in_a_loop(n));
    }
}

#[test]
fn moved_in_a_branch_without_await() {
    for flag in [false, true] {
        check!(moved_in_a_branch_without_await(flag));
    }
}

#[test]
fn moved_in_a_match_arm_without_await() {
    for k in 0..3 {
        check!(moved_in_a_match_arm_without_await(k));
    }
}

#[test]
fn moved_into_a_vec_on_one_path() {
    for flag in [false, true] {
        check!(moved_into_a_vec_on_one_path(flag));
    }
}

#[test]
fn else_if_chain() {
    for k in 0..3 {
        check!(else_if_chain(k));
    }
}

#[test]
fn moved_with_break_in_a_loop() {
    for n in [0, 2] {
        check!(moved_with_break_in_a_loop(n));
    }
}
