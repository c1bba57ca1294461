//! `clashes`: no teacher and no set of students has two lessons at once, following subgroups.

use super::ConstraintKind;
use crate::calendar::Calendar;
use crate::entities::Entities;
use crate::error::Issue;
use crate::names::Names;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::constraints::view::{Sink, View};

const SUMMARY: &str = "no teacher and no set of students (a group without subgroups) has two lessons at once; one unit per extra lesson";

/// No teacher and no set of students attends two lessons in the same period.
///
/// Students are counted per leaf of the group hierarchy: a lesson of a class occupies every
/// subgroup of it, so two subgroups of one class may meet in parallel (language groups) while
/// neither may meet alongside a lesson of the whole class. The amount is, for each teacher and
/// each leaf group and each period, the number of lessons beyond the first. Rooms are the
/// business of `room_occupancy`.
///
/// This is the school form of a clash; `conflicts` is ITC-2007's pairwise count, which knows no
/// subgroups. XHSTT calls it AvoidClashes.
///
/// ```json
/// {"kind": "clashes", "level": "hard"}
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Clashes {}

impl ConstraintKind for Clashes {
    type Def = Self;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: Self, _names: &Names, _calendar: &Calendar, _path: &str, _issues: &mut Vec<Issue>) -> Option<Self> {
        Some(def)
    }

    fn to_def(&self, _problem: &Entities) -> Self {
        self.clone()
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let busy = view.busy();
        for (row_idx, &row) in busy.rows().iter().enumerate() {
            for slot in calendar.slots() {
                let here = busy.at(row_idx, slot);
                if here.len() < 2 {
                    continue;
                }
                let courses: Vec<&str> = here.iter().map(|&e| problem.course(view.entries[e].course).name.as_str()).collect();
                let message = format!(
                    "{} has {} lessons at {}: {}",
                    row.describe(problem),
                    here.len(),
                    calendar.slot_label(slot),
                    courses.join(", ")
                );
                sink.add(here.len() as u64 - 1, view.lessons_of(here), vec![slot], vec![row.resource()], message);
            }
        }
    }
}
