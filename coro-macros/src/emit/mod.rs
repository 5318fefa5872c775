//! The generated code: frame, step and ready enums, the `Frame` impl, and
//! the machine's closures.
//!
//! Input:
//! ```text
//! #[coro] fn add(a: u32) -> u32 { let b = double(a).await; a + b }
//! ```
//! Output (abridged):
//! ```text
//! fn add(a: u32) -> impl Coroutine<Output = u32> {
//!     // The enums sit in a module, so that their names never shadow the
//!     // user's; the rest of the function names them `__coro::AddFrame` etc.
//!     // (written `AddFrame` below).
//!     mod __coro {
//!         // Every field in a `Slot`, which hides its niches: the tag is a
//!         // byte of its own, read without arithmetic on every poll.
//!         pub(super) enum AddFrame<A, Awaitee0> {
//!             Start { a: Slot<A> }, Await0 { awaitee: Slot<Awaitee0>, a: Slot<A> }, Done, Poisoned,
//!         }
//!         // Generic over the outputs, which the frame names through its
//!         // awaitees (`FrameReady`), so that `run` can come first.
//!         pub(super) enum AddReady<Await0Out> { Start, Await0(Await0Out), Done }
//!         // A body with joins (loops, branches that meet after an await)
//!         // also has a step enum, `#[repr(u8)]` (it lives on the stack):
//!         // `Resumed(AddReady<..>)`, or a join with the values it carries.
//!     }
//!     impl<..> Frame for AddFrame<..> { .. }
//!     impl<..> FrameReady for AddFrame<A, Awaitee0> { type Ready = AddReady<Awaitee0::Output>; }
//!     CoroMachine::new(
//!         AddFrame::Start { a: Slot::new(a) },
//!         // run: the user's code, split into stages (see `stages`), to the
//!         // next suspension point. A resume point's stage moves its locals
//!         // out of the frame itself; joins within one resume get theirs in
//!         // the step. Type-checked before `enter`, it fixes the awaitees'
//!         // types before anything polls them (a generator, which has no
//!         // awaitees, passes `enter` first).
//!         |frame, ready| {
//!             match ready {
//!                 AddReady::Done => return Next::Finished,
//!                 AddReady::Start => {
//!                     // `take` leaves `Done`; one `unslot{n}` call per
//!                     // eight locals (`slots{n}` on the way in).
//!                     let AddFrame::Start { a: h_a, .. } = take(frame) else { unreachable!() };
//!                     let (h_a,) = unslot1(h_a);
//!                     let a = h_a; // where `a`'s scope starts
//!                     // `awaitee` checks the future and puts it in a `Slot`.
//!                     let awaitee = awaitee(double(a));
//!                     let (s0,) = slots1(a);
//!                     *frame = AddFrame::Await0 { awaitee, a: s0 };
//!                     return Next::Suspended;
//!                 }
//!                 AddReady::Await0(ready) => {
//!                     let AddFrame::Await0 { a, .. } = /* likewise */;
//!                     let b = ready;
//!                     return Next::Return(a + b);
//!                 }
//!             }
//!         },
//!         // enter: poll the awaitee in place; a Pending poll ends here.
//!         |frame, cx| Ready(match frame {
//!             AddFrame::Start { .. } => AddReady::Start,
//!             AddFrame::Await0 { awaitee, .. } => match poll_awaitee(awaitee, cx) {
//!                 Ready(out) => AddReady::Await0(out),
//!                 Pending => return Pending,
//!             },
//!             AddFrame::Done => AddReady::Done,
//!             AddFrame::Poisoned => resumed_after_panic(..),
//!         }),
//!         /* probe, for traces */
//!     )
//! }
//! ```

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::analyse::{self, Liveness};
use crate::args::{self, Args, Kind};
use crate::lower::{
    BlockId, BlockKind, Builder, Keeper, KeptClosure, Operand, SuspendKind, VarId, Via,
};
use crate::rewrite;
use crate::scan::{self, Touch};
use crate::signature::{self, Signature};

mod closure;
mod enums;
mod stages;

/// The function the attribute is on.
pub fn parse_item(kind: Kind, item: TokenStream) -> syn::Result<syn::ItemFn> {
    syn::parse2(item.clone()).map_err(|e| {
        // A method declared in a trait, without a body: nothing to compile.
        if let Ok(decl) = syn::parse2::<syn::TraitItemFn>(item)
            && let Some(semi) = decl.semi_token
        {
            return syn::Error::new(
                semi.span,
                format!(
                    "{attr} needs the function's body: declare the trait's method with the return type the attribute gives (`fn {name}(..) -> {example}`) and put {attr} on each impl's method",
                    attr = kind.attr(),
                    name = decl.sig.ident,
                    example = kind.machine_example(),
                ),
            );
        }
        syn::Error::new(
            e.span(),
            format!("{} applies to a function: {e}", kind.attr()),
        )
    })
}

pub fn expand(kind: Kind, args: TokenStream, func: &syn::ItemFn) -> syn::Result<TokenStream> {
    let args = args::parse(kind, args)?;
    let sig = signature::analyse(func.sig.clone())?;
    let mut body = *func.block.clone();
    crate::validate::validate(kind, &func.sig.ident, &body)?;
    rewrite::rename_self(&mut body);
    crate::chains::split_let_chains(&mut body);
    let residual_target = match kind {
        Kind::AsyncIter => args.yield_ty.as_ref(),
        _ if sig.output_is_opaque => None,
        _ => Some(&sig.output),
    };
    rewrite::rewrite_exits(kind, residual_target, &mut body);
    let param_names: Vec<Ident> = sig
        .params
        .iter()
        .flat_map(|p| {
            let bound = p
                .pattern
                .as_ref()
                .map(scan::pat_bindings)
                .unwrap_or_default();
            p.ident
                .clone()
                .into_iter()
                .chain(bound.into_iter().map(|(i, _)| i))
        })
        .collect();
    crate::flags::mark_splits(&mut body, &param_names);

    let mut b = Builder::new(kind);
    lower_body(&mut b, &sig, &func.sig, body);
    b.place_pending_jumps();
    combine(std::mem::take(&mut b.errors))?;
    let live = analyse::analyse(&b);
    check_shadowing(&b, &live)?;
    check_borrows_across_suspensions(&b, &live)?;
    Ok(Emitter {
        kind,
        args: &args,
        sig: &sig,
        func,
        b: &b,
        live: &live,
    }
    .emit())
}

/// On error: the function with the signature the expansion would have had
/// and a body returning a stand-in machine, so that its callers type-check
/// and the user sees one error, not a cascade.
pub fn fallback(kind: Kind, args: TokenStream, func: &syn::ItemFn) -> syn::Result<TokenStream> {
    let mut plain = func.sig.clone();
    plain.asyncness = None;
    plain.constness = None;
    let sig = signature::analyse(plain)?;
    let args = args::parse(kind, args).unwrap_or(Args {
        yield_ty: None,
        resume_ty: None,
        clone: false,
    });
    let output = output_type(kind, &args, &sig);
    // An async iterator's stand-in has no output for inference to find.
    let output_param = if kind == Kind::AsyncIter {
        quote!(())
    } else {
        quote!(_)
    };
    let yield_ty = args
        .yield_ty
        .clone()
        .unwrap_or_else(|| syn::parse_quote!(()));
    let mut out_sig = sig.sig.clone();
    out_sig.output = syn::parse_quote!(-> #output);
    let (attrs, vis) = (&func.attrs, &func.vis);
    // Keep the user's `yield_` import used, as a successful expansion does.
    let yield_uses = scan::yield_paths(&func.block)
        .into_iter()
        .map(|path| quote!(#path!(@used);));
    Ok(quote! {
        #(#attrs)*
        #[allow(unused_variables, unused_mut, clippy::all)]
        #vis #out_sig {
            #(#yield_uses)*
            ::coro_runtime::__private::Fallback::<#output_param, #yield_ty>::new()
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
    let captures = if args.clone {
        quote!(+ ::core::clone::Clone #captures)
    } else {
        captures
    };
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

fn lower_body(b: &mut Builder, sig: &Signature, user_sig: &syn::Signature, body: syn::Block) {
    b.begin();
    b.open_scope();
    // How the user wrote each parameter's bindings (`mut b`) and the
    // parameter's own attributes (an `allow`, a `cfg_attr`), for rustc's
    // `unused_variables` on those the body never reads, as an `async fn`
    // gets it (see `UnreadCheck`).
    let written: Vec<(String, TokenStream, TokenStream)> = user_sig
        .inputs
        .iter()
        .filter_map(|arg| match arg {
            syn::FnArg::Typed(t) => {
                let attrs = &t.attrs;
                let attrs = quote!(#(#attrs)*);
                let bindings = crate::lower::control::written_bindings(&t.pat);
                Some(
                    bindings
                        .into_iter()
                        .map(move |(name, tokens)| (name, tokens, attrs.clone())),
                )
            }
            syn::FnArg::Receiver(_) => None,
        })
        .flatten()
        .collect();
    let mut unread = Vec::new();
    let mut check = |var: VarId, name: &Ident| {
        if let Some((_, tokens, attrs)) = written.iter().find(|(w, _, _)| name == w) {
            unread.push((var, tokens.clone(), attrs.clone()));
        }
    };
    let mut params = Vec::new();
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
        b.vars[var].no_drop = p.no_drop;
        params.push((var, ident, p));
    }
    let first_pattern = params.iter().position(|(_, _, p)| p.pattern.is_some());
    for &(var, ref ident, p) in params.iter().take(first_pattern.unwrap_or(usize::MAX)) {
        if p.ident.is_some() {
            check(var, ident);
        }
    }
    let start = b.new_block(BlockKind::Start);
    b.blocks[start].reached = true;
    b.start_block(start);
    // rustc binds the parameters one after the other, each pattern right
    // after its own parameter (`let __arg1 = __arg1; let (a, b) = __arg1;
    // let c = __arg2;`), so a later parameter drops before an earlier
    // parameter's bindings. From the first parameter with a pattern on,
    // each is bound again here in that order, for the same drops.
    for (var, ident, p) in params.into_iter().skip(first_pattern.unwrap_or(usize::MAX)) {
        let value = Operand::var(var, &ident, Touch::Consume);
        match &p.pattern {
            Some(pat) => {
                let (moved_var, moved) = b.temp("param", value, false);
                b.emit(quote!(let #pat = #moved;));
                if scan::pat_binds_by_value(pat) {
                    b.record_consume(moved_var);
                }
                for (binding, mutable) in scan::pat_bindings(pat) {
                    let var = b.declare_binding(binding.clone(), mutable);
                    check(var, &binding);
                }
            }
            None => {
                let tokens = b.emit_operand(value);
                let mutability = p.mutable.then(|| quote!(mut));
                b.emit(quote!(let #mutability #ident = #tokens;));
                let again = b.declare_binding(ident.clone(), p.mutable);
                b.vars[again].kind = Some(p.kind);
                b.vars[again].no_drop = p.no_drop;
                check(again, &ident);
            }
        }
    }
    for (var, tokens, attrs) in unread {
        b.unread_check(attrs, vec![(var, tokens)], crate::lower::CheckAt::Param);
    }
    let span = body.span();
    b.open_scope();
    let tail = b.lower_stmts(body.stmts);
    if !b.diverged() {
        let value = tail.unwrap_or_else(|| quote_spanned!(span=> ()));
        let ret = rewrite::wrap_return(b.kind, span, value);
        // A tail of type `!` the macro cannot see (`match never {}`, a call
        // of a `-> !` function) makes the wrapping call unreachable; rustc
        // and clippy would warn in the user's crate where an `async fn`
        // warns not.
        b.emit(quote!(#[allow(unreachable_code, clippy::diverging_sub_expression)] return #ret;));
    }
    let code = b.close_scope(None);
    b.emit(code);
    b.finish();
}

/// A local holding a borrow of another frame local (`let r = &v;`) and used
/// after a suspension point would be stored in the frame next to what it
/// borrows: reject with a fix (rustc's own error would name the frame).
fn check_borrows_across_suspensions(b: &Builder, live: &Liveness) -> syn::Result<()> {
    let mut errors = Vec::new();
    for (block, data) in b.blocks.iter().enumerate() {
        let BlockKind::Resume { kind, span, .. } = &data.kind else {
            continue;
        };
        let what = match kind {
            SuspendKind::Await => "`.await`",
            SuspendKind::Yield => "`yield_!`",
        };
        for &v in live.carried[block].iter().chain(&live.maybe[block]) {
            let var = &b.vars[v];
            let Some(borrow) = &var.borrows else {
                continue;
            };
            // A closure only kept to the end of its scope that only borrows,
            // or that borrows in place and is bound without `mut`, is
            // dropped at once instead; in the second case rustc refuses it
            // at the closure if it is not `Copy` (see
            // `__coro_rt::closure_dropped_if_copy`).
            if live.kept.contains(&v)
                && matches!(
                    var.kept_closure(),
                    Some(KeptClosure::DroppedNow(_) | KeptClosure::DroppedIfCopy(_))
                )
            {
                continue;
            }
            let (name, root, line) = (&var.ident, &borrow.root, span.start().line);
            if let Some(keeper) = borrow.temporary {
                let kept = match keeper {
                    Keeper::Let => "that a `let` keeps alive to the end of the block",
                    Keeper::Match => "that the `match` keeps alive to its end",
                    Keeper::IfLet => "that the `if let` keeps alive through its block",
                    Keeper::WhileLet => "that the `while let` keeps alive through each pass",
                };
                let fix = if keeper == Keeper::Let {
                    format!(
                        "Keep the value itself: `let {name} = {root};`, and borrow it (`&{name}`) where you use it"
                    )
                } else {
                    format!(
                        "Match on the value itself, without the `&` (`{root}`), so that `{name}` owns its part, or clone what you need from `{name}` before the {what}"
                    )
                };
                errors.push(syn::Error::new(
                    borrow.span,
                    format!(
                        "`{name}` borrows the value of the expression after `&` (a temporary {kept}), and is used after the {what} on line {line}; the coroutine's frame is an ordinary value that moves, so it cannot hold `{name}` and that value together. {fix}"
                    ),
                ));
                continue;
            }
            let fix = match &borrow.via {
                Via::Reference => format!(
                    "Copy or clone the value before the {what} (`let {name} = ...clone();` rather than a reference into `{root}`), or borrow `{root}` again after it"
                ),
                Via::Method(method) => format!(
                    "Collect what you need before the {what} (`let {name}: Vec<_> = {root}.{method}().map(..).collect();` with owned items), iterate over an owned value, or call `{root}.{method}()` again after it"
                ),
                Via::Closure => format!(
                    "Make it a `move` closure that owns what it needs (`let {root} = {root}.clone(); let {name} = move |..| ..;` if `{root}` is still used elsewhere), or define the closure again after the {what}"
                ),
            };
            let what_borrows = if borrow.via == Via::Closure {
                format!("`{name}` is a closure that captures `{root}` by reference")
            } else {
                format!("`{name}` borrows `{root}`")
            };
            // A reference is kept only where it is used; a closure or an
            // iterator, which may have something to drop, to the end of its
            // scope.
            let (held, scope_fix) = if var.no_drop {
                (
                    format!("is used after the {what} on line {line}"),
                    String::new(),
                )
            } else {
                (
                    format!(
                        "lives across the {what} on line {line} (used after it, or kept to the end of its scope)"
                    ),
                    format!(
                        "; if it is not used after the {what}, end it before: `drop({name});`, or a block around it"
                    ),
                )
            };
            errors.push(syn::Error::new(
                borrow.span,
                format!(
                    "{what_borrows}, a local of this coroutine, and {held}; the coroutine's frame is an ordinary value that moves, so it cannot hold `{name}` and `{root}` together. {fix}{scope_fix}"
                ),
            ));
        }
    }
    errors.dedup_by(|a, b| a.span().start() == b.span().start());
    combine(errors)
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
                    && w.name == var.name
                    && w.decl > var.decl
                    && w.decl > from.entry
                    && w.decl < t.seq
                    && b.scopes[w.scope].end > t.seq
                    && (var.block == t.from || !shadowed_at_entry(b, t.from, v))
                    && !b
                        .stashes
                        .iter()
                        .any(|s| s.var == v && s.covers(&b.scopes, t.from, t.seq))
            });
            if let Some(w) = shadow {
                errors.push(syn::Error::new(
                    w.span,
                    format!(
                        "this `{0}` shadows an earlier `{0}` that is still alive at a later suspension point, where it must be moved into the coroutine's frame but can no longer be named; give one of them another name (a `let` or a pattern may shadow it, but not a pattern in a `let` chain, nor one with `ref`, `mut` or `&` whose suspending guard names the binding)",
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
        w != v && b.vars[w].user && b.vars[w].name == var.name && b.vars[w].decl > var.decl
    })
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
    fn output_type(&self) -> TokenStream {
        output_type(self.kind, self.args, self.sig)
    }
}
