//! `horarium::render` and `horarium render`: every group, teacher and room gets a rectangular week
//! grid with each lesson once, several periods as one cell, parallel lessons side by side, and
//! violations explained; names are escaped; the CSV has one row per placed lesson; the iCalendar
//! file of a teacher, group or room has one event per placed lesson of theirs; the command writes
//! its file and fails cleanly on a missing one or an unknown name.

use std::path::{Path, PathBuf};
use std::process::Command;

use horarium::formats::{self, json};
use horarium::generate::{self, SchoolOptions};
use horarium::{render, score, solve, Kind, LessonId, Placement, Problem, Resource, SolveOptions, Timetable};

fn fixture() -> Problem {
    formats::read_problem(&fixture_path()).expect("the fixture reads")
}

fn fixture_path() -> PathBuf {
    horarium_fixtures::fixtures_dir().join("json/lengths_pins_rooms.json")
}

/// The fixture, solved reproducibly (the assertions do not depend on how well).
fn solved_fixture() -> (Problem, Timetable) {
    let problem = fixture();
    let options = SolveOptions { time_limit: None, max_iterations: Some(20_000), seed: 3, ..SolveOptions::default() };
    let timetable = solve(&problem, &options).timetable;
    (problem, timetable)
}

fn school() -> (Problem, Timetable) {
    let school = generate::school(&SchoolOptions { classes: 6, seed: 1 });
    (school.problem, school.witness)
}

fn page(problem: &Problem, timetable: &Timetable) -> String {
    render::html(problem, timetable, &score(problem, timetable))
}

/// Every resource that gets a grid, with the `id` of its section.
fn owners(problem: &Problem) -> Vec<(Resource, String)> {
    let groups = (0..problem.groups().len()).map(|g| (Resource::Group(horarium::GroupId::from_index(g)), format!("class-{g}")));
    let teachers = (0..problem.teachers().len()).map(|t| (Resource::Teacher(horarium::TeacherId::from_index(t)), format!("teacher-{t}")));
    let rooms = (0..problem.rooms().len()).map(|r| (Resource::Room(horarium::RoomId::from_index(r)), format!("room-{r}")));
    groups.chain(teachers).chain(rooms).collect()
}

/// Whether a placed lesson belongs in a resource's grid.
fn belongs(problem: &Problem, timetable: &Timetable, lesson: LessonId, owner: Resource) -> bool {
    let course = problem.lesson(lesson).course;
    match owner {
        Resource::Group(g) => problem.course_involves_group(course, g),
        Resource::Teacher(t) => problem.course(course).teachers.contains(&t),
        Resource::Room(r) => timetable.get(lesson).is_some_and(|p| p.room == Some(r)),
        Resource::Course(c) => course == c,
    }
}

/// The text of one grid's section.
fn section<'p>(page: &'p str, id: &str) -> &'p str {
    let start = page.find(&format!("<section class=\"grid\" id=\"{id}\"")).unwrap_or_else(|| panic!("no section {id}"));
    let len = page[start..].find("</section>").expect("sections are closed");
    &page[start..start + len]
}

/// The opening tags of the cells whose hover text starts with `title` (a lesson's first line).
fn cells_titled<'s>(section: &'s str, title: &str) -> Vec<&'s str> {
    let needle = format!(" title=\"{title}\n");
    section
        .match_indices(&needle)
        .map(|(at, _)| {
            let start = section[..at].rfind("<td").expect("a title belongs to a cell");
            &section[start..at]
        })
        .collect()
}

/// The first line of a lesson's hover text, as the page writes it (course names here need no escaping).
fn lesson_title(problem: &Problem, lesson: LessonId) -> String {
    let info = problem.lesson(lesson);
    let course = problem.course(info.course);
    format!("{}, lesson {} of {}", course.name, info.index_in_course + 1, course.n_lessons())
}

/// The value of an attribute in an opening tag, such as `rowspan`.
fn attribute(tag: &str, name: &str) -> Option<usize> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[at..].split('"').next()?.parse().ok()
}

/// Checks that a grid table is rectangular: with rowspans and colspans, every row covers
/// every column exactly once. Returns the rows and the columns (the header's width).
fn check_rectangular(table: &str) -> (usize, usize) {
    let mut taken: Vec<Vec<bool>> = Vec::new();
    let rows: Vec<&str> = table.split("<tr>").skip(1).map(|r| r.split("</tr>").next().expect("rows are closed")).collect();
    for (r, row) in rows.iter().enumerate() {
        let mut c = 0;
        for cell in row.split('<').filter(|t| t.starts_with("td") || t.starts_with("th")) {
            let tag = cell.split('>').next().expect("tags are closed");
            let (rs, cs) = (attribute(tag, "rowspan").unwrap_or(1), attribute(tag, "colspan").unwrap_or(1));
            while taken.len() < r + rs {
                taken.push(Vec::new());
            }
            while taken[r].get(c).copied().unwrap_or(false) {
                c += 1;
            }
            for row in &mut taken[r..r + rs] {
                if row.len() < c + cs {
                    row.resize(c + cs, false);
                }
                for spot in &mut row[c..c + cs] {
                    assert!(!*spot, "two cells overlap in row {r}: {table}");
                    *spot = true;
                }
            }
            c += cs;
        }
    }
    assert_eq!(taken.len(), rows.len(), "a cell reaches below the table: {table}");
    let width = taken[0].len();
    for (r, row) in taken.iter().enumerate() {
        assert!(row.len() == width && row.iter().all(|&t| t), "row {r} does not cover the {width} columns: {table}");
    }
    (rows.len(), width)
}

/// Checks every grid of a page: one per group, teacher and room, rectangular, with a row per
/// period, and each placed lesson exactly once, as one cell spanning its periods, in every grid
/// it belongs to and in no other.
fn check_grids(problem: &Problem, timetable: &Timetable, page: &str) {
    let calendar = problem.calendar();
    let owners = owners(problem);
    assert_eq!(page.matches("<section class=\"grid\"").count(), owners.len());
    for (owner, id) in &owners {
        let section = section(page, id);
        let table = &section[section.find("<table").expect("a grid has a table")..];
        let (rows, _) = check_rectangular(&table[..table.find("</table>").expect("tables are closed")]);
        assert_eq!(rows, usize::from(calendar.periods_per_day) + 1, "{id}: a header and a row per period");
        for (idx, placement) in timetable.placements().iter().enumerate() {
            let lesson = LessonId::from_index(idx);
            let cells = cells_titled(section, &lesson_title(problem, lesson));
            if placement.is_some() && belongs(problem, timetable, lesson, *owner) {
                assert_eq!(cells.len(), 1, "{id}: lesson {} appears once", lesson_title(problem, lesson));
                let length = usize::from(problem.lesson(lesson).length);
                assert_eq!(attribute(cells[0], "rowspan").unwrap_or(1), length, "{id}: {}", cells[0]);
            } else {
                assert!(cells.is_empty(), "{id}: lesson {} does not belong here", lesson_title(problem, lesson));
            }
        }
    }
}

#[test]
fn the_fixture_has_a_grid_per_resource_and_a_double_period_is_one_cell() {
    let (problem, timetable) = solved_fixture();
    let page = page(&problem, &timetable);
    check_grids(&problem, &timetable, &page);
    // Maths-5A's double, in the grids of 5A and of Ada: once, two rows high.
    let double = problem.course(problem.course_by_name("Maths-5A").unwrap()).lessons().next().unwrap();
    assert_eq!(problem.lesson(double).length, 2);
    assert!(timetable.get(double).is_some(), "the solver placed the double");
    for id in ["class-0", "teacher-0"] {
        let cells = cells_titled(section(&page, id), "Maths-5A, lesson 1 of 3");
        assert_eq!(cells.len(), 1, "{id}");
        assert!(cells[0].contains("rowspan=\"2\""), "{id}: {}", cells[0]);
    }
    // Day names label the columns; the page needs nothing from outside.
    assert!(page.contains(">Mon</th>") && page.contains(">Wed</th>"));
    for external in ["src=", "http:", "https:", "@import", "url(", "<link"] {
        assert!(!page.contains(external), "the page refers to something outside: {external}");
    }
}

#[test]
fn a_generated_school_shows_every_class_teacher_and_room_and_parallel_halves_side_by_side() {
    let (problem, timetable) = school();
    let page = page(&problem, &timetable);
    check_grids(&problem, &timetable, &page);
    assert_eq!(score(&problem, &timetable).cost.hard, 0);
    assert!(!page.contains("class=\"lesson hard\""), "the witness has no hard violation");
    for (_, id) in owners(&problem) {
        assert!(page.contains(&format!("<option value=\"{id}\">")), "the menu offers {id}");
    }
    // Class 5A's grid holds the lessons of its halves, which run at once and stand side by side.
    let class = problem.groups().iter().position(|g| g.name == "5A").unwrap();
    let half = problem.groups().iter().position(|g| g.name == "5A-a").unwrap();
    let grid = section(&page, &format!("class-{class}"));
    let french = problem.course(problem.course_by_name("French-5A").unwrap()).lessons().next().unwrap();
    let latin = problem.course(problem.course_by_name("Latin-5A").unwrap()).lessons().next().unwrap();
    assert_eq!(timetable.get(french).map(|p| p.slot), timetable.get(latin).map(|p| p.slot), "the halves learn languages at once");
    let day = problem.calendar().day_label(problem.calendar().day(timetable.get(french).unwrap().slot));
    assert!(grid.contains(&format!("<th colspan=\"2\">{day}</th>")), "{grid}");
    assert_eq!(cells_titled(grid, &lesson_title(&problem, french)).len(), 1);
    assert_eq!(cells_titled(grid, &lesson_title(&problem, latin)).len(), 1);
    // A half's grid has the class's lessons and its own, not the other half's.
    let grid = section(&page, &format!("class-{half}"));
    let maths = problem.course(problem.course_by_name("Maths-5A").unwrap()).lessons().next().unwrap();
    assert_eq!(cells_titled(grid, &lesson_title(&problem, maths)).len(), 1);
    assert_eq!(cells_titled(grid, &lesson_title(&problem, french)).len(), 1);
    assert!(cells_titled(grid, &lesson_title(&problem, latin)).is_empty());
}

/// Text as the page escapes it.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

#[test]
fn a_clash_is_outlined_explained_on_hover_and_listed_with_its_totals() {
    let (problem, mut timetable) = school();
    // Move Maths-5A's first lesson onto German-5A's first: class 5A has two lessons at once.
    let maths = problem.course(problem.course_by_name("Maths-5A").unwrap()).lessons().next().unwrap();
    let german = problem.course(problem.course_by_name("German-5A").unwrap()).lessons().next().unwrap();
    let at = timetable.get(german).unwrap();
    timetable.set(maths, Some(Placement { slot: at.slot, room: timetable.get(maths).unwrap().room })).unwrap();
    let score = score(&problem, &timetable);
    let clash = score.violations.iter().find(|v| v.kind == Kind::Clashes && v.lessons.contains(&maths)).expect("a clash");
    let page = render::html(&problem, &timetable, &score);
    check_grids(&problem, &timetable, &page);
    let grid = section(&page, "class-0");
    let cell = cells_titled(grid, &lesson_title(&problem, maths));
    assert!(cell[0].starts_with("<td class=\"lesson hard\""), "{}", cell[0]);
    // The hover text of both lessons explains the clash.
    let message = escaped(&clash.message);
    for lesson in [maths, german] {
        let start = grid.find(&format!(" title=\"{}\n", lesson_title(&problem, lesson))).unwrap() + " title=\"".len();
        let title = &grid[start..start + grid[start..].find('"').unwrap()];
        assert!(title.contains(&format!("hard: {message}")), "{title}");
    }
    // The list names it, linked to the grid of the students who clash.
    let Resource::Group(students) = clash.resources[0] else { panic!("students clash: {clash:?}") };
    let id = format!("class-{}", students.index());
    assert!(page.contains(&format!("<code>clashes</code> <a href=\"#{id}\" data-show=\"{id}\">{message}</a>")), "{message}");
    // Totals: per kind, then overall.
    let clashes = score.violations.iter().filter(|v| v.kind == Kind::Clashes).count();
    let hard = score.of_kind(Kind::Clashes).hard;
    assert!(page.contains(&format!("<tr><td>clashes</td><td>{clashes}</td><td>0</td><td>{hard}</td><td>0</td></tr>")), "{clashes} {hard}");
    assert!(page.contains(&format!("<th>{}</th><th>{}</th></tr></tfoot>", score.cost.hard, score.cost.soft)));
    assert!(page.contains(&format!("{} hard violations", score.cost.hard)));
}

#[test]
fn names_are_escaped_everywhere() {
    let text = r#"{
      "name": "<Week & \"Co\">",
      "calendar": { "days": 1, "periods_per_day": 2, "day_names": ["<Mon>"], "period_names": ["8 & 9", "\"10\""] },
      "teachers": [{ "name": "O'Brien <b>" }],
      "groups": [{ "name": "5<A>&" }],
      "rooms": [{ "name": "R\"1\"", "capacity": 30 }],
      "courses": [
        { "name": "Maths<script>", "teachers": ["O'Brien <b>"], "groups": ["5<A>&"], "students": 30, "lessons": [2] },
        { "name": "Art & <i>", "teachers": ["O'Brien <b>"], "groups": ["5<A>&"], "students": 30, "lessons": 1 }
      ],
      "constraints": [{ "kind": "conflicts", "level": "hard" }]
    }"#;
    let problem = json::parse_problem("escape.json", text).unwrap();
    let mut timetable = Timetable::new(&problem);
    let room = problem.room_by_name("R\"1\"");
    for lesson in 0..2 {
        timetable.set(LessonId(lesson), Some(Placement { slot: horarium::Slot(0), room })).unwrap();
    }
    let page = page(&problem, &timetable);
    for raw in ["<Week", "\"Co\"", "<Mon>", "8 & 9", "\"10\"", "O'Brien", "5<A>&", "R\"1\"", "Maths<script>", "Art & <i>"] {
        assert!(!page.contains(raw), "{raw} is not escaped");
    }
    for escaped in
        ["&lt;Week &amp; &quot;Co&quot;&gt;", "&lt;Mon&gt;", "8 &amp; 9", "O&#39;Brien &lt;b&gt;", "5&lt;A&gt;&amp;", "R&quot;1&quot;"]
    {
        assert!(page.contains(escaped), "{escaped} is missing");
    }
    // The clash of the two lessons names both courses, escaped.
    assert!(page.contains("Maths&lt;script&gt;") && page.contains("Art &amp; &lt;i&gt;"));
    assert!(page.contains("class=\"lesson hard\""));
    let csv = render::csv(&problem, &timetable, &score(&problem, &timetable));
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(csv.as_bytes()).records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][0], "Maths<script>");
    assert_eq!((&rows[0][3], &rows[0][5], &rows[0][7]), ("<Mon>", "8 & 9", "R\"1\""));
}

#[test]
fn the_csv_has_one_row_per_placed_lesson_and_reads_back() {
    for (problem, mut timetable) in [solved_fixture(), school()] {
        // Leave one lesson out: it has no row.
        timetable.set(LessonId(1), None).unwrap();
        let score = score(&problem, &timetable);
        let text = render::csv(&problem, &timetable, &score);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
        assert_eq!(
            header,
            ["course", "lesson", "day", "day_label", "period", "period_label", "length", "room", "teachers", "groups", "violations"]
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let placed: Vec<(LessonId, Placement)> =
            timetable.placements().iter().enumerate().filter_map(|(l, p)| p.map(|p| (LessonId::from_index(l), p))).collect();
        assert_eq!(rows.len(), placed.len());
        let calendar = problem.calendar();
        for (row, (lesson, placement)) in rows.iter().zip(&placed) {
            let info = problem.lesson(*lesson);
            let course = problem.course(info.course);
            assert_eq!(&row[0], course.name);
            assert_eq!(row[1].parse::<u32>().unwrap(), info.index_in_course);
            assert_eq!(row[2].parse::<u16>().unwrap(), calendar.day(placement.slot));
            assert_eq!(row[3], calendar.day_label(calendar.day(placement.slot)));
            assert_eq!(row[4].parse::<u16>().unwrap(), calendar.period(placement.slot));
            assert_eq!(row[6].parse::<u16>().unwrap(), info.length);
            assert_eq!(&row[7], placement.room.map_or("", |r| problem.room(r).name.as_str()));
            let teachers: Vec<&str> = course.teachers.iter().map(|&t| problem.teacher(t).name.as_str()).collect();
            assert_eq!(&row[8], teachers.join("; "));
            // Every violation the lesson is part of is in its row.
            for v in score.violations.iter().filter(|v| v.lessons.contains(lesson)) {
                assert!(row[10].contains(&v.message), "{} lacks {}", &row[10], v.message);
            }
            assert_eq!(row[10].is_empty(), !score.violations.iter().any(|v| v.lessons.contains(lesson)));
        }
    }
}

/// A scratch folder for one test, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("horarium-render-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn horarium(args: &[&Path]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_horarium")).args(args).output().expect("the horarium binary runs")
}

#[test]
fn the_render_command_writes_html_or_csv_and_fails_cleanly_on_a_missing_file() {
    let dir = scratch("cli");
    let (problem, timetable) = solved_fixture();
    let solution = dir.join("timetable.json");
    std::fs::write(&solution, json::write_timetable(&problem, &timetable)).unwrap();
    let instance = fixture_path();
    let expected = page(&problem, &timetable);

    let out = dir.join("timetable.html");
    let run = horarium(&["render".as_ref(), &instance, &solution, "-o".as_ref(), &out]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), expected);

    let run = horarium(&["render".as_ref(), &instance, &solution]);
    assert!(run.status.success());
    assert_eq!(String::from_utf8(run.stdout).unwrap(), expected, "standard output without -o");

    let out = dir.join("timetable.csv");
    let run = horarium(&["render".as_ref(), &instance, &solution, "--format".as_ref(), "csv".as_ref(), "-o".as_ref(), &out]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), render::csv(&problem, &timetable, &score(&problem, &timetable)));

    for (problem_file, timetable_file) in [(dir.join("nope.json"), solution.clone()), (instance.clone(), dir.join("absent.json"))] {
        let run = horarium(&["render".as_ref(), &problem_file, &timetable_file, "-o".as_ref(), &dir.join("never.html")]);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{stderr}");
        let missing = if problem_file.exists() { &timetable_file } else { &problem_file };
        assert!(stderr.starts_with("error: ") && stderr.contains(&missing.display().to_string()), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!dir.join("never.html").exists());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The lines of an iCalendar text, unfolded (a CRLF and a space join two lines), each checked to
/// end with CRLF.
fn unfold(text: &str) -> Vec<String> {
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'), "every line ends with CRLF");
    text.replace("\r\n ", "").split("\r\n").filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

/// The events of a calendar, each its lines between `BEGIN:VEVENT` and `END:VEVENT`, after
/// checking that it is one VCALENDAR.
fn events(text: &str) -> Vec<Vec<String>> {
    let lines = unfold(text);
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"), "{text}");
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"), "{text}");
    assert_eq!(lines.iter().filter(|l| l.starts_with("BEGIN:VCALENDAR")).count(), 1);
    let mut res = Vec::new();
    let mut open: Option<Vec<String>> = None;
    for line in &lines[1..lines.len() - 1] {
        match (line.as_str(), &mut open) {
            ("BEGIN:VEVENT", None) => open = Some(Vec::new()),
            ("END:VEVENT", Some(_)) => res.push(open.take().expect("an open event")),
            ("BEGIN:VEVENT" | "END:VEVENT", _) => panic!("events are not nested: {text}"),
            (_, Some(event)) => event.push(line.clone()),
            (_, None) => {}
        }
    }
    assert!(open.is_none(), "the last event is closed");
    res
}

/// The value of a property of an event.
fn property<'e>(event: &'e [String], name: &str) -> &'e str {
    event.iter().find_map(|l| l.strip_prefix(name)?.strip_prefix(':')).unwrap_or_else(|| panic!("no {name} in {event:?}"))
}

/// The lesson of an event, from its UID (`<name>-lesson-<index>@horarium`).
fn event_lesson(event: &[String]) -> LessonId {
    let uid = property(event, "UID");
    let index = uid.rsplit_once("-lesson-").and_then(|(_, rest)| rest.strip_suffix("@horarium")).expect("a lesson's UID");
    LessonId::from_index(index.parse().expect("a lesson index"))
}

#[test]
fn the_render_command_writes_a_calendar_of_one_owner_and_names_an_unknown_one() {
    let dir = scratch("ics");
    let (problem, mut timetable) = school();
    timetable.set(LessonId(0), None).unwrap(); // one lesson left out: it has no event
    let (instance, solution) = (dir.join("school.json"), dir.join("timetable.json"));
    std::fs::write(&instance, json::write_problem(&problem)).unwrap();
    std::fs::write(&solution, json::write_timetable(&problem, &timetable)).unwrap();
    let ics = |extra: &[&str]| {
        let mut args: Vec<&Path> = vec!["render".as_ref(), &instance, &solution, "--format".as_ref(), "ics".as_ref()];
        args.extend(extra.iter().map(Path::new));
        horarium(&args)
    };
    let placed = |owner: Option<Resource>| -> Vec<LessonId> {
        (0..problem.lessons().len())
            .map(LessonId::from_index)
            .filter(|&l| timetable.get(l).is_some() && owner.is_none_or(|o| belongs(&problem, &timetable, l, o)))
            .collect()
    };

    // One teacher's, one class's (its halves' lessons too) and one room's: one event per placed
    // lesson of theirs, in lesson order, as the library writes it.
    let teacher = problem.teacher_by_name(&problem.teachers()[1].name).unwrap();
    let class = problem.group_by_name("5A").unwrap();
    let room = problem.rooms().iter().position(|r| r.name.starts_with("R")).map(horarium::RoomId::from_index).unwrap();
    for (flag, name, owner, resource) in [
        ("--teacher", &problem.teacher(teacher).name, render::Owner::Teacher(teacher), Resource::Teacher(teacher)),
        ("--group", &problem.group(class).name, render::Owner::Group(class), Resource::Group(class)),
        ("--room", &problem.room(room).name, render::Owner::Room(room), Resource::Room(room)),
    ] {
        let run = ics(&[flag, name, "--dtstamp", "20261201T080000Z"]);
        assert!(run.status.success(), "{flag}: {}", String::from_utf8_lossy(&run.stderr));
        let text = String::from_utf8(run.stdout).unwrap();
        let events = events(&text);
        let expected = placed(Some(resource));
        assert!(!expected.is_empty() && expected.len() < placed(None).len(), "{flag} {name}: some lessons, not all");
        assert_eq!(events.iter().map(|e| event_lesson(e)).collect::<Vec<_>>(), expected, "{flag} {name}");
        for event in &events {
            let lesson = event_lesson(event);
            assert_eq!(property(event, "SUMMARY"), problem.course_of(lesson).name);
            assert_eq!(property(event, "DTSTAMP"), "20261201T080000Z");
        }
        assert!(text.contains(&format!("\r\nX-WR-CALNAME:{} - {name}\r\n", problem.name())), "{flag}");
        let score = score(&problem, &timetable);
        assert_eq!(text, render::ics(&problem, &timetable, &score, Some(owner), "20261201T080000Z"), "{flag}");
    }

    // Everyone's, to a file, stamped with the current time.
    let out = dir.join("school.ics");
    let before = render::utc_dtstamp(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs());
    let run = ics(&["-o", out.to_str().unwrap()]);
    let after = render::utc_dtstamp(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs());
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let events = events(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(events.iter().map(|e| event_lesson(e)).collect::<Vec<_>>(), placed(None));
    let stamp = property(&events[0], "DTSTAMP");
    assert!(render::check_dtstamp(stamp).is_ok() && (before.as_str()..=after.as_str()).contains(&stamp), "{before} <= {stamp} <= {after}");

    // An unknown name is named, with a few known ones, not all of them; nothing is written.
    let never = dir.join("never.ics");
    let run = ics(&["--teacher", "Nobody Atall", "-o", never.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.starts_with("error: ") && stderr.contains("no teacher named \"Nobody Atall\""), "{stderr}");
    assert!(stderr.contains(&format!("its {} teachers include", problem.teachers().len())), "{stderr}");
    assert!(!stderr.contains(&problem.teachers().last().unwrap().name) && stderr.lines().count() == 1, "{stderr}");
    assert!(!stderr.contains("panicked") && !never.exists(), "{stderr}");
    let run = ics(&["--group", "9Z"]);
    assert!(String::from_utf8_lossy(&run.stderr).contains("no group named \"9Z\""), "{}", String::from_utf8_lossy(&run.stderr));

    // A bad DTSTAMP, an owner outside --format ics, and two owners are refused.
    for (args, message) in [
        (vec!["--dtstamp", "2026-12-01"], "2026-12-01"),
        (vec!["--teacher", problem.teachers()[0].name.as_str(), "--room", problem.rooms()[0].name.as_str()], "cannot be used with"),
    ] {
        let run = ics(&args);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
    let run = horarium(&["render".as_ref(), &instance, &solution, "--teacher".as_ref(), problem.teachers()[0].name.as_ref()]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("only apply to --format ics"));
    let _ = std::fs::remove_dir_all(&dir);
}
