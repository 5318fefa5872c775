//! Which locals each block receives: the liveness analysis.
//!
//! A local in scope at a block's start is carried into it when
//! - it is a generated value that lives to the end of its scope (an
//!   iterator), or
//! - code that may run later in its scope uses it (the rest of the scope,
//!   the condition of a `while` the point is in, which runs before the code
//!   after the loop, and the whole body of a loop the point is in), or
//! - it may still hold a value: the last use before the point (on a path
//!   that can reach it) did not move it. Such a value must be dropped where
//!   rustc drops it, at the end of its scope, not here.
//!
//! A local that is not carried but is assigned before any later read is
//! re-declared uninitialised (`let x;`) in the block instead; so is one
//! that a jump to the block cannot pass (moved before the jump, as on a
//! loop's back edge after `drop(x)`, with the head assigning `x` again).
//!
//! Drop flags: a join reached by gotos on which a local is in different
//! states (moved on one path, still holding its value on another) receives
//! it as an `Option` instead, `Some` from the paths that still hold it, and
//! so does every later block in its scope; the `Option` sits where the local
//! sat in the drop order, so the value is dropped where rustc drops it (with
//! a drop flag), at the end of its scope, not at the join.
//!
//! Moves are recognised syntactically (`scan::touches`); the analysis is
//! path-sensitive only for the branches of the constructs it split.

use std::collections::BTreeSet;

use crate::lower::control::DIVERGING_ARM;
use crate::lower::{BlockId, BlockKind, Builder, Event, Payload, VarId};
use crate::scan::Touch;

pub struct Liveness {
    /// Per block: the locals it receives, newest first (their drop order).
    pub carried: Vec<Vec<VarId>>,
    /// Per block: locals re-declared uninitialised.
    pub redeclared: Vec<Vec<VarId>>,
    /// Per block: locals it receives as an `Option` (moved on some paths),
    /// see the module docs.
    pub maybe: Vec<Vec<VarId>>,
    /// Locals that may borrow another (`Var::may_borrow`) and that every
    /// block receiving them receives only to drop them at the end of their
    /// scope: stored through `__coro_rt::Keep`, which drops a `Copy` value
    /// (or a `&mut`) at once, so that a dead `Option<&T>` is not a borrow
    /// held by the frame.
    pub kept: BTreeSet<VarId>,
}

pub fn analyse(b: &Builder) -> Liveness {
    let n = b.blocks.len();
    let mut carried: Vec<BTreeSet<VarId>> = vec![BTreeSet::new(); n];
    let mut redeclared: Vec<BTreeSet<VarId>> = vec![BTreeSet::new(); n];
    let mut events_of: Vec<Vec<usize>> = vec![Vec::new(); b.vars.len()];
    // Per block: the locals it receives to read them, not only to drop them.
    let mut read_at: Vec<BTreeSet<VarId>> = vec![BTreeSet::new(); n];
    for (i, e) in b.events.iter().enumerate() {
        events_of[e.var].push(i);
    }

    let flow = Flow::new(b);
    for (id, block) in b.blocks.iter().enumerate() {
        if !block.reached {
            continue;
        }
        for var in candidates(b, id) {
            let v = &b.vars[var];
            if matches!(block.kind, BlockKind::Start) || v.sticky {
                carried[id].insert(var);
                continue;
            }
            let p = block.entry;
            let scope_end = b.scopes[v.scope].end;
            // Uses that can run after the point, in execution order. In the
            // same iteration: uses after the point on a path from it (not in
            // another arm of a construct the point is in), where a `while`
            // the point is in goes back to its condition before it can leave
            // (`while { x = ..; c } { drop(x); .. }; use(x)`: the use comes
            // after the assignment). Then, through a loop's back edge, every
            // use in the loop body.
            // In a suspending `break` or `return` value, once it has its
            // value the block leaves the loops around it: none of their back
            // edges follows, nor the rest of their bodies.
            let leave = block.leave.map(|i| b.leaves[i]);
            let left = |l: &crate::lower::Loop| {
                leave.is_some_and(|lv| l.start >= lv.loops_from && l.start < lv.value_start)
            };
            let mut enclosing: Vec<crate::lower::Loop> = b
                .loops
                .iter()
                .copied()
                .filter(|l| l.start <= p && p < l.end && l.start > v.decl && !left(l))
                .collect();
            enclosing.sort_by_key(|l| std::cmp::Reverse(l.start));
            let in_order = |from: usize, to: usize, on_path: bool| {
                let mut found: Vec<usize> = events_of[var]
                    .iter()
                    .copied()
                    .filter(|&e| {
                        let ev = &b.events[e];
                        ev.seq > from
                            && ev.seq < to
                            && (!on_path || same_path(&ev.branch, &block.branch))
                    })
                    .collect();
                found.sort_by_key(|&e| b.events[e].seq);
                found
            };
            let mut after = Vec::new();
            let mut from = p;
            // Loops inside the `break` or `return` value (innermost first),
            // then, once the jump lands at the targeted construct's exit
            // (nowhere in the body, for a `return`), those around it.
            let inner = leave.map_or(enclosing.len(), |lv| {
                enclosing
                    .iter()
                    .take_while(|l| l.start >= lv.value_start)
                    .count()
            });
            let jump = |from: usize, after: &mut Vec<usize>| match leave {
                Some(lv) => {
                    after.extend(in_order(from, lv.value_end, true));
                    let land = match lv.exit {
                        Some(exit) => b.blocks[exit].entry.max(lv.value_end),
                        None => scope_end,
                    };
                    // Code after the `break` or `return` in this block is
                    // unreachable, but still names the locals it uses.
                    after.extend(
                        in_order(lv.value_end, land, true)
                            .into_iter()
                            .filter(|&e| b.events[e].block == id),
                    );
                    land
                }
                None => from,
            };
            for (i, l) in enclosing.iter().enumerate() {
                if i == inner {
                    from = jump(from, &mut after);
                }
                if l.body > l.start {
                    after.extend(in_order(from, l.end.min(scope_end), true));
                    after.extend(in_order(l.start.saturating_sub(1), l.body, false));
                    from = l.end.saturating_sub(1);
                }
            }
            if inner == enclosing.len() {
                from = jump(from, &mut after);
            }
            after.extend(in_order(from, scope_end, true));
            for l in &enclosing {
                after.extend(in_order(l.start.saturating_sub(1), l.end, false));
            }
            // Possibly moved: a move on a path that reaches the point, not
            // followed on its own path by a new assignment.
            let before: Vec<&Event> = events_of[var]
                .iter()
                .map(|&e| &b.events[e])
                .filter(|e| {
                    e.seq < p
                        && e.seq > v.decl
                        && reaches(&e.branch, &block.branch)
                        && flow.leaves_to(e, v.decl, id)
                })
                .collect();
            let consumed_before = before.iter().any(|moved| {
                moved.touch == Touch::Consume
                    && !before.iter().any(|a| {
                        a.touch == Touch::Assign
                            && (a.seq > moved.seq || head_runs_last(b, a.seq, moved.seq, p))
                            && reaches(&moved.branch, &a.branch)
                            && !head_runs_last(b, moved.seq, a.seq, p)
                    })
            });
            let first_after = after.first().map(|&e| b.events[e].touch);
            let read_after = first_after.is_some_and(|t| t != Touch::Assign);
            // A reference or literal has nothing to drop: kept only if used
            // later. Only when it is never assigned again: `read_after`
            // looks at the first use after the point in source order, which
            // for a loop's exit path may be an assignment in its body.
            let no_drop = v.no_drop
                && !events_of[var]
                    .iter()
                    .any(|&e| b.events[e].touch == Touch::Assign);
            if read_after || (!consumed_before && !no_drop) {
                carried[id].insert(var);
                if read_after {
                    read_at[id].insert(var);
                }
            } else if events_of[var]
                .iter()
                .any(|&e| b.events[e].block == id && b.events[e].seq > p)
            {
                // Assigned before it is read, in this arm's own code.
                redeclared[id].insert(var);
            }
        }
    }

    // Every source of a jump must have what its target receives.
    loop {
        let mut changed = false;
        // (Not a jump from a block nothing reaches: a loop without a
        // `break` never gets to its exit's jump to what follows.)
        for t in b.transitions.iter().filter(|t| b.blocks[t.from].reached) {
            let from = t.from;
            let missing: Vec<VarId> = carried[t.target]
                .iter()
                .copied()
                .filter(|&v| {
                    let declared = b.vars[v].block == from;
                    let has = carried[from].contains(&v);
                    let redeclared = redeclared[from].contains(&v);
                    // A goto after a move in its own arm (a loop's back
                    // edge after `drop(x)`, with `x` assigned again in the
                    // head) has nothing to pass either, to a block that
                    // receives the local only to drop it (one that reads
                    // it is right: the "move" was a copy).
                    !(declared || has || redeclared)
                        || (matches!(t.payload, Payload::Goto(_))
                            && !read_at[t.target].contains(&v)
                            && !holds_at(b, t, v, redeclared))
                })
                .collect();
            for v in missing {
                carried[t.target].remove(&v);
                // Received only to be dropped or assigned: if the target
                // assigns it before any read, it declares it itself. (The
                // value the other sources hold is then dropped at their
                // jump, before the assignment would have dropped it.)
                let target = &b.blocks[t.target];
                let first_here = events_of[v]
                    .iter()
                    .map(|&e| &b.events[e])
                    .filter(|e| e.block == t.target && e.seq > target.entry)
                    .min_by_key(|e| e.seq);
                if first_here.is_some_and(|e| e.touch == Touch::Assign) {
                    redeclared[t.target].insert(v);
                }
                changed = true;
            }
            if matches!(t.payload, Payload::Goto(_)) {
                // A jump from an arm that declared nothing new carries what it has.
            }
        }
        if !changed {
            break;
        }
    }

    let order = |set: &BTreeSet<VarId>| {
        let mut vars: Vec<VarId> = set.iter().copied().collect();
        vars.sort_by_key(|&v| std::cmp::Reverse(b.vars[v].decl));
        vars
    };
    let mut live = Liveness {
        carried: carried.iter().map(order).collect(),
        redeclared: redeclared.iter().map(order).collect(),
        maybe: vec![Vec::new(); n],
        kept: BTreeSet::new(),
    };
    let maybe = drop_flags(b, &live, &events_of);
    live.kept = (0..b.vars.len())
        .filter(|&v| {
            b.vars[v].may_borrow
                && !read_at.iter().any(|set| set.contains(&v))
                && carried.iter().any(|set| set.contains(&v))
                && !maybe.iter().any(|set| set.contains(&v))
                && !events_of[v]
                    .iter()
                    .any(|&e| b.events[e].touch == Touch::Assign)
        })
        .collect();
    live.maybe = maybe.iter().map(order).collect();
    live
}

/// The blocks that receive a local as an `Option` (see the module docs):
/// joins whose gotos disagree on it, then every later block in its scope
/// that a path from the join reaches.
fn drop_flags(b: &Builder, live: &Liveness, events_of: &[Vec<usize>]) -> Vec<BTreeSet<VarId>> {
    let n = b.blocks.len();
    let mut maybe: Vec<BTreeSet<VarId>> = vec![BTreeSet::new(); n];
    // Joins in the order they start, so that a later join sees the flags
    // of the earlier ones in its sources.
    let mut joins: Vec<BlockId> = (0..n)
        .filter(|&j| b.blocks[j].reached && matches!(b.blocks[j].kind, BlockKind::Join { .. }))
        .collect();
    joins.sort_by_key(|&j| b.blocks[j].entry);
    for j in joins {
        let entry = b.blocks[j].entry;
        for v in candidates(b, j) {
            let var = &b.vars[v];
            if live.carried[j].contains(&v) || maybe[j].contains(&v) || var.sticky || var.no_drop {
                continue;
            }
            // A later assignment would have to drop the old value first:
            // keep such locals out (they behave as before: early drop).
            // Only one on a path from the join: not in another arm of a
            // construct the join is in.
            let assigned_later = events_of[v].iter().any(|&e| {
                let ev = &b.events[e];
                ev.touch == Touch::Assign
                    && ev.seq > entry
                    && ev.seq < b.scopes[var.scope].end
                    && same_path(&ev.branch, &b.blocks[j].branch)
            });
            if assigned_later {
                continue;
            }
            let sources: Vec<&crate::lower::Transition> =
                b.transitions.iter().filter(|t| t.target == j).collect();
            let states: Vec<Source> = sources
                .iter()
                .map(|t| source_state(b, live, maybe[t.from].contains(&v), t, v))
                .collect();
            let holds = states.iter().any(|s| *s != Source::Moved);
            let moved = states.iter().any(|s| *s != Source::Holds);
            if !(holds && moved) {
                continue;
            }
            // Later blocks on a path from the join: not those of another
            // arm of a construct the join is in, which only a path that
            // never reached the join gets to.
            let branch = &b.blocks[j].branch;
            for (id, block) in b.blocks.iter().enumerate() {
                if block.reached
                    && block.entry >= entry
                    && block.entry < b.scopes[var.scope].end
                    && same_path(&block.branch, branch)
                    && !live.carried[id].contains(&v)
                    && candidates(b, id).contains(&v)
                {
                    maybe[id].insert(v);
                }
            }
        }
    }
    maybe
}

/// What a transition has of a local its target may receive as an `Option`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Source {
    /// The local itself, holding its value.
    Holds,
    /// Nothing: the local was moved (or never reached this arm).
    Moved,
    /// Its `Option`, received by the arm.
    Flagged,
}

/// See [`Source`]; `flagged`: the transition's arm receives `v` as an
/// `Option`.
pub fn source_state(
    b: &Builder,
    live: &Liveness,
    flagged: bool,
    t: &crate::lower::Transition,
    v: VarId,
) -> Source {
    if flagged {
        return Source::Flagged;
    }
    let var = &b.vars[v];
    // Re-declared uninitialised (`let x;`): it holds a value only where
    // the arm assigned it.
    let redeclared = live.redeclared[t.from].contains(&v);
    let has = var.block == t.from || live.carried[t.from].contains(&v) || redeclared;
    if !has {
        return Source::Moved;
    }
    if holds_at(b, t, v, redeclared) {
        Source::Holds
    } else {
        Source::Moved
    }
}

/// Whether transition `t`'s arm, which has `v` (declared, received or, if
/// `redeclared`, re-declared uninitialised there), still holds it at `t`:
/// not moved before `t` on a path that reaches it (and not assigned again
/// since), and for a re-declared local, assigned.
fn holds_at(b: &Builder, t: &crate::lower::Transition, v: VarId, redeclared: bool) -> bool {
    let var = &b.vars[v];
    let mine: Vec<&Event> = b
        .events
        .iter()
        .filter(|e| {
            e.var == v
                && e.block == t.from
                && e.seq < t.seq
                && e.seq > var.decl
                && reaches(&e.branch, &t.branch)
        })
        .collect();
    let moved = mine.iter().any(|m| {
        m.touch == Touch::Consume
            && !mine
                .iter()
                .any(|a| a.touch == Touch::Assign && a.seq > m.seq && reaches(&m.branch, &a.branch))
    });
    let assigned = mine.iter().any(|a| {
        a.touch == Touch::Assign
            && !mine.iter().any(|m| {
                m.touch == Touch::Consume && m.seq > a.seq && reaches(&a.branch, &m.branch)
            })
    });
    !moved && (assigned || !redeclared)
}

/// Whether, on the way to `point`, the code at `first` (in a loop's head)
/// runs after the code at `later` (in that loop's body) although it comes
/// first in the source: `point` is past the loop, which is left from its
/// head. `while let (Some(v), rest) = next(s).await { s = rest; .. }`: the
/// body assigns `s` again, but the head's last pass moves it.
fn head_runs_last(b: &Builder, first: usize, later: usize, point: usize) -> bool {
    b.loops.iter().any(|l| {
        l.end <= point && (l.start..l.body).contains(&first) && (l.body..l.end).contains(&later)
    })
}

/// Locals in scope when `block` starts.
pub fn candidates(b: &Builder, block: BlockId) -> Vec<VarId> {
    let blk = &b.blocks[block];
    blk.scopes
        .iter()
        .flat_map(|&s| b.scopes[s].vars.iter().copied())
        .filter(|&v| b.vars[v].decl < blk.entry)
        .collect()
}

/// Whether an event in branch path `event` may follow a point in branch path
/// `point` within one pass: not if they are in different arms of a construct.
fn same_path(event: &[(usize, usize)], point: &[(usize, usize)]) -> bool {
    event.iter().all(|&(construct, arm)| {
        point
            .iter()
            .find(|&&(c, _)| c == construct)
            .is_none_or(|&(_, a)| a == arm)
    })
}

/// The transitions out of each block, and which blocks a path from one
/// enters without going back past a local's declaration. With
/// [`Flow::leaves_to`]: a move in an arm that jumps past a point (`if c {
/// drop(x); break 'done; } y.await;`, the arm going to the labeled block's
/// exit) does not precede that point, though its branch path alone cannot
/// say so; nor does one before a loop's back edge precede the points of
/// the next pass when the local is declared in the loop's body (that pass
/// has a new one).
struct Flow<'a> {
    b: &'a Builder,
    out: Vec<Vec<&'a crate::lower::Transition>>,
    /// (from block, declaration) -> the blocks entered from there, each
    /// starting after the declaration.
    reach: std::cell::RefCell<std::collections::HashMap<(BlockId, usize), BTreeSet<BlockId>>>,
}

impl<'a> Flow<'a> {
    fn new(b: &'a Builder) -> Self {
        let mut out: Vec<Vec<&crate::lower::Transition>> = vec![Vec::new(); b.blocks.len()];
        for t in &b.transitions {
            out[t.from].push(t);
        }
        Flow {
            b,
            out,
            reach: Default::default(),
        }
    }

    /// Whether a path from block `from` (itself included) enters `target`
    /// without entering a block that starts before `decl`: a block before
    /// the declaration runs it again on the way to any block after it.
    fn enters(&self, from: BlockId, decl: usize, target: BlockId) -> bool {
        let mut memo = self.reach.borrow_mut();
        let seen = memo.entry((from, decl)).or_insert_with(|| {
            let mut seen = BTreeSet::new();
            let mut stack = vec![from];
            while let Some(block) = stack.pop() {
                if self.b.blocks[block].entry > decl && seen.insert(block) {
                    stack.extend(self.out[block].iter().map(|t| t.target));
                }
            }
            seen
        });
        seen.contains(&target)
    }

    /// Whether code after event `e` (a use of a local declared at `decl`),
    /// on its path, enters block `target`: a transition out of `e`'s arm
    /// after it, on a path from it, leads there.
    fn leaves_to(&self, e: &Event, decl: usize, target: BlockId) -> bool {
        self.out[e.block].iter().any(|t| {
            t.seq > e.seq && reaches(&e.branch, &t.branch) && self.enters(t.target, decl, target)
        })
    }
}

/// Whether an event in branch path `event` may have happened before a point
/// in branch path `point`: not if they are in different arms of one
/// construct, nor if the event is in a `let .. else`'s `else`. (An arm that
/// only returns needs no mark: no transition leaves it, and the code after
/// its construct is in the join's block, so neither `Flow::leaves_to` nor
/// `holds_at` counts its events.)
fn reaches(event: &[(usize, usize)], point: &[(usize, usize)]) -> bool {
    event.iter().all(
        |&(construct, arm)| match point.iter().find(|&&(c, _)| c == construct) {
            Some(&(_, point_arm)) => point_arm == arm,
            None => arm != DIVERGING_ARM,
        },
    )
}
