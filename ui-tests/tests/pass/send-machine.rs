// Auto traits follow the captured locals: only `Send` locals, `Send` machine.
use coro_runtime::coro;

fn assert_send<T: Send>(_: &T) {}

struct Service {
    name: String,
}

impl Service {
    #[coro]
    fn greet(&self, who: String) -> String {
        let n = ::std::future::ready(who.len()).await;
        format!("{}: {who} ({n})", self.name)
    }
}

#[coro]
fn holds_send(s: String) -> usize {
    let v = vec![1u8, 2, 3];
    ::std::future::ready(()).await;
    s.len() + v.len()
}

fn main() {
    let machine = holds_send(String::from("x"));
    assert_send(&machine);
    let service = Service {
        name: String::from("svc"),
    };
    let greeting = service.greet(String::from("y"));
    assert_send(&greeting);
}
