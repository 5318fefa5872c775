//! `differential!`: one copy of the source, two flavours.
//!
//! Input: a sequence of items.
//! ```text
//! differential! {
//!     fn inner(a: D) -> u32 { Yield::times(1).await; 1 }
//!     fn outer<T: Clone>(t: T) -> u32 where T: Send { inner(D("a")).await + 1 }
//!     pub struct S { pub n: u32 }
//!     impl S { fn get(&self) -> u32 { self.n } }
//! }
//! ```
//! Output: the same items in two sibling modules, each `fn` made public,
//! calls between them resolving within the module.
//! ```text
//! pub mod coro_v {
//!     use super::*;
//!     #[::coro_runtime::coro] pub fn inner(a: D) -> u32 { .. }
//!     #[::coro_runtime::coro] pub fn outer<T: Clone>(t: T) -> u32 where T: Send { .. }
//!     pub struct S { pub n: u32 }
//!     impl S { #[::coro_runtime::coro] pub fn get(&self) -> u32 { .. } }
//! }
//! pub mod async_v { /* the same with `pub async fn` */ }
//! ```
//! Bodies are captured as `$body:block` and return types as `$ret:ty`, so
//! `#[coro]` receives them wrapped in invisible groups, as it does for any
//! function a `macro_rules!` generates. Other items (structs, consts, ...)
//! are copied verbatim; `impl Type { .. }` blocks get their `fn`s rewritten.

/// Expands a group of functions into `mod coro_v` (`#[coro]`) and
/// `mod async_v` (`async fn`); see the module docs.
#[macro_export]
macro_rules! differential {
    ($($items:tt)*) => {
        pub mod coro_v {
            #[allow(unused_imports)]
            use super::*;
            $crate::__differential_items! { [coro] $($items)* }
        }
        pub mod async_v {
            #[allow(unused_imports)]
            use super::*;
            $crate::__differential_items! { [async] $($items)* }
        }
    };
}

/// Walks the items of a `differential!` group for one flavour.
#[doc(hidden)]
#[macro_export]
macro_rules! __differential_items {
    ([$flavour:tt]) => {};
    // The common shape, without generics or `where`: no munching needed.
    ([$flavour:tt] fn $name:ident ( $($params:tt)* ) $(-> $ret:ty)? $body:block $($rest:tt)*) => {
        $crate::__differential_fn! { [$flavour] [$name ( $($params)* ) $(-> $ret)?] $body }
        $crate::__differential_items! { [$flavour] $($rest)* }
    };
    // Generics, `where` clauses: collect the signature up to the body.
    ([$flavour:tt] fn $name:ident $($rest:tt)*) => {
        $crate::__differential_signature! { [$flavour] [$name] $($rest)* }
    };
    ([$flavour:tt] impl $ty:ident { $($fns:tt)* } $($rest:tt)*) => {
        impl $ty {
            $crate::__differential_items! { [$flavour] $($fns)* }
        }
        $crate::__differential_items! { [$flavour] $($rest)* }
    };
    ([$flavour:tt] $item:item $($rest:tt)*) => {
        $item
        $crate::__differential_items! { [$flavour] $($rest)* }
    };
}

/// Collects a signature token by token until the body.
#[doc(hidden)]
#[macro_export]
macro_rules! __differential_signature {
    ([$flavour:tt] [$($signature:tt)*] $body:block $($rest:tt)*) => {
        $crate::__differential_fn! { [$flavour] [$($signature)*] $body }
        $crate::__differential_items! { [$flavour] $($rest)* }
    };
    ([$flavour:tt] [$($signature:tt)*] $next:tt $($rest:tt)*) => {
        $crate::__differential_signature! { [$flavour] [$($signature)* $next] $($rest)* }
    };
}

/// Emits one function in the given flavour.
#[cfg(not(feature = "async-both"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __differential_fn {
    ([coro] [$($signature:tt)*] $body:block) => {
        #[::coro_runtime::coro]
        pub fn $($signature)* $body
    };
    ([async] [$($signature:tt)*] $body:block) => {
        pub async fn $($signature)* $body
    };
}

/// Emits one function in the given flavour; `async-both`: `async fn` twice.
#[cfg(feature = "async-both")]
#[doc(hidden)]
#[macro_export]
macro_rules! __differential_fn {
    ([$flavour:tt] [$($signature:tt)*] $body:block) => {
        pub async fn $($signature)* $body
    };
}

/// `check!(name(args))`: [`check`](fn@crate::check) of `coro_v::name(args)`
/// against `async_v::name(args)`; the arguments are evaluated afresh for
/// every run.
#[macro_export]
macro_rules! check {
    ($name:ident ( $($arg:expr),* $(,)? )) => {
        $crate::check(
            ::core::stringify!($name),
            || coro_v::$name($($arg),*),
            || async_v::$name($($arg),*),
        )
    };
}

/// `check_either!(name(args))`: [`check_either`](fn@crate::check_either) of
/// `coro_v::name(args)` against `async_v::name(args)`.
#[macro_export]
macro_rules! check_either {
    ($name:ident ( $($arg:expr),* $(,)? )) => {
        $crate::check_either(
            ::core::stringify!($name),
            || coro_v::$name($($arg),*),
            || async_v::$name($($arg),*),
        )
    };
}

/// `check_panics!(name(args))`: [`check_panics`](fn@crate::check_panics) of
/// `coro_v::name(args)` against `async_v::name(args)`.
#[macro_export]
macro_rules! check_panics {
    ($name:ident ( $($arg:expr),* $(,)? )) => {
        $crate::check_panics(
            ::core::stringify!($name),
            || coro_v::$name($($arg),*),
            || async_v::$name($($arg),*),
        )
    };
}
