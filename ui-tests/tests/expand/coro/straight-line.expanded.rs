use coro_runtime::coro;
fn ready(value: u32) -> std::future::Ready<u32> {
    std::future::ready(value)
}
fn add(a: u32) -> impl ::coro_runtime::Coroutine<Output = u32> {
    use ::coro_runtime::__private as __coro_rt;
    /// The machine's enums, in a module of their own so that
    /// their names never shadow the user's in this function.
    mod __coro {
        #[allow(unused_imports)]
        use ::coro_runtime::__private as __coro_rt;
        ///The frame of the coroutine `add`: one variant per resume point, holding the locals live there (fields in drop order).
        #[allow(
            non_camel_case_types,
            clippy::large_enum_variant,
            clippy::enum_variant_names
        )]
        pub(super) enum AddFrame<A, Await0Awaitee, Await1Awaitee, X> {
            ///Created, not yet resumed: holds the arguments.
            Start { a: __coro_rt::Slot<A> },
            ///Suspended at the `.await` on line 9 (column 22).
            Await0 { awaitee: __coro_rt::Slot<Await0Awaitee> },
            ///Suspended at the `.await` on line 10 (column 26).
            Await1 { awaitee: __coro_rt::Slot<Await1Awaitee>, x: __coro_rt::Slot<X> },
            /// Returned (also the state while a resume runs).
            Done,
            /// A resume panicked.
            Poisoned,
        }
        /// What the awaitee (or the resume argument) gave at each resume point.
        #[allow(non_camel_case_types, clippy::enum_variant_names)]
        pub(super) enum AddReady<Await0Out, Await1Out> {
            Start,
            Await0(Await0Out),
            Await1(Await1Out),
            /// The machine had already returned: the driver decides what
            /// that means (a panic for a future, `None` for an iterator).
            Done,
        }
    }
    impl<A, Await0Awaitee, Await1Awaitee, X> __coro_rt::Frame
    for __coro::AddFrame<A, Await0Awaitee, Await1Awaitee, X> {
        const NAME: &'static str = "straight_line::add";
        const LOCALS_BYTES: usize = __coro_rt::max_of(
            &[__coro_rt::size_of::<A>(), 0, __coro_rt::size_of::<X>()],
        );
        fn done() -> Self {
            __coro::AddFrame::Done
        }
        fn poisoned() -> Self {
            __coro::AddFrame::Poisoned
        }
        fn is_returned(&self) -> bool {
            #[allow(non_exhaustive_omitted_patterns)]
            match self {
                __coro::AddFrame::Done => true,
                _ => false,
            }
        }
        fn state(&self) -> ::coro_runtime::MachineState {
            match self {
                __coro::AddFrame::Start { .. } => ::coro_runtime::MachineState::Unresumed,
                __coro::AddFrame::Await0 { .. } => {
                    ::coro_runtime::MachineState::Suspended(::coro_runtime::ResumePoint {
                        label: "Await0",
                        file: "tests/expand/coro/straight-line.rs",
                        line: 9u32,
                        column: 22u32,
                    })
                }
                __coro::AddFrame::Await1 { .. } => {
                    ::coro_runtime::MachineState::Suspended(::coro_runtime::ResumePoint {
                        label: "Await1",
                        file: "tests/expand/coro/straight-line.rs",
                        line: 10u32,
                        column: 26u32,
                    })
                }
                __coro::AddFrame::Done => ::coro_runtime::MachineState::Returned,
                __coro::AddFrame::Poisoned => ::coro_runtime::MachineState::Poisoned,
            }
        }
    }
    impl<A, Await0Awaitee, Await1Awaitee, X> __coro_rt::FrameReady
    for __coro::AddFrame<A, Await0Awaitee, Await1Awaitee, X>
    where
        Await0Awaitee: __coro_rt::Awaited,
        Await1Awaitee: __coro_rt::Awaited,
    {
        type Ready = __coro::AddReady<
            <Await0Awaitee as __coro_rt::Awaited>::Output,
            <Await1Awaitee as __coro_rt::Awaited>::Output,
        >;
    }
    __coro_rt::no_drop::<u32>();
    __coro_rt::CoroMachine::new(
        __coro::AddFrame::Start {
            a: __coro_rt::Slot::new(a),
        },
        |
            __coro_frame: &mut __coro::AddFrame<_, _, _, _>,
            __coro_readied: __coro::AddReady<_, _>,
        | -> __coro_rt::Next<__coro_rt::Infallible, u32> {
            match __coro_readied {
                __coro::AddReady::Done => return __coro_rt::Next::Finished,
                __coro::AddReady::Start => {
                    let __coro::AddFrame::Start { a: __coro_h_a, .. } = __coro_rt::take(
                        __coro_frame,
                    ) else {
                        ::core::panicking::panic(
                            "internal error: entered unreachable code",
                        )
                    };
                    let (__coro_h_a,) = __coro_rt::unslot1(__coro_h_a);
                    {
                        #[allow(unused_variables)]
                        let a = __coro_h_a;
                        {
                            {
                                {
                                    let __coro_awaitee = __coro_rt::awaitee(ready(a));
                                    *__coro_frame = __coro::AddFrame::Await0 {
                                        awaitee: __coro_awaitee,
                                    };
                                    return __coro_rt::Next::Suspended;
                                }
                            }
                        }
                    }
                }
                __coro::AddReady::Await0(__coro_ready) => {
                    __coro_rt::take(__coro_frame);
                    {
                        {
                            #[allow(clippy::let_unit_value)]
                            let x = {
                                #[allow(clippy::let_unit_value)]
                                let __coro_r1 = __coro_ready;
                                __coro_r1
                            };
                            {
                                {
                                    let __coro_awaitee = __coro_rt::awaitee(ready(x + 1));
                                    let (__coro_s0,) = __coro_rt::slots1(x);
                                    *__coro_frame = __coro::AddFrame::Await1 {
                                        awaitee: __coro_awaitee,
                                        x: __coro_s0,
                                    };
                                    return __coro_rt::Next::Suspended;
                                }
                            }
                        }
                    }
                }
                __coro::AddReady::Await1(__coro_ready) => {
                    let __coro::AddFrame::Await1 { x: __coro_h_x, .. } = __coro_rt::take(
                        __coro_frame,
                    ) else {
                        ::core::panicking::panic(
                            "internal error: entered unreachable code",
                        )
                    };
                    let (__coro_h_x,) = __coro_rt::unslot1(__coro_h_x);
                    {
                        {
                            #[allow(unused_variables)]
                            let x = __coro_h_x;
                            #[allow(clippy::let_unit_value)]
                            let y = {
                                #[allow(clippy::let_unit_value)]
                                let __coro_r2 = __coro_ready;
                                __coro_r2
                            };
                            #[allow(unreachable_code, clippy::diverging_sub_expression)]
                            return __coro_rt::Next::Return(x + y);
                        }
                    }
                }
            }
        },
        |
            __coro_frame: &mut __coro::AddFrame<_, _, _, _>,
            __coro_input: &mut __coro_rt::Context<'_>,
        | -> __coro_rt::Poll<__coro::AddReady<_, _>> {
            __coro_rt::Poll::Ready(
                match __coro_frame {
                    __coro::AddFrame::Start { .. } => __coro::AddReady::Start,
                    __coro::AddFrame::Await0 { awaitee: __coro_awaitee, .. } => {
                        match __coro_rt::poll_awaitee(__coro_awaitee, __coro_input) {
                            __coro_rt::Poll::Ready(__coro_ready) => {
                                __coro::AddReady::Await0(__coro_ready)
                            }
                            __coro_rt::Poll::Pending => return __coro_rt::Poll::Pending,
                        }
                    }
                    __coro::AddFrame::Await1 { awaitee: __coro_awaitee, .. } => {
                        match __coro_rt::poll_awaitee(__coro_awaitee, __coro_input) {
                            __coro_rt::Poll::Ready(__coro_ready) => {
                                __coro::AddReady::Await1(__coro_ready)
                            }
                            __coro_rt::Poll::Pending => return __coro_rt::Poll::Pending,
                        }
                    }
                    __coro::AddFrame::Done => __coro::AddReady::Done,
                    __coro::AddFrame::Poisoned => {
                        __coro_rt::resumed_after_panic("straight_line::add")
                    }
                },
            )
        },
        |__coro_frame: &__coro::AddFrame<_, _, _, _>| {
            #[allow(unused_imports)]
            use __coro_rt::{ProbeNoTrace as _, ProbeTrace as _};
            match __coro_frame {
                __coro::AddFrame::Await0 { awaitee, .. } => {
                    (&__coro_rt::Probe(__coro_rt::awaitee_ref(awaitee))).trace()
                }
                __coro::AddFrame::Await1 { awaitee, .. } => {
                    (&__coro_rt::Probe(__coro_rt::awaitee_ref(awaitee))).trace()
                }
                _ => __coro_rt::Option::None,
            }
        },
    )
}
fn main() {}
