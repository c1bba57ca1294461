//! `sets_not_overlapping`: lessons of different sets never share a period.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::lesson_lists::{lessons_to_def, resolve_lessons, LessonDef};
use super::ConstraintKind;
use crate::calendar::Calendar;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{LessonId, Resource, Slot};
use crate::names::Names;

const SUMMARY: &str = "lessons of different sets never share a period; one unit per period and pair of lessons of two sets sharing it";

/// No lesson of one set shares a period with a lesson of another; lessons of one set may.
///
/// Each set is, for instance, the lessons of a subject: two biology groups may meet at once, but
/// never a biology and a chemistry lesson. The amount is, per period, the pairs of lessons of
/// different sets covering it. FET's "activity tags not overlapping", a set per tag.
///
/// ```json
/// {"kind": "sets_not_overlapping", "level": "hard",
///  "sets": [{"name": "Biology", "lessons": [{"course": "Bio-A", "lesson": 0}, {"course": "Bio-B", "lesson": 0}]},
///           {"name": "Chemistry", "lessons": [{"course": "Chem-A", "lesson": 0}]}]}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetsNotOverlapping {
    /// The sets, at least two, no lesson in two of them.
    pub sets: Vec<LessonSet>,
}

/// One set of a [`SetsNotOverlapping`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonSet {
    /// Its name, when it has one.
    pub name: Option<String>,
    /// Its lessons, at least one, each once.
    pub lessons: Vec<LessonId>,
}

/// [`SetsNotOverlapping`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SetsNotOverlappingDef {
    /// The sets, at least two, no lesson in two of them.
    pub sets: Vec<LessonSetDef>,
}

/// [`LessonSet`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LessonSetDef {
    /// A name for explanations. Default: the set is named by its number, from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The lessons, at least one, each once.
    pub lessons: Vec<LessonDef>,
}

impl ConstraintKind for SetsNotOverlapping {
    type Def = SetsNotOverlappingDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: SetsNotOverlappingDef, names: &Names, _calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let before = issues.len();
        if def.sets.len() < 2 {
            issues.push(Issue::at_path(format!("{path}.sets"), "at least two sets are needed".to_owned()));
        }
        let mut seen: Vec<LessonId> = Vec::new();
        let mut sets = Vec::with_capacity(def.sets.len());
        for (k, set) in def.sets.iter().enumerate() {
            let field = format!("{path}.sets[{k}]");
            let lessons = resolve_lessons(&set.lessons, 1, names, &field, issues);
            for (j, &l) in lessons.iter().enumerate() {
                if seen.contains(&l) {
                    issues.push(Issue::at_path(format!("{field}.lessons[{j}]"), "the lesson is in an earlier set too".to_owned()));
                }
            }
            seen.extend(&lessons);
            sets.push(LessonSet { name: set.name.clone(), lessons });
        }
        (issues.len() == before).then_some(SetsNotOverlapping { sets })
    }

    fn to_def(&self, problem: &Entities) -> SetsNotOverlappingDef {
        SetsNotOverlappingDef {
            sets: self.sets.iter().map(|s| LessonSetDef { name: s.name.clone(), lessons: lessons_to_def(problem, &s.lessons) }).collect(),
        }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        // Per slot, per set: the set's lessons covering it.
        let mut covering: Vec<Vec<Vec<LessonId>>> = vec![vec![Vec::new(); self.sets.len()]; calendar.n_slots()];
        for (k, set) in self.sets.iter().enumerate() {
            for &l in &set.lessons {
                let Some(p) = view.timetable.get(l) else { continue };
                for s in p.slot.index()..p.slot.index() + usize::from(problem.lesson(l).length) {
                    if let Some(at) = covering.get_mut(s) {
                        at[k].push(l);
                    }
                }
            }
        }
        for (s, per_set) in covering.iter().enumerate() {
            let counts: Vec<u64> = per_set.iter().map(|l| l.len() as u64).collect();
            let total: u64 = counts.iter().sum();
            let pairs = (total * total - counts.iter().map(|c| c * c).sum::<u64>()) / 2;
            if pairs == 0 {
                continue;
            }
            #[allow(clippy::cast_possible_truncation, reason = "slot indices fit u16")]
            let slot = Slot(s as u16);
            let named: Vec<String> = per_set
                .iter()
                .enumerate()
                .filter(|(_, l)| !l.is_empty())
                .map(|(k, l)| format!("{} ({})", self.sets[k].name.clone().unwrap_or_else(|| format!("set {}", k + 1)), l.len()))
                .collect();
            let message =
                format!("at {}, lessons of {} overlap; lessons of different sets may not", calendar.slot_label(slot), named.join(", "));
            let lessons: Vec<LessonId> = per_set.iter().flatten().copied().collect();
            let resources = lessons.iter().map(|&l| Resource::Course(problem.lesson(l).course)).collect();
            sink.add(pairs, lessons, vec![slot], resources, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::constraints::test_support::{found, hard, place, school_issues, school_with};
    use crate::Kind;

    const SUBJECTS: &str = r#"{"kind": "sets_not_overlapping", "level": "hard",
        "sets": [{"name": "Maths", "lessons": [{"course": "Math", "lesson": 0}, {"course": "Math", "lesson": 1}]},
                 {"lessons": [{"course": "Bio", "lesson": 0}]}, {"name": "French", "lessons": [{"course": "Fr", "lesson": 0}]}]}"#;

    #[test]
    fn refuses_one_set_and_a_lesson_in_two() {
        let issues = school_issues(
            r#"{"kind": "sets_not_overlapping", "level": "hard", "sets": [{"lessons": [{"course": "Math", "lesson": 0}]}]},
               {"kind": "sets_not_overlapping", "level": "hard", "sets": [{"lessons": [{"course": "Math", "lesson": 0}]}, {"lessons": [{"course": "Math", "lesson": 0}]}]}"#,
        );
        assert_eq!(
            issues,
            vec![
                ("constraints[0].sets".to_owned(), "at least two sets are needed".to_owned()),
                ("constraints[1].sets[1].lessons[0]".to_owned(), "the lesson is in an earlier set too".to_owned()),
            ]
        );
    }

    #[test]
    fn one_unit_per_period_and_pair_of_lessons_of_two_sets() {
        let problem = school_with(SUBJECTS);
        // Mon 1: both Maths lessons (one set, allowed), Bio's double (Mon 1-2) and French: 2×1 + 2×1 + 1×1 = 5 pairs.
        // Mon 2: Bio alone.
        let t = place(
            &problem,
            &[("Math", 0, 0, 1, Some("R1")), ("Math", 1, 0, 1, Some("R1")), ("Bio", 0, 0, 1, Some("R2")), ("Fr", 0, 0, 1, Some("Gym"))],
        );
        assert_eq!(
            found(&problem, &t, Kind::SetsNotOverlapping),
            vec![(
                5,
                hard(5),
                "at Mon period 1, lessons of Maths (2), set 2 (1), French (1) overlap; lessons of different sets may not".to_owned()
            )]
        );
        let t = place(&problem, &[("Math", 0, 0, 1, Some("R1")), ("Math", 1, 0, 1, Some("R1")), ("Bio", 0, 0, 2, Some("R2"))]);
        assert_eq!(found(&problem, &t, Kind::SetsNotOverlapping), vec![]);
    }
}
