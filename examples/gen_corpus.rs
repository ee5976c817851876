//! Writes a synthetic corpus of 法治政府建设年度报告 for fzlint's benchmark
//! (`bench/run.sh`); see `tests/support/corpus.rs` for what the reports
//! contain and which faults are planted in them.
//!
//!     cargo run --release --example gen_corpus -- DIR [-n COUNT] [--seed SEED] [--copying]
//!
//! COUNT defaults to 10000, SEED to 1. DIR must be empty or not exist yet.
//! The reports (5–20 KB each, a third `.md`, two thirds `.txt`) go into 100
//! sub-folders of DIR, and `manifest.tsv` lists each report's planted rule
//! ids. The same COUNT and SEED give the same bytes on every run. Prints a
//! one-line summary.
//!
//! `--copying` (COUNT at least 120) then rewrites some of the reports into
//! copies, as a supervisor's collection has them, for `fzlint audit
//! --similar`: a county's template filled in by 50 offices and two of 12
//! and 8 (each member with an eighth of its lines replaced by lines of other
//! reports), six copy chains A→B→C (each copy a quarter changed), ten
//! reports re-submitted with a tenth changed, and three short notes made of
//! one boilerplate paragraph that every member of the two smaller templates
//! also has. `copying.tsv` lists them (group, kind, path). `manifest.tsv`
//! still lists the faults planted before the copying: do not use it to
//! score a `--copying` corpus.

#[path = "../tests/support/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::exit;

const USAGE: &str = "usage: gen_corpus DIR [-n COUNT] [--seed SEED] [--copying]";

struct Args {
    dir: PathBuf,
    count: usize,
    seed: u64,
    copying: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut dir: Option<PathBuf> = None;
    let mut count: usize = 10_000;
    let mut seed: u64 = 1;
    let mut copying = false;
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("-h" | "--help") => {
                println!("{USAGE}");
                exit(0);
            }
            Some("-n" | "--count") => {
                let value = args.next().ok_or("-n needs a number")?;
                count = value
                    .to_str()
                    .and_then(|v| v.replace('_', "").parse().ok())
                    .ok_or_else(|| format!("-n: not a count: {}", value.to_string_lossy()))?;
            }
            Some("--seed") => {
                let value = args.next().ok_or("--seed needs a number")?;
                seed = value
                    .to_str()
                    .and_then(|v| v.parse().ok())
                    .ok_or_else(|| format!("--seed: not a number: {}", value.to_string_lossy()))?;
            }
            Some("--copying") => copying = true,
            Some(flag) if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("unknown option {flag}"));
            }
            _ if dir.is_none() => dir = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument {}", arg.to_string_lossy())),
        }
    }
    Ok(Args {
        dir: dir.ok_or("no DIR given")?,
        count,
        seed,
        copying,
    })
}

fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("gen_corpus: {message}\n{USAGE}");
            exit(2);
        }
    };
    let dir = &args.dir;
    // Never mix a new corpus with old files: the manifest would not describe
    // them, and a benchmark would measure something else.
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                eprintln!(
                    "gen_corpus: {} is not empty; give a new or empty folder",
                    dir.display()
                );
                exit(2);
            }
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => {
            eprintln!("gen_corpus: {}: {err}", dir.display());
            exit(2);
        }
    }
    let started = std::time::Instant::now();
    let reports = match corpus::generate(dir, args.count, args.seed) {
        Ok(reports) => reports,
        Err(err) => {
            eprintln!("gen_corpus: {}: {err}", dir.display());
            exit(2);
        }
    };
    if args.copying {
        match copying::plant(dir, &reports, args.seed) {
            Ok(summary) => println!("{}: {summary}", dir.display()),
            Err(err) => {
                eprintln!("gen_corpus: --copying: {}: {err}", dir.display());
                exit(2);
            }
        }
    }
    let total: usize = reports.iter().map(|r| r.bytes).sum();
    let markdown = reports.iter().filter(|r| r.path.ends_with(".md")).count();
    let faulty = reports.iter().filter(|r| !r.planted.is_empty()).count();
    let (min, max) = reports.iter().fold((usize::MAX, 0), |(lo, hi), r| {
        (lo.min(r.bytes), hi.max(r.bytes))
    });
    let mean = if reports.is_empty() {
        0.0
    } else {
        total as f64 / reports.len() as f64
    };
    println!(
        "{}: {} reports ({} .md, {} .txt) in {} folders, {} bytes ({:.1} MB), mean {:.0} bytes (min {}, max {}), {} with planted faults (seed {}, {:.1} s)",
        dir.display(),
        reports.len(),
        markdown,
        reports.len() - markdown,
        corpus::FOLDERS.min(reports.len()),
        total,
        total as f64 / 1e6,
        mean,
        if reports.is_empty() { 0 } else { min },
        max,
        faulty,
        args.seed,
        started.elapsed().as_secs_f64()
    );
}

/// `--copying`: copies, templates and copy chains planted into a corpus.
mod copying {
    use std::fmt::Write as _;
    use std::io;
    use std::path::Path;

    /// A paragraph of invented boilerplate the notes are made of.
    const BOILERPLATE: &str = "为进一步规范基层行政执法行为，本单位结合实际制定行政执法公示、执法全过程记录、重大执法决定法制审核三项制度的实施细则，明确责任分工、办理流程和监督方式，并组织全体执法人员集中学习，逐条对照检查整改，切实做到严格规范公正文明执法。";

    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        /// True with probability `per_mille` / 1000.
        fn chance(&mut self, per_mille: u64) -> bool {
            self.next() % 1000 < per_mille
        }
    }

    fn lines(dir: &Path, path: &str) -> io::Result<Vec<String>> {
        Ok(std::fs::read_to_string(dir.join(path))?
            .split('\n')
            .map(str::to_owned)
            .collect())
    }

    fn write(dir: &Path, path: &str, lines: &[String]) -> io::Result<()> {
        std::fs::write(dir.join(path), lines.join("\n"))
    }

    /// Rewrites reports of `reports` as copies; a one-line summary.
    pub fn plant(dir: &Path, reports: &[super::corpus::Report], seed: u64) -> io::Result<String> {
        if reports.len() < 120 {
            return Err(io::Error::other("needs at least 120 reports"));
        }
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let paths: Vec<&str> = reports.iter().map(|r| r.path.as_str()).collect();
        let mut order: Vec<&str> = paths.clone();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let mut unused = order.into_iter();
        let mut next = || {
            unused
                .next()
                .ok_or_else(|| io::Error::other("too few reports"))
        };
        // Each line after the title, with probability `per_mille`, replaced
        // by a line of another report.
        let vary =
            |rng: &mut Rng, original: &[String], per_mille: u64| -> io::Result<Vec<String>> {
                let mut out = original.to_vec();
                let last = out.len().saturating_sub(1);
                for line in out.iter_mut().take(last).skip(2) {
                    if rng.chance(per_mille) {
                        let donor = lines(dir, paths[rng.below(paths.len())])?;
                        if donor.len() > 3 {
                            *line = donor[2 + rng.below(donor.len() - 3)].clone();
                        }
                    }
                }
                Ok(out)
            };
        let mut listing = String::from("group\tkind\tpath\n");
        let mut group = 0;
        let mut families = Vec::new();
        for size in [50, 12, 8] {
            group += 1;
            let source = next()?;
            let template = lines(dir, source)?;
            let mut members = vec![source];
            for _ in 1..size {
                let path = next()?;
                write(dir, path, &vary(&mut rng, &template, 120)?)?;
                members.push(path);
            }
            for path in &members {
                let _ = writeln!(listing, "{group}\ttemplate\t{path}");
            }
            families.push(members);
        }
        for _ in 0..6 {
            group += 1;
            let chain = [next()?, next()?, next()?];
            for pair in chain.windows(2) {
                let copy = vary(&mut rng, &lines(dir, pair[0])?, 250)?;
                write(dir, pair[1], &copy)?;
            }
            for path in chain {
                let _ = writeln!(listing, "{group}\tchain\t{path}");
            }
        }
        for _ in 0..10 {
            group += 1;
            let (original, copy) = (next()?, next()?);
            write(dir, copy, &vary(&mut rng, &lines(dir, original)?, 100)?)?;
            for path in [original, copy] {
                let _ = writeln!(listing, "{group}\tcopy\t{path}");
            }
        }
        // The boilerplate paragraph in every member of the two smaller
        // templates, and three notes made of it.
        for path in families[1..].iter().flatten() {
            let mut text = lines(dir, path)?;
            text.insert(3.min(text.len()), BOILERPLATE.to_owned());
            write(dir, path, &text)?;
        }
        for _ in 0..3 {
            let path = next()?;
            let text = lines(dir, path)?;
            let note = [
                text.first().cloned().unwrap_or_default(),
                BOILERPLATE.to_owned(),
                text.last().cloned().unwrap_or_default(),
            ];
            write(dir, path, &note)?;
            let _ = writeln!(listing, "0\tnote\t{path}");
        }
        std::fs::write(dir.join("copying.tsv"), listing)?;
        Ok("copying planted: templates filled in by 50, 12 and 8 reports, 6 copy chains of 3, 10 copies, 3 boilerplate notes (copying.tsv)".to_owned())
    }
}
