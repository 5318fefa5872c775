//! Arm patterns that hide a local: `let v = ..; match m { Some(v) => { x.await; .. } }`.
//!
//! Inside the arm the source can no longer name the outer `v`, yet a
//! suspension point there (or the arm's jump to the join of a split
//! construct) may have to move it into the frame. A `let` that shadows a
//! local is no problem: the lowering moves the older value into a slot of
//! its own first (a stash). So such an arm's bindings are renamed in the
//! pattern and re-bound under the user's names by a `let` at the top of
//! the arm, which stashes what it hides:
//!
//! Input:  `Some(v) => { x.await; v }`
//! Output: `Some(__coro_arm3_v) => { let v = __coro_arm3_v; x.await; v }`
//!
//! The pattern of a `let .. else` is renamed the same way: its `else`
//! still sees the hidden local, so the stash may only happen once the
//! pattern matched. So is a pattern with a `mut x` binding, whose `mut`
//! rustc judges on the re-binding `let` then (see [`Builder::unhide`]).
//!
//! Every binding of the pattern is re-bound, in the pattern's order, by one
//! `let`: they are then dropped in the reverse of that order, as the
//! pattern's bindings are. A guard that names a binding becomes a block
//! that binds the name to a view of the renamed binding first
//! ([`Builder::unhide_guarded`]). A guard that suspends is lowered in
//! pieces of its own and sees views too ([`Builder::guard_views`]), but
//! not for a pattern with `ref`, `mut` or `&`, which is left as written
//! (the macro's error about shadowing applies there).

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote};
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Ident};

use super::branches::BindAs;
use crate::lower::Builder;
use crate::scan;

/// A binding written `mut x`, with its `mut` token.
type MutBinding = (Ident, syn::Token![mut]);

/// The `let` that gives an arm's renamed bindings back their names.
pub(crate) struct Rebind {
    stmt: syn::Stmt,
    names: Vec<Ident>,
    /// Whether the user's reads of the names all go to the re-binding (no
    /// guard reads them through a view): its `let` then gets the unread
    /// check a `let` of the user's gets (see `UnreadCheck`).
    checked: bool,
}

impl Rebind {
    /// The user's names it re-binds.
    pub(crate) fn names(&self) -> &[Ident] {
        &self.names
    }

    /// Gives the re-binding `let` the attributes of the user's (a `let ..
    /// else`'s `#[allow(unused_variables)]` applies to it).
    pub(crate) fn with_attrs(mut self, attrs: &[syn::Attribute]) -> Self {
        if let syn::Stmt::Local(local) = &mut self.stmt {
            local.attrs.extend_from_slice(attrs);
        }
        self
    }
}

/// Whether the arm of `pat` (with `guard`) can be renamed: its guard does
/// not name one of its bindings.
pub(crate) fn renamable(pat: &syn::Pat, guard: Option<&Expr>) -> bool {
    let Some(guard) = guard else {
        return true;
    };
    let names: Vec<String> = scan::pat_bindings(pat)
        .iter()
        .map(|(i, _)| i.to_string())
        .collect();
    !mentions(guard.to_token_stream(), &names)
}

/// Whether `tokens` may name one of `names`: as an identifier, or inside a
/// string literal (a format string's `{name}`).
fn mentions(tokens: TokenStream, names: &[String]) -> bool {
    tokens.into_iter().any(|tt| match tt {
        TokenTree::Ident(i) => names.iter().any(|n| i == n),
        TokenTree::Group(g) => mentions(g.stream(), names),
        TokenTree::Literal(l) => {
            let text = l.to_string();
            names.iter().any(|n| text.contains(n.as_str()))
        }
        TokenTree::Punct(_) => false,
    })
}

impl Builder {
    /// Renames the bindings of an arm's `pat` when one hides a local in
    /// scope and the arm can be renamed; returns the `let` to lower first
    /// in the arm (see the module's documentation).
    ///
    /// A pattern with a `mut x` binding is renamed too: the pattern's piece
    /// of the body may only move `x` into the frame, and rustc would call
    /// its `mut` unneeded there. The re-binding `let mut x` is checked as
    /// a `let` is (`allow(unused_mut)` only if a later piece receives `x`).
    pub(crate) fn unhide(&mut self, pat: &mut syn::Pat, guard: Option<&Expr>) -> Option<Rebind> {
        if !(self.hides(pat) || binds_mut_by_value(pat)) || !renamable(pat, guard) {
            return None;
        }
        Some(self.rename_bindings(pat).0)
    }

    /// [`Builder::unhide`] for an arm whose guard (which does not suspend)
    /// names a binding: the guard sees each binding it names through a
    /// view of the renamed one (`__coro_rt::GuardView`: the value of a
    /// `Copy` binding, as rustc's guard sees it, a reference otherwise).
    pub(crate) fn unhide_guarded(
        &mut self,
        pat: &mut syn::Pat,
        guard: &mut Expr,
    ) -> Option<Rebind> {
        if renamable(pat, Some(guard)) {
            return self.unhide(pat, Some(guard));
        }
        if !self.hides(pat) && !binds_mut_by_value(pat) {
            return None;
        }
        let (mut rebind, renamed) = self.rename_bindings(pat);
        rebind.checked = false;
        let views = named_by(guard, renamed).into_iter().map(|(name, hidden)| {
            let view = view_of(quote!(&#hidden));
            quote!(#[allow(unused_variables)] let #name = #view;)
        });
        *guard = syn::parse_quote!({
            #(#views)*
            #guard
        });
        Some(rebind)
    }

    /// Whether a binding of `pat` hides a local in scope.
    pub(crate) fn hides(&self, pat: &syn::Pat) -> bool {
        scan::pat_bindings(pat)
            .iter()
            .any(|(ident, _)| self.lookup(ident).is_some())
    }

    /// Renames every binding of `pat`; returns the re-binding `let` and
    /// each name with its new one.
    fn rename_bindings(&mut self, pat: &mut syn::Pat) -> (Rebind, Vec<(Ident, Ident)>) {
        let (renamed, by_value_mut) = self.rename_pattern(pat, "arm");
        // The user's `mut` token: rustc's `unused_mut` points at it.
        let targets = renamed.iter().map(|(ident, _)| {
            let mutability = by_value_mut
                .iter()
                .find(|(i, _)| i == ident)
                .map(|(_, m)| m);
            quote!(#mutability #ident)
        });
        let values = renamed.iter().map(|(_, hidden)| hidden);
        let stmt = if renamed.len() == 1 {
            syn::parse_quote!(let #(#targets)* = #(#values)*;)
        } else {
            syn::parse_quote!(let (#(#targets),*) = (#(#values),*);)
        };
        let rebind = Rebind {
            stmt,
            names: renamed.iter().map(|(ident, _)| ident.clone()).collect(),
            checked: true,
        };
        (rebind, renamed)
    }

    /// Renames every binding of `pat` to `__coro_<prefix>N_<name>`, in the
    /// pattern's order; returns each name with its new one, and the names
    /// bound `mut x` (whose `mut` the pattern loses).
    fn rename_pattern(
        &mut self,
        pat: &mut syn::Pat,
        prefix: &str,
    ) -> (Vec<(Ident, Ident)>, Vec<MutBinding>) {
        let bindings = scan::pat_bindings(pat);
        self.temps += 1;
        let n = self.temps;
        let hidden = |ident: &Ident| {
            format_ident!(
                "__coro_{}{}_{}",
                prefix,
                n,
                ident,
                span = Span::mixed_site().located_at(ident.span())
            )
        };
        let names: Vec<String> = bindings.iter().map(|(i, _)| i.to_string()).collect();
        let mut renamer = Renamer {
            names: &names,
            hidden: &hidden,
            by_value_mut: Vec::new(),
        };
        renamer.visit_pat_mut(pat);
        let renamed = bindings
            .into_iter()
            .map(|(ident, _)| {
                let new = hidden(&ident);
                (ident, new)
            })
            .collect();
        (renamed, renamer.by_value_mut)
    }

    /// Lowers the re-binding `let` of an arm; the user's names take over
    /// what the pattern's bindings were (`bind`).
    pub(crate) fn rebind(&mut self, rebind: Option<Rebind>, bind: &BindAs) {
        let Some(Rebind {
            stmt,
            names,
            checked,
        }) = rebind
        else {
            return;
        };
        // Unchecked, its `let` is the macro's, not the user's: the user's
        // reads of the names went to views of the pattern's bindings.
        self.rebinding = !checked;
        self.lower_stmt(stmt);
        self.rebinding = false;
        for ident in &names {
            let var = self.lookup(ident).expect("a re-bound name is in scope");
            self.vars[var].no_drop |= bind.no_drop;
            self.vars[var].borrows.clone_from(&bind.borrow);
            self.vars[var].may_borrow = bind.may_borrow;
        }
    }
}

/// Whether `pat` binds a name `mut x` (by value).
pub(crate) fn binds_mut_by_value(pat: &syn::Pat) -> bool {
    struct Finder(bool);
    impl<'ast> syn::visit::Visit<'ast> for Finder {
        fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
            self.0 |= p.by_ref.is_none() && p.mutability.is_some();
            syn::visit::visit_pat_ident(self, p);
        }
        fn visit_expr(&mut self, _: &'ast Expr) {}
    }
    let mut f = Finder(false);
    syn::visit::Visit::visit_pat(&mut f, pat);
    f.0
}

/// Whether `pat` may be matched against a reference as written (see
/// [`Builder::guard_views`]): no `ref`, `mut` or `&` in it, which a
/// reference's default binding mode forbids.
pub(crate) fn viewable(pat: &syn::Pat) -> bool {
    struct Viewable(bool);
    impl<'ast> syn::visit::Visit<'ast> for Viewable {
        fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
            self.0 &= p.by_ref.is_none() && p.mutability.is_none();
            syn::visit::visit_pat_ident(self, p);
        }
        fn visit_pat_reference(&mut self, _: &'ast syn::PatReference) {
            self.0 = false;
        }
        fn visit_expr(&mut self, _: &'ast Expr) {}
    }
    let mut v = Viewable(true);
    syn::visit::Visit::visit_pat(&mut v, pat);
    v.0
}

/// The bindings a suspending guard names, each with the name its
/// reference has in the pattern matched by reference.
pub(crate) struct Views(Vec<(Ident, Ident)>);

impl Views {
    /// The names of the bindings the guard reads.
    pub(crate) fn names(&self) -> Vec<Ident> {
        self.0.iter().map(|(name, _)| name.clone()).collect()
    }
}

impl Builder {
    /// A `match` arm whose guard suspends and whose pattern binds by value.
    /// rustc's guard sees the bindings without moving them, so that a
    /// later arm still matches the whole value; the guard's code here is
    /// a piece of the body of its own. So the arm first matches the
    /// scrutinee by reference, with every binding renamed (the returned
    /// pattern), and the guard sees a view of each binding it names:
    /// the value for a `Copy` one, as in rustc, a reference otherwise
    /// (`__coro_rt::GuardView`). The body matches the value again, by
    /// value.
    pub(crate) fn guard_views(&mut self, pat: &syn::Pat, guard: &Expr) -> (syn::Pat, Views) {
        let mut viewed = pat.clone();
        // A viewable pattern has no `mut` to lose.
        let (renamed, _) = self.rename_pattern(&mut viewed, "view");
        (viewed, Views(named_by(guard, renamed)))
    }

    /// Declares the views of [`Builder::guard_views`]: nothing to drop. A
    /// view hides a local of the same name as a shadowing `let` does, and
    /// like one, stashes it first.
    pub(crate) fn bind_views(&mut self, views: Views) {
        for (name, reference) in views.0 {
            self.stash_shadowed(&[(name.clone(), false)]);
            let view = view_of(quote!(#reference));
            self.emit(quote!(#[allow(unused_variables)] let #name = #view;));
            let var = self.declare_binding(name, false);
            self.vars[var].no_drop = true;
        }
    }
}

/// The pairs of `renamed` (a binding's name, its new one) whose name
/// `guard` may mention.
fn named_by(guard: &Expr, renamed: Vec<(Ident, Ident)>) -> Vec<(Ident, Ident)> {
    let tokens = guard.to_token_stream();
    renamed
        .into_iter()
        .filter(|(name, _)| mentions(tokens.clone(), &[name.to_string()]))
        .collect()
}

/// How a guard sees a binding it reaches through `reference`: the value
/// of a `Copy` one, a reference otherwise (`__coro_rt::GuardView`).
fn view_of(reference: TokenStream) -> TokenStream {
    quote!({
        use __coro_rt::{GuardViewCopy as _, GuardViewRef as _};
        (&&__coro_rt::GuardView(#reference)).__coro_view()
    })
}

/// Renames the bindings called one of `names`; the `mut` of a by-value
/// binding moves to the `let` (a `ref mut` stays).
struct Renamer<'a> {
    names: &'a [String],
    hidden: &'a dyn Fn(&Ident) -> Ident,
    /// The names bound `mut x`, with their `mut`.
    by_value_mut: Vec<MutBinding>,
}

impl VisitMut for Renamer<'_> {
    fn visit_pat_ident_mut(&mut self, p: &mut syn::PatIdent) {
        if self.names.iter().any(|n| p.ident == n) {
            if p.by_ref.is_none()
                && let Some(m) = p.mutability.take()
            {
                self.by_value_mut.push((p.ident.clone(), m));
            }
            p.ident = (self.hidden)(&p.ident);
        }
        if let Some((_, sub)) = &mut p.subpat {
            self.visit_pat_mut(sub);
        }
    }

    // `Point { x, .. }` binds `x` to the field `x`: once renamed, the field
    // must be spelled out (`Point { x: __coro_arm3_x, .. }`).
    fn visit_field_pat_mut(&mut self, f: &mut syn::FieldPat) {
        if f.colon_token.is_none() {
            f.colon_token = Some(Default::default());
        }
        visit_mut::visit_field_pat_mut(self, f);
    }

    fn visit_expr_mut(&mut self, _: &mut Expr) {}
}
