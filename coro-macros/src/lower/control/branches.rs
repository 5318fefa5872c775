//! `if` and `match` that contain suspension points (or that
//! [`crate::flags`] marked to split), and the conditions of `if` and `while`
//! (an expression, `let P = e`, or a `&&` chain of them). When only the
//! condition or scrutinee suspends, the rest stays verbatim; otherwise each
//! branch ends in a goto to a join block that receives the construct's value.

use quote::{quote, quote_spanned};
use syn::Expr;
use syn::spanned::Spanned;

use super::expr_block;
use crate::lower::{BlockId, Builder, Operand};
use crate::scan::{self, Ctx, Touch};

impl Builder {
    /// Lowers a block in a new scope and jumps to `join` with its value.
    fn branch_to(&mut self, block: syn::Block, join: BlockId, bind: &[(syn::Ident, bool)]) {
        let span = block.span();
        self.open_scope();
        for (ident, mutable) in bind {
            self.declare_binding(ident.clone(), *mutable);
        }
        let tail = self.lower_stmts(block.stmts);
        let tail = tail.unwrap_or_else(|| quote_spanned!(span=> ()));
        self.goto(join, Some(tail), span);
        let code = self.close_scope(None);
        self.emit(code);
    }

    /// `if` with a suspension in its condition or branches. Both branches end
    /// in a jump, so the `else` part is written as the block after the `if`.
    pub fn lower_if(&mut self, mut e: syn::ExprIf) -> Operand {
        let span = e.if_token.span;
        let forced = crate::flags::unmark(&mut e.attrs);
        let branches_suspend = forced
            || scan::block_suspends(&e.then_branch)
            || e.else_branch
                .as_ref()
                .is_some_and(|(_, e)| scan::expr_suspends(e));
        if branches_suspend && let Expr::Let(l) = &mut *e.cond {
            self.hoist_scrutinee_root(&mut l.expr);
        }
        let (cond, bindings) = self.lower_condition(*e.cond.clone());
        if !branches_suspend {
            // Only the condition suspends: the rest stays verbatim.
            e.cond = Box::new(Expr::Verbatim(cond.tokens.clone()));
            let rest = self.verbatim(Expr::If(e), Ctx::Value);
            return Operand::compose(rest.tokens.clone(), vec![cond, rest]);
        }
        let cond_tokens = self.emit_operand(cond);
        let join = self.new_join("Join", true);
        let construct = self.construct();
        let here = self.current_block();
        let then_branch = e.then_branch;
        let then_code = self.in_branch(construct, 0, |b| {
            b.fragment(|b| b.branch_to(then_branch, join, &bindings))
        });
        self.set_current(here);
        let else_block: syn::Block = match e.else_branch {
            Some((_, else_expr)) => match *else_expr {
                Expr::Block(b) if b.label.is_none() => b.block,
                other => expr_block(other),
            },
            None => syn::parse_quote_spanned!(span=> {}),
        };
        let else_code = self.in_branch(construct, 1, |b| {
            b.fragment(|b| b.branch_to(else_block, join, &[]))
        });
        self.set_current(here);
        self.emit(quote_spanned!(span=> if #cond_tokens #then_code #else_code));
        self.start_block(join);
        let var = self.join_value(join).expect("join value");
        let ident = self.vars[var].ident.clone();
        Operand::var(var, &ident, Touch::Consume)
    }

    /// rustc keeps the temporaries of an `if let`/`match` scrutinee alive to
    /// the end of the branch taken, across its suspension points (and those
    /// of any operand to the end of its statement). The one
    /// that matters is the root of a method chain (`make().name().find(..)`:
    /// `make()` is borrowed by the rest): it becomes a local that lives to
    /// the end of the enclosing statement, and the rest stays verbatim.
    pub(crate) fn hoist_scrutinee_root(&mut self, expr: &mut Expr) {
        if scan::expr_suspends(expr) {
            return;
        }
        fn root(expr: &mut Expr, depth: usize) -> Option<&mut Expr> {
            match expr {
                Expr::MethodCall(m) => root(&mut m.receiver, depth + 1),
                Expr::Field(f) => root(&mut f.base, depth + 1),
                Expr::Reference(r) => root(&mut r.expr, depth + 1),
                Expr::Paren(p) => root(&mut p.expr, depth),
                Expr::Group(g) => root(&mut g.expr, depth),
                Expr::Call(_) | Expr::Struct(_) | Expr::Macro(_) if depth > 0 => Some(expr),
                _ => None,
            }
        }
        if let Some(root) = root(expr, 0) {
            let value = self.verbatim(root.clone(), Ctx::Value);
            let (var, ident) = self.temp("t", value, false);
            self.record(var, Touch::Mention);
            *root = syn::parse_quote!(#ident);
        }
    }

    /// A condition: an expression, `let P = e`, or a `&&` chain of them.
    /// Returns the condition's tokens and the bindings its `let`s introduce.
    pub(super) fn lower_condition(&mut self, cond: Expr) -> (Operand, Vec<(syn::Ident, bool)>) {
        let mut parts = Vec::new();
        flatten_and(cond, &mut parts);
        let has_let = parts.iter().any(|p| matches!(p, Expr::Let(_)));
        if !has_let {
            let cond = rebuild_and(parts);
            return (self.lower_expr(cond, Ctx::Value), Vec::new());
        }
        let mut bindings = Vec::new();
        let mut ops = Vec::new();
        let mut tokens = Vec::new();
        for (i, part) in parts.into_iter().enumerate() {
            if i > 0 && scan::expr_suspends(&part) {
                // `chains` rewrote every such chain into nested `if`s before
                // lowering; reaching this is a bug of the macro, reported
                // rather than miscompiled.
                self.error(part.span(), "internal error of the coroutine macro: a suspension point in a later condition of a `let` chain was not rewritten; please report it with this function (working around: await before the `if`)");
            }
            match part {
                Expr::Let(l) => {
                    let ctx = if scan::pat_binds_by_value(&l.pat) {
                        Ctx::Value
                    } else {
                        Ctx::Place
                    };
                    let scrutinee = if i == 0 {
                        self.lower_expr(*l.expr, ctx)
                    } else {
                        self.verbatim(*l.expr, ctx)
                    };
                    bindings.extend(scan::pat_bindings(&l.pat));
                    let pat = &l.pat;
                    let s = scrutinee.tokens.clone();
                    tokens.push(quote!(let #pat = #s));
                    ops.push(scrutinee);
                }
                other => {
                    let op = if i == 0 {
                        self.lower_expr(other, Ctx::Value)
                    } else {
                        self.verbatim(other, Ctx::Value)
                    };
                    tokens.push(op.tokens.clone());
                    ops.push(op);
                }
            }
        }
        (Operand::compose(quote!(#(#tokens)&&*), ops), bindings)
    }

    pub fn lower_match(&mut self, mut m: syn::ExprMatch) -> Operand {
        let span = m.match_token.span;
        if m.arms.iter().any(|arm| {
            arm.guard
                .as_ref()
                .is_some_and(|(_, g)| scan::expr_suspends(g))
        }) {
            return self.lower_match_chain(m);
        }
        let by_value = m.arms.iter().any(|arm| scan::pat_binds_by_value(&arm.pat));
        let ctx = if by_value { Ctx::Value } else { Ctx::Place };
        let forced = crate::flags::unmark(&mut m.attrs);
        let arms_suspend = forced || m.arms.iter().any(|arm| scan::expr_suspends(&arm.body));
        if arms_suspend {
            self.hoist_scrutinee_root(&mut m.expr);
        }
        let scrutinee = self.lower_expr(*m.expr.clone(), ctx);
        if !arms_suspend {
            m.expr = Box::new(Expr::Verbatim(scrutinee.tokens.clone()));
            let rest = self.verbatim(Expr::Match(m), Ctx::Value);
            return Operand::compose(rest.tokens.clone(), vec![scrutinee, rest]);
        }
        let scrutinee = self.emit_operand(scrutinee);
        let join = self.new_join("Join", true);
        let construct = self.construct();
        let here = self.current_block();
        let mut arms = Vec::new();
        for (i, arm) in m.arms.into_iter().enumerate() {
            let bindings = scan::pat_bindings(&arm.pat);
            let body: syn::Block = match *arm.body {
                Expr::Block(b) if b.label.is_none() => b.block,
                other => expr_block(other),
            };
            if let Some((_, guard)) = &arm.guard {
                let mut found = Vec::new();
                scan::touches(guard, Ctx::Value, &mut |i, t| found.push((i.clone(), t)));
                self.record_touches(found);
            }
            let code = self.in_branch(construct, i, |b| {
                b.fragment(|b| b.branch_to(body, join, &bindings))
            });
            self.set_current(here);
            let (attrs, pat) = (&arm.attrs, &arm.pat);
            let guard = arm.guard.as_ref().map(|(if_token, g)| quote!(#if_token #g));
            arms.push(quote!(#(#attrs)* #pat #guard => #code));
        }
        self.emit(quote_spanned!(span=> match #scrutinee { #(#arms)* }));
        self.start_block(join);
        let var = self.join_value(join).expect("join value");
        let ident = self.vars[var].ident.clone();
        Operand::var(var, &ident, Touch::Consume)
    }

    /// A `match` with a suspension point in a guard: one test per arm, in
    /// order; a failed pattern or guard jumps to the next arm's test.
    ///
    /// Input:  `match v { x if big(x).await => a, x => b }`
    /// Output: `match __s { x => { suspend big(x); if __r { goto Join(a) }
    ///          else { goto NextArm } } _ => goto NextArm }`,
    ///         NextArm: `match __s { x => goto Join(b), _ => unreachable }`
    ///
    /// The scrutinee is evaluated once, into a local unless it is a place.
    /// Bindings a guard sees are taken from it by value, so arms after a
    /// failed guard still see it whole when those bindings are `Copy`.
    fn lower_match_chain(&mut self, m: syn::ExprMatch) -> Operand {
        let span = m.match_token.span;
        let scrutinee = if !scan::expr_suspends(&m.expr)
            && matches!(&*m.expr, Expr::Path(p) if p.path.get_ident().is_some())
        {
            let op = self.verbatim(*m.expr, Ctx::Place);
            self.emit_operand(op)
        } else {
            let op = self.lower_expr(*m.expr, Ctx::Value);
            let (_, ident) = self.temp("s", op, false);
            quote!(#ident)
        };
        let join = self.new_join("Join", true);
        let construct = self.construct();
        let n = m.arms.len();
        for (i, arm) in m.arms.into_iter().enumerate() {
            let next = self.new_join("NextArm", false);
            let here = self.current_block();
            let bindings = scan::pat_bindings(&arm.pat);
            let body: syn::Block = match *arm.body {
                Expr::Block(b) if b.label.is_none() => b.block,
                other => expr_block(other),
            };
            let guard = arm.guard.map(|(_, g)| *g);
            // Only the body is the arm's branch: a guard that fails goes on
            // to the next arm, so what the guard does (and where it
            // suspends) precedes the later arms for the analysis.
            let arm_code = self.fragment(|b| {
                b.open_scope();
                for (ident, mutable) in &bindings {
                    b.declare_binding(ident.clone(), *mutable);
                }
                match guard {
                    None => b.in_branch(construct, i, |b| {
                        let tail = b.lower_stmts(body.stmts);
                        let tail = tail.unwrap_or_else(|| quote_spanned!(span=> ()));
                        b.goto(join, Some(tail), span);
                    }),
                    Some(guard) => {
                        let cond = b.lower_expr(guard, Ctx::Value);
                        let cond = b.emit_operand(cond);
                        let at = b.current_block();
                        let then_code = b.in_branch(construct, i, |b| {
                            b.fragment(|b| b.branch_to(body, join, &[]))
                        });
                        b.set_current(at);
                        let else_code = b.fragment(|b| b.goto(next, None, span));
                        b.emit(quote_spanned!(span=> if #cond #then_code #else_code));
                        b.mark_diverged();
                    }
                }
                let code = b.close_scope(None);
                b.emit(code);
            });
            self.set_current(here);
            let miss = self.fragment(|b| b.goto(next, None, span));
            let (attrs, pat) = (&arm.attrs, &arm.pat);
            self.emit(quote_spanned! {span=>
                #[allow(unreachable_patterns, clippy::match_single_binding)]
                match #scrutinee {
                    #(#attrs)* #pat => #arm_code,
                    _ => { #miss }
                }
            });
            self.mark_diverged();
            self.start_block(next);
            if i + 1 == n {
                self.emit(
                    quote_spanned!(span=> ::core::unreachable!("no arm of this `match` matched")),
                );
                self.mark_diverged();
            }
        }
        self.start_block(join);
        let var = self.join_value(join).expect("join value");
        let ident = self.vars[var].ident.clone();
        Operand::var(var, &ident, Touch::Consume)
    }
}

fn flatten_and(expr: Expr, out: &mut Vec<Expr>) {
    match expr {
        Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
            flatten_and(*b.left, out);
            flatten_and(*b.right, out);
        }
        Expr::Paren(p) if !matches!(&*p.expr, Expr::Let(_)) && !contains_let(&p.expr) => {
            out.push(Expr::Paren(p))
        }
        other => out.push(other),
    }
}

fn contains_let(expr: &Expr) -> bool {
    match expr {
        Expr::Let(_) => true,
        Expr::Binary(b) => contains_let(&b.left) || contains_let(&b.right),
        _ => false,
    }
}

fn rebuild_and(parts: Vec<Expr>) -> Expr {
    let mut iter = parts.into_iter();
    let first = iter.next().expect("condition");
    iter.fold(first, |acc, next| syn::parse_quote!(#acc && #next))
}
