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
        /// The machine's enums, in a module of their own so that
        /// their names never shadow the user's in this function.
        mod __coro {
            ///The frame of the coroutine `advance`: one variant per resume point, holding the locals live there (fields in drop order).
            #[allow(
                non_camel_case_types,
                clippy::large_enum_variant,
                clippy::enum_variant_names
            )]
            pub(super) enum AdvanceFrame<This, From, Await0Awaitee> {
                ///Created, not yet resumed: holds the arguments.
                Start {
                    this: ::coro_runtime::__private::Slot<This>,
                    from: ::coro_runtime::__private::Slot<From>,
                },
                ///Suspended at the `.await` on line 10 (column 57).
                Await0 {
                    awaitee: ::coro_runtime::__private::Slot<Await0Awaitee>,
                    this: ::coro_runtime::__private::Slot<This>,
                },
                /// Returned (also the state while a resume runs).
                Done,
                /// A resume panicked.
                Poisoned,
            }
            /// Where the next piece of the body starts, with the values it receives.
            #[repr(u8)]
            #[allow(
                non_camel_case_types,
                clippy::large_enum_variant,
                clippy::enum_variant_names
            )]
            pub(super) enum AdvanceStep<Await0Ready> {
                Start {},
                Await0 { ready: Await0Ready },
            }
            /// What the awaitee (or the resume argument) gave at each resume point.
            #[allow(non_camel_case_types, clippy::enum_variant_names)]
            pub(super) enum AdvanceReady<
                Await0Awaitee: ::coro_runtime::__private::Awaited,
            > {
                Start,
                Await0(<Await0Awaitee as ::coro_runtime::__private::Awaited>::Output),
                /// The machine had already returned: the driver decides what
                /// that means (a panic for a future, `None` for an iterator).
                Done,
            }
        }
        impl<This, From, Await0Awaitee> ::coro_runtime::__private::Frame
        for __coro::AdvanceFrame<This, From, Await0Awaitee> {
            const NAME: &'static str = "method_ref_self::advance";
            const LOCALS_BYTES: usize = ::coro_runtime::__private::max_of(
                &[
                    ::core::mem::size_of::<This>() + ::core::mem::size_of::<From>(),
                    ::core::mem::size_of::<This>(),
                ],
            );
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
        impl<This, From, Await0Awaitee> ::coro_runtime::__private::FrameReady
        for __coro::AdvanceFrame<This, From, Await0Awaitee>
        where
            Await0Awaitee: ::coro_runtime::__private::Awaited,
        {
            type Ready = __coro::AdvanceReady<Await0Awaitee>;
        }
        ::coro_runtime::__private::CoroMachine::new(
            __coro::AdvanceFrame::Start {
                this: ::coro_runtime::__private::Slot::new(self),
                from: ::coro_runtime::__private::Slot::new(from),
            },
            |
                __coro_frame: &mut __coro::AdvanceFrame<_, _, _>,
                __coro_readied: __coro::AdvanceReady<_>,
            | -> ::coro_runtime::__private::Next<::core::convert::Infallible, u32> {
                let __coro_step = match __coro_readied {
                    __coro::AdvanceReady::Start => __coro::AdvanceStep::Start {},
                    __coro::AdvanceReady::Await0(__coro_ready) => {
                        __coro::AdvanceStep::Await0 {
                            ready: __coro_ready,
                        }
                    }
                    __coro::AdvanceReady::Done => {
                        return ::coro_runtime::__private::Next::Finished;
                    }
                };
                match __coro_step {
                    __coro::AdvanceStep::Start {} => {
                        let __coro::AdvanceFrame::Start {
                            from: __coro_h_from,
                            this: __coro_h_this,
                            ..
                        } = ::core::mem::replace(
                            __coro_frame,
                            __coro::AdvanceFrame::Done,
                        ) else {
                            ::core::panicking::panic(
                                "internal error: entered unreachable code",
                            )
                        };
                        {
                            #[allow(
                                unused_variables,
                                unused_mut,
                                clippy::let_unit_value,
                                clippy::no_effect_underscore_binding
                            )]
                            let __coro_self = ::coro_runtime::__private::Slot::into_inner(
                                __coro_h_this,
                            );
                            #[allow(
                                unused_variables,
                                unused_mut,
                                clippy::let_unit_value,
                                clippy::no_effect_underscore_binding
                            )]
                            let from = ::coro_runtime::__private::Slot::into_inner(
                                __coro_h_from,
                            );
                            {
                                {
                                    {
                                        *__coro_frame = __coro::AdvanceFrame::Await0 {
                                            awaitee: ::coro_runtime::__private::awaitee(
                                                std::future::ready(from + __coro_self.step),
                                            ),
                                            this: ::coro_runtime::__private::Slot::new(__coro_self),
                                        };
                                        return ::coro_runtime::__private::Next::Suspended;
                                    }
                                }
                            }
                        }
                    }
                    __coro::AdvanceStep::Await0 { ready: __coro_ready } => {
                        let __coro::AdvanceFrame::Await0 { this: __coro_h_this, .. } = ::core::mem::replace(
                            __coro_frame,
                            __coro::AdvanceFrame::Done,
                        ) else {
                            ::core::panicking::panic(
                                "internal error: entered unreachable code",
                            )
                        };
                        {
                            #[allow(
                                unused_variables,
                                unused_mut,
                                clippy::let_unit_value,
                                clippy::no_effect_underscore_binding
                            )]
                            let __coro_self = ::coro_runtime::__private::Slot::into_inner(
                                __coro_h_this,
                            );
                            {
                                let next = {
                                    #[allow(clippy::let_unit_value)]
                                    let __coro_r1 = __coro_ready;
                                    __coro_r1
                                };
                                #[allow(unreachable_code, clippy::diverging_sub_expression)]
                                return ::coro_runtime::__private::Next::Return(next);
                            }
                        }
                    }
                }
            },
            |
                __coro_frame: &mut __coro::AdvanceFrame<_, _, _>,
                __coro_input: &mut ::core::task::Context<'_>,
            | -> ::core::task::Poll<__coro::AdvanceReady<_>> {
                ::core::task::Poll::Ready(
                    match __coro_frame {
                        __coro::AdvanceFrame::Start { .. } => __coro::AdvanceReady::Start,
                        __coro::AdvanceFrame::Await0 { awaitee: __coro_awaitee, .. } => {
                            match ::coro_runtime::__private::poll_awaitee(
                                __coro_awaitee,
                                __coro_input,
                            ) {
                                ::core::task::Poll::Ready(__coro_ready) => {
                                    __coro::AdvanceReady::Await0(__coro_ready)
                                }
                                ::core::task::Poll::Pending => {
                                    return ::core::task::Poll::Pending;
                                }
                            }
                        }
                        __coro::AdvanceFrame::Done => __coro::AdvanceReady::Done,
                        __coro::AdvanceFrame::Poisoned => {
                            ::coro_runtime::__private::resumed_after_panic(
                                "method_ref_self::advance",
                            )
                        }
                    },
                )
            },
            |__coro_frame: &__coro::AdvanceFrame<_, _, _>| {
                #[allow(unused_imports)]
                use ::coro_runtime::__private::{ProbeNoTrace as _, ProbeTrace as _};
                match __coro_frame {
                    __coro::AdvanceFrame::Await0 { awaitee, .. } => {
                        (&::coro_runtime::__private::Probe(
                            ::coro_runtime::__private::awaitee_ref(awaitee),
                        ))
                            .trace()
                    }
                    _ => ::core::option::Option::None,
                }
            },
        )
    }
}
fn main() {}
