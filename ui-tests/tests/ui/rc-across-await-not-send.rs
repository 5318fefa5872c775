use coro_runtime::coro;

fn assert_send<T: Send>(_: &T) {}

#[coro]
fn holds_rc() -> usize {
    let rc = std::rc::Rc::new(String::from("not Send"));
    std::future::ready(()).await;
    rc.len()
}

fn check() {
    let machine = holds_rc();
    assert_send(&machine);
}

fn main() {}
