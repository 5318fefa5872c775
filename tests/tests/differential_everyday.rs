//! Differential tests: everyday async code, written as one would write an
//! `async fn`: struct update syntax and destructuring of awaited values,
//! `let _ =`, compound assignment to an indexed place, chained awaits,
//! ranges and casts of awaited values, `if let` and `let .. else` on
//! awaited values, `move` closures, early `return` from nested loops,
//! shadowing in a loop, tuple assignment and labeled blocks with values;
//! a service struct with `self` methods draining a queue into a map, `?`
//! on `Result` and `Option` values, iterator chains over locals, and
//! methods that consume their receiver before a suspension point.
//! (`let_else_await` did not compile before: a non-`Copy` binding of a
//! `let .. else` on an awaited value, with a later suspension point.)
// `let v = <if let / labeled block>; v`: the construct as a `let`
// initialiser is what is tested.
#![allow(clippy::let_and_return)]
use coro_tests::*;
use std::collections::{HashMap, VecDeque};
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
        yield_value(Some(D("x")), 1).await.map(|d| d.name().len()).unwrap_or(0)
            + yield_value(yield_value(k as usize, 1).await, 1).await
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
    pub struct Service {
        pub queue: VecDeque<D<String>>,
        pub seen: HashMap<String, usize>,
        pub log: Vec<String>,
    }
    impl Service {
        fn handle(name: String, n: u32) -> usize {
            Yield::times(n % 2).await;
            name.len()
        }
        fn drain(mut self) -> (usize, Service) {
            let mut total = 0;
            while let Some(item) = self.queue.pop_front() {
                let name = item.name().to_owned();
                let len = Self::handle(name.clone(), total as u32).await;
                *self.seen.entry(name).or_insert(0) += len;
                total += len;
                if total > 10 {
                    self.log.push("stop".to_owned());
                    break;
                }
            }
            (total, self)
        }
        fn lookup(self, key: String) -> usize {
            let found = match self.seen.get(&key) {
                Some(n) => *n,
                None => {
                    Yield::times(1).await;
                    0
                }
            };
            let extra = if let Some(first) = self.queue.front() {
                let n = first.name().len();
                Yield::times(1).await;
                n
            } else {
                0
            };
            found + extra
        }
    }
    fn run_service(k: u32) -> usize {
        let mut queue = VecDeque::new();
        for i in 0..k {
            queue.push_back(D(format!("item{i}")));
        }
        let s = Service { queue, seen: HashMap::new(), log: Vec::new() };
        // Handed over and taken back under the same name: taken as moved.
        let (total, s) = s.drain().await;
        let log = s.log.len();
        // Bound to another name, `s.lookup(..)` would be taken to borrow
        // `s`, which would stay in the frame after the call moved it.
        let n = Service::lookup(s, "item0".to_owned()).await;
        total + n + log
    }
    fn results_and_question(k: u32) -> Result<usize, String> {
        let v: Result<D, String> = yield_value(if k > 0 { Ok(D("ok")) } else { Err("no".to_owned()) }, 1).await;
        let d = v?;
        let parsed: usize = yield_value(format!("{k}"), 1).await.parse().map_err(|_| "parse".to_owned())?;
        Yield::times(1).await;
        Ok(d.name().len() + parsed)
    }
    fn option_chain(k: u32) -> Option<usize> {
        let v = yield_value((k > 0).then(|| vec![D("a"), D("bb")]), 1).await?;
        let last = v.last()?.name().len();
        Yield::times(1).await;
        Some(last + v.len())
    }
    fn sorting_and_iter(k: u32) -> usize {
        let mut items: Vec<D<String>> = (0..k).map(|i| D(format!("n{}", k - i))).collect();
        items.sort_by(|a, b| a.name().cmp(b.name()));
        let mut out = 0;
        for (i, item) in items.iter().enumerate() {
            out += i * item.name().len();
        }
        Yield::times(1).await;
        for item in items {
            out += yield_value(item, 1).await.name().len();
        }
        out
    }
    fn consuming_methods_then_await(k: u32) -> usize {
        // `into_*` and iterator consumers move their receiver: not carried.
        let s = String::from("abc");
        let b = s.into_boxed_str();
        let it = b.chars().map(|c| c as usize);
        let total: usize = it.sum();
        let words = vec![D("x"), D("yy")];
        let lens: Vec<usize> = words.into_iter().map(|d| d.name().len()).collect();
        Yield::times(1).await;
        total + lens.len() + k as usize
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

#[test]
fn service_and_combinators() {
    for k in 0..5 {
        check!(run_service(k));
        check!(results_and_question(k));
        check!(option_chain(k));
        check!(sorting_and_iter(k));
        check!(consuming_methods_then_await(k));
    }
}
