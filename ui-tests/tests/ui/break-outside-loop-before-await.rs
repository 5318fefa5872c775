use coro_runtime::coro;

#[coro]
fn breaks_early(flag: bool) -> u32 {
    if flag {
        break;
    }
    std::future::ready(1u32).await
}

fn main() {}
