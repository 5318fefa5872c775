// A parameter declared `k: u32` is taken to have nothing to drop, so the
// frame keeps it only while later code reads it. A type of the user's that
// shadows the primitive's name would then be dropped too early: rustc
// rejects it, at the parameter's type, saying what to write instead.
#![allow(non_camel_case_types)]

mod shadowed {
    pub struct u32(pub String);

    #[coro_runtime::coro]
    pub fn length(k: u32) -> usize {
        std::future::ready(()).await;
        k.0.len()
    }

    // By a path, the type is not taken for the primitive: no error.
    #[coro_runtime::coro]
    pub fn length_by_path(k: self::u32) -> usize {
        std::future::ready(()).await;
        k.0.len()
    }
}

// A type parameter named like a primitive is not taken for one either.
#[coro_runtime::coro]
fn generic<u32: Clone>(k: u32) -> u32 {
    std::future::ready(()).await;
    k.clone()
}

fn main() {
    let _ = shadowed::length;
    let _ = shadowed::length_by_path;
    let _ = generic::<String>;
}
