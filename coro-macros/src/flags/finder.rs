//! The walk behind `mark_splits`: one pass over the body in `syn::visit`'s
//! order that records the suspension points and the names mentioned
//! ([`Event`]s), and each `if`, `match` and loop that may be split with the
//! outer locals its branches or exits disagree on ([`Construct`]s).

use std::collections::BTreeSet;

use proc_macro2::{Ident, TokenStream, TokenTree};
use syn::visit::{self, Visit};
use syn::{Expr, Macro, Stmt};

use super::branches::{branches, consumed, diverges};
use super::{Construct, Event, Scope, What};
use crate::scan::{self, Ctx, Touch};

/// A name bound so far, and where.
struct Bound {
    name: String,
    /// The local may hold a borrow of another local.
    borrows: bool,
    /// How many loops (and labeled blocks) that suspend were around it
    /// (`Finder::suspending_loops`).
    loops: usize,
    /// How many arms of splittable constructs were around it.
    arms: usize,
    /// `events.len()` where it was bound.
    at: usize,
}

pub(super) struct Finder {
    /// Names bound so far, innermost last.
    bound: Vec<Bound>,
    /// The candidates whose local is still in scope: (index in `bound`,
    /// whether the construct is a loop, its index in `constructs` or
    /// `loops`, the candidate's index). Their [`Scope::end`] is set when
    /// the local goes out of scope.
    waiting: Vec<(usize, bool, usize, usize)>,
    /// `bound.len()` at each open block.
    scopes: Vec<usize>,
    /// How deep in loops, branches and operands the walk is: only
    /// constructs at depth 0 (statements of the body's blocks) may split.
    nested: usize,
    /// The construct about to be visited is a statement or `let`
    /// initialiser at depth 0.
    eligible: bool,
    pub(super) events: Vec<Event>,
    pub(super) constructs: Vec<Construct>,
    /// The index of the next `if`/`match`, in traversal order.
    next: usize,
    /// The arms of the splittable constructs around the walk.
    path: Vec<(usize, usize)>,
    /// How many loops that suspend are around the walk, and labeled blocks
    /// that suspend (see [`Finder::block_as_statements`]).
    suspending_loops: usize,
    /// The index of the next loop (`loop`, `while`, `for`), in traversal
    /// order.
    next_loop: usize,
    /// The loop about to be visited is a statement at depth 0.
    loop_eligible: bool,
    /// Loops without a suspension point that consume an outer local: their
    /// exits may disagree on it, like the branches of a construct.
    pub(super) loops: Vec<Construct>,
}

impl Finder {
    /// A walk of a body whose parameters bind `params`.
    pub(super) fn new(params: &[Ident]) -> Self {
        Finder {
            bound: params
                .iter()
                .map(|p| Bound {
                    name: p.to_string(),
                    borrows: false,
                    loops: 0,
                    arms: 0,
                    at: 0,
                })
                .collect(),
            waiting: Vec::new(),
            scopes: Vec::new(),
            nested: 0,
            eligible: false,
            events: Vec::new(),
            constructs: Vec::new(),
            next: 0,
            path: Vec::new(),
            suspending_loops: 0,
            next_loop: 0,
            loop_eligible: false,
            loops: Vec::new(),
        }
    }

    fn mentions_in_tokens(&mut self, tokens: &TokenStream) {
        for tt in tokens.clone() {
            match tt {
                TokenTree::Ident(i) => self.event(What::Mention(i.to_string())),
                TokenTree::Group(g) => self.mentions_in_tokens(&g.stream()),
                _ => {}
            }
        }
    }

    /// Binds the names `pat` introduces; `borrows`: they may hold a borrow
    /// of another local (bindings of `if let`, `match` and `for` may).
    fn bind(&mut self, pat: &syn::Pat, borrows: bool) {
        let (loops, arms, at) = (self.suspending_loops, self.path.len(), self.events.len());
        self.bound
            .extend(scan::pat_bindings(pat).into_iter().map(|(i, _)| Bound {
                name: i.to_string(),
                borrows,
                loops,
                arms,
                at,
            }));
    }

    fn is_bound(&self, name: &str) -> bool {
        self.bound_named(name).is_some()
    }

    /// The innermost binding of `name`.
    fn bound_named(&self, name: &str) -> Option<&Bound> {
        self.bound.iter().rev().find(|b| b.name == name)
    }

    /// Ends the scope of the names bound after the first `len`: the
    /// candidates waiting on them learn where their local's scope ends.
    fn unbind(&mut self, len: usize) {
        let end = self.events.len();
        let (constructs, loops) = (&mut self.constructs, &mut self.loops);
        self.waiting.retain(|&(bound, is_loop, c, i)| {
            if bound < len {
                return true;
            }
            let c = if is_loop {
                &mut loops[c]
            } else {
                &mut constructs[c]
            };
            c.scopes[i].end = end;
            false
        });
        self.bound.truncate(len);
    }

    /// The scopes of a construct's candidates, as far as known now (their
    /// ends come with [`Finder::unbind`]), and the waits for their ends.
    fn scopes_of(&mut self, candidates: &[String], is_loop: bool, index: usize) -> Vec<Scope> {
        candidates
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let Some(at) = self.bound.iter().rposition(|b| &b.name == name) else {
                    return Scope {
                        enclosed: true,
                        end: usize::MAX,
                    };
                };
                self.waiting.push((at, is_loop, index, i));
                let bound = &self.bound[at];
                Scope {
                    enclosed: self.suspending_loops > bound.loops || self.path.len() > bound.arms,
                    end: usize::MAX,
                }
            })
            .collect()
    }

    /// Whether `pat` binds a name that hides a local in scope.
    fn shadows(&self, pat: &syn::Pat) -> bool {
        scan::pat_bindings(pat)
            .iter()
            .any(|(ident, _)| self.is_bound(&ident.to_string()))
    }

    /// Whether a pattern of the arms of `expr` (an `if`'s or `while`'s
    /// `let`s, a `match`'s arms) hides a local in scope where the lowering
    /// cannot rename its bindings (`lower::control::unhide`): in a `let`
    /// chain.
    fn arms_shadow(&self, expr: &Expr) -> bool {
        match expr {
            Expr::If(e) => self.arms_shadow(&e.cond),
            // A match arm is renamed, its guard too if it names a binding
            // (a construct split here has no suspending guard).
            Expr::Match(_) => false,
            // A lone `let` is renamed.
            Expr::Let(_) => false,
            Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                self.chain_shadows(&b.left) || self.chain_shadows(&b.right)
            }
            Expr::Paren(p) => self.arms_shadow(&p.expr),
            _ => false,
        }
    }

    /// Whether a `let` of a `&&` chain hides a local in scope.
    fn chain_shadows(&self, expr: &Expr) -> bool {
        match expr {
            Expr::Let(l) => self.shadows(&l.pat),
            Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                self.chain_shadows(&b.left) || self.chain_shadows(&b.right)
            }
            Expr::Paren(p) => self.chain_shadows(&p.expr),
            _ => false,
        }
    }

    /// Whether the value `expr` produces may name a local without moving it
    /// (and so borrow it): the tails of its branches, through `else if`s and
    /// nested constructs.
    fn value_names_a_local(&self, expr: &Expr) -> bool {
        match expr {
            Expr::If(_) | Expr::Match(_) => branches(expr)
                .into_iter()
                .filter_map(|(e, b)| tail_of(e, b))
                .any(|tail| self.value_names_a_local(tail)),
            // A labeled block's value is its tail's or a `break`'s.
            Expr::Block(b) => {
                let tail = match b.block.stmts.last() {
                    Some(Stmt::Expr(tail, None)) => self.value_names_a_local(tail),
                    _ => false,
                };
                tail || (b.label.is_some() && self.break_values_name_a_local(&b.block))
            }
            // A `for` or `while` is `()`; a `loop`'s value is what its
            // `break`s carry.
            Expr::ForLoop(_) | Expr::While(_) => false,
            Expr::Loop(l) => self.break_values_name_a_local(&l.body),
            _ => self.names_a_local(expr),
        }
    }

    /// Whether a value some `break` in `block` carries names a local.
    fn break_values_name_a_local(&self, block: &syn::Block) -> bool {
        struct BreakValues<'a>(&'a Finder, bool);
        impl<'ast> Visit<'ast> for BreakValues<'_> {
            fn visit_expr_break(&mut self, b: &'ast syn::ExprBreak) {
                if let Some(value) = &b.expr {
                    self.1 |= self.0.value_names_a_local(value);
                }
            }
            fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
            fn visit_item(&mut self, _: &'ast syn::Item) {}
        }
        let mut breaks = BreakValues(self, false);
        breaks.visit_block(block);
        breaks.1
    }

    /// Whether a block's statements count as statements of the body: a
    /// plain block's, or a labeled block's (split with what it holds, its
    /// `break`s become jumps to its exit). A labeled block that does not
    /// suspend is split only for a flag inside it, and then its value goes
    /// through the join: not if it may borrow a local.
    fn statements_of_body(&self, b: &syn::ExprBlock) -> bool {
        if !b.attrs.is_empty() {
            return false;
        }
        if b.label.is_none() || scan::block_suspends(&b.block) {
            return true;
        }
        let tail_names = matches!(
            b.block.stmts.last(),
            Some(Stmt::Expr(tail, None)) if self.value_names_a_local(tail)
        );
        !tail_names && !self.break_values_name_a_local(&b.block)
    }

    /// The statements of a block that [`Finder::statements_of_body`]
    /// accepts. A labeled block that suspends is split anyway, and its exit
    /// is a join: like a suspending loop's next iteration, it stores a
    /// local bound before the block and still in scope after it, so a
    /// construct in the block that moves the local on some paths
    /// (`'b: { x.await; if c { drop(d); break 'b; } }`) needs its flag
    /// even when no suspension point follows the block (it was dropped at
    /// the exit, before the end of its scope).
    fn block_as_statements(&mut self, b: &syn::ExprBlock) {
        let split = b.label.is_some() && scan::block_suspends(&b.block);
        self.suspending_loops += usize::from(split);
        self.visit_block(&b.block);
        self.suspending_loops -= usize::from(split);
    }

    /// Whether every value a `break` in `block` carries (and there is one)
    /// holds no borrow of a local: it names none but locals bound before
    /// the block that it moves and that borrow none themselves (`break d`
    /// hands `d` over), and none bound in the block. (A `break` of an inner
    /// loop counts too, and so does a macro call in a value, which may name
    /// anything: both only make the answer cautious.)
    fn breaks_carry_fresh_values(&self, block: &syn::Block) -> bool {
        #[derive(Default)]
        struct Breaks<'a> {
            inner: Vec<String>,
            values: Vec<&'a Expr>,
        }
        impl<'a> Visit<'a> for Breaks<'a> {
            fn visit_expr_break(&mut self, b: &'a syn::ExprBreak) {
                self.values.extend(b.expr.as_deref());
                visit::visit_expr_break(self, b);
            }
            fn visit_pat(&mut self, pat: &'a syn::Pat) {
                let bound = scan::pat_bindings(pat);
                self.inner
                    .extend(bound.iter().map(|(name, _)| name.to_string()));
            }
            fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
            fn visit_item(&mut self, _: &'a syn::Item) {}
        }
        struct HasMacro(bool);
        impl<'a> Visit<'a> for HasMacro {
            fn visit_macro(&mut self, _: &'a syn::Macro) {
                self.0 = true;
            }
        }
        let mut breaks = Breaks::default();
        breaks.visit_block(block);
        // A name that may carry a borrow where the value names it.
        let borrowing = |name: &str, touch: Touch| {
            let outer = self.bound_named(name);
            breaks.inner.iter().any(|n| n == name)
                || outer.is_some_and(|b| b.borrows || touch != Touch::Consume)
        };
        !breaks.values.is_empty()
            && breaks.values.iter().all(|value| {
                let mut macros = HasMacro(false);
                macros.visit_expr(value);
                let mut fresh = !macros.0;
                scan::touches(value, Ctx::Value, &mut |ident, touch| {
                    fresh &= !borrowing(&ident.to_string(), touch);
                });
                fresh
            })
    }

    /// Whether the value of `expr` may borrow a bound local: it names one
    /// without moving it ([`Finder::names_a_local`]), but for values known
    /// to own what they hold whatever they name on the way:
    /// - a `loop` whose `break`s carry fresh values
    ///   ([`Finder::breaks_carry_fresh_values`]: `let d = loop { if i >= n
    ///   { break D::new(); } i += 1; };`);
    /// - `to_string()`, `to_owned()`, `to_vec()`, `len()`, `is_empty()`
    ///   and `format!(..)`, which own their result (`D(k.to_string())`);
    /// - `x.clone()` of a value that borrows no local;
    /// - a local moved or copied whole, if it borrows none itself;
    /// - a call of a path (a function, a tuple struct or variant, a local
    ///   closure that borrows none) whose arguments borrow none, and a
    ///   struct, tuple or array of such values.
    ///
    /// A local that may borrow another is not carried through a split
    /// construct that moves it (see `flags`), so a wrong "no" here would be
    /// a borrow error in the expansion, and the list stays short.
    fn value_may_borrow(&self, expr: &Expr) -> bool {
        const OWNING: &[&str] = &["to_string", "to_owned", "to_vec", "len", "is_empty"];
        match expr {
            Expr::Paren(p) => self.value_may_borrow(&p.expr),
            Expr::Group(g) => self.value_may_borrow(&g.expr),
            Expr::Lit(_) => false,
            Expr::Path(p) if p.qself.is_none() && p.path.get_ident().is_some() => {
                let name = p.path.segments[0].ident.to_string();
                self.bound_named(&name).is_some_and(|b| b.borrows)
            }
            Expr::MethodCall(m) if OWNING.iter().any(|o| m.method == o) && m.args.is_empty() => {
                false
            }
            Expr::MethodCall(m) if m.method == "clone" && m.args.is_empty() => {
                self.value_may_borrow(&m.receiver)
            }
            Expr::Macro(m) if m.mac.path.is_ident("format") => false,
            // The function itself is a local (a closure) only if bound.
            Expr::Call(c) if matches!(&*c.func, Expr::Path(_)) => {
                self.value_may_borrow(&c.func) || c.args.iter().any(|a| self.value_may_borrow(a))
            }
            Expr::Loop(l) if self.breaks_carry_fresh_values(&l.body) => false,
            // It holds its fields' values.
            Expr::Struct(st) if st.rest.is_none() => {
                st.fields.iter().any(|f| self.value_may_borrow(&f.expr))
            }
            Expr::Tuple(t) => t.elems.iter().any(|e| self.value_may_borrow(e)),
            Expr::Array(a) => a.elems.iter().any(|e| self.value_may_borrow(e)),
            _ => self.names_a_local(expr),
        }
    }

    /// Whether `expr` names a bound local without moving it, so that its
    /// value may borrow that local.
    fn names_a_local(&self, expr: &Expr) -> bool {
        let mut names = false;
        scan::touches(expr, Ctx::Value, &mut |i, t| {
            if t != Touch::Consume && self.is_bound(&i.to_string()) {
                names = true;
            }
        });
        names
    }

    /// Visits what is not a statement-level construct.
    fn nested(&mut self, f: impl FnOnce(&mut Self)) {
        self.nested += 1;
        f(self);
        self.nested -= 1;
    }

    /// A loop whose body's statements may split like the body's own: one
    /// that suspends (split anyway), or one that may be split itself. Its
    /// head is visited nested and its pattern bound, in `syn::visit`'s
    /// order. `suspends`: the next iteration's suspension points follow
    /// every construct in the body.
    fn loop_as_statements(&mut self, expr: &Expr, suspends: bool) {
        let bound = self.bound.len();
        let body = match expr {
            Expr::Loop(l) => &l.body,
            Expr::While(w) => {
                self.nested(|s| s.visit_expr(&w.cond));
                if let Expr::Let(l) = &*w.cond {
                    self.bind(&l.pat, true);
                }
                &w.body
            }
            Expr::ForLoop(f) => {
                self.nested(|s| s.visit_expr(&f.expr));
                // Over a range, the items are the range's own values.
                let mut iterated = &*f.expr;
                while let Expr::Paren(syn::ExprParen { expr, .. })
                | Expr::Group(syn::ExprGroup { expr, .. }) = iterated
                {
                    iterated = expr;
                }
                let over_range = matches!(iterated, Expr::Range(_));
                self.bind(&f.pat, !over_range);
                &f.body
            }
            _ => unreachable!("only loops are passed here"),
        };
        let nested = std::mem::take(&mut self.nested);
        self.suspending_loops += usize::from(suspends);
        self.visit_block(body);
        self.suspending_loops -= usize::from(suspends);
        self.nested = nested;
        self.unbind(bound);
    }

    /// The locals in scope that may hold a borrow of another local.
    /// The locals in scope that may hold a borrow of another local. Not one
    /// that a suspension point since its binding (on a path to here) has
    /// stored in the frame already: it borrows no local of the frame, or
    /// the body would not compile, so a join may carry it too.
    fn borrowers(&self) -> Vec<String> {
        self.bound
            .iter()
            .filter(|b| {
                b.borrows
                    && !self.events[b.at..]
                        .iter()
                        .any(|e| e.what == What::Suspend && super::same_path(&e.path, &self.path))
            })
            .map(|b| b.name.clone())
            .collect()
    }

    /// Records a construct (or loop) just visited, for the choice in
    /// `mark_splits`.
    fn record(
        &mut self,
        index: usize,
        is_loop: bool,
        candidates: Vec<String>,
        diverging_only: Vec<String>,
        borrowers: Vec<String>,
    ) {
        let at = if is_loop {
            self.loops.len()
        } else {
            self.constructs.len()
        };
        let c = Construct {
            index,
            path: self.path.clone(),
            scopes: self.scopes_of(&candidates, is_loop, at),
            candidates,
            diverging_only,
            borrowers,
            end: self.events.len(),
        };
        if is_loop {
            self.loops.push(c);
        } else {
            self.constructs.push(c);
        }
    }

    fn event(&mut self, what: What) {
        let path = self.path.clone();
        self.events.push(Event { what, path });
    }

    fn construct(&mut self, expr: &Expr, value_used: bool) {
        let index = self.next;
        self.next += 1;
        let eligible = std::mem::take(&mut self.eligible) && self.nested == 0;
        let mut candidates = Vec::new();
        // Those moved on diverging branches only.
        let mut diverging_only = Vec::new();
        // A value that names a local may borrow it across the join.
        let value_names_a_local = value_used && self.value_names_a_local(expr);
        // Whether this construct may be split: then so may the statements
        // of its branches (a split there splits this one too). Not if a
        // pattern of its arms hides a local and cannot be renamed: each
        // arm's jump to the join must name the locals it carries.
        let splittable = eligible && !value_names_a_local && !self.arms_shadow(expr);
        // A construct whose branches suspend is split anyway; one whose
        // condition or scrutinee alone suspends keeps its branches verbatim.
        let branches_suspend = branches(expr).iter().any(|&(e, b)| match (e, b) {
            (Some(e), _) => scan::expr_suspends(e),
            (None, Some(b)) => scan::block_suspends(b),
            (None, None) => false,
        });
        if splittable && !branches_suspend {
            // A local consumed on some branches and not on every branch that
            // falls through. A branch that returns counts too: unsplit, the
            // analysis would take its move for one on the path that goes on
            // (`if done { return finish(x); } y.await;` dropped `x` at the
            // `.await` rather than at the end of its scope).
            let all: Vec<(bool, BTreeSet<String>)> = branches(expr)
                .into_iter()
                .map(|(e, b)| (diverges(e, b), consumed(e, b)))
                .collect();
            let some: BTreeSet<&String> = all.iter().flat_map(|(_, set)| set).collect();
            for name in some {
                let everywhere = all
                    .iter()
                    .filter(|(diverging, _)| !diverging)
                    .all(|(_, set)| set.contains(name));
                if !everywhere && self.is_bound(name) {
                    candidates.push(name.clone());
                    let falls_through_moved = all
                        .iter()
                        .any(|(diverging, set)| !diverging && set.contains(name));
                    if !falls_through_moved {
                        diverging_only.push(name.clone());
                    }
                }
            }
        }
        let borrowers = self.borrowers();
        // `if let` and arm bindings are dropped with the construct.
        let bound = self.bound.len();
        if splittable {
            // Its branches' statements are statements too: a construct in
            // them splits nothing the split of this one does not.
            self.branches_of(expr, index);
        } else {
            self.nested(|f| visit::visit_expr(f, expr));
        }
        self.unbind(bound);
        if !candidates.is_empty() {
            self.record(index, false, candidates, diverging_only, borrowers);
        }
    }
}

impl Finder {
    /// A loop statement without a suspension point. Its `break`s and its
    /// natural end are exits that may disagree on a local moved before some
    /// of them (`if i == n { drop(x); break; }`): it is recorded for a split
    /// when its body consumes an outer local. A loop whose iterator or
    /// `while let` scrutinee names a local without moving it may borrow
    /// that local through the split, which moves it: such a loop is not
    /// recorded.
    fn plain_loop(&mut self, expr: &Expr, index: usize) {
        // What the loop holds across its body: a `for`'s iterator, a
        // `while let`'s bindings (a plain `while` condition is a `bool`).
        let (body, held) = match expr {
            Expr::Loop(l) => (&l.body, None),
            Expr::While(w) => match &*w.cond {
                Expr::Let(l) => (&w.body, Some(&*l.expr)),
                _ => (&w.body, None),
            },
            Expr::ForLoop(f) => (&f.body, Some(&*f.expr)),
            _ => unreachable!("only loops are passed here"),
        };
        let head_borrows = held.is_some_and(|held| self.names_a_local(held));
        // A `for` pattern and a lone `while let` are renamed.
        let shadows = match expr {
            Expr::While(w) => self.arms_shadow(&w.cond),
            _ => false,
        };
        let candidates: Vec<String> = if head_borrows || shadows {
            Vec::new()
        } else {
            consumed(None, Some(body))
                .into_iter()
                .filter(|name| self.is_bound(name))
                .collect()
        };
        let borrowers = self.borrowers();
        if candidates.is_empty() {
            let bound = self.bound.len();
            if let Expr::ForLoop(f) = expr {
                self.bind(&f.pat, true);
            }
            self.nested(|s| visit::visit_expr(s, expr));
            self.unbind(bound);
        } else {
            // It may be split: then its body's statements are statements
            // too (a construct in them moving a local before a `break` must
            // be split for the move to come before the jump).
            self.loop_as_statements(expr, false);
        }
        if !candidates.is_empty() {
            self.record(index, true, candidates, Vec::new(), borrowers);
        }
    }

    /// Visits an eligible construct's parts in the order `syn::visit` does
    /// (the [`Marker`](super::Marker) counts constructs in that order): the
    /// condition or scrutinee and guards nested, the branches as statements.
    fn branches_of(&mut self, expr: &Expr, index: usize) {
        match expr {
            Expr::If(e) => {
                self.nested(|f| f.visit_expr(&e.cond));
                self.path.push((index, 0));
                self.visit_block(&e.then_branch);
                self.path.pop();
                if let Some((_, other)) = &e.else_branch {
                    self.path.push((index, 1));
                    self.branch(other);
                    self.path.pop();
                }
            }
            Expr::Match(m) => {
                self.nested(|f| f.visit_expr(&m.expr));
                for (i, arm) in m.arms.iter().enumerate() {
                    let bound = self.bound.len();
                    self.bind(&arm.pat, true);
                    if let Some((_, guard)) = &arm.guard {
                        self.nested(|f| f.visit_expr(guard));
                    }
                    self.path.push((index, i));
                    self.branch(&arm.body);
                    self.path.pop();
                    self.unbind(bound);
                }
            }
            _ => self.nested(|f| visit::visit_expr(f, expr)),
        }
    }

    /// A branch given as an expression: a block, an `else if`, or a value.
    fn branch(&mut self, expr: &Expr) {
        match expr {
            Expr::Block(b) if b.label.is_none() && b.attrs.is_empty() => self.visit_block(&b.block),
            Expr::If(_) | Expr::Match(_) => {
                self.eligible = true;
                self.construct(expr, true);
            }
            other => self.nested(|f| f.visit_expr(other)),
        }
    }
}

/// Whether a `break` in `body` carries a value (to this loop or, counted
/// too, to one inside it).
fn breaks_with_value(body: &syn::Block) -> bool {
    struct Find(bool);
    impl<'ast> Visit<'ast> for Find {
        fn visit_expr_break(&mut self, b: &'ast syn::ExprBreak) {
            self.0 |= b.expr.is_some();
            visit::visit_expr_break(self, b);
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut find = Find(false);
    find.visit_block(body);
    find.0
}

/// The value a branch produces: the branch expression, or a block's tail.
fn tail_of<'a>(e: Option<&'a Expr>, b: Option<&'a syn::Block>) -> Option<&'a Expr> {
    let block = match (e, b) {
        (Some(Expr::Block(eb)), _) => &eb.block,
        (Some(other), _) => return Some(other),
        (None, Some(b)) => b,
        (None, None) => return None,
    };
    match block.stmts.last() {
        Some(Stmt::Expr(tail, None)) => Some(tail),
        _ => None,
    }
}

impl<'ast> Visit<'ast> for Finder {
    fn visit_expr(&mut self, expr: &'ast Expr) {
        let loop_eligible = std::mem::take(&mut self.loop_eligible) && self.nested == 0;
        if matches!(expr, Expr::Loop(_) | Expr::While(_) | Expr::ForLoop(_)) {
            let index = self.next_loop;
            self.next_loop += 1;
            if loop_eligible && !scan::expr_suspends(expr) {
                return self.plain_loop(expr, index);
            }
        }
        match expr {
            Expr::Closure(c) => {
                // Names a closure captures count as used after.
                let body = &c.body;
                self.mentions_in_tokens(&quote::quote!(#body));
            }
            Expr::Async(_) | Expr::Const(_) => {}
            Expr::Await(_) => {
                visit::visit_expr(self, expr);
                self.event(What::Suspend);
            }
            Expr::Macro(m) => self.visit_macro(&m.mac),
            Expr::If(_) | Expr::Match(_) => self.construct(expr, true),
            Expr::Path(p) if p.path.get_ident().is_some() => {
                let name = p
                    .path
                    .get_ident()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                self.event(What::Mention(name));
            }
            // A loop that suspends is split anyway, and so is everything
            // around it: the statements of its body may split like the
            // body's own (same order of visits as `syn::visit`).
            Expr::Loop(_) | Expr::While(_) | Expr::ForLoop(_) if scan::expr_suspends(expr) => {
                self.loop_as_statements(expr, true);
            }
            Expr::ForLoop(f) => {
                let bound = self.bound.len();
                self.bind(&f.pat, true);
                self.nested(|s| visit::visit_expr(s, expr));
                self.unbind(bound);
            }
            Expr::Let(l) => {
                self.nested(|s| visit::visit_expr(s, expr));
                self.bind(&l.pat, true);
            }
            _ => self.nested(|s| visit::visit_expr(s, expr)),
        }
    }

    fn visit_macro(&mut self, mac: &'ast Macro) {
        if scan::is_yield_macro(mac) {
            self.mentions_in_tokens(&mac.tokens);
            self.event(What::Suspend);
        } else {
            self.mentions_in_tokens(&mac.tokens);
        }
    }

    fn visit_arm(&mut self, arm: &'ast syn::Arm) {
        let bound = self.bound.len();
        self.bind(&arm.pat, true);
        visit::visit_arm(self, arm);
        self.unbind(bound);
    }

    fn visit_stmt(&mut self, stmt: &'ast Stmt) {
        match stmt {
            Stmt::Expr(e @ (Expr::If(_) | Expr::Match(_)), semi) => {
                self.eligible = true;
                self.construct(e, semi.is_none());
            }
            // A plain block's statements are statements of the body too, and
            // so, mostly, are a labeled block's (see `statements_of_body`).
            Stmt::Expr(Expr::Block(b), _) if self.statements_of_body(b) => {
                self.block_as_statements(b);
            }
            // A loop whose value is `()`: a `while`, a `for`, or a `loop`
            // whose `break`s carry no value.
            Stmt::Expr(e @ (Expr::While(_) | Expr::ForLoop(_)), _) => {
                self.loop_eligible = true;
                self.visit_expr(e);
            }
            Stmt::Expr(e @ Expr::Loop(l), _) if !breaks_with_value(&l.body) => {
                self.loop_eligible = true;
                self.visit_expr(e);
            }
            _ => visit::visit_stmt(self, stmt),
        }
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        // A local whose initialiser names another local without moving it
        // may borrow it (`&v`, `v.iter()`, `v.as_str()`); see
        // `value_may_borrow` for the values known not to.
        let borrows = local
            .init
            .as_ref()
            .is_some_and(|init| self.value_may_borrow(&init.expr));
        if let Some(init) = &local.init {
            match &*init.expr {
                e @ (Expr::If(_) | Expr::Match(_)) if init.diverge.is_none() => {
                    self.eligible = true;
                    self.construct(e, true);
                }
                // `let n = { ..; if c { .. } else { .. } };`: the block's
                // statements (and tail) are statements of the body too.
                Expr::Block(b) if init.diverge.is_none() && self.statements_of_body(b) => {
                    self.block_as_statements(b);
                }
                e => self.visit_expr(e),
            }
            if let Some((_, diverge)) = &init.diverge {
                self.nested(|s| s.visit_expr(diverge));
            }
        }
        self.bind(&local.pat, borrows);
    }

    fn visit_block(&mut self, block: &'ast syn::Block) {
        self.scopes.push(self.bound.len());
        visit::visit_block(self, block);
        let len = self.scopes.pop().unwrap_or(0);
        self.unbind(len);
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {}
}
