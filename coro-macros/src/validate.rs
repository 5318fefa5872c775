//! The checks that reject what cannot work, before lowering, each with an
//! error on the user's token and what to write instead.
//!
//! Like `scan`, nothing here descends into nested items; closures and
//! `async` blocks are entered only to report suspension points inside them.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Expr, Macro};

use crate::args::Kind;
use crate::scan::{block_suspends, is_yield_macro, parse_yield_value};

/// Checks the whole body once, before lowering: suspension points where they
/// cannot work, and suspension kinds the attribute does not allow.
pub fn validate(kind: Kind, name: &syn::Ident, block: &syn::Block) -> syn::Result<()> {
    let mut v = Validate {
        kind,
        name: name.to_string(),
        errors: Vec::new(),
        in_closure: None,
    };
    v.visit_block(block);
    let mut errors = v.errors.into_iter();
    match errors.next() {
        None => Ok(()),
        Some(mut first) => {
            errors.for_each(|e| first.combine(e));
            Err(first)
        }
    }
}

struct Validate {
    kind: Kind,
    /// The function's name, to spot it awaiting itself.
    name: String,
    errors: Vec<syn::Error>,
    /// While inside a closure, an `async` closure or an `async` block: the
    /// words that name it in messages ("a closure", ...).
    in_closure: Option<&'static str>,
}

impl Validate {
    fn error(&mut self, span: Span, msg: impl std::fmt::Display) {
        self.errors.push(syn::Error::new(span, msg));
    }

    fn check_await(&mut self, span: Span) {
        if let Some(what) = self.in_closure {
            if what == "a closure" {
                self.error(
                    span,
                    "`.await` inside a closure: a closure cannot suspend the coroutine around it; await before the closure and pass the value in, or make the closure a `#[coro]` fn",
                );
            }
            return;
        }
        if !self.kind.allows_await() {
            self.error(
                span,
                "`.await` in a `#[generator]`: a body that both awaits and yields is an `#[async_iter(yield = T)]`",
            );
        }
    }

    /// `name(..).await` or `Box::pin(name(..)).await` in `name` itself: the
    /// machine would hold a machine of its own type.
    fn check_recursion(&mut self, awaited: &Expr) {
        let Some(call) = self_call(awaited, &self.name) else {
            return;
        };
        let name = &self.name;
        self.errors.push(syn::Error::new_spanned(
            call,
            format!(
                "`{name}` awaits a call of itself: its machine would contain a machine of its own type, which rustc reports as \"cannot resolve opaque type\". Erase the type to break the cycle: `let inner: std::pin::Pin<Box<dyn std::future::Future<Output = _>>> = Box::pin({name}(..)); inner.await`"
            ),
        ));
    }

    fn check_yield(&mut self, mac: &Macro) {
        let span = mac.path.span();
        if let Some(what) = self.in_closure {
            self.error(span, format!("`yield_!` inside {what}: it can only suspend the function marked with the attribute, not {what} inside it"));
            return;
        }
        if !self.kind.allows_yield() {
            self.error(
                span,
                "`yield_!` in a `#[coro]`: values are yielded by a `#[generator(yield = T)]` (or an `#[async_iter(yield = T)]` if the body also awaits)",
            );
        }
    }

    fn check_macro_tokens(&mut self, mac: &Macro) {
        if is_yield_macro(mac) {
            if let Some(span) = find_await_tokens(&mac.tokens) {
                self.error(span, "`.await` inside `yield_!(..)`: await first, `let value = fut.await;`, then `yield_!(value)`");
            }
            return;
        }
        let name = mac
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        if self.in_closure.is_none() {
            if let Some(span) = find_await_tokens(&mac.tokens) {
                self.error(
                    span,
                    format!("`.await` inside `{name}!(..)` is not supported: a macro's tokens are opaque to the coroutine compiler; bind the value first (`let value = fut.await;`) and pass `value` to `{name}!`"),
                );
            }
            if let Some(span) = find_yield_tokens(&mac.tokens) {
                self.error(span, format!("`yield_!` inside `{name}!(..)` is not supported: yield in a statement of its own"));
            }
        }
    }
}

impl<'ast> Visit<'ast> for Validate {
    fn visit_expr(&mut self, expr: &'ast Expr) {
        match expr {
            Expr::Await(a) => {
                self.check_await(a.await_token.span);
                if self.in_closure.is_none() {
                    self.check_recursion(&a.base);
                }
                visit::visit_expr(self, &a.base);
            }
            Expr::Macro(m) => {
                if is_yield_macro(&m.mac) {
                    self.check_yield(&m.mac);
                }
                self.check_macro_tokens(&m.mac);
                if is_yield_macro(&m.mac)
                    && let Ok(Some(value)) = parse_yield_value(&m.mac)
                {
                    self.visit_expr(&value);
                }
            }
            Expr::Closure(c) => {
                // An `async` closure awaits on its own, as an `async` block does.
                let what = match c.asyncness {
                    Some(_) => "an `async` closure",
                    None => "a closure",
                };
                let outer = self.in_closure.replace(what);
                visit::visit_expr_closure(self, c);
                self.in_closure = outer;
            }
            Expr::Async(a) => {
                let outer = self.in_closure.replace("an `async` block");
                visit::visit_expr_async(self, a);
                self.in_closure = outer;
            }
            Expr::Unsafe(u) if self.in_closure.is_none() && block_suspends(&u.block) => {
                self.error(u.unsafe_token.span, "a suspension point inside an `unsafe` block is not supported: keep the `unsafe` block free of `.await`/`yield_!` and await outside it");
            }
            _ => visit::visit_expr(self, expr),
        }
    }
    fn visit_stmt_macro(&mut self, m: &'ast syn::StmtMacro) {
        if is_yield_macro(&m.mac) {
            self.check_yield(&m.mac);
        }
        self.check_macro_tokens(&m.mac);
        if is_yield_macro(&m.mac)
            && let Ok(Some(value)) = parse_yield_value(&m.mac)
        {
            self.visit_expr(&value);
        }
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// The call of the function `name` that `expr` awaits, through parentheses
/// and `Box::pin(..)`/`Box::new(..)`/`Pin::new(..)`: `name(..)` or
/// `Self::name(..)`.
fn self_call<'a>(expr: &'a Expr, name: &str) -> Option<&'a syn::ExprCall> {
    match expr {
        Expr::Paren(p) => self_call(&p.expr, name),
        Expr::Group(g) => self_call(&g.expr, name),
        Expr::Call(call) => {
            let Expr::Path(callee) = &*call.func else {
                return None;
            };
            let segments: Vec<String> = callee
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            match segments.iter().map(String::as_str).collect::<Vec<_>>()[..] {
                [f] | ["Self", f] if f == name => Some(call),
                [.., "Box" | "Pin", "pin" | "new"] if call.args.len() == 1 => {
                    self_call(&call.args[0], name)
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// The span of `await` in `. await` anywhere in `tokens` (nested groups too).
fn find_await_tokens(tokens: &TokenStream) -> Option<Span> {
    let mut prev_dot = false;
    for tt in tokens.clone() {
        match &tt {
            TokenTree::Ident(i) if prev_dot && i == "await" => return Some(i.span()),
            TokenTree::Group(g) => {
                if let Some(span) = find_await_tokens(&g.stream()) {
                    return Some(span);
                }
            }
            _ => {}
        }
        prev_dot = matches!(&tt, TokenTree::Punct(p) if p.as_char() == '.');
    }
    None
}

fn find_yield_tokens(tokens: &TokenStream) -> Option<Span> {
    let mut iter = tokens.clone().into_iter().peekable();
    while let Some(tt) = iter.next() {
        match &tt {
            TokenTree::Ident(i) if i == "yield_" => {
                if matches!(iter.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '!') {
                    return Some(i.span());
                }
            }
            TokenTree::Group(g) => {
                if let Some(span) = find_yield_tokens(&g.stream()) {
                    return Some(span);
                }
            }
            _ => {}
        }
    }
    None
}
