//! The HTML page: controls to pick a grid, one week grid per group, teacher and room, and the
//! violations with their totals. Style and script are inline, so the file works offline.

use std::fmt::Write as _;

use horarium_core::{CourseId, GroupId, LessonId, Level, Problem, Resource, RoomId, Score, TeacherId, Timetable, Violation};

use super::{grid, placed, shows, Placed};

/// Renders a timetable as one self-contained HTML page.
///
/// The page has a week grid for every group (with the lessons of its subgroups and of the groups
/// it is part of, parallel lessons side by side), every teacher and every room, chosen with tabs
/// and a menu; each lesson is one cell spanning its periods. Lessons in a violation are outlined
/// (red for hard, orange for soft) and explain it on hover, and the page ends with every
/// violation and the totals per kind. Every name is escaped.
pub fn html(problem: &Problem, timetable: &Timetable, score: &Score) -> String {
    let placed = placed(problem, timetable, score);
    let unplaced: Vec<LessonId> =
        (0..timetable.placements().len()).map(LessonId::from_index).filter(|&l| timetable.get(l).is_none()).collect();
    let owners = owners(problem);
    let mut out = String::new();
    let title = escape(problem.name());
    let _ = write!(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = write!(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}: timetable</title>\n");
    let _ = write!(out, "<style>\n{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{title}</h1>\n");
    summary(&mut out, problem, timetable, score);
    nav(&mut out, problem, &owners);
    out.push_str("</header>\n<main>\n");
    for &owner in &owners {
        let lessons: Vec<&Placed> = placed.iter().filter(|l| shows(problem, l.course, l.room, owner)).collect();
        let missing: Vec<LessonId> = unplaced.iter().copied().filter(|&l| shows(problem, problem.lesson(l).course, None, owner)).collect();
        let _ = write!(
            out,
            "<section class=\"grid\" id=\"{}\" data-kind=\"{}\">\n<h2>{} {}</h2>\n",
            section_id(owner),
            View::of(owner).key(),
            View::of(owner).singular(),
            escape(owner_name(problem, owner))
        );
        grid::table(&mut out, problem, score, owner, &lessons);
        not_placed(&mut out, problem, &missing);
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n");
    violations(&mut out, problem, score);
    let _ = write!(out, "<script>\n{SCRIPT}</script>\n</body>\n</html>\n");
    out
}

/// Escapes text for HTML content and quoted attribute values.
pub(super) fn escape(text: &str) -> String {
    let mut res = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => res.push_str("&amp;"),
            '<' => res.push_str("&lt;"),
            '>' => res.push_str("&gt;"),
            '"' => res.push_str("&quot;"),
            '\'' => res.push_str("&#39;"),
            _ => res.push(c),
        }
    }
    res
}

/// A violation in one line of plain text: its level and cost, then its sentence.
pub(super) fn violation_text(v: &Violation) -> String {
    match v.level {
        Level::Hard => format!("hard: {}", v.message),
        Level::Soft(_) => format!("soft (cost {}): {}", v.cost.soft, v.message),
    }
}

/// The three kinds of grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum View {
    Classes,
    Teachers,
    Rooms,
}

impl View {
    const ALL: [View; 3] = [View::Classes, View::Teachers, View::Rooms];

    fn of(owner: Resource) -> View {
        match owner {
            Resource::Teacher(_) => View::Teachers,
            Resource::Room(_) => View::Rooms,
            Resource::Group(_) | Resource::Course(_) => View::Classes,
        }
    }

    fn key(self) -> &'static str {
        match self {
            View::Classes => "class",
            View::Teachers => "teacher",
            View::Rooms => "room",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            View::Classes => "Classes",
            View::Teachers => "Teachers",
            View::Rooms => "Rooms",
        }
    }

    fn singular(self) -> &'static str {
        match self {
            View::Classes => "Class",
            View::Teachers => "Teacher",
            View::Rooms => "Room",
        }
    }
}

/// Everything that gets a grid: the groups, then the teachers, then the rooms, in problem order.
fn owners(problem: &Problem) -> Vec<Resource> {
    let groups = (0..problem.groups().len()).map(|g| Resource::Group(GroupId::from_index(g)));
    let teachers = (0..problem.teachers().len()).map(|t| Resource::Teacher(TeacherId::from_index(t)));
    let rooms = (0..problem.rooms().len()).map(|r| Resource::Room(RoomId::from_index(r)));
    groups.chain(teachers).chain(rooms).collect()
}

/// The `id` of a grid's section, such as `teacher-3`.
fn section_id(owner: Resource) -> String {
    let index = match owner {
        Resource::Group(g) => g.index(),
        Resource::Teacher(t) => t.index(),
        Resource::Room(r) => r.index(),
        Resource::Course(c) => c.index(),
    };
    format!("{}-{index}", View::of(owner).key())
}

fn owner_name(problem: &Problem, owner: Resource) -> &str {
    match owner {
        Resource::Group(g) => &problem.group(g).name,
        Resource::Teacher(t) => &problem.teacher(t).name,
        Resource::Room(r) => &problem.room(r).name,
        Resource::Course(c) => &problem.course(c).name,
    }
}

/// How many groups `group` is part of.
fn depth(problem: &Problem, group: GroupId) -> usize {
    std::iter::successors(problem.group(group).parents.first().copied(), |&p| problem.group(p).parents.first().copied())
        .take(problem.groups().len())
        .count()
}

fn summary(out: &mut String, problem: &Problem, timetable: &Timetable, score: &Score) {
    let n = problem.lessons().len();
    let verdict = if score.cost.is_feasible() {
        "<span class=\"ok\">no hard violation</span>".to_owned()
    } else {
        format!("<span class=\"bad\">{}</span>", counted(score.cost.hard, "hard violation"))
    };
    let _ = writeln!(
        out,
        "<p class=\"summary\">{} of {n} lessons placed \u{b7} {verdict} \u{b7} soft cost {} \u{b7} <a href=\"#violations\">{}</a></p>",
        n - timetable.n_unplaced(),
        score.cost.soft,
        counted(score.violations.len() as u64, "violation")
    );
}

/// "1 violation", "2 violations".
fn counted(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The tabs choosing the kind of grid, and one menu per kind choosing which one.
fn nav(out: &mut String, problem: &Problem, owners: &[Resource]) {
    out.push_str("<nav>\n");
    for view in View::ALL {
        let count = owners.iter().filter(|&&o| View::of(o) == view).count();
        if count > 0 {
            let _ = writeln!(out, "<button type=\"button\" data-kind=\"{}\">{} ({count})</button>", view.key(), view.plural());
        }
    }
    for view in View::ALL {
        let mine: Vec<Resource> = owners.iter().copied().filter(|&o| View::of(o) == view).collect();
        if mine.is_empty() {
            continue;
        }
        let _ = writeln!(out, "<select data-kind=\"{}\" aria-label=\"{}\">", view.key(), view.singular());
        for owner in mine {
            let indent = match owner {
                Resource::Group(g) => "\u{a0}\u{a0}\u{a0}".repeat(depth(problem, g)),
                _ => String::new(),
            };
            let _ = writeln!(out, "<option value=\"{}\">{indent}{}</option>", section_id(owner), escape(owner_name(problem, owner)));
        }
        out.push_str("</select>\n");
    }
    out.push_str("</nav>\n");
}

fn not_placed(out: &mut String, problem: &Problem, missing: &[LessonId]) {
    if missing.is_empty() {
        return;
    }
    let names: Vec<String> = missing
        .iter()
        .map(|&l| {
            let lesson = problem.lesson(l);
            let course = escape(&problem.course(lesson.course).name);
            match lesson.length {
                1 => format!("{course} lesson {}", lesson.index_in_course + 1),
                n => format!("{course} lesson {} ({n} periods)", lesson.index_in_course + 1),
            }
        })
        .collect();
    let _ = writeln!(out, "<p class=\"unplaced\">Not placed: {}</p>", names.join(", "));
}

/// The totals per kind, then every violation, each linked to a grid that shows it.
fn violations(out: &mut String, problem: &Problem, score: &Score) {
    out.push_str("<section id=\"violations\">\n<h2>Violations</h2>\n<table class=\"totals\">\n");
    out.push_str(
        "<thead><tr><th>Kind</th><th>Hard violations</th><th>Soft violations</th><th>Hard</th><th>Soft cost</th></tr></thead>\n<tbody>\n",
    );
    let count = |kind, hard: bool| score.violations.iter().filter(|v| v.kind == kind && (v.level == Level::Hard) == hard).count();
    for k in &score.by_kind {
        let zero = if k.cost.hard == 0 && k.cost.soft == 0 { " class=\"zero\"" } else { "" };
        let _ = writeln!(
            out,
            "<tr{zero}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            k.kind.name(),
            count(k.kind, true),
            count(k.kind, false),
            k.cost.hard,
            k.cost.soft
        );
    }
    let hard = score.violations.iter().filter(|v| v.level == Level::Hard).count();
    let _ = writeln!(
        out,
        "</tbody>\n<tfoot><tr><th>total</th><th>{hard}</th><th>{}</th><th>{}</th><th>{}</th></tr></tfoot>\n</table>",
        score.violations.len() - hard,
        score.cost.hard,
        score.cost.soft
    );
    if score.violations.is_empty() {
        out.push_str("<p>None.</p>\n</section>\n");
        return;
    }
    out.push_str("<ol class=\"violations\">\n");
    for v in &score.violations {
        let (class, tag) = match v.level {
            Level::Hard => ("hard", "hard".to_owned()),
            Level::Soft(_) => ("soft", format!("soft, cost {}", v.cost.soft)),
        };
        let message = escape(&v.message);
        let text = match target(problem, v) {
            Some(owner) => format!("<a href=\"#{0}\" data-show=\"{0}\">{message}</a>", section_id(owner)),
            None => message,
        };
        let _ = writeln!(out, "<li class=\"{class}\"><span class=\"tag\">{tag}</span> <code>{}</code> {text}</li>", v.kind.name());
    }
    out.push_str("</ol>\n</section>\n");
}

/// A grid that shows a violation: of the first group, teacher or room it names, or else of a
/// group or teacher of its first lesson's course.
fn target(problem: &Problem, v: &Violation) -> Option<Resource> {
    if let Some(&r) = v.resources.iter().find(|r| !matches!(r, Resource::Course(_))) {
        return Some(r);
    }
    let course: CourseId = v
        .lessons
        .first()
        .map(|&l| problem.lesson(l).course)
        .or_else(|| v.resources.iter().find_map(|r| if let Resource::Course(c) = r { Some(*c) } else { None }))?;
    let course = problem.course(course);
    course.groups.first().map(|&g| Resource::Group(g)).or_else(|| course.teachers.first().map(|&t| Resource::Teacher(t)))
}

const STYLE: &str = r#":root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 14px; color: #222; }
body { margin: 1rem 1.5rem; }
h1 { font-size: 1.4rem; margin: 0 0 .3rem; }
h2 { font-size: 1.1rem; margin: 1.2rem 0 .4rem; }
.summary { margin: .2rem 0 .8rem; color: #444; }
.ok { color: #17692b; font-weight: 600; }
.bad, .unplaced { color: #b00020; }
.bad { font-weight: 600; }
nav { display: none; gap: .4rem; align-items: center; flex-wrap: wrap; position: sticky; top: 0; z-index: 1; padding: .4rem 0; background: #fff; }
.js nav { display: flex; }
nav button { font: inherit; padding: .3rem .8rem; border: 1px solid #999; border-radius: 4px; background: #f4f4f4; cursor: pointer; }
nav button.active { background: #333; border-color: #333; color: #fff; }
nav select { font: inherit; padding: .25rem; margin-left: .4rem; }
.js section.grid { display: none; }
.js section.grid.shown { display: block; }
section.grid { scroll-margin-top: 3rem; }
table { border-collapse: collapse; }
table.week th, table.week td { border: 1px solid #ccc; padding: .2rem .4rem; vertical-align: top; }
table.week td { min-width: 7rem; }
table.week thead th { background: #eee; }
table.week tbody th { background: #f6f6f6; font-weight: normal; text-align: right; white-space: nowrap; }
td small { color: #444; }
td.hard { outline: 3px solid #d0021b; outline-offset: -3px; }
td.soft { outline: 2px dashed #e08a00; outline-offset: -2px; }
td.free.hard { background: #fde8ea; }
td.free.soft { background: #fff3e0; }
td.hard, td.soft { cursor: help; }
.warn { color: #b00020; }
table.totals th, table.totals td { border: 1px solid #ccc; padding: .2rem .6rem; text-align: right; }
table.totals td:first-child, table.totals th:first-child { text-align: left; }
table.totals tr.zero { color: #999; }
ol.violations li { margin: .15rem 0; }
ol.violations .tag { display: inline-block; min-width: 6.5rem; font-weight: 600; }
ol.violations li.hard .tag { color: #b00020; }
ol.violations li.soft .tag { color: #a35f00; }
@media print { nav { display: none !important; } .js section.grid { display: block; break-after: page; } }
"#;

const SCRIPT: &str = r#"(function () {
  document.body.classList.add('js');
  var sections = Array.prototype.slice.call(document.querySelectorAll('section.grid'));
  var tabs = Array.prototype.slice.call(document.querySelectorAll('nav button[data-kind]'));
  var menus = Array.prototype.slice.call(document.querySelectorAll('nav select[data-kind]'));
  // Shows one grid; `remember` puts it in the address, so that a reload shows it again.
  function show(id, remember) {
    var target = document.getElementById(id);
    if (!target || sections.indexOf(target) < 0) return false;
    var kind = target.getAttribute('data-kind');
    sections.forEach(function (s) { s.classList.toggle('shown', s === target); });
    tabs.forEach(function (t) { t.classList.toggle('active', t.getAttribute('data-kind') === kind); });
    menus.forEach(function (m) {
      var mine = m.getAttribute('data-kind') === kind;
      m.hidden = !mine;
      if (mine) m.value = id;
    });
    if (remember && history.replaceState) history.replaceState(null, '', '#' + id);
    return true;
  }
  tabs.forEach(function (t) {
    t.addEventListener('click', function () {
      menus.forEach(function (m) { if (m.getAttribute('data-kind') === t.getAttribute('data-kind')) show(m.value, true); });
    });
  });
  menus.forEach(function (m) { m.addEventListener('change', function () { show(m.value, true); }); });
  Array.prototype.forEach.call(document.querySelectorAll('a[data-show]'), function (a) {
    a.addEventListener('click', function (e) {
      if (show(a.getAttribute('data-show'), true)) { e.preventDefault(); window.scrollTo(0, 0); }
    });
  });
  if (!(location.hash && show(location.hash.slice(1), false)) && sections.length) show(sections[0].id, false);
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::tests::fixture;
    use horarium_core::{score, Placement};

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(escape(r#"<a href="x">Tom & 'Jerry'</a>"#), "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
        assert_eq!(escape("5A \u{e9}"), "5A \u{e9}");
    }

    #[test]
    fn a_clash_outlines_both_lessons_and_links_its_violation_to_a_grid() {
        let problem = fixture();
        let mut timetable = Timetable::new(&problem);
        let slot = problem.calendar().slot(1, 2).unwrap();
        for name in ["Maths-5B", "Art-5B"] {
            let lesson = problem.course(problem.course_by_name(name).unwrap()).lessons().nth(1).unwrap();
            timetable.set(lesson, Some(Placement { slot, room: problem.room_by_name("R1") })).unwrap();
        }
        let score = score(&problem, &timetable);
        let page = html(&problem, &timetable, &score);
        let room = score.violations.iter().find(|v| v.kind == horarium_core::Kind::RoomOccupancy).expect("a room clash");
        assert!(page.contains(&escape(&room.message)));
        assert!(page.contains(&format!("data-show=\"room-{}\"", problem.room_by_name("R1").unwrap().index())));
        // The two lessons stand side by side in group 5B's grid, Tue at period 2, both outlined.
        let group = section(&page, "class-1");
        assert_eq!(group.matches("<td class=\"lesson hard\"").count(), 2, "{group}");
        assert!(group.contains("<th colspan=\"2\">Tue</th>"), "{group}");
        assert!(group.contains("<p class=\"unplaced\">Not placed: Maths-5B lesson 1, Maths-5B lesson 3, Sport-5B lesson 1 (2 periods), Art-5B lesson 1</p>"), "{group}");
    }

    #[test]
    fn subgroups_appear_in_the_menu_under_their_class() {
        let school = crate::generate::school(&crate::generate::SchoolOptions { classes: 1, seed: 1 });
        let problem = &school.problem;
        let leaf = problem
            .groups()
            .iter()
            .position(|g| !problem.group(g.parents.first().copied().unwrap_or(GroupId(0))).parents.is_empty())
            .unwrap();
        assert_eq!(depth(problem, GroupId::from_index(leaf)), 2);
        let page = html(problem, &school.witness, &score(problem, &school.witness));
        let name = &problem.groups()[leaf].name;
        assert!(page.contains(&format!("<option value=\"class-{leaf}\">\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}{name}</option>")));
    }

    /// The text of one grid's section.
    pub(crate) fn section<'p>(page: &'p str, id: &str) -> &'p str {
        let start = page.find(&format!("<section class=\"grid\" id=\"{id}\"")).unwrap_or_else(|| panic!("no section {id}"));
        let len = page[start..].find("</section>").expect("sections are closed");
        &page[start..start + len]
    }
}
