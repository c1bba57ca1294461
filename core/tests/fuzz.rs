//! Readers never panic: arbitrary bytes, soups of format tokens and mutated real files go into
//! every reader. Whatever a reader accepts must then be usable: an instance converts to a
//! problem, a problem or timetable scores and writes back to an equal value, and whatever it
//! rejects is reported with the file's name.

use std::sync::OnceLock;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, Index};

use horarium_core::formats::{ctt, ctt_solution, fet, json, xhstt};
use horarium_core::{score, Problem, Timetable};

use crate::strategies::config;

/// Above this many lessons a problem is accepted but not scored, to keep the cases fast.
const MAX_SCORED_LESSONS: usize = 5_000;

/// The real files the mutations start from.
struct Seeds {
    /// Texts to mutate, each fed to every reader.
    texts: Vec<String>,
    /// Problems to read solutions against: comp01 and a tiny one.
    problems: Vec<Problem>,
    /// The small FET school and its activities, to read FET's timetables against.
    fet: (Problem, fet::ActivityMap),
}

fn seeds() -> &'static Seeds {
    static SEEDS: OnceLock<Seeds> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let read =
            |path: std::path::PathBuf| std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let comp01_text = read(horarium_fixtures::itc2007_instance("comp01"));
        let comp01 = ctt::parse_instance("comp01.ctt", &comp01_text).and_then(|i| i.to_problem()).unwrap_or_else(|e| panic!("{e}"));
        let tiny_text = read(horarium_fixtures::fixtures_dir().join("ctt/tiny.ctt"));
        let tiny = ctt::parse_instance("tiny.ctt", &tiny_text).and_then(|i| i.to_problem()).unwrap_or_else(|e| panic!("{e}"));
        let solution = read(horarium_fixtures::itc2007_dir().join("solutions/races/comp01.ctt.sol"));
        let tiny_solution = ctt_solution::parse_solution(&tiny, &read(horarium_fixtures::fixtures_dir().join("ctt/tiny.sol"))).timetable;
        let small_fet = read(horarium_fixtures::fixtures_dir().join("fet/small.fet"));
        let fet_school = fet::parse("small.fet", &small_fet, fet::FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        let fet = (fet_school.to_problem("small.fet").unwrap_or_else(|e| panic!("{e}")), fet_school.activities);
        let fet_timetable = read(horarium_fixtures::fixtures_dir().join("fet/small_activities.xml"));
        let small_xhstt = read(horarium_fixtures::fixtures_dir().join("xhstt/small.xml"));
        let texts = vec![
            comp01_text,
            tiny_text,
            solution,
            json::write_problem(&tiny),
            json::write_timetable(&tiny, &tiny_solution),
            small_fet,
            fet_timetable,
            small_xhstt,
        ];
        Seeds { texts, problems: vec![comp01, tiny], fet }
    })
}

/// Feeds `text` to every reader and checks what comes out.
fn feed(text: &str) -> Result<(), TestCaseError> {
    match ctt::parse_instance("fuzz.ctt", text) {
        Ok(instance) => {
            let problem = instance.to_problem().map_err(|e| TestCaseError::fail(format!("accepted but does not convert: {e}\n{text}")))?;
            let again = ctt::parse_instance("again.ctt", &instance.to_text()).ok();
            prop_assert_eq!(again.as_ref(), Some(&instance));
            if problem.lessons().len() <= MAX_SCORED_LESSONS {
                let s = score(&problem, &Timetable::new(&problem));
                prop_assert_eq!(s.cost.hard, problem.lessons().len() as u64, "every lesson unplaced");
            }
        }
        Err(e) => {
            prop_assert!(e.to_string().starts_with("fuzz.ctt:"), "{}", e);
            prop_assert!(e.issues().iter().all(|i| i.line.is_some()), "{:?}", e);
        }
    }
    match json::parse_problem("fuzz.json", text) {
        Ok(problem) => {
            let again = json::parse_problem("again.json", &json::write_problem(&problem)).ok();
            prop_assert_eq!(again.as_ref(), Some(&problem));
            if problem.lessons().len() <= MAX_SCORED_LESSONS {
                score(&problem, &Timetable::new(&problem));
            }
        }
        Err(e) => prop_assert!(e.to_string().starts_with("fuzz.json"), "{}", e),
    }
    for skip_unsupported in [false, true] {
        match fet::parse("fuzz.fet", text, fet::FetOptions { skip_unsupported }) {
            Ok(instance) => {
                if let Ok(problem) = instance.to_problem("fuzz.fet") {
                    if problem.lessons().len() <= MAX_SCORED_LESSONS {
                        score(&problem, &Timetable::new(&problem));
                    }
                }
            }
            Err(e) => prop_assert!(e.to_string().starts_with("fuzz.fet"), "{}", e),
        }
    }
    let (fet_problem, activities) = &seeds().fet;
    match fet::timetable::parse(fet_problem, activities, "fuzz.xml", text) {
        Ok(read) => {
            score(fet_problem, &read.timetable);
        }
        Err(e) => prop_assert!(e.to_string().starts_with("fuzz.xml"), "{}", e),
    }
    match xhstt::parse_archive("fuzz.xml", text) {
        Ok(archive) => {
            // Mapped onto the general model, or refused with reasons; never a panic.
            for instance in &archive.instances {
                if let Ok(mapped) = xhstt::general::to_general(instance) {
                    let _ = horarium_core::Problem::from_def(mapped.problem);
                }
            }
            for group in &archive.solution_groups {
                for solution in &group.solutions {
                    let instance = &archive.instances[solution.instance];
                    // A solution that is no timetable is refused, anything else evaluates; both
                    // write back beside their instance and read again equal.
                    let evaluation = xhstt::evaluate(instance, solution).ok();
                    let to_write =
                        xhstt::GroupToWrite { id: &group.id, metadata: &[], solution, instance, evaluation: evaluation.as_ref() };
                    let written =
                        xhstt::archive_with_solution("fuzz.xml", text, &to_write).map_err(|e| TestCaseError::fail(e.to_string()))?;
                    let again = xhstt::parse_archive("again.xml", &written).map_err(|e| TestCaseError::fail(format!("{e}\n{written}")))?;
                    prop_assert_eq!(&again.solution_groups[0].solutions[0].events, &solution.events);
                }
            }
        }
        Err(e) => prop_assert!(e.to_string().starts_with("fuzz.xml"), "{}", e),
    }
    for problem in &seeds().problems {
        let read = ctt_solution::parse_solution(problem, text);
        score(problem, &read.timetable);
        // Whatever was read writes back and reads again identically, without warnings.
        let written = ctt_solution::write_solution(problem, &read.timetable).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let again = ctt_solution::parse_solution(problem, &written);
        prop_assert!(again.warnings.is_empty(), "{:?}", again.warnings);
        prop_assert_eq!(&again.timetable, &read.timetable);
        if let Ok(timetable) = json::parse_timetable(problem, "fuzz.json", text) {
            score(problem, &timetable);
            let again = json::parse_timetable(problem, "again.json", &json::write_timetable(problem, &timetable)).ok();
            prop_assert_eq!(again.as_ref(), Some(&timetable));
        }
    }
    Ok(())
}

/// Tokens of both formats and awkward numbers, for soups and replacements.
const TOKENS: &[&str] = &[
    "Name:",
    "Courses:",
    "Rooms:",
    "Days:",
    "Periods_per_day:",
    "Curricula:",
    "Constraints:",
    "COURSES:",
    "ROOMS:",
    "CURRICULA:",
    "UNAVAILABILITY_CONSTRAINTS:",
    "END.",
    "Name: X",
    "Days: 5",
    "c0001",
    "c0002",
    "t000",
    "B",
    "C",
    "q000",
    "Alg",
    "Geo",
    "Phy",
    "R1",
    "Q1",
    "0",
    "1",
    "2",
    "3",
    "5",
    "6",
    "7",
    "-1",
    "-0",
    "+1",
    "007",
    "65535",
    "65536",
    "4294967295",
    "4294967296",
    "99999999999999999999",
    "1.5",
    "1e3",
    "x",
    "",
    "\u{e9}",
    "\u{0}",
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "\"",
    "null",
    "true",
    "\"name\":",
    "\"calendar\":",
    "\"days\":",
    "\"periods_per_day\":",
    "\"courses\":",
    "\"lessons\":",
    "\"teachers\":",
    "\"assignments\":",
    "\"course\":",
    "\"day\":",
    "\"period\":",
    "\"room\":",
    "\"lesson\":",
    "\"kind\":",
    "\"level\":",
    "\"hard\"",
    "{\"soft\": 0}",
    "\"Alg\"",
    "\"R1\"",
    "<Duration>2</Duration>",
    "<Duration>0</Duration>",
    "<Time Reference=\"We4\"/>",
    "<Role>Room</Role>",
    "<Maximum>0</Maximum>",
    "<CostFunction>Step</CostFunction>",
    "<Required>true</Required>",
];

/// One edit of a text.
#[derive(Clone, Debug)]
enum Mutation {
    InsertByte(Index, u8),
    DeleteBytes(Index, usize),
    ReplaceByte(Index, u8),
    DeleteLine(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    ReplaceToken(Index, Index, &'static str),
    InsertLine(Index, Vec<&'static str>),
    /// Replaces one run of digits: keeps the structure, changes a count, a day or a capacity.
    ReplaceNumber(Index, &'static str),
    /// Replaces one word (a letter, then letters and digits): keeps the structure, changes a name.
    ReplaceWord(Index, &'static str),
}

/// Numbers for [`Mutation::ReplaceNumber`]: small ones that keep a file valid, and awkward ones.
const NUMBERS: &[&str] =
    &["0", "1", "2", "3", "4", "5", "6", "9", "30", "65535", "65536", "4294967295", "4294967296", "99999999999999999999", "-1", "1.5"];
/// Names for [`Mutation::ReplaceWord`]: names found in the seeds, and others.
const WORDS: &[&str] = &[
    "c0001", "c0002", "c0030", "t000", "t001", "B", "C", "q000", "q001", "Alg", "Geo", "Phy", "Ada", "R1", "R2", "Q1", "hard", "soft",
    "any", "no_room", "only", "Zed", "x",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        1 => (any::<Index>(), any::<u8>()).prop_map(|(at, b)| Mutation::InsertByte(at, b)),
        1 => (any::<Index>(), 1usize..20).prop_map(|(at, n)| Mutation::DeleteBytes(at, n)),
        1 => (any::<Index>(), any::<u8>()).prop_map(|(at, b)| Mutation::ReplaceByte(at, b)),
        1 => any::<Index>().prop_map(Mutation::DeleteLine),
        1 => any::<Index>().prop_map(Mutation::DuplicateLine),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        3 => (any::<Index>(), any::<Index>(), select(TOKENS)).prop_map(|(line, token, with)| Mutation::ReplaceToken(line, token, with)),
        1 => (any::<Index>(), vec(select(TOKENS), 0..6)).prop_map(|(at, tokens)| Mutation::InsertLine(at, tokens)),
        4 => (any::<Index>(), select(NUMBERS)).prop_map(|(at, with)| Mutation::ReplaceNumber(at, with)),
        4 => (any::<Index>(), select(WORDS)).prop_map(|(at, with)| Mutation::ReplaceWord(at, with)),
    ]
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for m in mutations {
        let mut lines: Vec<Vec<u8>> = bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
        match m {
            Mutation::InsertByte(at, b) => bytes.insert(at.index(bytes.len() + 1), *b),
            Mutation::DeleteBytes(at, n) if !bytes.is_empty() => {
                let start = at.index(bytes.len());
                bytes.drain(start..(start + n).min(bytes.len()));
            }
            Mutation::ReplaceByte(at, b) if !bytes.is_empty() => {
                let idx = at.index(bytes.len());
                bytes[idx] = *b;
            }
            Mutation::DeleteLine(at) => {
                lines.remove(at.index(lines.len()));
                bytes = lines.join(&b'\n');
            }
            Mutation::DuplicateLine(at) => {
                let idx = at.index(lines.len());
                lines.insert(idx, lines[idx].clone());
                bytes = lines.join(&b'\n');
            }
            Mutation::SwapLines(a, b) => {
                let n = lines.len();
                lines.swap(a.index(n), b.index(n));
                bytes = lines.join(&b'\n');
            }
            Mutation::ReplaceToken(line, token, with) => {
                let idx = line.index(lines.len());
                let mut tokens: Vec<&[u8]> = lines[idx].split(u8::is_ascii_whitespace).filter(|t| !t.is_empty()).collect();
                if !tokens.is_empty() {
                    let k = token.index(tokens.len());
                    tokens[k] = with.as_bytes();
                }
                lines[idx] = tokens.join(&b' ');
                bytes = lines.join(&b'\n');
            }
            Mutation::InsertLine(at, tokens) => {
                let idx = at.index(lines.len() + 1);
                lines.insert(idx, tokens.join(" ").into_bytes());
                bytes = lines.join(&b'\n');
            }
            Mutation::ReplaceNumber(at, with) => replace_run(&mut bytes, at, with, |b, _| b.is_ascii_digit(), u8::is_ascii_digit),
            Mutation::ReplaceWord(at, with) => replace_run(
                &mut bytes,
                at,
                with,
                |b, prev| b.is_ascii_alphabetic() && !prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == b'_'),
                |b| b.is_ascii_alphanumeric() || *b == b'_',
            ),
            Mutation::DeleteBytes(..) | Mutation::ReplaceByte(..) => {}
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Replaces the `at`-th run of bytes that starts where `starts(byte, previous byte)` and goes on while `goes_on(byte)`.
fn replace_run(bytes: &mut Vec<u8>, at: &Index, with: &str, starts: impl Fn(u8, Option<u8>) -> bool, goes_on: impl Fn(&u8) -> bool) {
    let mut runs = Vec::new();
    let mut idx = 0;
    while idx < bytes.len() {
        if starts(bytes[idx], idx.checked_sub(1).map(|p| bytes[p])) {
            let len = bytes[idx..].iter().take_while(|b| goes_on(b)).count().max(1);
            runs.push((idx, len));
            idx += len;
        } else {
            idx += 1;
        }
    }
    if !runs.is_empty() {
        let (start, len) = runs[at.index(runs.len())];
        bytes.splice(start..start + len, with.bytes());
    }
}

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in vec(any::<u8>(), 0..400)) {
        feed(&String::from_utf8_lossy(&bytes))?;
    }
}

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn token_soups_never_panic(lines in vec(vec(select(TOKENS), 0..7), 0..40)) {
        let text: Vec<String> = lines.iter().map(|l| l.join(" ")).collect();
        feed(&text.join("\n"))?;
    }

    // One mutation keeps a fair share of the files valid (about a quarter of the instances), so
    // the checks on accepted input run too; several mutations reach deeper into the error paths.
    #[test]
    fn mutated_files_never_panic(seed in 0usize..8, mutations in prop_oneof![3 => vec(mutation(), 1..2), 2 => vec(mutation(), 2..6)]) {
        feed(&apply(&seeds().texts[seed], &mutations))?;
    }
}

/// The unmutated seeds are accepted by the readers they were written for, so the mutations
/// start from valid files.
#[test]
fn the_seeds_are_valid() {
    let s = seeds();
    assert!(ctt::parse_instance("comp01.ctt", &s.texts[0]).is_ok());
    assert!(ctt::parse_instance("tiny.ctt", &s.texts[1]).is_ok());
    assert!(ctt_solution::parse_solution(&s.problems[0], &s.texts[2]).warnings.is_empty());
    assert!(json::parse_problem("tiny.json", &s.texts[3]).is_ok());
    assert!(json::parse_timetable(&s.problems[1], "tiny.json", &s.texts[4]).is_ok());
    assert!(fet::parse("small.fet", &s.texts[5], fet::FetOptions::default()).is_ok());
    assert!(fet::timetable::parse(&s.fet.0, &s.fet.1, "small_activities.xml", &s.texts[6]).is_ok());
    assert!(xhstt::parse_archive("small.xml", &s.texts[7]).is_ok());
    for text in &s.texts {
        feed(text).unwrap_or_else(|e| panic!("{e}"));
    }
}
