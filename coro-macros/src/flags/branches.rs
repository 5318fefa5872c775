//! What one branch of an `if`/`match` does, read off its syntax: whether
//! it reaches the join and which names it consumes.

use std::collections::BTreeSet;

use proc_macro2::Ident;
use syn::visit::{self, Visit};
use syn::{Expr, Stmt};

use crate::scan::{self, Ctx, Touch};

/// The branches of an `if`/`match`, each with whether it can fall through.
pub(super) fn branches(expr: &Expr) -> Vec<(Option<&Expr>, Option<&syn::Block>)> {
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

/// Whether a branch never reaches a join: it ends in `return` or a
/// diverging macro. A branch ending in `break` or `continue` does reach one
/// (the loop's exit or head), so a move in it needs a flag there as much as
/// a move in a branch that falls through; split, the move is also ordered
/// before the jump, which carries the locals.
pub(super) fn diverges(expr: Option<&Expr>, block: Option<&syn::Block>) -> bool {
    fn expr_diverges(e: &Expr) -> bool {
        match e {
            Expr::Return(_) => true,
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
pub(super) fn consumed(expr: Option<&Expr>, block: Option<&syn::Block>) -> BTreeSet<String> {
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
