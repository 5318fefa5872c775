//! Differential tests: the order in which an assignment evaluates its
//! value and its place when the place suspends. rustc evaluates the value
//! first, then the place (for `=` always, for a compound assignment of
//! primitive operands); the log records each operand's side effect, so a
//! machine dropped between the two shows which ran first.
use coro_tests::*;

/// `v`, after logging `tag`.
fn at<T>(tag: &str, v: T) -> T {
    log::push(tag.to_owned());
    v
}

differential! {
    fn value_suspends_then_place(k: u32) -> usize {
        let mut v = vec![1usize, 2, 3];
        v[at("idx", yield_value(2usize, 1).await)] = at("rhs", yield_value(7usize, 1).await);
        let mut t = (0usize, D("t0"));
        t.1 = at("t", yield_value(D("t1"), 1).await);
        Yield::times(1).await;
        v.iter().sum::<usize>() + t.1.name().len() + k as usize
    }

    fn value_calls_before_place(k: u32) -> usize {
        let mut v = vec![D("a"), D("b")];
        v[at("idx", yield_value(k as usize % 2, 1).await)] = at("rhs", D("new"));
        let mut n = [0u32; 2];
        n[at("nidx", yield_value(1usize, 2).await)] = at("nrhs", k + 1);
        v.len() + n[1] as usize
    }

    fn value_borrowing_a_local(k: u32) -> usize {
        let names = vec![String::from("x"), String::from("yy")];
        let mut counts = [0usize; 3];
        counts[yield_value(k as usize % 3, 1).await] = names.len();
        counts[yield_value(2usize, 1).await] = names.first().map(|s| s.len()).unwrap_or(0);
        let mut lens = [0usize; 2];
        // Computed through a borrow of a local: evaluated before the place,
        // and only the `usize` is held across its suspension point.
        lens[yield_value(1usize, 1).await] = names[1].as_str().len();
        lens[0] = *names.first().map(String::len).as_ref().unwrap_or(&0);
        lens.iter().sum::<usize>() + counts.iter().sum::<usize>()
    }

    fn deref_and_destructuring(k: u32) -> usize {
        let mut b = Box::new(5usize);
        *b += at("rhs", yield_value(k as usize, 1).await);
        let (mut a, mut c) = (0usize, 0usize);
        if k > 5 {
            return a + c;
        }
        (a, c) = (at("a", yield_value(1usize, 1).await), at("c", yield_value(k as usize, 1).await));
        let mut arr = [0usize; 3];
        [arr[0], _, arr[2]] = [at("x", 1), at("y", yield_value(2usize, 1).await), at("z", 3)];
        *b + a + c + arr.iter().sum::<usize>()
    }

    fn compound_with_awaits(k: u32) -> u64 {
        let mut v = vec![1u64, 2, 3];
        v[at("idx", yield_value(1usize, 1).await)] += yield_value(10u64, 1).await;
        let mut m = 1u64;
        m <<= yield_value(k % 8, 1).await;
        m |= yield_value(0x100u64, 1).await;
        m ^= m >> yield_value(2u32, 1).await;
        m + v.iter().sum::<u64>()
    }

    // An overloaded compound assignment evaluates its place first: the
    // value here has no effect the order could show (README, "Semantics").
    fn compound_overloaded(k: u32) -> usize {
        let mut v = vec![String::from("a"), String::from("b")];
        v[yield_value(k as usize % 2, 1).await] += yield_value("zz", 1).await;
        let suffix = String::from("s");
        v[yield_value(0usize, 1).await] += suffix.as_str();
        v.concat().len()
    }
}

#[test]
fn assignment_order() {
    for k in 0..3 {
        check!(value_suspends_then_place(k));
        check!(value_calls_before_place(k));
        check!(value_borrowing_a_local(k));
        check!(deref_and_destructuring(k));
        check!(compound_with_awaits(k));
        check!(compound_overloaded(k));
    }
}
