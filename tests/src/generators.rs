//! Differential tests of `#[generator]` and `#[async_iter]` against rustc.
//!
//! `gen_differential!` compiles every body twice from one copy of its source:
//! as written (module `gen_v`, `#[generator(..)]` / `#[async_iter(..)]`), and
//! as an `async fn` (module `twin_v`) in which `yield_!(v)` becomes
//! `yield_point(v).await`. [`YieldPoint`] logs `yield {v:?}`, drops the value
//! and returns `Pending` once, then returns the next resume argument. So the
//! twin is rustc's own coroutine lowering of the same body with one
//! suspension per `yield_!`: the ground truth for the order of values and
//! drops on completion, on drop at every suspension point and on panics
//! (the same transform as nightly `#[coroutine]`s).
//!
//! The drivers log `yield {v:?}` for every value the machine yields, then
//! drop it, so the two logs interleave values and drops identically.
//!
//! ```text
//! gen_differential! {
//!     #[generator(yield = u32)] fn count(n: u32) -> u32 { for i in 0..n { yield_!(i) } n }
//!     #[generator(yield = u32, resume = u32)] fn echo() { let mut x = yield_!(0); .. }
//!     #[async_iter(yield = u32)] fn tick(n: u32) { Yield::times(1).await; yield_!(n) }
//! }
//! ```

use core::any::Any;
use core::fmt::Debug;
use core::future::Future;
use core::marker::PhantomData;
use core::pin::Pin;
use core::task::{Context, Poll, Waker};
use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};

use coro_runtime::{Generator, GeneratorState, Stream};

use crate::log;

const MAX_STEPS: usize = 10_000;

thread_local! {
    static RESUME_ARG: RefCell<Option<Box<dyn Any>>> = const { RefCell::new(None) };
    static YIELDED: Cell<bool> = const { Cell::new(false) };
}

/// The twin's `yield_!(v)`: `yield_point::<_, A>(v).await`.
pub fn yield_point<Y: Debug, A: 'static>(value: Y) -> YieldPoint<Y, A> {
    YieldPoint {
        value: Some(value),
        yielded: false,
        _resume: PhantomData,
    }
}

/// See [`yield_point`].
pub struct YieldPoint<Y, A> {
    value: Option<Y>,
    yielded: bool,
    _resume: PhantomData<fn() -> A>,
}

impl<Y, A> Unpin for YieldPoint<Y, A> {}

impl<Y: Debug, A: 'static> Future for YieldPoint<Y, A> {
    type Output = A;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<A> {
        if !self.yielded {
            self.yielded = true;
            let value = self.value.take().expect("value");
            log::push(format!("yield {value:?}"));
            drop(value);
            YIELDED.set(true);
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        let arg = RESUME_ARG
            .with(|slot| slot.borrow_mut().take())
            .expect("twin resumed without an argument");
        Poll::Ready(*arg.downcast::<A>().expect("resume argument type"))
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "<non-string panic payload>".to_owned()
    }
}

fn catching<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|p| panic_message(&*p))
}

/// One step of either side.
enum Step<R> {
    Yielded,
    Complete(R),
}

/// A uniform view of a generator and of its twin future.
trait Side<A> {
    type Return;
    fn step(&mut self, arg: A) -> Step<Self::Return>;
}

struct GenSide<G>(G);

impl<A, G: Generator<A>> Side<A> for GenSide<G>
where
    G::Yield: Debug,
{
    type Return = G::Return;
    fn step(&mut self, arg: A) -> Step<G::Return> {
        match self.0.resume(arg) {
            GeneratorState::Yielded(v) => {
                log::push(format!("yield {v:?}"));
                drop(v);
                Step::Yielded
            }
            GeneratorState::Complete(r) => Step::Complete(r),
        }
    }
}

/// The twin and whether it was polled: the first resume's argument is
/// discarded (dropped before the body starts), as the generator does.
struct TwinSide<F>(Pin<Box<F>>, bool);

impl<A: 'static, F: Future> Side<A> for TwinSide<F> {
    type Return = F::Output;
    fn step(&mut self, arg: A) -> Step<F::Output> {
        if self.1 {
            RESUME_ARG.with(|slot| *slot.borrow_mut() = Some(Box::new(arg)));
        } else {
            self.1 = true;
            drop(arg);
        }
        YIELDED.set(false);
        let polled = self
            .0
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()));
        RESUME_ARG.with(|slot| slot.borrow_mut().take());
        match polled {
            Poll::Ready(r) => Step::Complete(r),
            Poll::Pending => {
                assert!(YIELDED.take(), "twin returned `Pending` without yielding");
                Step::Yielded
            }
        }
    }
}

struct Completion<R> {
    ret: R,
    yields: usize,
    log: Vec<String>,
}

fn complete<A, S: Side<A>>(
    case: &str,
    which: &str,
    side: &mut S,
    args: &mut impl FnMut(usize) -> A,
) -> Completion<S::Return> {
    let mut yields = 0;
    let ret = loop {
        match catching(|| side.step(args(yields))) {
            Ok(Step::Yielded) => {
                yields += 1;
                assert!(yields < MAX_STEPS, "{case} ({which}): too many yields");
            }
            Ok(Step::Complete(r)) => break r,
            Err(msg) => panic!("{case} ({which}): panicked after {yields} yields: {msg}"),
        }
    };
    Completion {
        ret,
        yields,
        log: log::take(),
    }
}

fn cancel<A, S: Side<A>>(
    case: &str,
    k: usize,
    mut side: S,
    args: &mut impl FnMut(usize) -> A,
) -> Vec<String> {
    for i in 0..k {
        match catching(|| side.step(args(i))) {
            Ok(Step::Yielded) => {}
            Ok(Step::Complete(_)) => panic!("{case}: resume {} of {k} completed", i + 1),
            Err(msg) => panic!("{case}: resume {} of {k} panicked: {msg}", i + 1),
        }
    }
    drop(side);
    log::take()
}

/// What [`check_gen`] observed on the generator side (equal to the twin's).
#[derive(Debug)]
pub struct GenReport<R> {
    /// The return value.
    pub ret: R,
    /// The log of a run to completion: `yield ..` and `drop ..` events.
    pub log: Vec<String>,
    /// `cancels[k]`: the log of creating the generator, resuming it `k`
    /// times and dropping it, for `k` in `0..=yields`.
    pub cancels: Vec<Vec<String>>,
}

/// Compares a generator with its `async fn` twin: yielded values, return
/// value, drop log on completion, drop log when dropped after `k` resumes for
/// every `k`; and that resuming the generator after `Complete` panics saying
/// "completed" without dropping anything. `args(i)` is the argument of the
/// `i`-th resume (0-based; the first is discarded by both sides).
pub fn check_gen_args<A: 'static, G, F>(
    case: &str,
    mut make_gen: impl FnMut() -> G,
    mut make_twin: impl FnMut() -> F,
    mut args: impl FnMut(usize) -> A,
) -> GenReport<G::Return>
where
    G: Generator<A>,
    G::Yield: Debug,
    G::Return: PartialEq + Debug,
    F: Future<Output = G::Return>,
{
    log::take();
    let mut generator = GenSide(make_gen());
    let ours = complete(case, "generator", &mut generator, &mut args);
    let after = catching(|| generator.step(args(ours.yields + 1)));
    match after {
        Ok(_) => panic!("{case}: resuming after `Complete` did not panic"),
        Err(msg) => assert!(
            msg.contains("completed"),
            "{case}: resuming after `Complete` panicked with {msg:?}, not saying \"completed\""
        ),
    }
    // The argument passed to that resume is dropped by the panic: not ours.
    log::take();
    drop(generator);
    assert_eq!(
        log::take(),
        Vec::<String>::new(),
        "{case}: log after completion"
    );

    let mut twin = TwinSide(Box::pin(make_twin()), false);
    let theirs = complete(case, "twin", &mut twin, &mut args);
    drop(twin);
    log::take();

    assert_eq!(ours.log, theirs.log, "{case}: log when run to completion");
    assert_eq!(ours.ret, theirs.ret, "{case}: return value");
    assert_eq!(ours.yields, theirs.yields, "{case}: number of yields");

    let mut cancels = Vec::new();
    for k in 0..=ours.yields {
        let left = cancel(case, k, GenSide(make_gen()), &mut args);
        let right = cancel(case, k, TwinSide(Box::pin(make_twin()), false), &mut args);
        assert_eq!(left, right, "{case}: log when dropped after {k} resumes");
        cancels.push(left);
    }
    GenReport {
        ret: ours.ret,
        log: ours.log,
        cancels,
    }
}

/// [`check_gen_args`] for `resume = ()`, plus the `Iterator` view: `next`
/// gives the same values and log, then `None` (twice: fused).
pub fn check_gen<G, F>(
    case: &str,
    mut make_gen: impl FnMut() -> G,
    make_twin: impl FnMut() -> F,
) -> GenReport<G::Return>
where
    G: Generator<(), Yield = <G as Iterator>::Item> + Iterator,
    G::Yield: Debug,
    G::Return: PartialEq + Debug,
    F: Future<Output = G::Return>,
{
    let report = check_gen_args(case, &mut make_gen, make_twin, |_| ());
    log::take();
    let mut generator = make_gen();
    for v in generator.by_ref() {
        log::push(format!("yield {v:?}"));
        drop(v);
    }
    let mut log_iter = log::take();
    assert!(generator.next().is_none(), "{case}: `next` after `None`");
    assert!(
        generator.next().is_none(),
        "{case}: `next` after `None` (twice)"
    );
    drop(generator);
    // `next` drops the return value at the end, after the body's locals.
    assert!(
        log_iter.len() >= report.log.len(),
        "{case}: log of the `Iterator` run: {log_iter:?}"
    );
    let tail = log_iter.split_off(report.log.len());
    assert_eq!(log_iter, report.log, "{case}: log of the `Iterator` run");
    assert!(
        tail.iter().all(|e| e.starts_with("drop ")),
        "{case}: `Iterator` run logged more than the return value's drops: {tail:?}"
    );
    report
}

/// Compares a generator whose body panics with its twin: same message, same
/// log at the panic, resuming again panics saying "panicked", nothing is
/// dropped twice, and the drop logs after `k < yields` resumes agree.
pub fn check_gen_panics<A: 'static, G, F>(
    case: &str,
    mut make_gen: impl FnMut() -> G,
    mut make_twin: impl FnMut() -> F,
    mut args: impl FnMut(usize) -> A,
) -> (String, Vec<String>)
where
    G: Generator<A>,
    G::Yield: Debug,
    F: Future<Output = G::Return>,
{
    fn until_panic<A, S: Side<A>>(
        case: &str,
        side: &mut S,
        args: &mut impl FnMut(usize) -> A,
    ) -> (usize, String, Vec<String>) {
        let mut yields = 0;
        loop {
            match catching(|| side.step(args(yields))) {
                Ok(Step::Yielded) => yields += 1,
                Ok(Step::Complete(_)) => panic!("{case}: completed instead of panicking"),
                Err(msg) => return (yields, msg, log::take()),
            }
            assert!(yields < MAX_STEPS);
        }
    }
    log::take();
    let mut generator = GenSide(make_gen());
    let (yields, message, log_at_panic) = until_panic(case, &mut generator, &mut args);
    match catching(|| generator.step(args(yields + 1))) {
        Ok(_) => panic!("{case}: resuming after a panic did not panic"),
        Err(msg) => assert!(
            msg.contains("panicked"),
            "{case}: resuming a poisoned generator panicked with {msg:?}, not saying \"panicked\""
        ),
    }
    log::take();
    drop(generator);
    assert_eq!(
        log::take(),
        Vec::<String>::new(),
        "{case}: values dropped twice"
    );

    let mut twin = TwinSide(Box::pin(make_twin()), false);
    let (t_yields, t_message, t_log) = until_panic(case, &mut twin, &mut args);
    drop(twin);
    log::take();
    assert_eq!(yields, t_yields, "{case}: yields before the panic");
    assert_eq!(message, t_message, "{case}: panic message");
    assert_eq!(log_at_panic, t_log, "{case}: log at the panic");
    for k in 0..=yields {
        let left = cancel(case, k, GenSide(make_gen()), &mut args);
        let right = cancel(case, k, TwinSide(Box::pin(make_twin()), false), &mut args);
        assert_eq!(left, right, "{case}: log when dropped after {k} resumes");
    }
    (message, log_at_panic)
}

/// One poll of a stream, logged: `pending`, `yield {v:?}` (then the value is
/// dropped) or `end`.
fn poll_stream_logged<S: Stream + Unpin>(s: &mut S) -> bool
where
    S::Item: Debug,
{
    match Pin::new(s).poll_next(&mut Context::from_waker(Waker::noop())) {
        Poll::Pending => {
            log::push("pending");
            true
        }
        Poll::Ready(Some(v)) => {
            log::push(format!("yield {v:?}"));
            drop(v);
            true
        }
        Poll::Ready(None) => {
            log::push("end");
            false
        }
    }
}

/// One poll of the twin, logged like [`poll_stream_logged`].
fn poll_twin_logged<F: Future<Output = ()>>(f: Pin<&mut F>) -> bool {
    YIELDED.set(false);
    RESUME_ARG.with(|slot| *slot.borrow_mut() = Some(Box::new(())));
    let polled = f.poll(&mut Context::from_waker(Waker::noop()));
    RESUME_ARG.with(|slot| slot.borrow_mut().take());
    match polled {
        Poll::Pending => {
            if !YIELDED.take() {
                log::push("pending");
            }
            true
        }
        Poll::Ready(()) => {
            log::push("end");
            false
        }
    }
}

/// Compares an `#[async_iter]` with its `async fn` twin: the sequence of
/// `Pending`s and items, drop log on completion, `Ready(None)` again after
/// the end, and the drop log when dropped after every number of polls.
/// Returns the log of the run to completion.
pub fn check_stream<S, F>(
    case: &str,
    mut make_stream: impl FnMut() -> S,
    mut make_twin: impl FnMut() -> F,
) -> Vec<String>
where
    S: Stream + Unpin,
    S::Item: Debug,
    F: Future<Output = ()>,
{
    log::take();
    let mut s = make_stream();
    let mut steps = 0;
    while catching(|| poll_stream_logged(&mut s))
        .unwrap_or_else(|m| panic!("{case} (stream): panicked: {m}"))
    {
        steps += 1;
        assert!(steps < MAX_STEPS);
    }
    let ours = log::take();
    let again = Pin::new(&mut s).poll_next(&mut Context::from_waker(Waker::noop()));
    assert!(
        matches!(again, Poll::Ready(None)),
        "{case}: polled after the end"
    );
    drop(s);
    assert_eq!(
        log::take(),
        Vec::<String>::new(),
        "{case}: log after the end"
    );

    let mut twin = Box::pin(make_twin());
    let mut t_steps = 0;
    while poll_twin_logged(twin.as_mut()) {
        t_steps += 1;
        assert!(t_steps < MAX_STEPS);
    }
    let theirs = log::take();
    drop(twin);
    log::take();
    assert_eq!(ours, theirs, "{case}: log when run to the end");
    assert_eq!(steps, t_steps);

    for k in 0..=steps {
        let mut s = make_stream();
        for _ in 0..k {
            poll_stream_logged(&mut s);
        }
        drop(s);
        let left = log::take();
        let mut twin = Box::pin(make_twin());
        for _ in 0..k {
            poll_twin_logged(twin.as_mut());
        }
        drop(twin);
        let right = log::take();
        assert_eq!(left, right, "{case}: log when dropped after {k} polls");
    }
    ours
}

/// See the module docs.
#[macro_export]
macro_rules! gen_differential {
    ($($items:tt)*) => {
        pub mod gen_v {
            #[allow(unused_imports)]
            use super::*;
            $crate::__gen_items! { [gen] $($items)* }
        }
        pub mod twin_v {
            #[allow(unused_imports)]
            use super::*;
            $crate::__gen_items! { [twin] $($items)* }
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __gen_items {
    ([$fl:tt]) => {};
    ([$fl:tt] #[$kind:ident $args:tt] fn $name:ident $($rest:tt)*) => {
        $crate::__gen_signature! { [$fl] [$kind $args] [$name] $($rest)* }
    };
    ([$fl:tt] impl $(<$($g:tt),*>)? $ty:ident $(<$($h:tt),*>)? { $($fns:tt)* } $($rest:tt)*) => {
        impl $(<$($g),*>)? $ty $(<$($h),*>)? {
            $crate::__gen_items! { [$fl] $($fns)* }
        }
        $crate::__gen_items! { [$fl] $($rest)* }
    };
    ([$fl:tt] $item:item $($rest:tt)*) => {
        $item
        $crate::__gen_items! { [$fl] $($rest)* }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __gen_signature {
    ([$fl:tt] [$($attr:tt)*] [$($sig:tt)*] $body:block $($rest:tt)*) => {
        $crate::__gen_fn! { [$fl] [$($attr)*] [$($sig)*] $body $ }
        $crate::__gen_items! { [$fl] $($rest)* }
    };
    ([$fl:tt] [$($attr:tt)*] [$($sig:tt)*] $next:tt $($rest:tt)*) => {
        $crate::__gen_signature! { [$fl] [$($attr)*] [$($sig)* $next] $($rest)* }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __gen_fn {
    ([gen] [$kind:ident $args:tt] [$($sig:tt)*] $body:block $d:tt) => {
        #[::coro_runtime::$kind $args]
        pub fn $($sig)* $body
    };
    ([twin] [$kind:ident (yield = $y:ty $(,)?)] [$($sig:tt)*] $body:block $d:tt) => {
        $crate::__gen_fn! { [twin] [$kind (yield = $y, resume = ())] [$($sig)*] $body $d }
    };
    ([twin] [$kind:ident (yield = $y:ty, resume = $a:ty $(,)?)] [$($sig:tt)*] $body:block $d:tt) => {
        pub async fn $($sig)* {
            #[allow(unused_macros)]
            macro_rules! yield_ {
                () => { $crate::generators::yield_point::<(), $a>(()).await };
                ($d v:expr) => { $crate::generators::yield_point::<_, $a>($d v).await };
            }
            $body
        }
    };
}
