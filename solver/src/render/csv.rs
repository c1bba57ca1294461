//! The timetable as CSV: one row per placed lesson, for spreadsheets and scripts.

use horarium_core::{Problem, Score, Timetable};

use super::{group_names, period_label, placed, room_name, teacher_names};

/// The header row.
const HEADER: [&str; 11] =
    ["course", "lesson", "day", "day_label", "period", "period_label", "length", "room", "teachers", "groups", "violations"];

/// Renders a timetable as CSV, with a header row and one row per placed lesson.
///
/// Columns: `course`; `lesson`, its index in the course counted from 0 (empty for a surplus
/// lesson read from a solution file, which follow the others); `day` and `period` of its start,
/// counted from 0, with their names `day_label` and `period_label`; `length` in periods; `room`
/// (empty without one); `teachers` and `groups`, separated by `"; "`; and `violations`, the
/// sentences of the violations the lesson is part of, separated by `" | "` (sentences may hold
/// semicolons). Unplaced lessons have no row; they are violations of kind `unplaced`.
pub fn csv(problem: &Problem, timetable: &Timetable, score: &Score) -> String {
    let calendar = problem.calendar();
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    let mut write = |record: &[String]| writer.write_record(record).expect("writing to memory cannot fail");
    write(&HEADER.map(str::to_owned));
    for lesson in placed(problem, timetable, score) {
        let (day, period) = (calendar.day(lesson.slot), calendar.period(lesson.slot));
        let violations: Vec<&str> = lesson.violations.iter().map(|&v| score.violations[v].message.as_str()).collect();
        write(&[
            problem.course(lesson.course).name.clone(),
            lesson.lesson.map_or(String::new(), |l| problem.lesson(l).index_in_course.to_string()),
            day.to_string(),
            calendar.day_label(day),
            period.to_string(),
            period_label(calendar, period),
            lesson.length.to_string(),
            room_name(problem, lesson.room).to_owned(),
            teacher_names(problem, lesson.course).join("; "),
            group_names(problem, lesson.course).join("; "),
            violations.join(" | "),
        ]);
    }
    let bytes = writer.into_inner().expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("every field is a Rust string")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::tests::fixture;
    use horarium_core::{score, Placement};

    #[test]
    fn rows_name_the_lesson_its_time_and_its_violations() {
        let problem = fixture();
        let mut timetable = Timetable::new(&problem);
        let chem = problem.course(problem.course_by_name("Chem-5A").unwrap()).lessons().next().unwrap();
        // A double period in a room that is not a lab, on Wednesday from period 1.
        timetable.set(chem, Some(Placement { slot: problem.calendar().slot(2, 1).unwrap(), room: problem.room_by_name("R1") })).unwrap();
        let score = score(&problem, &timetable);
        let text = csv(&problem, &timetable, &score);
        let mut reader = ::csv::Reader::from_reader(text.as_bytes());
        assert_eq!(reader.headers().unwrap(), HEADER.as_slice());
        let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(&rows[0].iter().take(10).collect::<Vec<_>>(), &["Chem-5A", "0", "2", "Wed", "1", "period 1", "2", "R1", "Bob", "5A"]);
        assert!(rows[0][10].contains("course Chem-5A may not use room R1"), "{}", &rows[0][10]);
    }
}
