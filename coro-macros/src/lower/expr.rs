//! Expressions: A-normal form along the spine that leads to a suspension.
//!
//! Input:  `total + f(a, g(x).await)`
//! Output: `let __coro_t1 = a;` (evaluated before the suspension, as rustc
//!         does), suspend on `g(x)`, then `total + f(__coro_t1, __coro_r2)`.
//!
//! Operands before the last suspension are hoisted into temporaries, except
//! places in place context (a method receiver, a comparison operand, the left
//! side of an assignment): they are borrowed, not moved, so they are read
//! after the suspension, where rustc would read them through the borrow.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Expr, Member};

use super::{Builder, Operand, Pending, SuspendKind};
use crate::scan::{self, Ctx, Touch};

/// Whether the expression never produces a value.
fn diverges(expr: &Expr) -> bool {
    match expr {
        Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) => true,
        Expr::Macro(m) => scan::is_diverging_macro(&m.mac),
        Expr::Paren(p) => diverges(&p.expr),
        Expr::Group(g) => diverges(&g.expr),
        _ => false,
    }
}

/// Whether evaluating the expression has no effect but naming a place.
fn is_place(expr: &Expr) -> bool {
    match expr {
        Expr::Path(p) => p.qself.is_none(),
        Expr::Field(f) => is_place(&f.base),
        Expr::Index(i) => is_place(&i.expr) && matches!(&*i.index, Expr::Path(_) | Expr::Lit(_)),
        Expr::Unary(u) => matches!(u.op, syn::UnOp::Deref(_)) && is_place(&u.expr),
        Expr::Paren(p) => is_place(&p.expr),
        Expr::Group(g) => is_place(&g.expr),
        _ => false,
    }
}

/// `&x`, `&mut x`, `&x.field..`: a borrow of a local (or of one of its
/// fields) whose evaluation has no other effect. Not through an index or a
/// dereference: `&v[i]` reads `i` and `&*p` reads `p` when it is evaluated,
/// and an operand after it may change either.
pub(super) fn is_borrow_of_local(expr: &Expr) -> bool {
    fn local_place(expr: &Expr) -> bool {
        match expr {
            Expr::Path(p) => p.qself.is_none() && p.path.get_ident().is_some(),
            Expr::Field(f) => local_place(&f.base),
            Expr::Paren(p) => local_place(&p.expr),
            Expr::Group(g) => local_place(&g.expr),
            _ => false,
        }
    }
    match expr {
        Expr::Reference(r) => local_place(&r.expr),
        Expr::Paren(p) => is_borrow_of_local(&p.expr),
        Expr::Group(g) => is_borrow_of_local(&g.expr),
        _ => false,
    }
}

impl Builder {
    pub fn lower_expr(&mut self, expr: Expr, ctx: Ctx) -> Operand {
        if !scan::expr_suspends(&expr) {
            return self.verbatim(expr, ctx);
        }
        let span = expr.span();
        match expr {
            Expr::Await(a) => {
                let named_at = std::mem::take(&mut self.let_awaited).then_some(a.await_token.span);
                self.check_awaited_borrows(&a.base);
                self.check_awaited_reborrow(&a.base);
                // The outermost `.await` of `let (n, s) = s.op(..).await`
                // only, not one in `op`'s arguments.
                let handed = self
                    .pass_through
                    .take()
                    .filter(|&v| self.awaited_receiver(&a.base) == Some(v));
                let mut base = self.lower_keeping_operator_temporaries(*a.base);
                if let Some(var) = handed {
                    base.pending.push(Pending::Use(var, Touch::Consume));
                }
                self.suspend(SuspendKind::Await, base, a.await_token.span, named_at)
            }
            Expr::Macro(m) if scan::is_yield_macro(&m.mac) => self.lower_yield(&m.mac),
            Expr::Paren(p) if scan::is_kept_temporary(&p.attrs) => {
                // A temporary of the statement, borrowed by the rest of its
                // operand: a hidden local of the innermost scope, dropped
                // where rustc drops the temporary (after the suspension
                // point), or at once if it is `Copy` and dead there.
                let value = self.lower_expr(*p.expr, Ctx::Value);
                let (var, ident) = self.kept_temp(value);
                Operand::var(var, &ident, Touch::Mention)
            }
            Expr::Paren(p) => {
                let inner = self.lower_expr(*p.expr, ctx);
                let tokens = inner.paren();
                Operand::compose(tokens, vec![inner]).atomic()
            }
            Expr::Group(g) => self.lower_expr(*g.expr, ctx),
            Expr::Call(c) => {
                let mut items = vec![(*c.func, Ctx::Place)];
                items.extend(c.args.into_iter().map(|a| (a, Ctx::Value)));
                let mut ops = self.lower_operands(items);
                let func = ops.remove(0);
                let (f, args) = (
                    func.tokens.clone(),
                    ops.iter().map(|o| o.tokens.clone()).collect::<Vec<_>>(),
                );
                let tokens = quote_spanned!(span=> #f(#(#args),*));
                ops.insert(0, func);
                Operand::compose(tokens, ops).atomic()
            }
            Expr::MethodCall(m) => {
                let awaited = is_awaited(&m.receiver);
                let mut items = vec![(*m.receiver, Ctx::Place)];
                items.extend(m.args.into_iter().map(|a| (a, Ctx::Value)));
                let mut ops = self.lower_operands(items);
                if awaited && !scan::is_consuming(&m.method) {
                    self.borrowed_in_place(&mut ops[0]);
                }
                let receiver = ops[0].paren();
                let args: Vec<_> = ops[1..].iter().map(|o| o.tokens.clone()).collect();
                let method = &m.method;
                let turbofish = &m.turbofish;
                let tokens = quote!(#receiver.#method #turbofish(#(#args),*));
                Operand::compose(tokens, ops).atomic()
            }
            Expr::Binary(b) => {
                if matches!(b.op, syn::BinOp::And(_) | syn::BinOp::Or(_)) {
                    return self.lower_short_circuit(b);
                }
                let (left_ctx, right_ctx) = match &b.op {
                    op if scan::is_comparison(op) => (Ctx::Place, Ctx::Place),
                    op if scan::is_compound_assignment(op) => {
                        // rustc evaluates the right side first for primitive
                        // operands, the place first for an overloaded
                        // operator; the macro cannot tell them apart. The
                        // right side's suspension points come first, the
                        // primitive order; the rest of both sides runs after
                        // the place's, in the order of the operator's type.
                        // (Evaluating the right side into a temporary first,
                        // as for `=`, would hold it in the frame across the
                        // place's suspension points: for `String += &str`
                        // a frame larger than rustc's.)
                        let right = self.lower_expr(*b.right, Ctx::Value);
                        let left = self.lower_expr(*b.left, Ctx::Place);
                        let op = b.op;
                        let (l, r) = (left.tokens.clone(), right.tokens.clone());
                        return Operand::compose(quote!(#l #op #r), vec![right, left]);
                    }
                    _ => (Ctx::Value, Ctx::Value),
                };
                let awaited = [is_awaited(&b.left), is_awaited(&b.right)];
                let mut ops = self.lower_operands(vec![(*b.left, left_ctx), (*b.right, right_ctx)]);
                if left_ctx == Ctx::Place {
                    // A comparison borrows both sides.
                    for (op, awaited) in ops.iter_mut().zip(awaited) {
                        if awaited {
                            self.borrowed_in_place(op);
                        }
                    }
                }
                let (l, r, op) = (ops[0].paren(), ops[1].paren(), b.op);
                Operand::compose(quote!(#l #op #r), ops)
            }
            Expr::Assign(a) => {
                // rustc evaluates the value, then the place.
                let mut targets = Vec::new();
                scan::assign_targets(&a.left, &mut |ident, _| targets.push(ident.clone()));
                // Before a place that suspends, the whole value: its calls
                // run before the place's suspension points, as rustc runs
                // them (see `pins`).
                let pin = scan::expr_suspends(&a.left) && self.pins(&a.right);
                let right = if pin && !scan::expr_suspends(&a.right) {
                    self.pin_verbatim(*a.right)
                } else {
                    let right = self.lower_handing_over(*a.right, Ctx::Value, &targets);
                    if pin { self.hoist(right) } else { right }
                };
                let left = match *a.left {
                    Expr::Path(p)
                        if p.path.get_ident().is_some()
                            && self.lookup(p.path.get_ident().unwrap()).is_some() =>
                    {
                        let ident = p.path.get_ident().unwrap().clone();
                        let var = self.lookup(&ident).unwrap();
                        Operand {
                            tokens: ident.to_token_stream(),
                            atomic: true,
                            pending: vec![Pending::Use(var, Touch::Assign)],
                        }
                    }
                    left if !scan::expr_suspends(&left) => {
                        let mut left = left;
                        self.rewrite_jumps(&mut left);
                        Operand {
                            tokens: left.to_token_stream(),
                            atomic: false,
                            pending: vec![Pending::Assigned(Box::new(left))],
                        }
                    }
                    left => self.lower_expr(left, Ctx::Place),
                };
                let (l, r) = (left.tokens.clone(), right.tokens.clone());
                Operand::compose(quote!(#l = #r), vec![right, left])
            }
            Expr::Unary(u) => {
                let inner = self.lower_expr(*u.expr, Ctx::Value);
                let (op, t) = (u.op, inner.paren());
                Operand::compose(quote!(#op #t), vec![inner])
            }
            Expr::Reference(r) => {
                let inner = self.lower_expr(*r.expr, Ctx::Place);
                let (m, t) = (r.mutability, inner.paren());
                Operand::compose(quote_spanned!(span=> & #m #t), vec![inner])
            }
            Expr::Field(f) => {
                let base = self.lower_expr(*f.base, Ctx::Place);
                let (b, member) = (base.paren(), &f.member);
                let member = match member {
                    Member::Named(i) => quote!(#i),
                    Member::Unnamed(i) => quote!(#i),
                };
                Operand::compose(quote!(#b.#member), vec![base]).atomic()
            }
            Expr::Index(i) => {
                let ops = self.lower_operands(vec![(*i.expr, Ctx::Place), (*i.index, Ctx::Value)]);
                let (b, idx) = (ops[0].paren(), ops[1].tokens.clone());
                Operand::compose(quote!(#b[#idx]), ops).atomic()
            }
            Expr::Tuple(t) => {
                let n = t.elems.len();
                let ops =
                    self.lower_operands(t.elems.into_iter().map(|e| (e, Ctx::Value)).collect());
                let elems: Vec<_> = ops.iter().map(|o| o.tokens.clone()).collect();
                let tokens = if n == 1 {
                    quote!((#(#elems),*,))
                } else {
                    quote!((#(#elems),*))
                };
                Operand::compose(tokens, ops)
            }
            Expr::Array(a) => {
                let ops =
                    self.lower_operands(a.elems.into_iter().map(|e| (e, Ctx::Value)).collect());
                let elems: Vec<_> = ops.iter().map(|o| o.tokens.clone()).collect();
                Operand::compose(quote!([#(#elems),*]), ops).atomic()
            }
            Expr::Repeat(r) => {
                let value = self.lower_expr(*r.expr, Ctx::Value);
                let (v, len) = (value.tokens.clone(), &r.len);
                Operand::compose(quote!([#v; #len]), vec![value]).atomic()
            }
            Expr::Cast(c) => {
                let value = self.lower_expr(*c.expr, Ctx::Value);
                let (v, ty) = (value.paren(), &c.ty);
                Operand::compose(quote!(#v as #ty), vec![value])
            }
            Expr::Struct(s) => {
                let mut items: Vec<(Expr, Ctx)> = s
                    .fields
                    .iter()
                    .map(|f| (f.expr.clone(), Ctx::Value))
                    .collect();
                let has_rest = s.rest.is_some();
                if let Some(rest) = &s.rest {
                    items.push(((**rest).clone(), Ctx::Place));
                }
                let ops = self.lower_operands(items);
                let path = &s.path;
                let qself = s.qself.as_ref().map(|q| {
                    let ty = &q.ty;
                    quote!(<#ty>::)
                });
                let fields: Vec<_> = s
                    .fields
                    .iter()
                    .zip(&ops)
                    .map(|(f, op)| {
                        let member = &f.member;
                        let value = &op.tokens;
                        quote!(#member: #value)
                    })
                    .collect();
                let rest = if has_rest {
                    let r = &ops.last().unwrap().tokens;
                    quote!(.. #r)
                } else {
                    quote!()
                };
                let tokens = quote!(#qself #path { #(#fields,)* #rest });
                Operand::compose(tokens, ops).atomic()
            }
            Expr::Range(r) => {
                let limits = r.limits;
                let mut items = Vec::new();
                let has_start = r.start.is_some();
                if let Some(start) = r.start {
                    items.push((*start, Ctx::Value));
                }
                let has_end = r.end.is_some();
                if let Some(end) = r.end {
                    items.push((*end, Ctx::Value));
                }
                let ops = self.lower_operands(items);
                let mut it = ops.iter();
                let start = if has_start {
                    Some(it.next().unwrap().paren())
                } else {
                    None
                };
                let end = if has_end {
                    Some(it.next().unwrap().paren())
                } else {
                    None
                };
                Operand::compose(quote!(#start #limits #end), ops)
            }
            // A block whose `let` hides a local of an enclosing scope ends
            // in a piece of the body of its own: the code after the block
            // names the hidden local again, which a piece that started
            // inside the block (after a suspension point) could only
            // receive under another name.
            Expr::Block(b) if b.label.is_none() && !self.hides_a_local(&b.block) => {
                self.lower_block_expr(b.block)
            }
            Expr::Block(b) => self.lower_labeled_block(b),
            Expr::If(i) => self.lower_if(i),
            Expr::Match(m) => self.lower_match(m),
            Expr::Loop(l) => self.lower_loop(l),
            Expr::While(w) => self.lower_while(w),
            Expr::ForLoop(f) => self.lower_for(f),
            Expr::Return(r) => {
                let value = r.expr.map(|v| self.lower_exit_value(*v, None, true));
                match value {
                    Some(v) => {
                        let t = v.tokens.clone();
                        Operand::compose(quote_spanned!(span=> return #t), vec![v])
                    }
                    None => Operand::tokens(quote_spanned!(span=> return)),
                }
            }
            Expr::Break(b) => {
                let label = b.label.as_ref();
                let value = b.expr.map(|v| self.lower_exit_value(*v, label, false));
                match self.resolve_split(b.label.as_ref(), true, b.break_token.span) {
                    Some((target, _)) => {
                        let (tokens, ops) = match value {
                            Some(v) => (Some(v.tokens.clone()), vec![v]),
                            None => (None, vec![]),
                        };
                        let mut ops = ops;
                        for op in ops.drain(..) {
                            self.flush(op);
                        }
                        let jump = self.jump_expr(target, tokens, b.break_token.span);
                        Operand::tokens(jump.to_token_stream())
                    }
                    None => Operand::tokens(quote!(())),
                }
            }
            Expr::Let(l) => {
                self.error(
                    l.let_token.span,
                    "a `let` condition with `.await` can only stand in `if` and `while`",
                );
                Operand::tokens(quote!(false))
            }
            other => {
                self.error(other.span(), "this expression cannot contain a suspension point in a coroutine body; bind the awaited value with `let` first");
                Operand::tokens(quote!(::core::unreachable!()))
            }
        }
    }

    fn lower_yield(&mut self, mac: &syn::Macro) -> Operand {
        let span = mac.path.span();
        let path = &mac.path;
        if !self
            .yield_paths
            .iter()
            .any(|p| quote!(#p).to_string() == quote!(#path).to_string())
        {
            self.yield_paths.push(mac.path.clone());
        }
        let value = match scan::parse_yield_value(mac) {
            Ok(Some(v)) => self.lower_keeping_operator_temporaries(v),
            Ok(None) => Operand::tokens(quote_spanned!(span=> ())),
            Err(e) => {
                self.errors.push(e);
                Operand::tokens(quote!(()))
            }
        };
        self.suspend(SuspendKind::Yield, value, span, None)
    }

    /// `a && b` with a suspension in `b`: `if a { b } else { false }`.
    fn lower_short_circuit(&mut self, b: syn::ExprBinary) -> Operand {
        let span = b.span();
        let (left, right) = (*b.left, *b.right);
        let literal = |value: bool| {
            Expr::Lit(syn::ExprLit {
                attrs: Vec::new(),
                lit: syn::Lit::Bool(syn::LitBool::new(value, span)),
            })
        };
        let (then_value, else_value) = match b.op {
            syn::BinOp::And(_) => (right, literal(false)),
            _ => (literal(true), right),
        };
        let desugared = syn::ExprIf {
            attrs: Vec::new(),
            if_token: syn::Token![if](span),
            cond: Box::new(left),
            then_branch: super::control::expr_block(then_value),
            else_branch: Some((
                syn::Token![else](span),
                Box::new(Expr::Block(syn::ExprBlock {
                    attrs: Vec::new(),
                    label: None,
                    block: super::control::expr_block(else_value),
                })),
            )),
        };
        self.lower_if(desugared)
    }

    /// Lowers operands left to right, hoisting those evaluated before a
    /// later suspension.
    pub fn lower_operands(&mut self, items: Vec<(Expr, Ctx)>) -> Vec<Operand> {
        let last = items.iter().rposition(|(e, _)| scan::expr_suspends(e));
        let Some(last) = last else {
            return items
                .into_iter()
                .map(|(e, ctx)| self.verbatim(e, ctx))
                .collect();
        };
        let mut out = Vec::with_capacity(items.len());
        let mut before = items;
        let mut from_last = before.split_off(last).into_iter();
        let (last_expr, last_ctx) = from_last.next().expect("the last suspending operand");
        for (expr, ctx) in before {
            if !scan::expr_suspends(&expr) {
                if ctx == Ctx::Place && is_place(&expr) {
                    out.push(self.verbatim(expr, ctx));
                } else {
                    // Its temporaries live to the end of the statement.
                    let mut expr = expr;
                    self.hoist_borrowed_temporary(&mut expr);
                    if is_borrow_of_local(&expr) {
                        // `f(&x, g().await)`, or `f(&D(..), ..)` whose value
                        // the line above put in a temporary: the borrow is
                        // taken after the suspension, as a place operand's
                        // is. Held across it in a temporary it would be a
                        // borrow of the frame by the frame; taken later it
                        // is the same borrow of the same value, since the
                        // operands in between could not touch `x` while
                        // rustc's borrow was held.
                        out.push(self.verbatim(expr, Ctx::Value));
                    } else {
                        self.check_hoisted_borrow(&expr, &last_expr);
                        let op = self.lower_keeping_temporaries(expr);
                        out.push(self.hoist(op));
                    }
                }
            } else {
                let op = self.lower_expr(expr, ctx);
                out.push(self.hoist(op));
            }
        }
        out.push(self.lower_expr(last_expr, last_ctx));
        out.extend(from_last.map(|(expr, ctx)| self.verbatim(expr, ctx)));
        out
    }

    /// Whether the value of an assignment whose place suspends is evaluated
    /// into a temporary before the place. Not a value that only names or
    /// borrows a local (or is a constant): held in the frame across the
    /// place's suspension points it could not be, and evaluated after them
    /// it is the same value.
    fn pins(&self, value: &Expr) -> bool {
        !is_place(value)
            && !is_borrow_of_local(value)
            && !super::control::is_constant(value)
            && self.accessor_borrow(value).is_none()
    }

    /// Evaluates a value that does not suspend now, into a temporary (a
    /// borrow of a temporary: the temporary, see `lower_operands`).
    fn pin_verbatim(&mut self, value: Expr) -> Operand {
        let mut value = value;
        self.hoist_borrowed_temporary(&mut value);
        if is_borrow_of_local(&value) {
            return self.verbatim(value, Ctx::Value);
        }
        let op = self.lower_keeping_temporaries(value);
        self.hoist(op)
    }

    /// `&D::new()` (`&make().field`): the value borrowed by an operand
    /// that is a borrow, into a hidden local, so that the borrow itself
    /// can be taken after the suspension point (see `lower_operands`).
    /// Temporaries deeper in an operand are [`mark_temporaries`]'s.
    fn hoist_borrowed_temporary(&mut self, expr: &mut Expr) {
        if matches!(super::control::peeled(expr), Expr::Reference(_)) {
            self.hoist_scrutinee_root(expr);
        }
    }

    /// A value without suspension points, evaluated now, before a later
    /// suspension point of its statement: the temporaries it borrows
    /// (`D::new()` in `D::new().len() + 1`, `make()` in `f(&make())`)
    /// become hidden locals of the innermost scope, so that they live
    /// across that point to the end of the statement, as rustc keeps them,
    /// rather than to the end of the `let` that holds the value.
    pub(crate) fn lower_keeping_temporaries(&mut self, value: Expr) -> Operand {
        let mut value = value;
        let names_local = |e: &Expr| self.names_frame_local(e, Ctx::Value);
        if mark_temporaries(&mut value, &names_local) {
            self.lower_expr(value, Ctx::Value)
        } else {
            self.verbatim(value, Ctx::Value)
        }
    }

    /// A value whose temporaries rustc keeps across a suspension point
    /// that comes after it: the awaitee of an `.await` and the value of a
    /// `yield_!` (to the end of their statement), the iterable of a `for`
    /// (to the end of the loop). Of what it evaluates after its own last
    /// suspension point, the temporaries of its operators' and ranges'
    /// operands are kept (`D::new()` in `sleep_ms(D::new().len() + 1)`, in
    /// `0..D::new().len()`; see [`mark_operator_temporaries`]); those it
    /// makes before a suspension point of its own are
    /// [`Builder::lower_operands`]'. They become hidden locals of the
    /// innermost scope.
    pub(super) fn lower_keeping_operator_temporaries(&mut self, value: Expr) -> Operand {
        let mut value = value;
        let names_local = |e: &Expr| self.names_frame_local(e, Ctx::Value);
        let lowered = if scan::expr_suspends(&value) {
            mark_trailing_operator_temporaries(&mut value, &names_local);
            true
        } else {
            mark_operator_temporaries(&mut value, &names_local)
        };
        if lowered {
            self.lower_expr(value, Ctx::Value)
        } else {
            self.verbatim(value, Ctx::Value)
        }
    }

    /// An awaited value borrowed where it stands (`x.await.len()`): a
    /// temporary that rustc keeps to the end of the statement, so it is no
    /// longer taken to be moved there, and lives to the end of its scope.
    /// (Only a bare `.await`: `{x.await}.finish()` moves the value, the way
    /// out for a method that takes `self` but is not known to.)
    fn borrowed_in_place(&self, op: &mut Operand) {
        let own = self.sole_var(op).is_some_and(|var| !self.vars[var].user);
        if let [Pending::Use(_, touch @ Touch::Consume)] = op.pending.as_mut_slice()
            && own
        {
            *touch = Touch::Mention;
        }
    }

    /// The local that `op` is, if it is one: not an expression naming only
    /// one (`r.len() as u32`).
    fn sole_var(&self, op: &Operand) -> Option<super::VarId> {
        match op.pending.as_slice() {
            [Pending::Use(var, _)] if self.vars[*var].ident == op.tokens.to_string() => Some(*var),
            _ => None,
        }
    }

    /// Evaluates an operand now, into a temporary.
    pub fn hoist(&mut self, op: Operand) -> Operand {
        // Already a local: nothing to evaluate.
        if self.sole_var(&op).is_some() {
            return op;
        }
        let (var, ident) = self.temp("t", op, false);
        Operand::var(var, &ident, Touch::Consume)
    }

    /// Whether a `let` of `block` itself binds the name of a local in scope.
    fn hides_a_local(&self, block: &syn::Block) -> bool {
        block
            .stmts
            .iter()
            .any(|stmt| matches!(stmt, syn::Stmt::Local(l) if self.hides(&l.pat)))
    }

    /// A block expression in the current scope's code: `{ stmts; tail }`.
    pub fn lower_block_expr(&mut self, block: syn::Block) -> Operand {
        self.open_scope();
        let tail = self.lower_stmts(block.stmts);
        let code = self.close_scope(tail);
        let (var, ident) = self.temp("b", Operand::tokens(code), false);
        Operand::var(var, &ident, Touch::Consume)
    }

    /// Statements of a scope that is already open; returns the tail's tokens.
    pub fn lower_stmts(&mut self, stmts: Vec<syn::Stmt>) -> Option<TokenStream> {
        let n = stmts.len();
        let mut tail = None;
        for (i, stmt) in stmts.into_iter().enumerate() {
            match stmt {
                // A tail that never produces a value (`panic!(..)`, `return`)
                // is a statement: wrapping it as the block's value would be
                // an unreachable call in the user's crate. The block still
                // has type `!`.
                syn::Stmt::Expr(expr, None) if i + 1 == n && diverges(&expr) => {
                    self.lower_stmt(syn::Stmt::Expr(expr, Some(Default::default())));
                }
                syn::Stmt::Expr(expr, None) if i + 1 == n => {
                    let op = self.lower_expr(expr, Ctx::Value);
                    tail = Some(self.emit_operand(op));
                }
                stmt => self.lower_stmt(stmt),
            }
        }
        tail
    }
}

/// Marks (see [`scan::KEPT_TEMPORARY`]) the temporaries of `expr` that
/// rustc keeps to the end of the enclosing statement: a value (not a place,
/// not a constant) borrowed as the receiver of a method that is not taken
/// to move it (see [`scan::is_consuming`]), by `&`, as the base of an index,
/// or as an operand of a comparison. Not inside what scopes its own
/// temporaries or is opaque (blocks, `if`, `match`, loops, `&&`, `||`,
/// closures, macro calls), nor the base of a field access (moving the
/// field out of a local would leave it partly moved).
///
/// Only roots: not a value that borrows a local of the frame
/// (`name.chars()`) or another marked temporary (`make().lock().unwrap()`
/// borrows `make()`): the frame could not hold it next to what it
/// borrows, so it stays in the operand, dropped once the operand has its
/// value (which for a reference or an iterator over one drops nothing).
/// `names_local` tells whether an expression names a local of the frame.
/// Returns whether it marked one.
pub(super) fn mark_temporaries(expr: &mut Expr, names_local: &dyn Fn(&Expr) -> bool) -> bool {
    let borrowed = |expr: &mut Expr| mark_borrowed(expr, names_local);
    let mark = |expr: &mut Expr| mark_temporaries(expr, names_local);
    let all = |exprs: &mut dyn Iterator<Item = &mut Expr>| {
        exprs.fold(false, |marked, e| mark_temporaries(e, names_local) | marked)
    };
    match expr {
        Expr::MethodCall(m) => {
            let receiver = if scan::is_consuming(&m.method) {
                mark(&mut m.receiver)
            } else {
                borrowed(&mut m.receiver)
            };
            receiver | all(&mut m.args.iter_mut())
        }
        Expr::Reference(r) => borrowed(&mut r.expr),
        Expr::Index(i) => borrowed(&mut i.expr) | mark(&mut i.index),
        Expr::Binary(b) => match b.op {
            syn::BinOp::And(_) | syn::BinOp::Or(_) => false,
            op => {
                mark_operator_operand(&op, &mut b.left, names_local)
                    | mark_operator_operand(&op, &mut b.right, names_local)
            }
        },
        Expr::Call(c) => mark(&mut c.func) | all(&mut c.args.iter_mut()),
        Expr::Field(f) => mark(&mut f.base),
        Expr::Unary(u) => mark(&mut u.expr),
        Expr::Paren(p) => mark(&mut p.expr),
        Expr::Group(g) => mark(&mut g.expr),
        Expr::Cast(c) => mark(&mut c.expr),
        Expr::Try(t) => mark(&mut t.expr),
        // A `?` (see `rewrite::question_match`): its operand's temporaries
        // live to the end of the statement.
        Expr::Match(m) => crate::rewrite::question_operand_mut(m).is_some_and(mark),
        Expr::Repeat(r) => mark(&mut r.expr),
        Expr::Tuple(t) => all(&mut t.elems.iter_mut()),
        Expr::Array(a) => all(&mut a.elems.iter_mut()),
        Expr::Struct(s) => {
            all(&mut s.fields.iter_mut().map(|f| &mut f.expr))
                | s.rest.as_deref_mut().is_some_and(mark)
        }
        Expr::Range(r) => {
            r.start.as_deref_mut().is_some_and(mark) | r.end.as_deref_mut().is_some_and(mark)
        }
        _ => false,
    }
}

/// [`mark_temporaries`] of a value borrowed where it stands: the value
/// itself if it is a temporary worth keeping and nothing in it is.
fn mark_borrowed(expr: &mut Expr, names_local: &dyn Fn(&Expr) -> bool) -> bool {
    let inner = mark_temporaries(expr, names_local);
    if inner || !creates_temporary(expr) || names_local(expr) {
        return inner;
    }
    let value = std::mem::replace(expr, Expr::Verbatim(TokenStream::new()));
    let marker = syn::Ident::new(scan::KEPT_TEMPORARY, proc_macro2::Span::call_site());
    *expr = Expr::Paren(syn::ExprParen {
        attrs: vec![syn::parse_quote!(#[#marker])],
        paren_token: Default::default(),
        expr: Box::new(value),
    });
    true
}

/// [`mark_temporaries`] of one operand of a binary operator (not `&&` or
/// `||`): a comparison borrows it.
fn mark_operator_operand(
    op: &syn::BinOp,
    operand: &mut Expr,
    names_local: &dyn Fn(&Expr) -> bool,
) -> bool {
    if scan::is_comparison(op) {
        mark_borrowed(operand, names_local)
    } else {
        mark_temporaries(operand, names_local)
    }
}

/// [`mark_temporaries`] in the operands of the arithmetic, comparison,
/// cast and unary operators and of the ranges of an awaited value (a
/// yielded one, a `for`'s iterable), and nowhere else in it: the awaitee
/// (the iterator) may hold a borrow of a temporary of its
/// own call (`fetch(&key())`, `make().read()`), which the frame could not
/// hold next to the temporary (rustc's "temporary value dropped while
/// borrowed" on the user's temporary says so better than a move out of the
/// frame), and a builder chain (`Request::new().uri(u).send()`) moves its
/// temporaries through methods the macro does not know to move them, where
/// a kept temporary would be used after its move. An operator's operand is
/// a value computed from its temporaries, not one that holds them.
fn mark_operator_temporaries(expr: &mut Expr, names_local: &dyn Fn(&Expr) -> bool) -> bool {
    let all = |exprs: &mut dyn Iterator<Item = &mut Expr>| {
        exprs.fold(false, |marked, e| {
            mark_operator_temporaries(e, names_local) | marked
        })
    };
    match expr {
        Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_) | syn::BinOp::Or(_)) => false,
        Expr::Binary(_) | Expr::Unary(_) | Expr::Cast(_) | Expr::Range(_) => {
            mark_temporaries(expr, names_local)
        }
        Expr::Call(c) => all(&mut c.args.iter_mut()),
        Expr::MethodCall(m) => {
            mark_operator_temporaries(&mut m.receiver, names_local) | all(&mut m.args.iter_mut())
        }
        Expr::Reference(r) => mark_operator_temporaries(&mut r.expr, names_local),
        Expr::Field(f) => mark_operator_temporaries(&mut f.base, names_local),
        Expr::Paren(p) => mark_operator_temporaries(&mut p.expr, names_local),
        Expr::Group(g) => mark_operator_temporaries(&mut g.expr, names_local),
        Expr::Try(t) => mark_operator_temporaries(&mut t.expr, names_local),
        Expr::Match(m) => crate::rewrite::question_operand_mut(m)
            .is_some_and(|operand| mark_operator_temporaries(operand, names_local)),
        Expr::Index(i) => all(&mut [&mut *i.expr, &mut *i.index].into_iter()),
        Expr::Tuple(t) => all(&mut t.elems.iter_mut()),
        Expr::Array(a) => all(&mut a.elems.iter_mut()),
        Expr::Struct(s) => all(&mut s.fields.iter_mut().map(|f| &mut f.expr)),
        _ => false,
    }
}

/// [`mark_operator_temporaries`] in the operands of an awaited call that
/// come after its last suspending one (`D::new()` in
/// `two(x.await, D::new().len() + 1)`), and so on down the call that
/// suspends last (`two(f(x.await, D::new().len()), 1)`): evaluated after
/// the last suspension point before the awaitee's own, where
/// [`Builder::lower_operands`] leaves them as they are.
fn mark_trailing_operator_temporaries(
    expr: &mut Expr,
    names_local: &dyn Fn(&Expr) -> bool,
) -> bool {
    let mut items: Vec<&mut Expr> = match expr {
        Expr::Paren(p) if !scan::is_kept_temporary(&p.attrs) => {
            return mark_trailing_operator_temporaries(&mut p.expr, names_local);
        }
        Expr::Group(g) => return mark_trailing_operator_temporaries(&mut g.expr, names_local),
        Expr::Match(m) => {
            return crate::rewrite::question_operand_mut(m)
                .is_some_and(|operand| mark_trailing_operator_temporaries(operand, names_local));
        }
        Expr::Call(c) => std::iter::once(&mut *c.func)
            .chain(c.args.iter_mut())
            .collect(),
        Expr::MethodCall(m) => std::iter::once(&mut *m.receiver)
            .chain(m.args.iter_mut())
            .collect(),
        // `a.await..D::new().len()`.
        Expr::Range(r) => {
            if let Some(end) = r.end.as_deref_mut().filter(|e| scan::expr_suspends(e)) {
                return mark_trailing_operator_temporaries(end, names_local);
            }
            let start = r.start.as_deref_mut();
            let start = start.is_some_and(|s| mark_trailing_operator_temporaries(s, names_local));
            let end = r.end.as_deref_mut();
            return start | end.is_some_and(|e| mark_temporaries(e, names_local));
        }
        // Not `&&`, `||` or a compound assignment, whose sides' order
        // depends on its type (see `Builder::lower_expr`).
        Expr::Binary(b) if !matches!(b.op, syn::BinOp::And(_) | syn::BinOp::Or(_)) => {
            if scan::is_compound_assignment(&b.op) {
                return false;
            }
            if scan::expr_suspends(&b.right) {
                return mark_trailing_operator_temporaries(&mut b.right, names_local);
            }
            return mark_trailing_operator_temporaries(&mut b.left, names_local)
                | mark_operator_operand(&b.op, &mut b.right, names_local);
        }
        _ => return false,
    };
    let Some(last) = items.iter().rposition(|e| scan::expr_suspends(e)) else {
        return false;
    };
    let mut after = items.split_off(last).into_iter();
    let suspending = after.next().expect("the last suspending operand");
    let marked = mark_trailing_operator_temporaries(suspending, names_local);
    after.fold(marked, |marked, e| {
        mark_operator_temporaries(e, names_local) | marked
    })
}

/// Whether `expr` is `<e>.await` (or `yield_!(..)`), in parentheses or not.
fn is_awaited(expr: &Expr) -> bool {
    match super::control::peeled(expr) {
        Expr::Await(_) => true,
        Expr::Macro(m) => scan::is_yield_macro(&m.mac),
        _ => false,
    }
}

/// Whether `expr`, borrowed, is a temporary worth keeping: a value that is
/// not a place, a literal or a constant rustc promotes. Not the result of
/// an arithmetic operator, a cast or a unary operator either: a primitive
/// there (`k % 3 == 2`), with nothing to drop, which rustc compares by
/// value without a temporary (an overloaded `+` on a `String` gives a
/// temporary the macro then drops early: only its memory goes sooner).
fn creates_temporary(expr: &Expr) -> bool {
    let expr = super::control::peeled(expr);
    if super::control::is_constant(expr) {
        return false;
    }
    match expr {
        Expr::Call(_)
        | Expr::MethodCall(_)
        | Expr::Struct(_)
        | Expr::Tuple(_)
        | Expr::Array(_)
        | Expr::Repeat(_)
        | Expr::Range(_) => true,
        Expr::Macro(m) => !scan::is_yield_macro(&m.mac),
        _ => false,
    }
}
