//! Constraints built in code, typed: the rule set every school gets, and constructors for the
//! rules a school adds about its courses and teachers.
//!
//! The generator of test schools and the platform build their problems from these, so that a
//! misspelt kind or parameter is a compile error rather than a failure at run time, and so that
//! both give a school the same rules.
//!
//! ```
//! use horarium_core::{model::ProblemDef, rules, Calendar, Problem};
//! let mut def: ProblemDef = serde_json::from_str(r#"{"name": "s", "calendar": {"days": 5, "periods_per_day": 6},
//!   "teachers": [{"name": "Ada"}], "groups": [{"name": "5A"}], "rooms": [{"name": "R1", "capacity": 30}],
//!   "courses": [{"name": "Maths 5A", "teachers": ["Ada"], "groups": ["5A"], "lessons": 4}]}"#).unwrap();
//! def.constraints = rules::school();
//! def.constraints.extend(rules::spread("Maths 5A", 4, def.calendar.days));
//! def.constraints.push(rules::unavailable_teacher("Ada", [(0, 0), (0, 1)]));
//! assert_eq!(Problem::from_def(def).unwrap().constraints().len(), 8);
//! ```

use std::num::NonZeroU32;

use crate::constraints::{
    Clashes, ConstraintDef, ConstraintEntryDef, IdleGapsDef, MaxPerDayDef, MinWorkingDaysDef, Per, ResourceRefDef, RoomCapacity,
    RoomOccupancy, SlotDef, UnavailableDef, WhoDef,
};
use crate::level::Level;

impl ConstraintEntryDef {
    /// A hard constraint.
    pub fn hard(constraint: ConstraintDef) -> Self {
        ConstraintEntryDef { level: Level::Hard, constraint }
    }

    /// A soft constraint of `weight`.
    pub fn soft(weight: NonZeroU32, constraint: ConstraintDef) -> Self {
        ConstraintEntryDef { level: Level::Soft(weight), constraint }
    }
}

fn weight(w: u32) -> NonZeroU32 {
    NonZeroU32::new(w).expect("the rules' weights are positive")
}

/// The rules every school gets: nobody in two places at once, one lesson per room and enough
/// seats (hard); at most one idle period a day for each teacher (soft 1) and none in the week for
/// each group of students (soft 3).
pub fn school() -> Vec<ConstraintEntryDef> {
    vec![
        ConstraintEntryDef::hard(ConstraintDef::Clashes(Clashes {})),
        ConstraintEntryDef::hard(ConstraintDef::RoomOccupancy(RoomOccupancy {})),
        ConstraintEntryDef::hard(ConstraintDef::RoomCapacity(RoomCapacity {})),
        ConstraintEntryDef::soft(
            weight(1),
            ConstraintDef::IdleGaps(IdleGapsDef { who: WhoDef::AllTeachers, per: Per::Day, max: 1, not_counted: Vec::new() }),
        ),
        ConstraintEntryDef::soft(
            weight(3),
            ConstraintDef::IdleGaps(IdleGapsDef { who: WhoDef::AllGroups, per: Per::Week, max: 0, not_counted: Vec::new() }),
        ),
    ]
}

/// How a school spreads the `lessons` lessons of a course over a week of `days` days: at most
/// one a day when it has two or more (soft 2), and on at least three days when it has three or
/// more and the week has three days (soft 1).
pub fn spread(course: &str, lessons: usize, days: u16) -> Vec<ConstraintEntryDef> {
    let mut res = Vec::new();
    if lessons >= 2 {
        res.push(ConstraintEntryDef::soft(weight(2), ConstraintDef::MaxPerDay(MaxPerDayDef { course: course.to_owned(), max: 1 })));
    }
    if lessons >= 3 && days >= 3 {
        let min_days = MinWorkingDaysDef { course: course.to_owned(), days: 3 };
        res.push(ConstraintEntryDef::soft(weight(1), ConstraintDef::MinWorkingDays(min_days)));
    }
    res
}

/// The teacher named `teacher` cannot teach at these `(day, period)` slots (hard).
pub fn unavailable_teacher(teacher: &str, slots: impl IntoIterator<Item = (u16, u16)>) -> ConstraintEntryDef {
    ConstraintEntryDef::hard(ConstraintDef::Unavailable(UnavailableDef {
        resource: ResourceRefDef::Teacher(teacher.to_owned()),
        slots: slots.into_iter().map(|(day, period)| SlotDef { day, period }).collect(),
    }))
}
