//! The holes the lowering left in the arms' code, filled now that the
//! liveness analysis has decided what crosses each transition:
//! `__coro_hole_N` (transition `N`: what it carries, into the frame at a
//! suspension point or into the step at a goto), `__coro_stash_N` and
//! `__coro_slotdecl_N` (a shadowed local kept in a slot until a transition
//! carries it), `__coro_uninit_N` (a `let x;`, written only if its arm uses
//! it) and `__coro_rebind_B_D` (the locals of the scope at depth `D`,
//! re-bound where arm `B` re-opens it).

use proc_macro2::{Group, Ident, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use crate::analyse::{self, Source};
use crate::emit::enums::Field;
use crate::emit::{Emitter, shadowed_at_entry};
use crate::lower::{
    BlockId, BlockKind, Builder, CheckAt, KeptClosure, Payload, Stash, VarId, hole_id, slot_ident,
};

impl Emitter<'_> {
    /// Replaces the holes of an arm's code.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn fill(
        &self,
        block: BlockId,
        code: &TokenStream,
        frame_var: &Ident,
        frame: &TokenStream,
        step: &TokenStream,
        step_var: &Ident,
        exit: &dyn Fn(BlockId) -> TokenStream,
    ) -> TokenStream {
        let fill =
            |tokens: &TokenStream| self.fill(block, tokens, frame_var, frame, step, step_var, exit);
        substitute(code.clone(), &mut |ident: &Ident| {
            let name = ident.to_string();
            if let Some(id) = hole_id(&name) {
                let t = &self.b.transitions[id];
                let target = t.target;
                let label = self.label(target);
                // What the transition has of a local the target receives as
                // an `Option`.
                let maybe_value = |v: VarId| {
                    let flagged = self.live.maybe[block].contains(&v);
                    match analyse::source_state(self.b, self.live, flagged, t, v) {
                        Source::Flagged => {
                            let local = maybe_ident(self.b, v);
                            quote!(#local)
                        }
                        Source::Holds => {
                            let local = self.moved_name(block, v, t.seq);
                            quote!(__coro_rt::Option::Some(#local))
                        }
                        Source::Moved => quote!(__coro_rt::Option::None),
                    }
                };
                // A closure kept only to be dropped goes before the
                // awaited, yielded or carried value is evaluated, unless
                // that value names it: its borrows end there, not after
                // the value (`ready(n).await` with `|| n += 1` alive).
                let payload = match &t.payload {
                    Payload::Await(op) | Payload::Yield(op) => Some(op),
                    Payload::Goto(value) => value.as_ref(),
                };
                let mut early = Vec::new();
                // (field, value) pairs: plain in a step, in `Slot`s in the frame.
                let carried: Vec<(TokenStream, TokenStream)> = self
                    .received(target)
                    .iter()
                    .map(|f| {
                        let field = self.field_ident(f);
                        let value = match *f {
                            Field::Maybe(v) => maybe_value(v),
                            Field::Var(v) => {
                                let local = self.moved_name(block, v, t.seq);
                                // Kept once, where it is declared: later arms
                                // receive it kept already.
                                let kept =
                                    self.live.kept.contains(&v) && self.b.vars[v].block == block;
                                let closure = self.b.vars[v].kept_closure().filter(|_| kept);
                                // See `__coro_rt::closure_dropped`.
                                let drop = match closure {
                                    Some(KeptClosure::DroppedNow(span)) => {
                                        Some((span, quote_spanned!(span=> closure_dropped)))
                                    }
                                    Some(KeptClosure::DroppedIfCopy(span)) => {
                                        Some((span, quote_spanned!(span=> closure_dropped_if_copy)))
                                    }
                                    _ => None,
                                };
                                let name = &self.b.vars[v].name;
                                if let Some((span, drop)) = drop {
                                    if payload.is_some_and(|p| mentions(p, name)) {
                                        quote_spanned!(span=> __coro_rt::#drop(#local))
                                    } else {
                                        // Naming `_f` is no use of it (clippy's
                                        // pedantic `used_underscore_binding`).
                                        let allow = name.starts_with('_').then(
                                            || quote!(#[allow(clippy::used_underscore_binding)]),
                                        );
                                        early.push(quote_spanned!(span=>
                                            #allow __coro_rt::#drop(#local);
                                        ));
                                        quote_spanned!(span=> ())
                                    }
                                } else if kept {
                                    // A closure's error (not `Copy`) at the closure.
                                    let span = match closure {
                                        Some(KeptClosure::Keep(span)) => span,
                                        _ => Span::call_site(),
                                    };
                                    quote_spanned!(span=>
                                        (&&&__coro_rt::Keep::new(#local)).__coro_kept()
                                    )
                                } else {
                                    at_suspension(local, t)
                                }
                            }
                            _ => unreachable!("a block receives locals only"),
                        };
                        (quote!(#field), value)
                    })
                    .collect();
                // A split local (see `Shape`) goes to the target's `store_`
                // helper as an `Option`, which picks the frame variant.
                let split = self.split_vars(target);
                let split_values: Vec<TokenStream> =
                    split.iter().map(|&v| maybe_value(v)).collect();
                let underscore = self.live.carried[target]
                    .iter()
                    .chain(&self.live.maybe[target])
                    .any(|&v| {
                        let name = self.b.vars[v].ident.to_string();
                        self.b.vars[v].user && name.starts_with('_') && !name.starts_with("__coro_")
                    });
                // Into the frame's `Slot`s through a few calls (see
                // `__coro_rt::slots`), bound first: `slots` then the frame.
                // `first`: the awaitee, if any.
                let store_frame = |first: Option<&Ident>| {
                    if !split.is_empty() {
                        let helper = self.store_helper(target);
                        let values = carried.iter().map(|(_, v)| v);
                        let awaitee = first.map(|a| quote!(#a,));
                        let call = quote! {
                            *#frame_var = #frame::#helper(#awaitee #(#values,)* #(#split_values),*)
                        };
                        return if underscore {
                            quote!(#[allow(clippy::used_underscore_binding)] { #call; })
                        } else {
                            quote!(#call;)
                        };
                    }
                    let slotted: Vec<Ident> = (0..carried.len())
                        .map(|i| Ident::new(&format!("__coro_s{i}"), Span::mixed_site()))
                        .collect();
                    let values: Vec<&TokenStream> = carried.iter().map(|(_, v)| v).collect();
                    let slot_lets = super::slot_calls("slots", &slotted, &values);
                    let slot_lets = if underscore {
                        quote!(#(#[allow(clippy::used_underscore_binding)] #slot_lets)*)
                    } else {
                        quote!(#(#slot_lets)*)
                    };
                    let fields = carried
                        .iter()
                        .zip(&slotted)
                        .map(|((f, _), s)| quote!(#f: #s));
                    let first = first.map(|a| quote!(awaitee: #a,));
                    quote! {
                        #slot_lets
                        *#frame_var = #frame::#label { #first #(#fields),* };
                    }
                };
                // `hist` rather than `hist: hist` where the local has the
                // field's name: the value's token, so that it keeps the
                // user's span (and hygiene) for the lookup of the local.
                let in_step = carried.iter().map(|(f, v)| {
                    if f.to_string() == v.to_string() {
                        quote!(#v)
                    } else {
                        quote!(#f: #v)
                    }
                });
                let span = t.span;
                // Moving `_x` into the frame or a step is not a use of `_x`
                // (clippy's pedantic `used_underscore_binding`); the allow
                // goes on the `let` of the `slots` call, or on a block of
                // its own around the step, so that only the move is in it.
                let store = |assign: TokenStream| {
                    if underscore {
                        quote!(#[allow(clippy::used_underscore_binding)] { #assign; })
                    } else {
                        quote!(#assign;)
                    }
                };
                return Some(match &t.payload {
                    Payload::Await(op) => {
                        let op = fill(op);
                        let awaitee = quote_spanned!(span=> __coro_rt::awaitee(#op));
                        // The awaitee first: its expression may use a
                        // local that goes into the frame after it.
                        let local = Ident::new("__coro_awaitee", Span::mixed_site());
                        let store = store_frame(Some(&local));
                        quote!({
                            #(#early)*
                            let #local = #awaitee;
                            #store
                            return __coro_rt::Next::Suspended;
                        })
                    }
                    Payload::Yield(op) => {
                        let op = fill(op);
                        let y = self.args.yield_ty.as_ref().expect("yield type");
                        let yielded = Ident::new("__coro_yielded", Span::mixed_site());
                        let out = quote!(__coro_rt::Next::Yield(#yielded));
                        let typed = quote_spanned!(op.span()=> let #yielded: #y = #op;);
                        let store = store_frame(None);
                        quote!({
                            #(#early)*
                            #typed
                            #store
                            return #out;
                        })
                    }
                    Payload::Goto(value) => {
                        let local = Ident::new("__coro_value", Span::mixed_site());
                        let mut eval = quote!();
                        let value = match (&self.b.blocks[target].kind, value) {
                            (
                                BlockKind::Join {
                                    takes_value: true, ..
                                },
                                Some(v),
                            ) => {
                                let v = fill(v);
                                if underscore {
                                    eval =
                                        quote!(#[allow(clippy::let_unit_value)] let #local = #v;);
                                    quote!(value: #local,)
                                } else {
                                    quote!(value: #v,)
                                }
                            }
                            (
                                BlockKind::Join {
                                    takes_value: true, ..
                                },
                                None,
                            ) => quote!(value: (),),
                            _ => quote!(),
                        };
                        let exit = exit(target);
                        let store =
                            store(quote!(#step_var = #step::#label { #value #(#in_step),* }));
                        quote!({
                            #(#early)*
                            #eval
                            #store
                            #exit;
                        })
                    }
                });
            }
            if let Some(n) = name.strip_prefix("__coro_stash_") {
                let stash = &self.b.stashes[n.parse::<usize>().ok()?];
                if !self.stash_needed(stash) {
                    return Some(quote!());
                }
                let slot = slot_ident(stash.var);
                let local = self.name_in(block, stash.var);
                return Some(quote!(#slot = __coro_rt::Option::Some(#local);));
            }
            if let Some(v) = name.strip_prefix("__coro_uninit_") {
                let v: VarId = v.parse().ok()?;
                let var = &self.b.vars[v];
                let used_here = self
                    .b
                    .events
                    .iter()
                    .filter(|e| e.var == v && e.block == var.block)
                    .count()
                    > 1;
                if !used_here {
                    return Some(quote!());
                }
                let (local, mutability) = (&var.ident, var.mutable.then(|| quote!(mut)));
                let ty = var.declared_ty.as_ref().map(|ty| quote!(: #ty));
                let slot = self.slot_decl(v, block);
                return Some(quote!(#[allow(unused_mut)] let #mutability #local #ty; #slot));
            }
            if let Some(n) = name.strip_prefix("__coro_unread_") {
                let check = &self.b.unread_checks[n.parse::<usize>().ok()?];
                let unread: Vec<&TokenStream> = check
                    .vars
                    .iter()
                    .filter(|&&(v, _)| {
                        !self.b.vars[v].name.starts_with('_')
                            && !self.b.events.iter().any(|e| e.var == v)
                            // An arm's binding that no later piece receives
                            // is unused in rustc's eyes already.
                            && (check.at != CheckAt::Arm || self.crosses(v))
                    })
                    .map(|(_, written)| written)
                    .collect();
                let mut lints = Vec::new();
                if unread.is_empty() {
                    // A local assigned again before it is read, in a later
                    // piece that declares it anew: its first value is not
                    // read where this `let` is, and rustc would call the
                    // local unused (its own word is "value assigned is
                    // never read", which the rewrite cannot give).
                    let redeclared = check
                        .vars
                        .iter()
                        .any(|(v, _)| self.live.redeclared.iter().any(|r| r.contains(v)));
                    if redeclared {
                        lints.push(quote!(unused_variables));
                    }
                } else {
                    lints.push(quote!(unused_variables));
                }
                // A `mut` local that a later piece re-binds may be mutated
                // there only; one that never leaves this piece is judged by
                // rustc on this `let` alone, as in an `async fn`. Unread, it
                // gets `unused_mut` on the unit binding below instead.
                let mutable = |&(v, _): &(VarId, TokenStream)| self.b.vars[v].mutable;
                if !unread.is_empty() && check.vars.iter().any(mutable)
                    || check.vars.iter().any(|e| mutable(e) && self.crosses(e.0))
                {
                    lints.push(quote!(unused_mut));
                }
                let allow = ((check.at == CheckAt::Let) && !lints.is_empty())
                    .then(|| quote!(#[allow(#(#lints),*)]));
                if unread.is_empty() {
                    return Some(quote!(#allow));
                }
                let attrs = &check.attrs;
                return Some(quote! {
                    #attrs { #(#[allow(clippy::let_unit_value)] let #unread = ();)* }
                    #allow
                });
            }
            if let Some(v) = name.strip_prefix("__coro_slotdecl_") {
                let v: VarId = v.parse().ok()?;
                return Some(self.slot_decl(v, block));
            }
            if let Some(rest) = name.strip_prefix("__coro_rebind_") {
                let (b, depth) = rest.split_once('_')?;
                let (b, depth): (BlockId, usize) = (b.parse().ok()?, depth.parse().ok()?);
                let scope = self.b.blocks[b].scopes[depth];
                let mut lets = Vec::new();
                // Received, received as an `Option` (a drop flag), or
                // declared again uninitialised: all in declaration order,
                // which is their drop order.
                #[derive(Clone, Copy)]
                enum As {
                    Received,
                    Flagged,
                    Redeclared,
                }
                let of = |set: &[VarId], how: As| {
                    set.iter()
                        .copied()
                        .filter(|&v| self.b.vars[v].scope == scope)
                        .map(move |v| (v, how))
                        .collect::<Vec<_>>()
                };
                let mut in_scope = of(&self.live.carried[b], As::Received);
                in_scope.extend(of(&self.live.maybe[b], As::Flagged));
                in_scope.extend(of(&self.live.redeclared[b], As::Redeclared));
                in_scope.sort_by_key(|&(v, _)| self.b.vars[v].decl);
                for (v, how) in in_scope {
                    let var = &self.b.vars[v];
                    let mutability = var.mutable.then(|| quote!(mut));
                    match how {
                        As::Flagged => {
                            // The value, if no path moved it, dropped with
                            // the scope where the local would have been.
                            // `__coro_maybe_..`: no lint looks at it.
                            let local = maybe_ident(self.b, v);
                            let value = hidden_maybe_ident(self.b, v);
                            lets.push(quote!(let #local = #value;));
                        }
                        As::Received => {
                            let local = self.name_in(b, v);
                            let value = hidden_ident(self.b, v);
                            let allow = rebinding_allows(&local, var.mutable);
                            lets.push(quote!(#allow let #mutability #local = #value;));
                            lets.push(self.slot_decl(v, b));
                        }
                        As::Redeclared => {
                            let local = &var.ident;
                            let allow = rebinding_allows(local, var.mutable);
                            let ty = var.declared_ty.as_ref().map(|ty| quote!(: #ty));
                            lets.push(quote!(#allow let #mutability #local #ty;));
                            lets.push(self.slot_decl(v, b));
                        }
                    }
                }
                return Some(quote!(#(#lets)*));
            }
            None
        })
    }

    /// Whether a piece of the body other than the one declaring `v`
    /// re-binds it (carried there, behind a drop flag, or declared anew).
    fn crosses(&self, v: VarId) -> bool {
        let l = self.live;
        (0..self.b.blocks.len()).any(|b| {
            l.carried[b].contains(&v) || l.maybe[b].contains(&v) || l.redeclared[b].contains(&v)
        })
    }

    /// Whether arm `arm` stashes `v` before moving it into the frame.
    fn needs_slot(&self, v: VarId, arm: BlockId) -> bool {
        self.b
            .stashes
            .iter()
            .any(|s| s.var == v && s.arm == arm && self.stash_needed(s))
    }

    /// Whether a transition the stash covers carries its local.
    fn stash_needed(&self, s: &Stash) -> bool {
        self.b.transitions.iter().any(|t| {
            s.covers(&self.b.scopes, t.from, t.seq) && self.live.carried[t.target].contains(&s.var)
        })
    }

    fn slot_decl(&self, v: VarId, arm: BlockId) -> TokenStream {
        if !self.needs_slot(v, arm) {
            return quote!();
        }
        let slot = slot_ident(v);
        quote!(#[allow(unused_mut, unused_assignments)] let mut #slot = __coro_rt::Option::None;)
    }

    /// How a transition at `seq` in arm `block` moves `v` into the frame.
    fn moved_name(&self, block: BlockId, v: VarId, seq: usize) -> TokenStream {
        // A transition the stash covers carries `v`: it needed the stash.
        let stashed = self
            .b
            .stashes
            .iter()
            .any(|s| s.var == v && s.covers(&self.b.scopes, block, seq));
        if stashed {
            let slot = slot_ident(v);
            quote!(__coro_rt::Option::unwrap(#slot))
        } else {
            let name = self.name_in(block, v);
            quote!(#name)
        }
    }

    /// How arm `block`'s code names local `v`.
    fn name_in(&self, block: BlockId, v: VarId) -> Ident {
        let var = &self.b.vars[v];
        let restored = self.live.carried[block].contains(&v);
        if restored && var.user && shadowed_at_entry(self.b, block, v) {
            format_ident!("__coro_shadowed_{}", var.field, span = Span::mixed_site())
        } else {
            var.ident.clone()
        }
    }
}

/// The lints a re-binding of a local where a piece of the body re-opens
/// its scope must not trip, and only those: the attributes are a good part
/// of an expansion's tokens. The piece may not use the local at all (it
/// only returns early, say) nor mutate a `mut` one; a `_`-prefixed local
/// (a guard kept for its drop) is a binding clippy's pedantic
/// `no_effect_underscore_binding` would question. `unused_variables`
/// already passes over `_` names, ours (`__coro_shadowed_..`) included.
fn rebinding_allows(local: &Ident, mutable: bool) -> TokenStream {
    let name = local.to_string();
    let mut lints = Vec::new();
    // `__coro_self` too: it keeps the span of the user's `self`.
    if name.starts_with('_') {
        lints.push(quote!(clippy::no_effect_underscore_binding));
    } else {
        lints.push(quote!(unused_variables));
    }
    if mutable {
        lints.push(quote!(unused_mut));
    }
    if lints.is_empty() {
        quote!()
    } else {
        quote!(#[allow(#(#lints),*)])
    }
}

pub(super) fn hidden_ident(b: &Builder, v: VarId) -> Ident {
    format_ident!("__coro_h_{}", b.vars[v].field, span = Span::mixed_site())
}

pub(super) fn hidden_maybe_ident(b: &Builder, v: VarId) -> Ident {
    format_ident!("__coro_hm_{}", b.vars[v].field, span = Span::mixed_site())
}

/// How arms name a local received as an `Option`.
fn maybe_ident(b: &Builder, v: VarId) -> Ident {
    format_ident!(
        "__coro_maybe_{}",
        b.vars[v].field,
        span = Span::mixed_site()
    )
}

fn substitute(
    tokens: TokenStream,
    f: &mut dyn FnMut(&Ident) -> Option<TokenStream>,
) -> TokenStream {
    let mut out = TokenStream::new();
    for tt in tokens {
        match tt {
            TokenTree::Ident(ref ident) => match f(ident) {
                Some(replacement) => out.extend(replacement),
                None => out.extend([tt]),
            },
            TokenTree::Group(g) => {
                let mut group = Group::new(g.delimiter(), substitute(g.stream(), f));
                group.set_span(g.span());
                out.extend([TokenTree::Group(group)]);
            }
            other => out.extend([other]),
        }
    }
    out
}

/// Whether `tokens` name `name` (anywhere, in groups too).
fn mentions(tokens: &TokenStream, name: &str) -> bool {
    tokens.clone().into_iter().any(|tt| match tt {
        TokenTree::Ident(i) => i == name,
        TokenTree::Group(g) => mentions(&g.stream(), name),
        _ => false,
    })
}

/// A local carried into the frame, written at the suspension point that
/// carries it (hygiene stays the local's): when the awaited call itself
/// moved the local (`s.finish().await` with `finish(self)`, which the macro
/// took as a borrow), rustc's "value used here after move" then points at
/// the `.await` rather than at the local's declaration.
fn at_suspension(local: TokenStream, t: &crate::lower::Transition) -> TokenStream {
    if !matches!(t.payload, Payload::Await(_) | Payload::Yield(_)) {
        return local;
    }
    local
        .into_iter()
        .map(|tt| match tt {
            TokenTree::Ident(mut ident) => {
                ident.set_span(t.span.resolved_at(ident.span()));
                TokenTree::Ident(ident)
            }
            other => other,
        })
        .collect()
}
