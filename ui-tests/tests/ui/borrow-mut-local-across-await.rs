// `buf` lives in the frame, so `&mut buf` held by the awaitee would make the
// frame self-referential: the fix is an owned buffer handed back.
use coro_runtime::coro;

fn read(buf: &mut [u8]) -> std::future::Ready<usize> {
    std::future::ready(buf.len())
}

#[coro]
fn fill() -> usize {
    let mut buf = [0u8; 16];
    let n = read(&mut buf).await;
    n + usize::from(buf[0])
}

fn main() {}
