//! `max_per_day`: a course has at most some lessons on one day.

use super::ConstraintKind;
use crate::calendar::Calendar;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{CourseId, Resource};
use crate::names::Names;

const SUMMARY: &str = "a course has at most a number of lessons on one day; one unit per lesson too many";

/// At most `max` lessons of a course on any one day.
///
/// With `max` 1, a course's lessons are spread one per day: the usual rule for a school subject
/// (a double period is one lesson). The amount is, per day, the lessons beyond `max`.
/// Together with `min_working_days` it makes the spread of a course.
///
/// ```json
/// {"kind": "max_per_day", "level": "hard", "course": "Maths-5A", "max": 1}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MaxPerDay {
    /// The course.
    pub course: CourseId,
    /// Most lessons on a day.
    pub max: u16,
}

/// [`MaxPerDay`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MaxPerDayDef {
    /// Course name.
    pub course: String,
    /// Most lessons on a day.
    pub max: u16,
}

impl ConstraintKind for MaxPerDay {
    type Def = MaxPerDayDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: MaxPerDayDef, names: &Names, _calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        Some(MaxPerDay { course: names.course(&def.course, &format!("{path}.course"), issues)?, max: def.max })
    }

    fn to_def(&self, problem: &Entities) -> MaxPerDayDef {
        MaxPerDayDef { course: problem.course(self.course).name.clone(), max: self.max }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let calendar = view.problem.calendar();
        let mut per_day: Vec<Vec<usize>> = vec![Vec::new(); usize::from(calendar.days)];
        for &e in &view.by_course[self.course.index()] {
            per_day[usize::from(calendar.day(view.entries[e].slot))].push(e);
        }
        let name = &view.problem.course(self.course).name;
        for (day, entries) in per_day.iter().enumerate() {
            if entries.len() <= usize::from(self.max) {
                continue;
            }
            #[allow(clippy::cast_possible_truncation, reason = "days fit u16")]
            let label = calendar.day_label(day as u16);
            let message = format!(
                "course {name} has {} lessons on {label}; at most {} {} allowed",
                entries.len(),
                self.max,
                if self.max == 1 { "is" } else { "are" }
            );
            let slots = entries.iter().map(|&e| view.entries[e].slot).collect();
            sink.add(
                (entries.len() - usize::from(self.max)) as u64,
                view.lessons_of(entries),
                slots,
                vec![Resource::Course(self.course)],
                message,
            );
        }
    }
}
