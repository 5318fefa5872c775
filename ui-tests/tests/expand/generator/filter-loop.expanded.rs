use coro_runtime::prelude::*;
fn multiples_of_three(
    n: u32,
) -> impl ::coro_runtime::Generator<
    (),
    Yield = u32,
    Return = (),
> + ::core::iter::Iterator<Item = u32> {
    use ::coro_runtime::__private as __coro_rt;
    /// The machine's enums, in a module of their own so that
    /// their names never shadow the user's in this function.
    mod __coro {
        #[allow(unused_imports)]
        use ::coro_runtime::__private as __coro_rt;
        ///The frame of the coroutine `multiples_of_three`: one variant per resume point, holding the locals live there (fields in drop order).
        #[allow(
            non_camel_case_types,
            clippy::large_enum_variant,
            clippy::enum_variant_names
        )]
        pub(super) enum MultiplesOfThreeFrame<N, Iter1> {
            ///Created, not yet resumed: holds the arguments.
            Start { n: __coro_rt::Slot<N> },
            ///Suspended at the `yield_!` on line 8 (column 13).
            Yield0 { iter1: __coro_rt::Slot<Iter1> },
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
        pub(super) enum MultiplesOfThreeStep<
            Readied,
            Iter1,
            Join2Value,
            LoopExit1Value,
        > {
            Resumed(Readied),
            LoopHead0 { iter1: Iter1 },
            Join2 { value: Join2Value, iter1: Iter1 },
            LoopExit1 { value: LoopExit1Value, iter1: Iter1 },
        }
        /// What the awaitee (or the resume argument) gave at each resume point.
        #[allow(non_camel_case_types, clippy::enum_variant_names)]
        pub(super) enum MultiplesOfThreeReady<Yield0Out> {
            Start,
            Yield0(Yield0Out),
            /// The machine had already returned: the driver decides what
            /// that means (a panic for a future, `None` for an iterator).
            Done,
        }
    }
    impl<N, Iter1> __coro_rt::Frame for __coro::MultiplesOfThreeFrame<N, Iter1> {
        const NAME: &'static str = "filter_loop::multiples_of_three";
        const LOCALS_BYTES: usize = __coro_rt::max_of(
            &[__coro_rt::size_of::<N>(), __coro_rt::size_of::<Iter1>()],
        );
        fn done() -> Self {
            __coro::MultiplesOfThreeFrame::Done
        }
        fn poisoned() -> Self {
            __coro::MultiplesOfThreeFrame::Poisoned
        }
        fn is_returned(&self) -> bool {
            #[allow(non_exhaustive_omitted_patterns)]
            match self {
                __coro::MultiplesOfThreeFrame::Done => true,
                _ => false,
            }
        }
        fn state(&self) -> ::coro_runtime::MachineState {
            match self {
                __coro::MultiplesOfThreeFrame::Start { .. } => {
                    ::coro_runtime::MachineState::Unresumed
                }
                __coro::MultiplesOfThreeFrame::Yield0 { .. } => {
                    ::coro_runtime::MachineState::Suspended(::coro_runtime::ResumePoint {
                        label: "Yield0",
                        file: "tests/expand/generator/filter-loop.rs",
                        line: 8u32,
                        column: 13u32,
                    })
                }
                __coro::MultiplesOfThreeFrame::Done => {
                    ::coro_runtime::MachineState::Returned
                }
                __coro::MultiplesOfThreeFrame::Poisoned => {
                    ::coro_runtime::MachineState::Poisoned
                }
            }
        }
    }
    __coro_rt::no_drop::<u32>();
    __coro_rt::GenMachine::new(
        __coro::MultiplesOfThreeFrame::Start {
            n: __coro_rt::Slot::new(n),
        },
        |
            __coro_frame: &mut __coro::MultiplesOfThreeFrame<_, _>,
            __coro_input: (),
        | -> __coro::MultiplesOfThreeReady<_> {
            match __coro_frame {
                __coro::MultiplesOfThreeFrame::Start { .. } => {
                    __coro::MultiplesOfThreeReady::Start
                }
                __coro::MultiplesOfThreeFrame::Yield0 { .. } => {
                    __coro::MultiplesOfThreeReady::Yield0(__coro_input)
                }
                __coro::MultiplesOfThreeFrame::Done => {
                    __coro::MultiplesOfThreeReady::Done
                }
                __coro::MultiplesOfThreeFrame::Poisoned => {
                    __coro_rt::resumed_after_panic("filter_loop::multiples_of_three")
                }
            }
        },
        |
            __coro_frame: &mut __coro::MultiplesOfThreeFrame<_, _>,
            __coro_readied: __coro::MultiplesOfThreeReady<_>,
        | -> __coro_rt::Next<u32, ()> {
            #[allow(unused_mut)]
            let mut __coro_step = match __coro_readied {
                __coro::MultiplesOfThreeReady::Done => return __coro_rt::Next::Finished,
                __coro_readied => __coro::MultiplesOfThreeStep::Resumed(__coro_readied),
            };
            #[allow(unreachable_code)]
            '__coro_stage: {
                match __coro_step {
                    __coro::MultiplesOfThreeStep::Resumed(
                        __coro::MultiplesOfThreeReady::Start,
                    ) => {
                        let __coro::MultiplesOfThreeFrame::Start { n: __coro_h_n, .. } = __coro_rt::take(
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
                                {
                                    #[allow(clippy::let_unit_value)]
                                    let mut __coro_iter1 = ::core::iter::IntoIterator::into_iter(
                                        0..n,
                                    );
                                    {
                                        __coro_step = __coro::MultiplesOfThreeStep::LoopHead0 {
                                            iter1: __coro_iter1,
                                        };
                                        break '__coro_stage;
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
                        __coro::MultiplesOfThreeStep::LoopHead0 {
                            iter1: __coro_h_iter1,
                        } => {
                            #[allow(clippy::no_effect_underscore_binding, unused_mut)]
                            let mut __coro_iter1 = __coro_h_iter1;
                            match ::core::iter::Iterator::next(&mut __coro_iter1) {
                                ::core::option::Option::Some(i) => {
                                    if i % 3 == 0 {
                                        {
                                            {
                                                let __coro_yielded: u32 = i;
                                                let (__coro_s0,) = __coro_rt::slots1(__coro_iter1);
                                                *__coro_frame = __coro::MultiplesOfThreeFrame::Yield0 {
                                                    iter1: __coro_s0,
                                                };
                                                return __coro_rt::Next::Yield(__coro_yielded);
                                            }
                                        }
                                    }
                                    {
                                        {
                                            __coro_step = __coro::MultiplesOfThreeStep::Join2 {
                                                value: (),
                                                iter1: __coro_iter1,
                                            };
                                            break '__coro_stage;
                                        }
                                    }
                                }
                                ::core::option::Option::None => {
                                    __coro_step = __coro::MultiplesOfThreeStep::LoopExit1 {
                                        value: (),
                                        iter1: __coro_iter1,
                                    };
                                    break '__coro_loop;
                                }
                            }
                        }
                        _ => {}
                    }
                }
                #[allow(unreachable_code)]
                '__coro_stage: {
                    match __coro_step {
                        __coro::MultiplesOfThreeStep::Resumed(
                            __coro::MultiplesOfThreeReady::Yield0(__coro_ready),
                        ) => {
                            let __coro::MultiplesOfThreeFrame::Yield0 {
                                iter1: __coro_h_iter1,
                                ..
                            } = __coro_rt::take(__coro_frame) else {
                                ::core::panicking::panic(
                                    "internal error: entered unreachable code",
                                )
                            };
                            let (__coro_h_iter1,) = __coro_rt::unslot1(__coro_h_iter1);
                            {
                                {
                                    {
                                        #[allow(clippy::no_effect_underscore_binding, unused_mut)]
                                        let mut __coro_iter1 = __coro_h_iter1;
                                        {
                                            {
                                                {
                                                    #[allow(clippy::let_unit_value)]
                                                    let __coro_r2 = __coro_ready;
                                                    __coro_r2;
                                                }
                                                {
                                                    __coro_step = __coro::MultiplesOfThreeStep::Join2 {
                                                        value: (),
                                                        iter1: __coro_iter1,
                                                    };
                                                    break '__coro_stage;
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
                #[allow(unreachable_code)]
                '__coro_stage: {
                    match __coro_step {
                        __coro::MultiplesOfThreeStep::Join2 {
                            value: __coro_value,
                            iter1: __coro_h_iter1,
                        } => {
                            #[allow(clippy::no_effect_underscore_binding, unused_mut)]
                            let mut __coro_iter1 = __coro_h_iter1;
                            {
                                #[allow(clippy::let_unit_value)]
                                let __coro_v3 = __coro_value;
                                __coro_v3;
                                {
                                    __coro_step = __coro::MultiplesOfThreeStep::LoopHead0 {
                                        iter1: __coro_iter1,
                                    };
                                    continue '__coro_loop;
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
                    __coro::MultiplesOfThreeStep::LoopExit1 {
                        value: __coro_value,
                        iter1: __coro_h_iter1,
                    } => {
                        {
                            #[allow(clippy::no_effect_underscore_binding, unused_mut)]
                            let mut __coro_iter1 = __coro_h_iter1;
                            #[allow(clippy::let_unit_value)]
                            let __coro_v2 = __coro_value;
                            let _ = __coro_v2;
                        }
                        #[allow(unreachable_code, clippy::diverging_sub_expression)]
                        return __coro_rt::Next::Return(());
                    }
                    _ => {}
                }
            }
            ::core::panicking::panic("internal error: entered unreachable code")
        },
        |_: &__coro::MultiplesOfThreeFrame<_, _>| __coro_rt::Option::None,
    )
}
fn main() {}
