//! The enums a machine is made of (`{Name}Frame`, `{Name}Step`,
//! `{Name}Ready`) never shadow the user's items of the same name: a
//! function `parse` returning the user's `ParseStep` once got the macro's
//! own `ParseStep` instead, in its signature and in its body.
use coro_runtime::{coro, generator};
use coro_tests::*;

#[derive(Debug, PartialEq)]
pub enum ParseStep {
    Header,
    Body(u32),
}

#[derive(Debug, PartialEq)]
pub struct RenderFrame {
    pub n: u32,
}

#[derive(Debug, PartialEq)]
pub struct LoadReady;

#[derive(Debug, PartialEq)]
pub struct CountFrame(u32);

#[coro]
pub fn parse(n: u32) -> ParseStep {
    let k = yield_value(n, 1).await;
    if k == 0 {
        ParseStep::Header
    } else {
        ParseStep::Body(k)
    }
}

#[coro]
pub fn render(n: u32) -> RenderFrame {
    let frame: RenderFrame = RenderFrame {
        n: yield_value(n, 1).await,
    };
    frame
}

#[coro]
pub fn load() -> Vec<LoadReady> {
    let mut all = vec![LoadReady];
    all.push(yield_value(LoadReady, 1).await);
    all
}

#[generator(yield = CountFrame)]
pub fn count(n: u32) {
    for i in 0..n {
        yield_!(CountFrame(i));
    }
}

#[test]
fn the_users_types_keep_their_names() {
    assert_eq!(run(parse(2)).0, ParseStep::Body(2));
    assert_eq!(run(parse(0)).0, ParseStep::Header);
    assert_eq!(run(render(2)).0, RenderFrame { n: 2 });
    assert_eq!(run(load()).0, vec![LoadReady, LoadReady]);
    assert_eq!(
        count(2).collect::<Vec<_>>(),
        vec![CountFrame(0), CountFrame(1)]
    );
}

#[test]
fn the_machines_name_is_the_functions_path() {
    use coro_runtime::Trace;
    assert_eq!(parse(1).name(), "user_names::parse");
    assert_eq!(count(1).name(), "user_names::count");
}
