//! Syntactic queries on the body: where the suspension points are, and how
//! a piece of code touches the locals (for the liveness analysis). The
//! checks that reject what cannot work are in `validate`.
//!
//! Nothing here descends into closures, `async` blocks or nested items: their
//! `.await`, `return` and locals are their own.

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::{self, Visit};
use syn::{Expr, Ident, Macro, Pat, Stmt};

/// Whether the macro invocation is `yield_!(..)`.
pub fn is_yield_macro(mac: &Macro) -> bool {
    mac.path
        .segments
        .last()
        .is_some_and(|s| s.ident == "yield_")
}

/// `panic!`, `unreachable!`, `todo!`, `unimplemented!`: never fall through.
pub fn is_diverging_macro(mac: &Macro) -> bool {
    mac.path.segments.last().is_some_and(|s| {
        matches!(
            s.ident.to_string().as_str(),
            "panic" | "unreachable" | "todo" | "unimplemented"
        )
    })
}

/// The distinct paths by which `block` names `yield_!`.
pub fn yield_paths(block: &syn::Block) -> Vec<syn::Path> {
    struct Paths(Vec<syn::Path>);
    impl<'ast> Visit<'ast> for Paths {
        fn visit_macro(&mut self, mac: &'ast Macro) {
            let path = &mac.path;
            if is_yield_macro(mac)
                && !self
                    .0
                    .iter()
                    .any(|p| quote::quote!(#p).to_string() == quote::quote!(#path).to_string())
            {
                self.0.push(mac.path.clone());
            }
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut paths = Paths(Vec::new());
    paths.visit_block(block);
    paths.0
}

/// Whether `expr` contains a suspension point (`.await` or `yield_!`)
/// outside closures, `async` blocks and items.
pub fn expr_suspends(expr: &Expr) -> bool {
    let mut finder = FindSuspend(false);
    finder.visit_expr(expr);
    finder.0
}

pub fn block_suspends(block: &syn::Block) -> bool {
    let mut finder = FindSuspend(false);
    finder.visit_block(block);
    finder.0
}

struct FindSuspend(bool);

/// The length of `[x; n]` when it is an integer literal.
pub fn repeat_len(repeat: &syn::ExprRepeat) -> Option<u128> {
    let mut len = &*repeat.len;
    while let Expr::Group(syn::ExprGroup { expr, .. }) | Expr::Paren(syn::ExprParen { expr, .. }) =
        len
    {
        len = expr;
    }
    match len {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(n),
            ..
        }) => n.base10_parse().ok(),
        _ => None,
    }
}

/// Whether `block` builds an array of 256 elements or more (`[0u8; 4096]`,
/// the length a literal), outside closures and nested items: the body's
/// stack frame is then big, and the machine runs it out of line (see
/// `Frame::BIG_STACK` in `coro-runtime`).
pub fn builds_big_array(block: &syn::Block) -> bool {
    struct Find(bool);
    impl<'ast> Visit<'ast> for Find {
        fn visit_expr(&mut self, expr: &'ast Expr) {
            match expr {
                _ if self.0 => {}
                Expr::Repeat(r) => {
                    self.0 = repeat_len(r).is_some_and(|n| n >= 256);
                    visit::visit_expr(self, expr);
                }
                Expr::Closure(_) | Expr::Async(_) | Expr::Const(_) => {}
                _ => visit::visit_expr(self, expr),
            }
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut find = Find(false);
    find.visit_block(block);
    find.0
}

impl<'ast> Visit<'ast> for FindSuspend {
    fn visit_expr(&mut self, expr: &'ast Expr) {
        if self.0 {
            return;
        }
        match expr {
            Expr::Await(_) => self.0 = true,
            Expr::Macro(m) if is_yield_macro(&m.mac) => self.0 = true,
            // Split for a drop flag (see `flags`): lowered like a suspension.
            Expr::If(e) if crate::flags::is_marked(&e.attrs) => self.0 = true,
            Expr::Match(m) if crate::flags::is_marked(&m.attrs) => self.0 = true,
            Expr::Loop(l) if crate::flags::is_marked(&l.attrs) => self.0 = true,
            Expr::While(w) if crate::flags::is_marked(&w.attrs) => self.0 = true,
            Expr::ForLoop(f) if crate::flags::is_marked(&f.attrs) => self.0 = true,
            // A temporary held across a later suspension point (see
            // `lower::expr::mark_temporaries`): lowered like a suspension.
            Expr::Paren(p) if is_kept_temporary(&p.attrs) => self.0 = true,
            Expr::Closure(_) | Expr::Async(_) | Expr::Const(_) => {}
            _ => visit::visit_expr(self, expr),
        }
    }
    fn visit_stmt_macro(&mut self, m: &'ast syn::StmtMacro) {
        if is_yield_macro(&m.mac) {
            self.0 = true;
        }
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// The marker the lowering puts, for the length of one operand's lowering,
/// on a temporary that must outlive a suspension point: `#[..] (value)`.
pub const KEPT_TEMPORARY: &str = "__coro_kept_temporary";

/// Whether these are the attributes of a [`KEPT_TEMPORARY`] marker.
pub fn is_kept_temporary(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident(KEPT_TEMPORARY))
}

/// The value of `yield_!(value)`; `None` for `yield_!()`.
pub fn parse_yield_value(mac: &Macro) -> syn::Result<Option<Expr>> {
    if mac.tokens.is_empty() {
        return Ok(None);
    }
    mac.parse_body::<Expr>().map(Some).map_err(|e| {
        syn::Error::new(
            e.span(),
            "`yield_!` takes one expression: `yield_!(value)` (or `yield_!()` for `()`)",
        )
    })
}

/// How a piece of code touches a local.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Touch {
    /// Read, borrowed or called a method on: the value stays.
    Mention,
    /// Used by value: moved, unless it is `Copy`.
    Consume,
    /// Assigned a new value as a whole.
    Assign,
    /// `*x` used by value: a move if `x` is a `Box`, a copy otherwise.
    DerefValue,
}

/// Whether an expression stands where its value is taken, or where it is a
/// place that is borrowed or projected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ctx {
    Value,
    Place,
}

/// Methods that take `self` by value: a local used as their receiver is
/// taken to be moved. Without types this is a convention: `into_*`
/// methods, and those of `Option`, `Result` and `Iterator` whose names no
/// common `&self` method shares (not `take`, `last`, `join`, `send`,
/// `bytes`). Any other method is taken to borrow its receiver, which then
/// stays alive (and in the frame) to the end of its scope; if the method
/// did take it by value, a later suspension point moves a moved value and
/// rustc says so (E0382): the README's known limits list the way out.
const CONSUMING_METHODS: &[&str] = &[
    "into",
    "try_into",
    "unwrap",
    "expect",
    "unwrap_or",
    "unwrap_or_else",
    "unwrap_or_default",
    "unwrap_err",
    "expect_err",
    "ok",
    "err",
    "ok_or",
    "ok_or_else",
    "map",
    "map_err",
    "map_or",
    "map_or_else",
    "and_then",
    "or_else",
    "filter",
    "flatten",
    "zip",
    "collect",
    "sum",
    "product",
    "count",
    "fold",
    "reduce",
    "for_each",
    "filter_map",
    "flat_map",
    "chain",
    "rev",
    "skip",
    "skip_while",
    "take_while",
    "step_by",
    "enumerate",
    "peekable",
    "fuse",
    "inspect",
    "cloned",
    "copied",
    "partition",
    "unzip",
    "max_by_key",
    "min_by_key",
];

/// `==`, `<` and the like: they borrow both operands.
pub fn is_comparison(op: &syn::BinOp) -> bool {
    use syn::BinOp::*;
    matches!(op, Eq(_) | Ne(_) | Lt(_) | Le(_) | Gt(_) | Ge(_))
}

/// `+=` and the like: they borrow their place.
pub fn is_compound_assignment(op: &syn::BinOp) -> bool {
    use syn::BinOp::*;
    matches!(
        op,
        AddAssign(_)
            | SubAssign(_)
            | MulAssign(_)
            | DivAssign(_)
            | RemAssign(_)
            | BitXorAssign(_)
            | BitAndAssign(_)
            | BitOrAssign(_)
            | ShlAssign(_)
            | ShrAssign(_)
    )
}

/// Whether `method` is taken to move its receiver (see [`CONSUMING_METHODS`]).
pub fn is_consuming(method: &Ident) -> bool {
    let name = method.to_string();
    name.starts_with("into_") || CONSUMING_METHODS.contains(&name.as_str())
}

/// Macros that only borrow their arguments.
const BORROWING_MACROS: &[&str] = &[
    "println",
    "print",
    "eprintln",
    "eprint",
    "format",
    "format_args",
    "write",
    "writeln",
    "panic",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "unreachable",
    "todo",
    "unimplemented",
    "matches",
    "trace",
    "debug",
    "info",
    "warn",
    "error",
];

/// Calls `touch(ident, how)` for each single-identifier path in `expr` that
/// names a local from outside it: a name the expression binds itself (a
/// `let` of an inner block, a pattern of a `match`, `if let`, `for`, a
/// closure's parameter) is its own local where it is in scope.
pub fn touches(expr: &Expr, ctx: Ctx, touch: &mut dyn FnMut(&Ident, Touch)) {
    let mut scanner = Touches::new(touch);
    scanner.expr(expr, ctx);
}

/// Calls `touch` for the locals the left side of an assignment assigns.
pub fn assign_targets(left: &Expr, touch: &mut dyn FnMut(&Ident, Touch)) {
    let mut scanner = Touches::new(touch);
    scanner.assign_targets(left);
}

pub fn touches_stmt(stmt: &Stmt, touch: &mut dyn FnMut(&Ident, Touch)) {
    let mut scanner = Touches::new(touch);
    scanner.stmt(stmt);
}

struct Touches<'a> {
    touch: &'a mut dyn FnMut(&Ident, Touch),
    /// Inside a `move` closure: every mention captures by value.
    moving: bool,
    /// Names bound inside the scanned code, innermost last, while in scope.
    bound: Vec<Ident>,
}

impl<'a> Touches<'a> {
    fn new(touch: &'a mut dyn FnMut(&Ident, Touch)) -> Self {
        Touches {
            touch,
            moving: false,
            bound: Vec::new(),
        }
    }

    fn ident(&mut self, ident: &Ident, how: Touch) {
        if self.bound.contains(ident) {
            return;
        }
        let how = if self.moving && how == Touch::Mention {
            Touch::Consume
        } else {
            how
        };
        (self.touch)(ident, how);
    }

    fn block(&mut self, block: &syn::Block) {
        let mark = self.bound.len();
        for stmt in &block.stmts {
            self.stmt(stmt);
        }
        self.bound.truncate(mark);
    }

    /// Brings the bindings of `pat` into scope (until the caller truncates).
    fn bind(&mut self, pat: &Pat) {
        self.bound
            .extend(pat_bindings(pat).into_iter().map(|(ident, _)| ident));
    }

    fn stmt(&mut self, stmt: &Stmt) {
        match stmt {
            Stmt::Local(local) => {
                if let Some(init) = &local.init {
                    let ctx = if pat_binds_by_value(&local.pat) {
                        Ctx::Value
                    } else {
                        Ctx::Place
                    };
                    self.expr(&init.expr, ctx);
                    if let Some((_, diverge)) = &init.diverge {
                        self.expr(diverge, Ctx::Value);
                    }
                }
                self.bind(&local.pat);
            }
            Stmt::Expr(expr, _) => self.expr(expr, Ctx::Value),
            Stmt::Macro(m) => self.mac(&m.mac),
            Stmt::Item(_) => {}
        }
    }

    fn mac(&mut self, mac: &Macro) {
        self.format_args(&mac.tokens);
        let ctx = if is_borrowing_macro(mac) {
            Ctx::Place
        } else {
            Ctx::Value
        };
        let parsed = mac
            .parse_body_with(syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated);
        match parsed {
            Ok(args) => args.iter().for_each(|arg| self.expr(arg, ctx)),
            Err(_) => self.tokens(&mac.tokens),
        }
    }

    /// The left side of `=`: each local named as a whole is assigned,
    /// including in destructuring assignments (`(a, b) = ..`).
    fn assign_targets(&mut self, left: &Expr) {
        match left {
            Expr::Path(p) if p.qself.is_none() && p.path.get_ident().is_some() => {
                self.ident(p.path.get_ident().unwrap(), Touch::Assign);
            }
            Expr::Tuple(t) => t.elems.iter().for_each(|e| self.assign_targets(e)),
            Expr::Array(a) => a.elems.iter().for_each(|e| self.assign_targets(e)),
            Expr::Paren(p) => self.assign_targets(&p.expr),
            Expr::Group(g) => self.assign_targets(&g.expr),
            Expr::Struct(st) => st.fields.iter().for_each(|f| self.assign_targets(&f.expr)),
            Expr::Call(c) => c.args.iter().for_each(|e| self.assign_targets(e)),
            Expr::Infer(_) | Expr::Range(_) => {}
            place => self.expr(place, Ctx::Place),
        }
    }

    /// Inline format arguments (`"{x}"`, `"{x:?}"`) mention `x`.
    fn format_args(&mut self, tokens: &TokenStream) {
        for tt in tokens.clone() {
            match tt {
                TokenTree::Literal(lit) => {
                    let text = lit.to_string();
                    if !text.starts_with('"') && !text.starts_with("r\"") && !text.starts_with("r#")
                    {
                        continue;
                    }
                    let mut chars = text.char_indices().peekable();
                    while let Some((i, c)) = chars.next() {
                        if c != '{' {
                            continue;
                        }
                        if chars.peek().is_some_and(|&(_, n)| n == '{') {
                            chars.next();
                            continue;
                        }
                        let rest = &text[i + 1..];
                        let end = rest
                            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                            .unwrap_or(rest.len());
                        let name = &rest[..end];
                        if !name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit()) {
                            self.ident(&Ident::new(name, lit.span()), Touch::Mention);
                        }
                    }
                }
                TokenTree::Group(g) => self.format_args(&g.stream()),
                _ => {}
            }
        }
    }

    fn tokens(&mut self, tokens: &TokenStream) {
        for tt in tokens.clone() {
            match tt {
                TokenTree::Ident(i) => self.ident(&i, Touch::Mention),
                TokenTree::Group(g) => self.tokens(&g.stream()),
                _ => {}
            }
        }
    }

    fn expr(&mut self, expr: &Expr, ctx: Ctx) {
        use Ctx::*;
        match expr {
            Expr::Path(p) => {
                if p.qself.is_none() && p.path.leading_colon.is_none() && p.path.segments.len() == 1
                {
                    let ident = &p.path.segments[0].ident;
                    self.ident(
                        ident,
                        if ctx == Value {
                            Touch::Consume
                        } else {
                            Touch::Mention
                        },
                    );
                }
            }
            Expr::Assign(a) => {
                self.expr(&a.right, Value);
                self.assign_targets(&a.left);
            }
            Expr::Binary(b) => {
                let (left, right) = match &b.op {
                    op if is_comparison(op) => (Place, Place),
                    op if is_compound_assignment(op) => (Place, Value),
                    _ => (Value, Value),
                };
                self.expr(&b.left, left);
                self.expr(&b.right, right);
            }
            Expr::Unary(u) => match (&u.op, &*u.expr) {
                (syn::UnOp::Deref(_), Expr::Path(p))
                    if ctx == Value && p.path.get_ident().is_some() =>
                {
                    self.ident(p.path.get_ident().unwrap(), Touch::DerefValue);
                }
                (syn::UnOp::Deref(_), inner) => self.expr(inner, Place),
                (_, inner) => self.expr(inner, Value),
            },
            Expr::Reference(r) => self.expr(&r.expr, Place),
            Expr::RawAddr(r) => self.expr(&r.expr, Place),
            Expr::Field(f) => self.expr(&f.base, Place),
            Expr::Index(i) => {
                self.expr(&i.expr, Place);
                self.expr(&i.index, Value);
            }
            Expr::MethodCall(m) => {
                let consuming = is_consuming(&m.method);
                self.expr(&m.receiver, if consuming { Value } else { Place });
                m.args.iter().for_each(|a| self.expr(a, Value));
            }
            Expr::Call(c) => {
                self.expr(&c.func, Place);
                c.args.iter().for_each(|a| self.expr(a, Value));
            }
            Expr::Macro(m) => self.mac(&m.mac),
            Expr::Closure(c) => {
                let (outer, mark) = (self.moving, self.bound.len());
                self.moving |= c.capture.is_some();
                c.inputs.iter().for_each(|p| self.bind(p));
                self.expr(&c.body, Value);
                self.moving = outer;
                self.bound.truncate(mark);
            }
            Expr::Async(a) => {
                let outer = self.moving;
                self.moving |= a.capture.is_some();
                self.block(&a.block);
                self.moving = outer;
            }
            Expr::Let(l) => {
                let ctx = if pat_binds_by_value(&l.pat) {
                    Value
                } else {
                    Place
                };
                self.expr(&l.expr, ctx);
                // In scope for the rest of the condition and the block (the
                // `if` or `while` ends the scope).
                self.bind(&l.pat);
            }
            Expr::Match(m) => {
                let by_value = m.arms.iter().any(|arm| pat_binds_by_value(&arm.pat));
                self.expr(&m.expr, if by_value { Value } else { Place });
                for arm in &m.arms {
                    let mark = self.bound.len();
                    self.bind(&arm.pat);
                    if let Some((_, guard)) = &arm.guard {
                        self.expr(guard, Value);
                    }
                    self.expr(&arm.body, Value);
                    self.bound.truncate(mark);
                }
            }
            Expr::ForLoop(f) => {
                self.expr(&f.expr, Value);
                let mark = self.bound.len();
                self.bind(&f.pat);
                self.block(&f.body);
                self.bound.truncate(mark);
            }
            Expr::Paren(p) => self.expr(&p.expr, ctx),
            Expr::Group(g) => self.expr(&g.expr, ctx),
            Expr::Block(b) => self.block(&b.block),
            Expr::Unsafe(b) => self.block(&b.block),
            Expr::Const(_) => {}
            Expr::If(i) => {
                let mark = self.bound.len();
                self.expr(&i.cond, Value);
                self.block(&i.then_branch);
                self.bound.truncate(mark);
                if let Some((_, e)) = &i.else_branch {
                    self.expr(e, Value);
                }
            }
            Expr::Loop(l) => self.block(&l.body),
            Expr::While(w) => {
                let mark = self.bound.len();
                self.expr(&w.cond, Value);
                self.block(&w.body);
                self.bound.truncate(mark);
            }
            Expr::Struct(s) => {
                s.fields.iter().for_each(|f| self.expr(&f.expr, Value));
                if let Some(rest) = &s.rest {
                    self.expr(rest, Place);
                }
            }
            Expr::Lit(_) | Expr::Verbatim(_) | Expr::Infer(_) => {}
            other => {
                // Everything else takes its operands by value.
                let mut each = EachSubExpr(Vec::new());
                visit::visit_expr(&mut each, other);
                for sub in each.0 {
                    self.expr(sub, Value);
                }
            }
        }
    }
}

/// The direct sub-expressions of an expression.
struct EachSubExpr<'ast>(Vec<&'ast Expr>);

impl<'ast> Visit<'ast> for EachSubExpr<'ast> {
    fn visit_expr(&mut self, expr: &'ast Expr) {
        self.0.push(expr);
    }
    fn visit_block(&mut self, _: &'ast syn::Block) {}
}

/// Whether a pattern moves out of what it matches: it has a binding that is
/// not `ref`, under no `&` pattern.
pub fn pat_binds_by_value(pat: &Pat) -> bool {
    struct ByValue(bool);
    impl<'ast> Visit<'ast> for ByValue {
        fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
            if p.by_ref.is_none() && !looks_like_constant(&p.ident) {
                self.0 = true;
            }
            if let Some((_, sub)) = &p.subpat {
                self.visit_pat(sub);
            }
        }
        fn visit_pat_reference(&mut self, _: &'ast syn::PatReference) {}
        fn visit_expr(&mut self, _: &'ast Expr) {}
    }
    let mut v = ByValue(false);
    v.visit_pat(pat);
    v.0
}

/// Whether `mac` takes its arguments by reference (`println!`, `format!`,
/// `assert_eq!`, .., see `BORROWING_MACROS`).
fn is_borrowing_macro(mac: &Macro) -> bool {
    mac.path
        .segments
        .last()
        .is_some_and(|s| BORROWING_MACROS.contains(&s.ident.to_string().as_str()))
}

/// The locals `expr` borrows whole: `&x`, `&mut x`, and the bare
/// arguments of formatting macros (`println!("{x}")`, `format!("{}", x)`),
/// which take them by reference. A closure that does so captures `x` by
/// reference. (Not `x.len()` or `x.field`: through a reference `x`, that
/// captures a copy of it.) Names bound inside `expr` are not told apart.
pub fn whole_borrows(expr: &Expr) -> Vec<Ident> {
    struct Find(Vec<Ident>);
    impl Find {
        fn path(&mut self, expr: &Expr) {
            match expr {
                Expr::Path(p) if p.qself.is_none() => {
                    if let Some(ident) = p.path.get_ident() {
                        self.0.push(ident.clone());
                    }
                }
                Expr::Paren(p) => self.path(&p.expr),
                Expr::Group(g) => self.path(&g.expr),
                _ => {}
            }
        }
    }
    impl<'ast> Visit<'ast> for Find {
        fn visit_expr_reference(&mut self, r: &'ast syn::ExprReference) {
            self.path(&r.expr);
            visit::visit_expr_reference(self, r);
        }
        fn visit_macro(&mut self, mac: &'ast Macro) {
            if !is_borrowing_macro(mac) {
                return;
            }
            let mut push = |ident: &Ident, _| self.0.push(ident.clone());
            Touches::new(&mut push).format_args(&mac.tokens);
            let parsed = mac.parse_body_with(
                syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated,
            );
            for arg in parsed.iter().flatten() {
                self.path(arg);
                self.visit_expr(arg);
            }
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut find = Find(Vec::new());
    find.visit_expr(expr);
    find.0
}

/// Whether `pat` has a `&` (or `&mut`) pattern: matched against a borrow,
/// the bindings under it are copies rather than references.
pub fn pat_has_reference(pat: &Pat) -> bool {
    struct HasRef(bool);
    impl<'ast> Visit<'ast> for HasRef {
        fn visit_pat_reference(&mut self, _: &'ast syn::PatReference) {
            self.0 = true;
        }
        fn visit_expr(&mut self, _: &'ast Expr) {}
    }
    let mut v = HasRef(false);
    v.visit_pat(pat);
    v.0
}

/// `None`, `MAX`: a path pattern, not a binding (rustc's own convention).
pub fn looks_like_constant(ident: &Ident) -> bool {
    ident
        .to_string()
        .starts_with(|c: char| c.is_ascii_uppercase())
}

/// The bindings a pattern introduces, in order: (identifier, `mut`).
pub fn pat_bindings(pat: &Pat) -> Vec<(Ident, bool)> {
    struct Bindings(Vec<(Ident, bool)>);
    impl<'ast> Visit<'ast> for Bindings {
        fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
            if !looks_like_constant(&p.ident) || p.subpat.is_some() {
                self.0.push((p.ident.clone(), p.mutability.is_some()));
            }
            if let Some((_, sub)) = &p.subpat {
                self.visit_pat(sub);
            }
        }
        // Every case of an or-pattern binds the same names: count them once.
        fn visit_pat_or(&mut self, p: &'ast syn::PatOr) {
            if let Some(first) = p.cases.first() {
                self.visit_pat(first);
            }
        }
        fn visit_expr(&mut self, _: &'ast Expr) {}
    }
    let mut b = Bindings(Vec::new());
    b.visit_pat(pat);
    b.0
}
