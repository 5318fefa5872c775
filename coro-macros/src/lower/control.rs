//! Statements and control flow that contain suspension points: statements
//! and `let` here, `if` and `match` in [`branches`], loops and labeled
//! blocks in [`loops`].
//!
//! A construct with no suspension point is copied verbatim.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote};
use syn::spanned::Spanned;
use syn::{Expr, Ident, Stmt};

use super::{BlockId, Builder, CheckAt, Operand, Payload, uninit_ident};
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
                self.lower_expr_stmt(expr, Some(m.semi_token.unwrap_or_default()));
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
            Stmt::Expr(expr, semi) => self.lower_expr_stmt(expr, semi),
        }
    }

    /// The user's `;` (and `let`) keep their spans: rustc's span for a
    /// statement runs from its first token to its last, and one of the
    /// macro's there would put its warnings (`unreachable statement`) on
    /// the attribute.
    fn lower_expr_stmt(&mut self, expr: Expr, semi: Option<syn::Token![;]>) {
        let diverges = match &expr {
            Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) => true,
            Expr::Macro(m) => scan::is_diverging_macro(&m.mac),
            _ => false,
        };
        if !scan::expr_suspends(&expr) {
            let op = self.verbatim(expr, Ctx::Value);
            let tokens = self.emit_operand(op);
            self.emit(quote!(#tokens #semi));
        } else {
            // The statement's temporaries live in a scope of their own.
            self.open_scope();
            let op = self.lower_expr(expr, Ctx::Value);
            let tokens = self.emit_operand(op);
            let semi = semi.unwrap_or_default();
            self.emit(quote!(#tokens #semi));
            let code = self.close_scope(None);
            self.emit(code);
        }
        if diverges {
            self.mark_diverged();
        }
    }

    fn lower_let(&mut self, mut local: syn::Local) {
        if self.lower_extended_borrow(&local) {
            return;
        }
        // The `else` of a `let .. else` whose pattern hides a local still
        // sees that local, so it cannot be stashed before the `let`: the
        // pattern binds hidden names, re-bound (stashing) once it matched.
        let rebind = match &local.init {
            Some(init) if init.diverge.is_some() => self
                .unhide(&mut local.pat, None)
                .map(|r| r.with_attrs(&local.attrs)),
            _ => None,
        };
        let bindings = scan::pat_bindings(&local.pat);
        let user_attrs = local.attrs.clone();
        let written = written_bindings(&local.pat);
        let ctx = if scan::pat_binds_by_value(&local.pat) {
            Ctx::Value
        } else {
            Ctx::Place
        };
        // Where the bindings, if the body never reads them, get rustc's
        // `unused_variables` warning back (see `UnreadCheck`), and a `mut`
        // one its `unused_mut` unless a later piece re-binds it. Not for a
        // `let .. else` whose bindings are re-bound under the user's names.
        let checked = rebind.is_none() && !self.rebinding;
        if !checked && bindings.iter().any(|(_, m)| *m) {
            // The mutation may happen in a later arm of the machine.
            local.attrs.push(syn::parse_quote!(#[allow(unused_mut)]));
        }
        // clippy leaves `let x = f().await;` of a unit value alone in an
        // `async fn`; the `let` keeps the user's span (see
        // `lower_expr_stmt`), and its value is the macro's own.
        let awaited = local.init.as_ref().is_some_and(|init| match &*init.expr {
            Expr::Await(_) => true,
            Expr::Macro(m) => scan::is_yield_macro(&m.mac),
            _ => false,
        });
        if awaited {
            local
                .attrs
                .push(syn::parse_quote!(#[allow(clippy::let_unit_value)]));
        }
        let Some(init) = local.init.take() else {
            // `let (a, mut b);`: a `let` per binding, in the same order (the
            // same drop order), so that each is declared where it is
            // assigned, as `let x;` is below.
            if let Some(parts) = split_uninit_tuple(&local.pat) {
                for pat in parts {
                    self.lower_let(syn::Local {
                        attrs: local.attrs.clone(),
                        let_token: local.let_token,
                        pat,
                        init: None,
                        semi_token: local.semi_token,
                    });
                }
                return;
            }
            // `let x;` or `let x: T;`
            let (ident_pat, ty) = match &local.pat {
                syn::Pat::Type(t) => (&*t.pat, Some(t.ty.clone())),
                pat => (pat, None),
            };
            let plain_ident =
                matches!(ident_pat, syn::Pat::Ident(p) if p.subpat.is_none() && p.by_ref.is_none());
            if plain_ident && bindings.len() == 1 {
                // Its value comes from an assignment, maybe in a later arm,
                // which then declares it itself (with the type the user
                // gave); written here only if this arm uses it (see `emit`).
                let (ident, mutable) = bindings[0].clone();
                let var = self.declare(ident, mutable, true, false);
                self.vars[var].declared_ty = ty;
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
        // `let r = &e;`, `let ref r = e;`, `let n = 0;`, `let buf = [0u8;
        // 4096];`: a reference or a constant, nothing to drop.
        let reference = match &local.pat {
            syn::Pat::Ident(p) if p.subpat.is_none() => {
                p.by_ref.is_some() || is_reference(&init.expr) || is_constant(&init.expr)
            }
            syn::Pat::Type(t) => {
                matches!(&*t.ty, syn::Type::Reference(_)) || is_constant(&init.expr)
            }
            // Through a reference every binding is a reference, or a copy
            // (`let &(a, b) = &pair;`): nothing to drop either way.
            _ => is_reference(&init.expr) || is_constant(&init.expr),
        };
        // `let buf = [byte; 4096];` of a local: a `Copy` value, nothing to
        // drop either, though it may hold what the local borrows.
        let copied = !reference && self.copied_by_syntax(&init.expr);
        let borrows = match &local.pat {
            syn::Pat::Ident(p) if p.subpat.is_none() && p.by_ref.is_none() => {
                self.borrowed_frame_local(&init.expr)
            }
            _ => None,
        };
        let may_borrow = !reference && self.names_frame_local(&init.expr, ctx);
        let closure = match (&local.pat, peeled(&init.expr)) {
            (syn::Pat::Ident(p), Expr::Closure(c)) if p.subpat.is_none() && c.capture.is_none() => {
                Some((init.expr.span(), self.closure_only_borrows(c)))
            }
            _ => None,
        };
        let value = if scan::expr_suspends(&init.expr) {
            // The user's names, before a let-else's renaming.
            let names: Vec<Ident> = match &rebind {
                Some(rebind) => rebind.names().to_vec(),
                None => bindings.iter().map(|(i, _)| i.clone()).collect(),
            };
            self.open_scope();
            self.let_awaited = matches!(&*init.expr, Expr::Await(_));
            let op = self.lower_handing_over(*init.expr, ctx, &names);
            self.let_awaited = false;
            let tokens = self.emit_operand(op);
            self.close_scope(Some(tokens))
        } else {
            let op = self.verbatim(*init.expr, ctx);
            self.emit_operand(op)
        };
        let else_block = init
            .diverge
            .map(|(_, diverge)| self.lower_let_else(*diverge));
        // `let .. else` forbids an initialiser ending in `}`. In
        // parentheses it stays a temporary of the statement, whose rest
        // (what the pattern does not move) is dropped at its end, as
        // rustc drops it; a local would be carried across later
        // suspension points after the pattern moved out of it.
        let value = if else_block.is_some() && value.to_string().ends_with('}') {
            quote!((#value))
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
        let check =
            checked.then(|| self.unread_check(quote!(#(#user_attrs)*), Vec::new(), CheckAt::Let));
        let attrs = &local.attrs;
        let (let_token, pat, semi) = (&local.let_token, &local.pat, &local.semi_token);
        let else_tokens = else_block.map(|b| quote!(else #b));
        self.emit(quote!(#(#attrs)* #let_token #pat = #value #else_tokens #semi));
        for (ident, mutable) in bindings {
            let var = self.declare_binding(ident, mutable);
            if let Some(id) = check {
                let name = &self.vars[var].name;
                let tokens = written.iter().find(|(i, _)| i == name).map_or_else(
                    || self.vars[var].ident.to_token_stream(),
                    |(_, t)| t.clone(),
                );
                self.unread_checks[id].vars.push((var, tokens));
            }
            self.vars[var].no_drop = reference || copied;
            self.vars[var].borrows.clone_from(&borrows);
            self.vars[var].may_borrow = may_borrow;
            self.vars[var].closure = closure;
        }
        let bind = branches::BindAs {
            no_drop: reference || copied,
            borrow: borrows,
            may_borrow,
        };
        self.rebind(rebind, &bind);
    }

    /// Whether `expr`'s value is `Copy` by its syntax alone, and so has
    /// nothing to drop: an array repeating a local more than once
    /// (`[byte; 4096]`: rustc then requires the element to be `Copy`; once
    /// or never, it does not, and a repeated constant may have a
    /// destructor). Not a cast: `as` also coerces (`Box::new(d) as
    /// Box<dyn Any>`), and `u64` may name a type of the user's.
    fn copied_by_syntax(&self, expr: &Expr) -> bool {
        match peeled(expr) {
            Expr::Repeat(r) => {
                let more_than_once = scan::repeat_len(r).is_some_and(|n| n > 1);
                let of_local = matches!(peeled(&r.expr), Expr::Path(p)
                    if p.qself.is_none()
                        && p.path.get_ident().is_some_and(|i| self.lookup(i).is_some()));
                more_than_once && of_local
            }
            _ => false,
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
}

/// `expr` without the parentheses and invisible groups around it.
pub(super) fn peeled(mut expr: &Expr) -> &Expr {
    loop {
        match expr {
            Expr::Paren(p) => expr = &p.expr,
            Expr::Group(g) => expr = &g.expr,
            _ => return expr,
        }
    }
}

impl Builder {
    /// `let r = &x.await;` (or `&mut`, `&x.await.field`, `&f(x.await?)`, any
    /// pattern, with or without `else`):
    /// rustc extends the borrowed temporary to the end of the enclosing
    /// block. Here the value becomes a local of its own, declared just
    /// before `r` (`let __coro_ext1 = x.await; let r = &__coro_ext1;`), so
    /// it is dropped where rustc drops the temporary and, like any local,
    /// kept in the frame across later suspension points. `r` itself cannot
    /// be: used after one, it is an error with a fix (see
    /// `check_borrows_across_suspensions`). Returns whether it took the
    /// `let`.
    fn lower_extended_borrow(&mut self, local: &syn::Local) -> bool {
        let Some(init) = &local.init else {
            return false;
        };
        if let Some(span) = nested_extended_borrow(&init.expr, true) {
            self.error(
                span,
                "this borrows the value of a suspending expression inside a `let` initialiser, a temporary that rustc keeps alive to the end of the block; a coroutine body supports that for `let x = &<expression>;` only. Bind the value first (`let v = <expression>;`) and borrow `&v` here",
            );
        }
        let Expr::Reference(r) = peeled(&init.expr) else {
            return false;
        };
        let Some((root, fields)) = suspending_value(&r.expr) else {
            return false;
        };
        self.temps += 1;
        let hidden = format_ident!("__coro_ext{}", self.temps, span = Span::mixed_site());
        let m = r.mutability;
        let (attrs, pat) = (&local.attrs, &local.pat);
        let parse = |tokens: TokenStream| match syn::parse2(tokens) {
            Ok(Stmt::Local(local)) => Some(local),
            _ => None,
        };
        let diverge = init.diverge.as_ref().map(|(e, d)| quote!(#e #d));
        let (Some(value), Some(borrow)) = (
            parse(quote!(let #m #hidden = #root;)),
            parse(quote!(#(#attrs)* let #pat = & #m #hidden #(.#fields)* #diverge;)),
        ) else {
            return false;
        };
        self.lower_let(value);
        self.lower_let(borrow);
        for (ident, _) in scan::pat_bindings(&local.pat) {
            if let Some(var) = self.lookup(&ident)
                && let Some(borrow) = &mut self.vars[var].borrows
            {
                borrow.temporary = Some(super::Keeper::Let);
                borrow.span = init.expr.span();
                borrow.root = super::snippet(root);
            }
        }
        true
    }
}

/// A `&<suspending value expression>` in an extending position of a `let`
/// initialiser other than the whole of it (`let p = (a, &x.await);`):
/// where rustc would extend a temporary the machine could not hold.
fn nested_extended_borrow(expr: &Expr, top: bool) -> Option<Span> {
    match expr {
        Expr::Reference(r) => {
            if !top && suspending_value(&r.expr).is_some() {
                return Some(r.and_token.span);
            }
            nested_extended_borrow(peeled(&r.expr), false)
        }
        Expr::Paren(p) => nested_extended_borrow(&p.expr, top),
        Expr::Group(g) => nested_extended_borrow(&g.expr, top),
        Expr::Tuple(t) => t
            .elems
            .iter()
            .find_map(|e| nested_extended_borrow(e, false)),
        Expr::Array(a) => a
            .elems
            .iter()
            .find_map(|e| nested_extended_borrow(e, false)),
        Expr::Struct(s) => s
            .fields
            .iter()
            .find_map(|f| nested_extended_borrow(&f.expr, false)),
        Expr::Cast(c) => nested_extended_borrow(&c.expr, false),
        Expr::Block(b) => match b.block.stmts.last() {
            Some(Stmt::Expr(tail, None)) => nested_extended_borrow(tail, false),
            _ => None,
        },
        _ => None,
    }
}

/// What `&operand` borrows when the operand is (fields of) the value of a
/// suspending expression: that expression and the fields. `None` for a
/// place (`&v[i.await]` borrows `v`) or an operand that does not suspend.
pub(super) fn suspending_value(operand: &Expr) -> Option<(&Expr, Vec<syn::Member>)> {
    let mut root = peeled(operand);
    let mut fields = Vec::new();
    while let Expr::Field(f) = root {
        fields.push(f.member.clone());
        root = peeled(&f.base);
    }
    fields.reverse();
    (!is_place_root(root) && scan::expr_suspends(root)).then_some((root, fields))
}

/// Whether the base of a field projection is a place (a path, an index, a
/// dereference): `&` then borrows that place rather than a temporary.
pub(super) fn is_place_root(root: &Expr) -> bool {
    matches!(
        root,
        Expr::Path(_)
            | Expr::Index(_)
            | Expr::Unary(syn::ExprUnary {
                op: syn::UnOp::Deref(_),
                ..
            })
    )
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

/// A constant rustc promotes to a `'static` value when it is borrowed
/// (`&5`, `&[0, 1]`, `&(1, 'a')`, `&[0u8; 64]`): nothing to drop, and a
/// borrow of it may be held anywhere. Not `&Some(1)` or `&Point(1, 2)`:
/// promoted too, but that cannot be told from `&Guard(1)` of a type with a
/// destructor, which is a temporary kept to the end of the `match` (so it
/// is kept here, and a binding held across a suspension point is the
/// macro's error).
pub(super) fn is_constant(expr: &Expr) -> bool {
    match peeled(expr) {
        Expr::Tuple(t) => t.elems.iter().all(is_constant),
        Expr::Array(a) => a.elems.iter().all(is_constant),
        Expr::Repeat(r) => is_constant(&r.expr),
        _ => is_literal(expr),
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

mod branches;
mod loops;
pub(crate) mod unhide;

/// Each binding of `pat` as the user wrote it (`mut x`, `ref y`), by name.
pub fn written_bindings(pat: &syn::Pat) -> Vec<(String, TokenStream)> {
    struct Collect(Vec<(String, TokenStream)>);
    impl<'ast> syn::visit::Visit<'ast> for Collect {
        fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
            let (by_ref, mutability, ident) = (&p.by_ref, &p.mutability, &p.ident);
            self.0
                .push((ident.to_string(), quote!(#by_ref #mutability #ident)));
            syn::visit::visit_pat_ident(self, p);
        }
    }
    let mut collect = Collect(Vec::new());
    syn::visit::Visit::visit_pat(&mut collect, pat);
    collect.0
}

/// The parts of an uninitialised tuple pattern (`(a, mut b)`, or typed
/// with a tuple type of the same length), each typed with its element.
fn split_uninit_tuple(pat: &syn::Pat) -> Option<Vec<syn::Pat>> {
    match pat {
        syn::Pat::Paren(p) => split_uninit_tuple(&p.pat),
        syn::Pat::Tuple(t) if !t.elems.iter().any(|e| matches!(e, syn::Pat::Rest(_))) => {
            Some(t.elems.iter().cloned().collect())
        }
        syn::Pat::Type(typed) => {
            let syn::Pat::Tuple(t) = &*typed.pat else {
                return None;
            };
            let syn::Type::Tuple(tys) = &*typed.ty else {
                return None;
            };
            if t.elems.len() != tys.elems.len()
                || t.elems.iter().any(|e| matches!(e, syn::Pat::Rest(_)))
            {
                return None;
            }
            Some(
                t.elems
                    .iter()
                    .zip(&tys.elems)
                    .map(|(pat, ty)| {
                        syn::Pat::Type(syn::PatType {
                            attrs: Vec::new(),
                            pat: Box::new(pat.clone()),
                            colon_token: typed.colon_token,
                            ty: Box::new(ty.clone()),
                        })
                    })
                    .collect(),
            )
        }
        _ => None,
    }
}
