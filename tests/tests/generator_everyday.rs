//! Generators as one writes them: splitting text into words, a tree walk
//! with an explicit stack, pairwise windows, a breadth-first walk over a
//! queue of owned values, an early `return` of a `Result` from an endless
//! `for`, `enumerate` over a cloned `Vec` and `match` guards with a local
//! re-assigned in an arm; each compared with its rustc twin.
use coro_tests::*;
use std::collections::VecDeque;

pub enum Tree {
    Leaf(u32),
    Node(Box<Tree>, D, Box<Tree>),
}

pub fn tree(n: u32) -> Tree {
    if n == 0 {
        Tree::Leaf(7)
    } else {
        Tree::Node(Box::new(tree(n - 1)), D("node"), Box::new(Tree::Leaf(n)))
    }
}

gen_differential! {
    // `FnMut` closures that only borrow, not used after the `yield_!` that
    // reads what one of them borrowed mutably: they end before it.
    #[generator(yield = u32)]
    fn counted(k: u32) -> u32 {
        let mut n = 0;
        let mut inc = || n += k;
        inc();
        let tag = format!("t{k}");
        let show = |x: u32| format!("{tag}-{x}");
        let len = show(1).len() as u32;
        yield_!(n);
        yield_!(len);
        n
    }

    #[generator(yield = String)]
    fn words(text: String) -> usize {
        let mut count = 0;
        let mut current = String::new();
        let chars: Vec<_> = text.chars().collect();
        for ch in chars {
            if ch.is_whitespace() {
                if !current.is_empty() {
                    count += 1;
                    yield_!(std::mem::take(&mut current));
                }
            } else {
                current.push(ch);
            }
        }
        if !current.is_empty() {
            count += 1;
            yield_!(current);
        }
        count
    }
    #[generator(yield = u32)]
    fn walk(t: Tree) {
        let mut stack = vec![t];
        while let Some(node) = stack.pop() {
            match node {
                Tree::Leaf(v) => yield_!(v),
                Tree::Node(l, d, r) => {
                    yield_!(d.name().len() as u32);
                    stack.push(*r);
                    stack.push(*l);
                }
            }
        }
    }
    #[generator(yield = (u32, u32))]
    fn windows(v: Vec<u32>) {
        let mut prev: Option<u32> = None;
        for x in v {
            if let Some(p) = prev {
                yield_!((p, x));
            }
            prev = Some(x);
        }
    }
    #[generator(yield = u32)]
    fn bfs(n: u32) -> usize {
        let mut q = VecDeque::new();
        q.push_back((1u32, D("root")));
        let mut seen = 0;
        while let Some((v, tag)) = q.pop_front() {
            seen += 1;
            yield_!(v);
            if v < n {
                q.push_back((v * 2, D("l")));
                q.push_back((v * 2 + 1, D("r")));
            }
            drop(tag);
        }
        seen
    }
    #[generator(yield = u32)]
    fn early_exit(limit: u32) -> Result<u32, String> {
        let _g = D("guard");
        let mut total = 0;
        for i in 0.. {
            if i > 20 { return Err(format!("gave up at {i}")); }
            total += i;
            yield_!(total);
            if total > limit { break; }
        }
        Ok(total)
    }
    #[generator(yield = u32)]
    fn nested_gen(n: u32) {
        let inner: Vec<u32> = (0..n).collect();
        for (i, x) in inner.clone().into_iter().enumerate() {
            let d = D("item");
            if i % 2 == 0 { yield_!(x); } else { yield_!(x * 10); }
            drop(d);
        }
        yield_!(inner.len() as u32);
    }
    #[generator(yield = String)]
    fn matches_with_guards(v: Vec<Option<String>>) {
        let mut last = D("last");
        for item in v {
            match item {
                Some(s) if s.len() > 2 => { yield_!(s); }
                Some(s) => { last = D("short"); yield_!(format!("short {s}")); }
                None => continue,
            }
        }
        drop(last);
    }
}

#[test]
fn gen_everyday() {
    for n in 0..5u32 {
        check_gen(
            "words",
            || gen_v::words(" a bb  ccc d ".repeat(n as usize)),
            || twin_v::words(" a bb  ccc d ".repeat(n as usize)),
        );
        check_gen("walk", || gen_v::walk(tree(n)), || twin_v::walk(tree(n)));
        check_gen("counted", || gen_v::counted(n), || twin_v::counted(n));
        check_gen(
            "windows",
            || gen_v::windows((0..n).collect()),
            || twin_v::windows((0..n).collect()),
        );
        check_gen("bfs", || gen_v::bfs(n), || twin_v::bfs(n));
        check_gen(
            "early_exit",
            || gen_v::early_exit(n * 20),
            || twin_v::early_exit(n * 20),
        );
        check_gen(
            "nested_gen",
            || gen_v::nested_gen(n),
            || twin_v::nested_gen(n),
        );
        let v = || {
            vec![
                Some("abcd".to_string()),
                None,
                Some("x".to_string()),
                Some("yyy".into()),
            ]
            .into_iter()
            .take(n as usize)
            .collect::<Vec<_>>()
        };
        check_gen(
            "matches_with_guards",
            || gen_v::matches_with_guards(v()),
            || twin_v::matches_with_guards(v()),
        );
    }
}
