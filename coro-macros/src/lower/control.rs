//! Statements and control flow that contain suspension points.
//!
//! Input:  `while let Some(x) = next().await { sum += x; }`
//! Output: goto LoopHead0;
//!         LoopHead0: `{ suspend Await0(next()) }`
//!         Await0:    `{ let __coro_r1 = __coro_ready;
//!                       if let Some(x) = __coro_r1 { sum += x; goto LoopHead0 }
//!                       else { goto LoopExit1 } }`
//!         LoopExit1: ...
//!
//! A construct with no suspension point is copied verbatim.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Expr, Stmt};

use super::{BlockId, Builder, Operand, Payload, uninit_ident};
use crate::scan::{self, Ctx, Touch};

/// Arm index of a branch that never falls through (`let .. else`).
pub const DIVERGING_ARM: usize = usize::MAX;

impl Builder {
    pub fn lower_stmt(&mut self, stmt: Stmt) {
        match stmt {
            Stmt::Item(item) => self.items.push(item.into_token_stream()),
            Stmt::Local(local) => self.lower_let(local),
            Stmt::Macro(m) if scan::is_yield_macro(&m.mac) => {
                let expr = Expr::Macro(syn::ExprMacro {
                    attrs: m.attrs,
                    mac: m.mac,
                });
                self.lower_expr_stmt(expr, true);
            }
            Stmt::Macro(m) => {
                let diverges = scan::is_diverging_macro(&m.mac);
                let mut found = Vec::new();
                let stmt = Stmt::Macro(m);
                scan::touches_stmt(&stmt, &mut |i, t| found.push((i.clone(), t)));
                self.record_touches(found);
                self.emit(stmt.into_token_stream());
                if diverges {
                    self.mark_diverged();
                }
            }
            Stmt::Expr(expr, semi) => self.lower_expr_stmt(expr, semi.is_some()),
        }
    }

    fn lower_expr_stmt(&mut self, expr: Expr, semi: bool) {
        let diverges = match &expr {
            Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) => true,
            Expr::Macro(m) => scan::is_diverging_macro(&m.mac),
            _ => false,
        };
        if !scan::expr_suspends(&expr) {
            let op = self.verbatim(expr, Ctx::Value);
            let tokens = self.emit_operand(op);
            let semi = semi.then(|| quote!(;));
            self.emit(quote!(#tokens #semi));
        } else {
            // The statement's temporaries live in a scope of their own.
            self.open_scope();
            let op = self.lower_expr(expr, Ctx::Value);
            let tokens = self.emit_operand(op);
            self.emit(quote!(#tokens;));
            let code = self.close_scope(None);
            self.emit(code);
        }
        if diverges {
            self.mark_diverged();
        }
    }

    fn lower_let(&mut self, mut local: syn::Local) {
        let bindings = scan::pat_bindings(&local.pat);
        let ctx = if scan::pat_binds_by_value(&local.pat) {
            Ctx::Value
        } else {
            Ctx::Place
        };
        if bindings.iter().any(|(_, m)| *m) {
            // The mutation may happen in a later arm of the machine.
            local.attrs.push(syn::parse_quote!(#[allow(unused_mut)]));
        }
        let Some(init) = local.init.take() else {
            let untyped_ident = matches!(&local.pat, syn::Pat::Ident(p) if p.subpat.is_none());
            if untyped_ident && bindings.len() == 1 {
                // `let x;`: its type comes from an assignment, maybe in a
                // later arm, which then declares it itself; written here
                // only if this arm uses it (see `emit`).
                let (ident, mutable) = bindings[0].clone();
                let var = self.declare(ident, mutable, true, false);
                let hole = uninit_ident(var);
                self.emit(quote!(#hole));
                self.record(var, Touch::Consume);
                return;
            }
            self.emit(local.into_token_stream());
            for (ident, mutable) in bindings {
                let var = self.declare_binding(ident, mutable);
                // Not initialised: nothing to carry until it is assigned.
                self.record(var, Touch::Consume);
            }
            return;
        };
        // `let r = &e;`, `let ref r = e;`, `let n = 0;`: a reference or a
        // literal, nothing to drop.
        let reference = match &local.pat {
            syn::Pat::Ident(p) if p.subpat.is_none() => {
                p.by_ref.is_some() || is_reference(&init.expr) || is_literal(&init.expr)
            }
            syn::Pat::Type(t) => matches!(&*t.ty, syn::Type::Reference(_)),
            _ => false,
        };
        let borrows = match &local.pat {
            syn::Pat::Ident(p) if p.subpat.is_none() && p.by_ref.is_none() => {
                self.borrowed_frame_local(&init.expr)
            }
            _ => None,
        };
        let value = if scan::expr_suspends(&init.expr) {
            self.open_scope();
            let op = self.lower_expr(*init.expr, ctx);
            let tokens = self.emit_operand(op);
            self.close_scope(Some(tokens))
        } else {
            let op = self.verbatim(*init.expr, ctx);
            self.emit_operand(op)
        };
        let else_block = init
            .diverge
            .map(|(_, diverge)| self.lower_let_else(*diverge));
        // `let .. else` forbids an initialiser ending in `}`.
        let value = if else_block.is_some() && value.to_string().ends_with('}') {
            let (_, ident) = self.temp("init", Operand::tokens(value), false);
            quote!(#ident)
        } else {
            value
        };
        let shadows = bindings
            .iter()
            .any(|(ident, _)| self.lookup(ident).is_some());
        let value = if shadows {
            // Evaluate the initialiser while the shadowed locals are visible,
            // then stash them, then bind.
            let (var, ident) = self.temp("init", Operand::tokens(value), false);
            self.stash_shadowed(&bindings);
            self.record_consume(var);
            quote!(#ident)
        } else {
            value
        };
        let attrs = &local.attrs;
        let pat = &local.pat;
        let else_tokens = else_block.map(|b| quote!(else #b));
        self.emit(quote!(#(#attrs)* let #pat = #value #else_tokens;));
        for (ident, mutable) in bindings {
            let var = self.declare_binding(ident, mutable);
            self.vars[var].no_drop = reference;
            self.vars[var].borrows.clone_from(&borrows);
        }
    }

    /// The `else` of `let .. else`: verbatim, or a jump to a block of its own.
    fn lower_let_else(&mut self, diverge: Expr) -> TokenStream {
        if !scan::expr_suspends(&diverge) {
            let op = self.verbatim(diverge, Ctx::Value);
            return self.emit_operand(op);
        }
        let block = self.new_join("LetElse", false);
        let span = diverge.span();
        let jump = self.jump_expr(block, None, span);
        let construct = self.construct();
        let here = self.current_block();
        self.in_branch(construct, DIVERGING_ARM, |b| {
            b.fragment(|b| {
                b.start_block(block);
                let op = b.lower_expr(diverge, Ctx::Value);
                let tokens = b.emit_operand(op);
                b.emit(quote!(#tokens;));
                b.mark_diverged();
            });
        });
        self.set_current(here);
        quote!({ #jump })
    }

    /// Ends the current arm with a jump to `target`, unless it diverged.
    pub fn goto(&mut self, target: BlockId, value: Option<TokenStream>, span: Span) {
        if !self.diverged() {
            self.transition(target, Payload::Goto(value), span);
        }
    }

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
    fn lower_condition(&mut self, cond: Expr) -> (Operand, Vec<(syn::Ident, bool)>) {
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
                self.error(part.span(), "a suspension point in a `let` chain is only supported in its first condition; await before the `if` and test the value");
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

    /// Enters a split loop: jumps to its head and starts it.
    fn enter_loop(&mut self, span: Span) -> (BlockId, BlockId, usize) {
        let head = self.new_join("LoopHead", false);
        let exit = self.new_join("LoopExit", true);
        self.goto(head, None, span);
        self.start_block(head);
        (head, exit, self.seq)
    }

    fn leave_loop(&mut self, exit: BlockId, start: usize) -> Operand {
        self.pop_split_loop();
        self.loops.push((start, self.seq));
        self.start_block(exit);
        let var = self.join_value(exit).expect("exit value");
        let ident = self.vars[var].ident.clone();
        Operand::var(var, &ident, Touch::Consume)
    }

    pub fn lower_loop(&mut self, mut l: syn::ExprLoop) -> Operand {
        crate::flags::unmark(&mut l.attrs);
        let span = l.loop_token.span;
        let (head, exit, start) = self.enter_loop(span);
        self.push_split_loop(l.label.map(|l| l.name), true, Some(head), exit);
        self.open_scope();
        let tail = self.lower_stmts(l.body.stmts);
        if let Some(tail) = tail {
            self.emit(quote!(#tail;));
        }
        self.goto(head, None, span);
        let code = self.close_scope(None);
        self.emit(code);
        self.leave_loop(exit, start)
    }

    /// The two fragments a split `while`/`for` head chooses between: the body
    /// (with the bindings of its pattern, jumping back to `head`) and the exit.
    fn loop_body(
        &mut self,
        body: syn::Block,
        bindings: &[(syn::Ident, bool)],
        no_drop: bool,
        head: BlockId,
        exit: BlockId,
        span: Span,
    ) -> (TokenStream, TokenStream) {
        let construct = self.construct();
        let here = self.current_block();
        let body_code = self.in_branch(construct, 0, |b| {
            b.fragment(|b| {
                b.open_scope();
                for (ident, mutable) in bindings {
                    let var = b.declare_binding(ident.clone(), *mutable);
                    b.vars[var].no_drop = no_drop;
                }
                let tail = b.lower_stmts(body.stmts);
                if let Some(tail) = tail {
                    b.emit(quote!(#tail;));
                }
                b.goto(head, None, span);
                let code = b.close_scope(None);
                b.emit(code);
            })
        });
        self.set_current(here);
        // The other arm of the head's choice: what the body moves is not
        // moved on the way out.
        let exit_code = self.in_branch(construct, 1, |b| {
            b.fragment(|b| b.goto(exit, Some(quote!(())), span))
        });
        (body_code, exit_code)
    }

    pub fn lower_while(&mut self, mut w: syn::ExprWhile) -> Operand {
        crate::flags::unmark(&mut w.attrs);
        let span = w.while_token.span;
        let (head, exit, start) = self.enter_loop(span);
        self.push_split_loop(w.label.map(|l| l.name), true, Some(head), exit);
        self.open_scope();
        let (cond, bindings) = self.lower_condition(*w.cond);
        let cond = self.emit_operand(cond);
        let (body_code, exit_code) = self.loop_body(w.body, &bindings, false, head, exit, span);
        self.emit(quote_spanned!(span=> if #cond #body_code #exit_code));
        let code = self.close_scope(None);
        self.emit(code);
        self.leave_loop(exit, start)
    }

    pub fn lower_for(&mut self, mut f: syn::ExprForLoop) -> Operand {
        crate::flags::unmark(&mut f.attrs);
        let span = f.for_token.span;
        // `for i in a..b`: a range iterates over integers (or `char`s):
        // nothing to drop, so an unused `i` is not stored in the frame.
        let ranged = is_range(&f.expr);
        self.check_loop_borrow(&f.expr);
        // `for` owns the iterator for the whole loop, as rustc's desugaring does.
        self.open_scope();
        let iterable = self.lower_expr(*f.expr, Ctx::Value);
        let it = iterable.tokens.clone();
        let into_iter = Operand::compose(
            quote_spanned!(span=> ::core::iter::IntoIterator::into_iter(#it)),
            vec![iterable],
        );
        let (iter_var, iter) = self.temp("iter", into_iter, true);
        let (head, exit, start) = self.enter_loop(span);
        self.push_split_loop(f.label.map(|l| l.name), true, Some(head), exit);
        self.record(iter_var, Touch::Mention);
        let bindings = scan::pat_bindings(&f.pat);
        let (body_code, exit_code) = self.loop_body(f.body, &bindings, ranged, head, exit, span);
        let pat = &f.pat;
        self.emit(quote_spanned! {span=>
            match ::core::iter::Iterator::next(&mut #iter) {
                ::core::option::Option::Some(#pat) => #body_code,
                ::core::option::Option::None => { #exit_code }
            }
        });
        let value = self.leave_loop(exit, start);
        let value = self.hoist_out_of_scope(value);
        let code = self.close_scope(None);
        self.emit(code);
        value
    }

    /// Carries the unit value of a loop out of the `for` scope.
    fn hoist_out_of_scope(&mut self, value: Operand) -> Operand {
        let tokens = self.emit_operand(value);
        self.emit(quote!(let _ = #tokens;));
        Operand::tokens(quote!(()))
    }

    pub fn lower_labeled_block(&mut self, b: syn::ExprBlock) -> Operand {
        let span = b.block.span();
        let exit = self.new_join("BlockExit", true);
        let start = self.seq;
        self.push_split_loop(b.label.map(|l| l.name), false, None, exit);
        self.open_scope();
        let tail = self.lower_stmts(b.block.stmts);
        let tail = tail.unwrap_or_else(|| quote_spanned!(span=> ()));
        self.goto(exit, Some(tail), span);
        let code = self.close_scope(None);
        self.emit(code);
        let _ = start;
        self.pop_split_loop();
        self.start_block(exit);
        let var = self.join_value(exit).expect("exit value");
        let ident = self.vars[var].ident.clone();
        Operand::var(var, &ident, Touch::Consume)
    }
}

/// `expr` without the parentheses and invisible groups around it.
fn peeled(mut expr: &Expr) -> &Expr {
    loop {
        match expr {
            Expr::Paren(p) => expr = &p.expr,
            Expr::Group(g) => expr = &g.expr,
            _ => return expr,
        }
    }
}

/// Whether `expr` is a literal (`0`, `-1.5`, `true`, `'c'`, `"s"`), whose
/// type has nothing to drop.
fn is_literal(expr: &Expr) -> bool {
    match peeled(expr) {
        Expr::Lit(_) => true,
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => is_literal(&u.expr),
        _ => false,
    }
}

/// Whether `expr` is a range (`a..b`, `a..=b`, `a..`).
fn is_range(expr: &Expr) -> bool {
    matches!(peeled(expr), Expr::Range(_))
}

/// Whether `expr` is a borrow (`&e`, `&mut e`, `&raw const e`).
fn is_reference(expr: &Expr) -> bool {
    matches!(peeled(expr), Expr::Reference(_) | Expr::RawAddr(_))
}

/// `{ expr }`, built without re-parsing (a block-like expression followed
/// by an operator would not parse back as a statement).
pub(crate) fn expr_block(expr: Expr) -> syn::Block {
    syn::Block {
        brace_token: Default::default(),
        stmts: vec![Stmt::Expr(expr, None)],
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
