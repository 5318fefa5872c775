//! Attribute arguments.
//!
//! Input: `#[generator(yield = u32, resume = String)]`
//! Output: `Args { yield_ty: Some(u32), resume_ty: Some(String) }`

use proc_macro2::{Span, TokenStream};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Token, Type};

/// Which attribute is being expanded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Coro,
    Generator,
    AsyncIter,
}

impl Kind {
    pub fn attr(self) -> &'static str {
        match self {
            Kind::Coro => "#[coro]",
            Kind::Generator => "#[generator]",
            Kind::AsyncIter => "#[async_iter]",
        }
    }
    /// The return type a function under this attribute ends up with, as
    /// an error message spells it.
    pub fn machine_example(self) -> &'static str {
        match self {
            Kind::Coro => "impl coro_runtime::Coroutine<Output = T>",
            Kind::Generator => {
                "impl coro_runtime::Generator<(), Yield = Y, Return = R> + Iterator<Item = Y>"
            }
            Kind::AsyncIter => "impl coro_runtime::AsyncIterator<Item = Y>",
        }
    }
    pub fn allows_await(self) -> bool {
        self != Kind::Generator
    }
    pub fn allows_yield(self) -> bool {
        self != Kind::Coro
    }
}

pub struct Args {
    pub yield_ty: Option<Type>,
    pub resume_ty: Option<Type>,
    /// `clone`: the returned machine is `Clone` (a suspended machine can be
    /// forked); `Clone` is not an auto trait, so `impl Trait` must say it.
    pub clone: bool,
}

enum Arg {
    Yield(Span, Type),
    Resume(Span, Type),
    Clone,
}

impl Parse for Arg {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let span = input.span();
        let name: syn::Ident = if input.peek(Token![yield]) {
            let kw: Token![yield] = input.parse()?;
            syn::Ident::new("yield", kw.span)
        } else {
            input.parse()?
        };
        if name == "clone" && !input.peek(Token![=]) {
            return Ok(Arg::Clone);
        }
        if !matches!(name.to_string().as_str(), "yield" | "resume") {
            return Err(syn::Error::new(
                name.span(),
                format!(
                    "unknown argument `{name}`: expected `yield = Type`, `resume = Type` or `clone`"
                ),
            ));
        }
        input.parse::<Token![=]>()?;
        let ty: Type = input.parse()?;
        match name.to_string().as_str() {
            "yield" => Ok(Arg::Yield(span, ty)),
            "resume" => Ok(Arg::Resume(span, ty)),
            other => Err(syn::Error::new(
                name.span(),
                format!(
                    "unknown argument `{other}`: expected `yield = Type`, `resume = Type` or `clone`"
                ),
            )),
        }
    }
}

pub fn parse(kind: Kind, tokens: TokenStream) -> syn::Result<Args> {
    let list = syn::parse::Parser::parse2(Punctuated::<Arg, Token![,]>::parse_terminated, tokens)?;
    let mut args = Args {
        yield_ty: None,
        resume_ty: None,
        clone: false,
    };
    for arg in list {
        match arg {
            Arg::Clone => args.clone = true,
            Arg::Yield(span, ty) => {
                if kind == Kind::Coro {
                    return Err(syn::Error::new(
                        span,
                        "`#[coro]` takes no `yield` type: a function that yields values is a `#[generator(yield = T)]` (or `#[async_iter(yield = T)]` if it also awaits)",
                    ));
                }
                if args.yield_ty.replace(ty).is_some() {
                    return Err(syn::Error::new(span, "`yield` is given twice"));
                }
            }
            Arg::Resume(span, ty) => {
                if kind != Kind::Generator {
                    return Err(syn::Error::new(
                        span,
                        format!(
                            "{} takes no `resume` type: resume arguments are a `#[generator(yield = Y, resume = A)]` feature",
                            kind.attr()
                        ),
                    ));
                }
                if args.resume_ty.replace(ty).is_some() {
                    return Err(syn::Error::new(span, "`resume` is given twice"));
                }
            }
        }
    }
    if kind != Kind::Coro && args.yield_ty.is_none() {
        return Err(syn::Error::new(
            Span::call_site(),
            format!(
                "{} needs the type of the values it yields: write `{}(yield = T)]`",
                kind.attr(),
                kind.attr().trim_end_matches(']')
            ),
        ));
    }
    Ok(args)
}
