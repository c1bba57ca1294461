//! A generated XHSTT archive of any number of events, shaped like the shared school instances:
//! five days of ten times, a class per 25 events, teachers, courses of two or three events, the
//! constraint types those instances use, and one solution.

use std::fmt::Write as _;

const DAYS: [&str; 5] = ["Mo", "Tu", "We", "Th", "Fr"];
const TIMES_PER_DAY: usize = 10;

/// The text of an archive with `events` events (at least 25) and one solution of them.
pub fn generated_archive(events: usize) -> String {
    let classes = events.div_ceil(25);
    let teachers = classes * 13 / 10 + 1;
    let mut out = String::with_capacity(events * 700);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<HighSchoolTimetableArchive Id=\"generated\">\r\n<Instances>\r\n");
    let _ = write!(
        out,
        "<Instance Id=\"G{events}\">\r\n<MetaData><Name>Generated, {events} events</Name></MetaData>\r\n<Times>\r\n<TimeGroups>\r\n"
    );
    for day in DAYS {
        let _ = write!(out, "<Day Id=\"gr_{day}\"><Name>{day}</Name></Day>\r\n");
    }
    out.push_str("<TimeGroup Id=\"gr_Doubles\"><Name>Starts of double lessons</Name></TimeGroup>\r\n</TimeGroups>\r\n");
    for day in DAYS {
        for p in 1..=TIMES_PER_DAY {
            let double = if p % 2 == 1 { "<TimeGroups><TimeGroup Reference=\"gr_Doubles\"/></TimeGroups>" } else { "" };
            let _ = write!(out, "<Time Id=\"{day}_{p}\"><Name>{day}_{p}</Name><Day Reference=\"gr_{day}\"/>{double}</Time>\r\n");
        }
    }
    out.push_str("</Times>\r\n<Resources>\r\n<ResourceTypes><ResourceType Id=\"Teacher\"><Name>Teacher</Name></ResourceType><ResourceType Id=\"Class\"><Name>Class</Name></ResourceType></ResourceTypes>\r\n");
    out.push_str("<ResourceGroups><ResourceGroup Id=\"gr_Teachers\"><Name>Teachers</Name><ResourceType Reference=\"Teacher\"/></ResourceGroup><ResourceGroup Id=\"gr_Classes\"><Name>Classes</Name><ResourceType Reference=\"Class\"/></ResourceGroup></ResourceGroups>\r\n");
    for t in 0..teachers {
        let _ = write!(out, "<Resource Id=\"T{t}\"><Name>Teacher {t}</Name><ResourceType Reference=\"Teacher\"/><ResourceGroups><ResourceGroup Reference=\"gr_Teachers\"/></ResourceGroups></Resource>\r\n");
    }
    for c in 0..classes {
        let _ = write!(out, "<Resource Id=\"C{c}\"><Name>Class {c}</Name><ResourceType Reference=\"Class\"/><ResourceGroups><ResourceGroup Reference=\"gr_Classes\"/></ResourceGroups></Resource>\r\n");
    }
    out.push_str("</Resources>\r\n<Events>\r\n<EventGroups>\r\n<EventGroup Id=\"gr_AllEvents\"><Name>All events</Name></EventGroup>\r\n");
    // Course k holds events 3k/… : every class's 25 events form 9 courses of 2 or 3 events.
    let course_of = |e: usize| (e / 25) * 9 + (e % 25) / 3;
    let courses = course_of(events - 1) + 1;
    for k in 0..courses {
        let _ = write!(out, "<Course Id=\"gr_S{k}\"><Name>Subject {k}</Name></Course>\r\n");
    }
    out.push_str("</EventGroups>\r\n");
    for e in 0..events {
        let class = e / 25;
        let teacher = (class * 7 + (e % 25) / 3) % teachers;
        let duration = if e % 4 == 0 { 2 } else { 1 };
        let _ = write!(
            out,
            "<Event Id=\"E{e}\"><Name>Lesson {e}</Name><Duration>{duration}</Duration><Course Reference=\"gr_S{}\"/>\r\n<Resources><Resource Reference=\"T{teacher}\"><Role>Teacher</Role></Resource><Resource Reference=\"C{class}\"><Role>Class</Role></Resource></Resources>\r\n<EventGroups><EventGroup Reference=\"gr_AllEvents\"/></EventGroups></Event>\r\n",
            course_of(e)
        );
    }
    out.push_str("</Events>\r\n<Constraints>\r\n");
    let common = |out: &mut String, kind: &str, id: &str, required: bool, weight: u32, applies: &str| {
        let _ = write!(out, "<{kind} Id=\"{id}\"><Name>{id}</Name><Required>{required}</Required><Weight>{weight}</Weight><CostFunction>Linear</CostFunction><AppliesTo>{applies}</AppliesTo>");
    };
    let all = "<EventGroups><EventGroup Reference=\"gr_AllEvents\"/></EventGroups>";
    common(&mut out, "AssignTimeConstraint", "AssignTimes", true, 1, all);
    out.push_str("</AssignTimeConstraint>\r\n");
    common(&mut out, "SplitEventsConstraint", "NoSplit", true, 1, all);
    out.push_str("<MinimumDuration>1</MinimumDuration><MaximumDuration>9</MaximumDuration><MinimumAmount>1</MinimumAmount><MaximumAmount>1</MaximumAmount></SplitEventsConstraint>\r\n");
    common(&mut out, "PreferTimesConstraint", "Doubles", true, 1, all);
    out.push_str("<TimeGroups><TimeGroup Reference=\"gr_Doubles\"/></TimeGroups><Duration>2</Duration></PreferTimesConstraint>\r\n");
    let mut course_list = String::from("<EventGroups>");
    for k in 0..courses {
        let _ = write!(course_list, "<EventGroup Reference=\"gr_S{k}\"/>");
    }
    course_list.push_str("</EventGroups>");
    common(&mut out, "SpreadEventsConstraint", "OncePerDay", true, 1, &course_list);
    out.push_str("<TimeGroups>");
    for day in DAYS {
        let _ = write!(out, "<TimeGroup Reference=\"gr_{day}\"><Minimum>0</Minimum><Maximum>1</Maximum></TimeGroup>");
    }
    out.push_str("</TimeGroups></SpreadEventsConstraint>\r\n");
    let people = "<ResourceGroups><ResourceGroup Reference=\"gr_Teachers\"/><ResourceGroup Reference=\"gr_Classes\"/></ResourceGroups>";
    common(&mut out, "AvoidClashesConstraint", "Clashes", true, 1, people);
    out.push_str("</AvoidClashesConstraint>\r\n");
    for t in (0..teachers).step_by(10) {
        common(
            &mut out,
            "AvoidUnavailableTimesConstraint",
            &format!("Away_T{t}"),
            true,
            1,
            &format!("<Resources><Resource Reference=\"T{t}\"/></Resources>"),
        );
        out.push_str("<Times><Time Reference=\"Fr_9\"/><Time Reference=\"Fr_10\"/></Times></AvoidUnavailableTimesConstraint>\r\n");
    }
    let days: String = DAYS.iter().map(|d| format!("<TimeGroup Reference=\"gr_{d}\"/>")).collect();
    for (kind, id, applies, limits) in [
        ("LimitIdleTimesConstraint", "NoIdle", "gr_Classes", "<Minimum>0</Minimum><Maximum>0</Maximum>"),
        ("LimitBusyTimesConstraint", "Daily", "gr_Teachers", "<Minimum>2</Minimum><Maximum>7</Maximum>"),
        ("ClusterBusyTimesConstraint", "Days", "gr_Teachers", "<Minimum>0</Minimum><Maximum>4</Maximum>"),
    ] {
        common(&mut out, kind, id, false, 1, &format!("<ResourceGroups><ResourceGroup Reference=\"{applies}\"/></ResourceGroups>"));
        let _ = write!(out, "<TimeGroups>{days}</TimeGroups>{limits}</{kind}>\r\n");
    }
    out.push_str("</Constraints>\r\n</Instance>\r\n</Instances>\r\n<SolutionGroups>\r\n<SolutionGroup Id=\"generated\"><MetaData><Contributor>Horarium</Contributor></MetaData>\r\n");
    let _ = write!(out, "<Solution Reference=\"G{events}\">\r\n<Events>\r\n");
    let times = DAYS.len() * TIMES_PER_DAY;
    for e in 0..events {
        let at = (e * 7) % (times - 1);
        let _ = write!(
            out,
            "<Event Reference=\"E{e}\"><Time Reference=\"{}_{}\"/></Event>\r\n",
            DAYS[at / TIMES_PER_DAY],
            at % TIMES_PER_DAY + 1
        );
    }
    out.push_str("</Events>\r\n</Solution>\r\n</SolutionGroup>\r\n</SolutionGroups>\r\n</HighSchoolTimetableArchive>\r\n");
    out
}
