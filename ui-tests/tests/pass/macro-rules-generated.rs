// `macro_rules!` hands the attribute tokens wrapped in invisible groups.
use coro_runtime::coro;

macro_rules! make_coro {
    ($name:ident, $ty:ty, $value:expr) => {
        #[coro]
        fn $name(extra: $ty) -> $ty {
            let x = ::std::future::ready($value).await;
            x + extra
        }
    };
}

make_coro!(one, u32, 1u32);
make_coro!(two, u64, 2u64);

fn main() {
    drop(one(1));
    drop(two(2));
}
