use coro_runtime::coro;
use std::future::Future;

// `(&mut fut).await` polls a local future through a borrow: the frame
// would hold the borrow next to the future it borrows.
#[coro]
fn first<F: Future<Output = u32> + Unpin>(fut: F) -> u32 {
    let mut fut = fut;
    (&mut fut).await
}

fn main() {}
