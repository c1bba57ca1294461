//! `horarium validate ARCHIVE.xml [SOLUTIONS.xml]`: the XHSTT evaluation of every solution of an
//! archive (or of a second archive's solutions of its instances), per constraint and point of
//! application, next to the values the file reports.

use std::path::Path;
use std::process::ExitCode;

use horarium::formats::xhstt::evaluate::ConstraintCost;
use horarium::formats::xhstt::model::{Instance, Point, Rule, SolutionGroup};
use horarium::formats::xhstt::{self, Evaluation};
use serde_json::{json, Value};

/// Whether `path` names an XHSTT archive (by its `.xml` extension).
pub(crate) fn is_archive(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("xml"))
}

pub(crate) fn validate(archive_path: &Path, solutions: Option<&Path>, as_json: bool) -> anyhow::Result<ExitCode> {
    let archive = xhstt::read_archive(archive_path)?;
    let groups = match solutions {
        None => archive.solution_groups.clone(),
        Some(path) => {
            let file = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|error| horarium::Error::Io { file: file.clone(), error })?;
            xhstt::parse_solutions(&file, &text, &archive.instances)?
        }
    };
    let file = solutions.unwrap_or(archive_path).display().to_string();
    if groups.iter().all(|g| g.solutions.is_empty()) {
        anyhow::bail!("{file}: no solution to evaluate (the archive has no <SolutionGroups> with a <Solution>)");
    }
    let mut invalid = 0;
    let mut reports = Vec::new();
    for group in &groups {
        for solution in &group.solutions {
            let instance = &archive.instances[solution.instance];
            let reported = solution.report.as_ref().map(|r| (r.infeasibility, r.objective));
            match xhstt::evaluate(instance, solution) {
                Ok(evaluation) => reports.push(Evaluated { instance, group, evaluation: Ok(evaluation), reported }),
                Err(e) => {
                    invalid += 1;
                    reports.push(Evaluated { instance, group, evaluation: Err(e.problems), reported });
                }
            }
        }
    }
    if as_json {
        let solutions: Vec<Value> = reports.iter().map(Evaluated::to_json).collect();
        println!("{}", serde_json::to_string(&json!({ "archive": file, "solutions": solutions }))?);
    } else {
        for report in &reports {
            print!("{}", report.to_text());
        }
    }
    if invalid > 0 {
        eprintln!("error: {file}: {invalid} solution(s) do not describe a timetable of their instance");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// One solution's evaluation, or why it has none.
struct Evaluated<'a> {
    instance: &'a Instance,
    group: &'a SolutionGroup,
    evaluation: Result<Evaluation, Vec<String>>,
    reported: Option<(u64, u64)>,
}

impl Evaluated<'_> {
    fn to_text(&self) -> String {
        let instance = self.instance;
        let mut res = format!("{} ({}), solution group {:?}: ", instance.id, instance.name, self.group.id);
        let evaluation = match &self.evaluation {
            Ok(evaluation) => evaluation,
            Err(problems) => {
                res.push_str("not a timetable of the instance:\n");
                for p in problems {
                    res.push_str(&format!("  {p}\n"));
                }
                return res + "\n";
            }
        };
        res.push_str(&format!("infeasibility {}, objective {}", evaluation.infeasibility, evaluation.objective));
        match self.reported {
            Some(r) if r == (evaluation.infeasibility, evaluation.objective) => res.push_str(" (as the file reports)"),
            Some((i, o)) => res.push_str(&format!(" (the file reports infeasibility {i}, objective {o})")),
            None => {}
        }
        res.push('\n');
        for cost in evaluation.constraints.iter().filter(|c| c.cost > 0) {
            let c = &instance.constraints[cost.constraint.index()];
            let level = if c.required { "required".to_owned() } else { "objective".to_owned() };
            res.push_str(&format!(
                "  {} {:?} ({}, {level}, weight {}, {}): {}\n",
                c.named.id,
                c.named.name,
                c.rule.type_name(),
                c.weight,
                c.cost_function,
                cost.cost
            ));
            for p in &cost.points {
                res.push_str(&format!("    {}: deviation {}, cost {}\n", point_name(instance, cost, p.point), p.deviation, p.cost));
            }
        }
        res + "\n"
    }

    fn to_json(&self) -> Value {
        let instance = self.instance;
        let mut res = json!({
            "instance": instance.id,
            "group": self.group.id,
            "reported": self.reported.map(|(i, o)| json!({ "infeasibility": i, "objective": o })),
        });
        match &self.evaluation {
            Ok(evaluation) => {
                res["infeasibility"] = json!(evaluation.infeasibility);
                res["objective"] = json!(evaluation.objective);
                res["constraints"] = evaluation
                    .constraints
                    .iter()
                    .map(|cost| {
                        let c = &instance.constraints[cost.constraint.index()];
                        json!({
                            "id": c.named.id,
                            "name": c.named.name,
                            "type": c.rule.type_name(),
                            "required": c.required,
                            "weight": c.weight,
                            "cost_function": c.cost_function.to_string(),
                            "cost": cost.cost,
                            "points": cost.points.iter().map(|p| json!({
                                "point": point_name(instance, cost, p.point),
                                "deviation": p.deviation,
                                "cost": p.cost,
                            })).collect::<Vec<_>>(),
                        })
                    })
                    .collect();
            }
            Err(problems) => res["invalid"] = json!(problems),
        }
        res
    }
}

/// The id of a point: its event's, event group's or resource's; an event pair as `first→second`.
fn point_name(instance: &Instance, cost: &ConstraintCost, point: Point) -> String {
    match point {
        Point::Event(e) => instance.events[e.index()].named.id.clone(),
        Point::EventGroup(g) => instance.event_groups[g.index()].named.id.clone(),
        Point::Resource(r) => instance.resources[r.index()].named.id.clone(),
        Point::Pair(n) => match &instance.constraints[cost.constraint.index()].rule {
            Rule::OrderEvents { pairs } => {
                let pair = pairs[n as usize];
                format!("{}→{}", instance.events[pair.first.index()].named.id, instance.events[pair.second.index()].named.id)
            }
            _ => format!("pair {n}"),
        },
    }
}
