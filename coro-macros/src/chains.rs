//! `let` chains with a suspension point after their first condition,
//! rewritten into nested `if`s before anything else looks at the body.
//!
//! The lowering splits a condition at a suspension point only when it is
//! the first of its chain: the conditions after it may name what the first
//! bound. Nested, every condition is the first of its own `if`.
//!
//! Input:  `if let Some(x) = a && check(x).await { A } else { B }`
//! Output: `'__coro_chain1: { if let Some(x) = a { if check(x).await {
//!          break '__coro_chain1 { A }; } } B }`
//!
//! Input:  `'l: while let Some(x) = it.next() && keep(x).await { A }`
//! Output: `'l: loop { if let Some(x) = it.next() { if keep(x).await {
//!          { A } continue; } } break; }`
//!
//! This is what the chain means: a condition runs only when the ones before
//! it held, its bindings are seen by the conditions after it and by `A` but
//! not by `B`, and everything the conditions bound or kept as a temporary is
//! dropped, last first, before `B` runs (or the loop ends). Unlabeled
//! `break`s and `continue`s in `A` still reach the same loop: the `loop`
//! replaces the `while`, and a labeled block is not the target of an
//! unlabeled `break`.
//!
//! Chains whose later conditions do not suspend are left alone, and so is
//! everything inside closures, `async` blocks and items.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Lifetime, Stmt, Token};

use crate::scan;

/// Rewrites every `if` and `while` of `block` whose condition is a `let`
/// chain with a suspension point after its first condition.
pub fn split_let_chains(block: &mut syn::Block) {
    SplitLetChains { labels: 0 }.visit_block_mut(block);
}

struct SplitLetChains {
    /// Labels made so far, to number the next one.
    labels: usize,
}

impl SplitLetChains {
    fn label(&mut self, span: Span) -> Lifetime {
        self.labels += 1;
        Lifetime::new(&format!("'__coro_chain{}", self.labels), span)
    }
}

impl VisitMut for SplitLetChains {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        match expr {
            Expr::Closure(_) | Expr::Async(_) | Expr::Const(_) => return,
            _ => visit_mut::visit_expr_mut(self, expr),
        }
        // The parts are rewritten already: nested chains come out first.
        match expr {
            Expr::If(e) if needs_split(&e.cond) => {
                let label = self.label(e.if_token.span);
                *expr = split_if(e.clone(), label);
            }
            Expr::While(w) if needs_split(&w.cond) => *expr = split_while(w.clone()),
            _ => {}
        }
    }
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// Whether `cond` is a chain with a `let` in it and a suspension point in
/// a condition after the first.
fn needs_split(cond: &Expr) -> bool {
    let parts = conditions(cond);
    parts.iter().any(|p| matches!(p, Expr::Let(_)))
        && parts.iter().skip(1).any(|p| scan::expr_suspends(p))
}

/// The conditions of a `&&` chain, first to last.
fn conditions(cond: &Expr) -> Vec<&Expr> {
    match cond {
        Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
            let mut parts = conditions(&b.left);
            parts.extend(conditions(&b.right));
            parts
        }
        other => vec![other],
    }
}

// The rewrite builds syntax trees directly (no printing and parsing back),
// so it cannot fail on any condition syn accepted.

/// `if c1 && .. && cn { then }` as nested `if`s around `body`.
fn nest(cond: &Expr, body: syn::Block) -> syn::Block {
    conditions(cond)
        .into_iter()
        .rev()
        .fold(body, |inner, part| {
            let span = part.span();
            let test = Expr::If(syn::ExprIf {
                attrs: Vec::new(),
                if_token: Token![if](span),
                cond: Box::new(part.clone()),
                then_branch: inner,
                else_branch: None,
            });
            block(span, vec![Stmt::Expr(test, None)])
        })
}

fn split_if(e: syn::ExprIf, label: Lifetime) -> Expr {
    let span = e.if_token.span;
    let leave = Expr::Break(syn::ExprBreak {
        attrs: Vec::new(),
        break_token: Token![break](span),
        label: Some(label.clone()),
        expr: Some(Box::new(block_expr(e.then_branch))),
    });
    let body = block(span, vec![Stmt::Expr(leave, Some(Token![;](span)))]);
    let mut stmts = nest(&e.cond, body).stmts;
    if let Some((_, otherwise)) = e.else_branch {
        stmts.push(Stmt::Expr(*otherwise, None));
    }
    Expr::Block(syn::ExprBlock {
        attrs: e.attrs,
        label: Some(syn::Label {
            name: label,
            colon_token: Token![:](span),
        }),
        block: block(span, stmts),
    })
}

fn split_while(w: syn::ExprWhile) -> Expr {
    let span = w.while_token.span;
    let again = Expr::Continue(syn::ExprContinue {
        attrs: Vec::new(),
        continue_token: Token![continue](span),
        label: None,
    });
    let body = block(
        span,
        vec![
            Stmt::Expr(block_expr(w.body), None),
            Stmt::Expr(again, Some(Token![;](span))),
        ],
    );
    let mut stmts = nest(&w.cond, body).stmts;
    let done = Expr::Break(syn::ExprBreak {
        attrs: Vec::new(),
        break_token: Token![break](span),
        label: None,
        expr: None,
    });
    stmts.push(Stmt::Expr(done, Some(Token![;](span))));
    Expr::Loop(syn::ExprLoop {
        attrs: w.attrs,
        label: w.label,
        loop_token: Token![loop](span),
        body: block(span, stmts),
    })
}

fn block(span: Span, stmts: Vec<Stmt>) -> syn::Block {
    syn::Block {
        brace_token: syn::token::Brace(span),
        stmts,
    }
}

fn block_expr(block: syn::Block) -> Expr {
    Expr::Block(syn::ExprBlock {
        attrs: Vec::new(),
        label: None,
        block,
    })
}

#[cfg(test)]
mod tests {
    use quote::ToTokens;

    use super::split_let_chains;

    fn split(body: syn::Block) -> String {
        let mut body = body;
        split_let_chains(&mut body);
        body.into_token_stream().to_string()
    }

    #[test]
    fn an_if_chain_nests_inside_a_labeled_block() {
        let out = split(syn::parse_quote!({
            if let Some(x) = a
                && check(x).await
            {
                x
            } else {
                0
            }
        }));
        assert_eq!(
            out,
            "{ '__coro_chain1 : { if let Some (x) = a { if check (x) . await \
             { break '__coro_chain1 { x } ; } } { 0 } } }"
        );
    }

    #[test]
    fn a_while_chain_becomes_a_loop_that_keeps_its_label() {
        let out = split(syn::parse_quote!({
            'l: while let Some(x) = it.next()
                && keep(x).await
            {
                f(x);
            }
        }));
        assert_eq!(
            out,
            "{ 'l : loop { if let Some (x) = it . next () { if keep (x) . await \
             { { f (x) ; } continue ; } } break ; } }"
        );
    }

    #[test]
    fn chains_that_need_no_split_are_left_alone() {
        for body in [
            // Suspends in its first condition only.
            quote::quote!({
                if let Some(x) = f().await
                    && x > 1
                {
                    x
                } else {
                    0
                }
            }),
            // No `let`: a boolean `&&`, which short-circuits as it is.
            quote::quote!({ if a && f().await { 1 } else { 0 } }),
            // Inside a closure.
            quote::quote!({
                let c = || {
                    if let Some(x) = a
                        && g(x)
                    {
                        1
                    } else {
                        0
                    }
                };
            }),
        ] {
            let parsed: syn::Block = syn::parse2(body).unwrap();
            let before = parsed.to_token_stream().to_string();
            assert_eq!(split(parsed), before);
        }
    }

    #[test]
    fn nested_chains_get_their_own_labels() {
        let out = split(syn::parse_quote!({
            if let Some(x) = a
                && f(x).await
            {
                if let Some(y) = b
                    && g(y).await
                {
                    1
                } else {
                    2
                }
            } else {
                3
            }
        }));
        assert!(out.contains("'__coro_chain1 :"), "{out}");
        assert!(out.contains("'__coro_chain2 :"), "{out}");
        assert!(out.contains("break '__coro_chain1"), "{out}");
        assert!(out.contains("break '__coro_chain2"), "{out}");
    }
}
