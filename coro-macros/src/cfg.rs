//! `#[cfg]` and `#[cfg_attr]` inside the body.
//!
//! An attribute macro sees its item before rustc evaluates the `#[cfg]`s
//! inside it, and a proc macro cannot evaluate them itself. Left in place, a
//! `#[cfg]` would stick to whatever piece of generated code its statement
//! ends up in, and the analysis would count code that is not compiled (a
//! move in a statement configured out, say). So the function is expanded
//! once per combination of the distinct `cfg` predicates of its body, each
//! copy holding exactly the code its combination keeps, and each copy is
//! gated so that rustc compiles exactly one.
//!
//! Input:  `fn f() { #[cfg(feature = "x")] log().await; work().await }`
//! Output: `#[cfg(all(feature = "x"))] fn f() { log().await; work().await }`
//!         `#[cfg(all(not(feature = "x")))] fn f() { work().await }`
//!         (each then expanded as usual)
//!
//! Handled where stable Rust allows a `#[cfg]` in a function: parameters,
//! statements, `match` arms, fields of struct expressions and patterns, and
//! elements of arrays, tuples and call arguments; `#[cfg_attr]` on any of
//! these and on any expression. Nested items are left to rustc, as they are
//! copied verbatim.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::punctuated::Punctuated;
use syn::visit::Visit;
use syn::visit_mut::{self, VisitMut};
use syn::{Attribute, Expr, Meta, Stmt, Token};

/// More distinct predicates than this is an error: the function would be
/// expanded 2^n times.
pub const MAX_PREDICATES: usize = 4;

/// One copy of the function: the predicate that selects it, and the item
/// with its body configured for it.
pub struct Configured {
    pub gate: TokenStream,
    pub item: syn::ItemFn,
}

/// The copies to expand, or `None` when the parameters and the body have no
/// `#[cfg]` or `#[cfg_attr]` (the common case: expand the item as it is).
pub fn configurations(item: &syn::ItemFn) -> syn::Result<Option<Vec<Configured>>> {
    let mut finder = Predicates::default();
    for input in &item.sig.inputs {
        for attr in input_attrs(input) {
            finder.visit_attribute(attr);
        }
    }
    finder.visit_block(&item.block);
    if let Some(err) = finder.error {
        return Err(err);
    }
    let predicates: Vec<(String, Meta)> = finder.found.into_iter().collect();
    if predicates.is_empty() {
        return Ok(None);
    }
    if predicates.len() > MAX_PREDICATES {
        return Err(syn::Error::new_spanned(
            &finder.firsts[MAX_PREDICATES],
            format!(
                "more than {MAX_PREDICATES} distinct `cfg` conditions in one coroutine function: \
                 the macro expands the function once per combination of them (here {}); \
                 move some of the conditional code into helper functions",
                1usize << predicates.len()
            ),
        ));
    }
    let configs = (0..1usize << predicates.len())
        .map(|bits| {
            let truth: BTreeMap<String, bool> = predicates
                .iter()
                .enumerate()
                .map(|(i, (key, _))| (key.clone(), bits & (1 << i) != 0))
                .collect();
            let terms = predicates.iter().map(|(key, meta)| match truth[key] {
                true => meta.to_token_stream(),
                false => quote!(not(#meta)),
            });
            let mut item = item.clone();
            let mut configure = Configure { truth: &truth };
            configure.keep_items(&mut item.sig.inputs, |i| Some(input_attrs_mut(i)));
            configure.visit_block_mut(&mut item.block);
            Configured {
                gate: quote!(all(#(#terms),*)),
                item,
            }
        })
        .collect();
    Ok(Some(configs))
}

/// The distinct predicates of the body's `cfg` and `cfg_attr` attributes,
/// keyed by their tokens, and the attribute of the first use of each, in
/// the order they appear.
#[derive(Default)]
struct Predicates {
    found: BTreeMap<String, Meta>,
    firsts: Vec<Attribute>,
    error: Option<syn::Error>,
}

impl Predicates {
    fn add(&mut self, meta: Meta, attr: &Attribute) {
        let key = meta.to_token_stream().to_string();
        if let Entry::Vacant(slot) = self.found.entry(key) {
            slot.insert(meta);
            self.firsts.push(attr.clone());
        }
    }
}

impl<'ast> Visit<'ast> for Predicates {
    fn visit_attribute(&mut self, attr: &'ast Attribute) {
        match predicates(&attr.meta) {
            Ok(found) => found.into_iter().for_each(|meta| self.add(meta, attr)),
            Err(e) => {
                self.error.get_or_insert(e);
            }
        }
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// The predicates of a `cfg(p)` or `cfg_attr(p, ..)` attribute: `p`, and
/// those of the `cfg`s and `cfg_attr`s a `cfg_attr` expands to. None for
/// any other attribute.
fn predicates(meta: &Meta) -> syn::Result<Vec<Meta>> {
    let Meta::List(list) = meta else {
        return Ok(Vec::new());
    };
    if list.path.is_ident("cfg") {
        return Ok(vec![list.parse_args::<Meta>()?]);
    }
    if !list.path.is_ident("cfg_attr") {
        return Ok(Vec::new());
    }
    let parts = list.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)?;
    let mut parts = parts.into_iter();
    let Some(first) = parts.next() else {
        return Err(syn::Error::new_spanned(
            meta,
            "`cfg_attr` needs a predicate",
        ));
    };
    let mut found = vec![first];
    for part in parts {
        found.extend(predicates(&part)?);
    }
    Ok(found)
}

/// Removes what a combination configures out; strips the `cfg`s it keeps
/// and replaces each `cfg_attr` by its attributes or by nothing.
///
/// In each position a node's `cfg_attr`s are expanded first (one may expand
/// to a `cfg`), then its `cfg`s decide whether it stays, then the `cfg`s of
/// the nodes that stay are dropped.
struct Configure<'a> {
    truth: &'a BTreeMap<String, bool>,
}

impl Configure<'_> {
    fn holds(&self, meta: &Meta) -> Option<bool> {
        self.truth.get(&meta.to_token_stream().to_string()).copied()
    }

    /// The truth of a `cfg` attribute, `None` for any other attribute and
    /// for a predicate this combination does not decide.
    fn cfg_truth(&self, attr: &Attribute) -> Option<bool> {
        if !attr.path().is_ident("cfg") {
            return None;
        }
        attr.parse_args::<Meta>().ok().and_then(|m| self.holds(&m))
    }

    /// Replaces each `cfg_attr` this combination decides by its attributes
    /// (when its predicate holds) or by nothing.
    fn expand(&self, attrs: &mut Vec<Attribute>) {
        let mut out = Vec::with_capacity(attrs.len());
        let mut pending: Vec<Attribute> = std::mem::take(attrs);
        pending.reverse();
        while let Some(attr) = pending.pop() {
            let parts = if attr.path().is_ident("cfg_attr") {
                attr.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
                    .ok()
            } else {
                None
            };
            let Some(parts) = parts else {
                out.push(attr);
                continue;
            };
            let mut parts = parts.into_iter();
            match parts.next().and_then(|p| self.holds(&p)) {
                Some(true) => {
                    // In place and in order: they may be `cfg_attr`s too.
                    let expanded: Vec<Attribute> = parts
                        .map(|meta| Attribute {
                            pound_token: attr.pound_token,
                            style: attr.style,
                            bracket_token: attr.bracket_token,
                            meta,
                        })
                        .collect();
                    pending.extend(expanded.into_iter().rev());
                }
                Some(false) => {}
                None => out.push(attr),
            }
        }
        *attrs = out;
    }

    /// Expands the `cfg_attr`s of `attrs`; whether the node stays. The
    /// `cfg`s decided here are removed from a node that stays.
    fn keep(&self, attrs: &mut Vec<Attribute>) -> bool {
        self.expand(attrs);
        if attrs.iter().any(|a| self.cfg_truth(a) == Some(false)) {
            return false;
        }
        attrs.retain(|a| self.cfg_truth(a).is_none());
        true
    }

    /// Drops the items of `list` this combination configures out.
    fn keep_items<T, P: Default>(
        &self,
        list: &mut Punctuated<T, P>,
        attrs: fn(&mut T) -> Option<&mut Vec<Attribute>>,
    ) {
        let kept: Vec<T> = std::mem::take(list)
            .into_iter()
            .filter_map(|mut item| {
                attrs(&mut item)
                    .is_none_or(|a| self.keep(a))
                    .then_some(item)
            })
            .collect();
        list.extend(kept);
    }
}

impl VisitMut for Configure<'_> {
    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        block
            .stmts
            .retain_mut(|s| stmt_attrs_mut(s).is_none_or(|a| self.keep(a)));
        visit_mut::visit_block_mut(self, block);
    }
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        if let Some(attrs) = expr_attrs_mut(expr) {
            // Not in a list: there is nothing to remove it from, so only its
            // `cfg_attr`s are resolved (rustc rejects a `cfg` here anyway).
            self.expand(attrs);
        }
        match expr {
            Expr::Match(m) => m.arms.retain_mut(|arm| self.keep(&mut arm.attrs)),
            Expr::Struct(s) => self.keep_items(&mut s.fields, |f| Some(&mut f.attrs)),
            Expr::Array(a) => self.keep_items(&mut a.elems, expr_attrs_mut),
            Expr::Tuple(t) => self.keep_items(&mut t.elems, expr_attrs_mut),
            Expr::Call(c) => self.keep_items(&mut c.args, expr_attrs_mut),
            Expr::MethodCall(m) => self.keep_items(&mut m.args, expr_attrs_mut),
            _ => {}
        }
        visit_mut::visit_expr_mut(self, expr);
    }
    fn visit_local_mut(&mut self, local: &mut syn::Local) {
        self.expand(&mut local.attrs);
        visit_mut::visit_local_mut(self, local);
    }
    fn visit_pat_struct_mut(&mut self, pat: &mut syn::PatStruct) {
        self.keep_items(&mut pat.fields, |f| Some(&mut f.attrs));
        visit_mut::visit_pat_struct_mut(self, pat);
    }
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

fn input_attrs(input: &syn::FnArg) -> &[Attribute] {
    match input {
        syn::FnArg::Receiver(r) => &r.attrs,
        syn::FnArg::Typed(t) => &t.attrs,
    }
}

fn input_attrs_mut(input: &mut syn::FnArg) -> &mut Vec<Attribute> {
    match input {
        syn::FnArg::Receiver(r) => &mut r.attrs,
        syn::FnArg::Typed(t) => &mut t.attrs,
    }
}

fn stmt_attrs_mut(stmt: &mut Stmt) -> Option<&mut Vec<Attribute>> {
    match stmt {
        Stmt::Local(l) => Some(&mut l.attrs),
        Stmt::Macro(m) => Some(&mut m.attrs),
        Stmt::Expr(e, _) => expr_attrs_mut(e),
        // Left to rustc (see the module docs).
        Stmt::Item(_) => None,
    }
}

/// `$body` applied to the node of any `Expr` variant (they all carry
/// `attrs`), `None` for `Verbatim` and future variants.
macro_rules! on_expr_node {
    ($expr:expr, |$e:ident| $body:expr) => {
        match $expr {
            Expr::Array($e) => Some($body),
            Expr::Assign($e) => Some($body),
            Expr::Async($e) => Some($body),
            Expr::Await($e) => Some($body),
            Expr::Binary($e) => Some($body),
            Expr::Block($e) => Some($body),
            Expr::Break($e) => Some($body),
            Expr::Call($e) => Some($body),
            Expr::Cast($e) => Some($body),
            Expr::Closure($e) => Some($body),
            Expr::Const($e) => Some($body),
            Expr::Continue($e) => Some($body),
            Expr::Field($e) => Some($body),
            Expr::ForLoop($e) => Some($body),
            Expr::Group($e) => Some($body),
            Expr::If($e) => Some($body),
            Expr::Index($e) => Some($body),
            Expr::Infer($e) => Some($body),
            Expr::Let($e) => Some($body),
            Expr::Lit($e) => Some($body),
            Expr::Loop($e) => Some($body),
            Expr::Macro($e) => Some($body),
            Expr::Match($e) => Some($body),
            Expr::MethodCall($e) => Some($body),
            Expr::Paren($e) => Some($body),
            Expr::Path($e) => Some($body),
            Expr::Range($e) => Some($body),
            Expr::RawAddr($e) => Some($body),
            Expr::Reference($e) => Some($body),
            Expr::Repeat($e) => Some($body),
            Expr::Return($e) => Some($body),
            Expr::Struct($e) => Some($body),
            Expr::Try($e) => Some($body),
            Expr::TryBlock($e) => Some($body),
            Expr::Tuple($e) => Some($body),
            Expr::Unary($e) => Some($body),
            Expr::Unsafe($e) => Some($body),
            Expr::While($e) => Some($body),
            Expr::Yield($e) => Some($body),
            _ => None,
        }
    };
}

fn expr_attrs_mut(expr: &mut Expr) -> Option<&mut Vec<Attribute>> {
    on_expr_node!(expr, |e| &mut e.attrs)
}

#[cfg(test)]
mod tests {
    use quote::ToTokens;

    use super::{MAX_PREDICATES, configurations};

    fn copies(item: syn::ItemFn) -> Vec<(String, String)> {
        configurations(&item)
            .unwrap()
            .unwrap()
            .into_iter()
            .map(|c| {
                (
                    c.gate.to_string(),
                    c.item.block.into_token_stream().to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn a_body_without_cfg_is_expanded_once() {
        let item: syn::ItemFn = syn::parse_quote!(
            fn f() {
                #[allow(unused)]
                let x = 1;
            }
        );
        assert!(configurations(&item).unwrap().is_none());
    }

    #[test]
    fn one_copy_per_combination_each_with_what_it_keeps() {
        let got = copies(syn::parse_quote!(
            fn f() {
                #[cfg(unix)]
                a().await;
                b().await;
                #[cfg(feature = "x")]
                let c = 1;
            }
        ));
        let want = [
            (
                "all (not (feature = \"x\") , not (unix))",
                "{ b () . await ; }",
            ),
            (
                "all (feature = \"x\" , not (unix))",
                "{ b () . await ; let c = 1 ; }",
            ),
            (
                "all (not (feature = \"x\") , unix)",
                "{ a () . await ; b () . await ; }",
            ),
            (
                "all (feature = \"x\" , unix)",
                "{ a () . await ; b () . await ; let c = 1 ; }",
            ),
        ];
        let got: Vec<(&str, &str)> = got.iter().map(|(g, b)| (g.as_str(), b.as_str())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn cfg_attr_expands_in_place_and_may_configure_out() {
        let got = copies(syn::parse_quote!(
            fn f() {
                #[cfg_attr(unix, allow(unused), cfg(unix))]
                let a = 1;
                #[cfg_attr(unix, cfg(not(unix)))]
                let b = 2;
            }
        ));
        // `not(unix)` counts as a predicate of its own: the impossible
        // combinations with `unix` are expanded too, and never compiled.
        let got: Vec<(&str, &str)> = got.iter().map(|(g, b)| (g.as_str(), b.as_str())).collect();
        let want = [
            (
                "all (not (not (unix)) , not (unix))",
                "{ let a = 1 ; let b = 2 ; }",
            ),
            (
                "all (not (unix) , not (unix))",
                "{ let a = 1 ; let b = 2 ; }",
            ),
            (
                "all (not (not (unix)) , unix)",
                "{ # [allow (unused)] let a = 1 ; }",
            ),
            (
                "all (not (unix) , unix)",
                "{ # [allow (unused)] let a = 1 ; let b = 2 ; }",
            ),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn arms_fields_and_elements_are_configured() {
        let got = copies(syn::parse_quote!(
            fn f() {
                match x {
                    #[cfg(unix)]
                    1 => a,
                    _ => b,
                }
                S {
                    #[cfg(unix)]
                    a: 1,
                    b: 2,
                };
                [
                    #[cfg(unix)]
                    1,
                    2,
                ];
                g(
                    #[cfg(unix)]
                    1,
                    2,
                );
                let S {
                    #[cfg(unix)]
                    a,
                    ..
                } = s;
            }
        ));
        assert_eq!(
            got[0].1,
            "{ match x { _ => b , } S { b : 2 } ; [2] ; g (2) ; let S { .. } = s ; }"
        );
        assert_eq!(
            got[1].1,
            "{ match x { 1 => a , _ => b , } S { a : 1 , b : 2 } ; [1 , 2] ; g (1 , 2) ; \
             let S { a , .. } = s ; }"
        );
    }

    #[test]
    fn parameters_are_configured() {
        let item: syn::ItemFn = syn::parse_quote!(
            fn f(#[cfg(unix)] a: u32, #[cfg_attr(unix, allow(unused))] b: u32) {}
        );
        let sigs: Vec<String> = configurations(&item)
            .unwrap()
            .unwrap()
            .into_iter()
            .map(|c| c.item.sig.inputs.into_token_stream().to_string())
            .collect();
        assert_eq!(sigs, ["b : u32", "a : u32 , # [allow (unused)] b : u32"]);
    }

    #[test]
    fn nested_items_are_left_to_rustc() {
        let item: syn::ItemFn = syn::parse_quote!(
            fn f() {
                #[cfg(unix)]
                fn g() {}
                g();
            }
        );
        assert!(configurations(&item).unwrap().is_none());
    }

    #[test]
    fn too_many_predicates_is_an_error() {
        let item: syn::ItemFn = syn::parse_quote!(
            fn f() {
                #[cfg(a)]
                x();
                #[cfg(b)]
                x();
                #[cfg(c)]
                x();
                #[cfg(d)]
                x();
                #[cfg(e)]
                x();
            }
        );
        let err = configurations(&item).err().expect("an error");
        assert!(
            err.to_string()
                .contains(&format!("more than {MAX_PREDICATES}")),
            "{err}"
        );
        assert!(err.to_string().contains("(here 32)"), "{err}");
    }
}
