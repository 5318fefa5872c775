#![deny(unused_labels)]

use coro_runtime::coro;

// A loop or labeled block with a suspension point in it is rewritten into
// pieces and its label disappears; rustc's `unused_labels` still reports a
// label no `break`/`continue` names, where the user wrote it.
#[coro]
fn labels(k: u32) -> u32 {
    let mut t = 0;
    'outer: for i in 0..k {
        'inner: loop {
            t += std::future::ready(i).await;
            if t > 10 {
                break 'outer;
            }
            break;
        }
    }
    'block: {
        std::future::ready(()).await;
    }
    t
}

fn main() {}
