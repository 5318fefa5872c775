//! Differential tests: coroutines in traits. A trait's default method
//! under `#[coro]`, and an impl's `#[coro]` method implementing a required
//! method declared `-> impl Coroutine<Output = T>` (the attribute rejects
//! a declaration without a body, see ui-tests), against the same trait
//! written with `async fn`: output, `Pending`s, drop logs on completion and
//! after every number of polls, frame sizes.
use coro_runtime::{Coroutine, coro};
use coro_tests::*;

mod coro_v {
    use super::*;

    pub trait Source {
        fn base(&self) -> u32;

        #[coro]
        fn fetch(&self, k: u32) -> u32 {
            let _d = D("fetch");
            Yield::times(1).await;
            self.base() + ready(k).await
        }

        fn combine(&self, other: u32) -> impl Coroutine<Output = u32>;
    }

    pub struct S {
        pub n: u32,
        pub tag: D,
    }

    impl Source for S {
        fn base(&self) -> u32 {
            self.n
        }

        #[coro]
        fn combine(&self, other: u32) -> u32 {
            let a = self.fetch(other).await;
            let _e = D("combine");
            Yield::times(2).await;
            log::push(format!("{}:{a}", self.tag.name()));
            a * 2
        }
    }

    /// Generic over the trait: the machines of both methods, nested.
    #[coro]
    pub fn total<T: Source>(t: &T, k: u32) -> u32 {
        let first = t.combine(k).await;
        let _g = D("total");
        first + t.fetch(k + 1).await
    }
}

mod async_v {
    use super::*;

    pub trait Source {
        fn base(&self) -> u32;

        async fn fetch(&self, k: u32) -> u32 {
            let _d = D("fetch");
            Yield::times(1).await;
            self.base() + ready(k).await
        }

        async fn combine(&self, other: u32) -> u32;
    }

    pub struct S {
        pub n: u32,
        pub tag: D,
    }

    impl Source for S {
        fn base(&self) -> u32 {
            self.n
        }

        async fn combine(&self, other: u32) -> u32 {
            let a = self.fetch(other).await;
            let _e = D("combine");
            Yield::times(2).await;
            log::push(format!("{}:{a}", self.tag.name()));
            a * 2
        }
    }

    pub async fn total<T: Source>(t: &T, k: u32) -> u32 {
        let first = t.combine(k).await;
        let _g = D("total");
        first + t.fetch(k + 1).await
    }
}

/// The same value in each flavour.
fn twins(n: u32, tag: &'static str) -> (coro_v::S, async_v::S) {
    (coro_v::S { n, tag: D(tag) }, async_v::S { n, tag: D(tag) })
}

#[test]
fn default_method() {
    use async_v::Source as _;
    use coro_v::Source as _;
    let (c, a) = twins(3, "s");
    for k in [0, 4] {
        check("default_method", || c.fetch(k), || a.fetch(k));
    }
}

#[test]
fn impl_method_of_a_required_method() {
    use async_v::Source as _;
    use coro_v::Source as _;
    let (c, a) = twins(5, "s");
    for k in [0, 2] {
        check("combine", || c.combine(k), || a.combine(k));
    }
}

#[test]
fn generic_over_the_trait() {
    let (c, a) = twins(1, "t");
    for k in [0, 7] {
        check("total", || coro_v::total(&c, k), || async_v::total(&a, k));
    }
}
