//! The function's signature: what the frame's `Start` variant stores and
//! what the returned machine's type says.
//!
//! Input:  `fn get(&self, key: &str, (a, b): (u8, u8)) -> &str`
//! Output: `fn get<'__coro0, '__coro1>(&'__coro0 self, key: &'__coro1 str, __arg2: (u8, u8))`
//!         returning `impl Coroutine<Output = &'__coro0 str> + Captures<(&'__coro0 (), &'__coro1 ())>`,
//!         with params `this`, `key`, `__arg2` (the body starts with `let (a, b) = __arg2;`).
//!
//! Elided lifetimes get names so that the opaque return type can capture
//! them in every edition, as `async fn` does.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::visit_mut::{self, VisitMut};
use syn::{FnArg, GenericParam, Ident, Lifetime, LifetimeParam, Pat, ReturnType, Type};

/// One parameter of the function, as the frame stores it.
pub struct Param {
    /// The name the outer function gives the argument (`self`, `key`, `__arg2`).
    pub outer: TokenStream,
    /// The field of the `Start` variant.
    pub field: Ident,
    /// How the body refers to it: the user's identifier (`this` stands for
    /// `self`), or `None` for a destructuring pattern bound by `pattern`.
    pub ident: Option<Ident>,
    pub mutable: bool,
    /// A destructuring pattern to bind at the start of the body.
    pub pattern: Option<Pat>,
    pub kind: ParamKind,
    /// Its type has nothing to drop, by its syntax (see [`drop_free`]): the
    /// frame keeps it only while code after a point reads it.
    pub no_drop: bool,
}

/// What the parameter's type says about where its value lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// A value stored in the frame.
    Owned,
    /// A shared reference: what it points to is outside the frame.
    Ref,
    /// A `&mut` reference: reborrowing it for an awaited value conflicts
    /// with moving it into the frame.
    MutRef,
    /// A `Box`: `*param` moves out of it.
    Boxed,
}

fn param_kind(ty: &Type) -> ParamKind {
    match ty {
        Type::Reference(r) if r.mutability.is_some() => ParamKind::MutRef,
        Type::Reference(_) => ParamKind::Ref,
        Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Box") => {
            ParamKind::Boxed
        }
        Type::Paren(p) => param_kind(&p.elem),
        Type::Group(g) => param_kind(&g.elem),
        _ => ParamKind::Owned,
    }
}

/// Whether a value of type `ty` has nothing to drop, by the type's syntax:
/// a reference, a raw or function pointer, `!`, a primitive scalar, or a
/// tuple or array of these. The scalars it relies on go into `scalars`;
/// `generics`: the function's type parameters, which may shadow a scalar's
/// name (`fn f<u32>(..)`).
fn drop_free(ty: &Type, generics: &[Ident], scalars: &mut Vec<Type>) -> bool {
    match ty {
        Type::Reference(_) | Type::Ptr(_) | Type::BareFn(_) | Type::Never(_) => true,
        Type::Paren(p) => drop_free(&p.elem, generics, scalars),
        Type::Group(g) => drop_free(&g.elem, generics, scalars),
        Type::Array(a) => drop_free(&a.elem, generics, scalars),
        Type::Tuple(t) => t.elems.iter().all(|e| drop_free(e, generics, scalars)),
        Type::Path(p) if p.qself.is_none() && is_scalar(&p.path, generics) => {
            scalars.push(ty.clone());
            true
        }
        _ => false,
    }
}

/// `u32`, `core::primitive::u32`, `::std::primitive::bool`, ..
fn is_scalar(path: &syn::Path, generics: &[Ident]) -> bool {
    const SCALARS: [&str; 16] = [
        "bool", "char", "f32", "f64", "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16",
        "u32", "u64", "u128", "usize",
    ];
    let segments: Vec<&syn::PathSegment> = path.segments.iter().collect();
    let Some(last) = segments.last() else {
        return false;
    };
    let plain = segments
        .iter()
        .all(|s| matches!(s.arguments, syn::PathArguments::None));
    let qualified = match segments.as_slice() {
        [_] => path.leading_colon.is_none() && !generics.contains(&last.ident),
        [krate, module, _] => {
            (krate.ident == "core" || krate.ident == "std") && module.ident == "primitive"
        }
        _ => false,
    };
    plain && qualified && SCALARS.iter().any(|s| last.ident == s)
}

pub struct Signature {
    pub sig: syn::Signature,
    pub params: Vec<Param>,
    /// The type the body returns (`()` when the signature has none).
    pub output: Type,
    /// Whether `output` contains `impl Trait` (it can then not be named in the body).
    pub output_is_opaque: bool,
    pub lifetimes: Vec<Lifetime>,
    /// The primitive types (`u32`, `bool`, ..) that parameters taken to
    /// have nothing to drop are declared with. A type of the user's may
    /// shadow such a name (`struct u32(String);`): the expansion has rustc
    /// check that each is `Copy`, which no type with a destructor is.
    pub scalars: Vec<Type>,
}

/// A parameter's field in the frame: its name, unless that is one of the
/// fields the generated code reserves (`awaitee`, `ready`, `value`).
fn field_name(ident: &Ident) -> Ident {
    let name = ident.to_string();
    let raw = name.starts_with("r#");
    let name = name.trim_start_matches("r#");
    if raw || matches!(name, "awaitee" | "ready" | "value") {
        format_ident!("{}_", name)
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// The identifier the body uses for `self`.
pub fn self_ident(span: Span) -> Ident {
    Ident::new("__coro_self", span)
}

pub fn analyse(mut sig: syn::Signature) -> syn::Result<Signature> {
    if let Some(asyncness) = sig.asyncness {
        return Err(syn::Error::new(
            asyncness.span,
            "remove `async`: the attribute itself makes this function a coroutine (`.await` works in its body); `async fn` would be compiled by rustc instead",
        ));
    }
    if let Some(constness) = sig.constness {
        return Err(syn::Error::new(
            constness.span,
            "remove `const`: a coroutine's machine is created and polled at run time, which a `const fn` cannot do",
        ));
    }
    if let Some(variadic) = &sig.variadic {
        return Err(syn::Error::new_spanned(
            variadic,
            "remove the `...`: a coroutine takes a fixed list of arguments",
        ));
    }
    if let Some(abi) = &sig.abi {
        return Err(syn::Error::new_spanned(
            abi,
            "remove the `extern` ABI: a coroutine returns a Rust machine (`impl Coroutine`), which no foreign ABI can pass; to call one from foreign code, write an `extern` function that runs it (with `Runtime::block_on`, say)",
        ));
    }

    let mut namer = ElidedLifetimes {
        next: 0,
        named: Vec::new(),
    };
    let mut receiver_lifetime = None;
    let mut params = Vec::new();
    let mut input_lifetimes = Vec::new();
    let generics: Vec<Ident> = sig
        .generics
        .type_params()
        .map(|t| t.ident.clone())
        .collect();
    let mut scalars = Vec::new();
    let mut no_drop = |ty: &Type| {
        let mut found = Vec::new();
        let free = drop_free(ty, &generics, &mut found);
        if free {
            scalars.extend(found);
        }
        free
    };
    for (index, arg) in sig.inputs.iter_mut().enumerate() {
        match arg {
            FnArg::Receiver(receiver) => {
                let span = receiver.self_token.span;
                if let Some((_, lifetime)) = &mut receiver.reference {
                    let named = lifetime.get_or_insert_with(|| namer.fresh(span));
                    if named.ident == "_" {
                        *named = namer.fresh(span);
                    }
                    receiver_lifetime = Some(named.clone());
                    input_lifetimes.push(named.clone());
                } else {
                    namer.visit_type_mut(&mut receiver.ty);
                }
                if receiver.reference.is_some()
                    && let Type::Reference(r) = &mut *receiver.ty
                {
                    r.lifetime = receiver_lifetime.clone();
                }
                let mutable = receiver.reference.is_none() && receiver.mutability.is_some();
                let kind = match &receiver.reference {
                    Some(_) if receiver.mutability.is_some() => ParamKind::MutRef,
                    Some(_) => ParamKind::Ref,
                    None => param_kind(&receiver.ty),
                };
                // `mut self` is re-bound in the frame: the signature need not say it.
                if receiver.reference.is_none() {
                    receiver.mutability = None;
                }
                let self_token = receiver.self_token;
                params.push(Param {
                    outer: quote!(#self_token),
                    field: Ident::new("this", Span::call_site()),
                    ident: Some(self_ident(span)),
                    mutable,
                    pattern: None,
                    kind,
                    no_drop: no_drop(&receiver.ty),
                });
            }
            FnArg::Typed(typed) => {
                let before = namer.named.len();
                namer.visit_type_mut(&mut typed.ty);
                input_lifetimes.extend(namer.named[before..].iter().cloned());
                collect_named_lifetimes(&typed.ty, &mut input_lifetimes);
                match &*typed.pat {
                    Pat::Ident(pat) if pat.by_ref.is_none() && pat.subpat.is_none() => {
                        let ident = pat.ident.clone();
                        let mutable = pat.mutability.is_some();
                        *typed.pat = Pat::Ident(syn::PatIdent {
                            attrs: pat.attrs.clone(),
                            by_ref: None,
                            mutability: None,
                            ident: ident.clone(),
                            subpat: None,
                        });
                        params.push(Param {
                            outer: quote!(#ident),
                            field: field_name(&ident),
                            ident: Some(ident),
                            mutable,
                            pattern: None,
                            kind: param_kind(&typed.ty),
                            no_drop: no_drop(&typed.ty),
                        });
                    }
                    pat => {
                        let pattern = pat.clone();
                        let outer = format_ident!("__arg{}", index, span = Span::mixed_site());
                        *typed.pat = syn::parse_quote!(#outer);
                        params.push(Param {
                            outer: quote!(#outer),
                            field: format_ident!("arg{}", index),
                            ident: None,
                            mutable: false,
                            pattern: Some(pattern),
                            kind: ParamKind::Owned,
                            no_drop: false,
                        });
                    }
                }
            }
        }
    }

    // Output elision: the receiver's lifetime, else the only input lifetime.
    let elided_output = receiver_lifetime.or_else(|| {
        let mut unique = input_lifetimes.clone();
        unique.dedup_by(|a, b| a.ident == b.ident);
        (unique.len() == 1).then(|| unique[0].clone())
    });
    let (output, output_is_opaque) = match &mut sig.output {
        ReturnType::Default => (syn::parse_quote!(()), false),
        ReturnType::Type(_, ty) => {
            if let Some(lifetime) = &elided_output {
                OutputElision(lifetime).visit_type_mut(ty);
            }
            let mut opaque = FindImplTrait(false);
            syn::visit::Visit::visit_type(&mut opaque, ty);
            ((**ty).clone(), opaque.0)
        }
    };
    // `-> !`: the machine's output type is an argument of `Coroutine<Output
    // = ..>`, where `!` is unstable; `Infallible` is stable Rust's `!`. The
    // body, of type `!`, coerces to it.
    let output = match output {
        Type::Never(never) => {
            let span = never.bang_token.span;
            syn::parse_quote_spanned!(span=> ::core::convert::Infallible)
        }
        other => other,
    };

    for lifetime in &namer.named {
        sig.generics
            .params
            .push(GenericParam::Lifetime(LifetimeParam::new(lifetime.clone())));
    }
    let mut lifetimes: Vec<Lifetime> = sig
        .generics
        .lifetimes()
        .map(|l| l.lifetime.clone())
        .collect();
    lifetimes.dedup_by(|a, b| a.ident == b.ident);

    // Duplicated field names (a parameter called `this`) get a suffix.
    for i in 0..params.len() {
        let clash = params[..i].iter().any(|p| p.field == params[i].field);
        if clash {
            params[i].field = format_ident!("{}_{}", params[i].field, i);
        }
    }

    Ok(Signature {
        sig,
        params,
        output,
        output_is_opaque,
        lifetimes,
        scalars: {
            let mut unique: Vec<Type> = Vec::new();
            for ty in scalars {
                let text = quote!(#ty).to_string();
                if !unique.iter().any(|u| quote!(#u).to_string() == text) {
                    unique.push(ty);
                }
            }
            unique
        },
    })
}

struct ElidedLifetimes {
    next: usize,
    named: Vec<Lifetime>,
}

impl ElidedLifetimes {
    fn fresh(&mut self, span: Span) -> Lifetime {
        // At the user's token, but marked as the macro's: lints about
        // lifetimes the user could elide (clippy's `needless_lifetimes`)
        // must not count the ones the macro names.
        let span = Span::call_site().located_at(span);
        let lifetime = Lifetime::new(&format!("'__coro{}", self.next), span);
        self.next += 1;
        self.named.push(lifetime.clone());
        lifetime
    }
}

impl VisitMut for ElidedLifetimes {
    fn visit_type_reference_mut(&mut self, r: &mut syn::TypeReference) {
        let span = r.and_token.span;
        match &r.lifetime {
            None => r.lifetime = Some(self.fresh(span)),
            Some(l) if l.ident == "_" => r.lifetime = Some(self.fresh(l.span())),
            Some(_) => {}
        }
        visit_mut::visit_type_reference_mut(self, r);
    }
    fn visit_generic_argument_mut(&mut self, arg: &mut syn::GenericArgument) {
        if let syn::GenericArgument::Lifetime(l) = arg
            && l.ident == "_"
        {
            *l = self.fresh(l.span());
        }
        visit_mut::visit_generic_argument_mut(self, arg);
    }
    fn visit_type_impl_trait_mut(&mut self, _: &mut syn::TypeImplTrait) {}
    fn visit_type_bare_fn_mut(&mut self, _: &mut syn::TypeBareFn) {}
    fn visit_type_trait_object_mut(&mut self, _: &mut syn::TypeTraitObject) {}
}

fn collect_named_lifetimes(ty: &Type, out: &mut Vec<Lifetime>) {
    struct Collect<'a>(&'a mut Vec<Lifetime>);
    impl<'ast> syn::visit::Visit<'ast> for Collect<'_> {
        fn visit_lifetime(&mut self, l: &'ast Lifetime) {
            if l.ident != "_" && l.ident != "static" && !self.0.iter().any(|o| o.ident == l.ident) {
                self.0.push(l.clone());
            }
        }
    }
    syn::visit::Visit::visit_type(&mut Collect(out), ty);
}

struct OutputElision<'a>(&'a Lifetime);

impl VisitMut for OutputElision<'_> {
    fn visit_type_reference_mut(&mut self, r: &mut syn::TypeReference) {
        match &r.lifetime {
            None => r.lifetime = Some(self.0.clone()),
            Some(l) if l.ident == "_" => r.lifetime = Some(self.0.clone()),
            Some(_) => {}
        }
        visit_mut::visit_type_reference_mut(self, r);
    }
    fn visit_generic_argument_mut(&mut self, arg: &mut syn::GenericArgument) {
        if let syn::GenericArgument::Lifetime(l) = arg
            && l.ident == "_"
        {
            *l = self.0.clone();
        }
        visit_mut::visit_generic_argument_mut(self, arg);
    }
    fn visit_type_bare_fn_mut(&mut self, _: &mut syn::TypeBareFn) {}
}

struct FindImplTrait(bool);

impl<'ast> syn::visit::Visit<'ast> for FindImplTrait {
    fn visit_type_impl_trait(&mut self, _: &'ast syn::TypeImplTrait) {
        self.0 = true;
    }
}
