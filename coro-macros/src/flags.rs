//! Which `if`s, `match`es and loops without a suspension point must still be
//! split into arms and a join, so that a local they move on some paths only
//! gets a drop flag (see `analyse`).
//!
//! Input:  `let s = D; if c { drop(s) } x.await; ..`
//! Without a split, `s` may or may not be moved when the `.await` stores the
//! frame; the frame cannot hold "maybe `s`", so `s` would be dropped there
//! on the paths that kept it. Split, each branch ends in a goto to the join,
//! which receives `Option<D>`: `None` from the branch that moved it, `Some`
//! from the other, and drops it at the end of its scope like rustc.
//!
//! A construct is split when a local bound before it is consumed on some
//! branches and not on every branch that reaches the join (falls through,
//! or `break`s/`continue`s to a loop), the local is not named again after
//! the construct (it would be assigned first), and something stores the
//! local while it is still in scope: a suspension point, the join of
//! another split construct, the next iteration of a loop that suspends
//! around both. A local whose scope ends first is dropped by the arm's own
//! code, with rustc's own drop flag (`for x in xs { let v = f(x).await;
//! if c { keep.push(v) } }` splits nothing). A branch that returns counts
//! among the first: unsplit, the analysis would take its move for one on
//! the path that goes on; split, the move is in an arm no later point
//! follows. A local moved on returning branches only may be named again.
//! A loop is split when its body consumes an outer local and a suspension
//! point follows: its `break`s and its natural end are its exits, and they
//! may disagree the same way. A
//! split moves the locals alive across the join (through the step enum),
//! which the borrow checker refuses while something borrows them, and it
//! splits every construct around it too. So only constructs that are whole
//! statements (or `let` initialisers) of the body's own blocks (plain
//! blocks, and labeled blocks that suspend), of the branches of such a
//! construct (`else if` chains), or of the body of a loop that suspends or
//! may be split are split, not those in operands. Nothing
//! is split when a local that may hold a borrow (one whose initialiser names
//! another local without moving it) is named after the construct, when the
//! value of the construct (and of those around it) names a local, when a
//! pattern of its arms hides a local in scope and the lowering cannot
//! rename its bindings (in a `let` chain: see `lower::control::unhide`),
//! so that the arm's jump to the join could not name the local, or when a
//! loop's iterator or `while let` scrutinee names one. Elsewhere the value
//! is dropped at the next suspension point on the paths that kept it, as
//! before.
//!
//! The marked constructs carry an attribute that `scan::expr_suspends`
//! treats as a suspension and that the lowering removes.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Span};
use syn::visit::Visit;
use syn::visit_mut::{self, VisitMut};
use syn::{Attribute, Expr, Macro};

use self::finder::Finder;

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
    let mut finder = Finder::new(params);
    finder.visit_block(body);
    // `ends`: where the constructs and loops chosen so far end.
    let needs_split = |c: &Construct, ends: &[usize]| {
        // What comes after the construct on a path through it: not what is
        // in another arm of a construct around both.
        let later = |to: usize| {
            finder.events[c.end..to.min(finder.events.len())]
                .iter()
                .filter(|e| same_path(&e.path, &c.path))
        };
        let named_later = |name: &String| {
            later(usize::MAX).any(|e| matches!(&e.what, What::Mention(m) if m == name))
        };
        // Whether something after the construct stores the local while it
        // may have been moved: a suspension point, the join of a construct
        // split for a flag of its own, the join of the construct around this
        // one (split if this one is) or the next iteration of a loop that
        // suspends, as long as the local is still in scope. Where its scope
        // ends first, the arm's code drops it as plain Rust does.
        let stored_later = |scope: &Scope| {
            scope.enclosed
                || later(scope.end).any(|e| e.what == What::Suspend)
                || ends.iter().any(|&end| end > c.end && end <= scope.end)
        };
        !c.borrowers.iter().any(named_later)
            && c.candidates.iter().zip(&c.scopes).any(|(name, scope)| {
                // Named after a construct that moves it on paths that go on,
                // it is assigned again first (or the body does not compile):
                // no flag to keep. Moved on returning paths only, it is still
                // held after.
                stored_later(scope) && (c.diverging_only.contains(name) || !named_later(name))
            })
    };
    // A split may call for another before it: to a fixed point.
    let all = || finder.constructs.iter().chain(&finder.loops);
    let mut split = vec![false; finder.constructs.len() + finder.loops.len()];
    loop {
        let ends: Vec<usize> = all()
            .zip(&split)
            .filter(|&(_, &s)| s)
            .map(|(c, _)| c.end)
            .collect();
        let next: Vec<bool> = all().map(|c| needs_split(c, &ends)).collect();
        if next == split {
            break;
        }
        split = next;
    }
    let (constructs, loops) = split.split_at(finder.constructs.len());
    let chosen = |list: &[Construct], split: &[bool]| -> BTreeSet<usize> {
        list.iter()
            .zip(split)
            .filter(|&(_, &s)| s)
            .map(|(c, _)| c.index)
            .collect()
    };
    let marker = Marker {
        chosen: chosen(&finder.constructs, constructs),
        chosen_loops: chosen(&finder.loops, loops),
        next: 0,
        next_loop: 0,
    };
    if marker.chosen.is_empty() && marker.chosen_loops.is_empty() {
        return;
    }
    let mut marker = marker;
    marker.visit_block_mut(body);
}

struct Event {
    what: What,
    /// The arms (construct, arm) of the splittable constructs it is in.
    path: Vec<(usize, usize)>,
}

#[derive(PartialEq, Eq)]
enum What {
    Suspend,
    Mention(String),
}

/// Whether code at `b` can run after code at `a` in one pass: not if they
/// are in different arms of one construct.
fn same_path(a: &[(usize, usize)], b: &[(usize, usize)]) -> bool {
    a.iter()
        .all(|&(c, arm)| b.iter().all(|&(c2, arm2)| c2 != c || arm2 == arm))
}

struct Construct {
    index: usize,
    /// Where it is (see [`Event::path`]).
    path: Vec<(usize, usize)>,
    /// Outer locals consumed on some falling-through branches only.
    candidates: Vec<String>,
    /// The candidates moved on diverging branches only (`return`,
    /// `panic!`): every path after the construct holds them.
    diverging_only: Vec<String>,
    /// Locals in scope that may hold a borrow of another local.
    borrowers: Vec<String>,
    /// Where its events end (the events after it start here).
    end: usize,
    /// The scope of each candidate.
    scopes: Vec<Scope>,
}

/// Where a construct's candidate local is in scope, after the construct.
struct Scope {
    /// A loop that suspends, or an arm of a splittable construct, is around
    /// the construct and inside the local's scope: its next iteration or
    /// its join follows the construct.
    enclosed: bool,
    /// Where the local's scope ends in the events (`usize::MAX`: with the
    /// body).
    end: usize,
}

/// Adds the marker to the chosen constructs, counting them in the order the
/// [`Finder`] did (both skip the same subtrees).
struct Marker {
    chosen: BTreeSet<usize>,
    chosen_loops: BTreeSet<usize>,
    next: usize,
    next_loop: usize,
}

impl Marker {
    /// Counts a loop; whether it is one to mark.
    fn loop_chosen(&mut self) -> bool {
        let index = self.next_loop;
        self.next_loop += 1;
        self.chosen_loops.contains(&index)
    }
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
            Expr::Loop(l) => {
                if self.loop_chosen() {
                    l.attrs.push(marker());
                }
                visit_mut::visit_expr_loop_mut(self, l);
            }
            Expr::While(w) => {
                if self.loop_chosen() {
                    w.attrs.push(marker());
                }
                visit_mut::visit_expr_while_mut(self, w);
            }
            Expr::ForLoop(f) => {
                if self.loop_chosen() {
                    f.attrs.push(marker());
                }
                visit_mut::visit_expr_for_loop_mut(self, f);
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

mod branches;
mod finder;
#[cfg(test)]
mod tests;
