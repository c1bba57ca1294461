//! Bad input gives an `Error::Parse` that names the file, the line and the field, and lists
//! every issue found rather than the first.
//!
//! The `.ctt` cases edit the lines of one small instance ([`BASE`]) so that each expected
//! message can be checked word for word; the ITC-2007 instances are cut and edited too.

use horarium_core::formats::{ctt, ctt_solution, json, read_problem, read_timetable};
use horarium_core::Error;

use crate::common::TempFile;

/// A small valid instance; the comments on the right are its line numbers.
const BASE: &str = "\
Name: Tiny
Courses: 3
Rooms: 2
Days: 3
Periods_per_day: 2
Curricula: 1
Constraints: 2

COURSES:
Alg Ada 2 2 25
Geo Bob 2 1 35
Phy Ada 1 1 20

ROOMS:
R1 30
R2 40

CURRICULA:
Q1 2 Alg Geo

UNAVAILABILITY_CONSTRAINTS:
Phy 0 0
Geo 2 1

END.
";
// Lines: 1 Name, 2 Courses, 3 Rooms, 4 Days, 5 Periods_per_day, 6 Curricula, 7 Constraints,
// 9 COURSES:, 10 Alg, 11 Geo, 12 Phy, 14 ROOMS:, 15 R1, 16 R2, 18 CURRICULA:, 19 Q1,
// 21 UNAVAILABILITY_CONSTRAINTS:, 22 Phy 0 0, 23 Geo 2 1, 25 END.

const HEADER_KEYS: &str = "Name, Courses, Rooms, Days, Periods_per_day, Curricula, Constraints";

/// [`BASE`] with some lines (1-based) replaced.
fn edited(edits: &[(usize, &str)]) -> String {
    let mut lines: Vec<&str> = BASE.lines().collect();
    for &(line, text) in edits {
        assert!(!text.contains('\n'), "an edit replaces one line");
        lines[line - 1] = text;
    }
    lines.join("\n") + "\n"
}

/// The message lines of a parse error, after checking that each issue is located and that the
/// error names `file`.
fn parse_error_lines(err: &Error, file: &str) -> Vec<String> {
    let Error::Parse { file: named, issues } = err else { panic!("expected a parse error, got {err:?}") };
    assert_eq!(named, file);
    assert!(!issues.is_empty());
    let lines: Vec<String> = err.to_string().lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), issues.len(), "one line per issue: {err}");
    for (text, issue) in lines.iter().zip(issues) {
        let location = match issue.line {
            Some(line) => format!("{file}:{line}: "),
            None => format!("{file}: "),
        };
        assert!(text.starts_with(&location), "{text:?} should start with {location:?}");
        if !issue.field.is_empty() {
            assert!(
                text[location.len()..].starts_with(&format!("field {:?}: ", issue.field)),
                "{text:?} should name field {:?}",
                issue.field
            );
        }
        // Lowercase, except for an acronym such as serde's "EOF".
        let mut chars = issue.message.chars();
        let (first, second) = (chars.next(), chars.next());
        assert!(!first.is_some_and(char::is_uppercase) || second.is_some_and(char::is_uppercase), "messages start lowercase: {text:?}");
        assert!(!issue.message.ends_with('.'), "messages have no trailing period: {text:?}");
    }
    lines
}

/// The message lines for a `.ctt` text that must be rejected. Every issue must carry a line and a field.
fn ctt_errors(text: &str) -> Vec<String> {
    match ctt::parse_instance("x.ctt", text) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(err) => {
            for issue in err.issues() {
                assert!(issue.line.is_some() && !issue.field.is_empty(), "a .ctt issue has a line and a field: {issue:?}");
            }
            parse_error_lines(&err, "x.ctt")
        }
    }
}

/// One test: `text` is rejected with exactly these messages, in this order.
macro_rules! ctt_error {
    ($name:ident, $text:expr, [$($expected:expr),+ $(,)?]) => {
        #[test]
        fn $name() {
            let expected: Vec<String> = vec![$($expected.to_string()),+];
            let text = $text;
            assert_eq!(ctt_errors(text.as_ref()), expected);
        }
    };
}

#[test]
fn the_base_instance_is_valid() {
    let instance = ctt::parse_instance("x.ctt", BASE).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((instance.courses.len(), instance.rooms.len(), instance.curricula.len(), instance.unavailability.len()), (3, 2, 1, 2));
    assert_eq!(ctt::parse_instance("x.ctt", &edited(&[])).unwrap_or_else(|e| panic!("{e}")), instance);
}

ctt_error!(non_numeric_capacity, edited(&[(15, "R1 abc")]), [r#"x.ctt:15: field "capacity": expected an integer, found "abc""#]);
ctt_error!(
    non_numeric_header,
    edited(&[(5, "Periods_per_day: two")]),
    [r#"x.ctt:5: field "Periods_per_day": expected an integer, found "two""#]
);
ctt_error!(fractional_students, edited(&[(11, "Geo Bob 2 1 35.5")]), [r#"x.ctt:11: field "students": expected an integer, found "35.5""#]);
ctt_error!(negative_header, edited(&[(3, "Rooms: -2")]), [r#"x.ctt:3: field "Rooms": expected a non-negative integer, found "-2""#]);
ctt_error!(
    negative_lectures,
    edited(&[(10, "Alg Ada -2 2 25")]),
    [r#"x.ctt:10: field "lectures": expected a non-negative integer, found "-2""#]
);
ctt_error!(negative_day, edited(&[(22, "Phy -1 0")]), [r#"x.ctt:22: field "day": expected a non-negative integer, found "-1""#]);

ctt_error!(
    header_announces_more_courses,
    edited(&[(2, "Courses: 4")]),
    [r#"x.ctt:9: field "COURSES:": the header (line 2) announces 4 courses, the section has 3"#]
);
ctt_error!(
    header_announces_more_curricula,
    edited(&[(6, "Curricula: 2")]),
    [r#"x.ctt:18: field "CURRICULA:": the header (line 6) announces 2 curricula, the section has 1"#]
);
ctt_error!(
    header_announces_fewer_constraints,
    edited(&[(7, "Constraints: 1")]),
    [r#"x.ctt:21: field "UNAVAILABILITY_CONSTRAINTS:": the header (line 7) announces 1 unavailability constraints, the section has 2"#]
);

ctt_error!(
    unknown_course_in_curricula,
    edited(&[(19, "Q1 2 Alg Bio")]),
    [r#"x.ctt:19: field "course": curriculum "Q1" lists unknown course "Bio""#]
);
ctt_error!(unknown_course_in_unavailability, edited(&[(22, "Bio 0 0")]), [r#"x.ctt:22: field "course": unknown course "Bio""#]);
ctt_error!(
    duplicate_course,
    edited(&[(12, "Alg Cyd 1 1 20")]),
    [r#"x.ctt:12: field "course": course "Alg" is defined twice"#, r#"x.ctt:22: field "course": unknown course "Phy""#]
);
ctt_error!(duplicate_room, edited(&[(16, "R1 40")]), [r#"x.ctt:16: field "room": room "R1" is defined twice"#]);
ctt_error!(
    duplicate_curriculum,
    edited(&[(6, "Curricula: 2"), (20, "Q1 1 Phy")]),
    [r#"x.ctt:20: field "curriculum": curriculum "Q1" is defined twice"#]
);
ctt_error!(
    course_listed_twice_in_a_curriculum,
    edited(&[(19, "Q1 3 Alg Geo Alg")]),
    [r#"x.ctt:19: field "course": curriculum "Q1" lists course "Alg" twice"#]
);
ctt_error!(
    curriculum_count_disagrees_with_its_list,
    edited(&[(19, "Q1 3 Alg Geo")]),
    [r##"x.ctt:19: field "#courses": curriculum "Q1" announces 3 courses but lists 2"##]
);
ctt_error!(
    day_and_period_out_of_range,
    edited(&[(22, "Phy 3 0"), (23, "Geo 2 2")]),
    [r#"x.ctt:22: field "day": expected at most 2, found 3"#, r#"x.ctt:23: field "period": expected at most 1, found 2"#]
);

ctt_error!(
    huge_course_count,
    edited(&[(2, "Courses: 99999999999999999999999")]),
    [r#"x.ctt:2: field "Courses": expected at most 4294967295, found 99999999999999999999999"#]
);
ctt_error!(huge_day_count, edited(&[(4, "Days: 70000")]), [r#"x.ctt:4: field "Days": expected at most 65535, found 70000"#]);
ctt_error!(
    huge_lecture_count,
    edited(&[(10, "Alg Ada 99999999999 2 25")]),
    [r#"x.ctt:10: field "lectures": expected at most 4294967295, found 99999999999"#]
);
ctt_error!(
    more_lectures_than_supported,
    edited(&[(10, "Alg Ada 4000000000 2 25")]),
    [r#"x.ctt:2: field "lectures": 4000000003 lectures in total is more than the supported 1048576"#]
);
ctt_error!(
    too_many_slots,
    edited(&[(4, "Days: 300"), (5, "Periods_per_day: 300")]),
    [r#"x.ctt:4: field "Days": 300 days of 300 periods: expected at least 1 of each and at most 65535 slots"#]
);
ctt_error!(
    zero_days,
    edited(&[(4, "Days: 0")]),
    [
        r#"x.ctt:4: field "Days": 0 days of 2 periods: expected at least 1 of each and at most 65535 slots"#,
        r#"x.ctt:23: field "day": expected at most 0, found 2"#,
    ]
);

ctt_error!(missing_end, edited(&[(25, "")]), [r#"x.ctt:23: field "END.": expected "END.", found the end of the file"#]);
ctt_error!(text_after_end, format!("{BASE}\nmore stuff\n"), [r#"x.ctt:27: field "END.": unexpected text after "END.": "more stuff""#]);
ctt_error!(
    unknown_header_key,
    edited(&[(1, "Nome: Tiny")]),
    [
        format!(r#"x.ctt:1: field "header": unknown header "Nome"; expected one of {HEADER_KEYS}"#),
        r#"x.ctt:9: field "Name": missing header "Name:""#.to_owned()
    ]
);
ctt_error!(
    header_without_colon,
    edited(&[(3, "Rooms 2")]),
    [
        r#"x.ctt:3: field "header": expected "Key: value" or "COURSES:", found "Rooms 2""#,
        r#"x.ctt:9: field "Rooms": missing header "Rooms:""#
    ]
);
ctt_error!(repeated_header, edited(&[(8, "Days: 3")]), [r#"x.ctt:8: field "Days": header "Days" appears twice"#]);
ctt_error!(
    course_with_four_fields,
    edited(&[(10, "Alg Ada 2 2")]),
    [
        r#"x.ctt:10: field "COURSES": expected 5 fields (course teacher lectures min_working_days students), found 4"#,
        r#"x.ctt:19: field "course": curriculum "Q1" lists unknown course "Alg""#,
    ]
);
ctt_error!(
    room_with_three_fields,
    edited(&[(15, "R1 30 big")]),
    [r#"x.ctt:15: field "ROOMS": expected 2 fields (room capacity), found 3"#]
);
ctt_error!(
    curriculum_without_count,
    edited(&[(19, "Q1")]),
    [r#"x.ctt:19: field "CURRICULA": expected a curriculum, a count and its courses, found 1 fields"#]
);
ctt_error!(
    unavailability_with_two_fields,
    edited(&[(22, "Phy 0")]),
    [r#"x.ctt:22: field "UNAVAILABILITY_CONSTRAINTS": expected 3 fields (course day period), found 2"#]
);
ctt_error!(
    missing_section_title,
    edited(&[(14, "")]),
    [
        r#"x.ctt:9: field "COURSES:": the header (line 2) announces 3 courses, the section has 5"#,
        r#"x.ctt:15: field "COURSES": expected 5 fields (course teacher lectures min_working_days students), found 2"#,
        r#"x.ctt:16: field "COURSES": expected 5 fields (course teacher lectures min_working_days students), found 2"#,
        r#"x.ctt:18: field "ROOMS:": expected section "ROOMS:", found "CURRICULA:""#,
    ]
);
ctt_error!(
    long_garbage_is_clipped,
    edited(&[(1, "Name: Tiny"), (8, &"x".repeat(1000))]),
    [format!(r#"x.ctt:8: field "header": expected "Key: value" or "COURSES:", found "{}""#, "x".repeat(40))]
);
ctt_error!(
    empty_file,
    "",
    [
        r#"x.ctt:1: field "Name": missing header "Name:""#,
        r#"x.ctt:1: field "Courses": missing header "Courses:""#,
        r#"x.ctt:1: field "Rooms": missing header "Rooms:""#,
        r#"x.ctt:1: field "Days": missing header "Days:""#,
        r#"x.ctt:1: field "Periods_per_day": missing header "Periods_per_day:""#,
        r#"x.ctt:1: field "Curricula": missing header "Curricula:""#,
        r#"x.ctt:1: field "Constraints": missing header "Constraints:""#,
        r#"x.ctt:1: field "COURSES:": expected section "COURSES:", found the end of the file"#,
        r#"x.ctt:1: field "ROOMS:": expected section "ROOMS:", found the end of the file"#,
        r#"x.ctt:1: field "CURRICULA:": expected section "CURRICULA:", found the end of the file"#,
        r#"x.ctt:1: field "UNAVAILABILITY_CONSTRAINTS:": expected section "UNAVAILABILITY_CONSTRAINTS:", found the end of the file"#,
        r#"x.ctt:1: field "END.": expected "END.", found the end of the file"#,
    ]
);

// Several unrelated faults are all reported, in line order, although the reader finds the
// header's numbers (line 3) only after it has read every header line (line 8).
ctt_error!(
    every_issue_is_collected_in_line_order,
    edited(&[(3, "Rooms: x"), (8, "Colour: blue"), (15, "R1 -30"), (19, "Q1 2 Alg Bio"), (23, "Geo 9 1")]),
    [
        r#"x.ctt:3: field "Rooms": expected an integer, found "x""#.to_owned(),
        format!(r#"x.ctt:8: field "header": unknown header "Colour"; expected one of {HEADER_KEYS}"#),
        r#"x.ctt:15: field "capacity": expected a non-negative integer, found "-30""#.to_owned(),
        r#"x.ctt:19: field "course": curriculum "Q1" lists unknown course "Bio""#.to_owned(),
        r#"x.ctt:23: field "day": expected at most 2, found 9"#.to_owned(),
    ]
);

#[test]
fn invalid_utf8_names_the_file_and_line() {
    let mut bytes = BASE.as_bytes().to_vec();
    let at = BASE.find("Bob").expect("line 11 names Bob");
    bytes[at + 1] = 0xff;
    let file = TempFile::new("bad-utf8.ctt", &bytes);
    let name = file.path().display().to_string();
    let expected = vec![format!("{name}:11: the file is not valid UTF-8 text")];
    assert_eq!(parse_error_lines(&ctt::read_instance(file.path()).expect_err("not UTF-8"), &name), expected);
    assert_eq!(parse_error_lines(&read_problem(file.path()).expect_err("not UTF-8"), &name), expected);

    let json_file = TempFile::new("bad-utf8.json", b"{\n\"name\": \"\xc3\x28\"\n}");
    let json_name = json_file.path().display().to_string();
    assert_eq!(
        parse_error_lines(&read_problem(json_file.path()).expect_err("not UTF-8"), &json_name),
        vec![format!("{json_name}:2: the file is not valid UTF-8 text")]
    );

    let problem = ctt::parse_instance("x.ctt", BASE).and_then(|i| i.to_problem()).unwrap_or_else(|e| panic!("{e}"));
    let solution = TempFile::new("bad-utf8.sol", b"Alg R1 0 0\nAlg R1 1 \xfe0\n");
    let solution_name = solution.path().display().to_string();
    let err = read_timetable(&problem, solution.path()).expect_err("not UTF-8");
    assert_eq!(parse_error_lines(&err, &solution_name), vec![format!("{solution_name}:2: the file is not valid UTF-8 text")]);
}

#[test]
fn missing_files_name_the_file() {
    let path = std::env::temp_dir().join(format!("horarium-core-test-{}-does-not-exist.ctt", std::process::id()));
    let err = read_problem(&path).expect_err("no such file");
    assert!(matches!(err, Error::Io { .. }), "{err:?}");
    assert!(err.to_string().starts_with(&format!("{}: ", path.display())), "{err}");
}

/// Cutting comp01 anywhere before the end of `END.` gives a located error, never a panic or a success.
#[test]
fn truncated_instances_are_rejected_with_located_errors() {
    let path = horarium_fixtures::itc2007_instance("comp01");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let end = text.find("END.").expect("comp01 ends with END.") + "END.".len();
    for cut in 0..end {
        let prefix = &text[..cut];
        let n_lines = prefix.lines().count().max(1);
        let err = ctt::parse_instance("comp01.ctt", prefix).expect_err("a truncated instance is rejected");
        let lines = parse_error_lines(&err, "comp01.ctt");
        for issue in err.issues() {
            let line = issue.line.expect("a .ctt issue has a line");
            assert!((1..=n_lines).contains(&line), "cut at {cut}: line {line} is beyond the {n_lines} lines left");
        }
        assert!(lines.iter().any(|l| l.contains(r#"field "END.""#) || l.contains("announces")), "cut at {cut}: {lines:?}");
        // A cut at the end of a line inside a section leaves the next sections missing, and says so.
        let last_section = ["COURSES:", "ROOMS:", "CURRICULA:", "UNAVAILABILITY_CONSTRAINTS:"]
            .iter()
            .rposition(|s| prefix.lines().any(|l| l.trim() == *s));
        if let Some(k) = last_section.filter(|&k| k < 3 && prefix.ends_with('\n')) {
            let next = ["ROOMS:", "CURRICULA:", "UNAVAILABILITY_CONSTRAINTS:"][k];
            assert!(
                lines.iter().any(|l| l.contains(&format!("expected section \"{next}\", found the end of the file"))),
                "cut at {cut}: {lines:?}"
            );
        }
    }
    for cut in end..=text.len() {
        assert!(ctt::parse_instance("comp01.ctt", &text[..cut]).is_ok(), "cut at {cut} keeps END. and must parse");
    }
}

/// comp01 with one course line removed: the header says 30 courses, the section has 29.
#[test]
fn a_missing_course_line_is_counted_and_its_references_reported() {
    let path = horarium_fixtures::itc2007_instance("comp01");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let lines: Vec<&str> = text.lines().collect();
    let title = lines.iter().position(|l| l.trim() == "COURSES:").expect("a COURSES: section") + 1;
    let removed = lines.iter().position(|l| l.starts_with("c0001 ")).expect("course c0001");
    let kept: Vec<&str> = lines.iter().enumerate().filter(|(idx, _)| *idx != removed).map(|(_, l)| *l).collect();
    let errors = ctt_errors(&(kept.join("\n") + "\n")).into_iter().map(|l| l.replacen("x.ctt", "comp01.ctt", 1)).collect::<Vec<_>>();
    let announced = format!(r#"comp01.ctt:{title}: field "COURSES:": the header (line 2) announces 30 courses, the section has 29"#);
    assert_eq!(errors[0], announced, "{errors:#?}");
    assert!(errors[1..].iter().all(|l| l.contains(r#"unknown course "c0001""#)), "{errors:#?}");
    assert!(errors.len() > 1, "c0001 is listed in curricula: {errors:#?}");
}

/// The message lines for a JSON problem that must be rejected.
fn json_problem_errors(text: &str) -> Vec<String> {
    match json::parse_problem("x.json", text) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(err) => parse_error_lines(&err, "x.json"),
    }
}

#[test]
fn json_unknown_teacher_gives_its_path() {
    let text = r#"{"name": "x", "calendar": {"days": 1, "periods_per_day": 1}, "teachers": [{"name": "Ada"}], "courses": [{"name": "c", "teachers": ["t9"], "lessons": 1}]}"#;
    assert_eq!(json_problem_errors(text), vec![r#"x.json: field "courses[0].teachers[0]": unknown teacher "t9""#]);
}

#[test]
fn json_problem_issues_are_all_collected() {
    let text = r#"{
        "name": "x",
        "calendar": {"days": 2, "periods_per_day": 3},
        "teachers": [{"name": "Ada"}, {"name": "Ada"}],
        "groups": [{"name": "G1", "parent": "G9"}, {"name": "G2", "parent": "G3"}, {"name": "G3", "parent": "G2"}],
        "rooms": [{"name": "R1", "capacity": 10}],
        "courses": [
            {"name": "c1", "teachers": ["Ada", "Ada"], "groups": ["G7"], "lessons": [1, 0, 4], "rooms": {"only": ["R2"]},
             "pinned": [{"lesson": 5, "day": 0, "period": 0}, {"lesson": 0, "day": 2, "period": 0}, {"lesson": 1, "day": 0, "period": 0, "room": "R3"}]}
        ],
        "constraints": [
            {"kind": "min_working_days", "level": {"soft": 5}, "course": "c9", "days": 1},
            {"kind": "min_working_days", "level": {"soft": 5}, "course": "c1", "days": 3},
            {"kind": "unavailable", "level": "hard", "resource": {"room": "R1"}, "slots": [{"day": 0, "period": 3}]},
            {"kind": "isolated_lessons", "level": {"soft": 2}, "group": "G8"}
        ]
    }"#;
    assert_eq!(
        json_problem_errors(text),
        vec![
            r#"x.json: field "teachers[1].name": duplicate name "Ada""#,
            r#"x.json: field "groups[0].parent": unknown group "G9""#,
            r#"x.json: field "groups[1].parent": group "G2" is its own ancestor"#,
            r#"x.json: field "groups[2].parent": group "G3" is its own ancestor"#,
            r#"x.json: field "courses[0].teachers[1]": "Ada" is listed twice"#,
            r#"x.json: field "courses[0].groups[0]": unknown group "G7""#,
            r#"x.json: field "courses[0].rooms.only[0]": unknown room "R2""#,
            r#"x.json: field "courses[0].lessons[1]": lesson length 0 must be between 1 and periods_per_day (3)"#,
            r#"x.json: field "courses[0].lessons[2]": lesson length 4 must be between 1 and periods_per_day (3)"#,
            r#"x.json: field "courses[0].pinned[0].lesson": the course has 3 lessons; lesson 5 does not exist"#,
            r#"x.json: field "courses[0].pinned[1]": day 2 period 0 is outside the 2x3 calendar"#,
            r#"x.json: field "courses[0].pinned[2].room": unknown room "R3""#,
            r#"x.json: field "constraints[0].course": unknown course "c9""#,
            r#"x.json: field "constraints[2].slots[0]": day 0 period 3 is outside the 2x3 calendar"#,
            r#"x.json: field "constraints[3].group": unknown group "G8""#,
        ]
    );
}

#[test]
fn json_calendar_issues() {
    let text = r#"{"name": "x", "calendar": {"days": 0, "periods_per_day": 3, "day_names": ["Mon"]}, "courses": []}"#;
    assert_eq!(
        json_problem_errors(text),
        vec![
            r#"x.json: field "calendar": days and periods_per_day must both be at least 1"#,
            r#"x.json: field "calendar.day_names": expected 0 names, found 1"#
        ]
    );
    let text = r#"{"name": "x", "calendar": {"days": 300, "periods_per_day": 300}, "courses": []}"#;
    assert_eq!(json_problem_errors(text), vec![r#"x.json: field "calendar": 90000 slots is more than the supported 65535"#]);
}

#[test]
fn json_syntax_and_type_errors_give_a_line() {
    let missing_comma = "{\n  \"name\": \"x\",\n  \"calendar\": {\"days\": 1 \"periods_per_day\": 1},\n  \"courses\": []\n}";
    assert_eq!(json_problem_errors(missing_comma), vec!["x.json:3: expected `,` or `}` (column 26)"]);
    let wrong_type = "{\n  \"name\": \"x\",\n  \"calendar\": {\"days\": \"five\", \"periods_per_day\": 1},\n  \"courses\": []\n}";
    assert_eq!(json_problem_errors(wrong_type), vec!["x.json:3: invalid type: string \"five\", expected u16 (column 29)"]);
    let unknown_field =
        "{\n  \"name\": \"x\",\n  \"colour\": 1,\n  \"calendar\": {\"days\": 1, \"periods_per_day\": 1},\n  \"courses\": []\n}";
    let errors = json_problem_errors(unknown_field);
    assert_eq!(errors.len(), 1);
    assert!(errors[0].starts_with("x.json:3: unknown field `colour`, expected one of"), "{errors:?}");
    let missing_field = "{\"name\": \"x\",\n \"calendar\": {\"days\": 1, \"periods_per_day\": 1}}";
    assert_eq!(json_problem_errors(missing_field), vec!["x.json:2: missing field `courses` (column 47)"]);
    let zero_weight = "{\"name\": \"x\", \"calendar\": {\"days\": 1, \"periods_per_day\": 1}, \"courses\": [],\n\"constraints\": [{\"kind\": \"room_capacity\", \"level\": {\"soft\": 0}}]}";
    let errors = json_problem_errors(zero_weight);
    assert!(errors.len() == 1 && errors[0].starts_with("x.json:2: "), "{errors:?}");
    assert_eq!(json_problem_errors(""), vec!["x.json:1: EOF while parsing a value (column 0)"]);
    let trailing = "{\"name\": \"x\", \"calendar\": {\"days\": 1, \"periods_per_day\": 1}, \"courses\": []}\n}";
    assert_eq!(json_problem_errors(trailing), vec!["x.json:2: trailing characters (column 1)"]);
}

/// The problem behind the timetable tests: [`BASE`].
fn base_problem() -> horarium_core::Problem {
    ctt::parse_instance("x.ctt", BASE).and_then(|i| i.to_problem()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn json_timetable_issues_are_all_collected_with_paths() {
    let problem = base_problem();
    let text = r#"{"assignments": [
        {"course": "Bio", "day": 0, "period": 0, "room": "R1"},
        {"course": "Alg", "day": 0, "period": 0, "room": "R9"},
        {"course": "Alg", "day": 3, "period": 0, "room": "R1"},
        {"course": "Alg", "lesson": 0, "day": 0, "period": 0, "room": "R1"},
        {"course": "Alg", "lesson": 0, "day": 1, "period": 0, "room": "R1"},
        {"course": "Phy", "lesson": 5, "day": 1, "period": 1}
    ]}"#;
    let err = json::parse_timetable(&problem, "t.json", text).expect_err("bad references");
    assert_eq!(
        parse_error_lines(&err, "t.json"),
        vec![
            r#"t.json: field "assignments[0].course": unknown course "Bio""#,
            r#"t.json: field "assignments[1].room": unknown room "R9""#,
            r#"t.json: field "assignments[2]": day 3 period 0 is outside the 3x2 week"#,
            r#"t.json: field "assignments[4].lesson": lesson 0 of course "Alg" is placed twice"#,
            r#"t.json: field "assignments[5].lesson": course "Phy" has 1 lessons; lesson 5 does not exist"#,
        ]
    );
    let syntax = "{\"assignments\": [\n  {\"course\": \"Alg\", \"day\": 0, \"period\": 0,}\n]}";
    let err = json::parse_timetable(&problem, "t.json", syntax).expect_err("a trailing comma");
    assert_eq!(parse_error_lines(&err, "t.json"), vec!["t.json:2: trailing comma (column 43)"]);
    let negative = "{\"assignments\": [{\"course\": \"Alg\", \"day\": -1, \"period\": 0}]}";
    let err = json::parse_timetable(&problem, "t.json", negative).expect_err("a negative day");
    let lines = parse_error_lines(&err, "t.json");
    assert!(lines.len() == 1 && lines[0].starts_with("t.json:1: invalid value: integer `-1`, expected u16"), "{lines:?}");
}

#[test]
fn solution_lines_that_are_skipped_give_located_warnings() {
    let problem = base_problem();
    let text = "Alg R1 0 0\nAlg R9 1 0\nBio R1 1 0\nGeo R2 3 1\nGeo R2 x 1\nGeo R2 0\nAlg R2 0 0\n\nGeo R2 -1 99999999999999999999\n";
    let read = ctt_solution::parse_solution(&problem, text);
    let warnings: Vec<String> = read.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        vec![
            r#"2: field "room": unknown room "R9""#,
            r#"3: field "course": unknown course "Bio""#,
            r#"4: field "day/period": day 3 period 1 is outside the 3x2 week"#,
            r#"5: field "day/period": expected integers, found "x" and "1""#,
            r#"6: field "line": expected 4 fields (course room day period), found 3"#,
            r#"7: field "period": repeated entry: course Alg already has a lecture at day 0 period 0"#,
            r#"9: field "day/period": expected integers, found "-1" and "99999999999999999999""#,
        ]
    );
    assert_eq!(read.timetable.n_unplaced(), problem.lessons().len() - 1, "only the first line places a lecture");
}
