//! Differential tests: a `break` or `return` whose value suspends, inside a
//! loop, moving a local into the awaited value
//! (`loop { if done { break load(x).await; } .. }`). Once the value is
//! there the body leaves the loop: no later pass of it can use the local
//! again, so the frame must not hold it at that suspension point (it was
//! moved). The macro counted the loop's back edge as a later use and
//! stored the moved local: rustc's E0382 on the `.await`. Found by
//! version 17 of `gen_random_bodies.py` (seed 4110).
use coro_tests::*;

differential! {
    fn break_moves_into_the_awaitee(n: u32) -> u32 {
        let d1 = D("d1");
        let mut i = 0u32;
        let d4 = loop {
            Yield::times(1).await;
            if i >= n {
                break yield_value(d1, 1).await;
            }
            i += 1;
        };
        d4.name().len() as u32
    }

    fn break_without_other_suspension_points(n: u32) -> u32 {
        let d1 = D("d1");
        let mut i = 0u32;
        let d4 = loop {
            if i >= n {
                break yield_value(d1, 1).await;
            }
            i += 1;
        };
        d4.name().len() as u32
    }

    fn return_moves_into_the_awaitee(n: u32) -> u32 {
        let d1 = D("d1");
        let mut i = 0u32;
        loop {
            let _d2 = D("d2");
            if i >= n {
                return yield_value(d1, 1).await.name().len() as u32 + yield_value(1u32, 1).await;
            }
            i += 1;
            Yield::times(1).await;
        }
    }

    fn break_to_an_outer_loop(n: u32) -> u32 {
        let d1 = D("d1");
        let mut j = 0u32;
        let v = 'outer: loop {
            let d3 = D("d3");
            let mut i = 0u32;
            loop {
                let _d2 = D("d2");
                if i >= n && j >= 1 {
                    break 'outer yield_value(d1, 1).await;
                }
                if i >= n {
                    break;
                }
                i += 1;
                Yield::times(1).await;
            }
            j += 1;
            log::push(format!("outer {}", d3.name()));
        };
        log::push(format!("v {}", v.name()));
        n
    }

    // A loop inside the value goes round as usual.
    fn loop_inside_the_value(n: u32) -> u32 {
        let d1 = D("d1");
        let mut i = 0u32;
        let v = loop {
            if i >= n {
                break {
                    let mut c = 0;
                    while yield_value(c, 1).await < 2 {
                        c += 1;
                        Yield::times(1).await;
                    }
                    yield_value(d1, 1).await
                };
            }
            i += 1;
        };
        log::push(format!("v {}", v.name()));
        n
    }

    // The local is used later in the pass on the paths that go on.
    fn used_on_the_paths_that_go_on(n: u32) -> u32 {
        let mut d1 = D("d1");
        let mut i = 0u32;
        let v = loop {
            if i >= n {
                break yield_value(d1, 1).await;
            }
            i += 1;
            log::push(format!("d1 {}", d1.name()));
            d1 = D("d1b");
            Yield::times(1).await;
        };
        v.name().len() as u32
    }

    // A `loop` left only by a `break` to the labeled block around it: its
    // own exit is never reached, and its jump to what follows the loop no
    // longer keeps the block's exit from receiving `n` (a `u32` parameter
    // read after the block: rustc's E0373 before, on the closure the
    // machine's body is).
    fn labeled_block_around_a_loop(n: u32) -> u32 {
        let d1 = D("d1");
        let v = 'b: {
            let mut i = 0u32;
            loop {
                if i >= n {
                    break 'b yield_value(d1, 1).await;
                }
                i += 1;
                Yield::times(1).await;
            }
        };
        let mut j = 0;
        let w = 'c: {
            loop {
                Yield::times(1).await;
                j += 1;
                if j > n {
                    break 'c D("w");
                }
            }
        };
        log::push(format!("v {} w {}", v.name(), w.name()));
        n
    }
}

#[test]
fn exit_values() {
    for n in 0..4 {
        check!(break_moves_into_the_awaitee(n));
        check!(break_without_other_suspension_points(n));
        check!(return_moves_into_the_awaitee(n));
        check!(break_to_an_outer_loop(n));
        check!(loop_inside_the_value(n));
        check!(used_on_the_paths_that_go_on(n));
        check!(labeled_block_around_a_loop(n));
    }
}
