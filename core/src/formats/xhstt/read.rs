//! Reading an XHSTT archive into [`model`](super::model), every reference checked once.
//!
//! Every problem is collected as an [`Issue`] with its line and the field at fault; the archive
//! is returned only when there is none.

use std::collections::HashMap;

use roxmltree::Node;

use super::model::{
    Archive, Constraint, ConstraintId, CostFunction, Event, EventGroup, EventGroupId, EventId, EventPair, EventResource, Instance, Limits,
    Named, Point, Report, ReportedCost, Resource, ResourceGroup, ResourceId, ResourceTypeId, Rule, Solution, SolutionEvent, SolutionGroup,
    Time, TimeGroup, TimeGroupId, TimeGroupKind, TimeId,
};
use crate::error::{Error, Issue};
use crate::formats::xml::{child, document, elements, text_of, LineIndex};

/// Parses the text of an archive; `file` names it in messages.
pub fn parse_archive(file: &str, text: &str) -> Result<Archive, Error> {
    let (doc, text) = document(file, text)?;
    let mut reader = Reader { lines: LineIndex::of(text), issues: Vec::new() };
    let archive = reader.archive(doc.root_element());
    match archive {
        Some(archive) if reader.issues.is_empty() => Ok(archive),
        _ => {
            reader.issues.sort_by_key(|i| i.line);
            Err(Error::parse(file, reader.issues))
        }
    }
}

/// Parses the solution groups of an archive's text against `instances` (those of another
/// archive): each solution refers to one of them by id, and any instance the text holds itself
/// is not read.
pub fn parse_solutions(file: &str, text: &str, instances: &[Instance]) -> Result<Vec<SolutionGroup>, Error> {
    let (doc, text) = document(file, text)?;
    let mut reader = Reader { lines: LineIndex::of(text), issues: Vec::new() };
    let root = doc.root_element();
    reader.is_archive(root);
    let groups = reader.solution_groups(root, instances);
    if reader.issues.is_empty() {
        Ok(groups)
    } else {
        reader.issues.sort_by_key(|i| i.line);
        Err(Error::parse(file, reader.issues))
    }
}

struct Reader {
    lines: LineIndex,
    issues: Vec<Issue>,
}

/// Ids to indices, for one kind of element of one instance.
struct Ids<'a>(HashMap<&'a str, u32>);

impl<'a> Ids<'a> {
    fn get(&self, id: &str) -> Option<u32> {
        self.0.get(id).copied()
    }
}

/// What resolving references inside one instance needs.
struct Scope<'a> {
    times: Ids<'a>,
    time_groups: Ids<'a>,
    resource_types: Ids<'a>,
    resource_groups: Ids<'a>,
    resources: Ids<'a>,
    event_groups: Ids<'a>,
    events: Ids<'a>,
    constraints: Ids<'a>,
}

impl<'a> Scope<'a> {
    /// The ids of an instance already read, for resolving the references of its solutions.
    fn of(instance: &'a Instance) -> Self {
        fn ids<'a>(named: impl Iterator<Item = &'a Named>) -> Ids<'a> {
            Ids(named.enumerate().map(|(at, n)| (n.id.as_str(), u32::try_from(at).unwrap_or(u32::MAX))).collect())
        }
        Scope {
            times: ids(instance.times.iter().map(|t| &t.named)),
            time_groups: ids(instance.time_groups.iter().map(|g| &g.named)),
            resource_types: ids(instance.resource_types.iter()),
            resource_groups: ids(instance.resource_groups.iter().map(|g| &g.named)),
            resources: ids(instance.resources.iter().map(|r| &r.named)),
            event_groups: ids(instance.event_groups.iter().map(|g| &g.named)),
            events: ids(instance.events.iter().map(|e| &e.named)),
            constraints: ids(instance.constraints.iter().map(|c| &c.named)),
        }
    }
}

const UNBOUNDED: u32 = u32::MAX;

impl Reader {
    fn issue(&mut self, node: Node<'_, '_>, field: &str, message: impl Into<String>) {
        let line = self.lines.line(node);
        self.issues.push(Issue::at_line(line, field, message));
    }

    /// Whether `root` is an archive's root element; an issue when it is not.
    fn is_archive(&mut self, root: Node<'_, '_>) -> bool {
        let found = root.tag_name().name();
        if found != "HighSchoolTimetableArchive" {
            self.issue(root, "HighSchoolTimetableArchive", format!("not an XHSTT archive: the root element is <{found}>"));
        }
        found == "HighSchoolTimetableArchive"
    }

    fn archive(&mut self, root: Node<'_, '_>) -> Option<Archive> {
        if !self.is_archive(root) {
            return None;
        }
        let mut instances = Vec::new();
        for node in child(root, "Instances").into_iter().flat_map(|n| elements(n, "Instance")) {
            if let Some(instance) = self.instance(node) {
                if instances.iter().any(|i: &Instance| i.id == instance.id) {
                    self.issue(node, "Id", format!("a second instance with id {:?}", instance.id));
                }
                instances.push(instance);
            }
        }
        let solution_groups = self.solution_groups(root, &instances);
        Some(Archive { id: root.attribute("Id").map(str::to_owned), instances, solution_groups })
    }

    /// The `Id` attribute and `<Name>` of `node`.
    fn named(&mut self, node: Node<'_, '_>) -> Named {
        let id = node.attribute("Id").unwrap_or_else(|| {
            self.issue(node, "Id", format!("<{}> without an Id", node.tag_name().name()));
            ""
        });
        let name = child(node, "Name").map_or(id, text_of);
        Named { id: id.to_owned(), name: name.to_owned() }
    }

    /// The indices of the elements of `nodes` by their `Id`, with an issue for each repeated id.
    fn ids<'a>(&mut self, nodes: &[Node<'a, '_>], what: &str) -> Ids<'a> {
        let mut ids = HashMap::with_capacity(nodes.len());
        for (at, node) in nodes.iter().enumerate() {
            let Some(id) = node.attribute("Id") else { continue };
            if ids.insert(id, u32::try_from(at).unwrap_or(u32::MAX)).is_some() {
                self.issue(*node, "Id", format!("a second {what} with id {id:?}"));
            }
        }
        Ids(ids)
    }

    /// The index `ids` gives the `Reference` of `node`, with an issue naming the missing `what`.
    fn reference(&mut self, node: Node<'_, '_>, ids: &Ids<'_>, what: &str) -> Option<u32> {
        let Some(id) = node.attribute("Reference") else {
            self.issue(node, "Reference", format!("<{}> without a Reference", node.tag_name().name()));
            return None;
        };
        let found = ids.get(id);
        if found.is_none() {
            self.issue(node, "Reference", format!("no {what} {id:?} in the instance"));
        }
        found
    }

    /// The references of the `tag` elements under `node`'s child `list`.
    fn references(&mut self, node: Node<'_, '_>, list: &str, tag: &'static str, ids: &Ids<'_>, what: &str) -> Vec<u32> {
        let mut res = Vec::new();
        for r in child(node, list).into_iter().flat_map(|l| elements(l, tag)) {
            res.extend(self.reference(r, ids, what));
        }
        res
    }

    /// The number in `node`'s child `name`, `default` when it is missing.
    fn number(&mut self, node: Node<'_, '_>, name: &str, default: Option<u32>) -> Option<u32> {
        let Some(at) = child(node, name) else {
            if default.is_none() {
                self.issue(node, name, format!("missing in <{}>", node.tag_name().name()));
            }
            return default;
        };
        let text = text_of(at);
        let parsed = text.parse::<u32>().ok();
        if parsed.is_none() {
            self.issue(at, name, format!("expected a non-negative whole number, found {text:?}"));
        }
        parsed
    }

    fn limits(&mut self, node: Node<'_, '_>, min: &str, max: &str) -> Limits {
        let min = self.number(node, min, Some(0)).unwrap_or(0);
        let max = self.number(node, max, Some(UNBOUNDED)).unwrap_or(UNBOUNDED);
        Limits { min, max }
    }

    fn instance(&mut self, node: Node<'_, '_>) -> Option<Instance> {
        let id = node.attribute("Id").unwrap_or_default().to_owned();
        let name = child(node, "MetaData").and_then(|m| child(m, "Name")).map_or(id.as_str(), text_of).to_owned();
        let times_node = child(node, "Times");
        let resources_node = child(node, "Resources");
        let events_node = child(node, "Events");
        if times_node.is_none() || events_node.is_none() {
            self.issue(node, "Times", format!("instance {id:?} has no <Times> or no <Events>"));
            return None;
        }
        let time_group_nodes: Vec<_> =
            times_node.and_then(|t| child(t, "TimeGroups")).into_iter().flat_map(|g| g.children().filter(|n| n.is_element())).collect();
        let time_nodes: Vec<_> = times_node.into_iter().flat_map(|t| elements(t, "Time")).collect();
        let type_nodes: Vec<_> =
            resources_node.and_then(|r| child(r, "ResourceTypes")).into_iter().flat_map(|t| elements(t, "ResourceType")).collect();
        let resource_group_nodes: Vec<_> =
            resources_node.and_then(|r| child(r, "ResourceGroups")).into_iter().flat_map(|t| elements(t, "ResourceGroup")).collect();
        let resource_nodes: Vec<_> = resources_node.into_iter().flat_map(|r| elements(r, "Resource")).collect();
        let event_group_nodes: Vec<_> =
            events_node.and_then(|e| child(e, "EventGroups")).into_iter().flat_map(|g| g.children().filter(|n| n.is_element())).collect();
        let event_nodes: Vec<_> = events_node.into_iter().flat_map(|e| elements(e, "Event")).collect();
        let constraint_nodes: Vec<_> =
            child(node, "Constraints").into_iter().flat_map(|c| c.children().filter(|n| n.is_element())).collect();
        let scope = Scope {
            times: self.ids(&time_nodes, "time"),
            time_groups: self.ids(&time_group_nodes, "time group"),
            resource_types: self.ids(&type_nodes, "resource type"),
            resource_groups: self.ids(&resource_group_nodes, "resource group"),
            resources: self.ids(&resource_nodes, "resource"),
            event_groups: self.ids(&event_group_nodes, "event group"),
            events: self.ids(&event_nodes, "event"),
            constraints: self.ids(&constraint_nodes, "constraint"),
        };

        let mut time_groups: Vec<TimeGroup> = time_group_nodes
            .iter()
            .map(|&n| {
                let kind = match n.tag_name().name() {
                    "Week" => TimeGroupKind::Week,
                    "Day" => TimeGroupKind::Day,
                    "TimeGroup" => TimeGroupKind::Plain,
                    other => {
                        self.issue(n, "TimeGroups", format!("<{other}> is not a time group (Week, Day or TimeGroup)"));
                        TimeGroupKind::Plain
                    }
                };
                TimeGroup { named: self.named(n), kind, times: Vec::new() }
            })
            .collect();
        let mut times = Vec::with_capacity(time_nodes.len());
        for (at, &n) in time_nodes.iter().enumerate() {
            let time = TimeId(u32::try_from(at).unwrap_or(u32::MAX));
            times.push(Time { named: self.named(n) });
            let mut groups = Vec::new();
            for tag in ["Week", "Day"] {
                if let Some(r) = child(n, tag) {
                    groups.extend(self.reference(r, &scope.time_groups, "time group"));
                }
            }
            groups.extend(self.references(n, "TimeGroups", "TimeGroup", &scope.time_groups, "time group"));
            for g in groups {
                let members = &mut time_groups[g as usize].times;
                if members.last() != Some(&time) {
                    members.push(time);
                }
            }
        }

        let resource_types: Vec<Named> = type_nodes.iter().map(|&n| self.named(n)).collect();
        let mut resource_groups: Vec<ResourceGroup> = resource_group_nodes
            .iter()
            .map(|&n| {
                let resource_type = child(n, "ResourceType").and_then(|r| self.reference(r, &scope.resource_types, "resource type"));
                if child(n, "ResourceType").is_none() {
                    self.issue(n, "ResourceType", "missing in <ResourceGroup>");
                }
                ResourceGroup { named: self.named(n), resource_type: ResourceTypeId(resource_type.unwrap_or(0)), resources: Vec::new() }
            })
            .collect();
        let mut resources = Vec::with_capacity(resource_nodes.len());
        for (at, &n) in resource_nodes.iter().enumerate() {
            let resource = ResourceId(u32::try_from(at).unwrap_or(u32::MAX));
            let resource_type = child(n, "ResourceType").and_then(|r| self.reference(r, &scope.resource_types, "resource type"));
            if child(n, "ResourceType").is_none() {
                self.issue(n, "ResourceType", "missing in <Resource>");
            }
            resources.push(Resource { named: self.named(n), resource_type: ResourceTypeId(resource_type.unwrap_or(0)) });
            for g in self.references(n, "ResourceGroups", "ResourceGroup", &scope.resource_groups, "resource group") {
                resource_groups[g as usize].resources.push(resource);
            }
        }
        for group in &mut resource_groups {
            group.resources.sort_unstable();
            group.resources.dedup();
        }

        let mut event_groups: Vec<EventGroup> = event_group_nodes
            .iter()
            .map(|&n| {
                let course = match n.tag_name().name() {
                    "Course" => true,
                    "EventGroup" => false,
                    other => {
                        self.issue(n, "EventGroups", format!("<{other}> is not an event group (Course or EventGroup)"));
                        false
                    }
                };
                EventGroup { named: self.named(n), course, events: Vec::new() }
            })
            .collect();
        let mut events = Vec::with_capacity(event_nodes.len());
        for (at, &n) in event_nodes.iter().enumerate() {
            let event = EventId(u32::try_from(at).unwrap_or(u32::MAX));
            let mut groups = self.references(n, "EventGroups", "EventGroup", &scope.event_groups, "event group");
            if let Some(c) = child(n, "Course") {
                groups.extend(self.reference(c, &scope.event_groups, "course"));
            }
            for g in groups {
                let members = &mut event_groups[g as usize].events;
                if members.last() != Some(&event) {
                    members.push(event);
                }
            }
            events.push(self.event(n, &scope, &resource_groups));
        }

        let mut constraints = Vec::with_capacity(constraint_nodes.len());
        for &n in &constraint_nodes {
            if let Some(c) = self.constraint(n, &scope, &time_groups, &resource_groups, &event_groups) {
                constraints.push(c);
            }
        }
        Some(Instance { id, name, times, time_groups, resource_types, resource_groups, resources, event_groups, events, constraints })
    }

    fn event(&mut self, n: Node<'_, '_>, scope: &Scope<'_>, resource_groups: &[ResourceGroup]) -> Event {
        let named = self.named(n);
        let duration = self.number(n, "Duration", None).unwrap_or(1);
        if duration == 0 {
            self.issue(child(n, "Duration").unwrap_or(n), "Duration", format!("event {:?} lasts 0 times", named.id));
        }
        let workload = self.number(n, "Workload", Some(duration)).unwrap_or(duration);
        let preset_time = child(n, "Time").and_then(|t| self.reference(t, &scope.times, "time")).map(TimeId);
        let mut resources = Vec::new();
        for r in child(n, "Resources").into_iter().flat_map(|l| elements(l, "Resource")) {
            let preset = match r.attribute("Reference") {
                Some(_) => self.reference(r, &scope.resources, "resource").map(ResourceId),
                None => None,
            };
            let role = child(r, "Role").map(text_of).filter(|s| !s.is_empty()).map(str::to_owned);
            if preset.is_none() && role.is_none() && r.attribute("Reference").is_none() {
                self.issue(r, "Role", format!("event {:?} has a resource with neither a Reference nor a Role", named.id));
            }
            let resource_type =
                child(r, "ResourceType").and_then(|t| self.reference(t, &scope.resource_types, "resource type")).map(ResourceTypeId);
            let workload = self.number(r, "Workload", Some(workload)).unwrap_or(workload);
            resources.push(EventResource { preset, role, resource_type, workload });
        }
        // A resource group of an event is shorthand for its resources, each preset, without roles.
        for g in self.references(n, "ResourceGroups", "ResourceGroup", &scope.resource_groups, "resource group") {
            for &resource in &resource_groups[g as usize].resources {
                resources.push(EventResource { preset: Some(resource), role: None, resource_type: None, workload });
            }
        }
        Event { named, duration, workload, preset_time, resources }
    }

    /// The events a constraint applies to: those listed and those of the groups listed, once each.
    fn applied_events(&mut self, applies: Node<'_, '_>, scope: &Scope<'_>, event_groups: &[EventGroup]) -> Vec<EventId> {
        let mut res: Vec<EventId> = self.references(applies, "Events", "Event", &scope.events, "event").into_iter().map(EventId).collect();
        for g in self.references(applies, "EventGroups", "EventGroup", &scope.event_groups, "event group") {
            res.extend_from_slice(&event_groups[g as usize].events);
        }
        res.sort_unstable();
        res.dedup();
        res
    }

    fn applied_event_groups(&mut self, applies: Node<'_, '_>, scope: &Scope<'_>) -> Vec<EventGroupId> {
        let mut res: Vec<EventGroupId> = self
            .references(applies, "EventGroups", "EventGroup", &scope.event_groups, "event group")
            .into_iter()
            .map(EventGroupId)
            .collect();
        res.sort_unstable();
        res.dedup();
        res
    }

    /// The resources listed under `node` and those of the resource groups listed, once each.
    fn resources_of(&mut self, node: Node<'_, '_>, scope: &Scope<'_>, resource_groups: &[ResourceGroup]) -> Vec<ResourceId> {
        let mut res: Vec<ResourceId> =
            self.references(node, "Resources", "Resource", &scope.resources, "resource").into_iter().map(ResourceId).collect();
        for g in self.references(node, "ResourceGroups", "ResourceGroup", &scope.resource_groups, "resource group") {
            res.extend_from_slice(&resource_groups[g as usize].resources);
        }
        res.sort_unstable();
        res.dedup();
        res
    }

    /// The times listed under `node` and those of the time groups listed, once each, ascending.
    fn times_of(&mut self, node: Node<'_, '_>, scope: &Scope<'_>, time_groups: &[TimeGroup]) -> Vec<TimeId> {
        let mut res: Vec<TimeId> = self.references(node, "Times", "Time", &scope.times, "time").into_iter().map(TimeId).collect();
        for g in self.references(node, "TimeGroups", "TimeGroup", &scope.time_groups, "time group") {
            res.extend_from_slice(&time_groups[g as usize].times);
        }
        res.sort_unstable();
        res.dedup();
        res
    }

    fn role(&mut self, n: Node<'_, '_>) -> String {
        match child(n, "Role").map(text_of) {
            Some(role) if !role.is_empty() => role.to_owned(),
            _ => {
                self.issue(n, "Role", format!("missing in <{}>", n.tag_name().name()));
                String::new()
            }
        }
    }

    fn constraint(
        &mut self,
        n: Node<'_, '_>,
        scope: &Scope<'_>,
        time_groups: &[TimeGroup],
        resource_groups: &[ResourceGroup],
        event_groups: &[EventGroup],
    ) -> Option<Constraint> {
        let named = self.named(n);
        let required = match child(n, "Required").map(text_of) {
            Some("true") => true,
            Some("false") => false,
            other => {
                let found = other.map_or_else(|| "nothing".to_owned(), |o| format!("{o:?}"));
                self.issue(child(n, "Required").unwrap_or(n), "Required", format!("expected true or false, found {found}"));
                false
            }
        };
        let weight = u64::from(self.number(n, "Weight", None).unwrap_or(0));
        let cost_function = match child(n, "CostFunction").map(text_of) {
            Some("Linear") => CostFunction::Linear,
            Some("Quadratic") => CostFunction::Quadratic,
            Some("Step") => CostFunction::Step,
            other => {
                let found = other.map_or_else(|| "nothing".to_owned(), |o| format!("{o:?}"));
                self.issue(
                    child(n, "CostFunction").unwrap_or(n),
                    "CostFunction",
                    format!("expected Linear, Quadratic or Step, found {found}"),
                );
                CostFunction::Linear
            }
        };
        let Some(applies) = child(n, "AppliesTo") else {
            self.issue(n, "AppliesTo", format!("constraint {:?} says nothing it applies to", named.id));
            return None;
        };
        let time_group_list = |reader: &mut Self| -> Vec<TimeGroupId> {
            reader.references(n, "TimeGroups", "TimeGroup", &scope.time_groups, "time group").into_iter().map(TimeGroupId).collect()
        };
        let rule = match n.tag_name().name() {
            "AssignResourceConstraint" => {
                Rule::AssignResource { events: self.applied_events(applies, scope, event_groups), role: self.role(n) }
            }
            "AssignTimeConstraint" => Rule::AssignTime { events: self.applied_events(applies, scope, event_groups) },
            "SplitEventsConstraint" => Rule::SplitEvents {
                events: self.applied_events(applies, scope, event_groups),
                duration: self.limits(n, "MinimumDuration", "MaximumDuration"),
                amount: self.limits(n, "MinimumAmount", "MaximumAmount"),
            },
            "DistributeSplitEventsConstraint" => Rule::DistributeSplitEvents {
                events: self.applied_events(applies, scope, event_groups),
                duration: self.number(n, "Duration", None).unwrap_or(1),
                limits: self.limits(n, "Minimum", "Maximum"),
            },
            "PreferResourcesConstraint" => Rule::PreferResources {
                events: self.applied_events(applies, scope, event_groups),
                role: self.role(n),
                resources: self.resources_of(n, scope, resource_groups),
            },
            "PreferTimesConstraint" => Rule::PreferTimes {
                events: self.applied_events(applies, scope, event_groups),
                times: self.times_of(n, scope, time_groups),
                duration: child(n, "Duration").and_then(|_| self.number(n, "Duration", None)),
            },
            "AvoidSplitAssignmentsConstraint" => {
                Rule::AvoidSplitAssignments { event_groups: self.applied_event_groups(applies, scope), role: self.role(n) }
            }
            "SpreadEventsConstraint" => {
                let mut spread = Vec::new();
                for g in child(n, "TimeGroups").into_iter().flat_map(|l| elements(l, "TimeGroup")) {
                    if let Some(group) = self.reference(g, &scope.time_groups, "time group") {
                        spread.push((TimeGroupId(group), self.limits(g, "Minimum", "Maximum")));
                    }
                }
                Rule::SpreadEvents { event_groups: self.applied_event_groups(applies, scope), time_groups: spread }
            }
            "LinkEventsConstraint" => Rule::LinkEvents { event_groups: self.applied_event_groups(applies, scope) },
            "OrderEventsConstraint" => {
                let mut pairs = Vec::new();
                for p in child(applies, "EventPairs").into_iter().flat_map(|l| elements(l, "EventPair")) {
                    let first = child(p, "FirstEvent").and_then(|e| self.reference(e, &scope.events, "event"));
                    let second = child(p, "SecondEvent").and_then(|e| self.reference(e, &scope.events, "event"));
                    let separation = self.limits(p, "MinSeparation", "MaxSeparation");
                    match (first, second) {
                        (Some(first), Some(second)) => pairs.push(EventPair {
                            first: EventId(first),
                            second: EventId(second),
                            min_separation: separation.min,
                            max_separation: separation.max,
                        }),
                        _ if child(p, "FirstEvent").is_none() || child(p, "SecondEvent").is_none() => {
                            self.issue(p, "EventPair", "an event pair needs a <FirstEvent> and a <SecondEvent>");
                        }
                        _ => {}
                    }
                }
                Rule::OrderEvents { pairs }
            }
            "AvoidClashesConstraint" => Rule::AvoidClashes { resources: self.resources_of(applies, scope, resource_groups) },
            "AvoidUnavailableTimesConstraint" => Rule::AvoidUnavailableTimes {
                resources: self.resources_of(applies, scope, resource_groups),
                times: self.times_of(n, scope, time_groups),
            },
            "LimitIdleTimesConstraint" => Rule::LimitIdleTimes {
                resources: self.resources_of(applies, scope, resource_groups),
                time_groups: time_group_list(self),
                limits: self.limits(n, "Minimum", "Maximum"),
            },
            "ClusterBusyTimesConstraint" => Rule::ClusterBusyTimes {
                resources: self.resources_of(applies, scope, resource_groups),
                time_groups: time_group_list(self),
                limits: self.limits(n, "Minimum", "Maximum"),
            },
            "LimitBusyTimesConstraint" => Rule::LimitBusyTimes {
                resources: self.resources_of(applies, scope, resource_groups),
                time_groups: time_group_list(self),
                limits: self.limits(n, "Minimum", "Maximum"),
            },
            "LimitWorkloadConstraint" => Rule::LimitWorkload {
                resources: self.resources_of(applies, scope, resource_groups),
                limits: self.limits(n, "Minimum", "Maximum"),
            },
            other => {
                self.issue(n, other, format!("constraint {:?} is of a type XHSTT does not define: <{other}>", named.id));
                return None;
            }
        };
        Some(Constraint { named, required, weight, cost_function, rule })
    }

    fn solution_groups(&mut self, root: Node<'_, '_>, instances: &[Instance]) -> Vec<SolutionGroup> {
        let scopes: Vec<Scope<'_>> = instances.iter().map(Scope::of).collect();
        let mut groups = Vec::new();
        for node in child(root, "SolutionGroups").into_iter().flat_map(|n| elements(n, "SolutionGroup")) {
            groups.push(self.solution_group(node, instances, &scopes));
        }
        groups
    }

    fn solution_group(&mut self, n: Node<'_, '_>, instances: &[Instance], scopes: &[Scope<'_>]) -> SolutionGroup {
        let id = n.attribute("Id").unwrap_or_default().to_owned();
        let metadata = child(n, "MetaData")
            .into_iter()
            .flat_map(|m| m.children().filter(|c| c.is_element()))
            .map(|m| (m.tag_name().name().to_owned(), text_of(m).to_owned()))
            .collect();
        let mut solutions = Vec::new();
        for s in elements(n, "Solution") {
            let reference = s.attribute("Reference").unwrap_or_default();
            let Some(instance) = instances.iter().position(|i| i.id == reference) else {
                self.issue(s, "Reference", format!("solution of an instance {reference:?} the archive does not hold"));
                continue;
            };
            solutions.push(self.solution(s, instance, &instances[instance], &scopes[instance]));
        }
        SolutionGroup { id, metadata, solutions }
    }

    fn solution(&mut self, s: Node<'_, '_>, index: usize, instance: &Instance, scope: &Scope<'_>) -> Solution {
        let mut events = Vec::new();
        for e in child(s, "Events").into_iter().flat_map(|l| elements(l, "Event")) {
            let Some(event) = self.reference(e, &scope.events, "event").map(EventId) else { continue };
            let duration = child(e, "Duration").and_then(|_| self.number(e, "Duration", None));
            let time = child(e, "Time").and_then(|t| self.reference(t, &scope.times, "time")).map(TimeId);
            let mut resources = Vec::new();
            for r in child(e, "Resources").into_iter().flat_map(|l| elements(l, "Resource")) {
                let Some(resource) = self.reference(r, &scope.resources, "resource").map(ResourceId) else { continue };
                let role = child(r, "Role").map(text_of).unwrap_or_default();
                let wanted = &instance.events[event.index()].resources;
                match wanted.iter().position(|w| w.role.as_deref() == Some(role)) {
                    Some(slot) => resources.push((slot, resource)),
                    None => {
                        let id = &instance.events[event.index()].named.id;
                        self.issue(r, "Role", format!("event {id:?} has no resource of role {role:?}"));
                    }
                }
            }
            events.push(SolutionEvent { event, duration, time, resources });
        }
        let report = child(s, "Report").map(|r| self.report(r, scope));
        Solution {
            instance: index,
            description: child(s, "Description").map(|d| text_of(d).to_owned()),
            running_time: child(s, "RunningTime").map(|d| text_of(d).to_owned()),
            events,
            report,
        }
    }

    fn report(&mut self, r: Node<'_, '_>, scope: &Scope<'_>) -> Report {
        let infeasibility = u64::from(self.number(r, "InfeasibilityValue", Some(0)).unwrap_or(0));
        let objective = u64::from(self.number(r, "ObjectiveValue", Some(0)).unwrap_or(0));
        let mut costs = Vec::new();
        self.reported(r, ("Resources", "Resource", "resource"), &scope.resources, |i| Point::Resource(ResourceId(i)), scope, &mut costs);
        self.reported(r, ("Events", "Event", "event"), &scope.events, |i| Point::Event(EventId(i)), scope, &mut costs);
        self.reported(
            r,
            ("EventGroups", "EventGroup", "event group"),
            &scope.event_groups,
            |i| Point::EventGroup(EventGroupId(i)),
            scope,
            &mut costs,
        );
        Report { infeasibility, objective, costs }
    }

    /// The costs a report lists under `names.0`, per `names.1` element (a `names.2` of `ids`).
    fn reported(
        &mut self,
        r: Node<'_, '_>,
        names: (&str, &'static str, &str),
        ids: &Ids<'_>,
        point: fn(u32) -> Point,
        scope: &Scope<'_>,
        costs: &mut Vec<ReportedCost>,
    ) {
        let (list, tag, what) = names;
        for p in child(r, list).into_iter().flat_map(|l| elements(l, tag)) {
            let Some(at) = self.reference(p, ids, what) else { continue };
            for c in elements(p, "Constraint") {
                let Some(constraint) = self.reference(c, &scope.constraints, "constraint") else { continue };
                let cost = u64::from(self.number(c, "Cost", Some(0)).unwrap_or(0));
                costs.push(ReportedCost { point: point(at), constraint: ConstraintId(constraint), cost });
            }
        }
    }
}
