//! Compile time: a crate of 120 `#[coro]` functions against the same bodies
//! as `async fn` (issue 2's aim: within 1.5x).
//!
//! Three throwaway crates are generated under `<target dir>/compile-time/`
//! (`coro/`, `async/` and `coro-opt-macros/`, one shared target directory
//! beside them), with the same realistic bodies: loops, `match`es, several
//! awaits, `?`, calls from one function into another, and a `drive_all`
//! function that polls every one to completion (so the poll functions are
//! code-generated, as they are in a real program). `coro-opt-macros/` is
//! the `#[coro]` crate again with `[profile.dev.build-override]
//! opt-level = 3`, which builds the proc macro and its parser optimised
//! (the proc macro otherwise runs unoptimised in a debug build). Each crate
//! is built once in debug to warm its dependencies, then `src/lib.rs` is
//! touched and the rebuild of that crate alone is timed, several times,
//! alternating the crates. The crates
//! depend on this workspace's `coro-runtime` by path and reuse the
//! workspace's `Cargo.lock`, so no dependency is resolved anew (cargo is run
//! `--offline` first, and online only if that fails).
//!
//! `sources.rs` generates the crates' sources and writes them; this module
//! builds them and times the rebuilds.

mod sources;

pub use sources::{
    CRATES, FUNCTIONS, Flavour, check_sources, generate, library, manifest, workspace_root,
};

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::{Mode, Stats};

/// Where the throwaway crates go: `$CARGO_TARGET_DIR/compile-time`, or
/// `<workspace>/target/compile-time`.
pub fn default_root() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
        .join("compile-time")
}

fn cargo() -> Command {
    let mut c = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    // Whatever target dir the bench itself was built in is not ours.
    c.env_remove("CARGO_TARGET_DIR");
    c.env_remove("CARGO_BUILD_TARGET_DIR");
    c
}

/// `cargo build` of the crate in `dir` (target dir `target`); returns
/// seconds. Tries `--offline` first.
fn build(dir: &Path, target: &Path, incremental: bool, timed: bool) -> Result<f64, String> {
    let mut last_err = String::new();
    for offline in [true, false] {
        let mut cmd = cargo();
        cmd.arg("build")
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", target)
            .env("CARGO_INCREMENTAL", if incremental { "1" } else { "0" });
        if offline {
            cmd.arg("--offline");
        }
        let start = Instant::now();
        let out = cmd.output().map_err(|e| format!("cannot run cargo: {e}"))?;
        let secs = start.elapsed().as_secs_f64();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.success() {
            let compiled = stderr.matches("Compiling ").count();
            let ours = stderr.matches("Compiling compile-time-").count();
            if ours != 1 || (timed && compiled != 1) {
                return Err(format!(
                    "expected cargo to rebuild {} alone:\n{stderr}",
                    dir.display()
                ));
            }
            return Ok(secs);
        }
        last_err = String::from_utf8_lossy(&out.stderr).into_owned();
        if !offline || !last_err.contains("offline") {
            break;
        }
    }
    Err(format!(
        "cargo build in {} failed:\n{last_err}",
        dir.display()
    ))
}

/// Marks `src/lib.rs` as modified so that cargo rebuilds that crate only:
/// sets its modification time to now and, so that a content-based freshness
/// check sees it too, rewrites its trailing `// rebuild N` comment.
fn touch(dir: &Path, n: usize) -> Result<(), String> {
    touch_io(dir, n).map_err(|e| e.to_string())
}

fn touch_io(dir: &Path, n: usize) -> std::io::Result<()> {
    let path = dir.join("src/lib.rs");
    let text = std::fs::read_to_string(&path)?;
    let base = text
        .split("\n// rebuild ")
        .next()
        .unwrap_or(&text)
        .to_string();
    std::fs::write(&path, format!("{base}\n// rebuild {n}\n"))?;
    std::fs::File::options()
        .append(true)
        .open(&path)?
        .set_modified(std::time::SystemTime::now())
}

/// The measured rebuild times.
#[derive(Debug)]
pub struct Report {
    /// Rebuild seconds of the `#[coro]` crate.
    pub coro: Stats,
    /// Rebuild seconds of the same crate with its proc macros optimised.
    pub coro_opt_macros: Stats,
    /// Rebuild seconds of the `async fn` crate.
    pub async_: Stats,
}

impl Report {
    /// coro / async, medians.
    pub fn ratio(&self) -> f64 {
        self.coro.median / self.async_.median
    }

    /// coro with optimised proc macros / async, medians.
    pub fn ratio_opt_macros(&self) -> f64 {
        self.coro_opt_macros.median / self.async_.median
    }
}

/// Smoke mode: generates the sources under a scratch directory and checks
/// them; full mode: builds and times (see the module docs).
pub fn run(mode: Mode) -> Option<Report> {
    println!(
        "# compile_time: rebuild of a crate with {FUNCTIONS} #[coro] fns against the same bodies as async fn (debug)"
    );
    println!("{}", crate::machine_line());
    match mode {
        Mode::Smoke => {
            let root = std::env::temp_dir()
                .join(format!("coro-compile-time-smoke-{}", std::process::id()));
            let dirs = generate(&root).expect("cannot write the generated crates");
            for ((name, flavour, _), dir) in CRATES.into_iter().zip(&dirs) {
                let lib = std::fs::read_to_string(dir.join("src/lib.rs")).expect("lib.rs");
                let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).expect("Cargo.toml");
                if let Err(e) = check_sources(flavour, &lib, &manifest) {
                    panic!("generated {name} crate is malformed: {e}");
                }
            }
            let _ = std::fs::remove_dir_all(&root);
            println!("smoke: generated and checked the three crates' sources (not built)");
            None
        }
        Mode::Full => {
            let root = default_root();
            let [coro_dir, async_dir, opt_dir] =
                generate(&root).expect("cannot write the generated crates");
            let target = root.join("target");
            println!(
                "crates: {}, {} and {}",
                coro_dir.display(),
                async_dir.display(),
                opt_dir.display()
            );
            let reps = 5;
            let mut reports = Vec::new();
            for incremental in [false, true] {
                for dir in [&coro_dir, &async_dir, &opt_dir] {
                    touch(dir, usize::MAX).expect("touch");
                    let s =
                        build(dir, &target, incremental, false).unwrap_or_else(|e| panic!("{e}"));
                    println!(
                        "warm-up build of {} (incremental: {incremental}): {s:.1} s",
                        dir.display()
                    );
                }
                let (mut c, mut a, mut o) = (Vec::new(), Vec::new(), Vec::new());
                for rep in 0..reps {
                    for (dir, out) in [
                        (&coro_dir, &mut c),
                        (&async_dir, &mut a),
                        (&opt_dir, &mut o),
                    ] {
                        touch(dir, rep).expect("touch");
                        // A dependency may have changed meanwhile (coro-macros
                        // being edited): that build rebuilt it; time again.
                        let secs = build(dir, &target, incremental, true).or_else(|e| {
                            eprintln!("retrying: {}", e.lines().next().unwrap_or(""));
                            touch(dir, rep + 100)?;
                            build(dir, &target, incremental, true)
                        });
                        out.push(secs.unwrap_or_else(|e| panic!("{e}")));
                    }
                }
                reports.push(Report {
                    coro: Stats::of(&c),
                    coro_opt_macros: Stats::of(&o),
                    async_: Stats::of(&a),
                });
            }
            println!(
                "\nrebuild of the crate alone after `touch src/lib.rs`, `cargo build` (debug), seconds, \
                 median [p10-p90] of {reps}:\n"
            );
            let mut t = crate::Table::new(&["build", "120 #[coro] fns", "120 async fns", "ratio"]);
            for (r, what) in reports.iter().zip([
                "full crate (CARGO_INCREMENTAL=0)",
                "incremental (default dev)",
            ]) {
                t.row(vec![
                    what.into(),
                    r.coro.show(2),
                    r.async_.show(2),
                    format!("{:.2}", r.ratio()),
                ]);
                t.row(vec![
                    format!("{what}, macros at opt-level 3"),
                    r.coro_opt_macros.show(2),
                    r.async_.show(2),
                    format!("{:.2}", r.ratio_opt_macros()),
                ]);
            }
            print!("{}", t.render());
            println!(
                "\n(macros at opt-level 3: `[profile.dev.build-override] opt-level = 3` in the crate's \
                 Cargo.toml, see README)"
            );
            let report = reports.swap_remove(0);
            println!(
                "\n#[coro] / async fn compile time (full crate): {:.2} (aim: <= 1.50); \
                 with optimised macros {:.2}",
                report.ratio(),
                report.ratio_opt_macros()
            );
            Some(report)
        }
    }
}
