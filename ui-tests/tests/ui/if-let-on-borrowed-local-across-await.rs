use coro_runtime::coro;

// `if let Some(name) = &names` binds a reference into `names`; used after
// a suspension point, the frame would hold it next to `names`.
#[coro]
fn first_len() -> usize {
    let names = Some(String::from("a"));
    if let Some(name) = &names {
        std::future::ready(()).await;
        name.len()
    } else {
        0
    }
}

fn main() {}
