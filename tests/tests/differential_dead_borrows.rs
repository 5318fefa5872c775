//! Differential tests: locals whose value may borrow another local (a
//! method's result on a local: `v.first()`, `map.get(&k)`, `s.as_str()`)
//! and that are dead by a suspension point but still in scope. rustc's
//! future does not store them; the frame stores them only to drop them,
//! and a `Copy` value (a reference, `Option<&T>`) has nothing to drop, so
//! it is dropped at once rather than held as a borrow of the frame. Any
//! other value is kept and dropped where rustc drops it.
use std::collections::HashMap;

use coro_tests::*;

/// A value with a destructor that a method of a local returns.
pub struct Owner(pub D);

impl Owner {
    pub fn tag(&self) -> D<String> {
        D(format!("tag of {}", self.0.name()))
    }
    pub fn name(&self) -> &str {
        self.0.name()
    }
}

differential! {
    fn if_let_map_get(k: &'static str) -> usize {
        let mut map = HashMap::new();
        map.insert("a", D("va"));
        let mut n = 0;
        if let Some(v) = map.get(k) {
            n += v.name().len();
            Yield::times(1).await;
            log::push("then".to_owned());
        }
        Yield::times(1).await;
        n + map.len()
    }

    fn if_let_map_get_mut(k: &'static str) -> u32 {
        let mut map = HashMap::new();
        map.insert("a", 1_u32);
        if let Some(v) = map.get_mut(k) {
            *v += 10;
            Yield::times(1).await;
        }
        map.values().sum()
    }

    fn match_as_str(s: String) -> usize {
        let guard = D("guard");
        match s.as_str() {
            "" => 0,
            other => {
                let n = other.len();
                Yield::times(1).await;
                drop(guard);
                n + s.len()
            }
        }
    }

    fn let_first_dead() -> usize {
        let v = vec![D("x"), D("yy")];
        let first = v.first();
        let n = first.map_or(0, |d| d.name().len());
        Yield::times(1).await;
        n + v.len()
    }

    fn owned_result_kept_to_scope_end() -> usize {
        let owner = Owner(D("owner"));
        let tag = owner.tag();
        let n = tag.name().len();
        Yield::times(1).await;
        log::push("after".to_owned());
        n + owner.name().len()
    }

    fn closure_dead_by_the_await(base: u32) -> u32 {
        let offset = base * 2;
        let label = D("label");
        let f = |x: u32| x + offset + label.name().len() as u32;
        let a = f(1);
        Yield::times(1).await;
        a
    }

    fn move_closure_used_after_the_await(prefix: &'static str) -> usize {
        let owned = D(prefix);
        let log = move |m: &str| {
            log::push(format!("{}: {m}", owned.name()));
            m.len()
        };
        let a = log("start");
        Yield::times(1).await;
        a + log("end")
    }

    fn method_chain_on_temporary_root() -> usize {
        match Owner(D("made")).name().len() {
            0 => 0,
            n => {
                Yield::times(1).await;
                log::push("arm".to_owned());
                n
            }
        }
    }
}

#[test]
fn dead_references_are_not_stored() {
    check!(if_let_map_get("a"));
    check!(if_let_map_get("b"));
    check!(if_let_map_get_mut("a"));
    check!(if_let_map_get_mut("b"));
    check!(match_as_str(String::from("text")));
    check!(match_as_str(String::new()));
    check!(let_first_dead());
    check!(closure_dead_by_the_await(3));
    check!(move_closure_used_after_the_await("log"));
}

#[test]
fn dead_owned_values_are_dropped_at_the_end_of_their_scope() {
    check!(owned_result_kept_to_scope_end());
    check!(method_chain_on_temporary_root());
}
