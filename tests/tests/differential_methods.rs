//! Differential tests: methods taking `&self`, `&mut self`, `self` and
//! `self: Box<Self>`, and associated functions. Each flavour's module has
//! its own `Counter` (from the same source), so each has its own inherent
//! `impl`.
use coro_tests::*;

differential! {
    pub struct Counter {
        pub n: u32,
        pub tag: D,
    }

    impl Counter {
        fn get(&self) -> u32 {
            Yield::times(1).await;
            self.n + ready(1).await
        }

        fn get_twice(&self) -> u32 {
            let _d = D("twice");
            let a = self.get().await;
            a + self.get().await
        }

        fn label(&self, suffix: &str) -> String {
            let n = yield_value(self.n, 1).await;
            format!("{}{n}{suffix}", self.tag.name())
        }

        fn bump(&mut self, by: u32) -> u32 {
            self.n += yield_value(by, 1).await;
            Yield::times(1).await;
            self.n
        }

        // `self.bump(2).await` with `&mut self` is rejected by design (the
        // awaited machine would reborrow `*self` while `self` moves into the
        // frame; see ui-tests); the reference is handed over instead.
        fn bump_by(this: &mut Self, by: u32) -> (&mut Self, u32) {
            this.n += yield_value(by, 1).await;
            Yield::times(1).await;
            let n = this.n;
            (this, n)
        }

        fn bump_and_get(&mut self) -> u32 {
            let (this, bumped) = Self::bump_by(self, 2).await;
            Self::get(this).await + bumped
        }

        fn into_tag(self, extra: D) -> String {
            let Counter { n, tag } = self;
            Probe::new("into_tag", n).await;
            drop(extra);
            Yield::times(1).await;
            tag.name().to_owned()
        }

        fn by_value_kept(self) -> u32 {
            Yield::times(1).await;
            let _after = D("after");
            Probe::new("kept", 1).await;
            self.n
        }

        fn boxed(self: Box<Self>) -> u32 {
            Probe::new("boxed", 1).await;
            let inner = *self;
            Yield::times(1).await;
            inner.n
        }

        // A reference into `*self`, dead by the `.await`: a reborrow of the
        // `&mut self` that the frame must move, so it is not stored.
        fn tag_len_then_bump(&mut self) -> usize {
            if let Some(c) = self.tag.name().chars().next() {
                let n = c.len_utf8();
                Yield::times(1).await;
                self.n += 1;
                return n;
            }
            let name = self.tag.name();
            let n = name.len();
            Yield::times(1).await;
            self.n += 2;
            n
        }

        fn make(n: u32) -> u32 {
            yield_value(n + 1, 2).await
        }

        // Ownership passing with method syntax: the receiver is handed
        // over and taken back.
        fn step(mut self, by: u32) -> (u32, Counter) {
            self.n += yield_value(by, 1).await;
            (self.n, self)
        }

        fn grow(mut self, by: u32) -> Result<Counter, u32> {
            if by > 5 {
                return Err(by);
            }
            Yield::times(1).await;
            self.n += by;
            Ok(self)
        }
    }

    fn hand_over(n: u32) -> u32 {
        let c = Counter { n, tag: D("handed") };
        let _before = D("before");
        let (a, c) = c.step(1).await;
        Probe::new("between", 1).await;
        let (b, c) = c.step(2).await;
        Yield::times(1).await;
        a + b + c.n
    }

    fn hand_over_with_question(n: u32) -> Result<u32, u32> {
        let mut c = Counter { n, tag: D("grown") };
        c = c.grow(n).await?;
        Probe::new("between", 1).await;
        let c = c.grow(1).await?;
        Yield::times(1).await;
        Ok(c.n)
    }

    // A method taking `self` whose value takes another name: the macro
    // cannot tell it from a `&self` one, so the move is spelled out with a
    // block (`{c}` moves `c`), as README says.
    fn consumed_through_a_block(n: u32) -> u32 {
        let c = Counter { n, tag: D("consumed") };
        let _before = D("before");
        let kept = {c}.by_value_kept().await;
        Probe::new("after", 1).await;
        kept
    }

    // Not handed over: the receiver stays, and is dropped at the end of
    // its scope, after the later suspension point.
    fn awaited_ref_method_keeps_its_receiver(n: u32) -> u32 {
        let c = Counter { n, tag: D("kept") };
        let v = c.peek().await; // a `&self` method, see `Peek`
        Probe::new("after", 1).await;
        v
    }
}

/// A `&self` method whose value does not borrow `self` (outside
/// `differential!`, which makes every method a coroutine).
pub trait Peek {
    fn peek(&self) -> YieldValue<u32>;
}

impl Peek for coro_v::Counter {
    fn peek(&self) -> YieldValue<u32> {
        yield_value(self.n, 1)
    }
}

impl Peek for async_v::Counter {
    fn peek(&self) -> YieldValue<u32> {
        yield_value(self.n, 1)
    }
}

/// A fresh counter of each flavour for every run, leaked: a `&mut self`
/// machine borrows its receiver mutably, which a factory closure cannot lend
/// out of its own state. (Its `tag` is never dropped, on both sides alike.)
fn leaked_coro(n: u32) -> &'static mut coro_v::Counter {
    Box::leak(Box::new(coro_v::Counter {
        n,
        tag: D("leaked"),
    }))
}

fn leaked_async(n: u32) -> &'static mut async_v::Counter {
    Box::leak(Box::new(async_v::Counter {
        n,
        tag: D("leaked"),
    }))
}

#[test]
fn shared_self() {
    let c = coro_v::Counter { n: 1, tag: D("c") };
    let a = async_v::Counter { n: 1, tag: D("c") };
    check("get", || c.get(), || a.get());
    check("get_twice", || c.get_twice(), || a.get_twice());
    check("label", || c.label("!"), || a.label("!"));
}

#[test]
fn mut_self() {
    check(
        "bump",
        || leaked_coro(1).bump(3),
        || leaked_async(1).bump(3),
    );
    check(
        "bump_and_get",
        || leaked_coro(5).bump_and_get(),
        || leaked_async(5).bump_and_get(),
    );
    check(
        "tag_len_then_bump",
        || leaked_coro(5).tag_len_then_bump(),
        || leaked_async(5).tag_len_then_bump(),
    );
}

#[test]
fn owned_self() {
    check(
        "into_tag",
        || {
            coro_v::Counter {
                n: 2,
                tag: D("tag"),
            }
            .into_tag(D("extra"))
        },
        || {
            async_v::Counter {
                n: 2,
                tag: D("tag"),
            }
            .into_tag(D("extra"))
        },
    );
    check(
        "by_value_kept",
        || {
            coro_v::Counter {
                n: 4,
                tag: D("kept tag"),
            }
            .by_value_kept()
        },
        || {
            async_v::Counter {
                n: 4,
                tag: D("kept tag"),
            }
            .by_value_kept()
        },
    );
}

#[test]
fn boxed_self() {
    check(
        "boxed",
        || {
            Box::new(coro_v::Counter {
                n: 3,
                tag: D("boxed tag"),
            })
            .boxed()
        },
        || {
            Box::new(async_v::Counter {
                n: 3,
                tag: D("boxed tag"),
            })
            .boxed()
        },
    );
}

#[test]
fn associated_fn() {
    check(
        "make",
        || coro_v::Counter::make(4),
        || async_v::Counter::make(4),
    );
}

#[test]
fn receiver_handed_over_and_back() {
    for n in [0, 3, 7] {
        check!(hand_over(n));
        check!(hand_over_with_question(n));
        check!(awaited_ref_method_keeps_its_receiver(n));
        check!(consumed_through_a_block(n));
    }
}
