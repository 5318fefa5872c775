//! Which `if`s and `match`es without a suspension point must still be split
//! into arms and a join, so that a local they move on some paths only gets
//! a drop flag (see `analyse`).
//!
//! Input:  `let s = D; if c { drop(s) } x.await; ..`
//! Without a split, `s` may or may not be moved when the `.await` stores the
//! frame; the frame cannot hold "maybe `s`", so `s` would be dropped there
//! on the paths that kept it. Split, each branch ends in a goto to the join,
//! which receives `Option<D>`: `None` from the branch that moved it, `Some`
//! from the other, and drops it at the end of its scope like rustc.
//!
//! A construct is split when a local bound before it is consumed on some
//! branches that fall through and not on others, the local is not named
//! again after the construct, and a suspension point may follow (later in
//! the body, or in the loop around it). The test is syntactic and errs on
//! the side of splitting: a split costs an arm, never correctness.
//!
//! The marked constructs carry an attribute that `scan::expr_suspends`
//! treats as a suspension and that the lowering removes.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use syn::visit::{self, Visit};
use syn::visit_mut::{self, VisitMut};
use syn::{Attribute, Expr, Macro, Stmt};

use crate::scan::{self, Ctx, Touch};

const MARKER: &str = "__coro_split";

/// Whether `attrs` carry the split marker.
pub fn is_marked(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident(MARKER))
}

/// Removes the split marker; returns whether it was there.
pub fn unmark(attrs: &mut Vec<Attribute>) -> bool {
    let before = attrs.len();
    attrs.retain(|a| !a.path().is_ident(MARKER));
    attrs.len() != before
}

/// Marks the constructs of `body` to split; `params` are the names the
/// parameters bind.
pub fn mark_splits(body: &mut syn::Block, params: &[Ident]) {
    let mut finder = Finder {
        bound: params.iter().map(ToString::to_string).collect(),
        scopes: Vec::new(),
        loops: Vec::new(),
        events: Vec::new(),
        constructs: Vec::new(),
        next: 0,
    };
    finder.visit_block(body);
    let chosen: BTreeSet<usize> = finder
        .constructs
        .iter()
        .filter(|c| {
            let later = &finder.events[c.end..];
            let suspends_later = c.in_suspending_loop || later.contains(&Event::Suspend);
            suspends_later
                && c.candidates.iter().any(|name| {
                    !later
                        .iter()
                        .any(|e| matches!(e, Event::Mention(m) if m == name))
                })
        })
        .map(|c| c.index)
        .collect();
    if chosen.is_empty() {
        return;
    }
    let mut marker = Marker { chosen, next: 0 };
    marker.visit_block_mut(body);
}

#[derive(PartialEq, Eq)]
enum Event {
    Suspend,
    Mention(String),
}

struct Construct {
    index: usize,
    /// Outer locals consumed on some falling-through branches only.
    candidates: Vec<String>,
    in_suspending_loop: bool,
    /// Where its events end (the events after it start here).
    end: usize,
}

struct Finder {
    /// Names bound so far, innermost last.
    bound: Vec<String>,
    /// `bound.len()` at each open block.
    scopes: Vec<usize>,
    /// Per enclosing loop: whether its body suspends.
    loops: Vec<bool>,
    events: Vec<Event>,
    constructs: Vec<Construct>,
    /// The index of the next `if`/`match`, in traversal order.
    next: usize,
}

/// The branches of an `if`/`match`, each with whether it can fall through.
fn branches(expr: &Expr) -> Vec<(Option<&Expr>, Option<&syn::Block>)> {
    match expr {
        Expr::If(e) => {
            let mut out = vec![(None, Some(&e.then_branch))];
            match &e.else_branch {
                Some((_, other)) => out.push((Some(&**other), None)),
                None => out.push((None, None)),
            }
            out
        }
        Expr::Match(m) => m.arms.iter().map(|a| (Some(&*a.body), None)).collect(),
        _ => Vec::new(),
    }
}

/// Whether a branch never falls through: it ends in `return`, `break`,
/// `continue` or a diverging macro.
fn diverges(expr: Option<&Expr>, block: Option<&syn::Block>) -> bool {
    fn expr_diverges(e: &Expr) -> bool {
        match e {
            Expr::Return(_) | Expr::Break(_) | Expr::Continue(_) => true,
            Expr::Macro(m) => scan::is_diverging_macro(&m.mac),
            Expr::Block(b) if b.label.is_none() => block_diverges(&b.block),
            _ => false,
        }
    }
    fn block_diverges(b: &syn::Block) -> bool {
        match b.stmts.last() {
            Some(Stmt::Expr(e, _)) => expr_diverges(e),
            Some(Stmt::Macro(m)) => scan::is_diverging_macro(&m.mac),
            _ => false,
        }
    }
    match (expr, block) {
        (Some(e), _) => expr_diverges(e),
        (None, Some(b)) => block_diverges(b),
        (None, None) => false,
    }
}

/// The names a branch consumes, minus those it binds itself.
fn consumed(expr: Option<&Expr>, block: Option<&syn::Block>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut record = |i: &Ident, t: Touch| {
        if t == Touch::Consume {
            out.insert(i.to_string());
        }
    };
    match (expr, block) {
        (Some(e), _) => scan::touches(e, Ctx::Value, &mut record),
        (None, Some(b)) => b
            .stmts
            .iter()
            .for_each(|s| scan::touches_stmt(s, &mut record)),
        (None, None) => {}
    }
    let mut inner = Bindings(BTreeSet::new());
    match (expr, block) {
        (Some(e), _) => inner.visit_expr(e),
        (None, Some(b)) => inner.visit_block(b),
        (None, None) => {}
    }
    out.retain(|name| !inner.0.contains(name));
    out
}

/// Every name bound by a pattern inside a piece of code.
struct Bindings(BTreeSet<String>);

impl<'ast> Visit<'ast> for Bindings {
    fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
        self.0.insert(p.ident.to_string());
        visit::visit_pat_ident(self, p);
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

impl Finder {
    fn mentions_in_tokens(&mut self, tokens: &TokenStream) {
        for tt in tokens.clone() {
            match tt {
                TokenTree::Ident(i) => self.events.push(Event::Mention(i.to_string())),
                TokenTree::Group(g) => self.mentions_in_tokens(&g.stream()),
                _ => {}
            }
        }
    }

    fn construct(&mut self, expr: &Expr) {
        let index = self.next;
        self.next += 1;
        let mut candidates = Vec::new();
        if !scan::expr_suspends(expr) {
            let falling: Vec<BTreeSet<String>> = branches(expr)
                .into_iter()
                .filter(|&(e, b)| !diverges(e, b))
                .map(|(e, b)| consumed(e, b))
                .collect();
            let some: BTreeSet<&String> = falling.iter().flatten().collect();
            for name in some {
                let everywhere = falling.iter().all(|set| set.contains(name));
                if !everywhere && self.bound.contains(name) {
                    candidates.push(name.clone());
                }
            }
        }
        let in_suspending_loop = self.loops.iter().any(|&s| s);
        // `if let` and arm bindings are dropped with the construct.
        let bound = self.bound.len();
        visit::visit_expr(self, expr);
        self.bound.truncate(bound);
        if !candidates.is_empty() {
            self.constructs.push(Construct {
                index,
                candidates,
                in_suspending_loop,
                end: self.events.len(),
            });
        }
    }
}

impl<'ast> Visit<'ast> for Finder {
    fn visit_expr(&mut self, expr: &'ast Expr) {
        match expr {
            Expr::Closure(c) => {
                // Names a closure captures count as used after.
                let body = &c.body;
                self.mentions_in_tokens(&quote::quote!(#body));
            }
            Expr::Async(_) | Expr::Const(_) => {}
            Expr::Await(_) => {
                visit::visit_expr(self, expr);
                self.events.push(Event::Suspend);
            }
            Expr::Macro(m) => self.visit_macro(&m.mac),
            Expr::If(_) | Expr::Match(_) => self.construct(expr),
            Expr::Path(p) if p.path.get_ident().is_some() => {
                let name = p
                    .path
                    .get_ident()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                self.events.push(Event::Mention(name));
            }
            Expr::Loop(l) => {
                self.loops.push(scan::block_suspends(&l.body));
                visit::visit_expr(self, expr);
                self.loops.pop();
            }
            Expr::While(w) => {
                self.loops.push(scan::block_suspends(&w.body));
                visit::visit_expr(self, expr);
                self.loops.pop();
            }
            Expr::ForLoop(f) => {
                self.loops.push(scan::block_suspends(&f.body));
                let bound = self.bound.len();
                self.bound.extend(
                    scan::pat_bindings(&f.pat)
                        .into_iter()
                        .map(|(i, _)| i.to_string()),
                );
                visit::visit_expr(self, expr);
                self.bound.truncate(bound);
                self.loops.pop();
            }
            Expr::Let(l) => {
                visit::visit_expr(self, expr);
                self.bound.extend(
                    scan::pat_bindings(&l.pat)
                        .into_iter()
                        .map(|(i, _)| i.to_string()),
                );
            }
            _ => visit::visit_expr(self, expr),
        }
    }

    fn visit_macro(&mut self, mac: &'ast Macro) {
        if scan::is_yield_macro(mac) {
            self.mentions_in_tokens(&mac.tokens);
            self.events.push(Event::Suspend);
        } else {
            self.mentions_in_tokens(&mac.tokens);
        }
    }

    fn visit_arm(&mut self, arm: &'ast syn::Arm) {
        let bound = self.bound.len();
        self.bound.extend(
            scan::pat_bindings(&arm.pat)
                .into_iter()
                .map(|(i, _)| i.to_string()),
        );
        visit::visit_arm(self, arm);
        self.bound.truncate(bound);
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        if let Some(init) = &local.init {
            self.visit_expr(&init.expr);
            if let Some((_, diverge)) = &init.diverge {
                self.visit_expr(diverge);
            }
        }
        for (ident, _) in scan::pat_bindings(&local.pat) {
            self.bound.push(ident.to_string());
        }
    }

    fn visit_block(&mut self, block: &'ast syn::Block) {
        self.scopes.push(self.bound.len());
        visit::visit_block(self, block);
        let len = self.scopes.pop().unwrap_or(0);
        self.bound.truncate(len);
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// Adds the marker to the chosen constructs, counting them in the order the
/// [`Finder`] did (both skip the same subtrees).
struct Marker {
    chosen: BTreeSet<usize>,
    next: usize,
}

impl VisitMut for Marker {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        match expr {
            Expr::Closure(_) | Expr::Async(_) | Expr::Const(_) | Expr::Macro(_) => {}
            Expr::If(e) => {
                if self.chosen.contains(&self.next) {
                    e.attrs.push(marker());
                }
                self.next += 1;
                visit_mut::visit_expr_if_mut(self, e);
            }
            Expr::Match(m) => {
                if self.chosen.contains(&self.next) {
                    m.attrs.push(marker());
                }
                self.next += 1;
                visit_mut::visit_expr_match_mut(self, m);
            }
            _ => visit_mut::visit_expr_mut(self, expr),
        }
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}

    fn visit_macro_mut(&mut self, _: &mut Macro) {}
}

fn marker() -> Attribute {
    let ident = Ident::new(MARKER, Span::call_site());
    syn::parse_quote!(#[#ident])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The constructs `mark_splits` marks in `body`, as `if`/`match` in
    /// traversal order.
    fn marked(body: syn::Block) -> Vec<bool> {
        let mut body = body;
        mark_splits(&mut body, &[]);
        struct Collect(Vec<bool>);
        impl<'ast> Visit<'ast> for Collect {
            fn visit_expr_if(&mut self, e: &'ast syn::ExprIf) {
                self.0.push(is_marked(&e.attrs));
                visit::visit_expr_if(self, e);
            }
            fn visit_expr_match(&mut self, m: &'ast syn::ExprMatch) {
                self.0.push(is_marked(&m.attrs));
                visit::visit_expr_match(self, m);
            }
        }
        let mut c = Collect(Vec::new());
        c.visit_block(&body);
        c.0
    }

    #[test]
    fn a_move_on_one_branch_before_a_suspension_is_split() {
        let body = syn::parse_quote!({
            let x = make();
            if c {
                drop(x);
            }
            ready().await;
        });
        assert_eq!(marked(body), [true]);
    }

    #[test]
    fn no_suspension_after_no_split() {
        let body = syn::parse_quote!({
            ready().await;
            let x = make();
            if c {
                drop(x);
            }
        });
        assert_eq!(marked(body), [false]);
    }

    #[test]
    fn a_local_named_again_later_is_not_flagged() {
        // `x` is then `Copy`, or moved on a path that does not come back.
        let body = syn::parse_quote!({
            let x = 1;
            if c {
                take(x);
            }
            ready().await;
            take(x);
        });
        assert_eq!(marked(body), [false]);
    }

    #[test]
    fn moves_on_diverging_or_on_all_branches_need_no_flag() {
        let body = syn::parse_quote!({
            let x = make();
            let y = make();
            if c {
                drop(x);
                return;
            }
            match k {
                0 => drop(y),
                _ => take(y),
            }
            ready().await;
        });
        assert_eq!(marked(body), [false, false]);
    }

    #[test]
    fn a_match_arm_moving_a_local_is_split() {
        let body = syn::parse_quote!({
            let x = make();
            let n = match k {
                0 => {
                    drop(x);
                    1
                }
                _ => 2,
            };
            yield_!(n);
        });
        assert_eq!(marked(body), [true]);
    }

    #[test]
    fn names_bound_inside_the_branch_do_not_count() {
        let body = syn::parse_quote!({
            if c {
                let x = make();
                drop(x);
            }
            ready().await;
        });
        assert_eq!(marked(body), [false]);
    }

    #[test]
    fn closures_are_their_own_bodies() {
        let body = syn::parse_quote!({
            let x = make();
            let f = move || {
                if c {
                    drop(x)
                }
            };
            ready().await;
        });
        assert_eq!(marked(body), [false]);
    }
}
