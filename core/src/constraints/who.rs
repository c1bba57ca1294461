//! Whom a constraint on teachers or students applies to.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::constraints::busy::{Busy, Row};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{GroupId, TeacherId};
use crate::names::Names;

/// One teacher, one group (every leaf set of students under it), all teachers, or all groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    /// One teacher.
    Teacher(TeacherId),
    /// The students of a group: each leaf under it counts on its own.
    Group(GroupId),
    /// Every teacher, each on their own.
    AllTeachers,
    /// Every leaf group, each on its own.
    AllGroups,
}

/// [`Who`] in the serde model: `{"teacher": "Smith"}`, `{"group": "5A"}`, `"all_teachers"` or `"all_groups"`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WhoDef {
    /// A teacher by name.
    Teacher(String),
    /// A group by name.
    Group(String),
    /// Every teacher.
    AllTeachers,
    /// Every group without subgroups.
    AllGroups,
}

impl Who {
    pub(crate) fn resolve(def: &WhoDef, names: &Names, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        Some(match def {
            WhoDef::Teacher(n) => Who::Teacher(names.teacher(n, path, issues)?),
            WhoDef::Group(n) => Who::Group(names.group(n, path, issues)?),
            WhoDef::AllTeachers => Who::AllTeachers,
            WhoDef::AllGroups => Who::AllGroups,
        })
    }

    pub(crate) fn to_def(self, problem: &Entities) -> WhoDef {
        match self {
            Who::Teacher(t) => WhoDef::Teacher(problem.teacher(t).name.clone()),
            Who::Group(g) => WhoDef::Group(problem.group(g).name.clone()),
            Who::AllTeachers => WhoDef::AllTeachers,
            Who::AllGroups => WhoDef::AllGroups,
        }
    }

    /// The teachers and leaf groups this applies to.
    pub fn rows(self, problem: &Entities) -> Vec<WhoRow> {
        match self {
            Who::Teacher(t) => vec![WhoRow::Teacher(t)],
            Who::Group(g) => problem.leaves(g).iter().map(|&l| WhoRow::Students(l)).collect(),
            Who::AllTeachers => (0..problem.teachers().len()).map(|t| WhoRow::Teacher(TeacherId::from_index(t))).collect(),
            Who::AllGroups => {
                (0..problem.groups().len()).map(GroupId::from_index).filter(|&g| problem.is_leaf(g)).map(WhoRow::Students).collect()
            }
        }
    }

    /// The rows of the scorer's occupancy table this applies to.
    pub(crate) fn busy_rows(self, problem: &Entities, busy: &Busy) -> Vec<(usize, Row)> {
        self.rows(problem)
            .into_iter()
            .map(|r| match r {
                WhoRow::Teacher(t) => (busy.row_of_teacher(t), Row::Teacher(t)),
                WhoRow::Students(g) => (busy.row_of_leaf(g), Row::Students(g)),
            })
            .collect()
    }
}

/// One teacher, or the students of one leaf group: what a [`Who`] expands to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WhoRow {
    /// A teacher.
    Teacher(TeacherId),
    /// A group without subgroups.
    Students(GroupId),
}
