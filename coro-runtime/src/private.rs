//! Support for the code the macros generate. Not public API: names here may
//! change in any release.

use core::future::Future;
use core::marker::PhantomData;

use crate::coroutine::Trace;

pub use crate::coroutine::{CoroMachine, Frame, FrameReady, GenMachine, Next, StreamMachine};
pub use crate::slot::Slot;

// The `core` items the generated code names most often, so that it can name
// them through its one alias of this module (`__coro_rt::Poll::Ready`
// rather than `::core::task::Poll::Ready`): a machine's expansion is a few
// thousand tokens, and every one of them is handed from the macro to the
// compiler and parsed again on every build, incremental ones included.
pub use core::convert::Infallible;
pub use core::mem::{replace, size_of};
pub use core::option::Option;
pub use core::task::{Context, Poll};

/// Takes a resume point's frame, leaving `Done` (the state while a resume
/// runs). A call rather than `replace(frame, Frame::Done)`: every mention of
/// the frame enum by path names all of its type parameters, and rustc keeps
/// an obligation open for each one the body has not fixed yet (see `slots`).
#[inline]
pub fn take<F: Frame>(frame: &mut F) -> F {
    replace(frame, F::done())
}

/// A parameter declared with a primitive type's name (`k: u32`) is taken to
/// have nothing to drop: the frame keeps it only while later code reads it,
/// not to the end of the body. The expansion calls this with the name as
/// written (`no_drop::<u32>();`), so that a type of the user's
/// shadowing the name (`struct u32(String);`) is an error, not an early
/// drop.
pub const fn no_drop<T: Scalar>() {}

/// The primitive types `no_drop` accepts.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the primitive type its name says",
    label = "another type shadows the primitive's name here",
    note = "`#[coro]` takes a parameter declared with a primitive type's name (`u32`, `bool`, ..) to have nothing to drop",
    note = "name it by a path instead (`self::Name`, `crate::module::Name`), or rename it"
)]
pub trait Scalar {}

macro_rules! scalars {
    ($($t:ty),*) => { $(impl Scalar for $t {})* };
}
scalars!(
    bool, char, f32, f64, i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize
);

/// `slots3(a, b, c)`: the locals a suspension point stores, each in its
/// frame `Slot`, in one call; `unslot3` takes them back out. One call per
/// suspension rather than a `Slot::new` per local: rustc's type check runs
/// its pending obligations at every call, and in a machine those are many
/// (one per type parameter each mention of the frame names, until the body
/// fixes it), so a call per local made a body with n awaits and n live
/// locals cost n^4 (40 awaits: 1.31 s to type-check with a call per local,
/// 0.47 s without those calls).
macro_rules! slots {
    ($($slots:ident $unslot:ident ($($v:ident: $t:ident),+);)+) => {$(
        #[doc(hidden)]
        #[inline]
        #[allow(clippy::too_many_arguments)]
        pub fn $slots<$($t),+>($($v: $t),+) -> ($(Slot<$t>,)+) {
            ($(Slot::new($v),)+)
        }
        #[doc(hidden)]
        #[inline]
        #[allow(clippy::too_many_arguments)]
        pub fn $unslot<$($t),+>($($v: Slot<$t>),+) -> ($($t,)+) {
            ($($v.into_inner(),)+)
        }
    )+};
}
slots! {
    slots1 unslot1 (a: A);
    slots2 unslot2 (a: A, b: B);
    slots3 unslot3 (a: A, b: B, c: C);
    slots4 unslot4 (a: A, b: B, c: C, d: D);
    slots5 unslot5 (a: A, b: B, c: C, d: D, e: E);
    slots6 unslot6 (a: A, b: B, c: C, d: D, e: E, f: F);
    slots7 unslot7 (a: A, b: B, c: C, d: D, e: E, f: F, g: G);
    slots8 unslot8 (a: A, b: B, c: C, d: D, e: E, f: F, g: G, h: H);
}

/// Names a lifetime in an `impl Trait` return type so that edition-2021
/// crates capture it, as `async fn` does (`impl Coroutine + Captures<&'a ()>`).
pub trait Captures<T: ?Sized> {}
impl<T: ?Sized, U: ?Sized> Captures<T> for U {}

/// The two ways out of `expr?`; stable stand-in for `core::ops::ControlFlow`
/// plus the unstable `Try` trait.
pub enum Branch<C, B> {
    Continue(C),
    Break(B),
}

/// What `expr?` accepts inside a machine body: `Result` and `Option`.
#[diagnostic::on_unimplemented(
    message = "the `?` operator in a coro body can only be applied to `Result` or `Option`, not `{Self}`",
    label = "`?` applied to `{Self}`"
)]
pub trait QuestionMark {
    type Output;
    type Residual;
    fn branch(self) -> Branch<Self::Output, Self::Residual>;
}

impl<T, E> QuestionMark for Result<T, E> {
    type Output = T;
    type Residual = Result<Infallible, E>;
    #[inline]
    fn branch(self) -> Branch<T, Result<Infallible, E>> {
        match self {
            Ok(v) => Branch::Continue(v),
            Err(e) => Branch::Break(Err(e)),
        }
    }
}

impl<T> QuestionMark for Option<T> {
    type Output = T;
    type Residual = Option<Infallible>;
    #[inline]
    fn branch(self) -> Branch<T, Option<Infallible>> {
        match self {
            Some(v) => Branch::Continue(v),
            None => Branch::Break(None),
        }
    }
}

/// How the residual of `expr?` becomes the function's return value.
#[diagnostic::on_unimplemented(
    message = "the `?` operator in a coro body cannot turn `{R}` into `{Self}`",
    label = "this function returns `{Self}`"
)]
pub trait FromResidual<R> {
    fn from_residual(residual: R) -> Self;
}

impl<T, E, F: From<E>> FromResidual<Result<Infallible, E>> for Result<T, F> {
    #[inline]
    fn from_residual(residual: Result<Infallible, E>) -> Self {
        match residual {
            Err(e) => Err(From::from(e)),
        }
    }
}

impl<T> FromResidual<Option<Infallible>> for Option<T> {
    #[inline]
    fn from_residual(_: Option<Infallible>) -> Self {
        None
    }
}

/// Autoref specialisation: `(&Probe(&awaitee)).trace()` is `Some` when the
/// awaitee's concrete type implements [`Trace`], `None` otherwise. Only works
/// where the awaitee's type is concrete, i.e. inside the generated function.
pub struct Probe<'a, T: ?Sized>(pub &'a T);

pub trait ProbeTrace<'a> {
    fn trace(&self) -> Option<&'a dyn Trace>;
}

impl<'a, T: Trace + 'a> ProbeTrace<'a> for Probe<'a, T> {
    #[inline]
    fn trace(&self) -> Option<&'a dyn Trace> {
        Some(self.0)
    }
}

pub trait ProbeNoTrace<'a> {
    fn trace(&self) -> Option<&'a dyn Trace>;
}

impl<'a, T: ?Sized> ProbeNoTrace<'a> for &Probe<'a, T> {
    #[inline]
    fn trace(&self) -> Option<&'a dyn Trace> {
        None
    }
}

/// The largest of `sizes` (0 for none), for `Frame::LOCALS_BYTES`.
pub const fn max_of(sizes: &[usize]) -> usize {
    let mut max = 0;
    let mut i = 0;
    while i < sizes.len() {
        if sizes[i] > max {
            max = sizes[i];
        }
        i += 1;
    }
    max
}

/// A local the frame stores only to drop it at the end of its scope, and
/// whose value may borrow another local (`let first = v.first();` with
/// `first` no longer used): `(&&&Keep::new(x)).__coro_kept()` resolves to
/// [`KeepMut::__coro_kept`] for a `&mut` reference and to
/// [`KeepCopy::__coro_kept`] for a `Copy` value (a reference, `Option<&T>`,
/// an integer: nothing to drop, so dropping it now changes nothing), which
/// store `()`, and to [`KeepValue::__coro_kept`] for any other value, which
/// stores it. The frame then never holds a dead borrow of itself. (The
/// method's name keeps clear of the user's traits in scope.)
pub struct Keep<T>(core::cell::Cell<Option<T>>);

impl<T> Keep<T> {
    #[inline(always)]
    pub fn new(value: T) -> Self {
        Keep(core::cell::Cell::new(Some(value)))
    }
}

/// See [`Keep`]: any value is stored.
pub trait KeepValue {
    type Kept;
    fn __coro_kept(&self) -> Self::Kept;
}

impl<T> KeepValue for Keep<T> {
    type Kept = T;
    #[inline(always)]
    fn __coro_kept(&self) -> T {
        match self.0.take() {
            Some(value) => value,
            None => unreachable!("a `Keep` is taken once"),
        }
    }
}

/// See [`Keep`]: a `Copy` value is dropped now.
pub trait KeepCopy {
    #[inline(always)]
    fn __coro_kept(&self) {}
}

impl<T: Copy> KeepCopy for &Keep<T> {}

/// See [`Keep`]: a `&mut` reference is dropped now (a trait of its own:
/// coherence cannot tell `&mut T` from a `Copy` type).
pub trait KeepMut {
    #[inline(always)]
    fn __coro_kept(&self) {}
}

impl<T: ?Sized> KeepMut for &&Keep<&mut T> {}

/// A closure without `move` stored at a suspension point only to be
/// dropped at the end of its scope (no code after the point uses it), whose
/// body names the locals it uses in place only (`|m| out.push_str(m)`,
/// `|x| format!("{p}{x}")`): it holds references and nothing to drop, so it
/// is dropped at once, as rustc's liveness lets it die, rather than stored
/// next to the locals it borrows.
#[inline(always)]
pub fn closure_dropped<F>(closure: F) {
    let _ = closure;
}

/// The same for a closure that captures a local by reference (`&x`, a
/// format argument) and may also own a value: dropped at once if it is
/// `Copy` (its captures were all shared references after all). Any other
/// would have to stay in the frame next to what it borrows, and is
/// refused: rustc names the capture that is not `Copy`, at the closure.
/// (Whether a closure is `Copy` is known only once its body has been
/// checked, so this is a requirement, not a choice between two ways as
/// [`Keep`] makes for other values.)
#[inline(always)]
pub fn closure_dropped_if_copy<F: Copy>(closure: F) {
    let _ = closure;
}

/// A binding of a `match` arm as the arm's suspending guard sees it. The
/// arm is first matched by reference (a failed guard leaves the value
/// whole for the next arm), and `(&&GuardView(v)).__coro_view()` resolves
/// to [`GuardViewCopy::__coro_view`], the value itself, for a `Copy`
/// binding, as rustc's guard sees it, and to [`GuardViewRef::__coro_view`],
/// the reference, for any other.
pub struct GuardView<'a, T>(pub &'a T);

/// See [`GuardView`]: a `Copy` binding is seen as its value.
pub trait GuardViewCopy {
    type View;
    fn __coro_view(&self) -> Self::View;
}

impl<T: Copy> GuardViewCopy for &GuardView<'_, T> {
    type View = T;
    #[inline(always)]
    fn __coro_view(&self) -> T {
        *self.0
    }
}

/// See [`GuardView`]: any other binding is seen through its reference.
pub trait GuardViewRef {
    type View;
    fn __coro_view(&self) -> Self::View;
}

impl<'a, T> GuardViewRef for GuardView<'a, T> {
    type View = &'a T;
    #[inline(always)]
    fn __coro_view(&self) -> &'a T {
        self.0
    }
}

/// Drops a temporary the macro turned into a local, where rustc would have
/// dropped the temporary (`mem::drop` would trip lints on `Copy` values).
#[inline(always)]
pub fn end_temporary<T>(value: T) {
    drop(value);
}

#[cold]
#[inline(never)]
pub fn resumed_after_completion(name: &str) -> ! {
    panic!(
        "`{name}` was resumed after it completed: a machine must not be polled or resumed again once it has returned"
    )
}

#[cold]
#[inline(never)]
pub fn resumed_after_panic(name: &str) -> ! {
    panic!(
        "`{name}` was resumed after it panicked: the panic poisoned the machine, drop it instead of resuming it"
    )
}

/// What `.await` accepts in a machine body.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be awaited in a coro body: it must be a `Future` that is `Unpin`",
    label = "not an `Unpin` future",
    note = "the frame is an ordinary value that moves, so awaitees are polled through `Pin::new`; await `Box::pin(future)` instead"
)]
pub trait Awaitee: Future + Unpin {}
impl<F: Future + Unpin + ?Sized> Awaitee for F {}

/// An awaitee as its frame holds it: the future, and its output type
/// beside it, so that the frame's `Ready` type (see [`FrameReady`]) names
/// each await's output through [`Awaited`], a trait with no bounds that
/// every `Awaiting` implements. Bounding the `Ready` type by `Future`
/// instead would repeat a non-future awaitee's error, pointed at the
/// attribute. Same layout as the future.
#[repr(transparent)]
pub struct Awaiting<F, O>(F, PhantomData<fn() -> O>);

impl<F: Clone, O> Clone for Awaiting<F, O> {
    #[inline]
    fn clone(&self) -> Self {
        Awaiting(self.0.clone(), PhantomData)
    }
}

/// The output type an [`Awaiting`] carries.
pub trait Awaited {
    /// The awaitee's `Future::Output`.
    type Output;
}

impl<F, O> Awaited for Awaiting<F, O> {
    type Output = O;
}

/// `IntoFuture::into_future`, checked where the awaitee is created so that
/// an error points at the `.await` (a non-future fails the `IntoFuture`
/// bound first, with rustc's "is not a future"), in the [`Slot`] the frame
/// holds it in.
#[inline]
#[allow(clippy::type_complexity)]
pub fn awaitee<F>(future: F) -> Slot<Awaiting<F::IntoFuture, <F::IntoFuture as Future>::Output>>
where
    F: core::future::IntoFuture,
    F::IntoFuture: Awaitee,
{
    Slot::new(Awaiting(future.into_future(), PhantomData))
}

/// Polls an awaitee in place, without moving the frame.
#[inline]
pub fn poll_awaitee<F: Awaitee>(
    future: &mut Slot<Awaiting<F, F::Output>>,
    cx: &mut Context<'_>,
) -> Poll<F::Output> {
    core::pin::Pin::new(&mut future.get_mut().0).poll(cx)
}

/// The future in an awaitee's slot, for [`Probe`].
#[inline]
pub fn awaitee_ref<F, O>(future: &Slot<Awaiting<F, O>>) -> &F {
    &future.get().0
}

/// `return` in an `#[async_iter]` body: the stream ends.
#[inline]
pub fn stream_end<Y>((): ()) -> crate::coroutine::Next<Y, ()> {
    crate::coroutine::Next::Return(())
}

/// `expr?` failing in an `#[async_iter]` body: the error is the last item
/// (the frame is `Returned` while the body runs, so the stream then ends).
#[inline]
pub fn stream_error<Y>(item: Y) -> crate::coroutine::Next<Y, ()> {
    crate::coroutine::Next::Yield(item)
}

/// What a function whose attribute failed to expand returns, so that its
/// callers type-check and the user sees one error, not a cascade.
pub struct Fallback<T, Y = ()>(core::marker::PhantomData<fn() -> (T, Y)>);

impl<T, Y> Fallback<T, Y> {
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        Fallback(core::marker::PhantomData)
    }
}

#[cold]
fn fallback_called() -> ! {
    panic!("this machine's function failed to compile")
}

impl<T, Y> Unpin for Fallback<T, Y> {}

impl<T, Y> Future for Fallback<T, Y> {
    type Output = T;
    fn poll(self: core::pin::Pin<&mut Self>, _: &mut Context<'_>) -> Poll<T> {
        fallback_called()
    }
}

impl<T, Y> Iterator for Fallback<T, Y> {
    type Item = Y;
    fn next(&mut self) -> Option<Y> {
        fallback_called()
    }
}

impl<A, T, Y> crate::Generator<A> for Fallback<T, Y> {
    type Yield = Y;
    type Return = T;
    fn resume(&mut self, _: A) -> crate::GeneratorState<Y, T> {
        fallback_called()
    }
}

impl<T, Y> futures_core::Stream for Fallback<T, Y> {
    type Item = Y;
    fn poll_next(self: core::pin::Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Y>> {
        fallback_called()
    }
}

impl<T, Y> Trace for Fallback<T, Y> {
    fn name(&self) -> &'static str {
        "<failed to compile>"
    }
    fn state(&self) -> crate::MachineState {
        crate::MachineState::Poisoned
    }
    fn awaitee(&self) -> Option<&dyn Trace> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::max_of;

    #[test]
    fn max_of_sizes() {
        assert_eq!(max_of(&[]), 0);
        assert_eq!(max_of(&[0, 0]), 0);
        assert_eq!(max_of(&[24, 96, 8]), 96);
        const AT_COMPILE_TIME: usize = max_of(&[3, 1, 2]);
        assert_eq!(AT_COMPILE_TIME, 3);
    }
}
