//! The binding in plain Rust: read, solve, score, render and generate, with JSON text in and out.
//!
//! Nothing here touches JavaScript, so it builds and is tested natively; `lib.rs` only wraps each
//! function for wasm-bindgen, turning the `String` errors into JavaScript exceptions and the
//! progress callback into a call of a JavaScript function.

use std::num::NonZeroU32;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use horarium::formats::{ctt, ctt_solution, fet, json};
use horarium::generate::{self, SchoolOptions};
use horarium::render::{self, Owner as GridOwner};
use horarium::report::{AnalysisReport, ResolveReport, ScoreReport, SolveParameters, SolveReport};
use horarium::{analysis, score, Cost, GroupId, Problem, Progress, RoomId, Score, SolveOptions, TeacherId, Timetable};
use serde::Serialize;

/// The most classes [`generate_school`] accepts: the generator's largest tested size.
pub const MAX_CLASSES: u32 = 1000;

/// Reads a problem: Horarium JSON when the file name ends in `.json`, ITC-2007 `.ctt` when it ends
/// in `.ctt`, FET when it ends in `.fet` (its unsupported constraint types refused with their
/// list), and otherwise JSON when the text starts with `{`.
pub fn read_problem(file_name: &str, text: &str) -> Result<Problem, String> {
    let lower = file_name.to_ascii_lowercase();
    if lower.ends_with(".fet") {
        let read = fet::parse(file_name, text, fet::FetOptions::default()).and_then(|instance| instance.to_problem(file_name));
        return read.map_err(|e| e.to_string());
    }
    let is_json = if lower.ends_with(".json") {
        true
    } else if lower.ends_with(".ctt") {
        false
    } else {
        text.trim_start().starts_with('{')
    };
    let read =
        if is_json { json::parse_problem(file_name, text) } else { ctt::parse_instance(file_name, text).and_then(|i| i.to_problem()) };
    read.map_err(|e| e.to_string())
}

/// Reads a timetable of `problem` in Horarium's JSON (as [`SolveResult::timetable`] holds it).
pub fn read_timetable(problem: &Problem, text: &str) -> Result<Timetable, String> {
    json::parse_timetable(problem, "timetable.json", text).map_err(|e| e.to_string())
}

/// Reads an earlier timetable in Horarium's JSON for a problem that may have changed since: what
/// no longer fits it (a course or room removed, a week shortened) is left out.
pub fn read_timetable_keeping_valid(problem: &Problem, text: &str) -> Result<Timetable, String> {
    let def: json::TimetableDef = serde_json::from_str(text).map_err(|e| format!("timetable.json: not a timetable in JSON: {e}"))?;
    Ok(json::timetable_from_def_keeping_valid(problem, &def).0)
}

/// What the app shows of a problem before solving it.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// The problem's name.
    pub name: String,
    /// Days in the week.
    pub days: u16,
    /// Periods in a day.
    pub periods_per_day: u16,
    /// Counts.
    pub teachers: usize,
    /// Groups (classes and their subgroups).
    pub groups: usize,
    /// Rooms.
    pub rooms: usize,
    /// Courses.
    pub courses: usize,
    /// Lessons.
    pub lessons: usize,
    /// Constraints.
    pub constraints: usize,
    /// Everything that has a week grid, as `render::html` names its sections.
    pub owners: Vec<Owner>,
}

/// A group, teacher or room that has a week grid.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Owner {
    /// `class-3`, `teacher-0`, `room-12`: the id of its grid's section in [`render_html`]'s page.
    pub id: String,
    /// `class`, `teacher` or `room`.
    pub kind: &'static str,
    /// Its name.
    pub name: String,
    /// For a group, how many groups it is part of (0 for a class); 0 otherwise.
    pub depth: usize,
}

/// The summary of a problem.
pub fn summary(problem: &Problem) -> Summary {
    let mut owners = Vec::new();
    for (g, group) in problem.groups().iter().enumerate() {
        let depth = std::iter::successors(group.parents.first().copied(), |&p| problem.group(p).parents.first().copied())
            .take(problem.groups().len())
            .count();
        owners.push(Owner { id: format!("class-{g}"), kind: "class", name: group.name.clone(), depth });
    }
    for (t, teacher) in problem.teachers().iter().enumerate() {
        owners.push(Owner { id: format!("teacher-{t}"), kind: "teacher", name: teacher.name.clone(), depth: 0 });
    }
    for (r, room) in problem.rooms().iter().enumerate() {
        owners.push(Owner { id: format!("room-{r}"), kind: "room", name: room.name.clone(), depth: 0 });
    }
    let calendar = problem.calendar();
    Summary {
        name: problem.name().to_owned(),
        days: calendar.days,
        periods_per_day: calendar.periods_per_day,
        teachers: problem.teachers().len(),
        groups: problem.groups().len(),
        rooms: problem.rooms().len(),
        courses: problem.courses().len(),
        lessons: problem.lessons().len(),
        constraints: problem.constraints().len(),
        owners,
    }
}

/// Parses an owner id of [`Summary::owners`] (`class-3`, `teacher-0`, `room-12`) and checks that
/// it exists in `problem`.
pub fn parse_owner(problem: &Problem, id: &str) -> Result<GridOwner, String> {
    let bad = || format!("unknown timetable owner {id:?}: expected class-N, teacher-N or room-N");
    let (kind, index) = id.rsplit_once('-').ok_or_else(bad)?;
    let index: usize = index.parse().map_err(|_| bad())?;
    let (owner, count) = match kind {
        "class" => (GridOwner::Group(GroupId::from_index(index)), problem.groups().len()),
        "teacher" => (GridOwner::Teacher(TeacherId::from_index(index)), problem.teachers().len()),
        "room" => (GridOwner::Room(RoomId::from_index(index)), problem.rooms().len()),
        _ => return Err(bad()),
    };
    if index < count {
        Ok(owner)
    } else {
        Err(bad())
    }
}

/// Runs the pre-analysis: every reason found why the problem cannot be solved without hard violations.
pub fn analyze(problem: &Problem) -> AnalysisReport {
    AnalysisReport::new(problem, &analysis::check(problem))
}

/// What a search asks for.
#[derive(Clone, Debug, Default)]
pub struct SolveRequest {
    /// Seed of the search.
    pub seed: u64,
    /// Wall-clock limit; `None` for none (then `max_iterations` must be set).
    pub time_limit: Option<Duration>,
    /// Limit on moves tried.
    pub max_iterations: Option<u64>,
    /// A timetable to start from.
    pub initial: Option<Timetable>,
}

impl SolveRequest {
    /// The options of one search (a browser worker has one thread), which stops at a cost of zero;
    /// the bounds are core's.
    fn options(&self) -> Result<SolveOptions, String> {
        let parameters = SolveParameters {
            time_limit: self.time_limit.map(|t| t.as_secs_f64()),
            iterations: self.max_iterations,
            target: Some(Cost::default()),
            seed: self.seed,
            threads: 1,
        };
        let mut options = SolveOptions::new(&parameters).map_err(|e| e.to_string())?;
        options.initial.clone_from(&self.initial);
        Ok(options)
    }
}

/// Searches on the calling thread, calling `on_progress` about five times a second and at every
/// improvement; when it returns `true` the search stops and returns its best timetable. The
/// search also stops at a cost of zero.
pub fn solve(problem: &Problem, request: SolveRequest, on_progress: impl FnMut(&Progress) -> bool) -> Result<SolveReport, String> {
    let mut options = request.options()?;
    let on_progress = stop_when(&mut options, on_progress);
    let solution = horarium::solve_with_progress(problem, &options, on_progress);
    Ok(solution.report(problem))
}

/// Re-solves `problem` from the timetable `old`, at `move_cost` per moved lesson (see
/// `horarium::resolve`), with the same stops as [`solve`].
pub fn resolve(
    problem: &Problem,
    old: &Timetable,
    move_cost: u32,
    request: SolveRequest,
    on_progress: impl FnMut(&Progress) -> bool,
) -> Result<ResolveReport, String> {
    let move_cost = NonZeroU32::new(move_cost).ok_or("the cost of moving a lesson must be at least 1")?;
    let mut options = request.options()?;
    let on_progress = stop_when(&mut options, on_progress);
    let again = horarium::resolve::resolve(problem, old, move_cost, &options, on_progress);
    Ok(again.report(problem))
}

/// Gives `options` a cancellation flag, and returns a progress callback that sets it when
/// `on_progress` answers `true`.
fn stop_when(options: &mut SolveOptions, mut on_progress: impl FnMut(&Progress) -> bool) -> impl FnMut(&Progress) {
    let cancel = Arc::new(AtomicBool::new(false));
    options.cancel = Some(Arc::clone(&cancel));
    move |p| {
        if on_progress(p) {
            cancel.store(true, Ordering::Relaxed);
        }
    }
}

/// A score as the app shows it: the engine's report and how many lessons are placed.
#[derive(Debug, Serialize)]
pub struct ScoreSummary {
    /// Lessons placed.
    pub placed: usize,
    /// Lessons in all.
    pub lessons: usize,
    /// The score: totals, breakdown by kind and every violation.
    #[serde(flatten)]
    pub report: ScoreReport,
}

/// Scores a timetable and sums it up.
pub fn score_summary(problem: &Problem, timetable: &Timetable) -> ScoreSummary {
    summarize(problem, timetable, &score(problem, timetable))
}

fn summarize(problem: &Problem, timetable: &Timetable, score: &Score) -> ScoreSummary {
    ScoreSummary {
        placed: problem.lessons().len() - timetable.n_unplaced(),
        lessons: problem.lessons().len(),
        report: ScoreReport::new(problem, score),
    }
}

/// Reads a timetable in the ITC-2007 solution format (`course room day period` lines), skipping
/// malformed lines as the competition's validator does, and returns it in Horarium JSON's model
/// with the warnings.
pub fn read_ctt_solution(problem: &Problem, text: &str) -> (json::TimetableDef, Vec<String>) {
    let read = ctt_solution::parse_solution(problem, text);
    (json::timetable_to_def(problem, &read.timetable), read.warnings.iter().map(ToString::to_string).collect())
}

/// The timetable as `render::html`'s self-contained page, with the score it shows.
pub fn render_html(problem: &Problem, timetable: &Timetable) -> (String, ScoreSummary) {
    let score = score(problem, timetable);
    (render::html(problem, timetable, &score), summarize(problem, timetable, &score))
}

/// The timetable as `render::csv`'s table.
pub fn render_csv(problem: &Problem, timetable: &Timetable) -> String {
    render::csv(problem, timetable, &score(problem, timetable))
}

/// The timetable as `render::ics`'s iCalendar file: every placed lesson of `owner` (a
/// [`Summary::owners`] id), or of everyone when `owner` is empty, stamped `dtstamp`
/// (`YYYYMMDDTHHMMSSZ`, or `render::DEFAULT_DTSTAMP` when empty).
pub fn render_ics(problem: &Problem, timetable: &Timetable, owner: &str, dtstamp: &str) -> Result<String, String> {
    let owner = if owner.is_empty() { None } else { Some(parse_owner(problem, owner)?) };
    let dtstamp = if dtstamp.is_empty() { render::DEFAULT_DTSTAMP } else { dtstamp };
    render::check_dtstamp(dtstamp)?;
    Ok(render::ics(problem, timetable, &score(problem, timetable), owner, dtstamp))
}

/// A generated school (see `horarium::generate::school`) as Horarium JSON.
pub fn generate_school(classes: u32, seed: u64) -> Result<String, String> {
    if classes == 0 || classes > MAX_CLASSES {
        return Err(format!("a generated school has 1 to {MAX_CLASSES} classes, not {classes}"));
    }
    let school = generate::school(&SchoolOptions { classes: classes as usize, seed });
    Ok(json::write_problem(&school.problem))
}

/// JSON text of a serializable value.
pub fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("the binding's records serialize")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use horarium::SolveStatus;

    pub(crate) const TINY: &str = include_str!("../../../fixtures/ctt/tiny.ctt");
    pub(crate) const SMALL: &str = include_str!("../../../fixtures/json/school-small.json");

    #[test]
    fn fet_files_are_read_by_their_extension() {
        let problem = read_problem("small.fet", include_str!("../../../fixtures/fet/small.fet")).unwrap();
        assert_eq!(problem.name(), "Small FET school");
        assert!(read_problem("bad.fet", "<fet>").unwrap_err().contains("bad.fet:1: not well-formed XML"));
    }

    #[test]
    fn problems_are_read_by_file_name_or_by_their_first_character() {
        assert_eq!(read_problem("tiny.ctt", TINY).unwrap().name(), "Tiny");
        assert_eq!(read_problem("TINY.CTT", TINY).unwrap().name(), "Tiny");
        let small = read_problem("school-small.json", SMALL).unwrap();
        assert_eq!(read_problem("upload", SMALL).unwrap().lessons().len(), small.lessons().len());
        assert_eq!(read_problem("upload", TINY).unwrap().name(), "Tiny");
        let err = read_problem("broken.json", "{\"name\": 3}").unwrap_err();
        assert!(err.contains("broken.json"), "{err}");
        let err = read_problem("broken.ctt", "Name: x\n").unwrap_err();
        assert!(err.contains("broken.ctt"), "{err}");
    }

    #[test]
    fn the_summary_names_every_grid_as_the_html_page_does() {
        let problem = read_problem("school-small.json", SMALL).unwrap();
        let s = summary(&problem);
        assert_eq!(s.owners.len(), s.groups + s.teachers + s.rooms);
        assert_eq!(s.owners[0].id, "class-0");
        let page = render_html(&problem, &Timetable::new(&problem)).0;
        for owner in &s.owners {
            assert!(page.contains(&format!("id=\"{}\"", owner.id)), "{}", owner.id);
            assert!(parse_owner(&problem, &owner.id).is_ok());
        }
        assert!(s.owners.iter().any(|o| o.depth > 0), "the small school has subgroups");
        for bad in ["", "class", "class-x", "course-0", &format!("room-{}", s.rooms)] {
            assert!(parse_owner(&problem, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_solve_reports_progress_and_can_be_stopped_from_the_callback() {
        let problem = read_problem("school-small.json", SMALL).unwrap();
        let request = SolveRequest { seed: 3, time_limit: None, max_iterations: Some(200_000), initial: None };
        let mut reports = 0;
        let result = solve(&problem, request, |_| {
            reports += 1;
            true
        })
        .unwrap();
        assert!(reports >= 1);
        // Stopped at the first report: far fewer moves than allowed (unless the target was met).
        assert!(matches!(result.status, SolveStatus::Cancelled | SolveStatus::TargetReached), "{}", result.status);
        assert!(result.statistics.moves_tried < 200_000);
        // The timetable returned reads back with the cost reported.
        let text = to_json(&result.timetable);
        let timetable = read_timetable(&problem, &text).unwrap();
        assert_eq!(score_summary(&problem, &timetable).report.cost, result.score.cost);
    }

    #[test]
    fn a_solve_of_the_tiny_instance_reaches_no_hard_violation_and_repeats_with_its_seed() {
        let problem = read_problem("tiny.ctt", TINY).unwrap();
        let run = |seed| {
            let request = SolveRequest { seed, time_limit: None, max_iterations: Some(20_000), initial: None };
            solve(&problem, request, |_| false).unwrap()
        };
        let (a, b) = (run(5), run(5));
        assert_eq!(a.score.cost.hard, 0);
        assert!(matches!(a.status, SolveStatus::IterationLimit | SolveStatus::TargetReached), "{}", a.status);
        assert_eq!(to_json(&a.timetable), to_json(&b.timetable));
        assert!(solve(&problem, SolveRequest::default(), |_| false).is_err(), "no limit at all");
    }

    #[test]
    fn a_warm_start_is_accepted() {
        let problem = read_problem("tiny.ctt", TINY).unwrap();
        let first = solve(&problem, SolveRequest { seed: 1, max_iterations: Some(5_000), ..SolveRequest::default() }, |_| false).unwrap();
        let initial = read_timetable(&problem, &to_json(&first.timetable)).unwrap();
        let again = SolveRequest { seed: 2, max_iterations: Some(5_000), initial: Some(initial), ..SolveRequest::default() };
        assert!(solve(&problem, again, |_| false).unwrap().score.cost <= first.score.cost);
    }

    #[test]
    fn scores_pages_and_tables_agree() {
        let problem = read_problem("school-small.json", SMALL).unwrap();
        let empty = Timetable::new(&problem);
        let summary = score_summary(&problem, &empty);
        assert_eq!(summary.placed, 0);
        assert_eq!(summary.report.cost.hard, summary.lessons as u64, "every lesson unplaced");
        assert_eq!(summary.report.breakdown.values().map(|k| k.hard).sum::<u64>(), summary.report.cost.hard);
        assert_eq!(summary.report.breakdown[&horarium::Kind::Unplaced].violations, summary.lessons);
        let (page, from_page) = render_html(&problem, &empty);
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert_eq!(from_page.report.cost, summary.report.cost);
        assert_eq!(render_csv(&problem, &empty).lines().count(), 1, "the header alone");
        let witness = read_timetable(&problem, include_str!("../../../fixtures/json/school-small.timetable.json")).unwrap();
        assert_eq!(render_csv(&problem, &witness).lines().count(), 1 + problem.lessons().len() - witness.n_unplaced());
    }

    #[test]
    fn a_resolve_from_the_problems_own_timetable_moves_nothing_and_a_changed_one_lists_its_moves() {
        let problem = read_problem("tiny.ctt", TINY).unwrap();
        let request = || SolveRequest { seed: 3, max_iterations: Some(20_000), ..SolveRequest::default() };
        let first = solve(&problem, request(), |_| false).unwrap();
        let old = read_timetable(&problem, &to_json(&first.timetable)).unwrap();
        let again = resolve(&problem, &old, 10, request(), |_| false).unwrap();
        assert!(again.moved.is_empty(), "{:?}", again.moved);
        assert_eq!(again.solve.score.cost, first.score.cost);
        let mut emptier = old.clone();
        emptier.set(horarium::LessonId::from_index(0), None).unwrap();
        let refilled = resolve(&problem, &emptier, 10, request(), |_| false).unwrap();
        assert_eq!(refilled.solve.score.cost.hard, 0);
        assert!(refilled.moved.iter().any(|m| m.from.is_none() && m.to.is_some()), "the unplaced lesson is placed again");
        assert!(resolve(&problem, &old, 0, request(), |_| false).is_err(), "a move must cost something");
    }

    #[test]
    fn solutions_in_the_competition_format_are_read_with_their_warnings() {
        let problem = read_problem("tiny.ctt", TINY).unwrap();
        let (def, warnings) = read_ctt_solution(&problem, "Alg R1 0 0\nnot a line\n");
        assert_eq!(def.assignments.len(), 1);
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn calendars_are_asked_for_by_owner_id_and_their_dtstamp_is_checked() {
        let problem = read_problem("school-small.json", SMALL).unwrap();
        let witness = read_timetable(&problem, include_str!("../../../fixtures/json/school-small.timetable.json")).unwrap();
        let events = |text: &str| text.matches("BEGIN:VEVENT\r\n").count();
        let all = render_ics(&problem, &witness, "", "").unwrap();
        assert_eq!(events(&all), problem.lessons().len() - witness.n_unplaced());
        assert!(all.contains(&format!("DTSTAMP:{}\r\n", render::DEFAULT_DTSTAMP)));
        let teacher = render_ics(&problem, &witness, "teacher-0", "20261122T101500Z").unwrap();
        let name = &problem.teachers()[0].name;
        let unfolded = teacher.replace("\r\n ", "");
        let title = unfolded.lines().find_map(|l| l.strip_prefix("X-WR-CALNAME:")).unwrap();
        assert!(title.ends_with(&format!(" - {name}")), "{title}");
        assert!(teacher.contains("DTSTAMP:20261122T101500Z\r\n"));
        assert!((1..events(&all)).contains(&events(&teacher)));
        let owner = Some(parse_owner(&problem, "teacher-0").unwrap());
        assert_eq!(teacher, render::ics(&problem, &witness, &score(&problem, &witness), owner, "20261122T101500Z"));
        assert!(render_ics(&problem, &witness, "teacher-999", "").unwrap_err().contains("teacher-999"));
        assert!(render_ics(&problem, &witness, "", "2026-11-22").unwrap_err().contains("2026-11-22"));
    }

    #[test]
    fn generated_schools_read_back_and_sizes_are_checked() {
        let text = generate_school(3, 1).unwrap();
        let problem = read_problem("school.json", &text).unwrap();
        assert_eq!(problem.name(), "school-3-classes-seed-1");
        assert!(analyze(&problem).reasons.is_empty());
        assert!(generate_school(0, 1).is_err());
        assert!(generate_school(MAX_CLASSES + 1, 1).is_err());
    }

    #[test]
    fn the_analysis_lists_its_reasons() {
        let text = r#"{"name": "tiny", "calendar": {"days": 1, "periods_per_day": 2},
          "teachers": [{"name": "Ada"}], "rooms": [{"name": "R", "capacity": 30}],
          "courses": [{"name": "Maths", "teachers": ["Ada"], "lessons": 3}],
          "constraints": [{"kind": "clashes", "level": "hard"}]}"#;
        let problem = read_problem("t.json", text).unwrap();
        let report = analyze(&problem);
        assert!(!report.feasible);
        assert_eq!(report.reasons[0].message, "teacher Ada has 3 periods of lessons but can teach in only 2 slots");
    }
}
