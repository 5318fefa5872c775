//! Expansion snapshots: each `tests/expand/<feature>/<case>.rs` next to the
//! `<case>.expanded.rs` that `cargo expand` produced for it.
//! Refresh with `MACROTEST=overwrite cargo test -p coro-ui-tests --test expand`.
//! Needs `cargo-expand` on `PATH`; without it the test says so and skips.

use std::path::{Path, PathBuf};
use std::process::Command;

fn cargo_expand_available() -> bool {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    Command::new(cargo)
        .args(["expand", "--version"])
        .output()
        .is_ok_and(|out| out.status.success())
}

/// The cases, sorted, without their snapshots.
fn cases(root: &Path) -> Vec<PathBuf> {
    let mut cases = Vec::new();
    for feature in std::fs::read_dir(root).expect("tests/expand exists") {
        let feature = feature.expect("readable tests/expand").path();
        if !feature.is_dir() {
            continue;
        }
        for case in std::fs::read_dir(&feature).expect("readable feature dir") {
            let case = case.expect("readable case").path();
            let name = case.to_string_lossy();
            if name.ends_with(".rs") && !name.ends_with(".expanded.rs") {
                cases.push(case);
            }
        }
    }
    cases.sort();
    cases
}

/// `--remap-path-prefix` so that the `file!()` of resume points is relative
/// (`tests/expand/..`), not this checkout's absolute path.
fn remap_config() -> String {
    let dir = format!("{}/", env!("CARGO_MANIFEST_DIR"));
    let escaped = dir.replace('\\', "\\\\").replace('"', "\\\"");
    format!("build.rustflags=[\"-A\", \"dead_code\", \"--remap-path-prefix={escaped}=\"]")
}

#[test]
fn expand() {
    if !cargo_expand_available() {
        eprintln!(
            "skipping expansion snapshots: `cargo expand` is not installed \
             (install it with `cargo install cargo-expand --locked`)"
        );
        return;
    }
    let config = remap_config();
    // One call per file, not one glob: a glob names every case's crate after
    // its index (`macrotest003`), which would leak into `module_path!()` and
    // rename every snapshot when a case is added. Alone, a case's crate is
    // named after its file.
    for case in cases(Path::new("tests/expand")) {
        macrotest::expand_args(&case, &["--config", config.as_str()]);
    }
}
