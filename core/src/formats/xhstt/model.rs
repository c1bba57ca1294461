//! An XHSTT archive as the format defines it, with every reference resolved to an index.
//!
//! The reader checks each reference once, so the evaluator never looks a name up: an
//! [`EventId`] always names an event of its instance, a [`TimeGroup`]'s times are sorted, and
//! each [`Rule`] carries the points of application of its own kind (events, event groups,
//! resources or event pairs), so a rule applied to the wrong kind of point cannot be built.

use std::fmt;

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl $name {
            /// The position in its instance's list.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

index_type!(
    /// A time of an instance, by its place in the instance's chronological order.
    TimeId
);
index_type!(
    /// A time group (a week, a day or a plain time group) of an instance.
    TimeGroupId
);
index_type!(
    /// A resource of an instance.
    ResourceId
);
index_type!(
    /// A resource type of an instance.
    ResourceTypeId
);
index_type!(
    /// An event of an instance.
    EventId
);
index_type!(
    /// An event group (a course or a plain event group) of an instance.
    EventGroupId
);
index_type!(
    /// A constraint of an instance.
    ConstraintId
);

/// A whole `<HighSchoolTimetableArchive>`: instances and solutions of them.
#[derive(Clone, Debug, PartialEq)]
pub struct Archive {
    /// The archive's `Id`, when it has one.
    pub id: Option<String>,
    /// The instances, in file order.
    pub instances: Vec<Instance>,
    /// The solution groups, in file order.
    pub solution_groups: Vec<SolutionGroup>,
}

impl Archive {
    /// The instance with id `id`.
    pub fn instance(&self, id: &str) -> Option<&Instance> {
        self.instances.iter().find(|i| i.id == id)
    }
}

/// One instance: its times, resources, events and constraints.
#[derive(Clone, Debug, PartialEq)]
pub struct Instance {
    /// The instance's `Id`.
    pub id: String,
    /// Its `<MetaData><Name>`, or the id when it has none.
    pub name: String,
    /// The times, in the chronological order of the file.
    pub times: Vec<Time>,
    /// The time groups, weeks and days among them.
    pub time_groups: Vec<TimeGroup>,
    /// The resource types.
    pub resource_types: Vec<Named>,
    /// The resource groups.
    pub resource_groups: Vec<ResourceGroup>,
    /// The resources.
    pub resources: Vec<Resource>,
    /// The event groups, courses among them.
    pub event_groups: Vec<EventGroup>,
    /// The events.
    pub events: Vec<Event>,
    /// The constraints, in file order.
    pub constraints: Vec<Constraint>,
}

/// An id and a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// The `Id` attribute.
    pub id: String,
    /// The `<Name>`.
    pub name: String,
}

/// A time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Time {
    /// Id and name.
    pub named: Named,
}

/// What kind of time group an element declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeGroupKind {
    /// `<Week>`.
    Week,
    /// `<Day>`.
    Day,
    /// `<TimeGroup>`.
    Plain,
}

/// A time group: the times that name it, sorted chronologically.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeGroup {
    /// Id and name.
    pub named: Named,
    /// Week, day or plain.
    pub kind: TimeGroupKind,
    /// Its times, ascending.
    pub times: Vec<TimeId>,
}

/// A resource group: resources of one type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResourceGroup {
    /// Id and name.
    pub named: Named,
    /// The type of its resources.
    pub resource_type: ResourceTypeId,
    /// Its resources, ascending.
    pub resources: Vec<ResourceId>,
}

/// A resource (a teacher, a class, a room, …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resource {
    /// Id and name.
    pub named: Named,
    /// Its type.
    pub resource_type: ResourceTypeId,
}

/// An event group; a course is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventGroup {
    /// Id and name.
    pub named: Named,
    /// Whether it was declared as a `<Course>`.
    pub course: bool,
    /// Its events, ascending.
    pub events: Vec<EventId>,
}

/// An event: a number of times (its duration) to be placed, with its resources.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Id and name.
    pub named: Named,
    /// Its duration in times.
    pub duration: u32,
    /// Its workload (its duration unless given).
    pub workload: u32,
    /// A time fixed by the instance.
    pub preset_time: Option<TimeId>,
    /// Its event resources, in file order.
    pub resources: Vec<EventResource>,
}

/// One resource an event needs: fixed by the instance, or left to the solution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventResource {
    /// The resource, when the instance fixes it.
    pub preset: Option<ResourceId>,
    /// The role a solution assigns it by (required when no resource is fixed).
    pub role: Option<String>,
    /// The resource type it must be of.
    pub resource_type: Option<ResourceTypeId>,
    /// The workload it gives its resource (the event's unless given).
    pub workload: u32,
}

/// How a point of application's deviation becomes a cost (before the weight).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CostFunction {
    /// The deviation.
    Linear,
    /// The deviation squared.
    Quadratic,
    /// 1 when the deviation is not 0.
    Step,
}

impl CostFunction {
    /// The cost of `deviation`, before the weight.
    pub fn apply(self, deviation: u64) -> u64 {
        match self {
            CostFunction::Linear => deviation,
            CostFunction::Quadratic => deviation.saturating_mul(deviation),
            CostFunction::Step => u64::from(deviation > 0),
        }
    }
}

impl fmt::Display for CostFunction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CostFunction::Linear => "Linear",
            CostFunction::Quadratic => "Quadratic",
            CostFunction::Step => "Step",
        })
    }
}

/// A constraint: what it asks of each point it applies to, and what breaking it costs.
#[derive(Clone, Debug, PartialEq)]
pub struct Constraint {
    /// Id and name.
    pub named: Named,
    /// Whether its cost counts as infeasibility (`true`) or objective.
    pub required: bool,
    /// The weight of one unit of cost.
    pub weight: u64,
    /// How a deviation becomes a cost.
    pub cost_function: CostFunction,
    /// What it asks, with its points of application.
    pub rule: Rule,
}

/// Inclusive bounds, `max` unbounded when the file gives none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// `<Minimum>`, 0 unless given.
    pub min: u32,
    /// `<Maximum>`, unbounded unless given.
    pub max: u32,
}

impl Limits {
    /// How far `value` lies outside the bounds.
    pub fn deviation(self, value: u32) -> u64 {
        u64::from(self.min.saturating_sub(value)) + u64::from(value.saturating_sub(self.max))
    }
}

/// Two events a constraint orders, with the separation it asks between them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventPair {
    /// The event that comes first.
    pub first: EventId,
    /// The event that comes second.
    pub second: EventId,
    /// Times at least between the end of the first and the start of the second.
    pub min_separation: u32,
    /// Times at most between them.
    pub max_separation: u32,
}

/// The sixteen constraint types of XHSTT, each with its points of application (events, event
/// groups or resources, as the type applies to) and its parameters.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs, reason = "each variant's documentation says what its fields are")]
pub enum Rule {
    /// Every solution event of each event is assigned a resource for `role`.
    AssignResource { events: Vec<EventId>, role: String },
    /// Every solution event of each event is assigned a time.
    AssignTime { events: Vec<EventId> },
    /// Each event is split into between `amount.min` and `amount.max` solution events, each
    /// lasting between `duration.min` and `duration.max` times.
    SplitEvents { events: Vec<EventId>, duration: Limits, amount: Limits },
    /// Each event has between `limits.min` and `limits.max` solution events of `duration`.
    DistributeSplitEvents { events: Vec<EventId>, duration: u32, limits: Limits },
    /// The resource assigned for `role` is one of `resources` (sorted).
    PreferResources { events: Vec<EventId>, role: String, resources: Vec<ResourceId> },
    /// Solution events (of `duration`, when given) start at one of `times` (sorted).
    PreferTimes { events: Vec<EventId>, times: Vec<TimeId>, duration: Option<u32> },
    /// All the events of each group are assigned the same resource for `role`.
    AvoidSplitAssignments { event_groups: Vec<EventGroupId>, role: String },
    /// The number of solution events of each group starting in each time group lies within
    /// its limits.
    SpreadEvents { event_groups: Vec<EventGroupId>, time_groups: Vec<(TimeGroupId, Limits)> },
    /// The events of each group run at the same times.
    LinkEvents { event_groups: Vec<EventGroupId> },
    /// Each pair's second event starts within the separation after the first ends.
    OrderEvents { pairs: Vec<EventPair> },
    /// Each resource attends at most one solution event at a time.
    AvoidClashes { resources: Vec<ResourceId> },
    /// Each resource is free at `times` (sorted).
    AvoidUnavailableTimes { resources: Vec<ResourceId>, times: Vec<TimeId> },
    /// Each resource's idle times over the time groups lie within `limits`.
    LimitIdleTimes { resources: Vec<ResourceId>, time_groups: Vec<TimeGroupId>, limits: Limits },
    /// The number of time groups each resource is busy in lies within `limits`.
    ClusterBusyTimes { resources: Vec<ResourceId>, time_groups: Vec<TimeGroupId>, limits: Limits },
    /// In each time group a resource is busy in at all, its busy times lie within `limits`.
    LimitBusyTimes { resources: Vec<ResourceId>, time_groups: Vec<TimeGroupId>, limits: Limits },
    /// Each resource's total workload lies within `limits`.
    LimitWorkload { resources: Vec<ResourceId>, limits: Limits },
}

impl Rule {
    /// The element name of the constraint type in the format.
    pub fn type_name(&self) -> &'static str {
        match self {
            Rule::AssignResource { .. } => "AssignResourceConstraint",
            Rule::AssignTime { .. } => "AssignTimeConstraint",
            Rule::SplitEvents { .. } => "SplitEventsConstraint",
            Rule::DistributeSplitEvents { .. } => "DistributeSplitEventsConstraint",
            Rule::PreferResources { .. } => "PreferResourcesConstraint",
            Rule::PreferTimes { .. } => "PreferTimesConstraint",
            Rule::AvoidSplitAssignments { .. } => "AvoidSplitAssignmentsConstraint",
            Rule::SpreadEvents { .. } => "SpreadEventsConstraint",
            Rule::LinkEvents { .. } => "LinkEventsConstraint",
            Rule::OrderEvents { .. } => "OrderEventsConstraint",
            Rule::AvoidClashes { .. } => "AvoidClashesConstraint",
            Rule::AvoidUnavailableTimes { .. } => "AvoidUnavailableTimesConstraint",
            Rule::LimitIdleTimes { .. } => "LimitIdleTimesConstraint",
            Rule::ClusterBusyTimes { .. } => "ClusterBusyTimesConstraint",
            Rule::LimitBusyTimes { .. } => "LimitBusyTimesConstraint",
            Rule::LimitWorkload { .. } => "LimitWorkloadConstraint",
        }
    }
}

/// A point a constraint applies to, as a report names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Point {
    /// An event.
    Event(EventId),
    /// An event group.
    EventGroup(EventGroupId),
    /// A resource.
    Resource(ResourceId),
    /// An event pair of an order events constraint, by its place in the constraint's list;
    /// reports name it by its first event.
    Pair(u32),
}

/// A solution group: solutions from one source.
#[derive(Clone, Debug, PartialEq)]
pub struct SolutionGroup {
    /// The group's `Id`.
    pub id: String,
    /// The `<MetaData>` fields as written (contributor, date, description, …), in file order.
    pub metadata: Vec<(String, String)>,
    /// Its solutions.
    pub solutions: Vec<Solution>,
}

/// A solution of one instance.
#[derive(Clone, Debug, PartialEq)]
pub struct Solution {
    /// The instance it solves, by its place in the archive.
    pub instance: usize,
    /// `<Description>`, when given.
    pub description: Option<String>,
    /// `<RunningTime>`, when given.
    pub running_time: Option<String>,
    /// The solution events, in file order.
    pub events: Vec<SolutionEvent>,
    /// The costs the file states for it.
    pub report: Option<Report>,
}

/// A solution event: a part of an event, placed (or not) at a time, with its assigned resources.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SolutionEvent {
    /// The event it is part of.
    pub event: EventId,
    /// Its duration, the whole event's when not given.
    pub duration: Option<u32>,
    /// Its starting time.
    pub time: Option<TimeId>,
    /// The resources assigned to the event's open roles: (index into the event's resources, the
    /// resource).
    pub resources: Vec<(usize, ResourceId)>,
}

/// The costs a file states for a solution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// `<InfeasibilityValue>`.
    pub infeasibility: u64,
    /// `<ObjectiveValue>`.
    pub objective: u64,
    /// The costs it breaks down per point and constraint, in file order.
    pub costs: Vec<ReportedCost>,
}

/// One cost of a report's breakdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReportedCost {
    /// The point of application: an event, an event group or a resource.
    pub point: Point,
    /// The constraint.
    pub constraint: ConstraintId,
    /// The cost there.
    pub cost: u64,
}
