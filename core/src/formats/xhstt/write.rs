//! Writing solutions as XHSTT: a whole archive holding the instance as its source file wrote it
//! (every byte of its `<Instances>`) and one solution group, so that HSEval or any other reader
//! of the format can evaluate it on its own.

use std::fmt::Write as _;

use super::evaluate::Evaluation;
use super::model::{Instance, Point, Solution};
use crate::error::{Error, Issue};
use crate::formats::xml::{child, document, escape};

/// A solution group to write: its id and metadata, and the solutions with their evaluations.
#[derive(Clone, Copy, Debug)]
pub struct GroupToWrite<'a> {
    /// The group's `Id`.
    pub id: &'a str,
    /// `<MetaData>` fields, in order, such as `("Contributor", "Horarium")`.
    pub metadata: &'a [(&'a str, &'a str)],
    /// The solution, of `instance`.
    pub solution: &'a Solution,
    /// The instance it solves.
    pub instance: &'a Instance,
    /// Written as the solution's `<Report>` when given.
    pub evaluation: Option<&'a Evaluation>,
}

/// The archive `source` (the text of the archive the instance was read from; `file` names it in
/// errors) with its instances unchanged and `group` as its only solution group.
pub fn archive_with_solution(file: &str, source: &str, group: &GroupToWrite<'_>) -> Result<String, Error> {
    let (doc, text) = document(file, source)?;
    let root = doc.root_element();
    let Some(instances) = child(root, "Instances") else {
        return Err(Error::parse(
            file,
            vec![Issue::at_line(1, "Instances", "the archive holds no <Instances> to write a solution beside")],
        ));
    };
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<HighSchoolTimetableArchive");
    if let Some(id) = root.attribute("Id") {
        let _ = write!(out, " Id=\"{}\"", escape(id));
    }
    out.push_str(">\n  ");
    out.push_str(&text[instances.range()]);
    out.push_str("\n  <SolutionGroups>\n");
    write_group(&mut out, group);
    out.push_str("  </SolutionGroups>\n</HighSchoolTimetableArchive>\n");
    Ok(out)
}

fn write_group(out: &mut String, group: &GroupToWrite<'_>) {
    let instance = group.instance;
    let _ = writeln!(out, "    <SolutionGroup Id=\"{}\">", escape(group.id));
    out.push_str("      <MetaData>\n");
    for (tag, value) in group.metadata {
        let _ = writeln!(out, "        <{tag}>{}</{tag}>", escape(value));
    }
    out.push_str("      </MetaData>\n");
    let solution = group.solution;
    let _ = writeln!(out, "      <Solution Reference=\"{}\">", escape(&instance.id));
    if let Some(description) = &solution.description {
        let _ = writeln!(out, "        <Description>{}</Description>", escape(description));
    }
    if let Some(running_time) = &solution.running_time {
        let _ = writeln!(out, "        <RunningTime>{}</RunningTime>", escape(running_time));
    }
    out.push_str("        <Events>\n");
    for e in &solution.events {
        let event = &instance.events[e.event.index()];
        let _ = write!(out, "          <Event Reference=\"{}\">", escape(&event.named.id));
        if let Some(duration) = e.duration {
            let _ = write!(out, "<Duration>{duration}</Duration>");
        }
        if let Some(time) = e.time {
            let _ = write!(out, "<Time Reference=\"{}\"/>", escape(&instance.times[time.index()].named.id));
        }
        if !e.resources.is_empty() {
            out.push_str("<Resources>");
            for &(slot, resource) in &e.resources {
                let role = event.resources[slot].role.as_deref().unwrap_or_default();
                let id = &instance.resources[resource.index()].named.id;
                let _ = write!(out, "<Resource Reference=\"{}\"><Role>{}</Role></Resource>", escape(id), escape(role));
            }
            out.push_str("</Resources>");
        }
        out.push_str("</Event>\n");
    }
    out.push_str("        </Events>\n");
    if let Some(evaluation) = group.evaluation {
        write_report(out, instance, evaluation);
    }
    out.push_str("      </Solution>\n    </SolutionGroup>\n");
}

/// The `<Report>`: the totals, then each point's costs by constraint, grouped as the format
/// groups them (resources, events, event groups). An event pair's cost is reported at its first
/// event.
fn write_report(out: &mut String, instance: &Instance, evaluation: &Evaluation) {
    let _ = writeln!(out, "        <Report>\n          <InfeasibilityValue>{}</InfeasibilityValue>", evaluation.infeasibility);
    let _ = writeln!(out, "          <ObjectiveValue>{}</ObjectiveValue>", evaluation.objective);
    // (list element, point element, point id) per cost, kept in constraint order within a point.
    let mut costs: Vec<(u8, &str, usize, &str, u64)> = Vec::new();
    for c in &evaluation.constraints {
        let constraint = &instance.constraints[c.constraint.index()];
        for p in &c.points {
            let (list, id) = match p.point {
                Point::Resource(r) => (0, instance.resources[r.index()].named.id.as_str()),
                Point::Event(e) => (1, instance.events[e.index()].named.id.as_str()),
                Point::EventGroup(g) => (2, instance.event_groups[g.index()].named.id.as_str()),
                Point::Pair(n) => match &constraint.rule {
                    super::model::Rule::OrderEvents { pairs } => (1, instance.events[pairs[n as usize].first.index()].named.id.as_str()),
                    _ => continue,
                },
            };
            costs.push((list, id, c.constraint.index(), constraint.named.id.as_str(), p.cost));
        }
    }
    costs.sort_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
    for (list, (lists, tag)) in [("Resources", "Resource"), ("Events", "Event"), ("EventGroups", "EventGroup")].into_iter().enumerate() {
        let mine: Vec<_> = costs.iter().filter(|c| usize::from(c.0) == list).collect();
        if mine.is_empty() {
            continue;
        }
        let _ = writeln!(out, "          <{lists}>");
        let mut at = 0;
        while at < mine.len() {
            let point = mine[at].1;
            let _ = writeln!(out, "            <{tag} Reference=\"{}\">", escape(point));
            while at < mine.len() && mine[at].1 == point {
                let (_, _, _, constraint, cost) = *mine[at];
                let _ = writeln!(out, "              <Constraint Reference=\"{}\"><Cost>{cost}</Cost></Constraint>", escape(constraint));
                at += 1;
            }
            let _ = writeln!(out, "            </{tag}>");
        }
        let _ = writeln!(out, "          </{lists}>");
    }
    out.push_str("        </Report>\n");
}
