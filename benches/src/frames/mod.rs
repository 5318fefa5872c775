//! Frames: the size of each `#[coro]` machine against rustc's future for the
//! same body, the cost of one poll that returns `Pending`, and the cost of a
//! whole run (create + run to completion through a few suspensions).
//!
//! Every body below is written once and compiled twice by `twins!`: as a
//! `#[coro]` fn in `coro_v` and as an `async fn` in `async_v` (the idea of
//! `tests/src/differential.rs`, which is the ground truth for semantics; here
//! only sizes and speed are compared, plus a check that both flavours give
//! the same output and the same number of `Pending`s). `measure.rs` takes
//! the measurements and `report.rs` prints the tables. The bodies stay in
//! this module: a `#[coro]` poll names its fn by path (`frames::coro_v::…`,
//! in the resumed-after-completion panic), so moving them to a submodule
//! would change the measured code.

mod measure;
mod report;

pub use measure::{Row, checksum, measure};
pub use report::run;

use crate::{Leaf, leaf};

/// One copy of the source, two flavours: `mod coro_v` (`#[coro]` fns) and
/// `mod async_v` (`async fn`s). Items other than `fn` and `impl Type { fn.. }`
/// are copied verbatim into both.
macro_rules! twins {
    ($($items:tt)*) => {
        pub mod coro_v {
            #[allow(unused_imports)]
            use super::*;
            twin_items! { [coro] $($items)* }
        }
        pub mod async_v {
            #[allow(unused_imports)]
            use super::*;
            twin_items! { [async] $($items)* }
        }
    };
}

macro_rules! twin_items {
    ([$flavour:tt]) => {};
    ([$flavour:tt] fn $name:ident ( $($params:tt)* ) $(-> $ret:ty)? $body:block $($rest:tt)*) => {
        twin_fn! { [$flavour] [$name ( $($params)* ) $(-> $ret)?] $body }
        twin_items! { [$flavour] $($rest)* }
    };
    ([$flavour:tt] fn $name:ident $($rest:tt)*) => {
        twin_signature! { [$flavour] [$name] $($rest)* }
    };
    ([$flavour:tt] impl $ty:ident { $($fns:tt)* } $($rest:tt)*) => {
        impl $ty {
            twin_items! { [$flavour] $($fns)* }
        }
        twin_items! { [$flavour] $($rest)* }
    };
    ([$flavour:tt] $item:item $($rest:tt)*) => {
        $item
        twin_items! { [$flavour] $($rest)* }
    };
}

macro_rules! twin_signature {
    ([$flavour:tt] [$($signature:tt)*] $body:block $($rest:tt)*) => {
        twin_fn! { [$flavour] [$($signature)*] $body }
        twin_items! { [$flavour] $($rest)* }
    };
    ([$flavour:tt] [$($signature:tt)*] $next:tt $($rest:tt)*) => {
        twin_signature! { [$flavour] [$($signature)* $next] $($rest)* }
    };
}

macro_rules! twin_fn {
    ([coro] [$($signature:tt)*] $body:block) => {
        #[::coro_runtime::coro]
        pub fn $($signature)* $body
    };
    ([async] [$($signature:tt)*] $body:block) => {
        pub async fn $($signature)* $body
    };
}

twins! {
    // 1. Straight-line awaits, a few small locals.
    fn straight(a: u64) -> u64 {
        let x = a + 1;
        let y = leaf(x * 2).await;
        Leaf::new().await;
        let z = leaf(y + x).await;
        x + y + z
    }

    // 2. A loop with an await per iteration.
    fn loop_awaits(n: u64) -> u64 {
        let mut total = 0;
        for i in 0..n {
            total += leaf(i).await;
        }
        total
    }

    // 3. `loop` with `break value` and an await in the condition.
    fn loop_break(n: u64) -> u64 {
        let mut i = 0;
        let found = loop {
            i += 1;
            if leaf(i * i).await > n {
                break i * 10;
            }
        };
        found + i
    }

    // 4. `match` whose arms await, joining into one value.
    fn match_join(a: u64) -> u64 {
        let v = match a % 3 {
            0 => leaf(a).await,
            1 => {
                let s = a * 2;
                Leaf::new().await;
                s + 1
            }
            _ => a,
        };
        v + leaf(v).await
    }

    // 5. `if`/`else` joins, a `String` (with drop glue) live in one branch.
    fn if_join(a: u64) -> u64 {
        let s = String::from("if-join");
        let r = if a > 1 {
            let t = s.len() as u64;
            leaf(t).await + a
        } else {
            Leaf::new().await;
            a
        };
        r + s.len() as u64
    }

    // 6. Many locals, some live across awaits, others dead before them.
    fn many_locals(a: u64) -> u64 {
        let l0 = a;
        let l1 = a * 3;
        let l2 = a ^ 0x55;
        let l3 = a.rotate_left(7);
        let l4 = a + 11;
        let l5 = a * a;
        let l6 = a / 3 + 1;
        let l7 = a % 7;
        let l8 = a.wrapping_mul(0x9e37_79b9);
        let l9 = a | 0x100;
        let l10 = a & 0xff;
        let l11 = a.count_ones() as u64;
        let x = leaf(l0 + l1).await;
        let m = l2 ^ l3;
        Leaf::new().await;
        let y = leaf(l4 + l5 + m).await;
        x + y + l6 + l7 + l8 + l9 + l10 + l11
    }

    // 7. An 8 KiB array live across an await.
    fn array_live(a: u8) -> u64 {
        let buf = [a; 8192];
        Leaf::new().await;
        checksum(&buf)
    }

    // 8. An 8 KiB argument live across an await (rust-lang/rust#62958:
    //    rustc keeps the argument and its moved copy, 16 KiB).
    fn array_arg(buf: [u8; 8192]) -> u64 {
        Leaf::new().await;
        checksum(&buf)
    }

    // 9. An 8 KiB array only used before the await (borrowed there).
    fn array_dead(a: u8) -> u64 {
        let buf = [a; 8192];
        let s = checksum(&buf);
        Leaf::new().await;
        s
    }

    // 10. Two scopes, each with a 4 KiB array across an await: the two can
    //     share storage.
    fn disjoint_scopes(a: u8) -> u64 {
        let mut s = 0;
        {
            let x = [a; 4096];
            Leaf::new().await;
            s += checksum(&x);
        }
        {
            let y = [a + 1; 4096];
            Leaf::new().await;
            s += checksum(&y);
        }
        s
    }

    // 11. Three levels of machines awaiting machines.
    fn level3(n: u64) -> u64 {
        let l3 = n + 3;
        Leaf::new().await;
        l3 * 2
    }

    fn level2(n: u64) -> u64 {
        let l2 = n + 2;
        let a = level3(l2).await;
        let b = level3(a).await;
        a + b + l2
    }

    fn nested3(n: u64) -> u64 {
        let l1 = n + 1;
        let a = level2(l1).await;
        a + level2(a).await + l1
    }

    // 12. A generic fn (instantiated with a 128-byte array).
    fn generic<T: Clone>(t: T, f: fn(&T) -> u64) -> u64 {
        let c = t.clone();
        Leaf::new().await;
        let r = f(&c);
        leaf(r).await + f(&t)
    }

    // 13. `?` on the results of awaited machines.
    fn fallible(n: u64) -> Result<u64, u64> {
        Leaf::new().await;
        if n > 1000 { Err(n) } else { Ok(n + 1) }
    }

    fn question(n: u64) -> Result<u64, u64> {
        let x = fallible(n).await?;
        let y = fallible(x).await?;
        Ok(x + y)
    }

    // 14. Heap-owning locals (Vec, String) live across awaits.
    fn owned_locals(n: u64) -> u64 {
        let mut v = Vec::new();
        for i in 0..n {
            v.push(leaf(i).await);
        }
        let s = format!("{v:?}");
        Leaf::new().await;
        v.len() as u64 + s.len() as u64
    }

    // 15. A `&self` method with a `while let` loop.
    #[derive(Debug)]
    pub struct Acc {
        pub base: u64,
    }

    pub static ACC: Acc = Acc { base: 10 };

    impl Acc {
        fn add_all(&self, n: u64) -> u64 {
            let mut it = 0..n;
            let mut total = self.base;
            while let Some(i) = it.next() {
                total += leaf(i).await;
            }
            total
        }
    }

    // 16. A labelled block leaving early, with a local across the awaits.
    fn labeled(a: u64) -> u64 {
        let base = a * 7;
        let r = 'b: {
            let x = leaf(base).await;
            if x % 2 == 0 {
                break 'b x / 2;
            }
            Leaf::new().await;
            x + 1
        };
        r + base
    }
}
