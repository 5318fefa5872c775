//! The layout of the run closure's dispatch: which arm runs after which.
//!
//! An arm ends in a suspension (a `return`) or a goto to another arm of the
//! same resume. A driver loop around one `match` on the step would do, but
//! LLVM does not thread jumps through a loop header, so every goto would
//! cost an indirect jump through a jump table (a `#[generator]` counting to
//! n ran at 4x the hand-written iterator). Instead each arm is a stage, a
//! labeled block that matches its own step variant, and:
//!
//! - stages appear in source order, the order rustc type-checks them in (an
//!   arm may use a local whose type an earlier arm decides);
//! - a goto to a later stage breaks out of its stage: a forward branch,
//!   which LLVM turns into a direct jump;
//! - a goto back to an earlier stage (a loop in the body) needs a Rust
//!   `loop` around the stages from its target to its source: it becomes a
//!   `continue`, and a goto from inside such a loop to a stage after it a
//!   `break`. Overlapping loops merge into one.

use crate::lower::BlockId;

/// A piece of the dispatch, in text order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Unit {
    /// One arm, entered when the step names it.
    Stage(BlockId),
    /// Consecutive arms, some jumping back to others, in a `loop`.
    Loop(Vec<BlockId>),
}

/// The units of the dispatch of the arms `reached` (in source order) with
/// the given gotos (`from`, `to`).
pub(super) fn plan(reached: &[BlockId], gotos: &[(BlockId, BlockId)]) -> Vec<Unit> {
    let pos = |b: BlockId| reached.iter().position(|&r| r == b);
    // Every goto back spans the stages from its target to its source.
    let mut spans: Vec<(usize, usize)> = gotos
        .iter()
        .filter_map(|&(from, to)| Some((pos(to)?, pos(from)?)))
        .filter(|&(to, from)| to <= from)
        .collect();
    spans.sort_unstable();
    let mut loops: Vec<(usize, usize)> = Vec::new();
    for (start, end) in spans {
        match loops.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => loops.push((start, end)),
        }
    }
    let mut units = Vec::new();
    let mut i = 0;
    while i < reached.len() {
        match loops.iter().find(|&&(start, _)| start == i) {
            Some(&(start, end)) => {
                units.push(Unit::Loop(reached[start..=end].to_vec()));
                i = end + 1;
            }
            None => {
                units.push(Unit::Stage(reached[i]));
                i += 1;
            }
        }
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forward_gotos_need_no_loop() {
        let plan = plan(&[0, 1, 2], &[(0, 1), (1, 2), (0, 2)]);
        assert_eq!(plan, [Unit::Stage(0), Unit::Stage(1), Unit::Stage(2)]);
    }

    #[test]
    fn a_goto_back_makes_a_loop_from_its_target_to_its_source() {
        // Start 0 -> head 1 -> exit 3; the resume 2 jumps back to the head.
        let plan = plan(&[0, 1, 2, 3], &[(0, 1), (2, 1), (1, 3)]);
        assert_eq!(
            plan,
            [Unit::Stage(0), Unit::Loop(vec![1, 2]), Unit::Stage(3)]
        );
    }

    #[test]
    fn a_goto_to_itself_is_a_loop() {
        let plan = plan(&[0, 1, 2], &[(0, 1), (1, 1), (1, 2)]);
        assert_eq!(plan, [Unit::Stage(0), Unit::Loop(vec![1]), Unit::Stage(2)]);
    }

    #[test]
    fn overlapping_loops_merge_and_disjoint_ones_do_not() {
        // Back gotos 3 -> 1 and 4 -> 2 overlap; 6 -> 6 stands alone.
        let plan = plan(&[0, 1, 2, 3, 4, 5, 6, 7], &[(3, 1), (4, 2), (6, 6)]);
        assert_eq!(
            plan,
            [
                Unit::Stage(0),
                Unit::Loop(vec![1, 2, 3, 4]),
                Unit::Stage(5),
                Unit::Loop(vec![6]),
                Unit::Stage(7)
            ]
        );
    }

    #[test]
    fn a_nested_loop_lies_inside_the_outer_one() {
        // Outer back goto 5 -> 1, inner 3 -> 2.
        let plan = plan(&[0, 1, 2, 3, 4, 5, 6], &[(3, 2), (5, 1)]);
        assert_eq!(
            plan,
            [
                Unit::Stage(0),
                Unit::Loop(vec![1, 2, 3, 4, 5]),
                Unit::Stage(6)
            ]
        );
    }
}
