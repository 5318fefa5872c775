//! `if` and `match` that contain suspension points (or that
//! [`crate::flags`] marked to split), and the conditions of `if` and `while`
//! (an expression, `let P = e`, or a `&&` chain of them). When only the
//! condition or scrutinee suspends, the rest stays verbatim; otherwise each
//! branch ends in a goto to a join block that receives the construct's value.

use quote::{ToTokens, quote, quote_spanned};
use syn::Expr;
use syn::spanned::Spanned;

use proc_macro2::TokenStream;

use super::unhide::{self, Rebind};
use super::{expr_block, is_constant, is_place_root};
use crate::lower::expr::is_borrow_of_local;
use crate::lower::{BlockId, Borrow, Builder, CheckAt, Keeper, Operand, VarId};
use crate::scan::{self, Ctx, Touch};

/// How the bindings of a pattern are declared.
#[derive(Clone, Default)]
pub(crate) struct BindAs {
    /// Matched against a borrow: references into the borrowed value, or
    /// copies under a `&` pattern; nothing to drop.
    pub no_drop: bool,
    /// What those references borrow, for the error when one is used after a
    /// suspension point.
    pub borrow: Option<Borrow>,
    /// The scrutinee names a local without moving it: a binding may borrow
    /// it (see `Var::may_borrow`).
    pub may_borrow: bool,
}

/// Whether a scrutinee that is a value must outlive suspension points of
/// the arms (see [`Builder::prepare_scrutinee`]).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Whole {
    /// No arm without bindings suspends.
    No,
    /// Arms without bindings suspend, and no arm binds.
    Free,
    /// Arms without bindings suspend next to arms that bind.
    Mixed,
}

impl Whole {
    /// For arms of `(pattern, suspends)`.
    pub fn of<'a>(arms: impl IntoIterator<Item = (&'a syn::Pat, bool)>) -> Self {
        let (mut free, mut binds) = (false, false);
        for (pat, suspends) in arms {
            let binds_nothing = scan::pat_bindings(pat).is_empty();
            free |= binds_nothing && suspends;
            binds |= !binds_nothing;
        }
        match (free, binds) {
            (false, _) => Whole::No,
            (true, false) => Whole::Free,
            (true, true) => Whole::Mixed,
        }
    }
}

/// A scrutinee prepared by [`Builder::prepare_scrutinee`].
#[derive(Default)]
pub(crate) struct Scrutinee {
    pub bind: BindAs,
    /// A temporary of the scrutinee that became a local: edition 2024 drops
    /// an `if let`'s before its `else` runs.
    pub hidden: Option<VarId>,
    /// The scrutinee itself became that local (see
    /// [`Builder::prepare_scrutinee`]): an arm with bindings moves out of it.
    pub whole: Option<VarId>,
}

impl BindAs {
    /// For the bindings of `pat`: under a `&` pattern a binding is a copy,
    /// which borrows nothing.
    pub fn for_pattern(&self, pat: &syn::Pat) -> Self {
        let mut bind = self.clone();
        if scan::pat_has_reference(pat) {
            bind.borrow = None;
        }
        bind
    }
}

/// What an arm's pattern binds, and how.
#[derive(Default)]
pub(crate) struct ArmBinds {
    /// The pattern's bindings, as [`scan::pat_bindings`] lists them.
    pub names: Vec<(syn::Ident, bool)>,
    pub bind: BindAs,
    /// The `let` giving renamed bindings back their names.
    pub rebind: Option<Rebind>,
    /// The local the scrutinee is, which the pattern's bindings by value
    /// move out of (wholly or partly): the arm does not carry it. Set
    /// through [`ArmBinds::moving_out_of`].
    pub consumes: Option<VarId>,
    /// Each binding as the user wrote it (`mut x`), for its unread check.
    pub written: Vec<(String, TokenStream)>,
    /// The bindings the arm's guard read (through views, in a piece of its
    /// own): read at the top of the body too, so that rustc does not call
    /// them unused if the body does not read them.
    pub guard_read: Vec<syn::Ident>,
}

impl ArmBinds {
    /// The bindings of `pat`, as renamed by `rebind` if it is there.
    fn renamed(pat: &syn::Pat, bind: BindAs, rebind: Option<Rebind>) -> Self {
        ArmBinds {
            names: scan::pat_bindings(pat),
            // Renamed bindings are re-bound under the user's names by a
            // `let` of the macro's, which is checked as a `let` is.
            written: match rebind {
                None => super::written_bindings(pat),
                Some(_) => Vec::new(),
            },
            guard_read: Vec::new(),
            bind,
            rebind,
            consumes: None,
        }
    }

    /// Records that the bindings of `pat` move out of `scrutinee`, if they
    /// bind by value (a `ref` binding borrows it, which the frame keeps).
    pub fn moving_out_of(mut self, pat: &syn::Pat, scrutinee: Option<VarId>) -> Self {
        if scan::pat_binds_by_value(pat) {
            self.consumes = scrutinee;
        }
        self
    }
}

impl Builder {
    /// The bindings of an arm's `pat` (renamed first if one hides a local,
    /// see [`Builder::unhide`]).
    pub(crate) fn arm_binds(
        &mut self,
        pat: &mut syn::Pat,
        guard: Option<&Expr>,
        bind: BindAs,
    ) -> ArmBinds {
        let rebind = self.unhide(pat, guard);
        ArmBinds::renamed(pat, bind, rebind)
    }

    /// Declares an arm's bindings in the current scope.
    pub(crate) fn bind_arm(&mut self, arm: ArmBinds) {
        if let Some(whole) = arm.consumes {
            self.record_consume(whole);
        }
        let mut checked = Vec::new();
        for (ident, mutable) in arm.names {
            let var = self.declare_binding(ident, mutable);
            self.vars[var].no_drop |= arm.bind.no_drop;
            self.vars[var].borrows.clone_from(&arm.bind.borrow);
            self.vars[var].may_borrow = arm.bind.may_borrow;
            let name = &self.vars[var].name;
            if let Some((_, written)) = arm.written.iter().find(|(n, _)| n == name) {
                checked.push((var, written.clone()));
            }
        }
        // Where a binding the body never reads, but a later piece of the
        // machine receives (a read), gets rustc's `unused_variables` back.
        if !checked.is_empty() {
            self.unread_check(TokenStream::new(), checked, CheckAt::Arm);
        }
        self.rebind(arm.rebind, &arm.bind);
        for name in arm.guard_read {
            if let Some(var) = self.lookup(&name) {
                self.record(var, Touch::Mention);
                self.emit(quote!(let _ = &#name;));
            }
        }
    }

    /// Drops a local here, as rustc drops the temporary it stands for.
    pub(crate) fn drop_now(&mut self, var: VarId) {
        let ident = self.vars[var].ident.clone();
        let value = self.emit_operand(Operand::var(var, &ident, Touch::Consume));
        self.emit(quote!(__coro_rt::end_temporary(#value);));
    }

    /// Lowers a block in a new scope and jumps to `join` with its value.
    fn branch_to(&mut self, block: syn::Block, join: BlockId, arm: ArmBinds) {
        let span = block.span();
        self.open_scope();
        self.bind_arm(arm);
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
        // A `let` condition that suspends is lowered in a scope of its own
        // that holds its temporaries (`make().len().checked_sub(n.await)`
        // keeps `make()` across the `.await`): they live through the `then`
        // block and are dropped before the `else` runs, as edition 2024
        // drops them. The scope closes after the `if`, whose `else` is
        // written after it (see `kept_temporaries`).
        let own_scope = contains_let(&e.cond) && scan::expr_suspends(&e.cond);
        let scope = own_scope.then(|| self.open_scope());
        let mut scrutinee = Scrutinee::default();
        let mut rebind = None;
        if let Expr::Let(l) = &mut *e.cond {
            let whole = Whole::of([(&*l.pat, scan::block_suspends(&e.then_branch))]);
            scrutinee = self.prepare_scrutinee(&mut l.expr, Keeper::IfLet, whole);
            scrutinee.bind = scrutinee.bind.for_pattern(&l.pat);
            if branches_suspend {
                rebind = self.unhide(&mut l.pat, None);
            }
        }
        let written = cond_written(&e.cond, &rebind);
        let (cond, bindings) = self.lower_condition(*e.cond.clone());
        let kept = scope.is_some_and(|scope| self.kept_temporaries(scope, scrutinee.hidden));
        if !branches_suspend && !kept {
            // Only the condition suspends: the rest stays verbatim.
            e.cond = Box::new(Expr::Verbatim(cond.tokens.clone()));
            let mut rest = Expr::If(e);
            self.rewrite_jumps(&mut rest);
            let Expr::If(mut e) = rest else {
                unreachable!("an `if` stays an `if`")
            };
            // The condition's bindings are in scope in the block only.
            let then_branch = Expr::Block(syn::ExprBlock {
                attrs: Vec::new(),
                label: None,
                block: e.then_branch.clone(),
            });
            let mut parts = vec![
                cond,
                Operand::verbatim(then_branch, Ctx::Value).hiding(&bindings),
            ];
            if let Some((_, other)) = &mut e.else_branch {
                let else_part = Operand::verbatim((**other).clone(), Ctx::Value);
                if let Some(hidden) = scrutinee.hidden {
                    // Edition 2024 drops the temporary before the `else`.
                    let ident = self.vars[hidden].ident.clone();
                    parts.push(Operand::var(hidden, &ident, Touch::Consume));
                    let end = Expr::Verbatim(quote!(__coro_rt::end_temporary(#ident)));
                    let inner = std::mem::replace(&mut **other, Expr::Verbatim(TokenStream::new()));
                    **other = Expr::Block(syn::ExprBlock {
                        attrs: Vec::new(),
                        label: None,
                        block: syn::Block {
                            brace_token: Default::default(),
                            stmts: vec![
                                syn::Stmt::Expr(end, Some(Default::default())),
                                syn::Stmt::Expr(inner, None),
                            ],
                        },
                    });
                }
                parts.push(else_part);
            }
            let op = Operand::compose(Expr::If(e).to_token_stream(), parts);
            if scope.is_none() {
                return op;
            }
            let tokens = self.emit_operand(op);
            return Operand::tokens(self.close_scope(Some(tokens)));
        }
        let cond_tokens = self.emit_operand(cond);
        let join = self.new_join("Join", true);
        let construct = self.construct();
        let here = self.current_block();
        let then_branch = e.then_branch;
        let arm = ArmBinds {
            names: bindings,
            bind: scrutinee.bind,
            rebind,
            // A scrutinee kept whole here binds nothing.
            consumes: None,
            written,
            guard_read: Vec::new(),
        };
        let then_code = self.in_branch(construct, 0, |b| {
            b.fragment(|b| b.branch_to(then_branch, join, arm))
        });
        self.set_current(here);
        if scope.is_some() {
            // The `else` runs once the scope has dropped the temporaries.
            self.emit(quote_spanned!(span=> if #cond_tokens #then_code));
            let code = self.close_scope(None);
            self.emit(code);
        }
        let else_block: syn::Block = match e.else_branch {
            Some((_, else_expr)) => match *else_expr {
                Expr::Block(b) if b.label.is_none() => b.block,
                other => expr_block(other),
            },
            None => syn::parse_quote_spanned!(span=> {}),
        };
        let else_code = self.in_branch(construct, 1, |b| {
            b.fragment(|b| {
                if let Some(hidden) = scrutinee.hidden
                    && scope.is_none()
                {
                    b.drop_now(hidden);
                }
                b.branch_to(else_block, join, ArmBinds::default());
            })
        });
        self.set_current(here);
        if scope.is_some() {
            self.emit(else_code);
        } else {
            self.emit(quote_spanned!(span=> if #cond_tokens #then_code #else_code));
        }
        self.start_block(join);
        let var = self.join_value(join).expect("join value");
        let ident = self.vars[var].ident.clone();
        Operand::var(var, &ident, Touch::Consume)
    }

    /// Whether `scope` (of a suspending `let` condition) holds a temporary
    /// that is still alive once the condition has its value: one that the
    /// condition only borrows (the root of a method chain held across its
    /// `.await`), not one it moved. `hidden`, the scrutinee kept as a
    /// local, is not counted: the `else` of an `if` written whole ends it.
    fn kept_temporaries(&self, scope: crate::lower::ScopeId, hidden: Option<VarId>) -> bool {
        self.scopes[scope].vars.iter().any(|&var| {
            Some(var) != hidden
                && !self.vars[var].user
                && !self
                    .events
                    .iter()
                    .any(|e| e.var == var && matches!(e.touch, Touch::Consume | Touch::DerefValue))
        })
    }

    /// The scrutinee of a `match`, `if let` or `while let` whose arms
    /// suspend. rustc keeps its temporaries alive through the arm taken;
    /// the one a binding can borrow (`match &load().await { v => .. }`,
    /// `match &make() { .. }`) becomes a hidden local in the statement's
    /// scope, which the frame keeps across the arms' suspension points. A
    /// scrutinee that is a borrow (of that local, or of a local of the
    /// user's, `if let Some(x) = &opt`) makes every binding a reference, or
    /// a copy: nothing to drop, so a binding that is dead by a suspension
    /// point is not stored in the frame.
    ///
    /// `whole`: whether an arm without bindings suspends. rustc keeps a
    /// scrutinee that is a value (`match make() { Some(_) => .. }`,
    /// `if let Ok(_) = lock.try_lock()`) alive through that arm, to the end
    /// of the statement (of an `if let`'s block, of a `while let`'s pass),
    /// so it becomes a hidden local there too. An arm with bindings moves
    /// out of it (see [`ArmBinds::consumes`]); what it leaves is dropped
    /// at the arm's next suspension point, as before. A value that may
    /// borrow a local (`map.get(&k)`) goes through `Keep` when dead, which
    /// needs a local that no path moves: next to arms that bind, it stays
    /// a temporary (dropped at the arm's first suspension point, which for
    /// a `Copy` borrow changes nothing).
    pub(crate) fn prepare_scrutinee(
        &mut self,
        expr: &mut Expr,
        keeper: Keeper,
        whole: Whole,
    ) -> Scrutinee {
        let mut top = &mut *expr;
        while let Expr::Paren(syn::ExprParen { expr: inner, .. })
        | Expr::Group(syn::ExprGroup { expr: inner, .. }) = top
        {
            top = inner;
        }
        // A value that names a local without moving it may borrow it:
        // kept through `Keep` if dead (see `Var::may_borrow`).
        let may_borrow = whole != Whole::No && self.names_frame_local(top, Ctx::Value);
        let hoist = match whole {
            Whole::No => false,
            Whole::Free => true,
            Whole::Mixed => !may_borrow,
        };
        if hoist && is_temporary(top) {
            let var = self.hoist_into_local(top, "scrutinee");
            // With no arm that binds (so none that moves it), through
            // `Keep` where dead even if it borrows nothing: a `Copy` value
            // (`match make().len() { 0 => x.await, _ => .. }`) has nothing
            // to drop at the end of the statement, and rustc's future does
            // not hold it across the arms.
            self.vars[var].may_borrow = may_borrow || whole == Whole::Free;
            return Scrutinee {
                bind: BindAs {
                    may_borrow: true,
                    ..BindAs::default()
                },
                hidden: Some(var),
                whole: Some(var),
            };
        }
        let Expr::Reference(r) = top else {
            // `match s.as_str()`, `match make().name()`: what the rest of a
            // method chain returns may borrow the local, or the hoisted root.
            let may_borrow = self.names_frame_local(expr, Ctx::Place);
            let hidden = self.hoist_scrutinee_root(expr);
            return Scrutinee {
                bind: BindAs {
                    may_borrow: may_borrow || hidden.is_some(),
                    ..BindAs::default()
                },
                hidden,
                whole: None,
            };
        };
        let span = r.span();
        let root = value_root(&mut r.expr);
        if is_place_root(root) || is_constant(root) {
            // `&v[i.await]` borrows `v`; `&5` is promoted to `'static`.
            let borrow = if scan::expr_suspends(&r.expr) {
                None
            } else {
                self.borrowed_frame_local(&Expr::Reference(r.clone()))
            };
            return Scrutinee {
                bind: BindAs {
                    no_drop: true,
                    borrow,
                    may_borrow: false,
                },
                hidden: None,
                whole: None,
            };
        }
        let text = super::super::snippet(root);
        let var = self.hoist_into_local(root, "ext");
        let borrow = Borrow {
            span,
            root: text,
            via: crate::lower::Via::Reference,
            temporary: Some(keeper),
        };
        Scrutinee {
            bind: BindAs {
                no_drop: true,
                borrow: Some(borrow),
                may_borrow: false,
            },
            hidden: Some(var),
            whole: None,
        }
    }

    /// rustc keeps the temporaries of an `if let`/`match` scrutinee alive to
    /// the end of the branch taken, across its suspension points (and those
    /// of any operand to the end of its statement). The one
    /// that matters is the root of a method chain (`make().name().find(..)`:
    /// `make()` is borrowed by the rest): it becomes a local that lives to
    /// the end of the enclosing statement, and the rest stays verbatim.
    ///
    /// Returns the local, if it hoisted one.
    pub(crate) fn hoist_scrutinee_root(&mut self, expr: &mut Expr) -> Option<VarId> {
        if scan::expr_suspends(expr) {
            return None;
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
        let root = root(expr, 0)?;
        Some(self.hoist_into_local(root, "t"))
    }

    /// Evaluates `expr` into a hidden local (`__coro_<prefix>N`), which
    /// takes its place in the expression.
    fn hoist_into_local(&mut self, expr: &mut Expr, prefix: &str) -> VarId {
        let value = std::mem::replace(expr, Expr::Verbatim(TokenStream::new()));
        let value = if scan::expr_suspends(&value) {
            self.lower_expr(value, Ctx::Value)
        } else {
            // `match make().len() { .. }`: `make()` lives to the end of the
            // `match` too.
            self.lower_keeping_temporaries(value)
        };
        let (var, ident) = self.temp(prefix, value, false);
        self.record(var, Touch::Mention);
        *expr = syn::parse_quote!(#ident);
        var
    }

    /// A boolean condition (of an `if`, a `while`, a guard, or an operand
    /// of a `let` chain), lowered in a temporary scope of its own, as rustc
    /// scopes it: a temporary of its operands held across its suspension
    /// point (`D::new().len() > n.await`) is dropped once the condition has
    /// its value, before the branch it chooses runs. (`&&` and `||` already
    /// scope each operand.)
    pub(super) fn lower_scoped_condition(&mut self, cond: Expr) -> Operand {
        let scoped = scan::expr_suspends(&cond)
            && !matches!(
                &cond,
                Expr::Block(_)
                    | Expr::Binary(syn::ExprBinary {
                        op: syn::BinOp::And(_) | syn::BinOp::Or(_),
                        ..
                    })
            );
        if !scoped {
            return self.lower_expr(cond, Ctx::Value);
        }
        let block = syn::Block {
            brace_token: Default::default(),
            stmts: vec![syn::Stmt::Expr(cond, None)],
        };
        self.lower_block_expr(block)
    }

    /// A condition: an expression, `let P = e`, or a `&&` chain of them.
    /// Returns the condition's tokens and the bindings its `let`s introduce.
    pub(super) fn lower_condition(&mut self, cond: Expr) -> (Operand, Vec<(syn::Ident, bool)>) {
        let mut parts = Vec::new();
        flatten_and(cond, &mut parts);
        let has_let = parts.iter().any(|p| matches!(p, Expr::Let(_)));
        if !has_let {
            let cond = rebuild_and(parts);
            return (self.lower_scoped_condition(cond), Vec::new());
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
                        self.lower_scoped_condition(other)
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
        let forced = crate::flags::unmark(&mut m.attrs);
        let arms_suspend = forced || m.arms.iter().any(|arm| scan::expr_suspends(&arm.body));
        let scrutinee = if arms_suspend {
            let whole = Whole::of(
                m.arms
                    .iter()
                    .map(|arm| (&arm.pat, scan::expr_suspends(&arm.body))),
            );
            self.prepare_scrutinee(&mut m.expr, Keeper::Match, whole)
        } else {
            Scrutinee::default()
        };
        // A hidden scrutinee is moved by the arms that bind, not here.
        let ctx = if by_value && scrutinee.whole.is_none() {
            Ctx::Value
        } else {
            Ctx::Place
        };
        let value = self.lower_expr(*m.expr.clone(), ctx);
        if !arms_suspend {
            m.expr = Box::new(Expr::Verbatim(value.tokens.clone()));
            let rest = self.verbatim(Expr::Match(m), Ctx::Value);
            return Operand::compose(rest.tokens.clone(), vec![value, rest]);
        }
        let value = self.emit_operand(value);
        let join = self.new_join("Join", true);
        let construct = self.construct();
        let here = self.current_block();
        let mut arms = Vec::new();
        for (i, mut arm) in m.arms.into_iter().enumerate() {
            let bind = scrutinee.bind.for_pattern(&arm.pat);
            let rebind = match &mut arm.guard {
                Some((_, guard)) => self.unhide_guarded(&mut arm.pat, guard),
                None => self.unhide(&mut arm.pat, None),
            };
            let binds =
                ArmBinds::renamed(&arm.pat, bind, rebind).moving_out_of(&arm.pat, scrutinee.whole);
            let body: syn::Block = match *arm.body {
                Expr::Block(b) if b.label.is_none() => b.block,
                other => expr_block(other),
            };
            if let Some((_, guard)) = &arm.guard {
                // What the guard names, but not the arm's own bindings.
                let mut found = Vec::new();
                scan::touches(guard, Ctx::Value, &mut |i, t| {
                    if !binds.names.iter().any(|(b, _)| b == i) {
                        found.push((i.clone(), t));
                    }
                });
                self.record_touches(found);
            }
            let code = self.in_branch(construct, i, |b| {
                b.fragment(|b| b.branch_to(body, join, binds))
            });
            self.set_current(here);
            let (attrs, pat) = (&arm.attrs, &arm.pat);
            let guard = arm.guard.as_ref().map(|(if_token, g)| quote!(#if_token #g));
            arms.push(quote!(#(#attrs)* #pat #guard => #code));
        }
        self.emit(quote_spanned!(span=> match #value { #(#arms)* }));
        self.start_block(join);
        let var = self.join_value(join).expect("join value");
        let ident = self.vars[var].ident.clone();
        Operand::var(var, &ident, Touch::Consume)
    }

    /// A `match` with a suspension point in a guard: one test per arm, in
    /// order; a failed pattern or guard jumps to the next arm's test.
    ///
    /// Input:  `match v { x if big(x).await => a, x => b }`
    /// Output: `match &__s { __view_x => { let x = view(__view_x);
    ///          suspend big(x); if __r { match __s { x => goto Join(a) } }
    ///          else { goto NextArm } } _ => goto NextArm }`,
    ///         NextArm: `match __s { x => goto Join(b), _ => unreachable }`
    ///
    /// The scrutinee is evaluated once, into a local unless it is a place.
    /// A guard sees the bindings it names through views (see
    /// [`Builder::guard_views`]), so arms after a failed guard still see
    /// the scrutinee whole; a pattern with `ref`, `mut` or `&` binds as
    /// written before its guard instead, which moves a non-`Copy` part.
    fn lower_match_chain(&mut self, mut m: syn::ExprMatch) -> Operand {
        let span = m.match_token.span;
        let prepared = self.prepare_scrutinee(&mut m.expr, Keeper::Match, Whole::No);
        // A local, or a borrow of one or of its fields (`&local`,
        // `&__coro_ext1.1` for `&load().await.1`): evaluated again by each
        // arm's test.
        let reborrowed = is_borrow_of_local(&m.expr)
            || matches!(super::peeled(&m.expr), Expr::Path(p) if p.path.get_ident().is_some());
        // The local the scrutinee is, if it is one: what an arm's body
        // binds by value moves out of it.
        let mut scrutinee_var = None;
        let scrutinee = if !scan::expr_suspends(&m.expr) && reborrowed {
            if let Expr::Path(p) = super::peeled(&m.expr) {
                scrutinee_var = p.path.get_ident().and_then(|i| self.lookup(i));
            }
            let op = self.verbatim(*m.expr, Ctx::Place);
            self.emit_operand(op)
        } else {
            let op = self.lower_expr(*m.expr, Ctx::Value);
            // Not `s`: `__coro_s0`.. are the names of the values a
            // transition puts in `Slot`s, which shadowed the scrutinee's
            // local where a frame variant takes more than one batch of
            // eight.
            let (var, ident) = self.temp("matched", op, false);
            scrutinee_var = Some(var);
            quote!(#ident)
        };
        let join = self.new_join("Join", true);
        let n = m.arms.len();
        // Each arm is a construct of its own, with two branches: its body
        // (0) and the later arms (1), which run when its test or guard
        // fails. So the analysis sees an arm's body precede the join but
        // not the later arms, and its test and guard precede both.
        let outer = self.branch.len();
        for (i, mut arm) in m.arms.into_iter().enumerate() {
            let construct = self.construct();
            let next = self.new_join("NextArm", false);
            let here = self.current_block();
            if i > 0
                && let Some(var) = scrutinee_var
            {
                // This arm's test reads the scrutinee again: it stays alive
                // through the earlier arms' failed tests and guards, even
                // where an earlier arm's body moves out of it.
                self.record(var, Touch::Mention);
            }
            let bind = prepared.bind.for_pattern(&arm.pat);
            let attrs = std::mem::take(&mut arm.attrs);
            let (test, pat, arm_code) = if let Some((_, guard)) = &arm.guard
                && !prepared.bind.no_drop
                && scan::pat_binds_by_value(&arm.pat)
                && unhide::viewable(&arm.pat)
            {
                // Bindings by value would move out of the scrutinee before
                // the guard, which a later arm may still need.
                let (viewed, views) = self.guard_views(&arm.pat, guard);
                let guard = (**guard).clone();
                let mut pat = arm.pat;
                let mut binds = self
                    .arm_binds(&mut pat, None, bind)
                    .moving_out_of(&pat, scrutinee_var);
                binds.guard_read = views.names();
                let body = *arm.body;
                let arm_code = self.fragment(|b| {
                    b.open_scope();
                    b.bind_views(views);
                    let cond = b.lower_scoped_condition(guard);
                    let cond = b.emit_operand(cond);
                    let at = b.current_block();
                    let then_code = b.in_branch(construct, 0, |b| {
                        b.fragment(|b| {
                            let pat = pat.to_token_stream();
                            b.lower_arm_by_value(&scrutinee, &pat, binds, body, join, span);
                        })
                    });
                    b.set_current(at);
                    let else_code = b.fragment(|b| b.goto(next, None, span));
                    b.emit(quote_spanned!(span=> if #cond #then_code #else_code));
                    b.mark_diverged();
                    let code = b.close_scope(None);
                    b.emit(code);
                });
                (quote!(&#scrutinee), viewed, arm_code)
            } else {
                // The bindings (re-bound, if renamed) come before the guard
                // here, so a guard naming a `mut` one reads the re-bound
                // one: renaming it cannot change what the guard sees.
                let guard = arm.guard.as_ref().map(|(_, g)| &**g);
                let guard = if unhide::binds_mut_by_value(&arm.pat) && !self.hides(&arm.pat) {
                    None
                } else {
                    guard
                };
                let binds = self
                    .arm_binds(&mut arm.pat, guard, bind)
                    .moving_out_of(&arm.pat, scrutinee_var);
                let body: syn::Block = match *arm.body {
                    Expr::Block(b) if b.label.is_none() => b.block,
                    other => expr_block(other),
                };
                let guard = arm.guard.map(|(_, g)| *g);
                // Only the body is the arm's branch: a guard that fails goes
                // on to the next arm, so what the guard does (and where it
                // suspends) precedes the later arms for the analysis.
                let arm_code = self.fragment(|b| {
                    b.open_scope();
                    b.bind_arm(binds);
                    match guard {
                        None => b.in_branch(construct, 0, |b| {
                            let tail = b.lower_stmts(body.stmts);
                            let tail = tail.unwrap_or_else(|| quote_spanned!(span=> ()));
                            b.goto(join, Some(tail), span);
                        }),
                        Some(guard) => {
                            let cond = b.lower_scoped_condition(guard);
                            let cond = b.emit_operand(cond);
                            let at = b.current_block();
                            let then_code = b.in_branch(construct, 0, |b| {
                                b.fragment(|b| b.branch_to(body, join, ArmBinds::default()))
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
                (scrutinee.clone(), arm.pat, arm_code)
            };
            self.set_current(here);
            let miss = self.fragment(|b| b.goto(next, None, span));
            self.emit(quote_spanned! {span=>
                #[allow(unreachable_patterns, clippy::match_single_binding)]
                match #test {
                    #(#attrs)* #pat => #arm_code,
                    _ => { #miss }
                }
            });
            self.mark_diverged();
            self.branch.push((construct, 1));
            self.start_block(next);
            if i + 1 == n {
                self.emit(
                    quote_spanned!(span=> ::core::unreachable!("no arm of this `match` matched")),
                );
                self.mark_diverged();
            }
        }
        self.branch.truncate(outer);
        self.start_block(join);
        let var = self.join_value(join).expect("join value");
        let ident = self.vars[var].ident.clone();
        Operand::var(var, &ident, Touch::Consume)
    }

    /// The body of an arm whose guard passed on views of its bindings:
    /// the arm's pattern again, by value, on the scrutinee left whole.
    fn lower_arm_by_value(
        &mut self,
        scrutinee: &TokenStream,
        pat: &TokenStream,
        binds: ArmBinds,
        body: Expr,
        join: BlockId,
        span: proc_macro2::Span,
    ) {
        let body: syn::Block = match body {
            Expr::Block(b) if b.label.is_none() => b.block,
            other => expr_block(other),
        };
        let code = self.fragment(|b| b.branch_to(body, join, binds));
        self.emit(quote_spanned! {span=> {
            #[allow(unreachable_patterns, clippy::match_single_binding)]
            match #scrutinee {
                #pat => #code,
                _ => ::core::unreachable!("the arm matched before its guard"),
            }
        }});
        self.mark_diverged();
    }
}

/// The bindings of a condition's `let`s as the user wrote them (`mut x`),
/// for their unread check; none if the macro renamed them.
pub(super) fn cond_written(cond: &Expr, rebind: &Option<Rebind>) -> Vec<(String, TokenStream)> {
    fn walk(e: &Expr, out: &mut Vec<(String, TokenStream)>) {
        match e {
            Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                walk(&b.left, out);
                walk(&b.right, out);
            }
            Expr::Let(l) => out.extend(super::written_bindings(&l.pat)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if rebind.is_none() {
        walk(cond, &mut out);
    }
    out
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

/// The value whose fields `e.a.b` projects: `e`.
fn value_root(expr: &mut Expr) -> &mut Expr {
    match expr {
        Expr::Field(f) => value_root(&mut f.base),
        Expr::Paren(p) => value_root(&mut p.expr),
        Expr::Group(g) => value_root(&mut g.expr),
        other => other,
    }
}

/// A scrutinee that is a value rustc keeps as a temporary of the statement:
/// a call, a method call, a macro, a literal of a struct, tuple or array,
/// an `.await` or a `?`, a block, `if` or `match` (whose value is moved out
/// of its tail), an operator's result. Not a place (a local, a field or an
/// element of one, which are not moved when no arm binds them, or `*r`),
/// nor a constant.
fn is_temporary(expr: &Expr) -> bool {
    match expr {
        Expr::Call(_)
        | Expr::MethodCall(_)
        | Expr::Macro(_)
        | Expr::Await(_)
        | Expr::Try(_)
        | Expr::Block(_)
        | Expr::Unsafe(_)
        | Expr::If(_)
        | Expr::Match(_)
        | Expr::Binary(_) => true,
        Expr::Unary(u) => !matches!(u.op, syn::UnOp::Deref(_)),
        Expr::Struct(_) | Expr::Tuple(_) | Expr::Array(_) => !is_constant(expr),
        Expr::Paren(p) => is_temporary(&p.expr),
        Expr::Group(g) => is_temporary(&g.expr),
        _ => false,
    }
}
