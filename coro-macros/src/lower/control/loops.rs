//! Loops (`loop`, `while`, `for`) and labeled blocks that contain
//! suspension points. A loop becomes a head block, which its body jumps back
//! to, and an exit block, which its `break`s jump to; a labeled block has
//! only the exit.
//!
//! Input:  `while let Some(x) = next().await { sum += x; }`
//! Output: goto LoopHead0;
//!         LoopHead0: `{ suspend Await0(next()) }`
//!         Await0:    `{ let __coro_r1 = __coro_ready;
//!                       if let Some(x) = __coro_r1 { sum += x; goto LoopHead0 }
//!                       else { goto LoopExit1 } }`
//!         LoopExit1: ...

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::branches::{ArmBinds, BindAs, Whole, cond_written};
use super::is_range;
use crate::lower::{BlockId, Builder, Keeper, Operand};
use crate::scan::{self, Ctx, Touch};

impl Builder {
    /// Enters a split loop: jumps to its head and starts it.
    fn enter_loop(&mut self, span: Span) -> (BlockId, BlockId, usize) {
        let head = self.new_join("LoopHead", false);
        let exit = self.new_join("LoopExit", true);
        self.goto(head, None, span);
        self.start_block(head);
        (head, exit, self.seq)
    }

    /// `body`: where the body starts (after a `while`'s condition).
    fn leave_loop(&mut self, exit: BlockId, start: usize, body: usize) -> Operand {
        self.pop_split_loop();
        self.loops.push(crate::lower::Loop {
            start,
            body,
            end: self.seq,
        });
        self.start_block(exit);
        let var = self.join_value(exit).expect("exit value");
        let ident = self.vars[var].ident.clone();
        Operand::var(var, &ident, Touch::Consume)
    }

    pub fn lower_loop(&mut self, mut l: syn::ExprLoop) -> Operand {
        crate::flags::unmark(&mut l.attrs);
        let span = l.loop_token.span;
        self.unused_label(l.label.as_ref(), None, &l.body);
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
        self.leave_loop(exit, start, start)
    }

    /// The two fragments a split `while`/`for` head chooses between: the body
    /// (with the bindings of its pattern, jumping back to `head`) and the exit.
    fn loop_body(
        &mut self,
        body: syn::Block,
        arm: ArmBinds,
        head: BlockId,
        exit: BlockId,
        span: Span,
    ) -> (TokenStream, TokenStream) {
        let construct = self.construct();
        let here = self.current_block();
        let body_code = self.in_branch(construct, 0, |b| {
            b.fragment(|b| {
                b.open_scope();
                b.bind_arm(arm);
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
        self.unused_label(w.label.as_ref(), Some(&w.cond), &w.body);
        if let syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Bool(t),
            attrs,
        }) = &*w.cond
            && t.value
            && attrs.is_empty()
        {
            // rustc's `while_true` lint ("denote infinite loops with
            // `loop { ... }`") sees the user's `while true` only here, since
            // the loop below is the macro's own. Every token of this one is
            // the user's: rustc skips a loop whose span comes from a macro.
            let while_token = w.while_token;
            let mut body =
                proc_macro2::Group::new(proc_macro2::Delimiter::Brace, TokenStream::new());
            body.set_span(w.body.brace_token.span.join());
            self.emit(quote!(if false { #while_token #t #body }));
        }
        let (head, exit, start) = self.enter_loop(span);
        self.push_split_loop(w.label.map(|l| l.name), true, Some(head), exit);
        self.open_scope();
        let mut bind = BindAs::default();
        let mut rebind = None;
        if let syn::Expr::Let(l) = &mut *w.cond {
            // A scrutinee kept whole here binds nothing: no arm moves it.
            let whole = Whole::of([(&*l.pat, scan::block_suspends(&w.body))]);
            let scrutinee = self.prepare_scrutinee(&mut l.expr, Keeper::WhileLet, whole);
            bind = scrutinee.bind.for_pattern(&l.pat);
            rebind = self.unhide(&mut l.pat, None);
        }
        let written = cond_written(&w.cond, &rebind);
        let (cond, names) = self.lower_condition(*w.cond);
        let cond = self.emit_operand(cond);
        let body = self.seq;
        let arm = ArmBinds {
            names,
            bind,
            rebind,
            consumes: None,
            written,
            guard_read: Vec::new(),
        };
        let (body_code, exit_code) = self.loop_body(w.body, arm, head, exit, span);
        self.emit(quote_spanned!(span=> if #cond #body_code #exit_code));
        let code = self.close_scope(None);
        self.emit(code);
        self.leave_loop(exit, start, body)
    }

    pub fn lower_for(&mut self, mut f: syn::ExprForLoop) -> Operand {
        crate::flags::unmark(&mut f.attrs);
        let span = f.for_token.span;
        if !scan::block_suspends(&f.body) {
            // Only the iterable suspends (`for x in &load().await { .. }`):
            // evaluate it, then run the loop as written, in one piece of the
            // body. Its temporaries, a borrow of the awaited value included,
            // live through the loop as rustc's do; split into stages, the
            // iterator would have been moved between them while borrowing.
            self.open_scope();
            let iterable = self.lower_keeping_operator_temporaries(*f.expr);
            let (_, ident) = self.temp("it", iterable, false);
            f.expr = Box::new(syn::parse_quote!(#ident));
            let op = self.verbatim(syn::Expr::ForLoop(f), Ctx::Value);
            let tokens = self.emit_operand(op);
            self.emit(quote!(#tokens;));
            let code = self.close_scope(None);
            self.emit(code);
            return Operand::tokens(quote!(()));
        }
        // `for i in a..b`: a range iterates over integers (or `char`s):
        // nothing to drop, so an unused `i` is not stored in the frame.
        let ranged = is_range(&f.expr);
        self.check_loop_borrow(&f.expr);
        // `for` owns the iterator for the whole loop, as rustc's desugaring does.
        self.open_scope();
        // Its temporaries live to the end of the loop, as in rustc's
        // desugaring (a `match` on the iterator).
        let iterable = self.lower_keeping_operator_temporaries(*f.expr);
        let it = iterable.tokens.clone();
        let into_iter = Operand::compose(
            quote_spanned!(span=> ::core::iter::IntoIterator::into_iter(#it)),
            vec![iterable],
        );
        let (iter_var, iter) = self.temp("iter", into_iter, true);
        self.unused_label(f.label.as_ref(), None, &f.body);
        let (head, exit, start) = self.enter_loop(span);
        self.push_split_loop(f.label.map(|l| l.name), true, Some(head), exit);
        self.record(iter_var, Touch::Mention);
        let bind = BindAs {
            no_drop: ranged,
            ..BindAs::default()
        };
        let arm = self.arm_binds(&mut f.pat, None, bind);
        let (body_code, exit_code) = self.loop_body(f.body, arm, head, exit, span);
        let pat = &f.pat;
        self.emit(quote_spanned! {span=>
            match ::core::iter::Iterator::next(&mut #iter) {
                ::core::option::Option::Some(#pat) => #body_code,
                ::core::option::Option::None => { #exit_code }
            }
        });
        let value = self.leave_loop(exit, start, start);
        let value = self.hoist_out_of_scope(value);
        let code = self.close_scope(None);
        self.emit(code);
        value
    }

    /// A split loop or labeled block leaves no label for rustc to see: if
    /// no `break`/`continue` in `body` (or a `while`'s `cond`) names
    /// `label`, an empty block under the user's label, for rustc's
    /// `unused_labels` to report where the user wrote it.
    fn unused_label(
        &mut self,
        label: Option<&syn::Label>,
        cond: Option<&syn::Expr>,
        body: &syn::Block,
    ) {
        struct Named<'a>(&'a syn::Lifetime, bool);
        impl<'ast> syn::visit::Visit<'ast> for Named<'_> {
            fn visit_expr_break(&mut self, b: &'ast syn::ExprBreak) {
                self.1 |= b.label.as_ref().is_some_and(|l| l.ident == self.0.ident);
                syn::visit::visit_expr_break(self, b);
            }
            fn visit_expr_continue(&mut self, c: &'ast syn::ExprContinue) {
                self.1 |= c.label.as_ref().is_some_and(|l| l.ident == self.0.ident);
            }
            // A macro's tokens may name it: taken as used.
            fn visit_macro(&mut self, m: &'ast syn::Macro) {
                self.1 |= m.tokens.to_string().contains(&self.0.to_string());
            }
            fn visit_item(&mut self, _: &'ast syn::Item) {}
        }
        let Some(label) = label else {
            return;
        };
        let mut named = Named(&label.name, false);
        syn::visit::Visit::visit_block(&mut named, body);
        if let Some(cond) = cond {
            syn::visit::Visit::visit_expr(&mut named, cond);
        }
        if !named.1 {
            let name = &label.name;
            self.emit(quote!(#name: {}));
        }
    }

    /// Carries the unit value of a loop out of the `for` scope.
    fn hoist_out_of_scope(&mut self, value: Operand) -> Operand {
        let tokens = self.emit_operand(value);
        self.emit(quote!(let _ = #tokens;));
        Operand::tokens(quote!(()))
    }

    pub fn lower_labeled_block(&mut self, b: syn::ExprBlock) -> Operand {
        let span = b.block.span();
        self.unused_label(b.label.as_ref(), None, &b.block);
        let exit = self.new_join("BlockExit", true);
        self.push_split_loop(b.label.map(|l| l.name), false, None, exit);
        self.open_scope();
        let tail = self.lower_stmts(b.block.stmts);
        let tail = tail.unwrap_or_else(|| quote_spanned!(span=> ()));
        self.goto(exit, Some(tail), span);
        let code = self.close_scope(None);
        self.emit(code);
        self.pop_split_loop();
        self.start_block(exit);
        let var = self.join_value(exit).expect("exit value");
        let ident = self.vars[var].ident.clone();
        Operand::var(var, &ident, Touch::Consume)
    }
}
