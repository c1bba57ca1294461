//! `min_working_days`: the lessons of a course are spread over at least some number of days.

use super::ConstraintKind;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{CourseId, Resource};
use crate::names::Names;

const SUMMARY: &str = "a course's lessons are spread over at least a number of days; one unit per missing day";

/// The lessons of a course fall on at least `days` different days.
///
/// The amount is the number of days missing, as ITC-2007 track 3 counts `MinWorkingDays`
/// (there `Soft(5)`). XHSTT's SpreadEvents with a minimum is the general form.
///
/// ```json
/// {"kind": "min_working_days", "level": {"soft": 5}, "course": "Maths-5A", "days": 4}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MinWorkingDays {
    /// The course.
    pub course: CourseId,
    /// The least number of distinct days.
    pub days: u16,
}

/// [`MinWorkingDays`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MinWorkingDaysDef {
    /// Course name.
    pub course: String,
    /// The least number of distinct days.
    pub days: u16,
}

impl ConstraintKind for MinWorkingDays {
    type Def = MinWorkingDaysDef;
    const SUMMARY: &'static str = SUMMARY;
    const ITC2007: Option<&'static str> = Some("MinWorkingDays");

    fn resolve(def: MinWorkingDaysDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let course = names.course(&def.course, &format!("{path}.course"), issues)?;
        if def.days > calendar.days {
            issues.push(Issue::at_path(format!("{path}.days"), format!("{} days asked for, but the week has {}", def.days, calendar.days)));
            return None;
        }
        Some(MinWorkingDays { course, days: def.days })
    }

    fn to_def(&self, problem: &Entities) -> MinWorkingDaysDef {
        MinWorkingDaysDef { course: problem.course(self.course).name.clone(), days: self.days }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let calendar = view.problem.calendar();
        let mut used = vec![false; usize::from(calendar.days)];
        let entries = &view.by_course[self.course.index()];
        for &e in entries {
            used[usize::from(calendar.day(view.entries[e].slot))] = true;
        }
        let n_used = used.iter().filter(|&&u| u).count();
        let missing = usize::from(self.days).saturating_sub(n_used);
        if missing > 0 {
            let name = &view.problem.course(self.course).name;
            let message = format!("course {name} meets on {n_used} days; it should be spread over at least {}", self.days);
            let slots = entries.iter().map(|&e| view.entries[e].slot).collect();
            sink.add(missing as u64, view.lessons_of(entries), slots, vec![Resource::Course(self.course)], message);
        }
    }
}
