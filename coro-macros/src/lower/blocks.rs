//! Code sinks (the open Rust blocks of the arm being written), blocks,
//! transitions and suspension points.

use proc_macro2::{Delimiter, Group, Span, TokenStream};
use quote::{ToTokens, format_ident, quote};
use syn::{Expr, Ident};

use super::*;

impl Builder {
    // ---- code sinks -------------------------------------------------------

    pub fn emit(&mut self, tokens: TokenStream) {
        self.sinks.last_mut().expect("no sink").code.extend(tokens);
    }

    /// The current sink's code never falls through from here on.
    pub fn mark_diverged(&mut self) {
        self.sinks.last_mut().expect("no sink").diverged = true;
    }

    pub fn diverged(&self) -> bool {
        self.sinks.last().is_some_and(|s| s.diverged)
    }

    pub fn set_current(&mut self, block: BlockId) {
        self.current = block;
    }

    /// Opens the outermost fragment: everything is written inside it.
    pub fn begin(&mut self) {
        self.sinks.push(Sink {
            kind: SinkKind::Fragment,
            code: TokenStream::new(),
            diverged: false,
        });
    }

    /// Finishes every open arm.
    pub fn finish(&mut self) {
        while self.sinks.len() > 1 {
            self.finish_top_sink();
        }
        self.sinks.clear();
    }

    /// Runs `f` with a fresh fragment as the sink and returns the fragment's
    /// code; arms that `f` started are finished on the way out.
    pub fn fragment(&mut self, f: impl FnOnce(&mut Builder)) -> TokenStream {
        let depth = self.sinks.len();
        self.sinks.push(Sink {
            kind: SinkKind::Fragment,
            code: TokenStream::new(),
            diverged: false,
        });
        f(self);
        while self.sinks.len() > depth + 1 {
            self.finish_top_sink();
        }
        self.sinks.pop().expect("fragment").code
    }

    /// Pops the top sink into its parent (a scope) or into its block (an arm).
    fn finish_top_sink(&mut self) {
        let sink = self.sinks.pop().expect("sink");
        match sink.kind {
            SinkKind::Arm(block) => self.blocks[block].code = sink.code,
            SinkKind::Scope | SinkKind::Fragment => {
                let group = Group::new(Delimiter::Brace, sink.code);
                self.emit(group.into_token_stream());
            }
        }
    }

    /// Enters a construct with several arms (branch path for the analysis).
    pub fn construct(&mut self) -> usize {
        self.next_construct += 1;
        self.next_construct
    }

    pub fn in_branch<T>(
        &mut self,
        construct: usize,
        arm: usize,
        f: impl FnOnce(&mut Builder) -> T,
    ) -> T {
        self.branch.push((construct, arm));
        let out = f(self);
        self.branch.pop();
        out
    }

    // ---- blocks and transitions ------------------------------------------

    pub fn new_block(&mut self, kind: BlockKind) -> BlockId {
        self.blocks.push(Block {
            kind,
            entry: 0,
            scopes: Vec::new(),
            branch: Vec::new(),
            code: TokenStream::new(),
            reached: false,
            leave: None,
        });
        self.blocks.len() - 1
    }

    pub fn new_join(&mut self, role: &str, with_value: bool) -> BlockId {
        let name = format!("{role}{}", self.joins);
        self.joins += 1;
        // The value variable is declared when the block starts.
        self.new_block(BlockKind::Join {
            name,
            takes_value: with_value,
            value: None,
        })
    }

    /// Writes a transition hole into the current sink (it diverges).
    pub fn transition(&mut self, target: BlockId, payload: Payload, span: Span) {
        let seq = self.tick();
        let id = self.transitions.len();
        self.transitions.push(Transition {
            seq,
            target,
            from: self.current,
            payload,
            span,
            branch: self.branch.clone(),
        });
        self.blocks[target].reached = true;
        let hole = hole_ident(id);
        self.emit(quote!(#hole));
        self.mark_diverged();
    }

    /// The expression form of a jump, for verbatim code (`break` -> this).
    pub fn jump_expr(&mut self, target: BlockId, value: Option<TokenStream>, span: Span) -> Expr {
        let seq = self.tick();
        let id = self.transitions.len();
        self.transitions.push(Transition {
            seq,
            target,
            from: self.current,
            payload: Payload::Goto(value),
            span,
            branch: self.branch.clone(),
        });
        self.blocks[target].reached = true;
        let hole = hole_ident(id);
        syn::parse_quote!(#hole)
    }

    /// Starts emitting into `block`: the current arm has diverged. Finishes
    /// the sinks above the innermost fragment, then opens the block's arm and
    /// re-opens every active scope in it.
    pub fn start_block(&mut self, block: BlockId) {
        while matches!(
            self.sinks.last(),
            Some(Sink {
                kind: SinkKind::Arm(_) | SinkKind::Scope,
                ..
            })
        ) {
            self.finish_top_sink();
        }
        let entry = self.tick();
        self.current = block;
        self.started.push(block);
        let b = &mut self.blocks[block];
        b.entry = entry;
        b.scopes = self.active.clone();
        b.branch = self.branch.clone();
        b.leave = self.leaving.last().copied();
        self.sinks.push(Sink {
            kind: SinkKind::Arm(block),
            code: TokenStream::new(),
            diverged: false,
        });
        for (depth, _) in self.active.iter().enumerate() {
            let rebind = rebind_ident(block, depth);
            self.sinks.push(Sink {
                kind: SinkKind::Scope,
                code: quote!(#rebind),
                diverged: false,
            });
        }
        // A join's incoming value is a new local of the innermost scope.
        if let BlockKind::Join {
            takes_value: true, ..
        } = &self.blocks[block].kind
        {
            let ident = Ident::new("__coro_value", Span::mixed_site());
            let var = self.declare(
                format_ident!("__coro_v{}", block, span = Span::mixed_site()),
                false,
                false,
                false,
            );
            let local = self.vars[var].ident.clone();
            self.emit(quote!(#[allow(clippy::let_unit_value)] let #local = #ident;));
            if let BlockKind::Join { value, .. } = &mut self.blocks[block].kind {
                *value = Some(var);
            }
        }
    }

    /// The value variable of a join block that has started.
    pub fn join_value(&self, block: BlockId) -> Option<VarId> {
        match &self.blocks[block].kind {
            BlockKind::Join { value, .. } => *value,
            _ => None,
        }
    }

    pub fn current_block(&self) -> BlockId {
        self.current
    }

    /// A suspension: `.await` (stores the awaitee) or `yield_!`.
    /// Returns the value the suspension point evaluates to.
    /// `named_at`: where the value is named (see `Builder::temp_at`), if
    /// not the macro's own.
    pub fn suspend(
        &mut self,
        kind: SuspendKind,
        value: Operand,
        span: Span,
        named_at: Option<Span>,
    ) -> Operand {
        let index = match kind {
            SuspendKind::Await => {
                self.awaits += 1;
                self.awaits - 1
            }
            SuspendKind::Yield => {
                self.yields += 1;
                self.yields - 1
            }
        };
        let block = self.new_block(BlockKind::Resume { kind, index, span });
        let tokens = value.tokens.clone();
        self.flush(value);
        let payload = match kind {
            SuspendKind::Await => Payload::Await(tokens),
            SuspendKind::Yield => Payload::Yield(tokens),
        };
        self.transition(block, payload, span);
        self.start_block(block);
        let ready = Ident::new("__coro_ready", Span::mixed_site());
        let name_span = named_at.unwrap_or_else(Span::mixed_site);
        let (var, ident) = self.temp_at("r", Operand::tokens(quote!(#ready)), false, name_span);
        Operand::var(var, &ident, Touch::Consume)
    }
}
