//! Differential tests: everyday async code, written as one would write an
//! `async fn`: struct update syntax and destructuring of awaited values,
//! `let _ =`, compound assignment to an indexed place, chained awaits,
//! ranges and casts of awaited values, `if let` and `let .. else` on
//! awaited values, `move` closures, early `return` from nested loops,
//! shadowing in a loop, tuple assignment and labeled blocks with values.
//! (`let_else_await` did not compile before: a non-`Copy` binding of a
//! `let .. else` on an awaited value, with a later suspension point.)
use coro_tests::*;
#[derive(Default)]
pub struct S {
    pub a: usize,
    pub b: Option<D>,
    pub c: u32,
}
pub struct Pair {
    pub left: D,
    pub right: D,
}
differential! {
    fn struct_update_with_await(k: u32) -> usize {
        let s = S { a: yield_value(k as usize, 1).await, b: Some(D("b")), ..Default::default() };
        Yield::times(1).await;
        s.a + s.c as usize
    }
    fn destructure_awaited_struct(k: u32) -> usize {
        let Pair { left, right } = yield_value(Pair { left: D("l"), right: D("r") }, 1).await;
        drop(left);
        Yield::times(1).await;
        right.name().len() + k as usize
    }
    fn wildcard_let_of_await(k: u32) -> u32 {
        let _ = yield_value(D("dropped now"), 1).await;
        let _kept = yield_value(D("kept"), 1).await;
        Yield::times(1).await;
        k
    }
    fn index_and_compound_assign(k: u32) -> usize {
        let mut v = vec![1usize, 2, 3];
        v[yield_value(1usize, 1).await] += yield_value(10usize, 1).await;
        let i = (k % 3) as usize;
        v[i] = yield_value(100usize, 1).await;
        v.iter().sum()
    }
    fn chained_awaits(k: u32) -> usize {
        let n = yield_value(Some(D("x")), 1).await.map(|d| d.name().len()).unwrap_or(0)
            + yield_value(yield_value(k as usize, 1).await, 1).await;
        n
    }
    fn range_and_cast(k: u32) -> u64 {
        let mut t = 0;
        for i in yield_value(0u32, 1).await..yield_value(k, 1).await {
            t += i as u64;
            Yield::times(1).await;
        }
        t + yield_value(k, 1).await as u64
    }
    fn if_let_value(k: u32) -> usize {
        let opt = (k > 0).then(|| yield_value(D("inner"), 1));
        let n = if let Some(fut) = opt { fut.await.name().len() } else { 7 };
        n
    }
    fn let_else_await(k: u32) -> usize {
        let Some(d) = yield_value((k > 1).then(|| D("some")), 1).await else {
            Yield::times(1).await;
            return 0;
        };
        Yield::times(1).await;
        d.name().len()
    }
    fn closures_moved_after_await(k: u32) -> usize {
        let tag = D("tag");
        let f = move |n: usize| n + tag.name().len();
        Yield::times(1).await;
        let r = f(k as usize);
        drop(f);
        Yield::times(1).await;
        r
    }
    fn nested_loops_return(k: u32) -> u32 {
        let _outer = D("outer");
        for i in 0..3 {
            let _row = D("row");
            for j in 0..3 {
                let _cell = D("cell");
                Yield::times(1).await;
                if i * 3 + j == k {
                    return i * 10 + j;
                }
            }
        }
        99
    }
    fn shadow_in_loop(k: u32) -> usize {
        let d = D("outer");
        let mut total = 0;
        for _ in 0..k {
            let d = D("inner");
            Yield::times(1).await;
            total += d.name().len();
        }
        Yield::times(1).await;
        total + d.name().len()
    }
    fn tuple_assign_await(k: u32) -> u32 {
        let (mut a, mut b) = (0u32, 1u32);
        for _ in 0..k {
            (a, b) = (b, a + yield_value(b, 1).await);
        }
        a
    }
    fn labeled_block_value(k: u32) -> u32 {
        let v = 'blk: {
            let _g = D("g");
            if k == 0 {
                break 'blk 5;
            }
            Yield::times(1).await;
            if k == 1 {
                break 'blk yield_value(6, 1).await;
            }
            7
        };
        v
    }
}
#[test]
fn everyday_bodies() {
    for k in 0..4 {
        check!(struct_update_with_await(k));
        check!(destructure_awaited_struct(k));
        check!(wildcard_let_of_await(k));
        check!(index_and_compound_assign(k));
        check!(chained_awaits(k));
        check!(range_and_cast(k));
        check!(if_let_value(k));
        check!(let_else_await(k));
        check!(closures_moved_after_await(k));
        check!(nested_loops_return(k));
        check!(shadow_in_loop(k));
        check!(tuple_assign_await(k));
        check!(labeled_block_value(k));
    }
}
