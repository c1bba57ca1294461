//! Hand edits of a timetable version: move, swap or unplace lessons, as a drag-and-drop
//! interface does, then score the result against the version's own problem.
//!
//! Nothing is refused for breaking a rule: every violation the edits create (and every one they
//! resolve) is reported with the engine's explanation. Only an edit that names what does not
//! exist (a course, a lesson, a day, a period, a room) is invalid, each with its field's path.
//! A dry run stops there; otherwise the result is stored as a new, current version.

use std::collections::BTreeMap;

use horarium::formats::json;
use horarium::report::ViolationReport;
use horarium::{LessonId, Placement, Problem, RoomId, Timetable};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::versions::{self, CostView, Move, NewVersion, VersionRow, VersionSummary, ViolationView};
use crate::clock::Timestamp;
use crate::db::Db;
use crate::error::{ApiError, FieldError};
use crate::tenant::TenantId;

/// Edits to make, in order, and whether to keep the result.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EditRequest {
    /// The edits, applied in order.
    pub edits: Vec<Edit>,
    /// Only report what the edits would do; store nothing. Default: false.
    #[serde(default)]
    pub dry_run: bool,
}

/// One edit.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Edit {
    /// Puts a lesson at a day and period (and room).
    Move(MoveTo),
    /// Exchanges the places (slot and room) of two lessons.
    Swap(SwapPair),
    /// Takes a lesson out of the timetable.
    Unplace(LessonKey),
}

/// A lesson: its course's name and its index in the course, from 0.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LessonKey {
    /// The course's name, as the version's lessons name it.
    pub course: String,
    /// Which lesson of the course, from 0.
    pub lesson: u32,
}

/// Where a lesson goes.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveTo {
    /// The course's name.
    pub course: String,
    /// Which lesson of the course, from 0.
    pub lesson: u32,
    /// The day, from 0.
    pub day: u16,
    /// The first period, from 0.
    pub period: u16,
    /// The room; when absent, the room it has (none for a lesson not placed yet).
    #[serde(default)]
    pub room: Option<String>,
}

/// Two lessons that exchange places.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SwapPair {
    /// One lesson.
    pub a: LessonKey,
    /// The other.
    pub b: LessonKey,
}

/// What the edits did.
#[derive(Debug, Serialize, ToSchema)]
pub struct EditReport {
    /// The new version, unless it was a dry run.
    pub version: Option<VersionSummary>,
    /// The cost before the edits, against the version's problem.
    pub before: CostView,
    /// The cost after them.
    pub after: CostView,
    /// The lessons whose place changed.
    pub moved: Vec<Move>,
    /// The violations the edits made (hard first), each explained.
    pub created: Vec<ViolationView>,
    /// The violations they ended.
    pub resolved: Vec<ViolationView>,
}

/// Applies `edits` to `timetable`, collecting every invalid edit.
fn apply(problem: &Problem, timetable: &mut Timetable, edits: &[Edit]) -> Result<(), Vec<FieldError>> {
    let mut issues = Vec::new();
    let mut issue = |field: String, message: String| issues.push(FieldError { field, message });
    let lesson_of = |key: (&str, u32), at: &str, issue: &mut dyn FnMut(String, String)| -> Option<LessonId> {
        let Some(course) = problem.course_by_name(key.0) else {
            issue(format!("{at}.course"), format!("this version has no course {:?}", key.0));
            return None;
        };
        let found = problem.course(course).lessons().nth(key.1 as usize);
        if found.is_none() {
            issue(format!("{at}.lesson"), format!("course {:?} has {} lessons", key.0, problem.course(course).n_lessons()));
        }
        found
    };
    let calendar = problem.calendar();
    for (k, edit) in edits.iter().enumerate() {
        match edit {
            Edit::Move(to) => {
                let at = format!("edits[{k}].move");
                let lesson = lesson_of((&to.course, to.lesson), &at, &mut issue);
                let slot = calendar.slot(to.day, to.period);
                if to.day >= calendar.days {
                    issue(format!("{at}.day"), format!("the week has {} days", calendar.days));
                } else if slot.is_none() {
                    issue(format!("{at}.period"), format!("the day has {} periods", calendar.periods_per_day));
                }
                let room: Option<Option<RoomId>> = match &to.room {
                    None => lesson.map(|l| timetable.get(l).and_then(|p| p.room)),
                    Some(name) => match problem.room_by_name(name) {
                        Some(r) => Some(Some(r)),
                        None => {
                            issue(format!("{at}.room"), format!("this version has no room {name:?}"));
                            None
                        }
                    },
                };
                if let (Some(lesson), Some(slot), Some(room)) = (lesson, slot, room) {
                    timetable.set(lesson, Some(Placement { slot, room })).expect("a lesson and slot of the problem");
                }
            }
            Edit::Swap(pair) => {
                let at = format!("edits[{k}].swap");
                let a = lesson_of((&pair.a.course, pair.a.lesson), &format!("{at}.a"), &mut issue);
                let b = lesson_of((&pair.b.course, pair.b.lesson), &format!("{at}.b"), &mut issue);
                if let (Some(a), Some(b)) = (a, b) {
                    let (pa, pb) = (timetable.get(a), timetable.get(b));
                    timetable.set(a, pb).expect("a lesson of the problem");
                    timetable.set(b, pa).expect("a lesson of the problem");
                }
            }
            Edit::Unplace(key) => {
                if let Some(lesson) = lesson_of((&key.course, key.lesson), &format!("edits[{k}].unplace"), &mut issue) {
                    timetable.set(lesson, None).expect("a lesson of the problem");
                }
            }
        }
    }
    if issues.is_empty() {
        Ok(())
    } else {
        Err(issues)
    }
}

/// The violations of `after` that `before` does not have, as a multiset difference by report.
fn difference(after: &[ViolationReport], before: &[ViolationReport]) -> Vec<ViolationView> {
    let mut counts: BTreeMap<String, i64> = BTreeMap::new();
    let key = |v: &ViolationReport| serde_json::to_string(v).unwrap_or_default();
    for v in before {
        *counts.entry(key(v)).or_default() += 1;
    }
    let mut out = Vec::new();
    for v in after {
        let left = counts.entry(key(v)).or_default();
        if *left > 0 {
            *left -= 1;
        } else {
            out.push(ViolationView(v.clone()));
        }
    }
    out.sort_by_key(|v| !v.0.is_hard());
    out
}

/// Edits version `row` of `tenant`: the report, and (unless `dry_run`) a new current version.
pub async fn edit(db: &Db, tenant: &TenantId, row: &VersionRow, request: &EditRequest, now: Timestamp) -> Result<EditReport, ApiError> {
    if request.edits.is_empty() {
        return Err(ApiError::invalid_field("edits", "give at least one edit"));
    }
    let problem = row.problem()?;
    let before = row.timetable(&problem)?;
    let mut after = before.clone();
    apply(&problem, &mut after, &request.edits).map_err(ApiError::invalid)?;
    let (score_before, score_after) = (horarium::score(&problem, &before), horarium::score(&problem, &after));
    let reports = |score: &horarium::Score| score.violations.iter().map(|v| ViolationReport::new(&problem, v)).collect::<Vec<_>>();
    let (was, is) = (reports(&score_before), reports(&score_after));
    let written = json::write_timetable(&problem, &after);
    let before_def = row.timetable_def()?;
    let after_def: json::TimetableDef = serde_json::from_str(&written).map_err(ApiError::internal)?;
    let (_, moved) = versions::moves(&before_def, &after_def);
    let cost = |s: &horarium::Score| CostView { hard: s.cost.hard, soft: s.cost.soft };
    let mut report = EditReport {
        version: None,
        before: cost(&score_before),
        after: cost(&score_after),
        moved,
        created: difference(&is, &was),
        resolved: difference(&was, &is),
    };
    if !request.dry_run {
        let version = NewVersion {
            job_id: None,
            label: format!("hand edit of version {}: {} lessons moved", row.number, report.moved.len()),
            cost: report.after,
            problem: row.problem.clone(),
            timetable: written,
        };
        let id = versions::store(db, tenant, version, now).await?;
        report.version = Some(versions::get(db, tenant, &id).await?.summary(Some(&id)));
    }
    Ok(report)
}
