//! The frame enum (one variant per resume point), the step enum (where the
//! next piece of the body starts) and the `Frame` impl.

use std::collections::BTreeMap;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};

use super::Emitter;
use crate::args::Kind;
use crate::lower::{BlockId, BlockKind, SuspendKind, VarId};

/// The module, inside the function, that holds the machine's enums. A
/// function `parse` returning the user's `ParseStep` must not find the
/// macro's `ParseStep` instead, in its signature or its body.
const TYPES_MODULE: &str = "__coro";

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
pub(super) enum Field {
    Var(VarId),
    /// A local moved on some paths only, as an `Option` (its drop flag).
    Maybe(VarId),
    Awaitee(BlockId),
    Value(BlockId),
}

/// The most drop-flagged locals a suspension point's frame variants are
/// split on (`2^n` variants); more stay in the frame as `Option`s.
const MAX_SPLIT: usize = 3;

/// One of a suspension point's frame variants. A local moved on some paths
/// to the point only (a drop flag, see `analyse`) would sit in the frame as
/// an `Option`, which without a niche in the local's type costs its
/// alignment in bytes (an `Option<u64>` is 16). Instead the point gets a
/// variant per combination of such locals held or moved (`Await0`, holding
/// them all, and `Await0WithoutD`, ..): the frame's own tag is the flag, as
/// rustc's drop flag is a byte beside the value.
pub(super) struct Shape {
    pub label: Ident,
    /// The split locals it holds.
    pub held: Vec<VarId>,
}

impl Emitter<'_> {
    /// The name of one of the machine's enums (`Frame`, `Step`, `Ready`):
    /// `{Function}{role}`, as it is defined in the module [`TYPES_MODULE`].
    fn enum_name(&self, role: &str) -> Ident {
        format_ident!("{}{role}", camel(&self.func.sig.ident.to_string()))
    }

    pub(super) fn reached(&self) -> Vec<BlockId> {
        self.b
            .started
            .iter()
            .copied()
            .filter(|&i| self.b.blocks[i].reached)
            .collect()
    }

    pub(super) fn is_suspension(&self, block: BlockId) -> bool {
        matches!(
            self.b.blocks[block].kind,
            BlockKind::Start | BlockKind::Resume { .. }
        )
    }

    /// Whether the block is the resume point of an `.await`.
    pub(super) fn is_await(&self, block: BlockId) -> bool {
        matches!(
            self.b.blocks[block].kind,
            BlockKind::Resume {
                kind: SuspendKind::Await,
                ..
            }
        )
    }

    pub(super) fn label(&self, block: BlockId) -> Ident {
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

    pub(super) fn field_ident(&self, field: &Field) -> Ident {
        match field {
            Field::Var(v) => self.b.vars[*v].field.clone(),
            Field::Maybe(v) => self.maybe_field(*v),
            Field::Awaitee(_) => format_ident!("awaitee"),
            Field::Value(_) => format_ident!("value"),
        }
    }

    pub(super) fn generic_name(&self, field: &Field) -> Ident {
        match field {
            Field::Var(v) => format_ident!("{}", camel(&self.b.vars[*v].field.to_string())),
            Field::Maybe(v) => format_ident!("{}", camel(&self.maybe_field(*v).to_string())),
            Field::Awaitee(b) => format_ident!("{}Awaitee", self.label(*b)),
            Field::Value(b) => format_ident!("{}Value", self.label(*b)),
        }
    }

    /// The fields of a block's frame variant (suspension points only), in
    /// drop order.
    pub(super) fn frame_fields(&self, block: BlockId) -> Vec<Field> {
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
        fields.extend(self.locals(block));
        fields
    }

    /// The drop-flagged locals the frame variants of `block` split on (see
    /// [`Shape`]), newest first.
    pub(super) fn split_vars(&self, block: BlockId) -> Vec<VarId> {
        if !self.is_suspension(block) {
            return Vec::new();
        }
        self.live.maybe[block]
            .iter()
            .copied()
            .take(MAX_SPLIT)
            .collect()
    }

    /// The locals a block receives, in the order its frame helpers (see
    /// [`Emitter::split_helpers`]), its stage's take and every transition
    /// to it list them: those it receives plainly, then those it receives
    /// as an `Option` but for the split ones ([`Emitter::split_vars`]),
    /// which come after, apart.
    pub(super) fn received(&self, block: BlockId) -> Vec<Field> {
        let split = self.split_vars(block);
        let plain = self.live.carried[block].iter().map(|&v| Field::Var(v));
        let flagged = self.live.maybe[block]
            .iter()
            .filter(|v| !split.contains(v))
            .map(|&v| Field::Maybe(v));
        plain.chain(flagged).collect()
    }

    /// The frame variants of suspension point `block`: the first holds all
    /// of its split locals.
    pub(super) fn shapes(&self, block: BlockId) -> Vec<Shape> {
        let split = self.split_vars(block);
        let label = self.label(block);
        (0..1usize << split.len())
            .map(|moved_mask| {
                let (mut held, mut moved) = (Vec::new(), Vec::new());
                for (i, &v) in split.iter().enumerate() {
                    if moved_mask & (1 << i) == 0 {
                        held.push(v);
                    } else {
                        moved.push(camel(&self.b.vars[v].field.to_string()));
                    }
                }
                let label = if moved.is_empty() {
                    label.clone()
                } else {
                    format_ident!("{}Without{}", label, moved.join("And"))
                };
                Shape { label, held }
            })
            .collect()
    }

    /// The frame's helper that stores suspension point `block` (see
    /// [`Emitter::split_helpers`]).
    pub(super) fn store_helper(&self, block: BlockId) -> Ident {
        format_ident!("store_{}", self.label(block).to_string().to_lowercase())
    }

    /// The frame's helper that takes the locals of suspension point
    /// `block` back out (see [`Emitter::split_helpers`]).
    pub(super) fn unpack_helper(&self, block: BlockId) -> Ident {
        format_ident!("unpack_{}", self.label(block).to_string().to_lowercase())
    }

    /// For each suspension point with split locals (see [`Shape`]), two
    /// methods of the frame enum: `store_await0(awaitee, locals..,
    /// split..)`, the split locals as `Option`s, which picks the variant,
    /// and `unpack_await0(frame)`, which gives the locals back, the split
    /// ones as `Option`s. The body calls them instead of matching `2^n`
    /// variants itself: in a method every type is a parameter, where the
    /// body's type check would go through each variant's mention with the
    /// frame's types still being inferred (three split locals and twenty
    /// `.await`s after them took 0.66 s of type check that way, 0.12 s as
    /// `Option`s).
    fn split_helpers(
        &self,
        frame: &TokenStream,
        generics: &TokenStream,
        frame_ty: &BTreeMap<String, Ident>,
        suspensions: &[BlockId],
    ) -> TokenStream {
        let methods = suspensions.iter().filter_map(|&block| {
            let split = self.split_vars(block);
            if split.is_empty() {
                return None;
            }
            let plain = self.received(block);
            let names: Vec<Ident> = plain.iter().map(|f| self.field_ident(f)).collect();
            let types: Vec<&Ident> = plain.iter().map(|f| &frame_ty[&field_key(f)]).collect();
            let split_names: Vec<Ident> = split.iter().map(|&v| self.b.vars[v].field.clone()).collect();
            let split_types: Vec<&Ident> = split
                .iter()
                .map(|&v| &frame_ty[&field_key(&Field::Var(v))])
                .collect();
            let awaitee = self.is_await(block).then(|| {
                let ty = &frame_ty[&field_key(&Field::Awaitee(block))];
                quote!(awaitee: __coro_rt::Slot<#ty>,)
            });
            let awaitee_field = self.is_await(block).then(|| quote!(awaitee,));
            let store_arms = self.shapes(block).into_iter().map(|shape| {
                let label = &shape.label;
                let patterns = split.iter().zip(&split_names).map(|(v, name)| {
                    if shape.held.contains(v) {
                        quote!(__coro_rt::Option::Some(#name))
                    } else {
                        quote!(__coro_rt::Option::None)
                    }
                });
                let held = split
                    .iter()
                    .zip(&split_names)
                    .filter(|(v, _)| shape.held.contains(v))
                    .map(|(_, name)| quote!(#name: __coro_rt::Slot::new(#name)));
                quote! {
                    (#(#patterns,)*) => Self::#label {
                        #awaitee_field
                        #(#names: __coro_rt::Slot::new(#names),)*
                        #(#held,)*
                    }
                }
            });
            let unpack_arms = self.shapes(block).into_iter().map(|shape| {
                let label = &shape.label;
                let held: Vec<&Ident> = split
                    .iter()
                    .zip(&split_names)
                    .filter(|(v, _)| shape.held.contains(v))
                    .map(|(_, name)| name)
                    .collect();
                let values = split.iter().zip(&split_names).map(|(v, name)| {
                    if shape.held.contains(v) {
                        quote!(__coro_rt::Option::Some(__coro_rt::Slot::into_inner(#name)))
                    } else {
                        quote!(__coro_rt::Option::None)
                    }
                });
                quote! {
                    Self::#label { #(#names,)* #(#held,)* .. } => (
                        #(__coro_rt::Slot::into_inner(#names),)*
                        #(#values,)*
                    )
                }
            });
            let (store, unpack) = (self.store_helper(block), self.unpack_helper(block));
            Some(quote! {
                #[inline(always)]
                fn #store(#awaitee #(#names: #types,)* #(#split_names: __coro_rt::Option<#split_types>,)*) -> Self {
                    match (#(#split_names,)*) {
                        #(#store_arms,)*
                    }
                }
                #[inline(always)]
                fn #unpack(self) -> (#(#types,)* #(__coro_rt::Option<#split_types>,)*) {
                    match self {
                        #(#unpack_arms,)*
                        _ => ::core::unreachable!(),
                    }
                }
            })
        });
        let methods: Vec<TokenStream> = methods.collect();
        if methods.is_empty() {
            return quote!();
        }
        quote! {
            #[allow(clippy::too_many_arguments, clippy::inline_always)]
            impl #generics #frame #generics {
                #(#methods)*
            }
        }
    }

    /// The fields of one frame variant of `block`, in drop order: a split
    /// local as itself where the shape holds it.
    pub(super) fn shape_fields(&self, block: BlockId, shape: &Shape) -> Vec<Field> {
        let split = self.split_vars(block);
        self.frame_fields(block)
            .into_iter()
            .filter_map(|f| match f {
                Field::Maybe(v) if split.contains(&v) => {
                    shape.held.contains(&v).then_some(Field::Var(v))
                }
                f => Some(f),
            })
            .collect()
    }

    /// The field of a local received as an `Option` (see `analyse`): named
    /// after the local, unless a local already has that field name.
    pub(super) fn maybe_field(&self, v: VarId) -> Ident {
        let base = format!("{}_unless_moved", self.b.vars[v].field);
        let taken = |name: &str| self.b.vars.iter().any(|w| w.field == name);
        let mut name = base.clone();
        let mut n = 1;
        while taken(&name) {
            n += 1;
            name = format!("{base}_{n}");
        }
        format_ident!("{}", name)
    }

    /// The locals a block receives, plain or as an `Option`, in drop order
    /// (newest first).
    pub(super) fn locals(&self, block: BlockId) -> Vec<Field> {
        let mut all: Vec<(VarId, Field)> = self.live.carried[block]
            .iter()
            .map(|&v| (v, Field::Var(v)))
            .chain(self.live.maybe[block].iter().map(|&v| (v, Field::Maybe(v))))
            .collect();
        all.sort_by_key(|&(v, _)| std::cmp::Reverse(self.b.vars[v].decl));
        all.into_iter().map(|(_, f)| f).collect()
    }

    /// The fields of a join's step variant: the value it takes, if any,
    /// then the locals it receives. (A resume point's stage takes its
    /// locals from the frame itself, and its step is `Resumed`.)
    pub(super) fn step_fields(&self, block: BlockId) -> Vec<Field> {
        let mut fields = Vec::new();
        if let BlockKind::Join {
            takes_value: true, ..
        } = &self.b.blocks[block].kind
        {
            fields.push(Field::Value(block));
        }
        fields.extend(self.locals(block));
        fields
    }

    /// Generic parameters of an enum, deduplicated, with each field's type.
    /// `reserved`: parameters of the enum's own, listed first.
    pub(super) fn generics<'f>(
        &self,
        variants: impl IntoIterator<Item = &'f [Field]>,
        reserved: &[Ident],
    ) -> (Vec<Ident>, BTreeMap<String, Ident>) {
        let mut names = reserved.to_vec();
        let mut by_key = BTreeMap::new();
        for fields in variants {
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

    pub(super) fn doc(&self, block: BlockId) -> String {
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

    pub(super) fn emit(&self) -> TokenStream {
        let types = Ident::new(TYPES_MODULE, Span::call_site());
        let (frame_def, step_def, ready_def_name) = (
            self.enum_name("Frame"),
            self.enum_name("Step"),
            self.enum_name("Ready"),
        );
        // How the function's own code names them.
        let frame = quote!(#types::#frame_def);
        let step = quote!(#types::#step_def);
        let reached = self.reached();
        let suspensions: Vec<BlockId> = reached
            .iter()
            .copied()
            .filter(|&b| self.is_suspension(b))
            .collect();

        // ---- the frame enum
        let frame_variants: Vec<(BlockId, Ident, Vec<Field>)> = suspensions
            .iter()
            .flat_map(|&b| {
                self.shapes(b)
                    .into_iter()
                    .map(move |shape| (b, shape.label.clone(), self.shape_fields(b, &shape)))
            })
            .collect();
        let (frame_generics, frame_ty) =
            self.generics(frame_variants.iter().map(|(_, _, f)| f.as_slice()), &[]);
        let variant_defs = frame_variants.iter().map(|(block, label, fields)| {
            let mut doc = self.doc(*block);
            let split = self.split_vars(*block);
            let moved: Vec<String> = split
                .iter()
                .filter(|&&v| !fields.iter().any(|f| matches!(f, Field::Var(w) if *w == v)))
                .map(|&v| format!("`{}`", self.b.vars[v].ident))
                .collect();
            if !moved.is_empty() {
                doc = format!("{doc} Without {}, moved on the way.", moved.join(" and "));
            }
            let fields = fields.iter().map(|f| {
                let (name, ty) = (self.field_ident(f), &frame_ty[&field_key(f)]);
                quote!(#name: __coro_rt::Slot<#ty>)
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
        // Only with `clone`: without it the returned `impl Trait` hides
        // `Clone`, and an unused derive still costs its type check.
        let derive_clone = self.args.clone.then(|| quote!(#[derive(Clone)]));
        let frame_enum = quote! {
            #[doc = #frame_doc]
            #derive_clone
            #[allow(non_camel_case_types, clippy::large_enum_variant, clippy::enum_variant_names)]
            pub(super) enum #frame_def #frame_generics_decl {
                #(#variant_defs,)*
                /// Returned (also the state while a resume runs).
                Done,
                /// A resume panicked.
                Poisoned,
            }
        };

        // ---- the step enum: `Resumed` with what `enter` gave (which resume
        // point, and its value), or a join within one resume with the
        // values it receives. One variant for all resume points: each
        // mention of a step variant names all of the enum's parameters, and
        // a variant per resume point, built from the ready value by an arm
        // per resume point, named them all again in each arm, with the
        // awaitees' types yet unknown (rustc's type check of a body with n
        // awaits then grew as n^3: 0.67 s for 40 straight-line awaits, 7 s
        // for 80; see BENCHMARKS.md).
        let readied = Ident::new("Readied", Span::call_site());
        let step_variants: Vec<(BlockId, Vec<Field>)> = reached
            .iter()
            .filter(|&&b| !self.is_suspension(b))
            .map(|&b| (b, self.step_fields(b)))
            .collect();
        let (step_generics, step_ty) = self.generics(
            step_variants.iter().map(|(_, f)| f.as_slice()),
            std::slice::from_ref(&readied),
        );
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
        // `repr(u8)`: a tag byte of its own, never a field's niche (a step
        // carrying a `String` kept its tag in the capacity, and decoding it
        // cost a 64-bit constant held in a register through every poll).
        // Steps only live on the stack while a resume runs, so the
        // declaration-order layout that comes with it costs no frame bytes.
        let step_enum = self.has_gotos().then(|| quote! {
            /// Where the next piece of the body starts: `Resumed` with what
            /// the resume point gave, or a jump within one resume with the
            /// values it carries.
            #[repr(u8)]
            #[allow(non_camel_case_types, clippy::large_enum_variant, clippy::enum_variant_names)]
            pub(super) enum #step_def #step_generics_decl {
                Resumed(#readied),
                #(#step_defs,)*
            }
        });

        // ---- Frame impl
        let states = suspensions.iter().map(|block| {
            let label = self.label(*block);
            let labels: Vec<Ident> = self.shapes(*block).into_iter().map(|s| s.label).collect();
            match &self.b.blocks[*block].kind {
                BlockKind::Start => quote!(#frame::Start { .. } => ::coro_runtime::MachineState::Unresumed),
                BlockKind::Resume { span, .. } => {
                    let text = label.to_string();
                    let location = quote_spanned!(*span=> ::core::file!(), line: ::core::line!(), column: ::core::column!());
                    quote! {
                        #(#frame::#labels { .. })|* => ::coro_runtime::MachineState::Suspended(::coro_runtime::ResumePoint {
                            label: #text, file: #location,
                        })
                    }
                }
                BlockKind::Join { .. } => unreachable!("joins are not frame variants"),
            }
        });
        let name_lit = fn_name.clone();
        let big_stack = crate::scan::builds_big_array(&self.func.block).then(|| {
            quote!(
                const BIG_STACK: bool = true;
            )
        });
        // The most bytes of locals one resume point holds (its awaitee
        // aside): the driver runs a body with many out of line, see
        // `Frame::LOCALS_BYTES`.
        let locals_bytes = frame_variants.iter().map(|(_, _, fields)| {
            let sizes: Vec<TokenStream> = fields
                .iter()
                .filter(|f| !matches!(f, Field::Awaitee(_)))
                .map(|f| {
                    let ty = &frame_ty[&field_key(f)];
                    quote!(__coro_rt::size_of::<#ty>())
                })
                .collect();
            if sizes.is_empty() {
                quote!(0)
            } else {
                quote!(#(#sizes)+*)
            }
        });
        let frame_impl = quote! {
            impl #frame_generics_decl __coro_rt::Frame for #frame #frame_generics_decl {
                const NAME: &'static str = ::core::concat!(::core::module_path!(), "::", #name_lit);
                const LOCALS_BYTES: usize = __coro_rt::max_of(&[#(#locals_bytes),*]);
                #big_stack
                fn done() -> Self {
                    #frame::Done
                }
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

        let split_helpers =
            self.split_helpers(&frame, &frame_generics_decl, &frame_ty, &suspensions);

        // ---- start value
        // The arguments moved into the frame: the macro's use of a `_arg`
        // is not the user's (clippy's `used_underscore_binding`).
        let start_fields = self.sig.params.iter().map(|p| {
            let (field, outer) = (&p.field, &p.outer);
            // (`outer` is the user's name there, `self`, or the macro's
            // `__argN` for a pattern, which has no `ident`.)
            let allow = (p.ident.is_some() && outer.to_string().starts_with('_'))
                .then(|| quote!(#[allow(clippy::used_underscore_binding)]));
            quote!(#allow #field: __coro_rt::Slot::new(#outer))
        });
        let start_value = quote!(#frame::Start { #(#start_fields),* });

        // ---- the ready enum: what `enter` hands to `run`, generic over
        // what each resume point gives. A machine that awaits names it
        // through the frame (`FrameReady`), as the outputs of the frame's
        // awaitee types (`Awaiting<F, F::Output>`): `run`, type-checked
        // first, then sees each await's output type as soon as the body
        // creates its awaitee. No bounds on the enum itself: every mention
        // of a bounded enum would carry one obligation per await.
        let ready_enum = quote!(#types::#ready_def_name);
        let awaits_first = !matches!(self.kind, Kind::Generator);
        let mut ready_params = Vec::new();
        let ready_variants: Vec<TokenStream> = suspensions
            .iter()
            .map(|&block| {
                let label = self.label(block);
                match &self.b.blocks[block].kind {
                    BlockKind::Start => quote!(#label),
                    BlockKind::Resume {
                        kind: SuspendKind::Yield,
                        ..
                    } if awaits_first => quote!(#label(())),
                    _ => {
                        let param = format_ident!("{}Out", label);
                        ready_params.push(param.clone());
                        quote!(#label(#param))
                    }
                }
            })
            .collect();
        let ready_generics = if ready_params.is_empty() {
            quote!()
        } else {
            quote!(<#(#ready_params),*>)
        };
        let ready_def = quote! {
            /// What the awaitee (or the resume argument) gave at each resume point.
            #[allow(non_camel_case_types, clippy::enum_variant_names)]
            pub(super) enum #ready_def_name #ready_generics {
                #(#ready_variants,)*
                /// The machine had already returned: the driver decides what
                /// that means (a panic for a future, `None` for an iterator).
                Done,
            }
        };
        let ready_impl = awaits_first.then(|| {
            let awaitees: Vec<&Ident> = suspensions
                .iter()
                .filter(|&&b| self.is_await(b))
                .map(|&b| &frame_ty[&field_key(&Field::Awaitee(b))])
                .collect();
            let args = if awaitees.is_empty() {
                quote!()
            } else {
                quote!(<#(<#awaitees as __coro_rt::Awaited>::Output),*>)
            };
            quote! {
                impl #frame_generics_decl __coro_rt::FrameReady for #frame #frame_generics_decl
                where #(#awaitees: __coro_rt::Awaited,)*
                {
                    type Ready = #ready_enum #args;
                }
            }
        });
        let names = super::closure::EnumNames {
            frame: &frame,
            step: &step,
            ready: &ready_enum,
            frame_generics: frame_generics.len(),
            ready_generics: ready_params.len(),
        };
        let (enter, run) = self.resume_closure(&names, &suspensions, &reached);
        let probe = self.probe_closure(&frame, frame_generics.len(), &suspensions);
        // `run` first where the frame names the ready type (see above).
        let closures = if awaits_first {
            quote!(#run, #enter)
        } else {
            quote!(#enter, #run)
        };
        let machine = match self.kind {
            Kind::Coro => quote!(__coro_rt::CoroMachine),
            Kind::Generator => quote!(__coro_rt::GenMachine),
            Kind::AsyncIter => quote!(__coro_rt::StreamMachine),
        };

        let mut sig = self.sig.sig.clone();
        let output = self.output_type();
        sig.output = syn::parse_quote!(-> #output);
        let attrs = &self.func.attrs;
        let vis = &self.func.vis;
        // The two ways `Keep` stores a local (see `Liveness::kept`).
        let keep = (!self.live.kept.is_empty()).then(|| {
            quote! {
                #[allow(unused_imports)]
                use __coro_rt::{KeepCopy as _, KeepMut as _, KeepValue as _};
            }
        });
        // Parameters taken to have nothing to drop by their type's name
        // (see `Signature::scalars`): rustc checks the name means the
        // primitive, or a type without a destructor. Statements, not
        // `const _` items: rustc's help on an unused variable offers a
        // constant in scope whose name is close to the variable's, and
        // `_` is one letter away from `a`.
        let scalars = self.sig.scalars.iter().map(
            |ty| quote_spanned!(syn::spanned::Spanned::span(ty)=> __coro_rt::no_drop::<#ty>();),
        );
        let body = quote! {
            use ::coro_runtime::__private as __coro_rt;
            #keep
            /// The machine's enums, in a module of their own so that
            /// their names never shadow the user's in this function.
            mod #types {
                #[allow(unused_imports)]
                use ::coro_runtime::__private as __coro_rt;
                #frame_enum
                #step_enum
                #ready_def
            }
            #frame_impl
            #split_helpers
            #ready_impl
            #(#scalars)*
            #machine::new(#start_value, #closures, #probe)
        };
        // The body's braces keep the user's span: rustc takes an item whose
        // span ends in a macro's token for the macro's own, and its lints
        // (an unused function's `dead_code`) are then not reported.
        let mut body = proc_macro2::Group::new(proc_macro2::Delimiter::Brace, body);
        body.set_span(self.func.block.brace_token.span.join());
        quote! {
            #(#attrs)*
            #vis #sig #body
        }
    }
}

pub(super) fn field_key(field: &Field) -> String {
    match field {
        Field::Var(v) => format!("v{v}"),
        Field::Maybe(v) => format!("m{v}"),
        Field::Awaitee(b) => format!("a{b}"),
        Field::Value(b) => format!("x{b}"),
    }
}
