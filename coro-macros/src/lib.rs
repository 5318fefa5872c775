//! Procedural macros of `coro`: `#[coro]`, `#[generator]`, `#[async_iter]`.
//!
//! Use them through `coro_runtime`, which re-exports them. Each attribute is
//! a small compiler (one module per stage):
//!
//! - `args`: the attribute's arguments (`yield = Y`, `resume = A`);
//! - `signature`: parameters, receiver, lifetimes and return type;
//! - `validate`: the checks that reject what cannot work, with spans on the
//!   user's tokens;
//! - `cfg`: `#[cfg]`s in the body, one expansion per combination of them;
//! - `chains`: `let` chains that suspend after their first condition,
//!   rewritten into nested `if`s;
//! - `scan`: syntactic queries on the body (where the suspension points
//!   are, which locals a piece of code mentions, consumes or assigns);
//! - `rewrite`: the edits applied to code copied verbatim (`self`,
//!   `return`, `?`, `break`/`continue` across suspension points);
//! - `lower`: body -> blocks of straight-line code joined by suspensions and
//!   jumps, with scopes and locals made explicit;
//! - `analyse`: which locals each resume point must hold;
//! - `emit`: the frame enum, the step enum and the resume closure.
//!
//! Errors become tokens in one place, here.

mod analyse;
mod args;
mod cfg;
mod chains;
mod emit;
mod flags;
mod lower;
mod rewrite;
mod scan;
mod signature;
mod validate;

use proc_macro::TokenStream;

use crate::args::Kind;

/// Compiles an ordinary function whose body uses `.await` into an explicit
/// enum state machine.
///
/// `#[coro] fn name(params) -> T { body }` returns
/// `impl coro_runtime::Coroutine<Output = T>`: a `Future + Unpin` that can be
/// traced (`Trace`). The body may `.await` another `#[coro]` machine or any
/// `Future + Unpin` (await a `!Unpin` future as `Box::pin(fut).await`), in
/// any expression position. The machine behaves as the same body written as
/// an `async fn`: same output, same number of `Pending` returns, same drop
/// order on completion and when dropped at any suspension point. `Send` and
/// `Sync` follow the locals it holds.
///
/// A body that never returns (`-> !`) gives `Output = core::convert::Infallible`
/// (`!` is not stable as a type argument).
///
/// Takes no arguments. Works on free functions, generic functions, `impl
/// Trait` parameters and methods taking `self`, `&self`, `&mut self` or
/// `self: Box<Self>`, trait methods with a default body, and impl methods
/// implementing a trait's `fn m(..) -> impl Coroutine<Output = T>`. A borrow of a local of the coroutine cannot live across
/// a suspension point (the frame is a value that moves): the errors say what
/// to write instead. See the `coro_runtime` crate documentation.
#[proc_macro_attribute]
pub fn coro(args: TokenStream, item: TokenStream) -> TokenStream {
    expand(Kind::Coro, args, item)
}

/// Compiles a function whose body uses `yield_!(v)` into a generator.
///
/// `#[generator(yield = Y)] fn name(params) -> R { body }` returns
/// `impl coro_runtime::Generator<(), Yield = Y, Return = R> + Iterator<Item = Y>`
/// (the iterator is fused; `R` defaults to `()`).
///
/// Arguments:
/// - `yield = Y` (required): the type of the values `yield_!(v)` passes out;
/// - `resume = A`: `yield_!(v)` evaluates to the argument of the next
///   `resume(a)`, and the machine implements `Generator<A, ..>` (and not
///   `Iterator`). The first `resume` starts the body; its argument is not
///   seen by the body, as with std's unstable coroutines;
/// - `clone`: the returned machine is `Clone` (so a suspended generator can
///   be forked); every local and awaitee must then be `Clone`.
///
/// `.await` is not allowed here: a body that both awaits and yields is an
/// [`async_iter`](macro@async_iter).
#[proc_macro_attribute]
pub fn generator(args: TokenStream, item: TokenStream) -> TokenStream {
    expand(Kind::Generator, args, item)
}

/// Compiles a function whose body uses both `.await` and `yield_!(v)` into an
/// async iterator.
///
/// `#[async_iter(yield = Y)] fn name(params) { body }` returns
/// `impl coro_runtime::AsyncIterator<Item = Y>`: a `futures_core::Stream`
/// that is `Unpin` and traceable, fused (`Ready(None)` forever after the end).
/// With a `Result` item type, `expr?` yields the error as the last item and
/// ends the stream. Takes `yield = Y` (required) and `clone`.
///
/// Consume it from a `#[coro]` body with `coro_runtime::stream::next`, which
/// takes the stream and hands it back with the item.
#[proc_macro_attribute]
pub fn async_iter(args: TokenStream, item: TokenStream) -> TokenStream {
    expand(Kind::AsyncIter, args, item)
}

fn expand(kind: Kind, args: TokenStream, item: TokenStream) -> TokenStream {
    let item2: proc_macro2::TokenStream = item.into();
    let args2: proc_macro2::TokenStream = args.into();
    let func = match emit::parse_item(kind, item2) {
        Ok(func) => func,
        Err(err) => return err.to_compile_error().into(),
    };
    // A body with `#[cfg]`s: one expansion per combination of them, each
    // gated (see `cfg`).
    match cfg::configurations(&func) {
        Ok(None) => expand_one(kind, &args2, &func)
            .into_iter()
            .collect::<proc_macro2::TokenStream>()
            .into(),
        Ok(Some(configs)) => configs
            .into_iter()
            .flat_map(|c| {
                let gate = c.gate;
                expand_one(kind, &args2, &c.item)
                    .into_iter()
                    .map(move |item| quote::quote!(#[cfg(#gate)] #item))
            })
            .collect::<proc_macro2::TokenStream>()
            .into(),
        Err(err) => error_items(kind, &args2, err, &func)
            .into_iter()
            .collect::<proc_macro2::TokenStream>()
            .into(),
    }
}

/// The items one expansion gives: the function, or on error what
/// [`error_items`] gives.
fn expand_one(
    kind: Kind,
    args: &proc_macro2::TokenStream,
    func: &syn::ItemFn,
) -> Vec<proc_macro2::TokenStream> {
    match emit::expand(kind, args.clone(), func) {
        Ok(tokens) => vec![tokens],
        Err(err) => error_items(kind, args, err, func),
    }
}

/// One `compile_error!` per message of `err`, then the function with a
/// stand-in body: one error, not a cascade. The item stays so that its uses
/// still resolve, but its body is unreachable.
fn error_items(
    kind: Kind,
    args: &proc_macro2::TokenStream,
    err: syn::Error,
    func: &syn::ItemFn,
) -> Vec<proc_macro2::TokenStream> {
    let mut out: Vec<_> = err.into_iter().map(|e| e.to_compile_error()).collect();
    if let Ok(fallback) = emit::fallback(kind, args.clone(), func) {
        out.push(fallback);
    }
    out
}
