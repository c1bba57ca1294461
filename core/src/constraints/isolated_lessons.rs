//! `isolated_lessons`: a group's lessons on a day sit next to each other.

use super::ConstraintKind;
use crate::calendar::Calendar;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{GroupId, Resource};
use crate::names::Names;

const SUMMARY: &str = "a group has no lesson without another of its lessons in the period before or after; one unit per isolated lesson";

/// Every lesson of a group is adjacent (same day, previous or next period) to another lesson of the group.
///
/// The amount counts, for each slot in which the group has lessons but has none in the
/// previous or next period of the same day, the number of the group's courses meeting in that
/// slot. This is ITC-2007 track 3's `CurriculumCompactness` (there `Soft(2)`, the group being a curriculum).
///
/// ```json
/// {"kind": "isolated_lessons", "level": {"soft": 2}, "group": "q001"}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IsolatedLessons {
    /// The group.
    pub group: GroupId,
}

/// [`IsolatedLessons`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IsolatedLessonsDef {
    /// Group name.
    pub group: String,
}

impl ConstraintKind for IsolatedLessons {
    type Def = IsolatedLessonsDef;
    const SUMMARY: &'static str = SUMMARY;
    const ITC2007: Option<&'static str> = Some("CurriculumCompactness");

    fn resolve(def: IsolatedLessonsDef, names: &Names, _calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        Some(IsolatedLessons { group: names.group(&def.group, &format!("{path}.group"), issues)? })
    }

    fn to_def(&self, problem: &Entities) -> IsolatedLessonsDef {
        IsolatedLessonsDef { group: problem.group(self.group).name.clone() }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let n_slots = calendar.n_slots();
        // Entries of the group's courses per slot; a course counts once per slot.
        let mut at: Vec<Vec<usize>> = vec![Vec::new(); n_slots];
        for (course_idx, course) in problem.courses().iter().enumerate() {
            if !course.groups.contains(&self.group) {
                continue;
            }
            for &e in &view.by_course[course_idx] {
                for slot in view.covered_slots(&view.entries[e]) {
                    let list = &mut at[slot.index()];
                    if !list.iter().any(|&other| view.entries[other].course == view.entries[e].course) {
                        list.push(e);
                    }
                }
            }
        }
        let ppd = usize::from(calendar.periods_per_day);
        for slot_idx in 0..n_slots {
            if at[slot_idx].is_empty() {
                continue;
            }
            let period = slot_idx % ppd;
            let before = period > 0 && !at[slot_idx - 1].is_empty();
            let after = period + 1 < ppd && !at[slot_idx + 1].is_empty();
            if before || after {
                continue;
            }
            let slot = view.slot(slot_idx);
            let names: Vec<&str> = at[slot_idx].iter().map(|&e| problem.course(view.entries[e].course).name.as_str()).collect();
            let message = format!(
                "group {} has an isolated lesson at {} ({}) with no lesson just before or after",
                problem.group(self.group).name,
                calendar.slot_label(slot),
                names.join(", ")
            );
            sink.add(at[slot_idx].len() as u64, view.lessons_of(&at[slot_idx]), vec![slot], vec![Resource::Group(self.group)], message);
        }
    }
}
