//! Helpers shared by the test modules: a fixed-seed generator, temporary files, the
//! independent ITC-2007 checker, and our own score in the checker's shape.
//!
//! The helpers only run things and reshape results; every assertion lives in the test modules.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use horarium_core::formats::ctt_solution;
use horarium_core::{score, Problem};
pub use horarium_fixtures::{ItcReport as ItcResult, ITC_HARD, ITC_SOFT};

/// SplitMix64 (Steele, Lea and Flood 2014): tiny, fast, and good enough to generate test data.
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator whose whole sequence is fixed by `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; `n` must be positive.
    pub fn below(&mut self, n: usize) -> usize {
        assert!(n > 0, "below(0) has no value to return");
        // The modulo bias is irrelevant for test data.
        usize::try_from(self.next_u64() % n as u64).expect("the value is below a usize")
    }

    /// True with probability `num / den`.
    pub fn chance(&mut self, num: usize, den: usize) -> bool {
        self.below(den) < num
    }

    /// A random element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Shuffles a slice in place (Fisher-Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for idx in (1..items.len()).rev() {
            let other = self.below(idx + 1);
            items.swap(idx, other);
        }
    }
}

/// A file in the system's temporary folder, removed when dropped.
pub struct TempFile {
    path: PathBuf,
}

impl TempFile {
    /// Writes `contents` to a fresh file whose name ends with `suffix` (such as `case7.sol`).
    pub fn new(suffix: &str, contents: impl AsRef<[u8]>) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("horarium-core-test-{}-{n}-{suffix}", std::process::id()));
        std::fs::write(&path, contents).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        Self { path }
    }

    /// Where the file is.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Runs the independent checker, `ctt_validate.py INSTANCE SOLUTION --json`.
pub fn checker(instance: &Path, solution: &Path) -> ItcResult {
    ItcResult::from_json(&horarium_fixtures::run_ctt_validator(instance, solution))
}

/// Scores a solution text with horarium-core and reshapes the score as the checker reports it.
///
/// Every kind must carry an ITC-2007 name and keep to its side (hard or soft), and kinds
/// without one must cost nothing: a `.ctt` problem uses no other rule.
pub fn ours(problem: &Problem, solution_text: &str) -> ItcResult {
    let read = ctt_solution::parse_solution(problem, solution_text);
    let s = score(problem, &read.timetable);
    let mut hard: BTreeMap<String, u64> = ITC_HARD.iter().map(|&n| (n.to_owned(), 0)).collect();
    let mut soft: BTreeMap<String, u64> = ITC_SOFT.iter().map(|&n| (n.to_owned(), 0)).collect();
    for k in &s.by_kind {
        match k.kind.itc2007_name() {
            Some(name) if hard.contains_key(name) => {
                assert_eq!(k.cost.soft, 0, "{name} is hard in ITC-2007");
                *hard.get_mut(name).expect("checked just above") += k.cost.hard;
            }
            Some(name) if soft.contains_key(name) => {
                assert_eq!(k.cost.hard, 0, "{name} is soft in ITC-2007");
                *soft.get_mut(name).expect("checked just above") += k.cost.soft;
            }
            Some(name) => panic!("unexpected ITC-2007 name {name}"),
            None => assert_eq!(k.cost, Default::default(), "{:?} has no ITC-2007 name, so a .ctt problem must not pay for it", k.kind),
        }
    }
    ItcResult { hard, soft, violations: s.cost.hard, cost: s.cost.soft, n_warnings: read.warnings.len() }
}

/// Maps `f` over `items` on a few threads, keeping the order; used to run the checker's processes side by side.
pub fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let n_threads = std::thread::available_parallelism().map_or(2, usize::from).clamp(2, 8);
    let next = AtomicUsize::new(0);
    let mut res: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..n_threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let idx = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(idx) else { break };
                        done.push((idx, f(item)));
                    }
                    done
                })
            })
            .collect();
        // A panic in a worker is a failed assertion; re-raise it with its message.
        workers.into_iter().flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    res.sort_by_key(|(idx, _)| *idx);
    res.into_iter().map(|(_, r)| r).collect()
}
