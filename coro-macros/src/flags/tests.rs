//! Unit tests of the split pre-pass: which constructs get marked.
use syn::visit::{self, Visit};

use super::*;

/// Whether each `if`/`match` is marked, in traversal order.
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

/// The constructs `mark_splits` marks in `body`, as `if`/`match` in
/// traversal order.
fn marked(body: syn::Block) -> Vec<bool> {
    let mut body = body;
    mark_splits(&mut body, &[]);
    let mut c = Collect(Vec::new());
    c.visit_block(&body);
    c.0
}

/// Whether each loop is marked, in traversal order.
fn marked_loops(body: syn::Block) -> Vec<bool> {
    struct Loops(Vec<bool>);
    impl<'ast> Visit<'ast> for Loops {
        fn visit_expr_loop(&mut self, l: &'ast syn::ExprLoop) {
            self.0.push(is_marked(&l.attrs));
            visit::visit_expr_loop(self, l);
        }
        fn visit_expr_while(&mut self, w: &'ast syn::ExprWhile) {
            self.0.push(is_marked(&w.attrs));
            visit::visit_expr_while(self, w);
        }
        fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
            self.0.push(is_marked(&f.attrs));
            visit::visit_expr_for_loop(self, f);
        }
    }
    let mut body = body;
    mark_splits(&mut body, &[]);
    let mut c = Loops(Vec::new());
    c.visit_block(&body);
    c.0
}

#[test]
fn a_loop_moving_a_local_before_one_break_is_split() {
    let body = syn::parse_quote!({
        let x = make();
        let mut i = 0;
        loop {
            if i == n {
                drop(x);
                break;
            }
            if i > 10 {
                break;
            }
            i += 1;
        }
        ready().await;
    });
    assert_eq!(marked_loops(body), [true]);
}

#[test]
fn loops_that_need_no_flag_are_not_split() {
    let body = syn::parse_quote!({
        let x = make();
        let v = make();
        // Nothing outer consumed.
        for i in 0..3 {
            let y = make();
            drop(y);
        }
        // The iterator borrows `v`: a split would move `v`.
        for e in v.iter() {
            if e.ok() {
                drop(x);
                break;
            }
        }
        // Nested in an operand.
        let n = f(loop {
            break 1;
        });
        ready().await;
    });
    assert_eq!(marked_loops(body), [false, false, false]);
}

#[test]
fn a_loop_after_the_last_suspension_is_not_split() {
    let body = syn::parse_quote!({
        ready().await;
        let x = make();
        while c() {
            if d() {
                drop(x);
                break;
            }
        }
    });
    assert_eq!(marked_loops(body), [false]);
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
fn moves_on_all_branches_need_no_flag() {
    let body = syn::parse_quote!({
        let y = make();
        match k {
            0 => drop(y),
            _ => take(y),
        }
        ready().await;
    });
    assert_eq!(marked(body), [false]);
}

/// A move in a branch that returns: `x` is held on every path that goes
/// on, so it needs no flag, but unsplit the analysis would see the move on
/// the path to the `.await` and drop `x` there (before `y`, against
/// rustc's order). Split, the move is in an arm no later point follows
/// (`Builder::returning`).
#[test]
fn a_move_in_a_returning_branch_is_split() {
    let body = syn::parse_quote!({
        let x = make();
        let y = make();
        if c {
            drop(x);
            return;
        }
        ready().await;
        use_(y);
    });
    assert_eq!(marked(body), [true]);
}

/// The same with `x` named again after the `if`: the paths that go on
/// still hold it (a move on one of them would have to be followed by an
/// assignment, which needs no flag; a move on returning paths only does
/// not).
#[test]
fn a_move_in_a_returning_branch_of_a_local_named_later_is_split() {
    let body = syn::parse_quote!({
        let x = make();
        if c {
            drop(x);
            return;
        }
        ready().await;
        use_(x);
    });
    assert_eq!(marked(body), [true]);
    let falling_through = syn::parse_quote!({
        let mut x = make();
        if c {
            drop(x);
        }
        x = make();
        ready().await;
        use_(x);
    });
    assert_eq!(marked(falling_through), [false]);
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
fn an_arm_pattern_hiding_a_local_is_split() {
    // Each arm's jump to the join names the outer `d`, which the arm's own
    // `d` hides: the lowering renames the arm's bindings
    // (`lower::control::unhide`), so the constructs are split as if
    // nothing were hidden.
    let body = syn::parse_quote!({
        let d = make();
        let x = make();
        let y = make();
        match o {
            Some(d) => drop((d, x)),
            None => {}
        }
        if let Some(d) = p {
            drop(d);
        } else {
            drop(y);
        }
        yield_!(1);
    });
    assert_eq!(marked(body), [true, true]);
}

#[test]
fn a_hiding_pattern_that_cannot_be_renamed_is_not_split() {
    // A `let` chain: the bindings stay as written, and the jump to the
    // join could not name the outer `d`. A guard naming the arm's `d` is
    // renamed with the pattern (it sees views of the renamed bindings).
    let body = syn::parse_quote!({
        let d = make();
        let x = make();
        let y = make();
        match o {
            Some(d) if d.ok() => drop((d, x)),
            _ => {}
        }
        if let Some(d) = p
            && q
        {
            drop(d);
        } else {
            drop(y);
        }
        yield_!(1);
    });
    assert_eq!(marked(body), [true, false]);
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
fn constructs_in_loops_or_operands_are_left_alone() {
    // Splitting them would split the loop or branch around them too,
    // and the locals those borrow (`for x in &v`) would have to move.
    let body = syn::parse_quote!({
        let x = make();
        let v = make();
        for i in &v {
            if i.big() {
                drop(x);
                break;
            }
        }
        if c {
            if d {
                drop(v);
            }
        }
        take(if e {
            drop(y);
            1
        } else {
            2
        });
        ready().await;
    });
    // The outer `if c` is a statement whose branches disagree on `v`:
    // it is split, and so is the `if d` in its branch (a statement of a
    // branch of a split construct splits nothing more).
    assert_eq!(marked(body), [false, true, true, false]);
}

#[test]
fn a_borrow_alive_after_the_construct_prevents_the_split() {
    let body = syn::parse_quote!({
        let x = make();
        let v = make();
        let first = &v[0];
        if c {
            drop(x);
        }
        take(first);
        ready().await;
    });
    assert_eq!(marked(body), [false]);
}

#[test]
fn a_value_naming_a_local_prevents_the_split() {
    let body = syn::parse_quote!({
        let x = make();
        let v = make();
        let r = if c {
            drop(x);
            &v
        } else {
            &v
        };
        ready().await;
    });
    assert_eq!(marked(body), [false]);
}

#[test]
fn statements_of_plain_blocks_count_as_the_body_s() {
    let body = syn::parse_quote!({
        let x = make();
        {
            if c {
                drop(x);
            }
        }
        ready().await;
    });
    assert_eq!(marked(body), [true]);
}

#[test]
fn a_construct_whose_value_names_a_local_splits_nothing_inside() {
    // Splitting the inner `if` would split the outer one, whose value
    // borrows `v` across its join.
    let body = syn::parse_quote!({
        let x = make();
        let v = make();
        let r = if c {
            if d {
                drop(x);
            }
            &v
        } else {
            &v
        };
        ready().await;
    });
    assert_eq!(marked(body), [false, false]);
}

#[test]
fn a_let_initialiser_block_holds_statements_too() {
    let body = syn::parse_quote!({
        let x = make();
        let n = {
            let t = 3;
            if c {
                drop(x);
                t
            } else {
                t + 1
            }
        };
        ready().await;
    });
    assert_eq!(marked(body), [true]);
}

#[test]
fn a_loop_s_value_is_what_its_breaks_carry() {
    // The arm whose tail is a loop comparing `n` does not make the
    // match's value name a local (found by tests/gen_random_bodies.py).
    let mut body: syn::Block = syn::parse_quote!({
        let d1 = make();
        match k % 3 {
            0 => {
                if c {
                    log();
                } else {
                    drop(d1);
                }
            }
            _ => {
                let mut i = 0;
                'l: loop {
                    if i >= n {
                        break 'l;
                    }
                    i += 1;
                    ready().await;
                }
            }
        }
        ready().await;
    });
    mark_splits(&mut body, &[syn::parse_quote!(n), syn::parse_quote!(k)]);
    let mut c = Collect(Vec::new());
    c.visit_block(&body);
    // The match suspends (split anyway); the `if` in its first arm is
    // split for `d1`'s flag.
    assert_eq!(c.0, [false, true, false]);
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

/// The statements of a labeled block are statements of the body: the
/// lowering splits the block (for its suspension point, or for the flag),
/// and its `break`s are jumps to its exit. Not when its value may borrow a
/// local, which the split would move through the join.
#[test]
fn statements_of_a_labeled_block_are_split() {
    let body = syn::parse_quote!({
        let x = make();
        let y = make();
        let z = make();
        let w = make();
        'work: {
            if c {
                drop(x);
                break 'work;
            }
            ready().await;
        }
        'plain: {
            if c {
                drop(y);
                break 'plain;
            }
        }
        let r = 'value: {
            if c {
                drop(z);
                break 'value w.as_str();
            }
            ""
        };
        ready().await;
        use_(r);
    });
    assert_eq!(marked(body), [true, true, false]);
}

#[test]
fn a_local_whose_scope_ends_before_any_suspension_is_not_flagged() {
    // `v` is dropped at the end of the loop's body, by the arm's own code:
    // the next iteration's `.await` does not store it.
    let body = syn::parse_quote!({
        let mut seen = Vec::new();
        for x in input {
            let v = fetch(x).await;
            if v > 2 {
                seen.push(v);
            }
            if seen.len() > 9 {
                break;
            }
        }
        tick().await;
    });
    assert_eq!(marked(body), [false, false]);
}

#[test]
fn a_local_whose_scope_holds_a_suspension_is_flagged() {
    let body = syn::parse_quote!({
        for x in input {
            let v = fetch(x).await;
            if v > 2 {
                drop(v);
            }
            tick().await;
        }
    });
    assert_eq!(marked(body), [true]);
}

#[test]
fn a_local_bound_before_a_suspending_loop_is_flagged_in_it() {
    // The next iteration's `.await` stores `d`.
    let body = syn::parse_quote!({
        let d = make();
        for x in input {
            tick().await;
            if x > 2 {
                drop(d);
                break;
            }
        }
    });
    assert_eq!(marked(body), [true]);
}

#[test]
fn a_join_split_for_another_local_stores_this_one() {
    // `b`'s construct is split (an `.await` follows in `b`'s scope); its
    // join is in `a`'s scope and carries `a`, which must be flagged too,
    // although no suspension point follows in `a`'s scope.
    let body = syn::parse_quote!({
        let b = make();
        {
            let a = make();
            if c1 {
                drop(a);
            }
            if c2 {
                drop(b);
            }
        }
        tick().await;
    });
    assert_eq!(marked(body), [true, true]);
}
