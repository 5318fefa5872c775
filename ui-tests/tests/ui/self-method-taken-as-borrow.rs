// A method taking `self`, called on a local whose result takes another
// name: without types, the macro takes the receiver as borrowed and keeps
// it in the frame. rustc's error must show the call that moved it and the
// `.await` that keeps it (not the local's declaration); README's fix,
// `{service}.finish()`, compiles (see the differential tests).
use coro_runtime::coro;

struct Service(String);

impl Service {
    #[coro]
    fn finish(self) -> usize {
        std::future::ready(()).await;
        self.0.len()
    }
}

#[coro]
fn shut_down() -> usize {
    let service = Service(String::from("db"));
    let total = service.finish().await;
    total
}

fn main() {}
