//! Differential tests: more everyday async code. Futures kept in locals
//! and awaited later (`Option::take`, a `Vec` of them), the entry API, a
//! `match` on a tuple of awaited values, early `return` of a loop's item,
//! `write!` into a `String`, `?` after `map_err`, closures returning
//! `Result`, labeled loops with `continue` and `break` values, a boxed
//! `async` block, locals declared without a value (`let x: T;`) and
//! assigned after a suspension point, boxed closures, slice patterns,
//! shadowed parameters, `impl Trait` and `where` generics; field and
//! array element assignment, `-> impl Trait`, const generics, `&dyn`
//! parameters, nested `fn` and `const` items, `Option::replace`, string
//! concatenation, `&mut` parameters and `move` closures.
//! (`typed_deferred_literal` did not compile before: the type of a
//! `let big: u64;` was lost in the pieces of the body that assign it, so
//! `3_000_000_000` was an `i32`; `deferred_init` warned `unused variable`.)
use coro_tests::*;
use std::collections::HashMap;
/// A queue whose `pop` future borrows it (as tokio's `recv` does), and a
/// counter whose `peek` future borrows it shared: see README on futures
/// that borrow their receiver.
pub struct Queue {
    pub items: Vec<D<String>>,
}
pub struct Pop<'a>(&'a mut Queue, bool);
impl std::future::Future for Pop<'_> {
    type Output = Option<D<String>>;
    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        if !self.1 {
            self.1 = true;
            cx.waker().wake_by_ref();
            return std::task::Poll::Pending;
        }
        std::task::Poll::Ready(self.0.items.pop())
    }
}
impl Queue {
    pub fn pop(&mut self) -> Pop<'_> {
        Pop(self, false)
    }
}
pub struct Counter(pub std::cell::Cell<u32>);
impl Counter {
    pub fn peek(&self) -> Ready<u32> {
        ready(self.0.get())
    }
    pub fn peek_borrowed(&self) -> PeekBorrowed<'_> {
        PeekBorrowed(self)
    }
}
pub struct PeekBorrowed<'a>(&'a Counter);
impl std::future::Future for PeekBorrowed<'_> {
    type Output = u32;
    fn poll(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<u32> {
        std::task::Poll::Ready(self.0.0.get() + self.0.peek_value())
    }
}
impl Counter {
    fn peek_value(&self) -> u32 {
        self.0.get()
    }
}
pub struct Pair {
    pub left: D,
    pub right: D,
}
pub trait Named {
    fn label(&self) -> String;
}
impl Named for D {
    fn label(&self) -> String {
        self.name().to_string()
    }
}
differential! {
    fn take_and_await(k: u32) -> u32 {
        let mut pending = Some(yield_value(k, 1));
        let mut total = 0;
        while let Some(f) = pending.take() {
            total += f.await;
            if total < 10 { pending = Some(yield_value(total + 3, 1)); }
        }
        total
    }
    fn await_each(k: u32) -> u32 {
        let futs: Vec<_> = (0..k % 4).map(|i| yield_value(i, 1)).collect();
        let mut s = 0;
        for f in futs { s += f.await; }
        s
    }
    fn entry_api(k: u32) -> usize {
        let mut m: HashMap<u32, Vec<D>> = HashMap::new();
        for i in 0..k % 5 {
            let v = yield_value(D("e"), 1).await;
            m.entry(i % 2).or_default().push(v);
        }
        Yield::times(1).await;
        m.values().map(Vec::len).sum()
    }
    fn tuple_match(k: u32) -> u32 {
        match (yield_value(k % 3, 1).await, yield_value(D("t"), 1).await) {
            (0, d) => { Yield::times(1).await; d.name().len() as u32 }
            (n, _) if n > 1 => n,
            (n, d) => { drop(d); Yield::times(1).await; n + 10 }
        }
    }
    fn find_first(k: u32) -> Option<D<String>> {
        let items: Vec<D<String>> = (0..5).map(|i| D(format!("i{i}"))).collect();
        for item in items {
            if yield_value(item.name().len() as u32 + k, 1).await.is_multiple_of(3) {
                return Some(item);
            }
        }
        None
    }
    fn build_string(k: u32) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        for i in 0..k % 4 {
            let v = yield_value(i, 1).await;
            write!(out, "{v}-").unwrap();
        }
        out
    }
    fn map_err_question(k: u32) -> Result<u32, String> {
        let v: u32 = yield_value(Ok::<u32, u8>(k), 1).await.map_err(|e| format!("e{e}"))?;
        let w = yield_value(if k.is_multiple_of(2) { Ok(v) } else { Err(3u8) }, 1).await.map_err(|e| e.to_string())?;
        Ok(v + w)
    }
    fn closure_with_question(k: u32) -> Result<u32, String> {
        let parse = |s: &str| -> Result<u32, String> { s.parse::<u32>().map_err(|e| e.to_string()) };
        let a = parse(&yield_value(k.to_string(), 1).await)?;
        let b = parse(yield_value(if k.is_multiple_of(3) { "x" } else { "4" }, 1).await)?;
        Ok(a + b)
    }
    fn labeled_loops(k: u32) -> u32 {
        let mut count = 0;
        let found = 'outer: loop {
            for i in 0..4u32 {
                let v = yield_value(i + count, 1).await;
                if v % 3 == 2 { continue; }
                if v > k % 7 { break 'outer v; }
            }
            count += 1;
            if count > 3 { break 0; }
        };
        found + count
    }
    fn boxed_async_block(k: u32) -> u32 {
        let d = D("outer");
        let f = Box::pin(async move { yield_value(k, 1).await + 1 });
        let v = f.await;
        Yield::times(1).await;
        drop(d);
        v
    }
    fn deferred_init(k: u32) -> usize {
        let x: D;
        let _g = D("guard");
        if k.is_multiple_of(2) { x = yield_value(D("even"), 1).await; } else { x = yield_value(D("odd"), 2).await; }
        Yield::times(1).await;
        x.name().len()
    }
    fn deferred_tuple(k: u32) -> usize {
        // Declared together, assigned apart, one after a suspension point.
        let (a, mut b);
        let (c, d): (D, u32);
        a = yield_value(D("a"), 1).await;
        b = D("b");
        if k == 1 {
            return a.name().len() + b.name().len();
        }
        c = D("c");
        Yield::times(1).await;
        b = D("b2");
        d = yield_value(k, 1).await;
        a.name().len() + b.name().len() + c.name().len() + d as usize
    }
    fn typed_deferred_literal(k: u32) -> String {
        let big: u64;
        let mut small: u8;
        if k.is_multiple_of(2) {
            big = yield_value(3_000_000_000, 1).await;
            small = 250;
        } else {
            big = 7;
            small = yield_value(200, 1).await;
        }
        Yield::times(1).await;
        small = small.wrapping_add(10);
        format!("{big} {small}")
    }
    fn boxed_closure(k: u32) -> u32 {
        let w: Box<dyn Fn(u32) -> u32> = Box::new(move |x| x + k);
        let a = w(yield_value(1, 1).await);
        Yield::times(1).await;
        w(a)
    }
    fn slice_pattern_copy(k: u32) -> u32 {
        let v = vec![k, k + 1, k + 2];
        let r = match v.as_slice() {
            [first, .., last] => *first + *last,
            _ => 0,
        };
        Yield::times(1).await;
        r + v.len() as u32
    }
    fn shadow_param(x: D) -> usize {
        let x = yield_value(x, 1).await;
        let _y = D("y");
        let x = yield_value(D(format!("{}!", x.name())), 1).await;
        Yield::times(1).await;
        x.name().len()
    }
    fn impl_trait_param(items: impl IntoIterator<Item = u32>) -> u32 {
        let mut s = 0;
        for i in items { s += yield_value(i, 1).await; }
        s
    }
    fn map_get_cloned(k: u32) -> usize {
        let mut m = HashMap::new();
        m.insert(1u32, String::from("one"));
        m.insert(2u32, String::from("two"));
        if let Some(v) = m.get(&(k % 3)).cloned() {
            Yield::times(1).await;
            v.len()
        } else {
            Yield::times(2).await;
            m.len()
        }
    }
    fn ref_mut_binding(k: u32) -> u32 {
        let mut pair = (k, D("p"));
        match pair {
            (ref mut n, _) if (*n).is_multiple_of(2) => *n += 1,
            _ => {}
        }
        Yield::times(1).await;
        pair.0
    }
    fn generic_where<T>(v: T) -> String where T: std::fmt::Display + Clone {
        let c = v.clone();
        Yield::times(1).await;
        let s = format!("{v}{c}");
        yield_value(s, 1).await
    }
    fn vec_drain_await(k: u32) -> usize {
        let mut q: Vec<D<String>> = (0..k % 4).map(|i| D(format!("q{i}"))).collect();
        let mut n = 0;
        while let Some(d) = q.pop() {
            n += yield_value(d, 1).await.name().len();
        }
        n
    }
    fn option_as_ref_before_await(k: u32) -> usize {
        let name: Option<String> = if k.is_multiple_of(2) { Some("abc".into()) } else { None };
        let len = name.as_ref().map(|s| s.len()).unwrap_or(0);
        Yield::times(1).await;
        len + name.map(|s| s.len()).unwrap_or(9)
    }
    fn sum_of_awaits_in_iter(k: u32) -> u32 {
        let mut parts = Vec::new();
        for i in 0..3 {
            parts.push(yield_value(i * k, 1).await);
        }
        parts.iter().copied().sum::<u32>() + parts.len() as u32
    }
    fn field_reassign(k: u32) -> usize {
        let mut p = Pair { left: D("left"), right: D("right") };
        p.left = yield_value(D("left2"), 1).await;
        Yield::times(1).await;
        p.left.name().len() + p.right.name().len() + k as usize
    }
    // An iterator cannot be compared: `impl_trait_output` sums it.
    fn returns_impl_trait(k: u32) -> impl Iterator<Item = u32> {
        let v = yield_value(vec![k, k + 1], 1).await;
        Yield::times(1).await;
        v.into_iter()
    }
    fn impl_trait_output(k: u32) -> u32 {
        let d = D("kept");
        let it = returns_impl_trait(k).await;
        Yield::times(1).await;
        it.sum::<u32>() + d.name().len() as u32
    }
    // README: a `&mut self` method whose future borrows its receiver,
    // handed over and back through an `async` block.
    fn borrowing_future_handed_over(k: u32) -> usize {
        let mut q = Queue { items: (0..k % 4).map(|i| D(format!("q{i}"))).collect() };
        let mut n = 0;
        loop {
            let (item, back) = Box::pin(async move { (q.pop().await, q) }).await;
            q = back;
            match item {
                Some(d) => n += d.name().len(),
                None => break,
            }
            Yield::times(1).await;
        }
        n + q.items.len()
    }
    // README: a `&self` method whose future borrows its receiver, on a
    // shared-reference parameter.
    fn borrowing_future_of_a_parameter(c: &Counter) -> u32 {
        let a = c.peek_borrowed().await;
        Yield::times(1).await;
        a + c.peek_borrowed().await + c.peek().await
    }
    fn const_generic<const N: usize>(a: [u32; N]) -> u32 {
        let s: u32 = a.iter().sum();
        Yield::times(1).await;
        s + N as u32
    }
    fn dyn_param(x: &dyn Named) -> String {
        let l = x.label();
        Yield::times(1).await;
        l + &x.label()
    }
    fn nested_fn_item(k: u32) -> u32 {
        fn helper(x: u32) -> u32 { x * 2 }
        const C: u32 = 3;
        let a = helper(yield_value(k, 1).await);
        a + C
    }
    fn array_of_owned(k: u32) -> usize {
        let mut arr = [D("a0"), D("a1"), D("a2")];
        arr[1] = yield_value(D("new1"), 1).await;
        Yield::times(1).await;
        arr.iter().map(|d| d.name().len()).sum::<usize>() + k as usize
    }
    fn option_replace_and_take(k: u32) -> usize {
        let mut slot: Option<D> = None;
        for i in 0..3u32 {
            let old = slot.replace(yield_value(D("v"), 1).await);
            if i == k % 3 { drop(old); } else { Yield::times(1).await; }
        }
        slot.take().map(|d| d.name().len()).unwrap_or(0)
    }
    fn string_ops(k: u32) -> String {
        let mut s = String::from("x");
        s += &yield_value(format!("{k}"), 1).await;
        let t = s.clone() + "-" + &yield_value(String::from("y"), 1).await;
        s.push_str(&t);
        s
    }
    fn mutable_ref_param(v: &mut Vec<u32>, k: u32) -> usize {
        v.push(yield_value(k, 1).await);
        Yield::times(1).await;
        v.push(k + 1);
        v.len()
    }
    fn closure_move_capture(k: u32) -> usize {
        let d = D("captured");
        let f = move || d.name().len();
        Yield::times(1).await;
        f() + k as usize
    }
    fn tuple_struct_destructure(k: u32) -> u32 {
        struct W(u32, D);
        let W(n, d) = yield_value(W(k, D("w")), 1).await;
        Yield::times(1).await;
        drop(d);
        n
    }
}
#[test]
fn everyday_more() {
    for k in 0..7u32 {
        check!(take_and_await(k));
        check!(await_each(k));
        check!(entry_api(k));
        check!(tuple_match(k));
        check!(find_first(k));
        check!(build_string(k));
        check!(map_err_question(k));
        check!(closure_with_question(k));
        check!(labeled_loops(k));
        check!(boxed_async_block(k));
        check!(deferred_init(k));
        check!(boxed_closure(k));
        check!(typed_deferred_literal(k));
        check!(deferred_tuple(k));
        check!(slice_pattern_copy(k));
        check!(shadow_param(D("p")));
        check!(impl_trait_param(vec![k, 1, 2]));
        check!(map_get_cloned(k));
        check!(ref_mut_binding(k));
        check!(generic_where(k));
        check!(vec_drain_await(k));
        check!(option_as_ref_before_await(k));
        check!(sum_of_awaits_in_iter(k));
    }
}

#[test]
fn fields_generics_and_items() {
    for k in 0..4u32 {
        check!(field_reassign(k));
        check!(impl_trait_output(k));
        check!(borrowing_future_handed_over(k));
        let counter: &'static Counter = Box::leak(Box::new(Counter(std::cell::Cell::new(k))));
        check!(borrowing_future_of_a_parameter(counter));
        check!(const_generic([k; 3]));
        let leaked: &'static D = Box::leak(Box::new(D("p")));
        check!(dyn_param(leaked));
        check!(nested_fn_item(k));
        check!(array_of_owned(k));
        check!(option_replace_and_take(k));
        check!(string_ops(k));
        check!(closure_move_capture(k));
        check!(tuple_struct_destructure(k));
    }
}
