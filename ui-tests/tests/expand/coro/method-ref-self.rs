use coro_runtime::coro;

struct Counter {
    step: u32,
}

impl Counter {
    #[coro]
    fn advance(&self, from: u32) -> u32 {
        let next = std::future::ready(from + self.step).await;
        next
    }
}

fn main() {}
