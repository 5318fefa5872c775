//! Support for the code the macros generate. Not public API: names here may
//! change in any release.

use core::convert::Infallible;

use crate::coroutine::Trace;

pub use crate::coroutine::{CoroMachine, Frame, GenMachine, StreamMachine};

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
    #[inline(always)]
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
    #[inline(always)]
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
    #[inline(always)]
    fn from_residual(residual: Result<Infallible, E>) -> Self {
        match residual {
            Err(e) => Err(From::from(e)),
        }
    }
}

impl<T> FromResidual<Option<Infallible>> for Option<T> {
    #[inline(always)]
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
    #[inline(always)]
    fn trace(&self) -> Option<&'a dyn Trace> {
        Some(self.0)
    }
}

pub trait ProbeNoTrace<'a> {
    fn trace(&self) -> Option<&'a dyn Trace>;
}

impl<'a, T: ?Sized> ProbeNoTrace<'a> for &Probe<'a, T> {
    #[inline(always)]
    fn trace(&self) -> Option<&'a dyn Trace> {
        None
    }
}

#[cold]
#[inline(never)]
pub fn resumed_after_completion(name: &str) -> ! {
    panic!("`{name}` was resumed after it completed: a machine must not be polled or resumed again once it has returned")
}

#[cold]
#[inline(never)]
pub fn resumed_after_panic(name: &str) -> ! {
    panic!("`{name}` was resumed after it panicked: the panic poisoned the machine, drop it instead of resuming it")
}
