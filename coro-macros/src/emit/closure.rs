//! The resume closure (poll in place, then run the arm of the step) and the
//! probe closure behind `Trace::awaitee`; the holes of the arms' code are
//! filled here, now that the liveness analysis has decided what crosses.

use proc_macro2::{Group, Ident, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use super::{Emitter, shadowed_at_entry, stages};
use crate::analyse::{self, Source};
use crate::args::Kind;
use crate::lower::{BlockId, BlockKind, Builder, Payload, SuspendKind, VarId, slot_ident};

/// The generated enums a closure refers to, with their numbers of generic
/// parameters (the closures name them as `Enum<_, _, ..>`).
#[derive(Clone, Copy)]
pub(super) struct EnumNames<'a> {
    pub frame: &'a TokenStream,
    pub step: &'a TokenStream,
    pub ready: &'a TokenStream,
    pub frame_generics: usize,
    pub ready_generics: usize,
}

impl Emitter<'_> {
    pub(super) fn underscores(n: usize) -> TokenStream {
        if n == 0 {
            return quote!();
        }
        let u = (0..n).map(|_| quote!(_));
        quote!(<#(#u),*>)
    }

    pub(super) fn resume_closure(
        &self,
        enums: &EnumNames<'_>,
        suspensions: &[BlockId],
        reached: &[BlockId],
    ) -> (TokenStream, TokenStream) {
        let EnumNames {
            frame,
            step,
            ready: ready_enum,
            frame_generics: n_generics,
            ready_generics: n_ready_generics,
        } = *enums;
        let frame_var = Ident::new("__coro_frame", Span::mixed_site());
        let input = Ident::new("__coro_input", Span::mixed_site());
        let step_var = Ident::new("__coro_step", Span::mixed_site());
        let ready = Ident::new("__coro_ready", Span::mixed_site());
        let value = Ident::new("__coro_value", Span::mixed_site());
        let has_awaits = suspensions.iter().any(|&b| {
            matches!(
                self.b.blocks[b].kind,
                BlockKind::Resume {
                    kind: SuspendKind::Await,
                    ..
                }
            )
        });
        let has_gotos = self
            .b
            .transitions
            .iter()
            .any(|t| matches!(t.payload, Payload::Goto(_)));
        let frame_ty = {
            let u = Self::underscores(n_generics);
            quote!(#frame #u)
        };

        // `enter`: poll the awaitee in place (or take the resume argument),
        // and tag what it gave with the resume point.
        let ready_ty = {
            let u = Self::underscores(n_ready_generics);
            quote!(#ready_enum #u)
        };
        let enter_arms = suspensions.iter().map(|&block| {
            let label = self.label(block);
            match &self.b.blocks[block].kind {
                BlockKind::Resume { kind: SuspendKind::Await, span, .. } => {
                    let bind = Ident::new("__coro_awaitee", *span);
                    let poll = quote_spanned!(*span=> ::coro_runtime::__private::poll_awaitee(#bind, #input));
                    quote! {
                        #frame::#label { awaitee: #bind, .. } => match #poll {
                            ::core::task::Poll::Ready(#ready) => #ready_enum::#label(#ready),
                            ::core::task::Poll::Pending => return ::core::task::Poll::Pending,
                        }
                    }
                }
                BlockKind::Resume { kind: SuspendKind::Yield, .. } => {
                    let arg = match self.kind {
                        Kind::Generator => quote!(#input),
                        _ => quote!(()),
                    };
                    quote!(#frame::#label { .. } => #ready_enum::#label(#arg))
                }
                _ => quote!(#frame::#label { .. } => #ready_enum::#label),
            }
        });
        let name = quote!(::coro_runtime::__private::frame_name(#frame_var));
        let frame_match = quote! {
            match #frame_var {
                #(#enter_arms,)*
                #frame::Done => #ready_enum::Done,
                #frame::Poisoned => ::coro_runtime::__private::resumed_after_panic(#name),
            }
        };

        // `run`, first: which resume point, with what the awaitee gave. The
        // locals stay in the frame until that point's stage takes them: in
        // a step of their own they would cost a copy each, and rustc would
        // carry the obligations of `Slot::into_inner` on their yet unknown
        // types through the whole closure.
        let ready_var = Ident::new("__coro_readied", Span::mixed_site());
        let take_arms = suspensions.iter().map(|&block| {
            let label = self.label(block);
            match &self.b.blocks[block].kind {
                BlockKind::Start => quote!(#ready_enum::Start => #step::Start {}),
                BlockKind::Resume { .. } => {
                    quote!(#ready_enum::#label(#ready) => #step::#label { ready: #ready })
                }
                BlockKind::Join { .. } => unreachable!(),
            }
        });
        let take_step = quote!(match #ready_var {
            #(#take_arms,)*
            #ready_enum::Done => return ::coro_runtime::__private::Next::Finished,
        });

        // The arms: the user's code with holes filled, each a stage of the
        // dispatch laid out by `stages::plan`. `exit` says how a goto leaves
        // its stage for its target: `break` to a later stage, `continue` of
        // the loop around both for an earlier one, `break` out of that loop.
        let arm = |block: BlockId, exit: &dyn Fn(BlockId) -> TokenStream| {
            let label = self.label(block);
            let mut pattern = Vec::new();
            match &self.b.blocks[block].kind {
                BlockKind::Resume { .. } => pattern.push(quote!(ready: #ready)),
                BlockKind::Join {
                    takes_value: true, ..
                } => pattern.push(quote!(value: #value)),
                _ => {}
            }
            let mut received = Vec::new();
            for &v in &self.live.carried[block] {
                let field = &self.b.vars[v].field;
                received.push((quote!(#field), hidden_ident(self.b, v)));
            }
            for &v in &self.live.maybe[block] {
                let field = self.maybe_field(v);
                received.push((quote!(#field), hidden_maybe_ident(self.b, v)));
            }
            let fields = received.iter().map(|(f, h)| quote!(#f: #h));
            // A resume point's locals come straight from the frame (the
            // finished awaitee is dropped with the rest of the old frame, at
            // the end of the `let`, before any of the user's code); a join's
            // come in the step.
            let take = if self.is_suspension(block) && received.is_empty() {
                quote!(*#frame_var = #frame::Done;)
            } else if self.is_suspension(block) {
                // Still in their `Slot`s: each comes out where its scope
                // rebinds it (see `__coro_rebind_`).
                quote! {
                    let #frame::#label { #(#fields,)* .. } =
                        ::core::mem::replace(#frame_var, #frame::Done)
                    else {
                        ::core::unreachable!()
                    };
                }
            } else {
                pattern.extend(fields);
                quote!()
            };
            let code = self.fill(
                block,
                &self.b.blocks[block].code,
                &frame_var,
                frame,
                step,
                &step_var,
                exit,
            );
            quote!(#step::#label { #(#pattern),* } => { #take #code })
        };
        let items = &self.b.items;
        let yield_uses = self.b.yield_paths.iter().map(|path| quote!(#path!(@used);));
        let gotos: Vec<(BlockId, BlockId)> = self
            .b
            .transitions
            .iter()
            .filter(|t| matches!(t.payload, Payload::Goto(_)) && reached.contains(&t.from))
            .map(|t| (t.from, t.target))
            .collect();
        let dispatch = if has_gotos {
            let stage_label = syn::Lifetime::new("'__coro_stage", Span::mixed_site());
            let loop_label = syn::Lifetime::new("'__coro_loop", Span::mixed_site());
            let stage = |block: BlockId, exit: &dyn Fn(BlockId) -> TokenStream| {
                let arm = arm(block, exit);
                quote! {
                    #[allow(unreachable_code)]
                    #stage_label: {
                        match #step_var {
                            #arm
                            _ => {}
                        }
                    }
                }
            };
            let units = stages::plan(reached, &gotos)
                .into_iter()
                .map(|unit| match unit {
                    stages::Unit::Stage(b) => stage(b, &|_| quote!(break #stage_label)),
                    stages::Unit::Loop(arms) => {
                        let body = arms.iter().enumerate().map(|(i, &b)| {
                            stage(b, &|target| {
                                if arms[..=i].contains(&target) {
                                    quote!(continue #loop_label)
                                } else if arms[i + 1..].contains(&target) {
                                    quote!(break #stage_label)
                                } else {
                                    quote!(break #loop_label)
                                }
                            })
                        });
                        // A step for a later unit falls through every stage.
                        quote! {
                            #[allow(unreachable_code)]
                            #loop_label: loop {
                                #(#body)*
                                break #loop_label;
                            }
                        }
                    }
                });
            quote! {
                #[allow(unused_mut)]
                let mut #step_var = #take_step;
                #(#units)*
                #[allow(unreachable_code)]
                ::core::unreachable!()
            }
        } else {
            let arms = reached.iter().map(|&b| arm(b, &|_| quote!()));
            quote! {
                let #step_var = #take_step;
                match #step_var {
                    #(#arms)*
                }
            }
        };
        let output = &self.sig.output;
        let output = if self.sig.output_is_opaque {
            quote!(_)
        } else {
            quote!(#output)
        };
        let (input_ty, enter_ret, enter_body, run_ret) = match self.kind {
            Kind::Coro => (
                quote!(&mut ::core::task::Context<'_>),
                quote!(::core::task::Poll<#ready_ty>),
                quote!(::core::task::Poll::Ready(#frame_match)),
                quote!(::coro_runtime::__private::Next<::core::convert::Infallible, #output>),
            ),
            Kind::Generator => {
                let y = self.args.yield_ty.as_ref().unwrap();
                let a = self
                    .args
                    .resume_ty
                    .as_ref()
                    .map_or_else(|| quote!(()), |a| quote!(#a));
                (
                    a,
                    ready_ty.clone(),
                    frame_match,
                    quote!(::coro_runtime::__private::Next<#y, #output>),
                )
            }
            Kind::AsyncIter => {
                let y = self.args.yield_ty.as_ref().unwrap();
                (
                    quote!(&mut ::core::task::Context<'_>),
                    quote!(::core::task::Poll<#ready_ty>),
                    quote!(::core::task::Poll::Ready(#frame_match)),
                    quote!(::coro_runtime::__private::Next<#y, ()>),
                )
            }
        };
        let input_used = match self.kind {
            Kind::Generator => suspensions
                .iter()
                .any(|&b| matches!(self.b.blocks[b].kind, BlockKind::Resume { .. })),
            _ => has_awaits,
        };
        let input_pat = if input_used {
            quote!(#input)
        } else {
            quote!(_)
        };
        let enter = quote! {
            |#frame_var: &mut #frame_ty, #input_pat: #input_ty| -> #enter_ret {
                #enter_body
            }
        };
        let run = quote! {
            |#frame_var: &mut #frame_ty, #ready_var: #ready_ty| -> #run_ret {
                #(#items)*
                #(#yield_uses)*
                #dispatch
            }
        };
        (enter, run)
    }

    pub(super) fn probe_closure(
        &self,
        frame: &TokenStream,
        n_generics: usize,
        suspensions: &[BlockId],
    ) -> TokenStream {
        let awaits: Vec<Ident> = suspensions
            .iter()
            .copied()
            .filter(|&b| {
                matches!(
                    self.b.blocks[b].kind,
                    BlockKind::Resume {
                        kind: SuspendKind::Await,
                        ..
                    }
                )
            })
            .map(|b| self.label(b))
            .collect();
        let u = Self::underscores(n_generics);
        let frame_ty = quote!(#frame #u);
        let arg = Ident::new("__coro_frame", Span::mixed_site());
        if awaits.is_empty() {
            return quote!(|_: &#frame_ty| ::core::option::Option::None);
        }
        quote! {
            |#arg: &#frame_ty| {
                #[allow(unused_imports)]
                use ::coro_runtime::__private::{ProbeNoTrace as _, ProbeTrace as _};
                match #arg {
                    #(#frame::#awaits { awaitee, .. } => (&::coro_runtime::__private::Probe(::coro_runtime::__private::Slot::get(awaitee))).trace(),)*
                    _ => ::core::option::Option::None,
                }
            }
        }
    }

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
            if let Some(n) = name.strip_prefix("__coro_hole_") {
                let t = &self.b.transitions[n.parse::<usize>().ok()?];
                let target = t.target;
                let label = self.label(target);
                // (field, value) pairs: plain in a step, in `Slot`s in the frame.
                let mut carried: Vec<(TokenStream, TokenStream)> = self.live.carried[target]
                    .iter()
                    .map(|&v| {
                        let field = &self.b.vars[v].field;
                        let local = self.moved_name(block, v, t.seq);
                        (quote!(#field), quote!(#local))
                    })
                    .collect();
                for &v in &self.live.maybe[target] {
                    let field = self.maybe_field(v);
                    let flagged = self.live.maybe[block].contains(&v);
                    let value = match analyse::source_state(self.b, self.live, flagged, t, v) {
                        Source::Flagged => {
                            let local = maybe_ident(self.b, v);
                            quote!(#local)
                        }
                        Source::Holds => {
                            let local = self.moved_name(block, v, t.seq);
                            quote!(::core::option::Option::Some(#local))
                        }
                        Source::Moved => quote!(::core::option::Option::None),
                    };
                    carried.push((quote!(#field), value));
                }
                let in_frame: Vec<TokenStream> = carried
                    .iter()
                    .map(|(f, v)| quote!(#f: ::coro_runtime::__private::Slot::new(#v)))
                    .collect();
                let in_step = carried.iter().map(|(f, v)| quote!(#f: #v));
                let span = t.span;
                // Moving `_x` into the frame is not a use of `_x` (clippy's
                // pedantic `used_underscore_binding`); the allow needs a
                // block of its own, and only the move goes in it.
                let underscore = self.live.carried[target]
                    .iter()
                    .chain(&self.live.maybe[target])
                    .any(|&v| {
                        let name = self.b.vars[v].ident.to_string();
                        self.b.vars[v].user && name.starts_with('_') && !name.starts_with("__coro_")
                    });
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
                        let awaitee =
                            quote_spanned!(span=> ::coro_runtime::__private::awaitee(#op));
                        let store = if underscore {
                            let local = Ident::new("__coro_awaitee", Span::mixed_site());
                            let store = store(
                                quote!(*#frame_var = #frame::#label { awaitee: #local, #(#in_frame),* }),
                            );
                            quote!(let #local = #awaitee; #store)
                        } else {
                            store(
                                quote!(*#frame_var = #frame::#label { awaitee: #awaitee, #(#in_frame),* }),
                            )
                        };
                        quote!({
                            #store
                            return ::coro_runtime::__private::Next::Suspended;
                        })
                    }
                    Payload::Yield(op) => {
                        let op = fill(op);
                        let y = self.args.yield_ty.as_ref().expect("yield type");
                        let yielded = Ident::new("__coro_yielded", Span::mixed_site());
                        let out = quote!(::coro_runtime::__private::Next::Yield(#yielded));
                        let typed = quote_spanned!(op.span()=> let #yielded: #y = #op;);
                        let store = store(quote!(*#frame_var = #frame::#label { #(#in_frame),* }));
                        quote!({
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
                            #eval
                            #store
                            #exit;
                        })
                    }
                });
            }
            if let Some(n) = name.strip_prefix("__coro_stash_") {
                let stash = &self.b.stashes[n.parse::<usize>().ok()?];
                if !self.needs_slot(stash.var, stash.arm) {
                    return Some(quote!());
                }
                let slot = slot_ident(stash.var);
                let local = self.name_in(block, stash.var);
                return Some(quote!(#slot = ::core::option::Option::Some(#local);));
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
                return Some(quote!(#[allow(unused_mut)] let #mutability #local;));
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
                let mut in_scope: Vec<VarId> = self.live.carried[b]
                    .iter()
                    .copied()
                    .filter(|&v| self.b.vars[v].scope == scope)
                    .collect();
                in_scope.sort_by_key(|&v| self.b.vars[v].decl);
                let mut in_scope: Vec<(VarId, bool)> =
                    in_scope.into_iter().map(|v| (v, false)).collect();
                in_scope.extend(
                    self.live.maybe[b]
                        .iter()
                        .filter(|&&v| self.b.vars[v].scope == scope)
                        .map(|&v| (v, true)),
                );
                in_scope.sort_by_key(|&(v, _)| self.b.vars[v].decl);
                // A resume point's locals arrive in the frame's `Slot`s.
                let unwrap = |hidden: Ident| {
                    if self.is_suspension(b) {
                        quote!(::coro_runtime::__private::Slot::into_inner(#hidden))
                    } else {
                        quote!(#hidden)
                    }
                };
                for (v, flagged) in in_scope {
                    if flagged {
                        // The value, if no path moved it, dropped with the
                        // scope where the local would have been.
                        let local = maybe_ident(self.b, v);
                        let value = unwrap(hidden_maybe_ident(self.b, v));
                        lets.push(
                            quote!(#[allow(unused_variables, unused_mut)] let #local = #value;),
                        );
                        continue;
                    }
                    let var = &self.b.vars[v];
                    let local = self.name_in(b, v);
                    let value = unwrap(hidden_ident(self.b, v));
                    let mutability = var.mutable.then(|| quote!(mut));
                    lets.push(quote!(#[allow(unused_variables, unused_mut, clippy::let_unit_value, clippy::no_effect_underscore_binding)] let #mutability #local = #value;));
                    lets.push(self.slot_decl(v, b));
                }
                for &v in &self.live.redeclared[b] {
                    let var = &self.b.vars[v];
                    if var.scope == scope {
                        let local = &var.ident;
                        let mutability = var.mutable.then(|| quote!(mut));
                        lets.push(
                            quote!(#[allow(unused_variables, unused_mut)] let #mutability #local;),
                        );
                    }
                }
                return Some(quote!(#(#lets)*));
            }
            None
        })
    }

    /// Whether arm `arm` stashes `v` before moving it into the frame.
    pub(super) fn needs_slot(&self, v: VarId, arm: BlockId) -> bool {
        self.b.stashes.iter().any(|s| {
            s.var == v
                && s.arm == arm
                && self.b.transitions.iter().any(|t| {
                    t.from == arm && t.seq > s.seq && self.live.carried[t.target].contains(&v)
                })
        })
    }

    pub(super) fn slot_decl(&self, v: VarId, arm: BlockId) -> TokenStream {
        if !self.needs_slot(v, arm) {
            return quote!();
        }
        let slot = slot_ident(v);
        quote!(#[allow(unused_mut, unused_assignments)] let mut #slot = ::core::option::Option::None;)
    }

    /// How a transition at `seq` in arm `block` moves `v` into the frame.
    pub(super) fn moved_name(&self, block: BlockId, v: VarId, seq: usize) -> TokenStream {
        let stashed = self
            .b
            .stashes
            .iter()
            .any(|s| s.var == v && s.arm == block && s.seq < seq)
            && self.needs_slot(v, block);
        if stashed {
            let slot = slot_ident(v);
            quote!(::core::option::Option::unwrap(#slot))
        } else {
            let name = self.name_in(block, v);
            quote!(#name)
        }
    }

    /// How arm `block`'s code names local `v`.
    pub(super) fn name_in(&self, block: BlockId, v: VarId) -> Ident {
        let var = &self.b.vars[v];
        let restored = self.live.carried[block].contains(&v);
        if restored && var.user && shadowed_at_entry(self.b, block, v) {
            format_ident!("__coro_shadowed_{}", var.field, span = Span::mixed_site())
        } else {
            var.ident.clone()
        }
    }
}

fn hidden_ident(b: &Builder, v: VarId) -> Ident {
    format_ident!("__coro_h_{}", b.vars[v].field, span = Span::mixed_site())
}

fn hidden_maybe_ident(b: &Builder, v: VarId) -> Ident {
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
