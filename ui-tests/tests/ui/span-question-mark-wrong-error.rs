use coro_runtime::coro;

#[coro]
fn parse(s: String) -> Result<u32, String> {
    let n: u32 = std::future::ready(s.parse::<u32>()).await?;
    Ok(n)
}

fn main() {}
