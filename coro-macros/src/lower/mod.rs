//! Body -> blocks of straight-line code joined by suspensions and jumps.
//!
//! Input:
//! ```text
//! let a = D("a");
//! for x in xs { total += f(x).await; }
//! total
//! ```
//! Output (one arm of the resume closure per block):
//! ```text
//! Start     { xs, total }        let a = D("a"); let __coro_iter = into_iter(xs); goto LoopHead0
//! LoopHead0 { a, __coro_iter, total }
//!                                match next(&mut __coro_iter) { Some(x) => suspend Await0(f(x)), None => goto Join1 }
//! Await0    { __ready, a, __coro_iter, total }
//!                                total += __ready; goto LoopHead0
//! Join1     { a, total }         return total
//! ```
//!
//! Only statements that contain a suspension point are split; everything
//! else is copied verbatim, so rustc infers its types and its errors point at
//! the user's tokens. Scopes are explicit: when a block starts inside scopes
//! that began in an earlier block, each of them is re-opened as a Rust block
//! of the new arm, and the locals it held are re-bound there, so that Rust
//! drops them when the scope ends, in the order it would have.
//!
//! Which locals cross each transition is decided later ([`crate::analyse`]),
//! so transitions are written as hole identifiers (`__coro_hole_N`) that
//! [`crate::emit`] replaces.

mod blocks;
mod borrows;
pub mod control;
mod expr;
mod jumps;

use proc_macro2::{Delimiter, Group, Span, TokenStream};
use quote::{ToTokens, format_ident, quote};
use syn::{Expr, Ident};

use crate::args::Kind;
use crate::rewrite::SplitTarget;
use crate::scan::{self, Ctx, Touch};

pub type VarId = usize;
pub type ScopeId = usize;
pub type BlockId = usize;
pub type Seq = usize;

/// A split loop's extent in sequence numbers: `start..end`, of which
/// `start..body` is its head's own code (a `while`'s condition), which runs
/// once more after the last pass of the body, on the way out.
#[derive(Clone, Copy)]
pub struct Loop {
    pub start: Seq,
    pub body: Seq,
    pub end: Seq,
}

/// The value of a `break` or `return` that suspends (`break load(x).await`):
/// the blocks that start while it is evaluated leave the loops around it
/// once it has its value, so no back edge of those loops follows them.
#[derive(Clone, Copy)]
pub struct Leave {
    /// The loops it leaves are those that start at or after this point
    /// (the construct the `break` targets; 0 for a `return`)...
    pub loops_from: Seq,
    /// ...and enclose the value: they start before it.
    pub value_start: Seq,
    pub value_end: Seq,
    /// Where control goes next: the targeted construct's exit; `None` for
    /// a `return`.
    pub exit: Option<BlockId>,
}

/// A local of the body (user binding, parameter or generated temporary).
pub struct Var {
    /// How code in its own arm refers to it.
    pub ident: Ident,
    /// `ident` as text, computed once: comparing two `Ident`s (or one with
    /// a `str`) formats them, an allocation each time.
    pub name: String,
    /// The name of its field in frame and step variants.
    pub field: Ident,
    pub mutable: bool,
    pub scope: ScopeId,
    pub decl: Seq,
    /// The user can name it (a binding of the body or a parameter).
    pub user: bool,
    /// The arm it was declared in.
    pub block: BlockId,
    /// For parameters, what their type says.
    pub kind: Option<crate::signature::ParamKind>,
    /// A generated value that stays alive to the end of its scope whatever
    /// the code does with it (an iterator, a receiver).
    pub sticky: bool,
    /// Nothing to drop (a reference `let r = &e;` or `let ref r = e;`, a
    /// literal `let n = 0;`, the variable of a `for` over a range): stored in
    /// the frame only if code after the point uses it.
    pub no_drop: bool,
    /// `let r = &v;` (or `&mut v`, `&v[..]`, `v.iter()`, ..) with `v` a
    /// local stored in the frame. Stored at a suspension point, `r` would
    /// borrow the frame it is stored in.
    pub borrows: Option<Borrow>,
    /// Its initialiser (or scrutinee) names a local of the frame without
    /// moving it (`let first = v.first();`, `match s.as_str() { .. }`): its
    /// value may borrow that local. Stored only to be dropped at the end of
    /// its scope, it goes through `__coro_rt::Keep`, which drops a `Copy`
    /// value (a reference, `Option<&T>`: nothing to drop) at once instead.
    pub may_borrow: bool,
    /// `let f = |..| ..;` without `move`: the closure's span, and whether
    /// its body only borrows the locals it names (see
    /// [`Builder::closure_only_borrows`]).
    pub closure: Option<(Span, bool)>,
    /// `let x: T;` (declared without a value): the type the arms that
    /// declare it again must give it, since it may be all that fixes it
    /// (`let n: u64; n = ready(1 << 40).await;`).
    pub declared_ty: Option<Box<syn::Type>>,
    pub span: Span,
}

impl Var {
    /// How a closure kept only to be dropped at the end of its scope (a
    /// suspension point stores it, no code after uses it) is kept, if it is
    /// one (see `__coro_rt::closure_dropped`).
    pub fn kept_closure(&self) -> Option<KeptClosure> {
        let (span, only_borrows) = self.closure?;
        let borrows_in_place = self
            .borrows
            .as_ref()
            .is_some_and(|b| b.via == Via::Closure && b.temporary.is_none());
        Some(if only_borrows {
            // References only: nothing to drop, dropped now.
            KeptClosure::DroppedNow(span)
        } else if borrows_in_place && !self.mutable {
            // A reference and maybe a value of its own: dropped now if it
            // is `Copy`, refused by rustc at the closure if not. (A `let
            // mut` one keeps the macro's error, see `check_borrows..`.)
            KeptClosure::DroppedIfCopy(span)
        } else {
            // Values of its own and maybe references: `Keep` decides, its
            // error (a closure that is not `Copy`) at the closure.
            KeptClosure::Keep(span)
        })
    }
}

/// See [`Var::kept_closure`].
#[derive(Clone, Copy, Debug)]
pub enum KeptClosure {
    DroppedNow(Span),
    DroppedIfCopy(Span),
    Keep(Span),
}

/// What a local's initialiser borrows (see [`Var::borrows`]).
#[derive(Clone)]
pub struct Borrow {
    pub span: Span,
    /// The borrowed local, as the user names it.
    pub root: String,
    /// How it borrows.
    pub via: Via,
    /// `let r = &x.await;`, `match &x.await { r => .. }`: the borrow is of
    /// a temporary (which the construct keeps alive), not of a local; `root`
    /// is then the expression's text.
    pub temporary: Option<Keeper>,
}

/// How a local's initialiser borrows (see [`Borrow::via`]).
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Via {
    /// `&place`, `&mut place`.
    Reference,
    /// A borrowing method: `iter`, `split_whitespace`, ..
    Method(String),
    /// A closure without `move` that names the local in place
    /// (`|m| println!("{prefix}: {m}")`): it captures it by reference.
    Closure,
}

/// What keeps a borrowed temporary alive (see [`Borrow::temporary`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Keeper {
    /// `let r = &e;`: to the end of the enclosing block.
    Let,
    /// `match &e { .. }`: to the end of the `match`.
    Match,
    /// `if let P = &e { .. }`: to the end of its block.
    IfLet,
    /// `while let P = &e { .. }`: to the end of each pass of the body.
    WhileLet,
}

/// A `let` that shadows a local of the same arm: the shadowed value may still
/// have to be moved into the frame later, so it is first moved into a slot
/// declared right after its own binding (same place in the drop order).
pub struct Stash {
    pub var: VarId,
    pub arm: BlockId,
    pub seq: Seq,
    /// The scope of the shadowing `let`: past its end (the `else` of the
    /// `if` whose branch shadowed, say) the local has its own name again.
    pub scope: ScopeId,
}

impl Stash {
    /// Whether a transition at `seq` in arm `arm` finds the local in the
    /// stash rather than under its name.
    pub fn covers(&self, scopes: &[Scope], arm: BlockId, seq: Seq) -> bool {
        self.arm == arm && self.seq < seq && seq < scopes[self.scope].end
    }
}

pub struct Scope {
    pub vars: Vec<VarId>,
    /// Sequence number at which the scope closed (`usize::MAX` while open).
    pub end: Seq,
}

/// A use of a local, in program order.
pub struct Event {
    pub var: VarId,
    pub seq: Seq,
    pub touch: Touch,
    /// The arm whose code it is in.
    pub block: BlockId,
    /// The branches (construct, arm) the event happened in.
    pub branch: Vec<(usize, usize)>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SuspendKind {
    Await,
    Yield,
}

pub enum BlockKind {
    /// The first resume: the parameters.
    Start,
    /// After a suspension point; `__ready` is the value it produced.
    Resume {
        kind: SuspendKind,
        index: usize,
        span: Span,
    },
    /// A join point or loop head reached by jumps within one resume;
    /// `value` is the variable that receives the jump's value.
    Join {
        name: String,
        takes_value: bool,
        value: Option<VarId>,
    },
}

pub struct Block {
    pub kind: BlockKind,
    /// Where the block starts, for the liveness analysis.
    pub entry: Seq,
    /// The scopes active when it starts, outermost first.
    pub scopes: Vec<ScopeId>,
    pub branch: Vec<(usize, usize)>,
    /// Its arm's code (without the restore pattern), once finished.
    pub code: TokenStream,
    /// Whether some transition reaches it (unreachable blocks are dropped).
    pub reached: bool,
    /// The `break` or `return` value it is part of (see [`Leave`]), an
    /// index into `Builder::leaves`.
    pub leave: Option<usize>,
}

pub enum Payload {
    /// Store the awaitee and poll it in place.
    Await(TokenStream),
    /// Pass a value out (generators, async iterators).
    Yield(TokenStream),
    /// Jump within the resume, with an optional value.
    Goto(Option<TokenStream>),
}

pub struct Transition {
    pub seq: Seq,
    pub target: BlockId,
    /// The arm it is written in.
    pub from: BlockId,
    pub payload: Payload,
    pub span: Span,
    /// The branches (construct, arm) it is written in.
    pub branch: Vec<(usize, usize)>,
}

enum SinkKind {
    /// The root of an arm.
    Arm(BlockId),
    /// A scope's Rust block (original or re-opened).
    Scope,
    /// A piece of code a construct will embed (an `if` branch, a match arm).
    Fragment,
}

struct Sink {
    kind: SinkKind,
    code: TokenStream,
    /// The code written so far never falls through.
    diverged: bool,
}

/// A split loop or labeled block, for `break`/`continue`.
pub struct SplitLoop {
    pub target: SplitTarget,
    pub head: Option<BlockId>,
    pub exit: BlockId,
    /// The scope depth outside the loop (jumps leave the scopes above it).
    pub depth: usize,
    /// Where the construct starts.
    pub start: Seq,
}

/// A `let` of the user's (or the parameters, or a pattern's bindings) whose
/// bindings the body may never read. rustc would say `unused variable`;
/// after the rewrite it may not (the binding is stored in the frame, a use;
/// or re-bound under an `allow` in a later piece). If none of its bindings
/// is named anywhere, the hole before the `let` becomes a block binding
/// each to `()` under the user's own ident, which rustc reports where the
/// user wrote it, and an `allow` on the real `let` so that the warning
/// comes once. The same hole decides the `let`'s `allow(unused_mut)`: only
/// a local that a later piece re-binds needs it.
pub struct UnreadCheck {
    /// The `let`'s own attributes (an `allow` or a `cfg` of the user's).
    pub attrs: TokenStream,
    /// Each binding, and how the user wrote it (`mut x`: rustc's warning
    /// points at both tokens, and says `mut` is not needed either).
    pub vars: Vec<(VarId, TokenStream)>,
    pub at: CheckAt,
}

/// Where an [`UnreadCheck`]'s hole stands.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum CheckAt {
    /// Before the `let` it checks, which then gets the `allow`.
    Let,
    /// Alone, at the top of the body: a parameter is always read (into the
    /// frame), so rustc never calls it unused.
    Param,
    /// Alone, at the top of a `match` arm's, `if let`'s or loop's body,
    /// for the bindings of its pattern: rustc calls an unread one unused
    /// itself unless a later piece receives it (a read).
    Arm,
}

pub struct Builder {
    pub kind: Kind,
    pub vars: Vec<Var>,
    /// The field names the locals have taken (see `unique_field`).
    fields: std::collections::HashSet<String>,
    pub scopes: Vec<Scope>,
    pub events: Vec<Event>,
    pub blocks: Vec<Block>,
    pub transitions: Vec<Transition>,
    /// The user's `let`s, by hole `__coro_unread_N` before each.
    pub unread_checks: Vec<UnreadCheck>,
    /// Lowering the macro's own re-binding `let` of a renamed pattern.
    rebinding: bool,
    /// Jumps out of verbatim code whose place in program order is not
    /// known yet, by hole: their transition is ordered, and their value's
    /// touches recorded, when the scan of the code around them meets the
    /// hole (a move before the `break` comes before the jump).
    pending_jumps: std::collections::BTreeMap<usize, Option<Expr>>,
    pub stashes: Vec<Stash>,
    /// The local handed over in `let (n, s) = s.op(..).await;` (see
    /// [`Builder::awaited_receiver`]), while its initialiser is lowered.
    pass_through: Option<VarId>,
    /// Set while the initialiser of `let x = e.await;` is lowered: the
    /// value that `.await` gives is named at the user's `await` token, so
    /// that rustc's `unused_assignments` (`x` overwritten before it is
    /// read) reaches the user, as it does for an `async fn`. Not the whole
    /// `e.await`: rustc's E0382 help would then offer `ref` before `e` as
    /// if it were a pattern.
    let_awaited: bool,
    /// Blocks in the order their code was started: arms are emitted in this
    /// order so that rustc sees each local's type before its uses.
    pub started: Vec<BlockId>,
    /// Each split loop, for liveness around back edges.
    pub loops: Vec<Loop>,
    /// Each suspending `break` or `return` value (see [`Leave`]).
    pub leaves: Vec<Leave>,
    /// The ones being lowered, innermost last.
    leaving: Vec<usize>,
    /// Items and `use` declarations hoisted out of the body.
    pub items: Vec<TokenStream>,
    /// The paths the body names `yield_!` by (each is invoked once so that
    /// its import counts as used).
    pub yield_paths: Vec<syn::Path>,
    pub errors: Vec<syn::Error>,
    seq: Seq,
    active: Vec<ScopeId>,
    sinks: Vec<Sink>,
    current: BlockId,
    branch: Vec<(usize, usize)>,
    next_construct: usize,
    split_loops: Vec<SplitLoop>,
    awaits: usize,
    yields: usize,
    joins: usize,
    temps: usize,
}

/// A value produced by lowered code, usable in the current arm.
pub struct Operand {
    pub tokens: TokenStream,
    /// Needs no parentheses as an operand of another expression.
    pub atomic: bool,
    /// Events to record when the operand is finally emitted (not before:
    /// its place in program order is where it is used).
    pending: Vec<Pending>,
}

enum Pending {
    /// Code to scan for the locals it names, but for the names bound
    /// around it (the `let`s of an `if` condition lowered apart).
    Scan(Box<Expr>, Ctx, Vec<Ident>),
    /// The left side of an assignment.
    Assigned(Box<Expr>),
    Use(VarId, Touch),
}

impl Operand {
    fn verbatim(expr: Expr, ctx: Ctx) -> Operand {
        let atomic = is_atomic(&expr);
        Operand {
            tokens: expr.to_token_stream(),
            atomic,
            pending: vec![Pending::Scan(Box::new(expr), ctx, Vec::new())],
        }
    }
    /// The operand, where `names` are bound by code around it: its
    /// mentions of them are not of the locals outside.
    pub(crate) fn hiding(mut self, names: &[(Ident, bool)]) -> Operand {
        for pending in &mut self.pending {
            if let Pending::Scan(_, _, hidden) = pending {
                hidden.extend(names.iter().map(|(ident, _)| ident.clone()));
            }
        }
        self
    }
    pub(crate) fn var(id: VarId, ident: &Ident, touch: Touch) -> Operand {
        Operand {
            tokens: ident.to_token_stream(),
            atomic: true,
            pending: vec![Pending::Use(id, touch)],
        }
    }
    fn tokens(tokens: TokenStream) -> Operand {
        Operand {
            tokens,
            atomic: false,
            pending: Vec::new(),
        }
    }
    /// Composes operands into one expression; their events go with it.
    fn compose(tokens: TokenStream, parts: Vec<Operand>) -> Operand {
        Operand {
            tokens,
            atomic: false,
            pending: parts.into_iter().flat_map(|p| p.pending).collect(),
        }
    }
    fn atomic(mut self) -> Operand {
        self.atomic = true;
        self
    }
    /// The tokens, parenthesised unless atomic (rustc flattens invisible groups).
    fn paren(&self) -> TokenStream {
        let tokens = &self.tokens;
        if self.atomic {
            tokens.clone()
        } else {
            quote!((#tokens))
        }
    }
}

impl Builder {
    pub fn new(kind: Kind) -> Builder {
        Builder {
            kind,
            vars: Vec::new(),
            fields: std::collections::HashSet::new(),
            scopes: Vec::new(),
            events: Vec::new(),
            blocks: Vec::new(),
            transitions: Vec::new(),
            pending_jumps: std::collections::BTreeMap::new(),
            unread_checks: Vec::new(),
            rebinding: false,
            started: Vec::new(),
            stashes: Vec::new(),
            pass_through: None,
            let_awaited: false,
            loops: Vec::new(),
            leaves: Vec::new(),
            leaving: Vec::new(),
            items: Vec::new(),
            yield_paths: Vec::new(),
            errors: Vec::new(),
            seq: 0,
            active: Vec::new(),
            sinks: Vec::new(),
            current: 0,
            branch: Vec::new(),
            next_construct: 0,
            split_loops: Vec::new(),
            awaits: 0,
            yields: 0,
            joins: 0,
            temps: 0,
        }
    }

    fn tick(&mut self) -> Seq {
        self.seq += 1;
        self.seq
    }

    pub fn error(&mut self, span: Span, msg: impl std::fmt::Display) {
        self.errors.push(syn::Error::new(span, msg));
    }

    // ---- scopes and locals ------------------------------------------------

    pub fn open_scope(&mut self) -> ScopeId {
        let id = self.scopes.len();
        self.scopes.push(Scope {
            vars: Vec::new(),
            end: usize::MAX,
        });
        self.active.push(id);
        self.sinks.push(Sink {
            kind: SinkKind::Scope,
            code: TokenStream::new(),
            diverged: false,
        });
        id
    }

    /// Closes the innermost scope; returns its code as a Rust block
    /// (`{ .. }`, with `tail` as its value) for the caller to place.
    pub fn close_scope(&mut self, tail: Option<TokenStream>) -> TokenStream {
        let scope = self.active.pop().expect("scope stack underflow");
        let end = self.tick();
        self.scopes[scope].end = end;
        let sink = self.sinks.pop().expect("sink stack underflow");
        debug_assert!(matches!(sink.kind, SinkKind::Scope));
        let mut code = sink.code;
        code.extend(tail);
        Group::new(Delimiter::Brace, code).into_token_stream()
    }

    /// Declares a local in the innermost scope.
    pub fn declare(&mut self, ident: Ident, mutable: bool, user: bool, sticky: bool) -> VarId {
        let id = self.vars.len();
        let scope = *self.active.last().expect("no scope");
        let field = self.unique_field(&ident);
        let decl = self.tick();
        let span = ident.span();
        let block = self.current;
        self.fields.insert(field.to_string());
        self.vars.push(Var {
            name: ident.to_string(),
            ident,
            field,
            mutable,
            scope,
            decl,
            user,
            block,
            kind: None,
            sticky,
            no_drop: false,
            borrows: None,
            may_borrow: false,
            closure: None,
            declared_ty: None,
            span,
        });
        self.scopes[scope].vars.push(id);
        id
    }

    fn unique_field(&self, ident: &Ident) -> Ident {
        let text = ident.to_string();
        let base = text.trim_start_matches("__coro_").trim_start_matches("r#");
        // A raw identifier's name is a keyword: not a valid plain field name.
        let base = if text.starts_with("r#") {
            format!("{base}_")
        } else {
            base.to_string()
        };
        let base = base.as_str();
        let taken = |name: &str| {
            matches!(name, "awaitee" | "ready" | "value") || self.fields.contains(name)
        };
        if !taken(base) {
            return Ident::new(base, Span::call_site());
        }
        (1..)
            .map(|n| format!("{base}_{n}"))
            .find(|n| !taken(n))
            .map(|n| Ident::new(&n, Span::call_site()))
            .unwrap()
    }

    /// Declares a parameter (its field name is fixed by the signature).
    pub fn declare_param(
        &mut self,
        ident: Ident,
        field: Ident,
        mutable: bool,
        user: bool,
        kind: crate::signature::ParamKind,
    ) -> VarId {
        let id = self.declare(ident, mutable, user, false);
        self.fields.remove(&self.vars[id].field.to_string());
        self.fields.insert(field.to_string());
        self.vars[id].field = field;
        self.vars[id].kind = Some(kind);
        id
    }

    /// Emits the hole of a new [`UnreadCheck`] here; its index, for
    /// bindings declared after it.
    pub fn unread_check(
        &mut self,
        attrs: TokenStream,
        vars: Vec<(VarId, TokenStream)>,
        at: CheckAt,
    ) -> usize {
        let id = self.unread_checks.len();
        self.unread_checks.push(UnreadCheck { attrs, vars, at });
        let hole = format_ident!("__coro_unread_{}", id);
        self.emit(quote!(#hole));
        id
    }

    /// A generated temporary in the innermost scope, bound to `value`.
    /// `sticky` ones are mutable and live to the end of their scope.
    pub fn temp(&mut self, prefix: &str, value: Operand, sticky: bool) -> (VarId, Ident) {
        self.temp_at(prefix, value, sticky, Span::mixed_site())
    }

    /// [`Builder::temp`] named with `span`: the user's span makes rustc's
    /// lints on the value it holds (and the `let` it initialises) the
    /// user's. Its `let` and every use carry that span, so the name
    /// resolves under any hygiene (`macro_rules!` bodies included).
    pub fn temp_at(
        &mut self,
        prefix: &str,
        value: Operand,
        sticky: bool,
        span: Span,
    ) -> (VarId, Ident) {
        self.temp_declared(prefix, value, sticky, span, None)
    }

    /// A temporary kept for the rest of its statement (see
    /// `mark_temporaries`): `mut`, since the method that borrows it may
    /// take `&mut self` (`make().next()`), and stored through
    /// `__coro_rt::Keep` where it is dead, which drops a `Copy` value at
    /// once.
    pub fn kept_temp(&mut self, value: Operand) -> (VarId, Ident) {
        let allow = quote!(#[allow(unused_mut)]);
        let (var, ident) = self.temp_declared("k", value, false, Span::mixed_site(), Some(allow));
        self.vars[var].may_borrow = true;
        (var, ident)
    }

    /// `let __coro_<prefix>N = value;`, `mut` if `sticky` or if
    /// `mut_allowing` gives the `allow` that goes with it.
    fn temp_declared(
        &mut self,
        prefix: &str,
        value: Operand,
        sticky: bool,
        span: Span,
        mut_allowing: Option<TokenStream>,
    ) -> (VarId, Ident) {
        self.temps += 1;
        let ident = format_ident!("__coro_{}{}", prefix, self.temps, span = span);
        let tokens = value.tokens.clone();
        self.flush(value);
        let id = self.declare(ident.clone(), sticky, false, sticky);
        let mutability = (sticky || mut_allowing.is_some()).then(|| quote!(mut));
        self.emit(quote!(#mut_allowing #[allow(clippy::let_unit_value)] let #mutability #ident = #tokens;));
        (id, ident)
    }

    /// Declares a user binding and marks where its slot would go.
    pub fn declare_binding(&mut self, ident: Ident, mutable: bool) -> VarId {
        let var = self.declare(ident, mutable, true, false);
        let hole = slot_decl_ident(var);
        self.emit(quote!(#hole));
        var
    }

    /// Before a `let` that shadows visible locals: stash them.
    pub fn stash_shadowed(&mut self, bindings: &[(Ident, bool)]) -> bool {
        let mut any = false;
        for (ident, _) in bindings {
            if let Some(old) = self.lookup(ident) {
                let seq = self.tick();
                let id = self.stashes.len();
                self.stashes.push(Stash {
                    var: old,
                    arm: self.current,
                    seq,
                    scope: *self.active.last().expect("no scope"),
                });
                let hole = stash_ident(id);
                self.emit(quote!(#hole));
                any = true;
            }
        }
        any
    }

    /// The visible user local called `ident`, innermost first.
    pub fn lookup(&self, ident: &Ident) -> Option<VarId> {
        let name = ident.to_string();
        self.active
            .iter()
            .rev()
            .flat_map(|&s| self.scopes[s].vars.iter().rev())
            .copied()
            .find(|&v| self.vars[v].user && self.vars[v].name == name)
    }

    /// Records that generated code moved `var`.
    pub fn record_consume(&mut self, var: VarId) {
        self.record(var, Touch::Consume);
    }

    pub(crate) fn record(&mut self, var: VarId, touch: Touch) {
        let seq = self.tick();
        let branch = self.branch.clone();
        let block = self.current;
        self.events.push(Event {
            var,
            seq,
            touch,
            block,
            branch,
        });
    }

    fn flush(&mut self, op: Operand) {
        for pending in op.pending {
            match pending {
                Pending::Use(var, touch) => self.record(var, touch),
                Pending::Scan(expr, ctx, hidden) => {
                    let mut found = Vec::new();
                    scan::touches(&expr, ctx, &mut |ident, touch| {
                        if !hidden.contains(ident) {
                            found.push((ident.clone(), touch));
                        }
                    });
                    self.record_touches(found);
                }
                Pending::Assigned(left) => {
                    let mut found = Vec::new();
                    scan::assign_targets(&left, &mut |ident, touch| {
                        found.push((ident.clone(), touch))
                    });
                    self.record_touches(found);
                }
            }
        }
    }

    fn record_touches(&mut self, found: Vec<(Ident, Touch)>) {
        for (ident, touch) in found {
            if !self.pending_jumps.is_empty()
                && let Some(id) = hole_id(&ident.to_string())
                && let Some(value) = self.pending_jumps.remove(&id)
            {
                self.place_jump(id, value);
                continue;
            }
            if let Some(var) = self.lookup(&ident) {
                let touch = match touch {
                    Touch::DerefValue
                        if self.vars[var].kind == Some(crate::signature::ParamKind::Boxed) =>
                    {
                        Touch::Consume
                    }
                    Touch::DerefValue => Touch::Mention,
                    other => other,
                };
                self.record(var, touch);
            }
        }
    }

    /// Emits an operand's tokens as they are (a statement or a tail).
    pub fn emit_operand(&mut self, op: Operand) -> TokenStream {
        let tokens = op.tokens.clone();
        self.flush(op);
        tokens
    }
}

/// Expressions that bind tighter than any operator.
fn is_atomic(expr: &Expr) -> bool {
    matches!(
        expr,
        Expr::Path(_)
            | Expr::Lit(_)
            | Expr::Call(_)
            | Expr::MethodCall(_)
            | Expr::Field(_)
            | Expr::Index(_)
            | Expr::Paren(_)
            | Expr::Tuple(_)
            | Expr::Array(_)
            | Expr::Macro(_)
            | Expr::Struct(_)
            | Expr::Block(_)
            | Expr::Repeat(_)
            | Expr::Await(_)
            | Expr::Try(_)
    )
}

pub fn stash_ident(id: usize) -> Ident {
    format_ident!("__coro_stash_{}", id)
}

pub fn slot_decl_ident(var: VarId) -> Ident {
    format_ident!("__coro_slotdecl_{}", var)
}

pub fn slot_ident(var: VarId) -> Ident {
    format_ident!("__coro_slot_{}", var, span = Span::mixed_site())
}

pub fn uninit_ident(var: VarId) -> Ident {
    format_ident!("__coro_uninit_{}", var)
}

pub fn hole_ident(id: usize) -> Ident {
    format_ident!("__coro_hole_{}", id)
}

/// The transition a [`hole_ident`] (given as text) stands for.
pub fn hole_id(name: &str) -> Option<usize> {
    name.strip_prefix("__coro_hole_")?.parse().ok()
}

pub fn rebind_ident(block: BlockId, depth: usize) -> Ident {
    format_ident!("__coro_rebind_{}_{}", block, depth)
}

/// The expression as an error message quotes it (`load().await`), or
/// `<the expression>` where the tokens would not read as the user wrote
/// them (long, or rewritten before lowering: `?`, `self`).
pub(crate) fn snippet(expr: &Expr) -> String {
    let mut text = expr.to_token_stream().to_string();
    for (from, to) in [
        (" . ", "."),
        (" (", "("),
        ("( ", "("),
        (" )", ")"),
        (" ,", ","),
        (" :: ", "::"),
        (" !", "!"),
        (" [", "["),
        ("[ ", "["),
        (" ]", "]"),
    ] {
        text = text.replace(from, to);
    }
    if text.len() > 60 || text.contains("__coro") {
        "<the expression>".to_owned()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::snippet;

    #[test]
    fn snippets_read_as_written() {
        assert_eq!(snippet(&syn::parse_quote!(load().await)), "load().await");
        assert_eq!(
            snippet(&syn::parse_quote!(db.get(key, 3).await)),
            "db.get(key, 3).await"
        );
        assert_eq!(
            snippet(&syn::parse_quote!(fetch(&[1, 2]).await)),
            "fetch(&[1, 2]).await"
        );
    }

    #[test]
    fn rewritten_or_long_expressions_are_not_quoted() {
        assert_eq!(
            snippet(&syn::parse_quote!(__coro_self.get().await)),
            "<the expression>"
        );
        let long: syn::Expr = syn::parse_quote!(
            a_rather_long_function_name(with, several, arguments, that, go, on).await
        );
        assert_eq!(snippet(&long), "<the expression>");
    }
}
