//! The resume closure (poll in place, then run the arm of the step) and the
//! probe closure behind `Trace::awaitee`; the holes of the arms' code are
//! filled in [`holes`], now that the liveness analysis has decided what
//! crosses.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};

use self::holes::{hidden_ident, hidden_maybe_ident};
use super::enums::Field;
use super::{Emitter, stages};
use crate::args::Kind;
use crate::lower::{BlockId, BlockKind, Payload, SuspendKind};

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

    /// Whether a resume can jump from one piece of the body to another
    /// (a join): then the stages dispatch on a step, else on the ready
    /// value itself, and there is no step enum.
    pub(super) fn has_gotos(&self) -> bool {
        self.b
            .transitions
            .iter()
            .any(|t| matches!(t.payload, Payload::Goto(_)))
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
        let has_awaits = suspensions.iter().any(|&b| self.is_await(b));
        let has_gotos = self.has_gotos();
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
            // The point's frame variants (see `Shape`), one pattern each.
            let labels: Vec<Ident> = self.shapes(block).into_iter().map(|s| s.label).collect();
            match &self.b.blocks[block].kind {
                BlockKind::Resume {
                    kind: SuspendKind::Await,
                    span,
                    ..
                } => {
                    let bind = Ident::new("__coro_awaitee", *span);
                    let poll = quote_spanned!(*span=> __coro_rt::poll_awaitee(#bind, #input));
                    quote! {
                        #(#frame::#labels { awaitee: #bind, .. })|* => match #poll {
                            __coro_rt::Poll::Ready(#ready) => #ready_enum::#label(#ready),
                            __coro_rt::Poll::Pending => return __coro_rt::Poll::Pending,
                        }
                    }
                }
                BlockKind::Resume {
                    kind: SuspendKind::Yield,
                    ..
                } => {
                    let arg = match self.kind {
                        Kind::Generator => quote!(#input),
                        _ => quote!(()),
                    };
                    quote!(#(#frame::#labels { .. })|* => #ready_enum::#label(#arg))
                }
                _ => quote!(#(#frame::#labels { .. })|* => #ready_enum::#label),
            }
        });
        // `Frame::NAME`, spelled out: a generic call to read it would be one
        // more function per machine for a debug build to compile.
        let fn_name = self.func.sig.ident.to_string();
        let name = quote!(::core::concat!(::core::module_path!(), "::", #fn_name));
        let frame_match = quote! {
            match #frame_var {
                #(#enter_arms,)*
                #frame::Done => #ready_enum::Done,
                #frame::Poisoned => __coro_rt::resumed_after_panic(#name),
            }
        };

        // `run`, first: which resume point, with what the awaitee gave. The
        // locals stay in the frame until that point's stage takes them: in
        // a step of their own they would cost a copy each, and rustc would
        // carry the obligations of `Slot::into_inner` on their yet unknown
        // types through the whole closure. The ready value goes into the
        // step whole (`Resumed`), each stage matching its own resume point
        // in it: one mention of the step enum here, where a variant per
        // resume point cost one per await (see the step enum).
        let ready_var = Ident::new("__coro_readied", Span::mixed_site());
        let take_step = quote!(match #ready_var {
            #ready_enum::Done => return __coro_rt::Next::Finished,
            #ready_var => #step::Resumed(#ready_var),
        });

        // The arms: the user's code with holes filled, each a stage of the
        // dispatch laid out by `stages::plan`. `exit` says how a goto leaves
        // its stage for its target: `break` to a later stage, `continue` of
        // the loop around both for an earlier one, `break` out of that loop.
        let arm = |block: BlockId, exit: &dyn Fn(BlockId) -> TokenStream| {
            let label = self.label(block);
            let mut pattern = Vec::new();
            if let BlockKind::Join {
                takes_value: true, ..
            } = &self.b.blocks[block].kind
            {
                pattern.push(quote!(value: #value));
            }
            let received: Vec<(Ident, Ident)> = self
                .received(block)
                .iter()
                .map(|f| match *f {
                    Field::Var(v) => (self.field_ident(f), hidden_ident(self.b, v)),
                    Field::Maybe(v) => (self.field_ident(f), hidden_maybe_ident(self.b, v)),
                    _ => unreachable!("a block receives locals only"),
                })
                .collect();
            let split = self.split_vars(block);
            let fields = received.iter().map(|(f, h)| quote!(#f: #h));
            // A resume point's locals come straight from the frame (the
            // finished awaitee is dropped with the rest of the old frame, at
            // the end of the `let`, before any of the user's code); a join's
            // come in the step.
            let take = if self.is_suspension(block) && received.is_empty() && split.is_empty() {
                quote!(__coro_rt::take(#frame_var);)
            } else if self.is_suspension(block) && split.is_empty() {
                // Out of their `Slot`s in as few calls as can be (see
                // `__coro_rt::slots`); each is rebound where its scope
                // starts (see `__coro_rebind_`).
                let hidden: Vec<Ident> = received.iter().map(|(_, h)| h.clone()).collect();
                let unslot = slot_calls("unslot", &hidden, &hidden);
                quote! {
                    let #frame::#label { #(#fields,)* .. } = __coro_rt::take(#frame_var) else {
                        ::core::unreachable!()
                    };
                    #(#unslot)*
                }
            } else if self.is_suspension(block) {
                // A variant per combination of the split locals held or
                // moved (see `Shape`): the point's `unpack_` helper gives
                // them back as the `Option`s the code after it uses.
                let hidden = received.iter().map(|(_, h)| h);
                let split_hidden = split.iter().map(|&v| hidden_maybe_ident(self.b, v));
                let helper = self.unpack_helper(block);
                quote! {
                    let (#(#hidden,)* #(#split_hidden,)*) = #frame::#helper(__coro_rt::take(#frame_var));
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
            // Without joins, the stages match the ready value itself.
            let resumed = |ready_pattern: TokenStream| {
                if has_gotos {
                    quote!(#step::Resumed(#ready_pattern))
                } else {
                    ready_pattern
                }
            };
            let step_pattern = match &self.b.blocks[block].kind {
                BlockKind::Start => resumed(quote!(#ready_enum::Start)),
                BlockKind::Resume { .. } => resumed(quote!(#ready_enum::#label(#ready))),
                BlockKind::Join { .. } => quote!(#step::#label { #(#pattern),* }),
            };
            quote!(#step_pattern => { #take #code })
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
                match #ready_var {
                    #ready_enum::Done => return __coro_rt::Next::Finished,
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
                quote!(&mut __coro_rt::Context<'_>),
                quote!(__coro_rt::Poll<#ready_ty>),
                quote!(__coro_rt::Poll::Ready(#frame_match)),
                quote!(__coro_rt::Next<__coro_rt::Infallible, #output>),
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
                    quote!(__coro_rt::Next<#y, #output>),
                )
            }
            Kind::AsyncIter => {
                let y = self.args.yield_ty.as_ref().unwrap();
                (
                    quote!(&mut __coro_rt::Context<'_>),
                    quote!(__coro_rt::Poll<#ready_ty>),
                    quote!(__coro_rt::Poll::Ready(#frame_match)),
                    quote!(__coro_rt::Next<#y, ()>),
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
        // Per `.await`, its frame variants (see `Shape`) in one pattern:
        // each arm's call goes through method probing on its own.
        let awaits: Vec<Vec<Ident>> = suspensions
            .iter()
            .copied()
            .filter(|&b| self.is_await(b))
            .map(|b| self.shapes(b).into_iter().map(|s| s.label).collect())
            .collect();
        let u = Self::underscores(n_generics);
        let frame_ty = quote!(#frame #u);
        let arg = Ident::new("__coro_frame", Span::mixed_site());
        if awaits.is_empty() {
            return quote!(|_: &#frame_ty| __coro_rt::Option::None);
        }
        quote! {
            |#arg: &#frame_ty| {
                #[allow(unused_imports)]
                use __coro_rt::{ProbeNoTrace as _, ProbeTrace as _};
                match #arg {
                    #(#(#frame::#awaits { awaitee, .. })|* => (&__coro_rt::Probe(__coro_rt::awaitee_ref(awaitee))).trace(),)*
                    _ => __coro_rt::Option::None,
                }
            }
        }
    }
}

/// `let (names..) = __coro_rt::{which}{n}(values..);`: values into or out
/// of their frame `Slot`s (`which`: `slots` or `unslot`), a call per eight.
pub(super) fn slot_calls<T: quote::ToTokens>(
    which: &str,
    names: &[Ident],
    values: &[T],
) -> Vec<TokenStream> {
    const PER_CALL: usize = 8;
    names
        .chunks(PER_CALL)
        .zip(values.chunks(PER_CALL))
        .map(|(names, values)| {
            let f = Ident::new(&format!("{which}{}", values.len()), Span::call_site());
            quote!(let (#(#names,)*) = __coro_rt::#f(#(#values),*);)
        })
        .collect()
}

mod holes;
