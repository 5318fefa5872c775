use coro_runtime::coro;
struct Counter {
    step: u32,
}
impl Counter {
    fn advance<'__coro0>(
        &'__coro0 self,
        from: u32,
    ) -> impl ::coro_runtime::Coroutine<
        Output = u32,
    > + ::coro_runtime::__private::Captures<(&'__coro0 (),)> {
        use ::coro_runtime::__private as __coro_rt;
        /// The machine's enums, in a module of their own so that
        /// their names never shadow the user's in this function.
        mod __coro {
            #[allow(unused_imports)]
            use ::coro_runtime::__private as __coro_rt;
            ///The frame of the coroutine `advance`: one variant per resume point, holding the locals live there (fields in drop order).
            #[allow(
                non_camel_case_types,
                clippy::large_enum_variant,
                clippy::enum_variant_names
            )]
            pub(super) enum AdvanceFrame<This, From, Await0Awaitee> {
                ///Created, not yet resumed: holds the arguments.
                Start { this: __coro_rt::Slot<This>, from: __coro_rt::Slot<From> },
                ///Suspended at the `.await` on line 10 (column 57).
                Await0 { awaitee: __coro_rt::Slot<Await0Awaitee> },
                /// Returned (also the state while a resume runs).
                Done,
                /// A resume panicked.
                Poisoned,
            }
            /// What the awaitee (or the resume argument) gave at each resume point.
            #[allow(non_camel_case_types, clippy::enum_variant_names)]
            pub(super) enum AdvanceReady<Await0Out> {
                Start,
                Await0(Await0Out),
                /// The machine had already returned: the driver decides what
                /// that means (a panic for a future, `None` for an iterator).
                Done,
            }
        }
        impl<This, From, Await0Awaitee> __coro_rt::Frame
        for __coro::AdvanceFrame<This, From, Await0Awaitee> {
            const NAME: &'static str = "method_ref_self::advance";
            const LOCALS_BYTES: usize = __coro_rt::max_of(
                &[__coro_rt::size_of::<This>() + __coro_rt::size_of::<From>(), 0],
            );
            fn done() -> Self {
                __coro::AdvanceFrame::Done
            }
            fn poisoned() -> Self {
                __coro::AdvanceFrame::Poisoned
            }
            fn is_returned(&self) -> bool {
                #[allow(non_exhaustive_omitted_patterns)]
                match self {
                    __coro::AdvanceFrame::Done => true,
                    _ => false,
                }
            }
            fn state(&self) -> ::coro_runtime::MachineState {
                match self {
                    __coro::AdvanceFrame::Start { .. } => {
                        ::coro_runtime::MachineState::Unresumed
                    }
                    __coro::AdvanceFrame::Await0 { .. } => {
                        ::coro_runtime::MachineState::Suspended(::coro_runtime::ResumePoint {
                            label: "Await0",
                            file: "tests/expand/coro/method-ref-self.rs",
                            line: 10u32,
                            column: 57u32,
                        })
                    }
                    __coro::AdvanceFrame::Done => ::coro_runtime::MachineState::Returned,
                    __coro::AdvanceFrame::Poisoned => {
                        ::coro_runtime::MachineState::Poisoned
                    }
                }
            }
        }
        impl<This, From, Await0Awaitee> __coro_rt::FrameReady
        for __coro::AdvanceFrame<This, From, Await0Awaitee>
        where
            Await0Awaitee: __coro_rt::Awaited,
        {
            type Ready = __coro::AdvanceReady<
                <Await0Awaitee as __coro_rt::Awaited>::Output,
            >;
        }
        __coro_rt::no_drop::<u32>();
        __coro_rt::CoroMachine::new(
            __coro::AdvanceFrame::Start {
                this: __coro_rt::Slot::new(self),
                from: __coro_rt::Slot::new(from),
            },
            |
                __coro_frame: &mut __coro::AdvanceFrame<_, _, _>,
                __coro_readied: __coro::AdvanceReady<_>,
            | -> __coro_rt::Next<__coro_rt::Infallible, u32> {
                match __coro_readied {
                    __coro::AdvanceReady::Done => return __coro_rt::Next::Finished,
                    __coro::AdvanceReady::Start => {
                        let __coro::AdvanceFrame::Start {
                            from: __coro_h_from,
                            this: __coro_h_this,
                            ..
                        } = __coro_rt::take(__coro_frame) else {
                            ::core::panicking::panic(
                                "internal error: entered unreachable code",
                            )
                        };
                        let (__coro_h_from, __coro_h_this) = __coro_rt::unslot2(
                            __coro_h_from,
                            __coro_h_this,
                        );
                        {
                            #[allow(clippy::no_effect_underscore_binding)]
                            let __coro_self = __coro_h_this;
                            #[allow(unused_variables)]
                            let from = __coro_h_from;
                            {
                                {
                                    {
                                        let __coro_awaitee = __coro_rt::awaitee(
                                            std::future::ready(from + __coro_self.step),
                                        );
                                        *__coro_frame = __coro::AdvanceFrame::Await0 {
                                            awaitee: __coro_awaitee,
                                        };
                                        return __coro_rt::Next::Suspended;
                                    }
                                }
                            }
                        }
                    }
                    __coro::AdvanceReady::Await0(__coro_ready) => {
                        __coro_rt::take(__coro_frame);
                        {
                            {
                                #[allow(clippy::let_unit_value)]
                                let next = {
                                    #[allow(clippy::let_unit_value)]
                                    let __coro_r1 = __coro_ready;
                                    __coro_r1
                                };
                                #[allow(unreachable_code, clippy::diverging_sub_expression)]
                                return __coro_rt::Next::Return(next);
                            }
                        }
                    }
                }
            },
            |
                __coro_frame: &mut __coro::AdvanceFrame<_, _, _>,
                __coro_input: &mut __coro_rt::Context<'_>,
            | -> __coro_rt::Poll<__coro::AdvanceReady<_>> {
                __coro_rt::Poll::Ready(
                    match __coro_frame {
                        __coro::AdvanceFrame::Start { .. } => __coro::AdvanceReady::Start,
                        __coro::AdvanceFrame::Await0 { awaitee: __coro_awaitee, .. } => {
                            match __coro_rt::poll_awaitee(__coro_awaitee, __coro_input) {
                                __coro_rt::Poll::Ready(__coro_ready) => {
                                    __coro::AdvanceReady::Await0(__coro_ready)
                                }
                                __coro_rt::Poll::Pending => return __coro_rt::Poll::Pending,
                            }
                        }
                        __coro::AdvanceFrame::Done => __coro::AdvanceReady::Done,
                        __coro::AdvanceFrame::Poisoned => {
                            __coro_rt::resumed_after_panic("method_ref_self::advance")
                        }
                    },
                )
            },
            |__coro_frame: &__coro::AdvanceFrame<_, _, _>| {
                #[allow(unused_imports)]
                use __coro_rt::{ProbeNoTrace as _, ProbeTrace as _};
                match __coro_frame {
                    __coro::AdvanceFrame::Await0 { awaitee, .. } => {
                        (&__coro_rt::Probe(__coro_rt::awaitee_ref(awaitee))).trace()
                    }
                    _ => __coro_rt::Option::None,
                }
            },
        )
    }
}
fn main() {}
