//! Differential tests: generic functions, `impl Trait` parameters, `where`
//! clauses, lifetimes (`&str` parameters, `&'a T`).
use coro_tests::*;

differential! {
    fn generic_clone<T: Clone>(t: T, n: u32) -> Vec<T> {
        let mut out = Vec::new();
        for _ in 0..n {
            out.push(yield_value(t.clone(), 1).await);
        }
        out
    }

    fn generic_where<T, U>(t: T, u: U) -> (U, T)
    where
        T: Send + 'static,
        U: Default + PartialEq,
    {
        Yield::times(1).await;
        let u2 = yield_value(u, 1).await;
        if u2 == U::default() {
            Yield::times(1).await;
        }
        (u2, t)
    }

    fn generic_drop<N: AsRef<str>>(d: D<N>, extra: D) -> usize {
        let len = yield_value(d, 1).await.name().len();
        Yield::times(1).await;
        len + extra.name().len()
    }

    fn generic_nested<T: Clone + Send>(t: T) -> (Vec<T>, T) {
        let _g = D("generic nested");
        let v = generic_clone(t.clone(), 2).await;
        Yield::times(1).await;
        (v, t)
    }

    fn impl_trait_params(items: impl IntoIterator<Item = u32>, f: impl Fn(u32) -> u32) -> u32 {
        let mut sum = 0;
        for i in items {
            sum += f(yield_value(i, 1).await);
        }
        sum
    }

    fn impl_trait_future(fut: impl core::future::Future<Output = u32> + Unpin, d: impl Into<D>) -> u32 {
        let d: D = d.into();
        let n = fut.await;
        Yield::times(1).await;
        n + d.name().len() as u32
    }

    fn str_param(name: &str) -> String {
        Yield::times(1).await;
        let upper = name.to_uppercase();
        upper + ready("!").await
    }

    fn str_slice<'a>(s: &'a str, n: usize) -> &'a str {
        let k = yield_value(n, 1).await;
        Yield::times(1).await;
        &s[..k]
    }

    fn ref_generic<'a, T: PartialOrd>(a: &'a T, b: &'a T) -> &'a T {
        let _d = D("ref");
        if yield_value(a > b, 1).await { a } else { b }
    }

    fn borrowed_split(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for word in text.split(' ') {
            Yield::times(1).await;
            out.push(word.to_owned());
        }
        out
    }
}

/// `D` from a plain name, for the `impl Into<D>` parameter.
pub struct Name(pub &'static str);

impl From<Name> for D {
    fn from(name: Name) -> D {
        D(name.0)
    }
}

#[test]
fn generic_clone() {
    check(
        "generic_clone",
        || coro_v::generic_clone::<String>("s".into(), 3),
        || async_v::generic_clone::<String>("s".into(), 3),
    );
}

#[test]
fn generic_where() {
    check!(generic_where(D("t"), 0u32));
    check!(generic_where(D("t"), 5u32));
}

#[test]
fn generic_drop() {
    check!(generic_drop(D(String::from("owned")), D("extra")));
    check!(generic_drop(D("static"), D("extra")));
}

#[test]
fn generic_nested() {
    check!(generic_nested(7u8));
}

#[test]
fn impl_trait_params() {
    check!(impl_trait_params(vec![1, 2, 3], |x| x * 10));
    check!(impl_trait_params(1..=2, |x| x + 1));
}

#[test]
fn impl_trait_future() {
    check!(impl_trait_future(yield_value(4, 2), Name("into")));
}

#[test]
fn str_param() {
    let owned = String::from("borrowed");
    check!(str_param(&owned));
    check!(str_param("static"));
}

#[test]
fn str_slice() {
    check!(str_slice("hello", 3));
}

#[test]
fn ref_generic() {
    let (a, b) = (5, 7);
    check!(ref_generic(&a, &b));
    let (x, y) = (String::from("b"), String::from("a"));
    check!(ref_generic(&x, &y));
}

#[test]
fn borrowed_split() {
    check!(borrowed_split("one two three"));
}
