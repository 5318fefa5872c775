//! The borrows of frame locals that can be seen in the source and that
//! would have to live across a suspension point.
//!
//! A frame is an ordinary value that moves, so a value stored in it cannot
//! borrow another value stored in it. rustc would reject such code anyway
//! (the borrow checker sees the move into the frame); these checks reject
//! the common cases first, with the owned-value alternative.

use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Expr, Ident};

use super::{Borrow, Builder, VarId};
use crate::scan;
use crate::signature::ParamKind;

/// Methods that borrow their receiver for as long as the result lives.
const BORROWING_ITERATORS: &[&str] = &[
    "iter",
    "iter_mut",
    "chars",
    "char_indices",
    "bytes",
    "lines",
    "keys",
    "values",
    "values_mut",
    "windows",
    "chunks",
    "chunks_mut",
    "split",
    "split_whitespace",
    "drain",
];

/// Methods whose result usually borrows their receiver: accessors, guards,
/// entries (see [`Builder::check_hoisted_borrow`]).
const BORROWING_ACCESSORS: &[&str] = &[
    "entry",
    "get",
    "get_mut",
    "first",
    "first_mut",
    "last",
    "last_mut",
    "front",
    "front_mut",
    "back",
    "back_mut",
    "peek",
    "peek_mut",
    "as_ref",
    "as_mut",
    "as_slice",
    "as_mut_slice",
    "as_str",
    "as_bytes",
    "as_deref",
    "as_deref_mut",
    "borrow",
    "borrow_mut",
    "lock",
    "get_or_insert",
    "get_or_insert_with",
    "split_at",
    "split_at_mut",
];

/// Iterator adapters whose result holds on to the iterator they adapt (and
/// so to whatever that one borrows).
const LAZY_ADAPTERS: &[&str] = &[
    "copied",
    "cloned",
    "map",
    "filter",
    "filter_map",
    "enumerate",
    "take",
    "skip",
    "take_while",
    "skip_while",
    "step_by",
    "rev",
    "zip",
    "chain",
    "peekable",
    "fuse",
    "inspect",
    "flat_map",
    "flatten",
];

impl Builder {
    /// Whether `ident` names a local whose value lives in the frame (not a
    /// reference parameter, whose target is outside).
    fn frame_local(&self, ident: &Ident) -> bool {
        self.lookup(ident)
            .is_some_and(|v| !matches!(self.vars[v].kind, Some(ParamKind::Ref | ParamKind::MutRef)))
    }

    /// Whether `expr` names a local of the frame without moving it, so that
    /// its value may borrow that local (see [`super::Var::may_borrow`]). A
    /// `&mut` parameter counts: what borrows through it reborrows the
    /// reference, which the frame must move.
    pub fn names_frame_local(&self, expr: &Expr, ctx: scan::Ctx) -> bool {
        // A closure without `move` may capture by reference what it uses by
        // value (`|x| x + offset` borrows a `Copy` `offset`).
        let closure =
            matches!(super::control::peeled(expr), Expr::Closure(c) if c.capture.is_none());
        let mut found = false;
        scan::touches(expr, ctx, &mut |ident, touch| {
            let in_place =
                touch == scan::Touch::Mention || (closure && touch != scan::Touch::Assign);
            // `frame_local`, and `&mut` parameters too: one lookup.
            found |= in_place
                && self
                    .lookup(ident)
                    .is_some_and(|v| self.vars[v].kind != Some(ParamKind::Ref));
        });
        found
    }

    /// `self.method(..).await` with `&mut self` (or any `&mut` parameter):
    /// the awaited value reborrows `*self` while `self` must move into the
    /// frame next to it.
    pub fn check_awaited_reborrow(&mut self, awaited: &Expr) {
        let mut expr = awaited;
        loop {
            match expr {
                Expr::Paren(p) => expr = &p.expr,
                Expr::Group(g) => expr = &g.expr,
                _ => break,
            }
        }
        let Expr::MethodCall(call) = expr else { return };
        let mut root = &*call.receiver;
        loop {
            match root {
                Expr::Field(f) => root = &f.base,
                Expr::Paren(p) => root = &p.expr,
                Expr::Group(g) => root = &g.expr,
                _ => break,
            }
        }
        let Expr::Path(p) = root else { return };
        let Some(ident) = p.path.get_ident() else {
            return;
        };
        let Some(var) = self.lookup(ident) else {
            return;
        };
        if self.vars[var].kind != Some(ParamKind::MutRef) {
            return;
        }
        let name = Builder::display_name(ident);
        let method = &call.method;
        self.error(
            call.span(),
            format!(
                "awaiting `{name}.{method}(..)` reborrows `*{name}` for as long as the awaited value lives, while `{name}`, a `&mut` reference, must be stored in the coroutine's frame next to it; a frame that moves cannot hold both. Hand the reference over instead: make `{method}` take `this: &mut Self` (or the reference) by value and return it, then write `let (this, value) = Self::{method}(this, ..).await;`"
            ),
        );
    }

    /// The local `s` of `s.op(..).await` when `op` is a method not known
    /// to take `self` by value.
    ///
    /// `let (n, s) = s.op(..).await;` (or `let s = ..`, `s = ..`) hands `s`
    /// over and takes it back: `op` takes `self`. Had it borrowed `s`, the
    /// awaited value would borrow the frame, which the macro cannot
    /// compile anyway, or `op` returned a value that does not borrow it,
    /// and the old `s`, hidden by the new one, is only dropped. So there
    /// the receiver is taken as moved by the call, and the suspension
    /// point does not store a moved value (E0382). Anywhere else the call
    /// is taken to borrow it (`stream.write_all(buf).await`, with a value
    /// that holds a handle of its own, leaves `stream` open).
    pub fn awaited_receiver(&self, awaited: &Expr) -> Option<VarId> {
        let Expr::MethodCall(call) = super::control::peeled(awaited) else {
            return None;
        };
        if scan::is_consuming(&call.method) {
            return None;
        }
        let Expr::Path(p) = super::control::peeled(&call.receiver) else {
            return None;
        };
        self.lookup(p.path.get_ident()?)
    }

    /// The receiver of `value` when it is `s.op(..).await` (or `..await?`,
    /// which `rewrite` made a `match QuestionMark::branch(..)`) and
    /// `names`, what the value is bound or assigned to, include `s`.
    fn handed_over(&self, value: &Expr, names: &[Ident]) -> Option<VarId> {
        let mut value = super::control::peeled(value);
        if let Expr::Match(m) = value
            && let Some(operand) = crate::rewrite::question_operand(m)
        {
            value = super::control::peeled(operand);
        }
        let Expr::Await(a) = value else { return None };
        let var = self.awaited_receiver(&a.base)?;
        names.contains(&self.vars[var].ident).then_some(var)
    }

    /// Lowers `value`, bound or assigned to `names`, taking the receiver
    /// of `let (n, s) = s.op(..).await` as moved (see `handed_over`).
    pub fn lower_handing_over(
        &mut self,
        value: Expr,
        ctx: scan::Ctx,
        names: &[Ident],
    ) -> super::Operand {
        self.pass_through = self.handed_over(&value, names);
        let op = self.lower_expr(value, ctx);
        self.pass_through = None;
        op
    }

    fn display_name(ident: &Ident) -> String {
        let name = ident.to_string();
        if name == "__coro_self" {
            "self".to_string()
        } else {
            name
        }
    }

    /// `&local` / `&mut local` inside an awaited expression.
    pub fn check_awaited_borrows(&mut self, awaited: &Expr) {
        // `(&mut fut).await`: the awaitee is the borrow itself.
        if let Expr::Reference(r) = super::control::peeled(awaited)
            && let Some(ident) = borrowed_local(&r.expr, self)
        {
            let name = Builder::display_name(&ident);
            let amp = if r.mutability.is_some() { "&mut " } else { "&" };
            self.error(
                r.span(),
                format!(
                    "`({amp}{name}).await` polls `{name}`, a local of this coroutine, through a borrow that the frame would have to hold next to `{name}`; the frame moves, so it cannot hold both. Await the value itself (`{name}.await`, which takes it by value), or keep the future outside the coroutine and pass it in as a `&mut` parameter, which the frame may hold"
                ),
            );
            return;
        }
        struct Find<'a> {
            b: &'a Builder,
            found: Vec<(proc_macro2::Span, String, bool)>,
        }
        impl<'ast> Visit<'ast> for Find<'_> {
            fn visit_expr(&mut self, expr: &'ast Expr) {
                match expr {
                    Expr::Closure(_) | Expr::Async(_) | Expr::Const(_) => {}
                    Expr::Reference(r) => {
                        if let Some(ident) = borrowed_local(&r.expr, self.b) {
                            self.found.push((
                                r.span(),
                                Builder::display_name(&ident),
                                r.mutability.is_some(),
                            ));
                        } else {
                            visit::visit_expr(self, expr);
                        }
                    }
                    _ => visit::visit_expr(self, expr),
                }
            }
            fn visit_item(&mut self, _: &'ast syn::Item) {}
        }
        let mut find = Find {
            b: self,
            found: Vec::new(),
        };
        find.visit_expr(awaited);
        for (span, name, mutable) in find.found {
            let amp = if mutable { "&mut " } else { "&" };
            self.error(
                span,
                format!(
                    "`{amp}{name}` borrows `{name}`, a local of this coroutine, for as long as the awaited value lives; the coroutine's frame is an ordinary value that moves, so it cannot hold both. Pass ownership instead: an API that takes the value and hands it back (`let (result, {name}) = op({name}).await`), or a clone"
                ),
            );
        }
    }

    /// The frame local that the value of `init` borrows, with the span of
    /// the borrow: `&v`, `&mut v.field`, `&v[..]`, `v.iter()`, ...
    pub fn borrowed_frame_local(&self, init: &Expr) -> Option<Borrow> {
        let (root, via) = match init {
            // `let r = &x.await;`: a temporary, extended to the end of the
            // block, that the frame would have to hold next to `r`. (Only a
            // suspending operand: `&5` or `&Some(1)` are promoted to
            // `'static`, and a reference to them can be held anywhere.)
            Expr::Reference(r) if scan::expr_suspends(&r.expr) => {
                let root = super::control::suspending_value(&r.expr)
                    .map_or_else(|| "<the expression>".to_owned(), |(v, _)| super::snippet(v));
                return Some(Borrow {
                    span: init.span(),
                    root,
                    via: super::Via::Reference,
                    temporary: Some(super::Keeper::Let),
                });
            }
            Expr::Reference(r) => (borrowed_local(&r.expr, self)?, super::Via::Reference),
            Expr::MethodCall(m) if BORROWING_ITERATORS.contains(&m.method.to_string().as_str()) => {
                (
                    borrowed_local(&m.receiver, self)?,
                    super::Via::Method(m.method.to_string()),
                )
            }
            Expr::Closure(c) if c.capture.is_none() => {
                (self.captured_in_place(c)?, super::Via::Closure)
            }
            Expr::Paren(p) => return self.borrowed_frame_local(&p.expr),
            Expr::Group(g) => return self.borrowed_frame_local(&g.expr),
            _ => return None,
        };
        Some(Borrow {
            span: init.span(),
            root: Builder::display_name(&root),
            via,
            temporary: None,
        })
    }

    /// Whether closure `c` (without `move`) only borrows the locals of the
    /// frame it names: it uses none by value but those with nothing to drop
    /// (a reference, a literal, a scalar parameter: `Copy`, captured by
    /// reference too; a `&mut` parameter, reborrowed or moved in). Such a
    /// closure holds references only and has nothing to drop, so it may end
    /// at any point after its last use, as rustc's liveness ends it. A move the syntax hides (a method taking `self`
    /// not named like one, `x.field` moved out) makes it own a value after
    /// all, which is then dropped at the next suspension point (the
    /// README's known limits).
    pub fn closure_only_borrows(&self, c: &syn::ExprClosure) -> bool {
        let mut only = true;
        scan::touches(
            &Expr::Closure(c.clone()),
            scan::Ctx::Value,
            &mut |ident, touch| {
                if matches!(touch, scan::Touch::Consume | scan::Touch::DerefValue)
                    && let Some(v) = self.lookup(ident)
                    && !self.vars[v].no_drop
                    && !matches!(self.vars[v].kind, Some(ParamKind::Ref | ParamKind::MutRef))
                {
                    only = false;
                }
            },
        );
        only
    }

    /// The first local of the frame that closure `c` (without `move`)
    /// borrows whole (`&x`, a format argument), or any use of a parameter
    /// whose declared type is a scalar, a tuple or array of them, or a
    /// pointer (`k: u32`: `|| k + 1` captures `k` by reference, being
    /// `Copy`): one it captures by reference. Other uses of other locals may
    /// capture a copy (of a reference local) or move the value in, which
    /// cannot be told apart here.
    fn captured_in_place(&self, c: &syn::ExprClosure) -> Option<Ident> {
        let params: Vec<Ident> = c
            .inputs
            .iter()
            .flat_map(|p| scan::pat_bindings(p).into_iter().map(|(i, _)| i))
            .collect();
        let whole = scan::whole_borrows(&c.body)
            .into_iter()
            .find(|ident| !params.contains(ident) && self.frame_local(ident));
        if whole.is_some() {
            return whole;
        }
        let mut copied = None;
        scan::touches(&c.body, scan::Ctx::Value, &mut |ident, _| {
            if copied.is_none()
                && !params.contains(ident)
                && self.lookup(ident).is_some_and(|v| {
                    let var = &self.vars[v];
                    var.kind == Some(ParamKind::Owned) && var.no_drop
                })
            {
                copied = Some(ident.clone());
            }
        });
        copied
    }

    /// `map.entry(k).or_insert(v.await)`, `f(list.first(), x.await)`: an
    /// operand evaluated before a suspension point later in the same
    /// expression is held across it in a temporary; one that borrows a
    /// local of the frame (a known borrowing method of the local, maybe
    /// unwrapped) cannot be. rustc would say so too, in terms of the
    /// generated frame.
    /// `later`: the suspending operand.
    pub fn check_hoisted_borrow(&mut self, operand: &Expr, later: &Expr) {
        let Some(root) = self.accessor_borrow(operand) else {
            return;
        };
        let name = Builder::display_name(&root);
        let text = super::snippet(operand);
        let later = super::snippet(later);
        self.error(
            operand.span(),
            format!(
                "`{text}` borrows `{name}`, a local of this coroutine, and is evaluated before a suspension point later in the same expression, so its value would have to be held across it while `{name}` moves into the frame; the frame cannot hold both. Await first, then borrow: `let value = {later};` before this statement, and `value` in its place"
            ),
        );
    }

    /// The local that `operand` borrows through a known borrowing method
    /// (`list.first()`, `map.get(k).unwrap()`), if it does.
    pub fn accessor_borrow(&self, operand: &Expr) -> Option<Ident> {
        let mut value = super::control::peeled(operand);
        while let Expr::MethodCall(m) = value
            && matches!(m.method.to_string().as_str(), "unwrap" | "expect")
        {
            value = super::control::peeled(&m.receiver);
        }
        let Expr::MethodCall(m) = value else {
            return None;
        };
        let method = m.method.to_string();
        if !BORROWING_ACCESSORS.contains(&method.as_str())
            && !BORROWING_ITERATORS.contains(&method.as_str())
        {
            return None;
        }
        borrowed_local(&m.receiver, self)
    }

    /// `for x in &local { .. suspension .. }`: the iterator borrows a local
    /// across every suspension in the body.
    pub fn check_loop_borrow(&mut self, iterable: &Expr) {
        // Through lazy adapters: `v.iter().copied().take(2)` still borrows `v`.
        let mut source = iterable;
        while let Expr::MethodCall(m) = source
            && LAZY_ADAPTERS.contains(&m.method.to_string().as_str())
        {
            source = &m.receiver;
        }
        let Some(Borrow {
            root: name,
            temporary,
            via,
            ..
        }) = self.borrowed_frame_local(source)
        else {
            return;
        };
        // `text.chars()`, `map.keys()`: the local itself may not be
        // iterable (a `String`), so the owned value to suggest is the items.
        let items_of = match &via {
            super::Via::Method(m) if !matches!(m.as_str(), "iter" | "iter_mut") => Some(m),
            _ => None,
        };
        if let (Some(method), None) = (items_of, &temporary) {
            let args = match source {
                Expr::MethodCall(m) if m.args.is_empty() => "()",
                _ => "(..)",
            };
            self.error(
                iterable.span(),
                format!(
                    "this loop's iterator borrows `{name}` (through `.{method}()`), a local of this coroutine, across the suspension points in its body; the frame moves, so it cannot hold both. Collect the items into an owned value first, `let items: Vec<_> = {name}.{method}{args}.collect();` (with `.map(ToOwned::to_owned)` before `.collect()` if the items borrow `{name}` too), then iterate over it: `for x in items`"
                ),
            );
        } else if temporary.is_some() {
            self.error(
                iterable.span(),
                format!(
                    "this loop's iterator borrows the value of a suspending expression, which would have to stay in the frame, next to the borrow, while the body suspends; the frame moves, so it cannot hold both. Iterate over the value itself (`for x in {name}`), or over indices of a local holding it"
                ),
            );
        } else {
            self.error(
                iterable.span(),
                format!(
                    "this loop's iterator borrows `{name}`, a local of this coroutine, across the suspension points in its body; the frame moves, so it cannot hold both. Iterate over an owned value instead: `for x in {name}.clone()` / `std::mem::take(&mut {name})`, or over indices: `for i in 0..{name}.len() {{ let x = {name}[i].clone(); .. }}`"
                ),
            );
        }
    }
}

/// The frame local a place expression borrows from, if it is one: `x`,
/// `x.field`, `x[i]` with `x` a local stored by value.
fn borrowed_local(place: &Expr, b: &Builder) -> Option<Ident> {
    match place {
        Expr::Path(p) if p.qself.is_none() => {
            let ident = p.path.get_ident()?;
            b.frame_local(ident).then(|| ident.clone())
        }
        Expr::Field(f) => owned_root(&f.base, b),
        Expr::Index(i) => owned_root(&i.expr, b),
        Expr::Paren(p) => borrowed_local(&p.expr, b),
        Expr::Group(g) => borrowed_local(&g.expr, b),
        _ => None,
    }
}

/// Like [`borrowed_local`], for projections: only locals known to be owned
/// values (a `let` local may itself be a reference).
fn owned_root(place: &Expr, b: &Builder) -> Option<Ident> {
    match place {
        Expr::Path(p) if p.qself.is_none() => {
            let ident = p.path.get_ident()?;
            let var = b.lookup(ident)?;
            matches!(b.vars[var].kind, Some(ParamKind::Owned | ParamKind::Boxed))
                .then(|| ident.clone())
        }
        Expr::Field(f) => owned_root(&f.base, b),
        Expr::Index(i) => owned_root(&i.expr, b),
        Expr::Paren(p) => owned_root(&p.expr, b),
        Expr::Group(g) => owned_root(&g.expr, b),
        _ => None,
    }
}
