//! Edits to the user's code that is otherwise copied verbatim.
//!
//! None of these descend into closures, `async` blocks or items.

use proc_macro2::{Group, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote, quote_spanned};
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Ident, Lifetime};

use crate::args::Kind;
use crate::signature::self_ident;

/// `self` -> `__coro_self` (a closure cannot have a `self` parameter).
///
/// Input:  `self.count += 1; println!("{}", self.count);`
/// Output: `__coro_self.count += 1; println!("{}", __coro_self.count);`
pub fn rename_self(block: &mut syn::Block) {
    RenameSelf.visit_block_mut(block);
}

struct RenameSelf;

impl VisitMut for RenameSelf {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        if let Expr::Path(p) = expr
            && p.qself.is_none()
            && p.path.is_ident("self")
        {
            let span = p.path.segments[0].ident.span();
            p.path.segments[0].ident = self_ident(span);
            return;
        }
        visit_mut::visit_expr_mut(self, expr);
    }
    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        mac.tokens = rename_self_tokens(mac.tokens.clone());
    }
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

fn rename_self_tokens(tokens: TokenStream) -> TokenStream {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(trees.len());
    for (i, tt) in trees.iter().enumerate() {
        match tt {
            TokenTree::Ident(ident) if ident == "self" => {
                let path_follows =
                    matches!(trees.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == ':');
                if path_follows {
                    out.push(tt.clone());
                } else {
                    out.push(TokenTree::Ident(self_ident(ident.span())));
                }
            }
            TokenTree::Group(g) => {
                let mut group = Group::new(g.delimiter(), rename_self_tokens(g.stream()));
                group.set_span(g.span());
                out.push(TokenTree::Group(group));
            }
            _ => out.push(tt.clone()),
        }
    }
    out.into_iter().collect()
}

/// The function that wraps a value the body returns into what the resume
/// closure returns.
fn return_fn(kind: Kind, span: Span) -> syn::Path {
    let names: &[&str] = match kind {
        Kind::Coro | Kind::Generator => &["__coro_rt", "Next", "Return"],
        Kind::AsyncIter => &["__coro_rt", "stream_end"],
    };
    path_at(span, names)
}

/// Wraps a value the body returns into what the resume closure returns.
pub fn wrap_return(kind: Kind, span: Span, value: TokenStream) -> TokenStream {
    let func = return_fn(kind, span);
    quote_spanned!(span=> #func(#value))
}

/// `wrap_return` of an expression already parsed, without printing and
/// parsing `value` again.
fn wrap_return_expr(kind: Kind, span: Span, value: Expr) -> Expr {
    Expr::Call(syn::ExprCall {
        attrs: Vec::new(),
        func: Box::new(path_expr(return_fn(kind, span))),
        paren_token: syn::token::Paren(span),
        args: std::iter::once(value).collect(),
    })
}

/// `return v` -> `return <wrap>(v)`; `e?` -> an explicit match that returns
/// the residual the same way. After this, every exit of the body is a
/// `return` of the closure's type.
///
/// Input:  `let n = parse(s)?;`
/// Output: `let n = match QuestionMark::branch(parse(s)) { Continue(v) => v,
///          Break(r) => return Poll::Ready(FromResidual::from_residual(r)) };`
/// `residual_target` is the type `?` converts its residual into, when it can
/// be named (so that a failed conversion is reported at the `?`).
pub fn rewrite_exits(kind: Kind, residual_target: Option<&syn::Type>, block: &mut syn::Block) {
    RewriteExits {
        kind,
        residual_target,
    }
    .visit_block_mut(block);
}

struct RewriteExits<'a> {
    kind: Kind,
    residual_target: Option<&'a syn::Type>,
}

impl VisitMut for RewriteExits<'_> {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        match expr {
            Expr::Closure(_) | Expr::Async(_) | Expr::Const(_) => {}
            Expr::Return(ret) => {
                if let Some(value) = &mut ret.expr {
                    self.visit_expr_mut(value);
                }
                let span = ret.return_token.span;
                let value = match ret.expr.take() {
                    Some(v) => *v,
                    None => syn::parse_quote_spanned!(span=> ()),
                };
                ret.expr = Some(Box::new(wrap_return_expr(self.kind, span, value)));
            }
            Expr::Try(t) => {
                self.visit_expr_mut(&mut t.expr);
                let span = t.question_token.span;
                let v = Ident::new("__coro_ok", Span::mixed_site());
                let r = Ident::new("__coro_residual", span.resolved_at(Span::mixed_site()));
                let residual = match self.residual_target {
                    Some(target) => {
                        let target = respan(target.to_token_stream(), span);
                        quote_spanned!(span=> <#target as __coro_rt::FromResidual<_>>::from_residual(#r))
                    }
                    None => {
                        quote_spanned!(span=> __coro_rt::FromResidual::from_residual(#r))
                    }
                };
                let exit = match self.kind {
                    Kind::AsyncIter => {
                        quote_spanned!(span=> __coro_rt::stream_error(#residual))
                    }
                    kind => wrap_return(kind, span, residual),
                };
                // Built as syntax, not printed and parsed: the operand is
                // the user's expression, and parsing the rest cost a debug
                // build's macro about 1 M instructions per `?` (5% of the
                // compile-time bench crate's expansion).
                let operand = std::mem::replace(&mut *t.expr, Expr::Verbatim(TokenStream::new()));
                *expr = question_match(span, operand, v, r, exit);
            }
            _ => {
                visit_mut::visit_expr_mut(self, expr);
                parenthesize_leading_match(expr);
            }
        }
    }
    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        // `yield_!(e?)`: the value is an expression of the body.
        if crate::scan::is_yield_macro(mac)
            && let Ok(Some(mut value)) = crate::scan::parse_yield_value(mac)
        {
            self.visit_expr_mut(&mut value);
            mac.tokens = quote!(#value);
        }
    }
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// `match __coro_rt::QuestionMark::branch(operand) {
/// __coro_rt::Branch::Continue(v) => v, __coro_rt::Branch::Break(r) =>
/// return exit, }`, every token of the macro's at `span` (the `?`).
fn question_match(span: Span, operand: Expr, v: Ident, r: Ident, exit: TokenStream) -> Expr {
    let arm = |variant: &str, binding: Ident, body: Expr| {
        let mut elems = syn::punctuated::Punctuated::new();
        elems.push(syn::Pat::Ident(syn::PatIdent {
            attrs: Vec::new(),
            by_ref: None,
            mutability: None,
            ident: binding,
            subpat: None,
        }));
        syn::Arm {
            attrs: Vec::new(),
            pat: syn::Pat::TupleStruct(syn::PatTupleStruct {
                attrs: Vec::new(),
                qself: None,
                path: path_at(span, &["__coro_rt", "Branch", variant]),
                paren_token: syn::token::Paren(span),
                elems,
            }),
            guard: None,
            fat_arrow_token: syn::token::FatArrow(span),
            body: Box::new(body),
            comma: Some(syn::token::Comma(span)),
        }
    };
    let value = path_expr(v.clone().into());
    let exit = Expr::Return(syn::ExprReturn {
        attrs: Vec::new(),
        return_token: syn::token::Return(span),
        expr: Some(Box::new(Expr::Verbatim(exit))),
    });
    Expr::Match(syn::ExprMatch {
        attrs: Vec::new(),
        match_token: syn::token::Match(span),
        expr: Box::new(Expr::Call(syn::ExprCall {
            attrs: Vec::new(),
            func: Box::new(path_expr(path_at(
                span,
                &["__coro_rt", "QuestionMark", "branch"],
            ))),
            paren_token: syn::token::Paren(span),
            args: std::iter::once(operand).collect(),
        })),
        brace_token: syn::token::Brace(span),
        arms: vec![arm("Continue", v, value), arm("Break", r, exit)],
    })
}

/// The operand of a `?` that [`rewrite_exits`] made a `match` (see
/// [`question_match`]).
pub fn question_operand(m: &syn::ExprMatch) -> Option<&Expr> {
    match &*m.expr {
        Expr::Call(c) if is_question_branch(c) => c.args.first(),
        _ => None,
    }
}

/// [`question_operand`], to change.
pub fn question_operand_mut(m: &mut syn::ExprMatch) -> Option<&mut Expr> {
    match &mut *m.expr {
        Expr::Call(c) if is_question_branch(c) => c.args.first_mut(),
        _ => None,
    }
}

/// Whether `c` is `__coro_rt::QuestionMark::branch(operand)`.
fn is_question_branch(c: &syn::ExprCall) -> bool {
    matches!(&*c.func, Expr::Path(f)
        if f.path.segments.last().is_some_and(|s| s.ident == "branch")
            && f.path.segments.iter().any(|s| s.ident == "QuestionMark"))
        && c.args.len() == 1
}

/// `path` as an expression.
fn path_expr(path: syn::Path) -> Expr {
    Expr::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path,
    })
}

/// `a::b::c`, every token at `span` (the `::`s too, as `quote_spanned!`
/// would put them).
fn path_at(span: Span, names: &[&str]) -> syn::Path {
    let mut segments = syn::punctuated::Punctuated::new();
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            segments.push_punct(syn::token::PathSep(span));
        }
        segments.push_value(syn::PathSegment::from(Ident::new(name, span)));
    }
    syn::Path {
        leading_colon: None,
        segments,
    }
}

/// `x.await? as u64` became `match .. { .. } as u64`, which does not parse
/// back where a statement may start (the `match` would end there): a
/// desugared `?` in the left-most operand position gets parentheses.
fn parenthesize_leading_match(expr: &mut Expr) {
    let leading = match expr {
        Expr::Binary(b) => &mut *b.left,
        Expr::Cast(c) => &mut *c.expr,
        Expr::MethodCall(m) => &mut *m.receiver,
        Expr::Field(f) => &mut *f.base,
        Expr::Index(i) => &mut *i.expr,
        Expr::Await(a) => &mut *a.base,
        Expr::Range(r) => match &mut r.start {
            Some(start) => &mut **start,
            None => return,
        },
        _ => return,
    };
    if matches!(leading, Expr::Match(_)) {
        let inner = std::mem::replace(leading, Expr::Verbatim(TokenStream::new()));
        *leading = Expr::Paren(syn::ExprParen {
            attrs: Vec::new(),
            paren_token: Default::default(),
            expr: Box::new(inner),
        });
    }
}

/// The same tokens, all spanned at `span` (so an error lands there).
fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tt| {
            if let TokenTree::Group(g) = &tt {
                let mut group = Group::new(g.delimiter(), respan(g.stream(), span));
                group.set_span(span);
                return TokenTree::Group(group);
            }
            tt.set_span(span);
            tt
        })
        .collect()
}

/// A loop or labeled block that was split into blocks of the state machine:
/// `break`/`continue` to it from verbatim code must become jumps.
pub struct SplitTarget {
    pub label: Option<Lifetime>,
    /// Labeled blocks are only targets of labeled `break`.
    pub is_loop: bool,
}

/// What a `break`/`continue` in verbatim code turns into.
pub enum Jump {
    /// Leave as is: it targets a loop inside the verbatim code.
    Keep,
    /// Replace with a jump to split target `index` (of the caller's stack).
    Split { index: usize, is_break: bool },
}

/// Replaces each `break`/`continue` that leaves the verbatim expression
/// toward a split loop with the tokens `hole(index, is_break, value)` returns.
pub fn rewrite_jumps(
    expr: &mut Expr,
    targets: &[SplitTarget],
    hole: &mut dyn FnMut(usize, bool, Option<Expr>, Span) -> syn::Result<Expr>,
) -> syn::Result<()> {
    let mut rewriter = RewriteJumps {
        targets,
        hole,
        inner: Vec::new(),
        error: None,
    };
    rewriter.visit_expr_mut(expr);
    rewriter.error.map_or(Ok(()), Err)
}

struct RewriteJumps<'a> {
    targets: &'a [SplitTarget],
    hole: &'a mut dyn FnMut(usize, bool, Option<Expr>, Span) -> syn::Result<Expr>,
    /// Loops and labeled blocks inside the verbatim code: (label, is_loop).
    inner: Vec<(Option<Lifetime>, bool)>,
    error: Option<syn::Error>,
}

impl RewriteJumps<'_> {
    fn resolve(&self, label: Option<&Lifetime>, is_break: bool, span: Span) -> syn::Result<Jump> {
        match label {
            Some(label) => {
                if self
                    .inner
                    .iter()
                    .any(|(l, _)| l.as_ref().is_some_and(|l| l.ident == label.ident))
                {
                    return Ok(Jump::Keep);
                }
                match self
                    .targets
                    .iter()
                    .rposition(|t| t.label.as_ref().is_some_and(|l| l.ident == label.ident))
                {
                    Some(index) => {
                        if !is_break && !self.targets[index].is_loop {
                            return Err(syn::Error::new(
                                label.span(),
                                "`continue` cannot target a labeled block",
                            ));
                        }
                        Ok(Jump::Split { index, is_break })
                    }
                    None => Ok(Jump::Keep),
                }
            }
            None => {
                if self.inner.iter().any(|(_, is_loop)| *is_loop) {
                    return Ok(Jump::Keep);
                }
                match self.targets.iter().rposition(|t| t.is_loop) {
                    Some(index) => Ok(Jump::Split { index, is_break }),
                    None => Err(syn::Error::new(
                        span,
                        if is_break {
                            "`break` outside of a loop"
                        } else {
                            "`continue` outside of a loop"
                        },
                    )),
                }
            }
        }
    }

    fn jump(&mut self, expr: &mut Expr) {
        let (label, is_break, value, span) = match expr {
            Expr::Break(b) => (
                b.label.clone(),
                true,
                b.expr.take().map(|e| *e),
                b.break_token.span,
            ),
            Expr::Continue(c) => (c.label.clone(), false, None, c.continue_token.span),
            _ => return,
        };
        let mut value = value;
        if let Some(v) = &mut value {
            self.visit_expr_mut(v);
        }
        match self.resolve(label.as_ref(), is_break, span) {
            Ok(Jump::Keep) => {
                if let (Expr::Break(b), Some(v)) = (&mut *expr, value) {
                    b.expr = Some(Box::new(v));
                }
            }
            Ok(Jump::Split { index, is_break }) => {
                match (self.hole)(index, is_break, value, span) {
                    Ok(replacement) => *expr = replacement,
                    Err(e) => self.error = Some(e),
                }
            }
            Err(e) => self.error = Some(e),
        }
    }

    fn scoped(&mut self, label: Option<Lifetime>, is_loop: bool, f: impl FnOnce(&mut Self)) {
        self.inner.push((label, is_loop));
        f(self);
        self.inner.pop();
    }
}

impl VisitMut for RewriteJumps<'_> {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        if self.error.is_some() {
            return;
        }
        match expr {
            Expr::Break(_) | Expr::Continue(_) => self.jump(expr),
            Expr::Loop(l) => {
                let label = l.label.as_ref().map(|l| l.name.clone());
                self.scoped(label, true, |s| s.visit_block_mut(&mut l.body));
            }
            Expr::While(w) => {
                self.visit_expr_mut(&mut w.cond);
                let label = w.label.as_ref().map(|l| l.name.clone());
                self.scoped(label, true, |s| s.visit_block_mut(&mut w.body));
            }
            Expr::ForLoop(f) => {
                self.visit_expr_mut(&mut f.expr);
                let label = f.label.as_ref().map(|l| l.name.clone());
                self.scoped(label, true, |s| s.visit_block_mut(&mut f.body));
            }
            Expr::Block(b) if b.label.is_some() => {
                let label = b.label.as_ref().map(|l| l.name.clone());
                self.scoped(label, false, |s| s.visit_block_mut(&mut b.block));
            }
            Expr::Closure(_) | Expr::Async(_) | Expr::Const(_) => {}
            _ => visit_mut::visit_expr_mut(self, expr),
        }
    }
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}
