//! The generated code: frame enum, step enum, `Frame` impl, resume closure.
//!
//! Input:
//! ```text
//! #[coro] fn add(a: u32) -> u32 { let b = double(a).await; a + b }
//! ```
//! Output (abridged):
//! ```text
//! fn add(a: u32) -> impl Coroutine<Output = u32> {
//!     enum AddFrame<A, Awaitee0> { Start { a: A }, Await0 { awaitee: Awaitee0, a: A }, Done, Poisoned }
//!     enum AddStep<A, Ready0> { Start { a: A }, Await0 { ready: Ready0, a: A } }
//!     impl<..> Frame for AddFrame<..> { .. }
//!     CoroMachine::new(AddFrame::Start { a }, |frame: &mut AddFrame<_, _>, cx| -> Poll<u32> {
//!         'resume: loop {
//!             let step = match frame {           // poll the awaitee in place
//!                 AddFrame::Start { .. } => /* move fields out */ AddStep::Start { .. },
//!                 AddFrame::Await0 { awaitee, .. } => match poll_awaitee(awaitee, cx) {
//!                     Ready(ready) => /* move fields out */ AddStep::Await0 { ready, .. },
//!                     Pending => return Pending,
//!                 },
//!                 ..
//!             };
//!             match step {                         // the user's code, split
//!                 AddStep::Start { a } => { *frame = AddFrame::Await0 { awaitee: double(a), a }; continue 'resume; }
//!                 AddStep::Await0 { ready, a } => { let b = ready; return Ready(a + b); }
//!             }
//!         }
//!     }, /* probe for traces */)
//! }
//! ```

use std::collections::BTreeMap;

use proc_macro2::{Group, Ident, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use crate::analyse::{self, Liveness};
use crate::args::{self, Args, Kind};
use crate::lower::{BlockId, BlockKind, Builder, Payload, SuspendKind, VarId, slot_ident};
use crate::rewrite;
use crate::scan;
use crate::signature::{self, Signature};

pub fn expand(kind: Kind, args: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let args = args::parse(kind, args)?;
    let func: syn::ItemFn = syn::parse2(item).map_err(|e| {
        syn::Error::new(
            e.span(),
            format!("{} applies to a function: {e}", kind.attr()),
        )
    })?;
    let sig = signature::analyse(func.sig.clone())?;
    let mut body = *func.block.clone();
    scan::validate(kind, &body)?;
    rewrite::rename_self(&mut body);
    rewrite::rewrite_exits(kind, &mut body);

    let mut b = Builder::new(kind);
    lower_body(&mut b, &sig, body);
    combine(std::mem::take(&mut b.errors))?;
    let live = analyse::analyse(&b);
    check_shadowing(&b, &live)?;
    Ok(Emitter {
        kind,
        args: &args,
        sig: &sig,
        func: &func,
        b: &b,
        live: &live,
    }
    .emit())
}

/// On error: the function with the signature the expansion would have had
/// and a body returning a stand-in machine, so that its callers type-check
/// and the user sees one error, not a cascade.
pub fn fallback(kind: Kind, args: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let func: syn::ItemFn = syn::parse2(item)?;
    let mut plain = func.sig.clone();
    plain.asyncness = None;
    plain.constness = None;
    let sig = signature::analyse(plain)?;
    let args = args::parse(kind, args).unwrap_or(Args {
        yield_ty: None,
        resume_ty: None, clone: false,
    });
    let output = output_type(kind, &args, &sig);
    let yield_ty = args.yield_ty.clone().unwrap_or_else(|| syn::parse_quote!(()));
    let mut out_sig = sig.sig.clone();
    out_sig.output = syn::parse_quote!(-> #output);
    let (attrs, vis) = (&func.attrs, &func.vis);
    Ok(quote! {
        #(#attrs)*
        #[allow(unused_variables, unused_mut, clippy::all)]
        #vis #out_sig {
            ::coro_runtime::__private::Fallback::<_, #yield_ty>::new()
        }
    })
}

fn output_type(kind: Kind, args: &Args, sig: &Signature) -> TokenStream {
    let output = &sig.output;
    let captures = if sig.lifetimes.is_empty() {
        quote!()
    } else {
        let lifetimes = &sig.lifetimes;
        quote!(+ ::coro_runtime::__private::Captures<(#(&#lifetimes (),)*)>)
    };
    let captures = if args.clone { quote!(+ ::core::clone::Clone #captures) } else { captures };
    let unit: syn::Type = syn::parse_quote!(());
    let y = args.yield_ty.as_ref().unwrap_or(&unit);
    match kind {
        Kind::Coro => quote!(impl ::coro_runtime::Coroutine<Output = #output> #captures),
        Kind::Generator => match &args.resume_ty {
            Some(a) => {
                quote!(impl ::coro_runtime::Generator<#a, Yield = #y, Return = #output> #captures)
            }
            None => {
                quote!(impl ::coro_runtime::Generator<(), Yield = #y, Return = #output> + ::core::iter::Iterator<Item = #y> #captures)
            }
        },
        Kind::AsyncIter => quote!(impl ::coro_runtime::AsyncIterator<Item = #y> #captures),
    }
}

fn combine(errors: Vec<syn::Error>) -> syn::Result<()> {
    let mut iter = errors.into_iter();
    match iter.next() {
        None => Ok(()),
        Some(mut first) => {
            iter.for_each(|e| first.combine(e));
            Err(first)
        }
    }
}

fn lower_body(b: &mut Builder, sig: &Signature, body: syn::Block) {
    b.begin();
    b.open_scope();
    let mut patterns = Vec::new();
    for p in &sig.params {
        let ident = match &p.ident {
            Some(ident) => ident.clone(),
            None => Ident::new(&format!("__coro_{}", p.field), Span::mixed_site()),
        };
        let var = b.declare_param(
            ident.clone(),
            p.field.clone(),
            p.mutable,
            p.ident.is_some(),
            p.kind,
        );
        if let Some(pat) = &p.pattern {
            patterns.push((var, ident, pat.clone()));
        }
    }
    let start = b.new_block(BlockKind::Start);
    b.blocks[start].reached = true;
    b.start_block(start);
    for (var, ident, pat) in patterns {
        let bindings = scan::pat_bindings(&pat);
        b.emit(quote!(let #pat = #ident;));
        if scan::pat_binds_by_value(&pat) {
            b.record_consume(var);
        }
        for (binding, mutable) in bindings {
            b.declare_binding(binding, mutable);
        }
    }
    let span = body.span();
    b.open_scope();
    let tail = b.lower_stmts(body.stmts);
    if !b.diverged() {
        let value = tail.unwrap_or_else(|| quote_spanned!(span=> ()));
        let ret = rewrite::wrap_return(b.kind, span, value);
        b.emit(quote!(return #ret;));
    }
    let code = b.close_scope(None);
    b.emit(code);
    b.finish();
}

/// A carried local that is hidden by a later local of the same name in the
/// arm that must move it cannot be named: reject with a fix.
fn check_shadowing(b: &Builder, live: &Liveness) -> syn::Result<()> {
    let mut errors = Vec::new();
    for t in &b.transitions {
        let from = &b.blocks[t.from];
        for &v in &live.carried[t.target] {
            let var = &b.vars[v];
            if !var.user {
                continue;
            }
            let shadow = b.vars.iter().find(|w| {
                w.user
                    && w.ident == var.ident
                    && w.decl > var.decl
                    && w.decl > from.entry
                    && w.decl < t.seq
                    && b.scopes[w.scope].end > t.seq
                    && (var.block == t.from || !shadowed_at_entry(b, t.from, v))
                    && !b
                        .stashes
                        .iter()
                        .any(|s| s.var == v && s.arm == t.from && s.seq < t.seq)
            });
            if let Some(w) = shadow {
                errors.push(syn::Error::new(
                    w.span,
                    format!(
                        "this `{0}` shadows an earlier `{0}` that is still alive at a later suspension point, where it must be moved into the coroutine's frame but can no longer be named; give one of them another name (a `let` may shadow it; a pattern of `match`, `if let` or `for` may not)",
                        var.ident
                    ),
                ));
            }
        }
    }
    errors.dedup_by(|a, b| a.span().start() == b.span().start() && a.to_string() == b.to_string());
    combine(errors)
}

/// Whether a newer local of the same name is in scope when `block` starts.
fn shadowed_at_entry(b: &Builder, block: BlockId, v: VarId) -> bool {
    let var = &b.vars[v];
    analyse::candidates(b, block).into_iter().any(|w| {
        w != v && b.vars[w].user && b.vars[w].ident == var.ident && b.vars[w].decl > var.decl
    })
}

fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = true;
    for c in name.trim_start_matches('_').chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    out
}

/// Where a block's field comes from.
enum Field {
    Var(VarId),
    Awaitee(BlockId),
    Ready(BlockId),
    Value(BlockId),
}

struct Emitter<'a> {
    kind: Kind,
    args: &'a Args,
    sig: &'a Signature,
    func: &'a syn::ItemFn,
    b: &'a Builder,
    live: &'a Liveness,
}

impl Emitter<'_> {
    fn frame_name(&self) -> Ident {
        let name = camel(&self.func.sig.ident.to_string());
        format_ident!("{}Frame", name)
    }
    fn step_name(&self) -> Ident {
        let name = camel(&self.func.sig.ident.to_string());
        format_ident!("{}Step", name)
    }

    fn reached(&self) -> Vec<BlockId> {
        self.b
            .started
            .iter()
            .copied()
            .filter(|&i| self.b.blocks[i].reached)
            .collect()
    }

    fn is_suspension(&self, block: BlockId) -> bool {
        matches!(
            self.b.blocks[block].kind,
            BlockKind::Start | BlockKind::Resume { .. }
        )
    }

    fn label(&self, block: BlockId) -> Ident {
        match &self.b.blocks[block].kind {
            BlockKind::Start => format_ident!("Start"),
            BlockKind::Resume {
                kind: SuspendKind::Await,
                index,
                ..
            } => format_ident!("Await{}", index),
            BlockKind::Resume {
                kind: SuspendKind::Yield,
                index,
                ..
            } => format_ident!("Yield{}", index),
            BlockKind::Join { name, .. } => format_ident!("{}", name),
        }
    }

    fn field_ident(&self, field: &Field) -> Ident {
        match field {
            Field::Var(v) => self.b.vars[*v].field.clone(),
            Field::Awaitee(_) => format_ident!("awaitee"),
            Field::Ready(_) => format_ident!("ready"),
            Field::Value(_) => format_ident!("value"),
        }
    }

    fn generic_name(&self, field: &Field) -> Ident {
        match field {
            Field::Var(v) => format_ident!("{}", camel(&self.b.vars[*v].field.to_string())),
            Field::Awaitee(b) => format_ident!("{}Awaitee", self.label(*b)),
            Field::Ready(b) => format_ident!("{}Ready", self.label(*b)),
            Field::Value(b) => format_ident!("{}Value", self.label(*b)),
        }
    }

    /// The fields of a block's frame variant (suspension points only), in
    /// drop order.
    fn frame_fields(&self, block: BlockId) -> Vec<Field> {
        let mut fields = Vec::new();
        match &self.b.blocks[block].kind {
            BlockKind::Start => {
                // Parameters in declaration order: rustc drops an unpolled
                // future's arguments that way.
                let mut params = self.live.carried[block].clone();
                params.sort_by_key(|&v| self.b.vars[v].decl);
                return params.into_iter().map(Field::Var).collect();
            }
            BlockKind::Resume {
                kind: SuspendKind::Await,
                ..
            } => fields.push(Field::Awaitee(block)),
            _ => {}
        }
        fields.extend(self.live.carried[block].iter().map(|&v| Field::Var(v)));
        fields
    }

    fn step_fields(&self, block: BlockId) -> Vec<Field> {
        let mut fields = Vec::new();
        match &self.b.blocks[block].kind {
            BlockKind::Resume { .. } => fields.push(Field::Ready(block)),
            BlockKind::Join { value: Some(_), .. } => fields.push(Field::Value(block)),
            _ => {}
        }
        let mut carried = self.live.carried[block].clone();
        if matches!(self.b.blocks[block].kind, BlockKind::Start) {
            carried.sort_by_key(|&v| self.b.vars[v].decl);
        }
        fields.extend(carried.into_iter().map(Field::Var));
        fields
    }

    /// Generic parameters of an enum, deduplicated, with each field's type.
    fn generics(
        &self,
        variants: &[(BlockId, Vec<Field>)],
    ) -> (Vec<Ident>, BTreeMap<String, Ident>) {
        let mut names = Vec::new();
        let mut by_key = BTreeMap::new();
        for (_, fields) in variants {
            for f in fields {
                let key = field_key(f);
                if by_key.contains_key(&key) {
                    continue;
                }
                let mut name = self.generic_name(f);
                let mut n = 1usize;
                while names.contains(&name) {
                    n += 1;
                    name = format_ident!("{}{}", self.generic_name(f), n);
                }
                names.push(name.clone());
                by_key.insert(key, name);
            }
        }
        (names, by_key)
    }

    fn doc(&self, block: BlockId) -> String {
        match &self.b.blocks[block].kind {
            BlockKind::Start => "Created, not yet resumed: holds the arguments.".to_string(),
            BlockKind::Resume { kind, span, .. } => {
                let what = match kind {
                    SuspendKind::Await => "`.await`",
                    SuspendKind::Yield => "`yield_!`",
                };
                format!(
                    "Suspended at the {what} on line {} (column {}).",
                    span.start().line,
                    span.start().column + 1
                )
            }
            BlockKind::Join { .. } => "A jump within one resume.".to_string(),
        }
    }

    fn emit(&self) -> TokenStream {
        let frame = self.frame_name();
        let step = self.step_name();
        let reached = self.reached();
        let suspensions: Vec<BlockId> = reached
            .iter()
            .copied()
            .filter(|&b| self.is_suspension(b))
            .collect();

        // ---- the frame enum
        let frame_variants: Vec<(BlockId, Vec<Field>)> = suspensions
            .iter()
            .map(|&b| (b, self.frame_fields(b)))
            .collect();
        let (frame_generics, frame_ty) = self.generics(&frame_variants);
        let variant_defs = frame_variants.iter().map(|(block, fields)| {
            let label = self.label(*block);
            let doc = self.doc(*block);
            let fields = fields.iter().map(|f| {
                let (name, ty) = (self.field_ident(f), &frame_ty[&field_key(f)]);
                quote!(#name: #ty)
            });
            quote!(#[doc = #doc] #label { #(#fields),* })
        });
        let fn_name = self.func.sig.ident.to_string();
        let frame_doc = format!(
            "The frame of the coroutine `{fn_name}`: one variant per resume point, holding the locals live there (fields in drop order)."
        );
        let frame_generics_decl = if frame_generics.is_empty() {
            quote!()
        } else {
            quote!(<#(#frame_generics),*>)
        };
        let frame_enum = quote! {
            #[doc = #frame_doc]
            #[derive(Clone)]
            #[allow(non_camel_case_types, clippy::large_enum_variant, clippy::enum_variant_names)]
            enum #frame #frame_generics_decl {
                #(#variant_defs,)*
                /// Returned (also the state while a resume runs).
                Done,
                /// A resume panicked.
                Poisoned,
            }
        };

        // ---- the step enum
        let step_variants: Vec<(BlockId, Vec<Field>)> =
            reached.iter().map(|&b| (b, self.step_fields(b))).collect();
        let (step_generics, step_ty) = self.generics(&step_variants);
        let step_defs = step_variants.iter().map(|(block, fields)| {
            let label = self.label(*block);
            let fields = fields.iter().map(|f| {
                let (name, ty) = (self.field_ident(f), &step_ty[&field_key(f)]);
                quote!(#name: #ty)
            });
            quote!(#label { #(#fields),* })
        });
        let step_generics_decl = if step_generics.is_empty() {
            quote!()
        } else {
            quote!(<#(#step_generics),*>)
        };
        let step_enum = quote! {
            /// Where the next piece of the body starts, with the values it receives.
            #[allow(non_camel_case_types, clippy::large_enum_variant, clippy::enum_variant_names)]
            enum #step #step_generics_decl {
                #(#step_defs,)*
            }
        };

        // ---- Frame impl
        let states = frame_variants.iter().map(|(block, _)| {
            let label = self.label(*block);
            match &self.b.blocks[*block].kind {
                BlockKind::Start => quote!(#frame::Start { .. } => ::coro_runtime::MachineState::Unresumed),
                BlockKind::Resume { span, .. } => {
                    let text = label.to_string();
                    let location = quote_spanned!(*span=> ::core::file!(), line: ::core::line!(), column: ::core::column!());
                    quote! {
                        #frame::#label { .. } => ::coro_runtime::MachineState::Suspended(::coro_runtime::ResumePoint {
                            label: #text, file: #location,
                        })
                    }
                }
                BlockKind::Join { .. } => unreachable!("joins are not frame variants"),
            }
        });
        let name_lit = fn_name.clone();
        let frame_impl = quote! {
            impl #frame_generics_decl ::coro_runtime::__private::Frame for #frame #frame_generics_decl {
                const NAME: &'static str = ::core::concat!(::core::module_path!(), "::", #name_lit);
                fn poisoned() -> Self {
                    #frame::Poisoned
                }
                fn is_returned(&self) -> bool {
                    ::core::matches!(self, #frame::Done)
                }
                fn state(&self) -> ::coro_runtime::MachineState {
                    match self {
                        #(#states,)*
                        #frame::Done => ::coro_runtime::MachineState::Returned,
                        #frame::Poisoned => ::coro_runtime::MachineState::Poisoned,
                    }
                }
            }
        };

        // ---- start value
        let start_fields = self.sig.params.iter().map(|p| {
            let (field, outer) = (&p.field, &p.outer);
            quote!(#field: #outer)
        });
        let start_value = quote!(#frame::Start { #(#start_fields),* });

        let resume =
            self.resume_closure(&frame, &step, frame_generics.len(), &suspensions, &reached);
        let probe = self.probe_closure(&frame, frame_generics.len(), &suspensions);
        let machine = match self.kind {
            Kind::Coro => quote!(::coro_runtime::__private::CoroMachine),
            Kind::Generator => quote!(::coro_runtime::__private::GenMachine),
            Kind::AsyncIter => quote!(::coro_runtime::__private::StreamMachine),
        };

        let mut sig = self.sig.sig.clone();
        let output = self.output_type();
        sig.output = syn::parse_quote!(-> #output);
        let attrs = &self.func.attrs;
        let vis = &self.func.vis;
        quote! {
            #(#attrs)*
            #vis #sig {
                #frame_enum
                #step_enum
                #frame_impl
                #machine::new(#start_value, #resume, #probe)
            }
        }
    }

    fn output_type(&self) -> TokenStream {
        output_type(self.kind, self.args, self.sig)
    }

    fn underscores(n: usize) -> TokenStream {
        if n == 0 {
            return quote!();
        }
        let u = (0..n).map(|_| quote!(_));
        quote!(<#(#u),*>)
    }

    fn resume_closure(
        &self,
        frame: &Ident,
        step: &Ident,
        n_generics: usize,
        suspensions: &[BlockId],
        reached: &[BlockId],
    ) -> TokenStream {
        let frame_var = Ident::new("__coro_frame", Span::mixed_site());
        let input = Ident::new("__coro_input", Span::mixed_site());
        let step_var = Ident::new("__coro_step", Span::mixed_site());
        let ready = Ident::new("__coro_ready", Span::mixed_site());
        let value = Ident::new("__coro_value", Span::mixed_site());
        let resume_label = syn::Lifetime::new("'__coro_resume", Span::mixed_site());
        let driver_label = syn::Lifetime::new("'__coro_driver", Span::mixed_site());
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

        // How the frame becomes a step: poll in place, or take the resume argument.
        let frame_arms = suspensions.iter().map(|&block| {
            let label = self.label(block);
            let fields: Vec<Ident> = self.live.carried_fields(self.b, block);
            let take = match &self.b.blocks[block].kind {
                BlockKind::Start => quote!(#step::Start { #(#fields),* }),
                BlockKind::Resume { .. } => quote!(#step::#label { ready: #ready, #(#fields),* }),
                BlockKind::Join { .. } => unreachable!(),
            };
            let moved = quote! {
                match ::core::mem::replace(#frame_var, #frame::Done) {
                    #frame::#label { #(#fields,)* .. } => #take,
                    _ => ::core::unreachable!(),
                }
            };
            match &self.b.blocks[block].kind {
                BlockKind::Resume { kind: SuspendKind::Await, .. } => {
                    let poll = quote!(::core::task::Poll::Pending);
                    quote! {
                        #frame::#label { awaitee, .. } => match ::coro_runtime::__private::poll_awaitee(awaitee, #input) {
                            ::core::task::Poll::Ready(#ready) => #moved,
                            ::core::task::Poll::Pending => return #poll,
                        }
                    }
                }
                BlockKind::Resume { kind: SuspendKind::Yield, .. } => {
                    let arg = match self.kind {
                        Kind::Generator => quote!(#input),
                        _ => quote!(()),
                    };
                    quote! {
                        #frame::#label { .. } => {
                            let #ready = #arg;
                            #moved
                        }
                    }
                }
                _ => quote!(#frame::#label { .. } => #moved),
            }
        });
        let name = quote!(::coro_runtime::__private::frame_name(#frame_var));
        let frame_match = quote! {
            match #frame_var {
                #(#frame_arms,)*
                #frame::Done => ::coro_runtime::__private::resumed_after_completion(#name),
                #frame::Poisoned => ::coro_runtime::__private::resumed_after_panic(#name),
            }
        };

        // The arms: the user's code with holes filled.
        let arms = reached.iter().map(|&block| {
            let label = self.label(block);
            let mut pattern = Vec::new();
            match &self.b.blocks[block].kind {
                BlockKind::Resume { .. } => pattern.push(quote!(ready: #ready)),
                BlockKind::Join { value: Some(_), .. } => pattern.push(quote!(value: #value)),
                _ => {}
            }
            for &v in &self.live.carried[block] {
                let field = &self.b.vars[v].field;
                let hidden = hidden_ident(self.b, v);
                pattern.push(quote!(#field: #hidden));
            }
            let code = self.fill(
                block,
                &self.b.blocks[block].code,
                &frame_var,
                frame,
                step,
                &step_var,
                &resume_label,
                &driver_label,
            );
            quote!(#step::#label { #(#pattern),* } => { #code })
        });
        let dispatch = if has_gotos {
            quote! {
                let mut #step_var = #frame_match;
                #[allow(unreachable_code)]
                #driver_label: loop {
                    match #step_var {
                        #(#arms)*
                    }
                }
            }
        } else {
            quote! {
                let #step_var = #frame_match;
                match #step_var {
                    #(#arms)*
                }
            }
        };
        let body = if has_awaits {
            quote!(#resume_label: loop { #dispatch })
        } else {
            dispatch
        };

        let items = &self.b.items;
        let output = &self.sig.output;
        let output = if self.sig.output_is_opaque {
            quote!(_)
        } else {
            quote!(#output)
        };
        let (input_ty, ret) = match self.kind {
            Kind::Coro => (
                quote!(&mut ::core::task::Context<'_>),
                quote!(::core::task::Poll<#output>),
            ),
            Kind::Generator => {
                let y = self.args.yield_ty.as_ref().unwrap();
                let a = self
                    .args
                    .resume_ty
                    .as_ref()
                    .map_or_else(|| quote!(()), |a| quote!(#a));
                (a, quote!(::coro_runtime::GeneratorState<#y, #output>))
            }
            Kind::AsyncIter => {
                let y = self.args.yield_ty.as_ref().unwrap();
                (
                    quote!(&mut ::core::task::Context<'_>),
                    quote!(::core::task::Poll<::core::option::Option<#y>>),
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
        quote! {
            |#frame_var: &mut #frame_ty, #input_pat: #input_ty| -> #ret {
                #(#items)*
                #body
            }
        }
    }

    fn probe_closure(
        &self,
        frame: &Ident,
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
                    #(#frame::#awaits { awaitee, .. } => (&::coro_runtime::__private::Probe(awaitee)).trace(),)*
                    _ => ::core::option::Option::None,
                }
            }
        }
    }

    /// Replaces the holes of an arm's code.
    #[allow(clippy::too_many_arguments)]
    fn fill(
        &self,
        block: BlockId,
        code: &TokenStream,
        frame_var: &Ident,
        frame: &Ident,
        step: &Ident,
        step_var: &Ident,
        resume_label: &syn::Lifetime,
        driver_label: &syn::Lifetime,
    ) -> TokenStream {
        substitute(code.clone(), &mut |ident: &Ident| {
            let name = ident.to_string();
            if let Some(n) = name.strip_prefix("__coro_hole_") {
                let t = &self.b.transitions[n.parse::<usize>().ok()?];
                let target = t.target;
                let label = self.label(target);
                let carried: Vec<TokenStream> = self.live.carried[target]
                    .iter()
                    .map(|&v| {
                        let field = &self.b.vars[v].field;
                        let local = self.moved_name(block, v, t.seq);
                        quote!(#field: #local)
                    })
                    .collect();
                let span = t.span;
                return Some(match &t.payload {
                    Payload::Await(op) => {
                        let awaitee = quote_spanned!(span=> ::coro_runtime::__private::awaitee(::core::future::IntoFuture::into_future(#op)));
                        quote!({
                            *#frame_var = #frame::#label { awaitee: #awaitee, #(#carried),* };
                            continue #resume_label;
                        })
                    }
                    Payload::Yield(op) => {
                        let y = self.args.yield_ty.as_ref().expect("yield type");
                        let yielded = Ident::new("__coro_yielded", Span::mixed_site());
                        let out = match self.kind {
                            Kind::Generator => {
                                quote!(::coro_runtime::GeneratorState::Yielded(#yielded))
                            }
                            _ => {
                                quote!(::core::task::Poll::Ready(::core::option::Option::Some(#yielded)))
                            }
                        };
                        let typed = quote_spanned!(op.span()=> let #yielded: #y = #op;);
                        quote!({
                            #typed
                            *#frame_var = #frame::#label { #(#carried),* };
                            return #out;
                        })
                    }
                    Payload::Goto(value) => {
                        let value = match (&self.b.blocks[target].kind, value) {
                            (BlockKind::Join { value: Some(_), .. }, Some(v)) => quote!(value: #v,),
                            (BlockKind::Join { value: Some(_), .. }, None) => quote!(value: (),),
                            _ => quote!(),
                        };
                        quote!({
                            #step_var = #step::#label { #value #(#carried),* };
                            continue #driver_label;
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
                for v in in_scope {
                    let var = &self.b.vars[v];
                    let local = self.name_in(b, v);
                    let hidden = hidden_ident(self.b, v);
                    let mutability = var.mutable.then(|| quote!(mut));
                    lets.push(quote!(#[allow(unused_variables, unused_mut, clippy::let_unit_value)] let #mutability #local = #hidden;));
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
    fn needs_slot(&self, v: VarId, arm: BlockId) -> bool {
        self.b.stashes.iter().any(|s| {
            s.var == v
                && s.arm == arm
                && self.b.transitions.iter().any(|t| {
                    t.from == arm && t.seq > s.seq && self.live.carried[t.target].contains(&v)
                })
        })
    }

    fn slot_decl(&self, v: VarId, arm: BlockId) -> TokenStream {
        if !self.needs_slot(v, arm) {
            return quote!();
        }
        let slot = slot_ident(v);
        quote!(#[allow(unused_mut, unused_assignments)] let mut #slot = ::core::option::Option::None;)
    }

    /// How a transition at `seq` in arm `block` moves `v` into the frame.
    fn moved_name(&self, block: BlockId, v: VarId, seq: usize) -> TokenStream {
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

impl Liveness {
    /// The field names of the locals a suspension block receives.
    fn carried_fields(&self, b: &Builder, block: BlockId) -> Vec<Ident> {
        let mut vars = self.carried[block].clone();
        vars.sort_by_key(|&v| b.vars[v].decl);
        vars.into_iter().map(|v| b.vars[v].field.clone()).collect()
    }
}

fn field_key(field: &Field) -> String {
    match field {
        Field::Var(v) => format!("v{v}"),
        Field::Awaitee(b) => format!("a{b}"),
        Field::Ready(b) => format!("r{b}"),
        Field::Value(b) => format!("x{b}"),
    }
}

fn hidden_ident(b: &Builder, v: VarId) -> Ident {
    format_ident!("__coro_h_{}", b.vars[v].field, span = Span::mixed_site())
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
