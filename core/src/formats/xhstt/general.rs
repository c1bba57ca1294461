//! An XHSTT instance on Horarium's general model, for the solver, and the solver's timetable
//! back as an XHSTT solution.
//!
//! - Times: each run of consecutive times of one of the instance's days (its `<Day>` time
//!   groups) is a day of the calendar, its times the day's periods; a day shorter than the
//!   longest ends in breaks. An instance without days is one day of all its times. The rules
//!   about days read the instance's days as the calendar's only when each is one run.
//! - Resources: those of a type whose id or name says "teacher" are teachers, the others groups
//!   (classes, rooms, students: anything that attends an event and must not be in two at once).
//!   Every event's resources must be preset; an open resource is refused (assigning resources
//!   is not done yet).
//! - Events: each event is a course, its lessons the parts chosen for it before the search by
//!   the split events and distribute split events constraints (the split that costs least
//!   under them, required ones first, in the most parts, fewer where a required spread events
//!   constraint caps the parts of its event groups; see [`splits`]); a preset time pins an
//!   unsplit event.
//! - Constraints, each at its level (required: hard; otherwise soft with its weight):
//!
//! | XHSTT | Horarium |
//! |---|---|
//! | AssignTime | every lesson is placed (always) |
//! | SplitEvents, DistributeSplitEvents | the split chosen before the search |
//! | AvoidClashes on every resource events use | `clashes` |
//! | AvoidUnavailableTimes | `unavailable` per resource |
//! | PreferTimes | `lesson_slots` on the parts (of its duration), a soft one weighted by their duration |
//! | SpreadEvents | `different_days` (`max_per_day` for one event) for "at most one a day" on every day; `spread` otherwise |
//! | LinkEvents of unsplit events of one duration | `same_start` |
//! | LimitIdleTimes over all days, no minimum | `idle_gaps` per week per resource |
//! | ClusterBusyTimes | `max_days` and `min_days` per resource over every day; `busy_groups` otherwise |
//! | LimitBusyTimes | `lessons_per_day` per resource over every day (constraints alike but for their days combined); `busy_per_group` otherwise |
//! | AssignResource, PreferResources, AvoidSplitAssignments, LimitWorkload with every resource preset | nothing: their cost does not depend on the times |
//!
//! Anything else is refused with one issue per constraint, naming it and the instance. A soft
//! constraint with a quadratic or step cost function is searched with its linear form, and a
//! soft link events constraint by the pairs of its events that do not start together (a warning
//! says so); the XHSTT evaluator then scores the timetable exactly.

use std::collections::BTreeMap;
use std::num::NonZeroU32;

use super::model::{
    Constraint, CostFunction, Event, EventId, Instance, Limits, ResourceId, Rule, Solution, SolutionEvent, TimeGroupId, TimeGroupKind,
    TimeId,
};
use crate::calendar::{Calendar, SlotDef};
use crate::constraints::{
    Clashes, ConstraintDef, ConstraintEntryDef, CourseSetDef, GroupLimitsDef, IdleGapsDef, LessonDef, LessonSlotsDef, LessonsPerDayDef,
    MaxDaysDef, MaxPerDayDef, MinDaysDef, Per, ResourceRefDef, SameStartDef, SlotGroupDef, SpreadDef, SpreadGroupDef, UnavailableDef,
    WhoDef,
};
use crate::error::Issue;
use crate::level::Level;
use crate::problem::{CourseDef, GroupDef, LessonsDef, PinDef, ProblemDef, RoomChoiceDef, TeacherDef};
use crate::timetable::Timetable;

/// An instance as a problem of the general model, with what turning a timetable back into an
/// XHSTT solution needs.
#[derive(Clone, Debug, PartialEq)]
pub struct OnGeneralModel {
    /// The problem: one course per event, in the instance's order.
    pub problem: ProblemDef,
    /// Per event, the durations of its parts: its course's lessons, in order.
    pub parts: Vec<Vec<u32>>,
    /// Per time, its slot.
    pub slots: Vec<SlotDef>,
    /// What the mapping approximates (cost functions searched in their linear form).
    pub warnings: Vec<Issue>,
    /// The (infeasibility, objective) of the constraints whose cost the times cannot change,
    /// which the problem leaves out: split events and distribute split events under the split
    /// chosen, and the resource constraints when every resource is preset. Added to a
    /// timetable's cost, it gives the XHSTT values where every cost is linear.
    pub fixed_cost: (u64, u64),
    /// Per event, the splits at the least required cost of the split constraints, by
    /// increasing number of parts: what re-splitting an event may choose from.
    pub alternatives: Vec<Vec<Vec<u32>>>,
}

/// The calendar of an instance: its days, and each time's slot.
struct Days {
    calendar: Calendar,
    slots: Vec<SlotDef>,
    /// The day time groups, in the calendar's order, when each is one calendar day (none
    /// otherwise).
    groups: Vec<TimeGroupId>,
    /// The times of the shortest calendar day.
    shortest: u32,
}

/// Maps `instance` onto the general model, or gives every reason it cannot be.
pub fn to_general(instance: &Instance) -> Result<OnGeneralModel, Vec<Issue>> {
    to_general_split_as(instance, None)
}

/// Maps `instance` as [`to_general`] does, each event split as `solution` splits it (its
/// solution events, in order) where it mentions the event, so that [`timetable_of`] can read
/// the solution as a timetable.
pub fn to_general_split_as(instance: &Instance, solution: Option<&Solution>) -> Result<OnGeneralModel, Vec<Issue>> {
    map(instance, solution.map_or(PartsFrom::Chosen, PartsFrom::Solution))
}

/// Maps `instance` as [`to_general`] does with the events split into `parts` (one list per
/// event, adding up to its duration).
pub fn to_general_split_into(instance: &Instance, parts: Vec<Vec<u32>>) -> Result<OnGeneralModel, Vec<Issue>> {
    map(instance, PartsFrom::Given(parts))
}

/// Where the mapping takes each event's parts from.
enum PartsFrom<'a> {
    /// The split the split constraints prefer (see [`splits`]).
    Chosen,
    /// A solution's, where it mentions the event.
    Solution(&'a Solution),
    /// These.
    Given(Vec<Vec<u32>>),
}

fn map(instance: &Instance, from: PartsFrom<'_>) -> Result<OnGeneralModel, Vec<Issue>> {
    let mut issues = Vec::new();
    let mut warnings = Vec::new();
    let days = days(instance, &mut issues);
    let is_teacher = teacher_types(instance);
    for event in &instance.events {
        if let Some(open) = event.resources.iter().find(|r| r.preset.is_none()) {
            let role = open.role.as_deref().unwrap_or_default();
            issues.push(issue(
                instance,
                &format!("event {}", event.named.id),
                format!("leaves its resource of role {role:?} open; assigning resources is not supported yet"),
            ));
        }
    }
    let (mut parts, alternatives) = splits(instance, u32::from(days.calendar.periods_per_day), days.shortest);
    if let PartsFrom::Given(given) = from {
        parts = given;
    } else if let PartsFrom::Solution(solution) = from {
        let mut given: Vec<Vec<u32>> = vec![Vec::new(); instance.events.len()];
        for e in &solution.events {
            given[e.event.index()].push(e.duration.unwrap_or(instance.events[e.event.index()].duration));
        }
        for (mine, given) in parts.iter_mut().zip(given) {
            if !given.is_empty() {
                *mine = given;
            }
        }
    }
    let who = |r: ResourceId| -> WhoDef {
        let resource = &instance.resources[r.index()];
        if is_teacher[resource.resource_type.index()] {
            WhoDef::Teacher(resource.named.id.clone())
        } else {
            WhoDef::Group(resource.named.id.clone())
        }
    };
    let mut constraints = Vec::new();
    let combined = combine_limit_busy_times(instance);
    // Per cost function other than linear, the soft constraints searched in their linear form;
    // and the soft link events constraints, searched as pairs that do not start together.
    let mut approximated: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    let mut linked: Vec<&str> = Vec::new();
    for (at, c) in instance.constraints.iter().enumerate() {
        let Some(level) = level_of(instance, c, &mut issues) else { continue };
        if !c.required && c.cost_function != CostFunction::Linear && c.weight > 0 && varies_with_times(&c.rule) {
            approximated.entry(c.cost_function.to_string()).or_default().push(c.named.id.as_str());
        }
        if !c.required && c.weight > 0 && matches!(c.rule, Rule::LinkEvents { .. }) {
            linked.push(c.named.id.as_str());
        }
        let mut push = |level: Level, constraint: ConstraintDef| constraints.push(ConstraintEntryDef { level, constraint });
        let refuse = |issues: &mut Vec<Issue>, why: &str| {
            issues.push(issue(instance, &format!("constraint {}", c.named.id), format!("({}) {why}", c.rule.type_name())))
        };
        match &c.rule {
            Rule::AssignTime { .. } | Rule::SplitEvents { .. } | Rule::DistributeSplitEvents { .. } => {}
            Rule::AssignResource { .. }
            | Rule::PreferResources { .. }
            | Rule::AvoidSplitAssignments { .. }
            | Rule::LimitWorkload { .. } => {}
            Rule::AvoidClashes { resources } => {
                let used = used_resources(instance);
                if used.iter().any(|r| resources.binary_search(r).is_err()) {
                    refuse(&mut issues, "applies to some of the resources events use, and Horarium's clashes rule to all of them");
                } else {
                    push(level, ConstraintDef::Clashes(Clashes {}));
                }
            }
            Rule::AvoidUnavailableTimes { resources, times } => {
                let slots: Vec<SlotDef> = times.iter().map(|t| days.slots[t.index()]).collect();
                if !slots.is_empty() {
                    for &r in resources {
                        let resource = instance.resources[r.index()].named.id.clone();
                        let resource = if is_teacher[instance.resources[r.index()].resource_type.index()] {
                            ResourceRefDef::Teacher(resource)
                        } else {
                            ResourceRefDef::Group(resource)
                        };
                        push(level, ConstraintDef::Unavailable(UnavailableDef { resource, slots: slots.clone() }));
                    }
                }
            }
            Rule::PreferTimes { events, times, duration } => {
                let slots: Vec<SlotDef> = times.iter().map(|t| days.slots[t.index()]).collect();
                // Per duration, the parts it judges: a soft constraint costs weight x duration.
                let mut by_duration: BTreeMap<u32, Vec<LessonDef>> = BTreeMap::new();
                for &e in events {
                    for (lesson, &d) in parts[e.index()].iter().enumerate() {
                        if duration.is_none_or(|want| want == d) {
                            by_duration
                                .entry(d)
                                .or_default()
                                .push(LessonDef { course: instance.events[e.index()].named.id.clone(), lesson: lesson as u32 });
                        }
                    }
                }
                if slots.is_empty() && !by_duration.is_empty() {
                    refuse(&mut issues, "prefers no time at all");
                    continue;
                }
                for (d, lessons) in by_duration {
                    let level = match level {
                        Level::Hard => Level::Hard,
                        Level::Soft(w) => Level::Soft(w.saturating_mul(NonZeroU32::new(d).unwrap_or(NonZeroU32::MIN))),
                    };
                    push(level, ConstraintDef::LessonSlots(LessonSlotsDef { lessons, slots: slots.clone(), every_period: false }));
                }
            }
            Rule::SpreadEvents { event_groups, time_groups } => {
                let all_days_at_most_one =
                    days.groups.iter().all(|d| time_groups.iter().any(|&(g, l)| g == *d && l.min == 0 && l.max == 1))
                        && time_groups.iter().all(|&(g, _)| days.groups.contains(&g));
                for &g in event_groups {
                    let courses: Vec<String> =
                        instance.event_groups[g.index()].events.iter().map(|e| instance.events[e.index()].named.id.clone()).collect();
                    match courses.as_slice() {
                        [] => {}
                        [course] if all_days_at_most_one => {
                            push(level, ConstraintDef::MaxPerDay(MaxPerDayDef { course: course.clone(), max: 1 }))
                        }
                        _ if all_days_at_most_one => push(level, ConstraintDef::DifferentDays(CourseSetDef { courses })),
                        _ => {
                            let groups = time_groups
                                .iter()
                                .map(|&(tg, limits)| {
                                    let (min, max) = bounds(limits);
                                    SpreadGroupDef { group: slot_group(instance, &days, tg), min, max }
                                })
                                .collect();
                            push(level, ConstraintDef::Spread(SpreadDef { courses, groups }));
                        }
                    }
                }
            }
            Rule::LinkEvents { event_groups } => {
                for &g in event_groups {
                    let events = &instance.event_groups[g.index()].events;
                    let durations: Vec<&[u32]> = events.iter().map(|e| parts[e.index()].as_slice()).collect();
                    if durations.iter().any(|p| p.len() != 1 || p != &durations[0]) {
                        refuse(&mut issues, "links events that are split or last differently, which the catalog cannot say yet");
                        break;
                    }
                    if events.len() >= 2 {
                        let lessons =
                            events.iter().map(|e| LessonDef { course: instance.events[e.index()].named.id.clone(), lesson: 0 }).collect();
                        push(level, ConstraintDef::SameStart(SameStartDef { lessons, period_only: false }));
                    }
                }
            }
            Rule::LimitIdleTimes { resources, time_groups, limits } => {
                if !is_every_day(&days, time_groups) || limits.min > 0 {
                    refuse(&mut issues, "maps onto the catalog only over every day and without a minimum so far");
                    continue;
                }
                let max = u16::try_from(limits.max).unwrap_or(u16::MAX);
                for &r in resources {
                    push(level, ConstraintDef::IdleGaps(IdleGapsDef { who: who(r), per: Per::Week, max, not_counted: Vec::new() }));
                }
            }
            Rule::ClusterBusyTimes { resources, time_groups, limits } => {
                if !is_every_day(&days, time_groups) {
                    let groups: Vec<SlotGroupDef> = time_groups.iter().map(|&tg| slot_group(instance, &days, tg)).collect();
                    let (min, max) = bounds(*limits);
                    for &r in resources {
                        push(level, ConstraintDef::BusyGroups(GroupLimitsDef { who: who(r), groups: groups.clone(), min, max }));
                    }
                    continue;
                }
                for &r in resources {
                    if limits.max < days.calendar.days.into() {
                        push(level, ConstraintDef::MaxDays(MaxDaysDef { who: who(r), days: limits.max as u16, periods: Vec::new() }));
                    }
                    if limits.min > 0 {
                        let min = limits.min.min(u32::from(days.calendar.days)) as u16;
                        push(level, ConstraintDef::MinDays(MinDaysDef { who: who(r), days: min }));
                    }
                }
            }
            Rule::LimitBusyTimes { resources, limits, .. } => match &combined[at] {
                Combined::Into(_) => {}
                Combined::Days(groups) if is_every_day(&days, groups) => {
                    let (min, max) = (u16::try_from(limits.min).unwrap_or(u16::MAX), u16::try_from(limits.max).unwrap_or(u16::MAX));
                    for &r in resources {
                        let def = LessonsPerDayDef {
                            who: who(r),
                            min: (min > 0).then_some(min),
                            max: (max < days.calendar.periods_per_day).then_some(max),
                            every_day: false,
                            courses: None,
                        };
                        if def.min.is_some() || def.max.is_some() {
                            push(level, ConstraintDef::LessonsPerDay(def));
                        }
                    }
                }
                Combined::Days(time_groups) => {
                    let groups: Vec<SlotGroupDef> = time_groups.iter().map(|&tg| slot_group(instance, &days, tg)).collect();
                    let (min, max) = bounds(*limits);
                    for &r in resources {
                        push(level, ConstraintDef::BusyPerGroup(GroupLimitsDef { who: who(r), groups: groups.clone(), min, max }));
                    }
                }
            },
            Rule::OrderEvents { .. } => refuse(&mut issues, "has no counterpart in the catalog yet"),
        }
    }
    if !issues.is_empty() {
        return Err(issues);
    }
    if !linked.is_empty() {
        let message = format!(
            "{} soft link events constraints are searched as pairs of events that do not start together, not as times some but not all run (the evaluation is exact): {}",
            linked.len(),
            linked.join(", ")
        );
        warnings.push(issue(instance, "constraints", message));
    }
    for (function, ids) in approximated {
        let message = format!(
            "{} soft constraints with a {function} cost are searched in their linear form (the evaluation is exact): {}",
            ids.len(),
            ids.join(", ")
        );
        warnings.push(issue(instance, "constraints", message));
    }
    let teachers = instance
        .resources
        .iter()
        .filter(|r| is_teacher[r.resource_type.index()])
        .map(|r| TeacherDef { name: r.named.id.clone() })
        .collect();
    let groups = instance
        .resources
        .iter()
        .filter(|r| !is_teacher[r.resource_type.index()])
        .map(|r| GroupDef { name: r.named.id.clone(), parent: None, parents: Vec::new() })
        .collect();
    let courses = instance
        .events
        .iter()
        .zip(&parts)
        .map(|(event, parts)| {
            let mut course = CourseDef {
                name: event.named.id.clone(),
                teachers: Vec::new(),
                groups: Vec::new(),
                students: 0,
                lessons: LessonsDef::Lengths(parts.iter().map(|&d| u16::try_from(d).unwrap_or(u16::MAX)).collect()),
                rooms: RoomChoiceDef::NoRoom,
                pinned: Vec::new(),
            };
            for r in event.resources.iter().filter_map(|r| r.preset) {
                match who(r) {
                    WhoDef::Teacher(n) if !course.teachers.contains(&n) => course.teachers.push(n),
                    WhoDef::Group(n) if !course.groups.contains(&n) => course.groups.push(n),
                    _ => {}
                }
            }
            if let (Some(time), [_]) = (event.preset_time, parts.as_slice()) {
                let slot = days.slots[time.index()];
                course.pinned.push(PinDef { lesson: 0, day: slot.day, period: slot.period, room: None });
            }
            course
        })
        .collect();
    let problem =
        ProblemDef { name: instance.name.clone(), calendar: days.calendar, teachers, groups, rooms: Vec::new(), courses, constraints };
    let fixed_cost = fixed_cost(instance, &parts);
    Ok(OnGeneralModel { problem, parts, slots: days.slots, warnings, fixed_cost, alternatives })
}

/// The solution a timetable of the mapped problem stands for, as a solution of the archive's
/// instance number `instance`: each lesson a part of its event, at the time of its slot
/// (unplaced lessons without a time); an event in one part is written without a duration.
pub fn solution_of(mapped: &OnGeneralModel, timetable: &Timetable, instance: usize) -> Solution {
    let time_of: BTreeMap<SlotDef, TimeId> = mapped.slots.iter().enumerate().map(|(t, &s)| (s, TimeId(t as u32))).collect();
    let periods = mapped.problem.calendar.periods_per_day;
    let mut events = Vec::new();
    let mut lesson = 0usize;
    for (at, parts) in mapped.parts.iter().enumerate() {
        for &duration in parts {
            let slot = timetable.placements().get(lesson).copied().flatten().map(|p| {
                let index = p.slot.index() as u16;
                SlotDef { day: index / periods, period: index % periods }
            });
            lesson += 1;
            events.push(SolutionEvent {
                event: EventId(at as u32),
                duration: (parts.len() > 1).then_some(duration),
                time: slot.and_then(|s| time_of.get(&s).copied()),
                resources: Vec::new(),
            });
        }
    }
    Solution { instance, description: None, running_time: None, events, report: None }
}

/// The timetable `solution` stands for, on a problem mapped with its split
/// ([`to_general_split_as`]): each solution event's time as its lesson's slot, a solution event
/// without a time unplaced.
pub fn timetable_of(mapped: &OnGeneralModel, problem: &crate::problem::Problem, solution: &Solution) -> Timetable {
    let mut timetable = Timetable::new(problem);
    let mut first_lesson = Vec::with_capacity(mapped.parts.len());
    let mut next = 0usize;
    for parts in &mapped.parts {
        first_lesson.push(next);
        next += parts.len();
    }
    let mut seen = vec![0usize; mapped.parts.len()];
    let periods = mapped.problem.calendar.periods_per_day;
    for e in &solution.events {
        let event = e.event.index();
        let lesson = first_lesson[event] + seen[event];
        seen[event] += 1;
        let Some(time) = e.time else { continue };
        let slot = mapped.slots[time.index()];
        let slot = crate::ids::Slot(slot.day * periods + slot.period);
        let _ = timetable.set(crate::ids::LessonId::from_index(lesson), Some(crate::timetable::Placement { slot, room: None }));
    }
    timetable
}

fn issue(instance: &Instance, field: &str, message: String) -> Issue {
    Issue::at_path(format!("instance {}, {field}", instance.id), message)
}

/// The level of a constraint: hard when required, soft with its weight otherwise; `None` for a
/// soft constraint of weight 0, which costs nothing.
fn level_of(instance: &Instance, c: &Constraint, issues: &mut Vec<Issue>) -> Option<Level> {
    if c.required {
        return Some(Level::Hard);
    }
    let weight = NonZeroU32::new(u32::try_from(c.weight).unwrap_or(0));
    if weight.is_none() && c.weight > 0 {
        issues.push(issue(instance, &format!("constraint {}", c.named.id), format!("weight {} is above the catalog's largest", c.weight)));
    }
    weight.map(Level::Soft)
}

/// The cost of the constraints the times cannot change, for the split `parts`.
fn fixed_cost(instance: &Instance, parts: &[Vec<u32>]) -> (u64, u64) {
    let events = parts
        .iter()
        .enumerate()
        .flat_map(|(e, parts)| {
            parts.iter().map(move |&d| SolutionEvent { event: EventId(e as u32), duration: Some(d), time: None, resources: Vec::new() })
        })
        .collect();
    let unplaced = Solution { instance: 0, description: None, running_time: None, events, report: None };
    let Ok(evaluation) = super::evaluate(instance, &unplaced) else { return (0, 0) };
    let mut res = (0, 0);
    for (c, cost) in instance.constraints.iter().zip(&evaluation.constraints) {
        let fixed = matches!(c.rule, Rule::SplitEvents { .. } | Rule::DistributeSplitEvents { .. }) || !varies_with_times(&c.rule);
        if fixed {
            if c.required {
                res.0 += cost.cost;
            } else {
                res.1 += cost.cost;
            }
        }
    }
    res
}

/// Whether a constraint's cost can change with the times (those with preset resources only
/// cannot: assign resource, prefer resources, avoid split assignments, limit workload).
fn varies_with_times(rule: &Rule) -> bool {
    !matches!(
        rule,
        Rule::AssignResource { .. } | Rule::PreferResources { .. } | Rule::AvoidSplitAssignments { .. } | Rule::LimitWorkload { .. }
    )
}

/// The calendar: a day per run of consecutive times of one day time group (one run of every
/// time when there are no days). The day time groups are the calendar's days, for the rules
/// about days, only when each is one run; an instance whose grades have their own times (a
/// Monday for one grade, another for the next) has a calendar day per grade and day.
fn days(instance: &Instance, issues: &mut Vec<Issue>) -> Days {
    let n = instance.times.len();
    let mut day_of: Vec<Option<TimeGroupId>> = vec![None; n];
    let mut day_groups: Vec<TimeGroupId> = Vec::new();
    for (g, group) in instance.time_groups.iter().enumerate() {
        if group.kind != TimeGroupKind::Day || group.times.is_empty() {
            continue;
        }
        let g = TimeGroupId(g as u32);
        day_groups.push(g);
        for t in &group.times {
            if day_of[t.index()].is_some() {
                issues.push(issue(instance, &format!("time {}", instance.times[t.index()].named.id), "is in two days".to_owned()));
            }
            day_of[t.index()] = Some(g);
        }
    }
    if !day_groups.is_empty() {
        if let Some(t) = day_of.iter().position(Option::is_none) {
            issues.push(issue(instance, &format!("time {}", instance.times[t].named.id), "is in no day".to_owned()));
        }
    }
    // The runs: (day group, first time, length).
    let mut runs: Vec<(Option<TimeGroupId>, usize, usize)> = Vec::new();
    let mut slots = vec![SlotDef { day: 0, period: 0 }; n];
    for t in 0..n {
        match runs.last_mut() {
            Some(run) if run.0 == day_of[t] => run.2 += 1,
            _ => runs.push((day_of[t], t, 1)),
        }
        let (d, run) = (runs.len() - 1, runs[runs.len() - 1]);
        slots[t] = SlotDef { day: d as u16, period: (t - run.1) as u16 };
    }
    let longest = runs.iter().map(|r| r.2).max().unwrap_or(1);
    let mut breaks = Vec::new();
    for (d, run) in runs.iter().enumerate() {
        for p in run.2..longest {
            breaks.push(SlotDef { day: d as u16, period: p as u16 });
        }
    }
    let runs_of = |g: TimeGroupId| runs.iter().filter(|r| r.0 == Some(g)).count();
    let day_names = runs
        .iter()
        .map(|&(g, first, _)| match g {
            Some(g) if runs_of(g) == 1 => instance.time_groups[g.index()].named.name.clone(),
            Some(g) => format!("{} from {}", instance.time_groups[g.index()].named.name, instance.times[first].named.name),
            None => String::new(),
        })
        .collect::<Vec<_>>();
    let one_run_each = day_groups.iter().all(|&g| runs_of(g) == 1);
    let calendar = Calendar {
        days: runs.len().max(1) as u16,
        periods_per_day: longest.max(1) as u16,
        day_names: if day_names.iter().any(String::is_empty) { Vec::new() } else { day_names },
        period_names: Vec::new(),
        breaks,
    };
    let shortest = runs.iter().map(|r| r.2).min().unwrap_or(1);
    Days { calendar, slots, groups: if one_run_each { day_groups } else { Vec::new() }, shortest: shortest as u32 }
}

/// A time group as a group of slots, named as the instance names it.
fn slot_group(instance: &Instance, days: &Days, group: TimeGroupId) -> SlotGroupDef {
    let tg = &instance.time_groups[group.index()];
    SlotGroupDef { name: Some(tg.named.name.clone()), slots: tg.times.iter().map(|t| days.slots[t.index()]).collect() }
}

/// XHSTT's limits as the catalog's: the least (at most the catalog's largest), and the most
/// unless it is beyond any count.
fn bounds(limits: Limits) -> (u16, Option<u16>) {
    (u16::try_from(limits.min).unwrap_or(u16::MAX), u16::try_from(limits.max).ok().filter(|&m| m < u16::MAX))
}

/// Whether `groups` are the calendar's days, each once.
fn is_every_day(days: &Days, groups: &[TimeGroupId]) -> bool {
    let mut sorted = groups.to_vec();
    sorted.sort_unstable();
    let mut all = days.groups.clone();
    all.sort_unstable();
    !all.is_empty() && sorted == all
}

/// Per resource type, whether its resources are teachers.
fn teacher_types(instance: &Instance) -> Vec<bool> {
    instance.resource_types.iter().map(|t| t.id.to_lowercase().contains("teacher") || t.name.to_lowercase().contains("teacher")).collect()
}

/// The resources some event has, sorted.
fn used_resources(instance: &Instance) -> Vec<ResourceId> {
    let mut used: Vec<ResourceId> = instance.events.iter().flat_map(|e| e.resources.iter().filter_map(|r| r.preset)).collect();
    used.sort_unstable();
    used.dedup();
    used
}

/// What becomes of a limit busy times constraint: its own days together with those of the
/// constraints alike but for their days (same resources, limits, requirement, weight and cost
/// function: instances state "at most 7 a day" once per day), or merged `Into` the first of them.
enum Combined {
    Days(Vec<TimeGroupId>),
    Into(usize),
}

fn combine_limit_busy_times(instance: &Instance) -> Vec<Combined> {
    let mut res: Vec<Combined> = Vec::with_capacity(instance.constraints.len());
    for (at, c) in instance.constraints.iter().enumerate() {
        let Rule::LimitBusyTimes { resources, time_groups, limits } = &c.rule else {
            res.push(Combined::Days(Vec::new()));
            continue;
        };
        let alike = instance.constraints[..at].iter().position(|o| match &o.rule {
            Rule::LimitBusyTimes { resources: r, limits: l, .. } => {
                r == resources && l == limits && o.required == c.required && o.weight == c.weight && o.cost_function == c.cost_function
            }
            _ => false,
        });
        match alike {
            Some(first) => {
                let first = match res[first] {
                    Combined::Into(f) => f,
                    Combined::Days(_) => first,
                };
                if let Combined::Days(days) = &mut res[first] {
                    days.extend_from_slice(time_groups);
                }
                res.push(Combined::Into(first));
            }
            None => res.push(Combined::Days(time_groups.clone())),
        }
    }
    res
}

/// Per event, its parts: the split the split events and distribute split events constraints
/// price lowest (required ones first, then the others), of those the one in the most parts, so
/// that the search can spread them; then, where a required spread events constraint caps how
/// many parts an event group may have in all (the sum of its time groups' maxima), the events of
/// that group with the most parts take fewer, as long as their required split cost allows. An
/// event no split constraint applies to, or with a preset time, stays whole (unless longer than
/// a day: see [`candidates`]). `longest` and `shortest` are the calendar's longest and shortest
/// days, in times.
fn splits(instance: &Instance, longest: u32, shortest: u32) -> (Vec<Vec<u32>>, Vec<Vec<Vec<u32>>>) {
    let candidates: Vec<Vec<Candidate>> =
        instance.events.iter().enumerate().map(|(at, e)| candidates(instance, EventId(at as u32), e, longest, shortest)).collect();
    // Per event, the chosen candidate: the most parts among the cheapest.
    let mut chosen: Vec<usize> = candidates
        .iter()
        .map(|c| {
            let cheapest = c.iter().map(|c| c.cost).min().unwrap_or((0, 0));
            c.iter().rposition(|c| c.cost == cheapest).unwrap_or(0)
        })
        .collect();
    for c in &instance.constraints {
        let Rule::SpreadEvents { event_groups, time_groups } = &c.rule else { continue };
        if !c.required || time_groups.iter().any(|(_, l)| l.max == u32::MAX) {
            continue;
        }
        let capacity: u64 = time_groups.iter().map(|(_, l)| u64::from(l.max)).sum();
        for &g in event_groups {
            let events = &instance.event_groups[g.index()].events;
            let parts =
                |chosen: &[usize]| -> u64 { events.iter().map(|e| candidates[e.index()][chosen[e.index()]].parts.len() as u64).sum() };
            while parts(&chosen) > capacity {
                // The event with the most parts that can take fewer at no more required cost.
                let fewer = events
                    .iter()
                    .filter_map(|e| {
                        let (c, now) = (&candidates[e.index()], chosen[e.index()]);
                        let next = (0..now).rev().find(|&k| c[k].cost.0 <= c[now].cost.0)?;
                        Some((c[now].parts.len(), e.index(), next))
                    })
                    .max();
                let Some((_, e, next)) = fewer else { break };
                chosen[e] = next;
            }
        }
    }
    let alternatives = candidates
        .iter()
        .map(|c| {
            let least = c.iter().map(|c| c.cost.0).min().unwrap_or(0);
            c.iter().filter(|c| c.cost.0 == least).map(|c| c.parts.clone()).collect()
        })
        .collect();
    (candidates.into_iter().zip(chosen).map(|(mut c, k)| c.swap_remove(k).parts).collect(), alternatives)
}

impl OnGeneralModel {
    /// The parts of each event with `events` re-split: each into the next of its
    /// [`alternatives`](Self::alternatives) in more parts; `None` when none of them has one.
    pub fn resplit(&self, events: &[EventId]) -> Option<Vec<Vec<u32>>> {
        let mut parts = self.parts.clone();
        let mut changed = false;
        for e in events {
            let now = parts[e.index()].len();
            if let Some(more) = self.alternatives[e.index()].iter().find(|a| a.len() > now) {
                parts[e.index()] = more.clone();
                changed = true;
            }
        }
        changed.then_some(parts)
    }

    /// The event of each lesson of the problem, in lesson order.
    pub fn event_of_lessons(&self) -> Vec<EventId> {
        self.parts.iter().enumerate().flat_map(|(e, p)| std::iter::repeat_n(EventId(e as u32), p.len())).collect()
    }

    /// `timetable`, of this mapping's problem, carried onto `to`'s problem (built from the same
    /// instance): the lessons of the events split alike keep their placements, the others are
    /// unplaced.
    pub fn carry(&self, timetable: &Timetable, to: &OnGeneralModel, to_problem: &crate::problem::Problem) -> Timetable {
        let mut res = Timetable::new(to_problem);
        let (mut from_lesson, mut to_lesson) = (0usize, 0usize);
        for (mine, theirs) in self.parts.iter().zip(&to.parts) {
            if mine == theirs {
                for k in 0..mine.len() {
                    let placement = timetable.placements().get(from_lesson + k).copied().flatten();
                    let _ = res.set(crate::ids::LessonId::from_index(to_lesson + k), placement);
                }
            }
            from_lesson += mine.len();
            to_lesson += theirs.len();
        }
        res
    }
}

/// Partitions in non-increasing parts, at most this many parts: enough for any school week.
const MAX_PARTS: usize = 12;

/// A split of an event, with its (required, other) cost under the split constraints.
struct Candidate {
    parts: Vec<u32>,
    cost: (u64, u64),
}

/// The splits of an event worth choosing between: per number of parts, the cheapest (the
/// longest parts first among equals), by increasing number of parts, no part longer than the
/// longest day; the whole event alone when no split constraint applies or its time is preset,
/// unless it is longer than a day, when it is cut into parts as long as the shortest day (XHSTT
/// lets an event run across days; a lesson stays within one).
fn candidates(instance: &Instance, id: EventId, event: &Event, longest: u32, shortest: u32) -> Vec<Candidate> {
    let applying: Vec<&Constraint> = instance
        .constraints
        .iter()
        .filter(|c| match &c.rule {
            Rule::SplitEvents { events, .. } | Rule::DistributeSplitEvents { events, .. } => events.binary_search(&id).is_ok(),
            _ => false,
        })
        .collect();
    let whole = vec![event.duration];
    if event.preset_time.is_some() || (applying.is_empty() && event.duration <= longest) {
        return vec![Candidate { parts: whole, cost: (0, 0) }];
    }
    let day = shortest.max(1);
    if event.duration / day >= MAX_PARTS as u32 {
        // Longer than a school week of days: no split helps, and the problem refuses the lesson.
        return vec![Candidate { parts: whole, cost: (0, 0) }];
    }
    if applying.is_empty() {
        let mut parts = vec![day; (event.duration / day) as usize];
        if event.duration % day > 0 {
            parts.push(event.duration % day);
        }
        return vec![Candidate { parts, cost: (0, 0) }];
    }
    let cost = |parts: &[u32]| -> (u64, u64) {
        let mut res = (0u64, 0u64);
        for c in &applying {
            let deviation = match &c.rule {
                Rule::SplitEvents { duration, amount, .. } => {
                    amount.deviation(parts.len() as u32) + parts.iter().filter(|&&d| duration.deviation(d) > 0).count() as u64
                }
                Rule::DistributeSplitEvents { duration, limits, .. } => {
                    limits.deviation(parts.iter().filter(|&&d| d == *duration).count() as u32)
                }
                _ => 0,
            };
            let cost = c.weight.saturating_mul(c.cost_function.apply(deviation));
            if c.required {
                res.0 = res.0.saturating_add(cost);
            } else {
                res.1 = res.1.saturating_add(cost);
            }
        }
        res
    };
    let mut best: Vec<Option<Candidate>> = (0..=MAX_PARTS).map(|_| None).collect();
    let mut current = Vec::new();
    partitions(event.duration, event.duration.min(longest), MAX_PARTS, &mut current, &mut |parts| {
        let c = cost(parts);
        let slot = &mut best[parts.len()];
        // Partitions come longest parts first, so the first of a cost stays.
        if slot.as_ref().is_none_or(|b| c < b.cost) {
            *slot = Some(Candidate { parts: parts.to_vec(), cost: c });
        }
    });
    let found: Vec<Candidate> = best.into_iter().flatten().collect();
    if found.is_empty() {
        // No split in at most MAX_PARTS parts of at most a day: the whole, which the problem refuses.
        return vec![Candidate { parts: whole, cost: (0, 0) }];
    }
    found
}

/// Calls `each` with every partition of `left` into at most `parts_left` parts, none above `cap`,
/// in non-increasing order.
fn partitions(left: u32, cap: u32, parts_left: usize, current: &mut Vec<u32>, each: &mut dyn FnMut(&[u32])) {
    if left == 0 {
        each(current);
        return;
    }
    if parts_left == 0 || u64::from(cap) * (parts_left as u64) < u64::from(left) {
        return;
    }
    for part in (1..=cap.min(left)).rev() {
        current.push(part);
        partitions(left - part, part, parts_left - 1, current, each);
        current.pop();
    }
}
