//! Locals whose value is `Copy` by its syntax (a constant, an array
//! repeating a local): the frame keeps them only while later code
//! reads them, as it does a literal, since they have nothing to drop.
//! Next to them, the look-alikes that may have a destructor (an array
//! repeating a local once or a constant, a cast) are kept to the end of
//! their scope and dropped when rustc drops them.
use coro_tests::*;

/// A constant with a destructor: `[DROPS; 2]` repeats it without `Copy`.
const DROPS: D = D("const");

fn checksum(bytes: &[u8]) -> u64 {
    bytes.iter().map(|&b| u64::from(b)).sum()
}

differential! {
    // 8 KiB built from a parameter, read only before the `.await`.
    fn repeated_param_dead(a: u8) -> u64 {
        let buf = [a; 8192];
        let s = checksum(&buf);
        Yield::times(1).await;
        s
    }

    // The same from a literal, and read after the `.await` too.
    fn constant_array_live(k: u8) -> u64 {
        let buf = [7u8; 64];
        let s = checksum(&buf);
        Yield::times(1).await;
        s + checksum(&buf[..usize::from(k % 64)])
    }

    // Written before and after suspension points, element by element.
    fn repeated_local_mutated(a: u8) -> u64 {
        let b = a.wrapping_add(1);
        let mut buf = [b; 16];
        buf[1] = 9;
        Yield::times(1).await;
        buf[0] = 7;
        buf[2] += 1;
        Yield::times(1).await;
        checksum(&buf)
    }

    // A constant tuple destructured, one half mutated across a suspension.
    fn constant_tuple(k: u64) -> u64 {
        let (x, mut y) = (1u64, 2u64);
        Yield::times(1).await;
        y += x + k;
        let (p, q): (u8, i8) = (3, -4);
        Yield::times(1).await;
        y + u64::from(p) + q.unsigned_abs() as u64
    }

    // A cast may coerce to a type with a destructor: kept to the end of
    // its scope, after the log below, though not read after the `.await`.
    fn cast_to_box(name: &'static str) -> usize {
        let boxed = Box::new(D(name)) as Box<dyn std::any::Any>;
        let is_d = boxed.is::<D>();
        Yield::times(1).await;
        log::push("end".to_owned());
        usize::from(is_d)
    }

    // Once is not `Copy`: `[d; 1]` holds the `D` and drops it at the end of
    // its scope, after the `.await` and the log below, though it is not
    // read after the `.await`.
    fn repeated_once(name: &'static str) -> usize {
        let d = D(name);
        let one = [d; 1];
        let n = one.len();
        Yield::times(1).await;
        log::push("after".to_owned());
        n
    }

    // A constant with a destructor, repeated: two drops at the end of the
    // scope, after the inner `.await`.
    fn repeated_const_with_drop() -> usize {
        let n = {
            let two = [DROPS; 2];
            let n = two.len();
            Yield::times(1).await;
            log::push("inner".to_owned());
            n
        };
        log::push("outer".to_owned());
        n
    }

    // An array of references to a `D` the caller owns, kept past a
    // suspension point.
    fn repeated_reference(d: &'static D) -> usize {
        let refs = [d; 3];
        Yield::times(1).await;
        refs.iter().map(|d| d.name().len()).sum()
    }

    // Moved on to another local, which is what the `.await` keeps.
    fn repeated_then_moved(a: u8) -> u64 {
        let buf = [a; 32];
        let kept = buf;
        Yield::times(1).await;
        checksum(&kept)
    }
}

static CALLER_OWNED: D = D("static");

#[test]
fn copy_values_behave_as_in_an_async_fn() {
    for a in [0, 1, 255] {
        check!(repeated_param_dead(a));
        check!(repeated_local_mutated(a));
        check!(repeated_then_moved(a));
    }
    for k in [0, 5, 63] {
        check!(constant_array_live(k));
    }
    check!(constant_tuple(10));
    check!(cast_to_box("boxed"));
    check!(repeated_once("once"));
    check!(repeated_const_with_drop());
    check!(repeated_reference(&CALLER_OWNED));
}

/// What the frame saves: an array dead at every suspension point is not in
/// it. (rustc 1.95's future keeps it, 8208 bytes: a local borrowed before a
/// suspension point stays in its layout.)
#[test]
fn a_dead_copy_array_is_not_in_the_frame() {
    let coro = std::mem::size_of_val(&coro_v::repeated_param_dead(1));
    assert!(
        coro < 64,
        "#[coro] frame of {coro} bytes keeps the dead array"
    );
}
