//! Procedural macros of `coro`. Use them through `coro_runtime`.
use proc_macro::TokenStream;

#[proc_macro_attribute]
pub fn coro(_args: TokenStream, item: TokenStream) -> TokenStream {
    let _ = item;
    "compile_error!(\"#[coro] is being rewritten\");".parse().unwrap()
}

#[proc_macro_attribute]
pub fn generator(_args: TokenStream, item: TokenStream) -> TokenStream {
    let _ = item;
    "compile_error!(\"#[generator] is being rewritten\");".parse().unwrap()
}

#[proc_macro_attribute]
pub fn async_iter(_args: TokenStream, item: TokenStream) -> TokenStream {
    let _ = item;
    "compile_error!(\"#[async_iter] is being rewritten\");".parse().unwrap()
}
