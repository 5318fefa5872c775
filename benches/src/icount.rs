//! Instruction counts under callgrind, for the frames bench's `--icount`.
//!
//! On a shared, virtualised machine a 3 ns poll moves by 10-20% from one
//! run to the next with nothing changed. Callgrind counts the instructions
//! a run executes instead: the same binary and inputs give the same count,
//! whatever else the machine is doing. Instructions are not time (a
//! mispredicted branch or a stalled load costs more than one), so the
//! counts complement the timings rather than replace them.
//!
//! The bench runs itself as a child under `valgrind --tool=callgrind` with
//! `--icount-child <body> <coro|async> <poll|run> <n>`; the child runs one
//! loop of `n` operations and exits. Two children with different `n` give
//! the count per operation, process start-up cancelled out.

use std::process::Command;
use std::sync::OnceLock;

/// Which flavour of a body a child runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavour {
    /// The `#[coro]` machine.
    Coro,
    /// rustc's `async fn` future.
    Async,
}

/// What a child repeats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    /// A poll that returns `Pending`.
    Poll,
    /// Create and run to completion.
    Run,
}

/// The loop a child process runs.
#[derive(Clone, Debug)]
pub struct Child {
    /// The body's name, as in the frames tables.
    pub body: String,
    /// Which flavour.
    pub flavour: Flavour,
    /// Which loop.
    pub what: What,
    /// How many operations.
    pub n: u64,
}

/// The child spec of this process, if it was started as one.
pub fn child() -> Option<&'static Child> {
    static CHILD: OnceLock<Option<Child>> = OnceLock::new();
    CHILD
        .get_or_init(|| {
            let args: Vec<String> = std::env::args().collect();
            let at = args.iter().position(|a| a == "--icount-child")?;
            let [body, flavour, what, n] = args.get(at + 1..at + 5)? else {
                return None;
            };
            Some(Child {
                body: body.clone(),
                flavour: match flavour.as_str() {
                    "coro" => Flavour::Coro,
                    "async" => Flavour::Async,
                    other => panic!("--icount-child: unknown flavour {other:?}"),
                },
                what: match what.as_str() {
                    "poll" => What::Poll,
                    "run" => What::Run,
                    other => panic!("--icount-child: unknown loop {other:?}"),
                },
                n: n.parse().expect("--icount-child: a count"),
            })
        })
        .as_ref()
}

/// Whether the command line asks for instruction counts.
pub fn requested() -> bool {
    std::env::args().skip(1).any(|a| a == "--icount")
}

/// Whether `valgrind` can be run.
pub fn available() -> bool {
    Command::new("valgrind")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Instructions one child executes in all, start-up included.
fn total(body: &str, flavour: Flavour, what: What, n: u64) -> Result<u64, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(exe)
        .arg("--icount-child")
        .arg(body)
        .arg(match flavour {
            Flavour::Coro => "coro",
            Flavour::Async => "async",
        })
        .arg(match what {
            What::Poll => "poll",
            What::Run => "run",
        })
        .arg(n.to_string())
        .output()
        .map_err(|e| format!("valgrind: {e}"))?;
    let log = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(format!("{body}: the child failed:\n{log}"));
    }
    collected(&log)
        .ok_or_else(|| format!("{body}: no instruction count in valgrind's output:\n{log}"))
}

/// The total of callgrind's `Ir` event: `==123== Collected : 4567`.
fn collected(log: &str) -> Option<u64> {
    log.lines()
        .find_map(|l| l.split_once("Collected :"))
        .and_then(|(_, n)| n.trim().parse().ok())
}

/// Instructions per operation: the difference of two runs of `n` and `2n`.
pub fn per_op(body: &str, flavour: Flavour, what: What, n: u64) -> Result<f64, String> {
    let one = total(body, flavour, what, n)?;
    let two = total(body, flavour, what, 2 * n)?;
    Ok(two.saturating_sub(one) as f64 / n as f64)
}

#[cfg(test)]
mod tests {
    use super::collected;

    #[test]
    fn reads_callgrinds_total() {
        let log = "==7== Callgrind, a call-graph generating cache profiler\n\
                   ==7== Events    : Ir\n\
                   ==7== Collected : 126559\n\
                   ==7== \n\
                   ==7== I   refs:      126,559\n";
        assert_eq!(collected(log), Some(126_559));
        assert_eq!(collected("==7== ERROR SUMMARY: 0 errors\n"), None);
    }
}
