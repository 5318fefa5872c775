use coro_runtime::coro;
fn ready(value: u32) -> std::future::Ready<u32> {
    std::future::ready(value)
}
fn sum(n: u32) -> impl ::coro_runtime::Coroutine<Output = u32> {
    use ::coro_runtime::__private as __coro_rt;
    /// The machine's enums, in a module of their own so that
    /// their names never shadow the user's in this function.
    mod __coro {
        #[allow(unused_imports)]
        use ::coro_runtime::__private as __coro_rt;
        ///The frame of the coroutine `sum`: one variant per resume point, holding the locals live there (fields in drop order).
        #[allow(
            non_camel_case_types,
            clippy::large_enum_variant,
            clippy::enum_variant_names
        )]
        pub(super) enum SumFrame<N, Await0Awaitee, Iter1, Total> {
            ///Created, not yet resumed: holds the arguments.
            Start { n: __coro_rt::Slot<N> },
            ///Suspended at the `.await` on line 11 (column 27).
            Await0 {
                awaitee: __coro_rt::Slot<Await0Awaitee>,
                iter1: __coro_rt::Slot<Iter1>,
                total: __coro_rt::Slot<Total>,
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
        pub(super) enum SumStep<Readied, Iter1, Total, LoopExit1Value> {
            Resumed(Readied),
            LoopHead0 { iter1: Iter1, total: Total },
            LoopExit1 { value: LoopExit1Value, iter1: Iter1, total: Total },
        }
        /// What the awaitee (or the resume argument) gave at each resume point.
        #[allow(non_camel_case_types, clippy::enum_variant_names)]
        pub(super) enum SumReady<Await0Out> {
            Start,
            Await0(Await0Out),
            /// The machine had already returned: the driver decides what
            /// that means (a panic for a future, `None` for an iterator).
            Done,
        }
    }
    impl<N, Await0Awaitee, Iter1, Total> __coro_rt::Frame
    for __coro::SumFrame<N, Await0Awaitee, Iter1, Total> {
        const NAME: &'static str = "loop_with_await::sum";
        const LOCALS_BYTES: usize = __coro_rt::max_of(
            &[
                __coro_rt::size_of::<N>(),
                __coro_rt::size_of::<Iter1>() + __coro_rt::size_of::<Total>(),
            ],
        );
        fn done() -> Self {
            __coro::SumFrame::Done
        }
        fn poisoned() -> Self {
            __coro::SumFrame::Poisoned
        }
        fn is_returned(&self) -> bool {
            #[allow(non_exhaustive_omitted_patterns)]
            match self {
                __coro::SumFrame::Done => true,
                _ => false,
            }
        }
        fn state(&self) -> ::coro_runtime::MachineState {
            match self {
                __coro::SumFrame::Start { .. } => ::coro_runtime::MachineState::Unresumed,
                __coro::SumFrame::Await0 { .. } => {
                    ::coro_runtime::MachineState::Suspended(::coro_runtime::ResumePoint {
                        label: "Await0",
                        file: "tests/expand/coro/loop-with-await.rs",
                        line: 11u32,
                        column: 27u32,
                    })
                }
                __coro::SumFrame::Done => ::coro_runtime::MachineState::Returned,
                __coro::SumFrame::Poisoned => ::coro_runtime::MachineState::Poisoned,
            }
        }
    }
    impl<N, Await0Awaitee, Iter1, Total> __coro_rt::FrameReady
    for __coro::SumFrame<N, Await0Awaitee, Iter1, Total>
    where
        Await0Awaitee: __coro_rt::Awaited,
    {
        type Ready = __coro::SumReady<<Await0Awaitee as __coro_rt::Awaited>::Output>;
    }
    __coro_rt::no_drop::<u32>();
    __coro_rt::CoroMachine::new(
        __coro::SumFrame::Start {
            n: __coro_rt::Slot::new(n),
        },
        |
            __coro_frame: &mut __coro::SumFrame<_, _, _, _>,
            __coro_readied: __coro::SumReady<_>,
        | -> __coro_rt::Next<__coro_rt::Infallible, u32> {
            #[allow(unused_mut)]
            let mut __coro_step = match __coro_readied {
                __coro::SumReady::Done => return __coro_rt::Next::Finished,
                __coro_readied => __coro::SumStep::Resumed(__coro_readied),
            };
            #[allow(unreachable_code)]
            '__coro_stage: {
                match __coro_step {
                    __coro::SumStep::Resumed(__coro::SumReady::Start) => {
                        let __coro::SumFrame::Start { n: __coro_h_n, .. } = __coro_rt::take(
                            __coro_frame,
                        ) else {
                            ::core::panicking::panic(
                                "internal error: entered unreachable code",
                            )
                        };
                        let (__coro_h_n,) = __coro_rt::unslot1(__coro_h_n);
                        {
                            #[allow(unused_variables)]
                            let n = __coro_h_n;
                            {
                                #[allow(unused_mut)]
                                let mut total = 0;
                                {
                                    {
                                        #[allow(clippy::let_unit_value)]
                                        let mut __coro_iter1 = ::core::iter::IntoIterator::into_iter(
                                            0..n,
                                        );
                                        {
                                            __coro_step = __coro::SumStep::LoopHead0 {
                                                iter1: __coro_iter1,
                                                total,
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
            '__coro_loop: loop {
                #[allow(unreachable_code)]
                '__coro_stage: {
                    match __coro_step {
                        __coro::SumStep::LoopHead0 {
                            iter1: __coro_h_iter1,
                            total: __coro_h_total,
                        } => {
                            #[allow(unused_variables, unused_mut)]
                            let mut total = __coro_h_total;
                            {
                                {
                                    #[allow(clippy::no_effect_underscore_binding, unused_mut)]
                                    let mut __coro_iter1 = __coro_h_iter1;
                                    match ::core::iter::Iterator::next(&mut __coro_iter1) {
                                        ::core::option::Option::Some(i) => {
                                            let __coro_awaitee = __coro_rt::awaitee(ready(i));
                                            let (__coro_s0, __coro_s1) = __coro_rt::slots2(
                                                __coro_iter1,
                                                total,
                                            );
                                            *__coro_frame = __coro::SumFrame::Await0 {
                                                awaitee: __coro_awaitee,
                                                iter1: __coro_s0,
                                                total: __coro_s1,
                                            };
                                            return __coro_rt::Next::Suspended;
                                        }
                                        ::core::option::Option::None => {
                                            __coro_step = __coro::SumStep::LoopExit1 {
                                                value: (),
                                                iter1: __coro_iter1,
                                                total,
                                            };
                                            break '__coro_loop;
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
                        __coro::SumStep::Resumed(
                            __coro::SumReady::Await0(__coro_ready),
                        ) => {
                            let __coro::SumFrame::Await0 {
                                iter1: __coro_h_iter1,
                                total: __coro_h_total,
                                ..
                            } = __coro_rt::take(__coro_frame) else {
                                ::core::panicking::panic(
                                    "internal error: entered unreachable code",
                                )
                            };
                            let (__coro_h_iter1, __coro_h_total) = __coro_rt::unslot2(
                                __coro_h_iter1,
                                __coro_h_total,
                            );
                            {
                                {
                                    #[allow(unused_variables, unused_mut)]
                                    let mut total = __coro_h_total;
                                    {
                                        {
                                            #[allow(clippy::no_effect_underscore_binding, unused_mut)]
                                            let mut __coro_iter1 = __coro_h_iter1;
                                            {
                                                {
                                                    #[allow(clippy::let_unit_value)]
                                                    let __coro_r2 = __coro_ready;
                                                    total += __coro_r2;
                                                }
                                                {
                                                    __coro_step = __coro::SumStep::LoopHead0 {
                                                        iter1: __coro_iter1,
                                                        total,
                                                    };
                                                    continue '__coro_loop;
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        _ => {}
                    }
                }
                break '__coro_loop;
            }
            #[allow(unreachable_code)]
            '__coro_stage: {
                match __coro_step {
                    __coro::SumStep::LoopExit1 {
                        value: __coro_value,
                        iter1: __coro_h_iter1,
                        total: __coro_h_total,
                    } => {
                        #[allow(unused_variables, unused_mut)]
                        let mut total = __coro_h_total;
                        {
                            {
                                #[allow(clippy::no_effect_underscore_binding, unused_mut)]
                                let mut __coro_iter1 = __coro_h_iter1;
                                #[allow(clippy::let_unit_value)]
                                let __coro_v2 = __coro_value;
                                let _ = __coro_v2;
                            }
                            ();
                        }
                        #[allow(unreachable_code, clippy::diverging_sub_expression)]
                        return __coro_rt::Next::Return(total);
                    }
                    _ => {}
                }
            }
            ::core::panicking::panic("internal error: entered unreachable code")
        },
        |
            __coro_frame: &mut __coro::SumFrame<_, _, _, _>,
            __coro_input: &mut __coro_rt::Context<'_>,
        | -> __coro_rt::Poll<__coro::SumReady<_>> {
            __coro_rt::Poll::Ready(
                match __coro_frame {
                    __coro::SumFrame::Start { .. } => __coro::SumReady::Start,
                    __coro::SumFrame::Await0 { awaitee: __coro_awaitee, .. } => {
                        match __coro_rt::poll_awaitee(__coro_awaitee, __coro_input) {
                            __coro_rt::Poll::Ready(__coro_ready) => {
                                __coro::SumReady::Await0(__coro_ready)
                            }
                            __coro_rt::Poll::Pending => return __coro_rt::Poll::Pending,
                        }
                    }
                    __coro::SumFrame::Done => __coro::SumReady::Done,
                    __coro::SumFrame::Poisoned => {
                        __coro_rt::resumed_after_panic("loop_with_await::sum")
                    }
                },
            )
        },
        |__coro_frame: &__coro::SumFrame<_, _, _, _>| {
            #[allow(unused_imports)]
            use __coro_rt::{ProbeNoTrace as _, ProbeTrace as _};
            match __coro_frame {
                __coro::SumFrame::Await0 { awaitee, .. } => {
                    (&__coro_rt::Probe(__coro_rt::awaitee_ref(awaitee))).trace()
                }
                _ => __coro_rt::Option::None,
            }
        },
    )
}
fn main() {}
