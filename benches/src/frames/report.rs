//! The report of the frames bench: runs the measurements and prints the
//! tables (sizes, ns per `Pending` poll and per run, and with `--icount`
//! the instruction counts), each with its worst ratio.

use super::{Row, measure};
use crate::icount::{self, Flavour, What};
use crate::{Mode, Table};

/// Runs the measurement and prints the tables; returns the rows.
pub fn run(mode: Mode) -> Vec<Row> {
    if let Some(child) = icount::child() {
        measure(mode);
        panic!("--icount-child: no body named {:?}", child.body);
    }
    println!("# frames: #[coro] machines against rustc `async fn` futures, same bodies");
    println!("{}", crate::machine_line());
    let rows = measure(mode);
    if rows.is_empty() {
        println!("no body matches $CORO_BENCH_ONLY");
        return rows;
    }
    let mut sizes = Table::new(&["body", "#[coro] bytes", "rustc bytes", "ratio"]);
    let mut polls = Table::new(&[
        "body",
        "#[coro] ns/poll [p10-p90]",
        "rustc ns/poll [p10-p90]",
        "ratio",
        "#[coro] ns/run [p10-p90]",
        "rustc ns/run [p10-p90]",
        "ratio",
    ]);
    for r in &rows {
        sizes.row(vec![
            r.name.into(),
            r.coro_size.to_string(),
            r.async_size.to_string(),
            format!("{:.2}", r.size_ratio()),
        ]);
        polls.row(vec![
            r.name.into(),
            r.coro_poll.show(2),
            r.async_poll.show(2),
            format!("{:.2}", r.poll_ratio()),
            r.coro_run.show(1),
            r.async_run.show(1),
            format!("{:.2}", r.run_ratio()),
        ]);
    }
    let sum_c: usize = rows.iter().map(|r| r.coro_size).sum();
    let sum_a: usize = rows.iter().map(|r| r.async_size).sum();
    println!("\n## size_of (ratio = #[coro] / rustc; below 1.0 is smaller)\n");
    print!("{}", sizes.render());
    println!(
        "| total | {sum_c} | {sum_a} | {:.2} |",
        sum_c as f64 / sum_a as f64
    );
    println!(
        "\n## time: a poll that returns Pending (awaitee stays Pending; {} polls/sample), \
         and create + run to completion (each leaf Pending twice); median of {} samples \
         after warm-up, [p10-p90]\n",
        mode.pick(200_000, 100),
        mode.pick(31, 3)
    );
    print!("{}", polls.render());
    for r in &rows {
        if let Some(m) = &r.mismatch {
            println!("MISMATCH in {}: {m}", r.name);
        }
    }
    let worst_size = rows
        .iter()
        .max_by(|a, b| a.size_ratio().total_cmp(&b.size_ratio()))
        .unwrap();
    let worst_poll = rows
        .iter()
        .max_by(|a, b| a.poll_ratio().total_cmp(&b.poll_ratio()))
        .unwrap();
    let worst_run = rows
        .iter()
        .max_by(|a, b| a.run_ratio().total_cmp(&b.run_ratio()))
        .unwrap();
    println!(
        "\nworst size ratio {:.2} ({}); worst poll ratio {:.2} ({}); worst run ratio {:.2} ({})",
        worst_size.size_ratio(),
        worst_size.name,
        worst_poll.poll_ratio(),
        worst_poll.name,
        worst_run.run_ratio(),
        worst_run.name,
    );
    if icount::requested() {
        print_icounts(&rows, mode);
    }
    rows
}

/// `--icount`: instructions per `Pending` poll and per create + run, counted
/// by callgrind (see `icount`).
fn print_icounts(rows: &[Row], mode: Mode) {
    if !icount::available() {
        println!("\n--icount: valgrind not found, no instruction counts");
        return;
    }
    let (polls, runs) = (mode.pick(20_000, 100), mode.pick(2_000, 10));
    println!(
        "\n## instructions (callgrind): per Pending poll and per create + run (each leaf \
         Pending twice); the difference of {polls} and {} polls, {runs} and {} runs\n",
        2 * polls,
        2 * runs
    );
    let mut table = Table::new(&[
        "body",
        "#[coro] instr/poll",
        "rustc instr/poll",
        "ratio",
        "#[coro] instr/run",
        "rustc instr/run",
        "ratio",
    ]);
    let mut worst = (0.0f64, "", 0.0f64, "");
    for r in rows {
        let count = |flavour, what, n| {
            icount::per_op(r.name, flavour, what, n).unwrap_or_else(|e| panic!("{e}"))
        };
        let (cp, ap) = (
            count(Flavour::Coro, What::Poll, polls),
            count(Flavour::Async, What::Poll, polls),
        );
        let (cr, ar) = (
            count(Flavour::Coro, What::Run, runs),
            count(Flavour::Async, What::Run, runs),
        );
        if cp / ap > worst.0 {
            (worst.0, worst.1) = (cp / ap, r.name);
        }
        if cr / ar > worst.2 {
            (worst.2, worst.3) = (cr / ar, r.name);
        }
        table.row(vec![
            r.name.into(),
            format!("{cp:.0}"),
            format!("{ap:.0}"),
            format!("{:.2}", cp / ap),
            format!("{cr:.0}"),
            format!("{ar:.0}"),
            format!("{:.2}", cr / ar),
        ]);
    }
    print!("{}", table.render());
    println!(
        "\nworst instruction ratio per poll {:.2} ({}); per run {:.2} ({})",
        worst.0, worst.1, worst.2, worst.3
    );
}
