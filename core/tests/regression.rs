//! Bugs found while writing this suite, each pinned by the smallest input that showed it.

use horarium_core::formats::{ctt, ctt_solution};

const TINY: &str = include_str!("../../fixtures/ctt/tiny.ctt");

// See: crosscheck against ctt_validate.py. A solution whose lines end with a lone "\r" (classic
// Mac OS) was read as one long line and skipped, where the checker (and the competition's
// validator, which reads whitespace-separated tokens) reads one lecture per line.
#[test]
fn lone_carriage_returns_end_solution_lines() {
    let problem = ctt::parse_instance("tiny.ctt", TINY).and_then(|i| i.to_problem()).unwrap_or_else(|e| panic!("{e}"));
    let read = ctt_solution::parse_solution(&problem, "Alg R1 0 0\rAlg R1 1 0\r");
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    assert_eq!(read.timetable.n_unplaced(), problem.lessons().len() - 2);
    // Mixed line ends still number lines as the checker does: "\r\n" is one line end.
    let read = ctt_solution::parse_solution(&problem, "Alg R1 0 0\r\nbad\rGeo R2 0 1\nGeo R2 9 9\r\n");
    let warnings: Vec<String> = read.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            r#"2: field "line": expected 4 fields (course room day period), found 1"#,
            r#"4: field "day/period": day 9 period 9 is outside the 3x2 week"#
        ]
    );
}

// See: errors::every_issue_is_collected_in_line_order. Issues with header values were
// reported after those of later header lines, although `Error::Parse` lists issues in input order.
#[test]
fn header_value_issues_come_before_later_lines() {
    let text = TINY.replacen("Courses: 3", "Courses: many", 1).replacen("Constraints: 2", "Constraints: 2\nColour: blue", 1);
    let err = ctt::parse_instance("tiny.ctt", &text).expect_err("two bad header lines");
    let lines: Vec<Option<usize>> = err.issues().iter().map(|i| i.line).collect();
    assert_eq!(lines, [Some(2), Some(8)], "{err}");
}
