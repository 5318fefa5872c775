use coro_runtime::coro;

// A closure that borrows a local (the format argument `p`) and owns a value
// (`label`, which it returns): not `Copy`, so it cannot be dropped at the
// `.await` as a closure that only borrows is; kept to the end of its scope,
// the frame would hold it next to `p`. rustc names the capture at fault,
// at the closure.
#[coro]
fn owning(name: String) -> usize {
    let p = name.clone();
    let label = String::from("x");
    let _show = || {
        println!("{p}");
        label
    };
    std::future::ready(()).await;
    name.len()
}

fn main() {}
