use coro_runtime::coro;

pub struct Counter {
    n: u32,
}

impl Counter {
    #[coro]
    pub fn bump(&mut self, by: u32) -> u32 {
        self.n += by;
        self.n
    }

    // The awaited machine would reborrow `*self` while `self` itself must be
    // stored in the frame next to it: rejected with the hand-over fix.
    #[coro]
    pub fn bump_twice(&mut self) -> u32 {
        self.bump(1).await;
        self.bump(1).await
    }
}

fn main() {}
