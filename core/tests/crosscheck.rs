//! The scorer agrees, component by component, with the independent checker `ctt_validate.py`.
//!
//! Two sets of timetables: every reference solution shipped with the ITC-2007 instances (whose
//! costs are also published in `reference_costs.csv`), and a few hundred random, mostly
//! infeasible timetables over comp01 to comp21 with missing, surplus, clashing, unavailable,
//! repeated and malformed lines. The checker defines the truth; a disagreement is a scorer bug.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use horarium_core::formats::ctt::{self, CttInstance};
use horarium_core::formats::read_problem;
use horarium_core::Problem;

use crate::common::{checker, ours, parallel_map, ItcResult, SplitMix64, TempFile, ITC_HARD, ITC_SOFT};

/// An instance with what the generator needs to know about it.
struct Instance {
    name: String,
    path: PathBuf,
    ctt: CttInstance,
    problem: Problem,
    /// The race solution, for comp01 to comp07.
    reference: Option<String>,
}

fn load(name: &str) -> Instance {
    let path = horarium_fixtures::itc2007_dir().join(format!("{name}.ctt"));
    let ctt = ctt::read_instance(&path).unwrap_or_else(|e| panic!("{e}"));
    let problem = read_problem(&path).unwrap_or_else(|e| panic!("{e}"));
    let reference = std::fs::read_to_string(horarium_fixtures::itc2007_dir().join(format!("solutions/races/{name}.ctt.sol"))).ok();
    Instance { name: name.to_owned(), path, ctt, problem, reference }
}

/// The published components of one reference solution, in the checker's shape (no warnings).
fn reference_costs() -> BTreeMap<String, (String, ItcResult)> {
    let path = horarium_fixtures::itc2007_dir().join("solutions/reference_costs.csv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut lines = text.lines();
    let header = lines.next().expect("the CSV has a header");
    assert!(
        header.starts_with(
            "solution_file,instance_file,lectures_viol,conflicts_viol,availability_viol,room_occupation_viol,room_capacity_cost"
        ),
        "unexpected header {header}"
    );
    let mut res = BTreeMap::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(fields.len(), 11, "bad CSV line {line}");
        let n: Vec<u64> = fields[2..].iter().map(|f| f.parse().unwrap_or_else(|_| panic!("bad number {f} in {line}"))).collect();
        let hard: BTreeMap<String, u64> = ITC_HARD.iter().zip(&n[0..4]).map(|(k, v)| ((*k).to_owned(), *v)).collect();
        let soft: BTreeMap<String, u64> = ITC_SOFT.iter().zip(&n[4..8]).map(|(k, v)| ((*k).to_owned(), *v)).collect();
        let violations = hard.values().sum();
        let costs = ItcResult { hard, soft, violations, cost: n[8], n_warnings: 0 };
        res.insert(fields[0].to_owned(), (fields[1].to_owned(), costs));
    }
    res
}

#[test]
fn reference_solutions_agree_with_the_checker_and_the_published_costs() {
    let dir = horarium_fixtures::itc2007_dir();
    let mut files = Vec::new();
    for sub in ["solutions/races", "solutions/tests"] {
        let entries = std::fs::read_dir(dir.join(sub)).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.join(sub).display()));
        for entry in entries {
            let name = entry.expect("a directory entry").file_name().to_string_lossy().into_owned();
            files.push(format!("{sub}/{name}"));
        }
    }
    files.sort();
    let published = reference_costs();
    assert_eq!(
        files.iter().cloned().collect::<BTreeSet<_>>(),
        published.keys().cloned().collect::<BTreeSet<_>>(),
        "every solution file has a published cost and vice versa"
    );
    assert_eq!(files.len(), 12);

    let results = parallel_map(&files, |file| {
        // `races/comp01.ctt.sol`, `tests/comp01.ctt.sol.57`: the instance is the name up to `.ctt`.
        let base = file.rsplit('/').next().expect("a file name");
        let instance = base.split(".ctt").next().expect("a name before .ctt");
        let instance_path = dir.join(format!("{instance}.ctt"));
        let solution_path = dir.join(file);
        let problem = read_problem(&instance_path).unwrap_or_else(|e| panic!("{e}"));
        let text = std::fs::read_to_string(&solution_path).unwrap_or_else(|e| panic!("cannot read {}: {e}", solution_path.display()));
        (format!("{instance}.ctt"), checker(&instance_path, &solution_path), ours(&problem, &text))
    });
    for (file, (instance, truth, mine)) in files.iter().zip(results) {
        let (published_instance, published) = &published[file];
        assert_eq!(&instance, published_instance, "{file}");
        assert_eq!(mine, truth, "{file}: our score (left) differs from the checker (right)");
        assert_eq!(&truth, published, "{file}: the checker (left) differs from reference_costs.csv (right)");
        assert_eq!(truth.violations, 0, "{file}: the reference solutions are feasible");
    }
}

/// Generates a few hundred timetables over comp01 to comp21 (and the two toy instances) and
/// compares every component, the totals and the number of skipped lines.
#[test]
fn random_timetables_agree_with_the_checker() {
    let mut names: Vec<String> = horarium_fixtures::ITC2007.iter().map(|s| (*s).to_owned()).collect();
    names.extend(["toy".to_owned(), "toytoy".to_owned()]);
    let instances: Vec<Instance> = names.iter().map(|n| load(n)).collect();

    let mut cases: Vec<(usize, String)> = Vec::new();
    for (idx, inst) in instances.iter().enumerate() {
        let n_cases = if inst.name.starts_with("comp") { 10 } else { 6 };
        for case in 0..n_cases {
            let mut rng = SplitMix64::new(0x5eed_0000 + (idx as u64) * 1000 + case);
            cases.push((idx, random_solution(&mut rng, inst)));
        }
    }
    assert!(cases.len() >= 200);

    let results = parallel_map(&cases, |(idx, text)| {
        let inst = &instances[*idx];
        let file = TempFile::new(&format!("{}.sol", inst.name), text);
        (checker(&inst.path, file.path()), ours(&inst.problem, text))
    });

    let mut n_infeasible = 0;
    let mut n_with_warnings = 0;
    let mut exercised: BTreeMap<&str, usize> = BTreeMap::new();
    for ((idx, text), (truth, mine)) in cases.iter().zip(&results) {
        let inst = &instances[*idx];
        assert_eq!(mine, truth, "{}: our score (left) differs from the checker (right) on this solution:\n{text}", inst.name);
        n_infeasible += usize::from(truth.violations > 0);
        n_with_warnings += usize::from(truth.n_warnings > 0);
        for name in ITC_HARD.iter().chain(&ITC_SOFT) {
            *exercised.entry(name).or_default() += usize::from(truth.component(name) > 0);
        }
    }
    // The generator must keep producing the cases it was written for, or the agreement above means little.
    assert!(n_infeasible * 2 > cases.len(), "only {n_infeasible} of {} timetables are infeasible", cases.len());
    assert!(n_infeasible < cases.len(), "no feasible timetable was generated");
    assert!(n_with_warnings >= 20, "only {n_with_warnings} timetables have skipped lines");
    for (name, n) in exercised {
        assert!(n >= 10, "only {n} timetables have a nonzero {name}");
    }
}

/// One placed lecture: `course room day period`.
#[derive(Clone)]
struct Line {
    course: String,
    room: String,
    day: usize,
    period: usize,
}

/// A random timetable in the competition format.
///
/// It starts from the race solution (when there is one) or from random placements, then applies
/// a few mutations that each provoke one kind of violation, and finally mixes in malformed lines.
fn random_solution(rng: &mut SplitMix64, inst: &Instance) -> String {
    let ctt = &inst.ctt;
    let (days, ppd) = (usize::from(ctt.days), usize::from(ctt.periods_per_day));
    let rooms: Vec<&str> = ctt.rooms.iter().map(|r| r.name.as_str()).collect();
    let courses: Vec<&str> = ctt.courses.iter().map(|c| c.name.as_str()).collect();
    let random_line = |rng: &mut SplitMix64, course: &str| Line {
        course: course.to_owned(),
        room: (*rng.pick(&rooms)).to_owned(),
        day: rng.below(days),
        period: rng.below(ppd),
    };

    let mut lines: Vec<Line> = match (&inst.reference, rng.below(10)) {
        (_, 0) => Vec::new(),
        (Some(reference), 1..=6) => reference
            .lines()
            .filter_map(|l| match l.split_whitespace().collect::<Vec<_>>()[..] {
                [c, r, d, p] => Some(Line { course: c.to_owned(), room: r.to_owned(), day: d.parse().ok()?, period: p.parse().ok()? }),
                _ => None,
            })
            .collect(),
        _ => ctt
            .courses
            .iter()
            .flat_map(|c| std::iter::repeat_n(c.name.as_str(), c.lectures as usize))
            .map(|c| random_line(rng, c))
            .collect(),
    };

    // Pairs of courses that must not meet together: same curriculum or same teacher.
    let mut related: Vec<(&str, &str)> = Vec::new();
    for q in &ctt.curricula {
        for (i, a) in q.courses.iter().enumerate() {
            related.extend(q.courses[i + 1..].iter().map(|b| (a.as_str(), b.as_str())));
        }
    }
    for (i, a) in ctt.courses.iter().enumerate() {
        related.extend(ctt.courses[i + 1..].iter().filter(|b| b.teacher == a.teacher).map(|b| (a.name.as_str(), b.name.as_str())));
    }

    let n_mutations = rng.below(9);
    for _ in 0..n_mutations {
        match rng.below(10) {
            // A missing lecture.
            0 if !lines.is_empty() => {
                let idx = rng.below(lines.len());
                lines.remove(idx);
            }
            // A lecture beyond the course's count (or a repeated period, when the slot is taken).
            1 => {
                let course = *rng.pick(&courses);
                lines.push(random_line(rng, course));
            }
            // Two lectures in one room and period.
            2 if lines.len() >= 2 => {
                let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                let Line { room, day, period, .. } = lines[a].clone();
                lines[b] = Line { course: lines[b].course.clone(), room, day, period };
            }
            // Two courses of one curriculum or teacher in one period.
            3 if !related.is_empty() => {
                let &(a, b) = rng.pick(&related);
                let (day, period) = match lines.iter().find(|l| l.course == a) {
                    Some(l) => (l.day, l.period),
                    None => {
                        let l = random_line(rng, a);
                        let slot = (l.day, l.period);
                        lines.push(l);
                        slot
                    }
                };
                let room = (*rng.pick(&rooms)).to_owned();
                match lines.iter_mut().find(|l| l.course == b) {
                    Some(l) => (l.day, l.period) = (day, period),
                    None => lines.push(Line { course: b.to_owned(), room, day, period }),
                }
            }
            // A lecture in a period where its course is unavailable.
            4 if !ctt.unavailability.is_empty() => {
                let u = rng.pick(&ctt.unavailability);
                let (day, period) = (usize::from(u.day), usize::from(u.period));
                let room = (*rng.pick(&rooms)).to_owned();
                match lines.iter_mut().find(|l| l.course == u.course) {
                    Some(l) if rng.chance(2, 3) => (l.day, l.period) = (day, period),
                    _ => lines.push(Line { course: u.course.clone(), room, day, period }),
                }
            }
            // The same (course, period) twice, in the same or another room.
            5 if !lines.is_empty() => {
                let mut copy = lines[rng.below(lines.len())].clone();
                if rng.chance(1, 2) {
                    copy.room = (*rng.pick(&rooms)).to_owned();
                }
                let at = rng.below(lines.len() + 1);
                lines.insert(at, copy);
            }
            // A lecture moved anywhere.
            6 if !lines.is_empty() => {
                let idx = rng.below(lines.len());
                let course = lines[idx].course.clone();
                lines[idx] = random_line(rng, &course);
            }
            // Rooms swapped between two lectures of one period: feasibility kept, soft costs changed.
            7 if !lines.is_empty() => {
                let a = rng.below(lines.len());
                let partner = (0..lines.len()).find(|&b| b != a && lines[b].day == lines[a].day && lines[b].period == lines[a].period);
                if let Some(b) = partner {
                    let room = lines[a].room.clone();
                    lines[a].room = std::mem::replace(&mut lines[b].room, room);
                }
            }
            // All lectures of a course crammed into one day.
            8 => {
                let course = *rng.pick(&courses);
                let day = rng.below(days);
                for (k, l) in lines.iter_mut().filter(|l| l.course == course).enumerate() {
                    (l.day, l.period) = (day, k % ppd);
                }
            }
            // A course moved to a single room.
            _ => {
                let course = *rng.pick(&courses);
                let room = (*rng.pick(&rooms)).to_owned();
                for l in lines.iter_mut().filter(|l| l.course == course) {
                    l.room = room.clone();
                }
            }
        }
    }
    if rng.chance(1, 3) {
        rng.shuffle(&mut lines);
    }

    let mut text: Vec<String> = lines
        .iter()
        .map(|l| match rng.below(12) {
            0 => format!("{}\t{}\t{}\t{}", l.course, l.room, l.day, l.period),
            1 => format!("  {}   {} {}  {}  ", l.course, l.room, l.day, l.period),
            _ => format!("{} {} {} {}", l.course, l.room, l.day, l.period),
        })
        .collect();
    if rng.chance(1, 3) {
        for _ in 0..=rng.below(4) {
            let bad = malformed_line(rng, inst, &courses, &rooms);
            let at = rng.below(text.len() + 1);
            text.insert(at, bad);
        }
    }
    if rng.chance(1, 6) && !text.is_empty() {
        let at = rng.below(text.len());
        text.insert(at, String::new());
    }
    // Mostly Unix line ends, sometimes DOS ones or the lone CR of classic Mac OS.
    let line_end = match rng.below(10) {
        0 => "\r\n",
        1 => "\r",
        _ => "\n",
    };
    let mut res = text.join(line_end);
    if rng.chance(4, 5) {
        res.push_str(line_end);
    }
    res
}

/// A line the checker skips with a warning, or an odd but valid one.
fn malformed_line(rng: &mut SplitMix64, inst: &Instance, courses: &[&str], rooms: &[&str]) -> String {
    let (days, ppd) = (usize::from(inst.ctt.days), usize::from(inst.ctt.periods_per_day));
    let course = *rng.pick(courses);
    let room = *rng.pick(rooms);
    let (day, period) = (rng.below(days), rng.below(ppd));
    match rng.below(16) {
        0 => format!("NoSuchCourse {room} {day} {period}"),
        1 => format!("{course} NoSuchRoom {day} {period}"),
        2 => format!("{course} {room} {days} {period}"),
        3 => format!("{course} {room} {day} {ppd}"),
        4 => format!("{course} {room} -1 {period}"),
        5 => format!("{course} {room} {day} 99999999999999999999"),
        6 => format!("{course} {room} {day}"),
        7 => format!("{course} {room} {day} {period} extra"),
        8 => format!("{course} {room} x {period}"),
        9 => format!("{course} {room} {day} 1.5"),
        10 => format!("{course} {room} {day}a {period}"),
        11 => course.to_string(),
        12 => format!("{course} {room} 65536 {period}"),
        // Odd spellings of valid integers, which both readers accept.
        13 => format!("{course} {room} +{day} {period}"),
        14 => format!("{course} {room} 00{day} {period}"),
        _ => format!("{course}\t{room}  {day}\t {period}"),
    }
}
