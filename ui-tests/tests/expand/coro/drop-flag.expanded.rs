use coro_runtime::coro;
fn ready(value: u32) -> std::future::Ready<u32> {
    std::future::ready(value)
}
fn spend(token: Vec<u8>, pay: bool) -> impl ::coro_runtime::Coroutine<Output = usize> {
    use ::coro_runtime::__private as __coro_rt;
    /// The machine's enums, in a module of their own so that
    /// their names never shadow the user's in this function.
    mod __coro {
        #[allow(unused_imports)]
        use ::coro_runtime::__private as __coro_rt;
        ///The frame of the coroutine `spend`: one variant per resume point, holding the locals live there (fields in drop order).
        #[allow(
            non_camel_case_types,
            clippy::large_enum_variant,
            clippy::enum_variant_names
        )]
        pub(super) enum SpendFrame<Token, Pay, Await0Awaitee, T1> {
            ///Created, not yet resumed: holds the arguments.
            Start { token: __coro_rt::Slot<Token>, pay: __coro_rt::Slot<Pay> },
            ///Suspended at the `.await` on line 12 (column 21).
            Await0 {
                awaitee: __coro_rt::Slot<Await0Awaitee>,
                t1: __coro_rt::Slot<T1>,
                token: __coro_rt::Slot<Token>,
            },
            ///Suspended at the `.await` on line 12 (column 21). Without `token`, moved on the way.
            Await0WithoutToken {
                awaitee: __coro_rt::Slot<Await0Awaitee>,
                t1: __coro_rt::Slot<T1>,
            },
            /// Returned (also the state while a resume runs).
            Done,
            /// A resume panicked.
            Poisoned,
        }
        /// Where the next piece of the body starts: `Resumed` with what
        /// the resume point gave, or a jump within one resume with the
        /// values it carries.
        #[repr(u8)]
        #[allow(
            non_camel_case_types,
            clippy::large_enum_variant,
            clippy::enum_variant_names
        )]
        pub(super) enum SpendStep<Readied, Join0Value, TokenUnlessMoved> {
            Resumed(Readied),
            Join0 { value: Join0Value, token_unless_moved: TokenUnlessMoved },
        }
        /// What the awaitee (or the resume argument) gave at each resume point.
        #[allow(non_camel_case_types, clippy::enum_variant_names)]
        pub(super) enum SpendReady<Await0Out> {
            Start,
            Await0(Await0Out),
            /// The machine had already returned: the driver decides what
            /// that means (a panic for a future, `None` for an iterator).
            Done,
        }
    }
    impl<Token, Pay, Await0Awaitee, T1> __coro_rt::Frame
    for __coro::SpendFrame<Token, Pay, Await0Awaitee, T1> {
        const NAME: &'static str = "drop_flag::spend";
        const LOCALS_BYTES: usize = __coro_rt::max_of(
            &[
                __coro_rt::size_of::<Token>() + __coro_rt::size_of::<Pay>(),
                __coro_rt::size_of::<T1>() + __coro_rt::size_of::<Token>(),
                __coro_rt::size_of::<T1>(),
            ],
        );
        fn done() -> Self {
            __coro::SpendFrame::Done
        }
        fn poisoned() -> Self {
            __coro::SpendFrame::Poisoned
        }
        fn is_returned(&self) -> bool {
            #[allow(non_exhaustive_omitted_patterns)]
            match self {
                __coro::SpendFrame::Done => true,
                _ => false,
            }
        }
        fn state(&self) -> ::coro_runtime::MachineState {
            match self {
                __coro::SpendFrame::Start { .. } => {
                    ::coro_runtime::MachineState::Unresumed
                }
                __coro::SpendFrame::Await0 { .. }
                | __coro::SpendFrame::Await0WithoutToken { .. } => {
                    ::coro_runtime::MachineState::Suspended(::coro_runtime::ResumePoint {
                        label: "Await0",
                        file: "tests/expand/coro/drop-flag.rs",
                        line: 12u32,
                        column: 21u32,
                    })
                }
                __coro::SpendFrame::Done => ::coro_runtime::MachineState::Returned,
                __coro::SpendFrame::Poisoned => ::coro_runtime::MachineState::Poisoned,
            }
        }
    }
    #[allow(clippy::too_many_arguments, clippy::inline_always)]
    impl<
        Token,
        Pay,
        Await0Awaitee,
        T1,
    > __coro::SpendFrame<Token, Pay, Await0Awaitee, T1> {
        #[inline(always)]
        fn store_await0(
            awaitee: __coro_rt::Slot<Await0Awaitee>,
            t1: T1,
            token: __coro_rt::Option<Token>,
        ) -> Self {
            match (token,) {
                (__coro_rt::Option::Some(token),) => {
                    Self::Await0 {
                        awaitee,
                        t1: __coro_rt::Slot::new(t1),
                        token: __coro_rt::Slot::new(token),
                    }
                }
                (__coro_rt::Option::None,) => {
                    Self::Await0WithoutToken {
                        awaitee,
                        t1: __coro_rt::Slot::new(t1),
                    }
                }
            }
        }
        #[inline(always)]
        fn unpack_await0(self) -> (T1, __coro_rt::Option<Token>) {
            match self {
                Self::Await0 { t1, token, .. } => {
                    (
                        __coro_rt::Slot::into_inner(t1),
                        __coro_rt::Option::Some(__coro_rt::Slot::into_inner(token)),
                    )
                }
                Self::Await0WithoutToken { t1, .. } => {
                    (__coro_rt::Slot::into_inner(t1), __coro_rt::Option::None)
                }
                _ => ::core::panicking::panic("internal error: entered unreachable code"),
            }
        }
    }
    impl<Token, Pay, Await0Awaitee, T1> __coro_rt::FrameReady
    for __coro::SpendFrame<Token, Pay, Await0Awaitee, T1>
    where
        Await0Awaitee: __coro_rt::Awaited,
    {
        type Ready = __coro::SpendReady<<Await0Awaitee as __coro_rt::Awaited>::Output>;
    }
    __coro_rt::no_drop::<bool>();
    __coro_rt::CoroMachine::new(
        __coro::SpendFrame::Start {
            token: __coro_rt::Slot::new(token),
            pay: __coro_rt::Slot::new(pay),
        },
        |
            __coro_frame: &mut __coro::SpendFrame<_, _, _, _>,
            __coro_readied: __coro::SpendReady<_>,
        | -> __coro_rt::Next<__coro_rt::Infallible, usize> {
            #[allow(unused_mut)]
            let mut __coro_step = match __coro_readied {
                __coro::SpendReady::Done => return __coro_rt::Next::Finished,
                __coro_readied => __coro::SpendStep::Resumed(__coro_readied),
            };
            #[allow(unreachable_code)]
            '__coro_stage: {
                match __coro_step {
                    __coro::SpendStep::Resumed(__coro::SpendReady::Start) => {
                        let __coro::SpendFrame::Start {
                            pay: __coro_h_pay,
                            token: __coro_h_token,
                            ..
                        } = __coro_rt::take(__coro_frame) else {
                            ::core::panicking::panic(
                                "internal error: entered unreachable code",
                            )
                        };
                        let (__coro_h_pay, __coro_h_token) = __coro_rt::unslot2(
                            __coro_h_pay,
                            __coro_h_token,
                        );
                        {
                            #[allow(unused_variables)]
                            let token = __coro_h_token;
                            #[allow(unused_variables)]
                            let pay = __coro_h_pay;
                            {
                                {
                                    if pay {
                                        {
                                            __coro_step = __coro::SpendStep::Join0 {
                                                value: consume(token),
                                                token_unless_moved: __coro_rt::Option::None,
                                            };
                                            break '__coro_stage;
                                        }
                                    }
                                    {
                                        {
                                            __coro_step = __coro::SpendStep::Join0 {
                                                value: 0,
                                                token_unless_moved: __coro_rt::Option::Some(token),
                                            };
                                            break '__coro_stage;
                                        }
                                    }
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            #[allow(unreachable_code)]
            '__coro_stage: {
                match __coro_step {
                    __coro::SpendStep::Join0 {
                        value: __coro_value,
                        token_unless_moved: __coro_hm_token,
                    } => {
                        let __coro_maybe_token = __coro_hm_token;
                        {
                            let paid = {
                                #[allow(clippy::let_unit_value)]
                                let __coro_v1 = __coro_value;
                                __coro_v1
                            };
                            #[allow(clippy::let_unit_value)]
                            let __coro_t1 = paid;
                            {
                                let __coro_awaitee = __coro_rt::awaitee(ready(1));
                                *__coro_frame = __coro::SpendFrame::store_await0(
                                    __coro_awaitee,
                                    __coro_t1,
                                    __coro_maybe_token,
                                );
                                return __coro_rt::Next::Suspended;
                            }
                        }
                    }
                    _ => {}
                }
            }
            #[allow(unreachable_code)]
            '__coro_stage: {
                match __coro_step {
                    __coro::SpendStep::Resumed(
                        __coro::SpendReady::Await0(__coro_ready),
                    ) => {
                        let (__coro_h_t1, __coro_hm_token) = __coro::SpendFrame::unpack_await0(
                            __coro_rt::take(__coro_frame),
                        );
                        {
                            let __coro_maybe_token = __coro_hm_token;
                            {
                                #[allow(clippy::no_effect_underscore_binding)]
                                let __coro_t1 = __coro_h_t1;
                                #[allow(clippy::let_unit_value)]
                                let __coro_r2 = __coro_ready;
                                #[allow(unreachable_code, clippy::diverging_sub_expression)]
                                return __coro_rt::Next::Return(
                                    __coro_t1 + (__coro_r2 as usize),
                                );
                            }
                        }
                    }
                    _ => {}
                }
            }
            ::core::panicking::panic("internal error: entered unreachable code")
        },
        |
            __coro_frame: &mut __coro::SpendFrame<_, _, _, _>,
            __coro_input: &mut __coro_rt::Context<'_>,
        | -> __coro_rt::Poll<__coro::SpendReady<_>> {
            __coro_rt::Poll::Ready(
                match __coro_frame {
                    __coro::SpendFrame::Start { .. } => __coro::SpendReady::Start,
                    __coro::SpendFrame::Await0 { awaitee: __coro_awaitee, .. }
                    | __coro::SpendFrame::Await0WithoutToken {
                        awaitee: __coro_awaitee,
                        ..
                    } => {
                        match __coro_rt::poll_awaitee(__coro_awaitee, __coro_input) {
                            __coro_rt::Poll::Ready(__coro_ready) => {
                                __coro::SpendReady::Await0(__coro_ready)
                            }
                            __coro_rt::Poll::Pending => return __coro_rt::Poll::Pending,
                        }
                    }
                    __coro::SpendFrame::Done => __coro::SpendReady::Done,
                    __coro::SpendFrame::Poisoned => {
                        __coro_rt::resumed_after_panic("drop_flag::spend")
                    }
                },
            )
        },
        |__coro_frame: &__coro::SpendFrame<_, _, _, _>| {
            #[allow(unused_imports)]
            use __coro_rt::{ProbeNoTrace as _, ProbeTrace as _};
            match __coro_frame {
                __coro::SpendFrame::Await0 { awaitee, .. }
                | __coro::SpendFrame::Await0WithoutToken { awaitee, .. } => {
                    (&__coro_rt::Probe(__coro_rt::awaitee_ref(awaitee))).trace()
                }
                _ => __coro_rt::Option::None,
            }
        },
    )
}
fn consume(token: Vec<u8>) -> usize {
    token.len()
}
fn main() {}
