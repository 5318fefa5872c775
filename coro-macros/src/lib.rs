//! Procedural macros of `coro`: `#[coro]`, `#[generator]`, `#[async_iter]`.
//!
//! Use them through `coro_runtime`, which re-exports them. Each attribute is
//! a small compiler (one module per stage):
//!
//! - [`args`]: the attribute's arguments (`yield = Y`, `resume = A`);
//! - [`signature`]: parameters, receiver, lifetimes and return type;
//! - [`scan`]: syntactic queries on the body (where the suspension points
//!   are, which locals a piece of code mentions, consumes or assigns) and the
//!   checks that reject what cannot work, with spans on the user's tokens;
//! - [`rewrite`]: the edits applied to code copied verbatim (`self`,
//!   `return`, `?`, `break`/`continue` across suspension points);
//! - [`lower`]: body -> blocks of straight-line code joined by suspensions and
//!   jumps, with scopes and locals made explicit;
//! - [`analyse`]: which locals each resume point must hold;
//! - [`emit`]: the frame enum, the step enum and the resume closure.
//!
//! Errors become tokens in one place, here.

mod analyse;
mod args;
mod emit;
mod lower;
mod rewrite;
mod scan;
mod signature;

use proc_macro::TokenStream;

use crate::args::Kind;

/// Compiles an ordinary function whose body uses `.await` into an explicit
/// enum state machine implementing `coro_runtime::Coroutine<Output = T>`.
/// See the `coro_runtime` crate docs.
#[proc_macro_attribute]
pub fn coro(args: TokenStream, item: TokenStream) -> TokenStream {
    expand(Kind::Coro, args, item)
}

/// Compiles a function whose body uses `yield_!(v)` into a machine that is an
/// `Iterator` and a `coro_runtime::Generator`. See the `coro_runtime` docs.
#[proc_macro_attribute]
pub fn generator(args: TokenStream, item: TokenStream) -> TokenStream {
    expand(Kind::Generator, args, item)
}

/// Compiles a function whose body uses both `.await` and `yield_!(v)` into a
/// machine that is a `futures_core::Stream`. See the `coro_runtime` docs.
#[proc_macro_attribute]
pub fn async_iter(args: TokenStream, item: TokenStream) -> TokenStream {
    expand(Kind::AsyncIter, args, item)
}

fn expand(kind: Kind, args: TokenStream, item: TokenStream) -> TokenStream {
    let item2: proc_macro2::TokenStream = item.into();
    let args2: proc_macro2::TokenStream = args.into();
    match emit::expand(kind, args2.clone(), item2.clone()) {
        Ok(tokens) => tokens.into(),
        Err(err) => {
            // One error, not a cascade: keep the item (when it parses) so
            // that its uses still resolve, but make its body unreachable.
            let mut out = err.to_compile_error();
            if let Ok(fallback) = emit::fallback(kind, args2, item2) {
                out.extend(fallback);
            }
            out.into()
        }
    }
}
