//! The timetable as an iCalendar file (RFC 5545): one weekly recurring event per placed lesson.
//!
//! A timetable has no dates, so the week is laid on a fixed reference week, the one starting
//! Monday [`REFERENCE_MONDAY`]: day 0 is that Monday, day 1 the Tuesday, and so on, and every
//! event repeats weekly from there (`RRULE:FREQ=WEEKLY`), so a calendar program shows it in every
//! week, this one included. A calendar of more than 7 days (an A/B fortnight of 10 days) is laid 5
//! days a week, Monday to Friday, over as many weeks as it needs, and repeats every that many weeks.
//!
//! Times come from the period names when every one starts with a time of day (`08:00`, or a range
//! `08:00-08:45`): a period then runs from its start to its range's end, or for 45 minutes. Without
//! such names, period `p` starts at 08:00 plus `p` hours (closer together when there are more than
//! 15 periods) and lasts three quarters of that step. A lesson runs from the start of its first
//! period to the end of its last. Times are floating (no time zone): they are the school's local
//! time wherever the file is opened.
//!
//! Text is escaped (backslash, semicolon, comma, newline) and lines are folded at 75 octets, never
//! inside a UTF-8 character, with CRLF line ends.

use std::fmt::Write as _;

use horarium_core::{Level, Problem, Score, Timetable};

use super::Owner;

/// The Monday the first day of the timetable falls on: (year, month, day).
pub const REFERENCE_MONDAY: (i32, u32, u32) = (2024, 1, 1);
/// A fixed `DTSTAMP`, for a calendar that must not change from one run to the next.
pub const DEFAULT_DTSTAMP: &str = "20240101T000000Z";
/// The longest line, in octets, before folding.
const FOLD_AT: usize = 75;

/// Writes the calendar of every placed lesson of `owner` (every placed lesson when `None`), each
/// a weekly event whose description lists its teachers, its groups and the violations `score`
/// found in it. Surplus lessons read from a file are left out. `owner` must be one of `problem`'s
/// (an id beyond its lists panics). `dtstamp` is the creation time in UTC, `YYYYMMDDTHHMMSSZ`,
/// written as given: check one from outside with [`check_dtstamp`].
pub fn ics(problem: &Problem, timetable: &Timetable, score: &Score, owner: Option<Owner>, dtstamp: &str) -> String {
    let times = PeriodTimes::new(problem);
    let calendar = problem.calendar();
    let (per_week, weeks) = if calendar.days <= 7 { (calendar.days.max(1), 1) } else { (5, calendar.days.div_ceil(5)) };
    let rrule = if weeks == 1 { "RRULE:FREQ=WEEKLY".to_owned() } else { format!("RRULE:FREQ=WEEKLY;INTERVAL={weeks}") };
    let slug = slug(problem.name());
    let mut out = Lines::default();
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line(&format!("PRODID:-//Horarium//Horarium {}//EN", env!("CARGO_PKG_VERSION")));
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    let title = match owner {
        Some(o) => format!("{} - {}", problem.name(), o.name(problem)),
        None => problem.name().to_owned(),
    };
    out.line(&format!("X-WR-CALNAME:{}", escape(&title)));
    for placed in super::placed(problem, timetable, score) {
        let Some(lesson_id) = placed.lesson else { continue };
        if owner.is_some_and(|o| !super::shows(problem, placed.course, placed.room, o.into())) {
            continue;
        }
        let idx = lesson_id.index();
        let lesson = problem.lesson(lesson_id);
        let course = problem.course(placed.course);
        let (day, periods) = (calendar.day(placed.slot), placed.periods(calendar));
        let date = add_days(REFERENCE_MONDAY, i64::from(day / per_week) * 7 + i64::from(day % per_week));
        let (first, last) = (periods.start, periods.end.saturating_sub(1).max(periods.start));
        let (start, end) = (times.start(first), times.end(last).max(times.start(first) + 1));
        out.line("BEGIN:VEVENT");
        out.line(&format!("UID:{slug}-lesson-{idx}@horarium"));
        out.line(&format!("DTSTAMP:{dtstamp}"));
        out.line(&format!("DTSTART:{}", date_time(date, start)));
        out.line(&format!("DTEND:{}", date_time(date, end)));
        out.line(&rrule);
        out.line(&format!("SUMMARY:{}", escape(&course.name)));
        if let Some(room) = placed.room {
            out.line(&format!("LOCATION:{}", escape(&problem.room(room).name)));
        }
        let mut description = format!("Lesson {} of {}", lesson.index_in_course + 1, course.n_lessons());
        let teachers = super::teacher_names(problem, placed.course).join(", ");
        let groups = super::group_names(problem, placed.course).join(", ");
        if !teachers.is_empty() {
            let _ = write!(description, "\nTeachers: {teachers}");
        }
        if !groups.is_empty() {
            let _ = write!(description, "\nGroups: {groups}");
        }
        for &v in &placed.violations {
            let v = &score.violations[v];
            let level = if v.level == Level::Hard { "hard" } else { "soft" };
            let _ = write!(description, "\n! {level}: {}", v.message);
        }
        out.line(&format!("DESCRIPTION:{}", escape(&description)));
        out.line("END:VEVENT");
    }
    out.line("END:VCALENDAR");
    out.text
}

/// Checks that `dtstamp` is a UTC date-time as RFC 5545 writes it: `YYYYMMDDTHHMMSSZ`.
pub fn check_dtstamp(dtstamp: &str) -> Result<(), String> {
    let b = dtstamp.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() == 16 && digits(0..8) && b[8] == b'T' && digits(9..15) && b[15] == b'Z' {
        Ok(())
    } else {
        Err(format!("DTSTAMP {dtstamp:?} is not a UTC date-time such as 20240101T120000Z"))
    }
}

/// The `DTSTAMP` of a moment given in seconds since 1970-01-01 00:00:00 UTC (leap seconds aside,
/// as the system clock counts them): `YYYYMMDDTHHMMSSZ`.
pub fn utc_dtstamp(seconds_since_epoch: u64) -> String {
    let (days, seconds) = (seconds_since_epoch / 86_400, seconds_since_epoch % 86_400);
    let (y, m, d) = civil_from_days(i64::try_from(days).unwrap_or(i64::MAX / 2));
    format!("{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z", seconds / 3600, seconds / 60 % 60, seconds % 60)
}

/// The problem's name reduced to letters, digits and dashes, for event UIDs.
fn slug(name: &str) -> String {
    let s: String = name.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    if s.is_empty() {
        "timetable".to_owned()
    } else {
        s
    }
}

/// Start and end of each period, in minutes after midnight.
struct PeriodTimes {
    periods: Vec<(u32, u32)>,
}

impl PeriodTimes {
    fn new(problem: &Problem) -> Self {
        let calendar = problem.calendar();
        let n = usize::from(calendar.periods_per_day);
        let named: Option<Vec<(u32, u32)>> = (calendar.period_names.len() == n && n > 0)
            .then(|| calendar.period_names.iter().map(|name| parse_period(name)).collect::<Option<Vec<_>>>())
            .flatten();
        let periods = named.unwrap_or_else(|| {
            let step = 60.min(900 / u32::try_from(n.max(1)).unwrap_or(u32::MAX)).max(1);
            (0..n).map(|p| u32::try_from(p).unwrap_or(0)).map(|p| (8 * 60 + p * step, 8 * 60 + p * step + (step * 3 / 4).max(1))).collect()
        });
        PeriodTimes { periods }
    }

    fn start(&self, period: u16) -> u32 {
        self.periods.get(usize::from(period)).map_or(8 * 60, |p| p.0)
    }

    fn end(&self, period: u16) -> u32 {
        self.periods.get(usize::from(period)).map_or(8 * 60 + 45, |p| p.1)
    }
}

/// A period name's time of day: `08:00` (45 minutes), or `08:00-08:45`, `8:00 – 8:45`, `08:00 to 08:45`.
fn parse_period(name: &str) -> Option<(u32, u32)> {
    let (start, rest) = parse_time(name.trim_start())?;
    let rest = rest.trim_start();
    let rest = rest.strip_prefix('-').or_else(|| rest.strip_prefix('\u{2013}')).or_else(|| rest.strip_prefix("to")).map(str::trim_start);
    let end = rest.and_then(parse_time).map(|(end, _)| end).filter(|&end| end > start).unwrap_or(start + 45);
    Some((start, end))
}

/// A time of day `H:MM` or `HH:MM` at the start of `text`, in minutes, and the text after it.
fn parse_time(text: &str) -> Option<(u32, &str)> {
    let (hours, rest) = text.split_once(':')?;
    if hours.is_empty() || hours.len() > 2 || !hours.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let minutes = rest.get(..2).filter(|m| m.bytes().all(|b| b.is_ascii_digit()))?;
    let (h, m): (u32, u32) = (hours.parse().ok()?, minutes.parse().ok()?);
    (h < 24 && m < 60).then_some((h * 60 + m, &rest[2..]))
}

/// `YYYYMMDDTHHMMSS` (floating local time); minutes past the day's end stop at 23:59.
fn date_time((y, m, d): (i32, u32, u32), minutes: u32) -> String {
    let minutes = minutes.min(23 * 60 + 59);
    format!("{y:04}{m:02}{d:02}T{:02}{:02}00", minutes / 60, minutes % 60)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil((y, m, d): (i32, u32, u32)) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01 (H. Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a month and a day are small and positive")]
    (i32::try_from(y).unwrap_or(i32::MAX), m as u32, d as u32)
}

fn add_days(date: (i32, u32, u32), days: i64) -> (i32, u32, u32) {
    civil_from_days(days_from_civil(date) + days)
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newline; other
/// control characters are dropped.
fn escape(text: &str) -> String {
    let mut res = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => res.push_str("\\\\"),
            ';' => res.push_str("\\;"),
            ',' => res.push_str("\\,"),
            '\n' => res.push_str("\\n"),
            c if c.is_control() => {}
            c => res.push(c),
        }
    }
    res
}

/// Content lines, folded (RFC 5545 §3.1) and ended with CRLF.
#[derive(Default)]
struct Lines {
    text: String,
}

impl Lines {
    fn line(&mut self, line: &str) {
        fold(&mut self.text, line);
    }
}

/// Appends `line` folded: at most 75 octets per physical line, continuation lines starting with a
/// space, and a break never inside a UTF-8 character.
fn fold(out: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > FOLD_AT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use horarium_core::formats::{ctt, ctt_solution, json};
    use horarium_core::{score, GroupId};

    const TINY: &str = include_str!("../../../fixtures/ctt/tiny.ctt");

    fn read_problem(file_name: &str, text: &str) -> Problem {
        if file_name.ends_with(".ctt") {
            ctt::parse_instance(file_name, text).and_then(|i| i.to_problem()).unwrap()
        } else {
            json::parse_problem(file_name, text).unwrap()
        }
    }

    /// The calendar, with the timetable's own score.
    fn calendar(problem: &Problem, timetable: &Timetable, owner: Option<Owner>, dtstamp: &str) -> String {
        ics(problem, timetable, &score(problem, timetable), owner, dtstamp)
    }

    /// Undoes the folding: a CRLF followed by a space joins two lines.
    fn unfold(text: &str) -> Vec<String> {
        text.replace("\r\n ", "").split("\r\n").filter(|l| !l.is_empty()).map(str::to_owned).collect()
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\ne\rf"), "a\\,b\\;c\\\\d\\nef");
        assert_eq!(escape("Maths 5A \u{e9}"), "Maths 5A \u{e9}");
    }

    #[test]
    fn long_lines_fold_at_75_octets_and_never_inside_a_character() {
        for line in ["x".repeat(75), "y".repeat(76), format!("DESCRIPTION:{}", "\u{e9}\u{20ac}a".repeat(60)), "\u{1f600}".repeat(40)] {
            let mut out = String::new();
            fold(&mut out, &line);
            assert!(out.ends_with("\r\n"));
            for physical in out.trim_end_matches("\r\n").split("\r\n") {
                assert!(physical.len() <= FOLD_AT, "{} octets", physical.len());
            }
            assert!(out.split("\r\n").skip(1).all(|l| l.is_empty() || l.starts_with(' ')));
            assert_eq!(unfold(&out), std::slice::from_ref(&line));
        }
        let mut out = String::new();
        fold(&mut out, &"z".repeat(75));
        assert!(!out.contains("\r\n "), "75 octets fit on one line");
    }

    #[test]
    fn dates_walk_the_gregorian_calendar() {
        assert_eq!(days_from_civil((1970, 1, 1)), 0);
        assert_eq!(add_days(REFERENCE_MONDAY, 0), (2024, 1, 1));
        assert_eq!(add_days((2024, 2, 28), 1), (2024, 2, 29));
        assert_eq!(add_days((2024, 2, 28), 2), (2024, 3, 1));
        assert_eq!(add_days((2023, 12, 31), 1), (2024, 1, 1));
        // 2024-01-01 is a Monday: 1970-01-01 was a Thursday.
        assert_eq!((days_from_civil(REFERENCE_MONDAY) + 3).rem_euclid(7), 0);
        assert_eq!(date_time((2024, 1, 5), 8 * 60 + 5), "20240105T080500");
        assert_eq!(date_time((2024, 1, 5), 30 * 60), "20240105T235900");
    }

    #[test]
    fn period_names_give_times_of_day() {
        assert_eq!(parse_period("08:00"), Some((480, 525)));
        assert_eq!(parse_period("8:00-8:40"), Some((480, 520)));
        assert_eq!(parse_period(" 13:15 \u{2013} 14:00 "), Some((795, 840)));
        assert_eq!(parse_period("13:15 to 14:00"), Some((795, 840)));
        assert_eq!(parse_period("09:00-08:00"), Some((540, 585)), "an end before the start is ignored");
        for bad in ["first", "period 1", "123:00", "8:0", "25:00", ""] {
            assert_eq!(parse_period(bad), None, "{bad}");
        }
        assert!(check_dtstamp("20261122T101500Z").is_ok());
        assert!(check_dtstamp("2026-11-22").is_err());
    }

    #[test]
    fn a_clock_reading_becomes_a_checked_dtstamp() {
        assert_eq!(utc_dtstamp(0), "19700101T000000Z");
        // 2026-12-01T00:00:00Z, and a leap day one second before midnight.
        assert_eq!(utc_dtstamp(1_796_083_200), "20261201T000000Z");
        assert_eq!(utc_dtstamp(1_709_251_199), "20240229T235959Z");
        for seconds in [0, 1_796_083_200 + 3_723, 4_102_444_800] {
            assert!(check_dtstamp(&utc_dtstamp(seconds)).is_ok(), "{seconds}");
        }
        for bad in ["20261122T101500", "20261122 101500Z", "2026112T1015000Z", "20261122T1015\u{e9}Z", ""] {
            assert!(check_dtstamp(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_tiny_solution_becomes_one_weekly_event_per_lesson() {
        let problem = read_problem("tiny.ctt", TINY);
        let timetable = ctt_solution::parse_solution(&problem, include_str!("../../../fixtures/ctt/tiny.sol")).timetable;
        let text = calendar(&problem, &timetable, None, DEFAULT_DTSTAMP);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.contains(&format!("\r\nPRODID:-//Horarium//Horarium {}//EN\r\n", env!("CARGO_PKG_VERSION"))));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'), "every line ends with CRLF");
        let lines = unfold(&text);
        let placed = problem.lessons().len() - timetable.n_unplaced();
        assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), placed);
        assert_eq!(lines.iter().filter(|l| *l == "RRULE:FREQ=WEEKLY").count(), placed);
        let uids: std::collections::BTreeSet<&String> = lines.iter().filter(|l| l.starts_with("UID:")).collect();
        assert_eq!(uids.len(), placed, "UIDs are unique");
        // Each event's date and times follow its day and period: day d is 2024-01-0(1+d), period
        // p (no names) starts at 08:00 + p hours and lasts 45 minutes.
        let events: Vec<&[String]> = lines.split(|l| l == "BEGIN:VEVENT").skip(1).collect();
        for (event, (idx, p)) in events.iter().zip(timetable.placements().iter().enumerate().filter_map(|(i, p)| p.map(|p| (i, p)))) {
            let cal = problem.calendar();
            let (day, period) = (cal.day(p.slot), cal.period(p.slot));
            let date = format!("2024010{}", 1 + day);
            let get = |key: &str| event.iter().find_map(|l| l.strip_prefix(key)).unwrap().to_owned();
            assert_eq!(get("DTSTART:"), format!("{date}T{:02}0000", 8 + period));
            assert_eq!(get("DTEND:"), format!("{date}T{:02}4500", 8 + period));
            assert_eq!(get("UID:"), format!("tiny-lesson-{idx}@horarium"));
            let course = &problem.course(problem.lessons()[idx].course).name;
            assert_eq!(&get("SUMMARY:"), course);
            assert_eq!(get("LOCATION:"), problem.room(p.room.unwrap()).name);
        }
    }

    #[test]
    fn named_periods_long_lessons_owners_and_fortnights() {
        let text = include_str!("../../../fixtures/json/school-worked-example.json");
        let problem = read_problem("worked.json", text);
        let timetable =
            json::parse_timetable(&problem, "t.json", include_str!("../../../fixtures/json/school-worked-example.timetable.json")).unwrap();
        let lines = unfold(&calendar(&problem, &timetable, None, "20261122T101500Z"));
        assert!(lines.contains(&"DTSTAMP:20261122T101500Z".to_owned()));
        // English-6B's first lesson is pinned on Monday 08:00; a period named 08:00 lasts 45 minutes.
        let english = lines.iter().position(|l| l == "SUMMARY:English-6B").unwrap();
        let event = &lines[..english];
        let start = event.iter().rev().find(|l| l.starts_with("DTSTART:")).unwrap();
        assert_eq!(start, "DTSTART:20240101T080000");
        // Double periods run to the end of their second period.
        for (idx, p) in timetable.placements().iter().enumerate() {
            let (Some(p), 2) = (p, problem.lessons()[idx].length) else { continue };
            let cal = problem.calendar();
            let second = &cal.period_names[usize::from(cal.period(p.slot)) + 1];
            let at = lines.iter().position(|l| *l == format!("UID:worked-example-lesson-{idx}@horarium")).unwrap();
            let end = lines[at..].iter().find_map(|l| l.strip_prefix("DTEND:")).unwrap();
            let (h, m) = second.split_once(':').unwrap();
            let minutes = h.parse::<u32>().unwrap() * 60 + m.parse::<u32>().unwrap() + 45;
            assert_eq!(&end[9..13], format!("{:02}{:02}", minutes / 60, minutes % 60));
        }
        // One class's calendar holds only the lessons its students attend (with its halves').
        let six_b = problem.groups().iter().position(|g| g.name == "6B").unwrap();
        let lines = unfold(&calendar(&problem, &timetable, Some(Owner::Group(GroupId::from_index(six_b))), DEFAULT_DTSTAMP));
        assert!(lines.contains(&"X-WR-CALNAME:worked-example - 6B".to_owned()));
        let summaries: Vec<&String> = lines.iter().filter(|l| l.starts_with("SUMMARY:")).collect();
        assert!(!summaries.is_empty());
        assert!(summaries.iter().all(|s| s.contains("6B") || s.contains("Sport-6")), "{summaries:?}");

        // A fortnight of 10 days: the second week's days fall a week later, every two weeks.
        let fortnight = text.replacen("\"days\": 5,", "\"days\": 10,", 1).replacen(
            "\"day_names\": [\"Mon\", \"Tue\", \"Wed\", \"Thu\", \"Fri\"],",
            "",
            1,
        );
        let problem = read_problem("fortnight.json", &fortnight);
        let mut timetable = Timetable::new(&problem);
        let lesson = problem.course(problem.course_by_name("Maths-6A").unwrap()).lessons().next().unwrap();
        let slot = problem.calendar().slot(6, 1).unwrap();
        timetable.set(lesson, Some(horarium_core::Placement { slot, room: problem.room_by_name("R6A") })).unwrap();
        let lines = unfold(&calendar(&problem, &timetable, None, DEFAULT_DTSTAMP));
        assert!(lines.contains(&"RRULE:FREQ=WEEKLY;INTERVAL=2".to_owned()));
        assert!(lines.contains(&"DTSTART:20240109T085000".to_owned()), "day 6 is the second Tuesday");
    }

    #[test]
    fn violations_are_explained_in_the_description() {
        let problem = read_problem("tiny.ctt", TINY);
        let mut timetable = Timetable::new(&problem);
        // Both lessons of Alg in the same slot and room: a clash the description names.
        let slot = problem.calendar().slot(0, 0).unwrap();
        for lesson in problem.course(problem.course_by_name("Alg").unwrap()).lessons() {
            timetable.set(lesson, Some(horarium_core::Placement { slot, room: problem.room_by_name("R1") })).unwrap();
        }
        let lines = unfold(&calendar(&problem, &timetable, None, DEFAULT_DTSTAMP));
        let description = lines.iter().find(|l| l.starts_with("DESCRIPTION:")).unwrap();
        assert!(description.contains("\\n! hard: "), "{description}");
        assert!(description.starts_with("DESCRIPTION:Lesson 1 of 2\\nTeachers: Ada"), "{description}");
    }
}
