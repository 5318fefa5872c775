use coro_runtime::coro;
fn ready(value: u32) -> std::future::Ready<u32> {
    std::future::ready(value)
}
fn choose(flag: bool) -> impl ::coro_runtime::Coroutine<Output = u32> {
    use ::coro_runtime::__private as __coro_rt;
    /// The machine's enums, in a module of their own so that
    /// their names never shadow the user's in this function.
    mod __coro {
        #[allow(unused_imports)]
        use ::coro_runtime::__private as __coro_rt;
        ///The frame of the coroutine `choose`: one variant per resume point, holding the locals live there (fields in drop order).
        #[allow(
            non_camel_case_types,
            clippy::large_enum_variant,
            clippy::enum_variant_names
        )]
        pub(super) enum ChooseFrame<Flag, Await0Awaitee, Await1Awaitee, T2> {
            ///Created, not yet resumed: holds the arguments.
            Start { flag: __coro_rt::Slot<Flag> },
            ///Suspended at the `.await` on line 10 (column 18).
            Await0 { awaitee: __coro_rt::Slot<Await0Awaitee> },
            ///Suspended at the `.await` on line 13 (column 25).
            Await1 { awaitee: __coro_rt::Slot<Await1Awaitee>, t2: __coro_rt::Slot<T2> },
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
        pub(super) enum ChooseStep<Readied, Join0Value> {
            Resumed(Readied),
            Join0 { value: Join0Value },
        }
        /// What the awaitee (or the resume argument) gave at each resume point.
        #[allow(non_camel_case_types, clippy::enum_variant_names)]
        pub(super) enum ChooseReady<Await0Out, Await1Out> {
            Start,
            Await0(Await0Out),
            Await1(Await1Out),
            /// The machine had already returned: the driver decides what
            /// that means (a panic for a future, `None` for an iterator).
            Done,
        }
    }
    impl<Flag, Await0Awaitee, Await1Awaitee, T2> __coro_rt::Frame
    for __coro::ChooseFrame<Flag, Await0Awaitee, Await1Awaitee, T2> {
        const NAME: &'static str = "if_else_join::choose";
        const LOCALS_BYTES: usize = __coro_rt::max_of(
            &[__coro_rt::size_of::<Flag>(), 0, __coro_rt::size_of::<T2>()],
        );
        fn done() -> Self {
            __coro::ChooseFrame::Done
        }
        fn poisoned() -> Self {
            __coro::ChooseFrame::Poisoned
        }
        fn is_returned(&self) -> bool {
            #[allow(non_exhaustive_omitted_patterns)]
            match self {
                __coro::ChooseFrame::Done => true,
                _ => false,
            }
        }
        fn state(&self) -> ::coro_runtime::MachineState {
            match self {
                __coro::ChooseFrame::Start { .. } => {
                    ::coro_runtime::MachineState::Unresumed
                }
                __coro::ChooseFrame::Await0 { .. } => {
                    ::coro_runtime::MachineState::Suspended(::coro_runtime::ResumePoint {
                        label: "Await0",
                        file: "tests/expand/coro/if-else-join.rs",
                        line: 10u32,
                        column: 18u32,
                    })
                }
                __coro::ChooseFrame::Await1 { .. } => {
                    ::coro_runtime::MachineState::Suspended(::coro_runtime::ResumePoint {
                        label: "Await1",
                        file: "tests/expand/coro/if-else-join.rs",
                        line: 13u32,
                        column: 25u32,
                    })
                }
                __coro::ChooseFrame::Done => ::coro_runtime::MachineState::Returned,
                __coro::ChooseFrame::Poisoned => ::coro_runtime::MachineState::Poisoned,
            }
        }
    }
    impl<Flag, Await0Awaitee, Await1Awaitee, T2> __coro_rt::FrameReady
    for __coro::ChooseFrame<Flag, Await0Awaitee, Await1Awaitee, T2>
    where
        Await0Awaitee: __coro_rt::Awaited,
        Await1Awaitee: __coro_rt::Awaited,
    {
        type Ready = __coro::ChooseReady<
            <Await0Awaitee as __coro_rt::Awaited>::Output,
            <Await1Awaitee as __coro_rt::Awaited>::Output,
        >;
    }
    __coro_rt::no_drop::<bool>();
    __coro_rt::CoroMachine::new(
        __coro::ChooseFrame::Start {
            flag: __coro_rt::Slot::new(flag),
        },
        |
            __coro_frame: &mut __coro::ChooseFrame<_, _, _, _>,
            __coro_readied: __coro::ChooseReady<_, _>,
        | -> __coro_rt::Next<__coro_rt::Infallible, u32> {
            #[allow(unused_mut)]
            let mut __coro_step = match __coro_readied {
                __coro::ChooseReady::Done => return __coro_rt::Next::Finished,
                __coro_readied => __coro::ChooseStep::Resumed(__coro_readied),
            };
            #[allow(unreachable_code)]
            '__coro_stage: {
                match __coro_step {
                    __coro::ChooseStep::Resumed(__coro::ChooseReady::Start) => {
                        let __coro::ChooseFrame::Start { flag: __coro_h_flag, .. } = __coro_rt::take(
                            __coro_frame,
                        ) else {
                            ::core::panicking::panic(
                                "internal error: entered unreachable code",
                            )
                        };
                        let (__coro_h_flag,) = __coro_rt::unslot1(__coro_h_flag);
                        {
                            #[allow(unused_variables)]
                            let flag = __coro_h_flag;
                            {
                                {
                                    if flag {
                                        {
                                            let __coro_awaitee = __coro_rt::awaitee(ready(1));
                                            *__coro_frame = __coro::ChooseFrame::Await0 {
                                                awaitee: __coro_awaitee,
                                            };
                                            return __coro_rt::Next::Suspended;
                                        }
                                    }
                                    {
                                        let base = 10;
                                        #[allow(clippy::let_unit_value)]
                                        let __coro_t2 = base;
                                        {
                                            let __coro_awaitee = __coro_rt::awaitee(ready(2));
                                            let (__coro_s0,) = __coro_rt::slots1(__coro_t2);
                                            *__coro_frame = __coro::ChooseFrame::Await1 {
                                                awaitee: __coro_awaitee,
                                                t2: __coro_s0,
                                            };
                                            return __coro_rt::Next::Suspended;
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
                    __coro::ChooseStep::Resumed(
                        __coro::ChooseReady::Await0(__coro_ready),
                    ) => {
                        __coro_rt::take(__coro_frame);
                        {
                            {
                                {
                                    {
                                        #[allow(clippy::let_unit_value)]
                                        let __coro_r1 = __coro_ready;
                                        {
                                            __coro_step = __coro::ChooseStep::Join0 {
                                                value: __coro_r1,
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
                    __coro::ChooseStep::Resumed(
                        __coro::ChooseReady::Await1(__coro_ready),
                    ) => {
                        let __coro::ChooseFrame::Await1 { t2: __coro_h_t2, .. } = __coro_rt::take(
                            __coro_frame,
                        ) else {
                            ::core::panicking::panic(
                                "internal error: entered unreachable code",
                            )
                        };
                        let (__coro_h_t2,) = __coro_rt::unslot1(__coro_h_t2);
                        {
                            {
                                {
                                    {
                                        #[allow(clippy::no_effect_underscore_binding)]
                                        let __coro_t2 = __coro_h_t2;
                                        #[allow(clippy::let_unit_value)]
                                        let __coro_r3 = __coro_ready;
                                        {
                                            __coro_step = __coro::ChooseStep::Join0 {
                                                value: __coro_t2 + __coro_r3,
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
                    __coro::ChooseStep::Join0 { value: __coro_value } => {
                        let v = {
                            #[allow(clippy::let_unit_value)]
                            let __coro_v1 = __coro_value;
                            __coro_v1
                        };
                        #[allow(unreachable_code, clippy::diverging_sub_expression)]
                        return __coro_rt::Next::Return(v * 2);
                    }
                    _ => {}
                }
            }
            ::core::panicking::panic("internal error: entered unreachable code")
        },
        |
            __coro_frame: &mut __coro::ChooseFrame<_, _, _, _>,
            __coro_input: &mut __coro_rt::Context<'_>,
        | -> __coro_rt::Poll<__coro::ChooseReady<_, _>> {
            __coro_rt::Poll::Ready(
                match __coro_frame {
                    __coro::ChooseFrame::Start { .. } => __coro::ChooseReady::Start,
                    __coro::ChooseFrame::Await0 { awaitee: __coro_awaitee, .. } => {
                        match __coro_rt::poll_awaitee(__coro_awaitee, __coro_input) {
                            __coro_rt::Poll::Ready(__coro_ready) => {
                                __coro::ChooseReady::Await0(__coro_ready)
                            }
                            __coro_rt::Poll::Pending => return __coro_rt::Poll::Pending,
                        }
                    }
                    __coro::ChooseFrame::Await1 { awaitee: __coro_awaitee, .. } => {
                        match __coro_rt::poll_awaitee(__coro_awaitee, __coro_input) {
                            __coro_rt::Poll::Ready(__coro_ready) => {
                                __coro::ChooseReady::Await1(__coro_ready)
                            }
                            __coro_rt::Poll::Pending => return __coro_rt::Poll::Pending,
                        }
                    }
                    __coro::ChooseFrame::Done => __coro::ChooseReady::Done,
                    __coro::ChooseFrame::Poisoned => {
                        __coro_rt::resumed_after_panic("if_else_join::choose")
                    }
                },
            )
        },
        |__coro_frame: &__coro::ChooseFrame<_, _, _, _>| {
            #[allow(unused_imports)]
            use __coro_rt::{ProbeNoTrace as _, ProbeTrace as _};
            match __coro_frame {
                __coro::ChooseFrame::Await0 { awaitee, .. } => {
                    (&__coro_rt::Probe(__coro_rt::awaitee_ref(awaitee))).trace()
                }
                __coro::ChooseFrame::Await1 { awaitee, .. } => {
                    (&__coro_rt::Probe(__coro_rt::awaitee_ref(awaitee))).trace()
                }
                _ => __coro_rt::Option::None,
            }
        },
    )
}
fn main() {}
