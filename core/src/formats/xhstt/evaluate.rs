//! The cost of a solution in XHSTT's own terms: per constraint and point of application, a
//! deviation, turned into a cost by the constraint's cost function and weight; required
//! constraints add up to the infeasibility value, the others to the objective value.
//!
//! Semantics follow the format's specification as HSEval (Kingston's evaluator) applies it:
//!
//! - An event the solution does not mention is one unassigned solution event of the event's
//!   duration (at its preset time and with its preset resources, when it has them); a solution
//!   event without a `<Duration>` lasts the whole event.
//! - A solution event of duration d starting at time t occupies t and the next d − 1 times of
//!   the instance's chronological order. A resource is busy at a time when a solution event it is
//!   assigned to (preset or by the solution) occupies it.
//! - Each point of application has one deviation (the sum of its parts, such as the time groups
//!   of a limit busy times constraint), and its cost is `weight × f(deviation)`, `f` being
//!   Linear `d`, Quadratic `d²` or Step `[d > 0]`.

use std::fmt;

use super::model::{ConstraintId, Event, EventGroupId, EventId, Instance, Point, ResourceId, Rule, Solution, TimeGroupId, TimeId};

/// The cost of a solution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evaluation {
    /// The total cost of the required constraints.
    pub infeasibility: u64,
    /// The total cost of the other constraints.
    pub objective: u64,
    /// Per constraint of the instance, in its order, the cost and the points that have one.
    pub constraints: Vec<ConstraintCost>,
}

/// One constraint's share of an [`Evaluation`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConstraintCost {
    /// The constraint.
    pub constraint: ConstraintId,
    /// Its cost: the sum of its points'.
    pub cost: u64,
    /// The points of application with a non-zero deviation, in the constraint's order.
    pub points: Vec<PointCost>,
}

/// The deviation and cost at one point of application.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PointCost {
    /// The point.
    pub point: Point,
    /// How far it is from what the constraint asks.
    pub deviation: u64,
    /// `weight × f(deviation)`.
    pub cost: u64,
}

/// Why a solution cannot be evaluated: it does not describe a timetable of its instance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidSolution {
    /// What is wrong, one sentence each.
    pub problems: Vec<String>,
}

impl fmt::Display for InvalidSolution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.problems.join("; "))
    }
}

impl std::error::Error for InvalidSolution {}

/// One solution event as evaluated: the solution's, or the one an unmentioned event stands for.
#[derive(Clone, Debug)]
struct Part {
    duration: u32,
    start: Option<TimeId>,
    /// Per resource of the event, the resource it has (preset, or assigned by the solution).
    resources: Vec<Option<ResourceId>>,
}

/// A solution spread out for evaluation.
struct Timetable<'i> {
    instance: &'i Instance,
    /// Per event, its parts.
    parts: Vec<Vec<Part>>,
    /// Per resource, per time, how many parts it attends there.
    busy: Vec<Vec<u32>>,
}

impl Part {
    /// The times the part occupies, as indices, cut at the end of the times.
    fn times(&self, times: usize) -> std::ops::Range<usize> {
        match self.start {
            Some(t) => t.index()..(t.index() + self.duration as usize).min(times),
            None => 0..0,
        }
    }
}

impl<'i> Timetable<'i> {
    fn of(instance: &'i Instance, solution: &Solution) -> Result<Self, InvalidSolution> {
        let mut problems = Vec::new();
        let mut given: Vec<Vec<&super::model::SolutionEvent>> = vec![Vec::new(); instance.events.len()];
        for e in &solution.events {
            given[e.event.index()].push(e);
        }
        let times = instance.times.len();
        let mut parts = Vec::with_capacity(instance.events.len());
        for (event, given) in instance.events.iter().zip(&given) {
            let preset: Vec<Option<ResourceId>> = event.resources.iter().map(|r| r.preset).collect();
            if given.is_empty() {
                parts.push(vec![Part { duration: event.duration, start: event.preset_time, resources: preset }]);
                continue;
            }
            let mut mine = Vec::with_capacity(given.len());
            for e in given {
                let duration = e.duration.unwrap_or(event.duration);
                let start = e.time.or(event.preset_time);
                if let (Some(preset), Some(time)) = (event.preset_time, e.time) {
                    if preset != time {
                        let (p, t) = (&instance.times[preset.index()].named.id, &instance.times[time.index()].named.id);
                        problems.push(format!("event {:?} is preset at time {p:?} but placed at {t:?}", event.named.id));
                    }
                }
                if let Some(start) = start {
                    if start.index() + duration as usize > times {
                        let t = &instance.times[start.index()].named.id;
                        problems.push(format!(
                            "a part of event {:?} lasting {duration} starts at {t:?}, too late to end in the week",
                            event.named.id
                        ));
                    }
                }
                let mut resources = preset.clone();
                for &(slot, resource) in &e.resources {
                    if resources[slot].is_some_and(|r| r != resource) {
                        let role = event.resources[slot].role.as_deref().unwrap_or_default();
                        problems.push(format!(
                            "event {:?}'s resource of role {role:?} is preset, yet the solution assigns another",
                            event.named.id
                        ));
                    }
                    resources[slot] = Some(resource);
                }
                mine.push(Part { duration, start, resources });
            }
            let total: u64 = mine.iter().map(|p| u64::from(p.duration)).sum();
            if total != u64::from(event.duration) {
                problems.push(format!(
                    "the parts of event {:?} last {total} times in all, not its duration {}",
                    event.named.id, event.duration
                ));
            }
            parts.push(mine);
        }
        if !problems.is_empty() {
            return Err(InvalidSolution { problems });
        }
        let mut busy = vec![vec![0u32; times]; instance.resources.len()];
        for event_parts in &parts {
            for part in event_parts {
                for resource in part.resources.iter().flatten() {
                    for t in part.times(times) {
                        busy[resource.index()][t] += 1;
                    }
                }
            }
        }
        Ok(Timetable { instance, parts, busy })
    }

    fn is_busy(&self, resource: ResourceId, time: TimeId) -> bool {
        self.busy[resource.index()][time.index()] > 0
    }

    fn group_times(&self, group: TimeGroupId) -> &[TimeId] {
        &self.instance.time_groups[group.index()].times
    }

    fn busy_in(&self, resource: ResourceId, group: TimeGroupId) -> u32 {
        let n = self.group_times(group).iter().filter(|&&t| self.is_busy(resource, t)).count();
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    fn event(&self, event: EventId) -> (&Event, &[Part]) {
        (&self.instance.events[event.index()], &self.parts[event.index()])
    }

    /// The event's resource of `role`, by its place among the event's resources.
    fn slot_of(event: &Event, role: &str) -> Option<usize> {
        event.resources.iter().position(|r| r.role.as_deref() == Some(role))
    }

    fn events_of(&self, group: EventGroupId) -> &[EventId] {
        &self.instance.event_groups[group.index()].events
    }

    /// The deviation of `rule` at each of its points, in order.
    fn deviations(&self, rule: &Rule) -> Vec<(Point, u64)> {
        let times = self.instance.times.len();
        let per_event = |events: &[EventId], f: &dyn Fn(&Event, &[Part]) -> u64| -> Vec<(Point, u64)> {
            events
                .iter()
                .map(|&e| {
                    let (event, parts) = self.event(e);
                    (Point::Event(e), f(event, parts))
                })
                .collect()
        };
        let per_resource = |resources: &[ResourceId], f: &dyn Fn(ResourceId) -> u64| -> Vec<(Point, u64)> {
            resources.iter().map(|&r| (Point::Resource(r), f(r))).collect()
        };
        let duration_where =
            |parts: &[Part], f: &dyn Fn(&Part) -> bool| -> u64 { parts.iter().filter(|p| f(p)).map(|p| u64::from(p.duration)).sum() };
        match rule {
            Rule::AssignResource { events, role } => per_event(events, &|event, parts| match Self::slot_of(event, role) {
                Some(slot) => duration_where(parts, &|p| p.resources[slot].is_none()),
                None => 0,
            }),
            Rule::AssignTime { events } => per_event(events, &|_, parts| duration_where(parts, &|p| p.start.is_none())),
            Rule::SplitEvents { events, duration, amount } => per_event(events, &|_, parts| {
                let count = u32::try_from(parts.len()).unwrap_or(u32::MAX);
                amount.deviation(count) + parts.iter().filter(|p| duration.deviation(p.duration) > 0).count() as u64
            }),
            Rule::DistributeSplitEvents { events, duration, limits } => per_event(events, &|_, parts| {
                let count = parts.iter().filter(|p| p.duration == *duration).count();
                limits.deviation(u32::try_from(count).unwrap_or(u32::MAX))
            }),
            Rule::PreferResources { events, role, resources } => per_event(events, &|event, parts| match Self::slot_of(event, role) {
                Some(slot) => duration_where(parts, &|p| p.resources[slot].is_some_and(|r| resources.binary_search(&r).is_err())),
                None => 0,
            }),
            Rule::PreferTimes { events, times: preferred, duration } => per_event(events, &|_, parts| {
                duration_where(parts, &|p| {
                    duration.is_none_or(|d| d == p.duration) && p.start.is_some_and(|t| preferred.binary_search(&t).is_err())
                })
            }),
            Rule::AvoidSplitAssignments { event_groups, role } => event_groups
                .iter()
                .map(|&g| {
                    let mut assigned: Vec<ResourceId> = Vec::new();
                    for &e in self.events_of(g) {
                        let (event, parts) = self.event(e);
                        if let Some(slot) = Self::slot_of(event, role) {
                            assigned.extend(parts.iter().filter_map(|p| p.resources[slot]));
                        }
                    }
                    assigned.sort_unstable();
                    assigned.dedup();
                    (Point::EventGroup(g), assigned.len().saturating_sub(1) as u64)
                })
                .collect(),
            Rule::SpreadEvents { event_groups, time_groups } => event_groups
                .iter()
                .map(|&g| {
                    let starts: Vec<TimeId> =
                        self.events_of(g).iter().flat_map(|&e| self.parts[e.index()].iter().filter_map(|p| p.start)).collect();
                    let deviation = time_groups
                        .iter()
                        .map(|&(tg, limits)| {
                            let members = self.group_times(tg);
                            let count = starts.iter().filter(|t| members.binary_search(t).is_ok()).count();
                            limits.deviation(u32::try_from(count).unwrap_or(u32::MAX))
                        })
                        .sum();
                    (Point::EventGroup(g), deviation)
                })
                .collect(),
            Rule::LinkEvents { event_groups } => event_groups
                .iter()
                .map(|&g| {
                    let events = self.events_of(g);
                    // Per time, how many of the group's events run then (each event once).
                    let mut running = vec![0usize; times];
                    for &e in events {
                        let mut mine = vec![false; times];
                        for part in &self.parts[e.index()] {
                            for t in part.times(times) {
                                mine[t] = true;
                            }
                        }
                        for (count, _) in running.iter_mut().zip(&mine).filter(|(_, &m)| m) {
                            *count += 1;
                        }
                    }
                    let deviation = running.iter().filter(|&&n| n > 0 && n < events.len()).count() as u64;
                    (Point::EventGroup(g), deviation)
                })
                .collect(),
            Rule::OrderEvents { pairs } => pairs
                .iter()
                .enumerate()
                .map(|(at, pair)| {
                    let span = |e: EventId| -> Option<(i64, i64)> {
                        let parts = &self.parts[e.index()];
                        let mut res: Option<(i64, i64)> = None;
                        for p in parts {
                            let start = i64::from(p.start?.0);
                            let end = start + i64::from(p.duration) - 1;
                            res = Some(res.map_or((start, end), |(s, x)| (s.min(start), x.max(end))));
                        }
                        res
                    };
                    let deviation = match (span(pair.first), span(pair.second)) {
                        (Some((_, first_end)), Some((second_start, _))) => {
                            let separation = second_start - first_end - 1;
                            let short = (i64::from(pair.min_separation) - separation).max(0);
                            let over = (separation - i64::from(pair.max_separation)).max(0);
                            u64::try_from(short + over).unwrap_or(0)
                        }
                        _ => 0,
                    };
                    (Point::Pair(u32::try_from(at).unwrap_or(u32::MAX)), deviation)
                })
                .collect(),
            Rule::AvoidClashes { resources } => {
                per_resource(resources, &|r| self.busy[r.index()].iter().map(|&n| u64::from(n.saturating_sub(1))).sum())
            }
            Rule::AvoidUnavailableTimes { resources, times: unavailable } => {
                per_resource(resources, &|r| unavailable.iter().filter(|&&t| self.is_busy(r, t)).count() as u64)
            }
            Rule::LimitIdleTimes { resources, time_groups, limits } => per_resource(resources, &|r| {
                let idle: usize = time_groups
                    .iter()
                    .map(|&g| {
                        let members = self.group_times(g);
                        let first = members.iter().position(|&t| self.is_busy(r, t));
                        let last = members.iter().rposition(|&t| self.is_busy(r, t));
                        match (first, last) {
                            (Some(first), Some(last)) => members[first..=last].iter().filter(|&&t| !self.is_busy(r, t)).count(),
                            _ => 0,
                        }
                    })
                    .sum();
                limits.deviation(u32::try_from(idle).unwrap_or(u32::MAX))
            }),
            Rule::ClusterBusyTimes { resources, time_groups, limits } => per_resource(resources, &|r| {
                let active = time_groups.iter().filter(|&&g| self.busy_in(r, g) > 0).count();
                limits.deviation(u32::try_from(active).unwrap_or(u32::MAX))
            }),
            Rule::LimitBusyTimes { resources, time_groups, limits } => per_resource(resources, &|r| {
                time_groups
                    .iter()
                    .map(|&g| self.busy_in(r, g))
                    // A time group the resource is not busy in at all is not judged, so that a
                    // minimum means "if at all, then at least".
                    .filter(|&busy| busy > 0)
                    .map(|busy| limits.deviation(busy))
                    .sum()
            }),
            Rule::LimitWorkload { resources, limits } => per_resource(resources, &|r| limits.deviation(self.workload(r))),
        }
    }

    /// The workload of resource `r`: per part it attends, its event resource's workload in
    /// proportion to the part's share of the event, rounded up.
    fn workload(&self, r: ResourceId) -> u32 {
        let mut total = 0u64;
        for (event, parts) in self.instance.events.iter().zip(&self.parts) {
            for part in parts {
                for (slot, _) in part.resources.iter().enumerate().filter(|(_, &a)| a == Some(r)) {
                    let workload = u64::from(event.resources[slot].workload);
                    total = total.saturating_add((workload * u64::from(part.duration)).div_ceil(u64::from(event.duration.max(1))));
                }
            }
        }
        u32::try_from(total).unwrap_or(u32::MAX)
    }
}

/// Evaluates `solution`, a solution of `instance`.
pub fn evaluate(instance: &Instance, solution: &Solution) -> Result<Evaluation, InvalidSolution> {
    let timetable = Timetable::of(instance, solution)?;
    let mut evaluation = Evaluation { infeasibility: 0, objective: 0, constraints: Vec::with_capacity(instance.constraints.len()) };
    for (at, constraint) in instance.constraints.iter().enumerate() {
        let mut points = Vec::new();
        for (point, deviation) in timetable.deviations(&constraint.rule) {
            if deviation > 0 {
                let cost = constraint.weight.saturating_mul(constraint.cost_function.apply(deviation));
                points.push(PointCost { point, deviation, cost });
            }
        }
        let cost = points.iter().fold(0u64, |sum, p| sum.saturating_add(p.cost));
        if constraint.required {
            evaluation.infeasibility = evaluation.infeasibility.saturating_add(cost);
        } else {
            evaluation.objective = evaluation.objective.saturating_add(cost);
        }
        evaluation.constraints.push(ConstraintCost { constraint: ConstraintId(u32::try_from(at).unwrap_or(u32::MAX)), cost, points });
    }
    Ok(evaluation)
}
