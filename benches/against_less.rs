//! liseuse and `less`, side by side, in pseudo-terminals, on generated
//! texts of 1 MB, 100 MB and 1 GB (written to a temporary directory and
//! removed afterwards).
//!
//! For each size and program, every run starts the program afresh in a
//! 120×40 terminal and times, until the output that puts the expected text
//! on the screen has arrived (the harness's own parsing left out):
//! the first frame, `G` (end), `g` (start), a resize to 80×30, and a jump to
//! 50 % (`:50%` in liseuse, `50%` in less), then `}` in liseuse. It prints
//! the medians, the ratio liseuse / less, and the peak memory (resident,
//! and liseuse's own anonymous memory).
//!
//! With `LISEUSE_BENCH_TEXTS` naming a directory, it times instead the
//! first frame of each file in it (real books, in any encoding): until the
//! bottom row (liseuse's status line, less's prompt) is drawn, or less
//! asks whether to show a text it takes for binary.
//!
//! With `LISEUSE_BENCH_FORMATS` naming the shared folder (the one holding
//! `formats/` and `corpus/`), it times the formats instead: liseuse on
//! War and Peace as EPUB against less on the same book as text, and on
//! the largest saved web page against less on the same file — the first
//! frame, then, in liseuse, `G`, `:50%` and a resize, and its memory.
//!
//! With `LISEUSE_BENCH_BASELINE` naming another liseuse binary (an earlier
//! build, to measure a change), it runs too, in turn with the others, and
//! the tables gain its column and the ratio liseuse / baseline (with the
//! formats, a row: its first frame on the same book or page).
//!
//! ```sh
//! cargo bench --bench against_less            # all three sizes
//! cargo bench --bench against_less -- 1MB     # some of them
//! LISEUSE_BENCH_RUNS=9 cargo bench --bench against_less
//! LISEUSE_BENCH_BASELINE=/tmp/liseuse-main cargo bench --bench against_less -- 1GB
//! LISEUSE_BENCH_TEXTS=../shared/corpus cargo bench --bench against_less
//! LISEUSE_BENCH_FORMATS=../shared cargo bench --bench against_less
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/support/mod.rs"]
mod support;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use support::{TempDir, Term};

const TIMEOUT: Duration = Duration::from_secs(120);
const SIZES: [(&str, u64); 3] = [
    ("1MB", 1_000_000),
    ("100MB", 100_000_000),
    ("1GB", 1_000_000_000),
];
const BEGIN: &str = "BEGINOFTEXT";
const END: &str = "ENDOFTEXT";
const MIDDLE: &str = "MIDDLEOFTEXT";
/// A rare word, once, just before the end; liseuse is asked for it
/// without its accent (`zephyrin`), less for its plain tail (`phyrin`).
const RARE: &str = "zéphyrin";

/// Writes `size` bytes of hard-wrapped prose in blank-line separated
/// paragraphs, from a fixed seed, with markers at the start, the middle and
/// the end.
fn generate(path: &Path, size: u64) {
    let words: Vec<&str> = include_str!("../assets/article.txt")
        .split_whitespace()
        .collect();
    let mut out = BufWriter::with_capacity(1 << 20, File::create(path).unwrap());
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut written: u64 = 0;
    let mut middle_done = false;
    let mut line = String::with_capacity(128);
    writeln!(out, "{BEGIN} the generated text starts here.\n").unwrap();
    while written + 200 < size {
        if !middle_done && written >= size / 2 {
            writeln!(out, "{MIDDLE} marks the middle.\n").unwrap();
            middle_done = true;
        }
        for _ in 0..3 + next(8) {
            line.clear();
            while line.len() < 64 {
                line.push_str(words[next(words.len())]);
                line.push(' ');
            }
            line.pop();
            line.push('\n');
            out.write_all(line.as_bytes()).unwrap();
            written += line.len() as u64;
        }
        out.write_all(b"\n").unwrap();
        written += 1;
    }
    writeln!(out, "Un mot rare\u{a0}: {RARE}.\n").unwrap();
    writeln!(out, "The generated text stops here: {END}").unwrap();
    out.flush().unwrap();
}

/// One program under test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Program {
    Liseuse,
    Less,
    /// The liseuse binary `LISEUSE_BENCH_BASELINE` names.
    Baseline,
}

/// The binary `LISEUSE_BENCH_BASELINE` names, if any.
fn baseline() -> Option<PathBuf> {
    std::env::var_os("LISEUSE_BENCH_BASELINE").map(PathBuf::from)
}

impl Program {
    fn spawn(self, file: &Path) -> Term {
        let args = [file.as_os_str()];
        match self {
            Program::Liseuse => Term::spawn(&args, 120, 40),
            Program::Baseline => {
                let binary = baseline().expect("LISEUSE_BENCH_BASELINE");
                Term::spawn_program(binary, &args, &[], 120, 40)
            }
            Program::Less => Term::spawn_program(
                "less",
                &args,
                &[("LESS", ""), ("LESSHISTFILE", "-"), ("LESSOPEN", "")],
                120,
                40,
            ),
        }
    }

    /// Whether the bottom row shows this program's prompt after a redraw.
    fn prompt_shown(self, last_row: &str) -> bool {
        match self {
            Program::Liseuse | Program::Baseline => last_row.contains('¶'),
            Program::Less => last_row.starts_with(':'),
        }
    }
}

/// Times from `start` until the output that makes `predicate` hold for
/// the screen arrives (the harness's own parsing left out).
fn until(term: &Term, start: Instant, predicate: impl FnMut(&str) -> bool) -> Duration {
    let arrived = term.wait_for_arrival(predicate, TIMEOUT).unwrap();
    arrived.saturating_duration_since(start)
}

fn step(term: &Term, keys: &str, predicate: impl FnMut(&str) -> bool) -> Duration {
    let start = Instant::now();
    term.send(keys);
    until(term, start, predicate)
}

/// Peak resident memory and current anonymous memory, in kB.
fn memory(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmHWM:"), field("RssAnon:"))
}

#[derive(Debug, Default)]
struct Timings {
    steps: Vec<(&'static str, Vec<Duration>)>,
    peak_kb: u64,
    anon_kb: u64,
}

impl Timings {
    fn record(&mut self, name: &'static str, time: Duration) {
        match self.steps.iter_mut().find(|(n, _)| *n == name) {
            Some((_, times)) => times.push(time),
            None => self.steps.push((name, vec![time])),
        }
    }

    fn median(&self, name: &str) -> Option<Duration> {
        let (_, times) = self.steps.iter().find(|(n, _)| *n == name)?;
        let mut times = times.clone();
        times.sort();
        Some(times[times.len() / 2])
    }
}

fn run_once(program: Program, file: &Path, timings: &mut Timings) {
    let start = Instant::now();
    let mut term = program.spawn(file);
    timings.record("first frame", until(&term, start, |s| s.contains(BEGIN)));
    timings.record("G (end)", step(&term, "G", |s| s.contains(END)));
    timings.record("g (start)", step(&term, "g", |s| s.contains(BEGIN)));
    let start = Instant::now();
    term.resize(80, 30);
    let resized = until(&term, start, |s| {
        s.contains(BEGIN) && s.lines().last().is_some_and(|l| program.prompt_shown(l))
    });
    timings.record("resize 120×40→80×30", resized);
    let jump = match program {
        Program::Liseuse | Program::Baseline => ":50%\r",
        Program::Less => "50%",
    };
    timings.record("50 %", step(&term, jump, |s| s.contains(MIDDLE)));
    if program != Program::Less {
        let before = term.last_row();
        timings.record(
            "} (next paragraph)",
            step(&term, "}", |s| s.lines().last() != Some(before.as_str())),
        );
    }
    let search = match program {
        Program::Liseuse | Program::Baseline => "/zephyrin\r",
        Program::Less => "/phyrin\r",
    };
    timings.record(
        "search a rare word near the end",
        // On screen above the prompt, where the query itself is echoed.
        step(&term, search, |s| {
            s.lines().rev().skip(1).any(|l| l.contains("phyrin"))
        }),
    );
    let (peak, anon) = memory(term.pid());
    timings.peak_kb = timings.peak_kb.max(peak);
    timings.anon_kb = timings.anon_kb.max(anon);
    term.send("q");
    let _ = term.wait_exit(TIMEOUT);
}

/// The medians of each step, side by side, with the baseline's when it ran.
fn print_table(liseuse: &Timings, less: &Timings, earlier: Option<&Timings>) {
    let ratio = |a: Duration, b: Duration| format!("{:.2}", a.as_secs_f64() / b.as_secs_f64());
    match earlier {
        Some(_) => {
            println!("| step | liseuse | less | liseuse / less | baseline | liseuse / baseline |");
            println!("|---|---|---|---|---|---|");
        }
        None => {
            println!("| step | liseuse | less | liseuse / less |");
            println!("|---|---|---|---|");
        }
    }
    for (name, _) in &liseuse.steps {
        let mine = liseuse.median(name).unwrap();
        let (theirs, versus) = match less.median(name) {
            Some(theirs) => (ms(theirs), ratio(mine, theirs)),
            None => ("—".to_owned(), "—".to_owned()),
        };
        let mut row = format!("| {name} | {} | {theirs} | {versus} |", ms(mine));
        if let Some(before) = earlier.and_then(|e| e.median(name)) {
            row.push_str(&format!(" {} | {} |", ms(before), ratio(mine, before)));
        }
        println!("{row}");
    }
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn ms(time: Duration) -> String {
    format!("{:.1} ms", time.as_secs_f64() * 1000.0)
}

fn main() {
    let wanted: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let runs: usize = std::env::var("LISEUSE_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(7)
        .max(1);
    println!(
        "liseuse vs less {}; {runs} runs each, medians; load average before: {}",
        less_version(),
        load()
    );
    if let Some(shared) = std::env::var_os("LISEUSE_BENCH_FORMATS") {
        formats(Path::new(&shared), runs);
        println!("\nload average after: {}", load());
        return;
    }
    if let Some(texts) = std::env::var_os("LISEUSE_BENCH_TEXTS") {
        first_frames(Path::new(&texts), runs);
        println!("\nload average after: {}", load());
        return;
    }
    let dir = TempDir::new();
    for (label, size) in SIZES {
        if !wanted.is_empty() && !wanted.iter().any(|w| w == label) {
            continue;
        }
        let file: PathBuf = dir.path().join(format!("{label}.txt"));
        let start = Instant::now();
        generate(&file, size);
        // Warm the page cache, as a reader re-opening a file would find it.
        let _ = std::fs::read(&file).map(|b| b.len());
        eprintln!(
            "generated {label} in {:.1} s",
            start.elapsed().as_secs_f64()
        );
        let mut liseuse = Timings::default();
        let mut less = Timings::default();
        let mut earlier = baseline().map(|_| Timings::default());
        // Alternate the programs, so all meet the same machine load.
        for _ in 0..runs {
            run_once(Program::Liseuse, &file, &mut liseuse);
            run_once(Program::Less, &file, &mut less);
            if let Some(earlier) = &mut earlier {
                run_once(Program::Baseline, &file, earlier);
            }
        }
        println!("\n### {label}\n");
        print_table(&liseuse, &less, earlier.as_ref());
        println!(
            "| peak resident memory | {} MB | {} MB | |",
            liseuse.peak_kb / 1024,
            less.peak_kb / 1024
        );
        println!(
            "| anonymous memory | {:.1} MB | {:.1} MB | |",
            liseuse.anon_kb as f64 / 1024.0,
            less.anon_kb as f64 / 1024.0
        );
        let _ = std::fs::remove_file(&file);
    }
    println!("\nload average after: {}", load());
}

/// The first frame of each file in `dir`, side by side with less.
fn first_frames(dir: &Path, runs: usize) {
    // The programs run elsewhere: the paths must not be relative.
    let dir = std::fs::canonicalize(dir).expect("a directory of texts");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("a directory of texts")
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.is_file())
        .filter(|path| {
            !path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    files.sort();
    println!("\n| text | size | liseuse | less | liseuse / less |");
    println!("|---|---|---|---|---|");
    for file in files {
        let mut times = [Vec::new(), Vec::new()];
        for _ in 0..runs {
            for (program, times) in [Program::Liseuse, Program::Less]
                .into_iter()
                .zip(&mut times)
            {
                let start = Instant::now();
                let mut term = program.spawn(&file);
                // less asks first about a text it takes for binary (one
                // in a legacy encoding): its answer is its first frame.
                times.push(until(&term, start, |s| {
                    s.rsplit('\n').next().is_some_and(|l| !l.trim().is_empty())
                        || s.contains("See it anyway?")
                }));
                term.send("q");
                let _ = term.wait_exit(TIMEOUT);
            }
        }
        let [mine, theirs] = times.map(|mut t| {
            t.sort();
            t[t.len() / 2]
        });
        let size = std::fs::metadata(&file).map_or(0, |m| m.len());
        println!(
            "| {} | {:.2} MB | {} | {} | {:.2} |",
            file.file_name().unwrap_or_default().to_string_lossy(),
            size as f64 / 1e6,
            ms(mine),
            ms(theirs),
            mine.as_secs_f64() / theirs.as_secs_f64()
        );
    }
}

/// Whether liseuse's status line is drawn on `screen` (its first frame).
fn liseuse_prompt_shown(screen: &str) -> bool {
    screen
        .lines()
        .last()
        .is_some_and(|l| Program::Liseuse.prompt_shown(l))
}

/// The percentage the status line shows, if any.
fn percent_shown(screen: &str) -> Option<usize> {
    let last = screen.lines().last()?;
    let end = last.rfind('%')?;
    let start = last[..end].rfind(' ').map_or(0, |i| i + 1);
    last[start..end].trim().parse().ok()
}

/// liseuse on documents in other formats, side by side with less on the
/// same text (see the module's docs).
fn formats(shared: &Path, runs: usize) {
    let shared = std::fs::canonicalize(shared).expect("the shared folder");
    let html_dir = shared.join("formats/html");
    let largest_page = std::fs::read_dir(&html_dir)
        .expect("formats/html")
        .filter_map(|entry| Some(entry.ok()?.path().join("source.html")))
        .filter(|path| path.is_file())
        .max_by_key(|path| std::fs::metadata(path).map_or(0, |m| m.len()))
        .expect("a saved page");
    let pairs = [
        (
            "War and Peace: EPUB / text",
            shared.join("formats/epub/war-and-peace-standardebooks.epub"),
            shared.join("corpus/en_tolstoy_war_and_peace_utf8bom_lf.txt"),
            true,
        ),
        // Its article fits on one screen: only the first frame is timed.
        (
            "largest web page",
            largest_page.clone(),
            largest_page,
            false,
        ),
    ];
    for (label, mine, theirs, moves) in pairs {
        let mut liseuse = Timings::default();
        let mut less = Vec::new();
        for _ in 0..runs {
            let start = Instant::now();
            let mut term = Program::Liseuse.spawn(&mine);
            liseuse.record("first frame", until(&term, start, liseuse_prompt_shown));
            if moves {
                // A book opens on its first chapters: the rest is read
                // behind, and the percent shows once it is whole.
                liseuse.record(
                    "whole book read (from start)",
                    until(&term, start, |s| percent_shown(s).is_some()),
                );
                liseuse.record(
                    "G (end)",
                    step(&term, "G", |s| percent_shown(s) == Some(100)),
                );
                liseuse.record(
                    ":50%",
                    step(&term, ":50%\r", |s| {
                        percent_shown(s).is_some_and(|p| (45..=55).contains(&p))
                    }),
                );
                let before = term.screen_text();
                let start = Instant::now();
                term.resize(80, 30);
                liseuse.record(
                    "resize 120×40→80×30",
                    until(&term, start, |s| {
                        s != before
                            && s.lines().count() <= 30
                            && s.lines()
                                .last()
                                .is_some_and(|l| Program::Liseuse.prompt_shown(l))
                    }),
                );
            }
            let (peak, anon) = memory(term.pid());
            liseuse.peak_kb = liseuse.peak_kb.max(peak);
            liseuse.anon_kb = liseuse.anon_kb.max(anon);
            term.send("q");
            let _ = term.wait_exit(TIMEOUT);
            if baseline().is_some() {
                // The earlier build on the same file, in turn with the others.
                let start = Instant::now();
                let mut term = Program::Baseline.spawn(&mine);
                liseuse.record(
                    "first frame of the baseline build",
                    until(&term, start, liseuse_prompt_shown),
                );
                term.send("q");
                let _ = term.wait_exit(TIMEOUT);
            }
            if mine != theirs {
                // liseuse on the text too: what the format itself costs.
                let start = Instant::now();
                let mut term = Program::Liseuse.spawn(&theirs);
                liseuse.record(
                    "first frame of the text",
                    until(&term, start, liseuse_prompt_shown),
                );
                term.send("q");
                let _ = term.wait_exit(TIMEOUT);
            }
            let start = Instant::now();
            let mut term = Program::Less.spawn(&theirs);
            less.push(until(&term, start, |s| {
                s.rsplit('\n').next().is_some_and(|l| !l.trim().is_empty())
                    || s.contains("See it anyway?")
            }));
            term.send("q");
            let _ = term.wait_exit(TIMEOUT);
        }
        less.sort();
        let theirs_median = less[less.len() / 2];
        println!("\n### {label}\n");
        println!("| step | liseuse | less (text) | liseuse / less |");
        println!("|---|---|---|---|");
        for (name, _) in &liseuse.steps {
            let time = liseuse.median(name).unwrap();
            if name.starts_with("first frame") {
                println!(
                    "| {name} | {} | {} | {:.2} |",
                    ms(time),
                    ms(theirs_median),
                    time.as_secs_f64() / theirs_median.as_secs_f64()
                );
            } else {
                println!("| {name} | {} | — | — |", ms(time));
            }
        }
        println!(
            "| anonymous memory | {:.1} MB | | |",
            liseuse.anon_kb as f64 / 1024.0
        );
        println!(
            "| peak resident memory | {} MB | | |",
            liseuse.peak_kb / 1024
        );
    }
}

fn less_version() -> String {
    std::process::Command::new("less")
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|v| v.lines().next().map(str::to_owned))
        .unwrap_or_else(|| "(less not found)".to_owned())
}
