//! Differential tests: everyday bodies written in session 12 to look for
//! bugs (none found): temporaries around an `.await` in a `let`,
//! struct update syntax, builders by value, `VecDeque` and `BTreeMap`
//! loops, nested `Option`s, loops with two exits, `if let .. else if let`
//! chains, shadowed parameters, borrowed tuples, labeled block values,
//! `while` conditions with `&&`, `let _ =` of awaited values, compound
//! assignment through `*` and fields; a depth-first walk, `mem::take`
//! across an `.await`, closures returning futures, `continue 'outer` from
//! a `match`, `return` from nested loops, `?` in a loop with locals in
//! two scopes, slice patterns, `ref mut` bindings, `&mut self`-style
//! methods on a local, boxed `dyn Fn`s, `let .. else` on awaited values,
//! and `.await.await`.
use coro_tests::*;
use std::collections::{BTreeMap, VecDeque};

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Cfg {
    pub a: u32,
    pub b: u32,
    pub name: String,
}

pub struct Acc {
    pub items: Vec<u32>,
}
impl Acc {
    pub fn with(mut self, v: u32) -> Self {
        self.items.push(v);
        self
    }
    pub fn total(&self) -> u32 {
        self.items.iter().sum()
    }
}

fn log_len(d: &D) -> usize {
    d.name().len()
}

differential! {
    fn temp_in_let_with_await(k: u32) -> usize {
        let n = log_len(&D("tmp")) + yield_value(k as usize, 1).await;
        Yield::times(1).await;
        n
    }
    fn temp_method_chain(k: u32) -> usize {
        D("t2").name().len() + yield_value(k as usize, 1).await + D("t3").name().len()
    }
    fn struct_update(k: u32) -> Cfg {
        let base = Cfg { a: 1, b: 2, name: "x".into() };
        let c = Cfg { a: yield_value(k, 1).await, ..base.clone() };
        Yield::times(1).await;
        Cfg { b: ready(c.a + base.b).await, ..c }
    }
    fn builder_chain(k: u32) -> u32 {
        let v = yield_value(k, 1).await;
        let acc = Acc { items: vec![] }.with(1).with(v);
        let acc = acc.with(ready(3).await);
        acc.total()
    }
    fn deque_loop(k: u32) -> u32 {
        let mut q: VecDeque<D<String>> = (0..k % 4).map(|i| D(format!("q{i}"))).collect();
        let mut n = 0;
        while let Some(d) = q.pop_front() {
            n += yield_value(d.name().len() as u32, 1).await;
            if n > 5 { q.push_back(D("late".to_string())); break; }
        }
        n + q.len() as u32
    }
    fn btree_iter_owned(k: u32) -> u32 {
        let mut m = BTreeMap::new();
        for i in 0..k % 5 { m.insert(i, D("v")); }
        let mut s = 0;
        for (key, v) in m {
            s += yield_value(key, 1).await;
            drop(v);
        }
        s
    }
    fn nested_option_match(k: u32) -> u32 {
        let x: Option<Option<D>> = if k.is_multiple_of(3) { None } else if k % 3 == 1 { Some(None) } else { Some(Some(D("in"))) };
        match x {
            Some(Some(d)) => { Yield::times(1).await; d.name().len() as u32 }
            Some(None) => ready(7).await,
            None => 0,
        }
    }
    fn loop_with_two_exits(k: u32) -> Result<u32, String> {
        let mut i = 0u32;
        let d = D("outer");
        let r = loop {
            let step = yield_value(i, 1).await;
            if step > k { break step * 2; }
            if step == 3 { return Err(format!("three {}", d.name())); }
            i += 1;
        };
        Ok(r)
    }
    fn if_let_else_chain(k: u32) -> u32 {
        if let Some(x) = k.is_multiple_of(2).then_some(k) {
            yield_value(x, 1).await
        } else if let Ok(y) = "5".parse::<u32>() {
            ready(y).await + 1
        } else {
            0
        }
    }
    fn shadow_param(k: u32, name: String) -> String {
        let v = yield_value(k, 1).await;
        let name = format!("{name}-{v}");
        let k = name.len();
        Yield::times(1).await;
        format!("{name}:{k}")
    }
    fn match_on_tuple_ref(k: u32) -> u32 {
        let pair = (D("a"), k);
        let out = match &pair {
            (d, 0) => d.name().len() as u32,
            (_, n) => *n,
        };
        Yield::times(1).await;
        out + pair.1
    }
    fn vec_of_drops_partial(k: u32) -> usize {
        let mut v = vec![D("v0"), D("v1"), D("v2")];
        let first = v.remove(0);
        Yield::times(1).await;
        if k.is_multiple_of(2) { drop(first); } else { v.push(first); }
        yield_value(v.len(), 1).await
    }
    fn closure_move_after_await(k: u32) -> u32 {
        let base = k * 2;
        let add = move |x: u32| x + base;
        let v = yield_value(3, 1).await;
        add(v)
    }
    fn array_of_awaits(k: u32) -> u32 {
        let arr = [yield_value(k, 1).await, ready(2).await, yield_value(3, 2).await];
        arr.iter().sum()
    }
    fn string_building_with_drops(k: u32) -> String {
        let mut s = String::new();
        let guard = D("guard");
        for i in 0..(k % 3 + 1) {
            let piece = D(format!("p{i}"));
            s.push_str(piece.name());
            if yield_value(i, 1).await == 1 { continue; }
            s.push('|');
        }
        drop(guard);
        s
    }
    fn early_return_in_match_guard(k: u32) -> u32 {
        let a = D("a");
        match k % 4 {
            n if n == yield_value(1, 1).await => return n,
            2 => { let _b = D("b"); Yield::times(1).await; }
            _ => {}
        }
        drop(a);
        k
    }
    fn result_chain(k: u32) -> Result<u32, String> {
        let a: Result<u32, String> = yield_value(Ok(k), 1).await;
        let b = a.and_then(|v| if v > 100 { Err("big".to_string()) } else { Ok(v + 1) })?;
        let c = ready(b).await.checked_mul(2).ok_or("overflow")?;
        Ok(c)
    }
    fn labeled_block_value(k: u32) -> u32 {
        let d = D("lb");
        let v = 'blk: {
            if k.is_multiple_of(2) { break 'blk yield_value(1, 1).await; }
            let e = D("e");
            if k.is_multiple_of(3) { drop(e); break 'blk 2; }
            Yield::times(1).await;
            3
        };
        drop(d);
        v
    }
    fn while_with_complex_cond(k: u32) -> u32 {
        let mut n = 0;
        let mut v = vec![D("x"), D("y")];
        while n < k % 5 && !v.is_empty() && yield_value(true, 1).await {
            n += 1;
            if n.is_multiple_of(2) { v.pop(); }
        }
        n
    }
    fn tuple_destructure_await(k: u32) -> u32 {
        let (a, b, (c, d)) = yield_value((D("a"), k, (D("c"), 3u32)), 1).await;
        Yield::times(1).await;
        drop(c);
        let _ = a;
        b + d
    }
    fn underscore_binding_drop(k: u32) -> u32 {
        let _ = D("dropped-now");
        let _keep = D("kept");
        Yield::times(1).await;
        let _ = yield_value(D("awaited-underscore"), 1).await;
        Yield::times(1).await;
        k
    }
    fn assign_through_deref(k: u32) -> u32 {
        let mut b = Box::new(0u32);
        *b = yield_value(k, 1).await;
        *b += ready(1).await;
        *b
    }
    fn compound_on_field(k: u32) -> u32 {
        let mut c = Cfg::default();
        c.a += yield_value(k, 1).await;
        c.b = c.a * ready(2).await;
        c.a + c.b
    }
}
#[test]
fn probes() {
    for k in 0..7u32 {
        check!(temp_in_let_with_await(k));
        check!(temp_method_chain(k));
        check!(struct_update(k));
        check!(builder_chain(k));
        check!(deque_loop(k));
        check!(btree_iter_owned(k));
        check!(nested_option_match(k));
        check!(loop_with_two_exits(k));
        check!(if_let_else_chain(k));
        check!(shadow_param(k, format!("n{k}")));
        check!(match_on_tuple_ref(k));
        check!(vec_of_drops_partial(k));
        check!(closure_move_after_await(k));
        check!(array_of_awaits(k));
        check!(string_building_with_drops(k));
        check!(early_return_in_match_guard(k));
        check!(result_chain(k));
        check!(labeled_block_value(k));
        check!(while_with_complex_cond(k));
        check!(tuple_destructure_await(k));
        check!(underscore_binding_drop(k));
        check!(assign_through_deref(k));
        check!(compound_on_field(k));
    }
}
mod more {
    use super::*;

    pub struct Svc {
        pub hits: u32,
        pub log: Vec<D<String>>,
    }
    impl Svc {
        pub fn bump(&mut self) -> u32 {
            self.hits += 1;
            self.hits
        }
    }
    differential! {
        fn dfs(k: u32) -> u32 {
            let mut stack = vec![(D("root"), 0u32)];
            let mut visited = 0;
            while let Some((node, depth)) = stack.pop() {
                visited += yield_value(1, 1).await;
                if depth < k % 3 {
                    stack.push((D("l"), depth + 1));
                    stack.push((D("r"), depth + 1));
                }
                drop(node);
            }
            visited
        }
        fn mem_take_across(k: u32) -> usize {
            let mut buf = vec![D("b0")];
            for i in 0..k % 3 {
                let old = std::mem::take(&mut buf);
                Yield::times(1).await;
                buf = old;
                if i == 1 { buf.push(D("b1")); }
            }
            buf.len()
        }
        fn closure_returning_future(k: u32) -> u32 {
            let f = |v: u32| yield_value(v, 1);
            let a = f(k).await;
            let b = f(a + 1).await;
            a + b
        }
        fn continue_outer_from_match(k: u32) -> u32 {
            let mut n = 0;
            'outer: for i in 0..4u32 {
                let d = D("iter");
                for j in 0..3u32 {
                    match (i + j + k) % 4 {
                        0 => continue 'outer,
                        1 => { Yield::times(1).await; n += 1; }
                        2 if yield_value(j, 1).await == 2 => break 'outer,
                        _ => {}
                    }
                }
                drop(d);
            }
            n
        }
        fn return_from_nested_loops(k: u32) -> u32 {
            let a = D("a");
            for i in 0..3u32 {
                let b = D("b");
                let mut j = 0;
                loop {
                    let c = D("c");
                    if yield_value(i * 3 + j, 1).await == k { return i + j; }
                    j += 1;
                    if j > 2 { drop(c); break; }
                }
                drop(b);
            }
            drop(a);
            99
        }
        fn question_in_loop_scopes(k: u32) -> Result<u32, u32> {
            let outer = D("outer");
            let mut s = 0;
            for i in 0..4u32 {
                let inner = D("inner");
                let v: Result<u32, u32> = if i == k % 5 { Err(i) } else { Ok(i) };
                s += yield_value(v, 1).await?;
                drop(inner);
            }
            drop(outer);
            Ok(s)
        }
        fn option_future(k: u32) -> u32 {
            let fut = if k & 1 == 0 { Some(yield_value(k, 1)) } else { None };
            let v = match fut { Some(f) => f.await, None => 0 };
            v + 1
        }
        // The same with a method call on `k` in the condition, which the
        // macro takes for a borrow: `k` is then moved on one path only. A
        // parameter declared `u32` has nothing to drop, so the frame need
        // not keep it (it kept it with a drop flag until session 13: 24
        // bytes against rustc's 20).
        fn option_future_method(k: u32) -> u32 {
            let fut = if k.is_multiple_of(2) { Some(yield_value(k, 1)) } else { None };
            let v = match fut { Some(f) => f.await, None => 0 };
            v + 1
        }
        fn slice_patterns(k: u32) -> u32 {
            let arr = [k, k + 1, k + 2, k + 3];
            let [first, second, rest @ ..] = arr;
            let s = yield_value(first + second, 1).await;
            s + rest.iter().sum::<u32>()
        }
        fn ref_mut_match_local(k: u32) -> u32 {
            let mut opt = Some(k);
            if let Some(ref mut v) = opt { *v += 1; }
            Yield::times(1).await;
            match opt { Some(ref v) if *v > 3 => *v, Some(v) => v + ready(10).await, None => 0 }
        }
        fn svc_method(k: u32) -> u32 {
            let mut svc = Svc { hits: k, log: vec![] };
            let a = svc.bump();
            svc.log.push(D(format!("h{a}")));
            Yield::times(1).await;
            svc.hits += yield_value(2, 1).await;
            svc.bump() + svc.log.len() as u32
        }
        fn match_arms_shadow_outer(k: u32) -> u32 {
            let x = D("x-outer");
            let r = match yield_value(k % 3, 1).await {
                0 => { let x = D("x-arm"); Yield::times(1).await; x.name().len() as u32 }
                1 => x.name().len() as u32,
                _ => { let x = 5u32; ready(x).await }
            };
            r + x.name().len() as u32
        }
        fn boxed_dyn_fn(k: u32) -> u32 {
            let ops: Vec<Box<dyn Fn(u32) -> u32>> = vec![Box::new(|x| x + 1), Box::new(move |x| x * k)];
            let mut v = 1;
            for op in &ops { v = op(v); }
            let w = yield_value(v, 1).await;
            ops.iter().fold(w, |acc, op| op(acc))
        }
        fn let_else_await(k: u32) -> u32 {
            let d = D("d");
            let Some(v) = yield_value((!k.is_multiple_of(3)).then_some(k), 1).await else {
                drop(d);
                return 0;
            };
            let Ok(w) = ready(format!("{v}").parse::<u32>()).await else { return 1; };
            drop(d);
            w
        }
        fn iter_adaptors_after_await(k: u32) -> Vec<u32> {
            let v: Vec<u32> = yield_value((0..k).collect(), 1).await;
            let evens: Vec<u32> = v.iter().copied().filter(|x| x % 2 == 0).collect();
            Yield::times(1).await;
            evens.into_iter().rev().collect()
        }
        fn chained_awaits(k: u32) -> u32 {
            let v = yield_value(yield_value(k, 1), 1).await.await;
            v + ready(ready(1)).await.await
        }
        fn if_without_else_await(k: u32) -> u32 {
            let mut v = k;
            if v.is_multiple_of(2) { v += yield_value(1, 1).await; }
            if v > 3 { Yield::times(1).await }
            v
        }
        fn bool_match_with_drops(k: u32) -> u32 {
            let a = D("a");
            let b = D("b");
            let moved = match k.is_multiple_of(2) {
                true => { drop(a); 1 }
                false => { Yield::times(1).await; 2 }
            };
            Yield::times(1).await;
            drop(b);
            moved
        }
    }
    #[test]
    fn probes2() {
        for k in 0..7u32 {
            check!(dfs(k));
            check!(mem_take_across(k));
            check!(closure_returning_future(k));
            check!(continue_outer_from_match(k));
            check!(return_from_nested_loops(k));
            check!(question_in_loop_scopes(k));
            check!(option_future(k));
            check!(slice_patterns(k));
            check!(ref_mut_match_local(k));
            check!(svc_method(k));
            check!(match_arms_shadow_outer(k));
            check!(boxed_dyn_fn(k));
            check!(let_else_await(k));
            check!(iter_adaptors_after_await(k));
            check!(chained_awaits(k));
            check!(if_without_else_await(k));
            check!(bool_match_with_drops(k));
        }
    }
    #[test]
    fn option_future_method_condition() {
        for k in 0..4u32 {
            check!(option_future_method(k));
        }
    }
}
