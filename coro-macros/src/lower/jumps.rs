//! Split loops and labeled blocks: `break`/`continue` toward them, from
//! lowered code and from verbatim code.

use proc_macro2::Span;
use quote::{ToTokens, format_ident};
use syn::{Expr, Lifetime};

use super::*;
use crate::rewrite::SplitTarget;
use crate::scan::{self, Ctx};

impl Builder {
    // ---- split loops ------------------------------------------------------

    pub fn push_split_loop(
        &mut self,
        label: Option<Lifetime>,
        is_loop: bool,
        head: Option<BlockId>,
        exit: BlockId,
    ) {
        let depth = self.active.len();
        let start = self.seq;
        self.split_loops.push(SplitLoop {
            target: SplitTarget { label, is_loop },
            head,
            exit,
            depth,
            start,
        });
    }

    /// Lowers the value of a `break` (to `label`, or the innermost loop)
    /// or, with `is_return`, of a `return`, recording what it leaves when
    /// it suspends (see [`super::Leave`]).
    pub fn lower_exit_value(
        &mut self,
        value: Expr,
        label: Option<&Lifetime>,
        is_return: bool,
    ) -> Operand {
        if !scan::expr_suspends(&value) {
            return self.lower_expr(value, Ctx::Value);
        }
        let target = if is_return {
            Some((0, None))
        } else {
            self.split_target(label).map(|l| (l.start, Some(l.exit)))
        };
        let Some((loops_from, exit)) = target else {
            // No such target: `resolve_split` reports it.
            return self.lower_expr(value, Ctx::Value);
        };
        self.leaves.push(super::Leave {
            loops_from,
            value_start: self.seq,
            value_end: Seq::MAX,
            exit,
        });
        let index = self.leaves.len() - 1;
        self.leaving.push(index);
        let op = self.lower_expr(value, Ctx::Value);
        self.leaving.pop();
        self.leaves[index].value_end = self.seq;
        op
    }

    /// The split loop or labeled block a `break`/`continue` to `label`
    /// (or, without one, to the innermost loop) reaches.
    fn split_target(&self, label: Option<&Lifetime>) -> Option<&SplitLoop> {
        match label {
            Some(label) => self.split_loops.iter().rev().find(|l| {
                l.target
                    .label
                    .as_ref()
                    .is_some_and(|x| x.ident == label.ident)
            }),
            None => self.split_loops.iter().rev().find(|l| l.target.is_loop),
        }
    }

    pub fn pop_split_loop(&mut self) {
        self.split_loops.pop();
    }

    /// Rewrites `break`/`continue` in verbatim code that leave toward split
    /// loops into jumps.
    pub fn rewrite_jumps(&mut self, expr: &mut Expr) {
        let targets: Vec<SplitTarget> = self
            .split_loops
            .iter()
            .map(|l| SplitTarget {
                label: l.target.label.clone(),
                is_loop: l.target.is_loop,
            })
            .collect();
        let mut jumps = Vec::new();
        let result =
            crate::rewrite::rewrite_jumps(expr, &targets, &mut |index, is_break, value, span| {
                jumps.push((index, is_break, value, span));
                let marker = format_ident!("__coro_pending_jump_{}", jumps.len() - 1);
                Ok(syn::parse_quote!(#marker))
            });
        if let Err(e) = result {
            self.errors.push(e);
            return;
        }
        if jumps.is_empty() {
            return;
        }
        let mut replacements = Vec::new();
        for (index, is_break, value, span) in jumps {
            let l = &self.split_loops[index];
            let target = if is_break {
                l.exit
            } else {
                l.head.expect("continue target")
            };
            let tokens = value.as_ref().map(|v| v.to_token_stream());
            replacements.push(self.jump_expr(target, tokens, span));
            self.pending_jumps.insert(self.transitions.len() - 1, value);
        }
        replace_markers(expr, &replacements);
    }

    /// Puts a jump out of verbatim code in program order, where the scan of
    /// the code around it meets it: after its value's touches.
    pub(super) fn place_jump(&mut self, id: usize, value: Option<Expr>) {
        self.record_jump_value(value);
        self.transitions[id].seq = self.tick();
    }

    /// Jumps no scan has met (every operand's code is scanned, so none
    /// should be left): their values' touches are recorded now, and their
    /// transitions keep the order of their rewriting.
    pub fn place_pending_jumps(&mut self) {
        for value in std::mem::take(&mut self.pending_jumps).into_values() {
            self.record_jump_value(value);
        }
    }

    fn record_jump_value(&mut self, value: Option<Expr>) {
        if let Some(v) = value {
            let mut found = Vec::new();
            scan::touches(&v, Ctx::Value, &mut |i, t| found.push((i.clone(), t)));
            self.record_touches(found);
        }
    }

    /// Emits a verbatim expression (after rewriting its jumps) as an operand.
    pub fn verbatim(&mut self, mut expr: Expr, ctx: Ctx) -> Operand {
        self.rewrite_jumps(&mut expr);
        Operand::verbatim(expr, ctx)
    }

    /// The loop a `break`/`continue` in lowered code targets.
    pub fn resolve_split(
        &mut self,
        label: Option<&Lifetime>,
        is_break: bool,
        span: Span,
    ) -> Option<(BlockId, usize)> {
        match self.split_target(label) {
            Some(l) if is_break => Some((l.exit, l.depth)),
            Some(l) => match l.head {
                Some(head) => Some((head, l.depth)),
                None => {
                    self.error(span, "`continue` cannot target a labeled block");
                    None
                }
            },
            None => {
                self.error(
                    span,
                    if is_break {
                        "`break` outside of a loop"
                    } else {
                        "`continue` outside of a loop"
                    },
                );
                None
            }
        }
    }
}

fn replace_markers(expr: &mut Expr, replacements: &[Expr]) {
    struct Replace<'a>(&'a [Expr]);
    impl syn::visit_mut::VisitMut for Replace<'_> {
        fn visit_expr_mut(&mut self, expr: &mut Expr) {
            if let Expr::Path(p) = expr
                && let Some(ident) = p.path.get_ident()
                && let Some(n) = ident.to_string().strip_prefix("__coro_pending_jump_")
            {
                *expr = self.0[n.parse::<usize>().unwrap()].clone();
                return;
            }
            syn::visit_mut::visit_expr_mut(self, expr);
        }
    }
    syn::visit_mut::VisitMut::visit_expr_mut(&mut Replace(replacements), expr);
}
