//! XHSTT, the XML archive format of high-school timetabling (the ITC-2011 competition's):
//! instances with their times, resources, events and sixteen constraint types, and solutions
//! with the costs reported for them.
//!
//! - [`model`]: the archive with every reference resolved to an index;
//! - [`read`]: the reader ([`read_archive`], [`parse_archive`]), every issue with its line;
//! - [`evaluate`]: a solution's infeasibility and objective values, per constraint and point
//!   of application, as the format's specification defines them;
//! - [`write`]: a solution written beside its instance as a whole archive, with its report;
//! - [`general`]: an instance on Horarium's general model, for the solver, and the solver's
//!   timetable back as an XHSTT solution.
//!
//! ```
//! use horarium_core::formats::xhstt;
//!
//! let text = r#"<HighSchoolTimetableArchive>
//!   <Instances><Instance Id="tiny">
//!     <Times><Time Id="Mo1"><Name>Mo1</Name></Time><Time Id="Mo2"><Name>Mo2</Name></Time></Times>
//!     <Resources>
//!       <ResourceTypes><ResourceType Id="Teacher"><Name>Teacher</Name></ResourceType></ResourceTypes>
//!       <Resource Id="T1"><Name>T1</Name><ResourceType Reference="Teacher"/></Resource>
//!     </Resources>
//!     <Events>
//!       <Event Id="E1"><Name>E1</Name><Duration>1</Duration>
//!         <Resources><Resource Reference="T1"/></Resources></Event>
//!       <Event Id="E2"><Name>E2</Name><Duration>1</Duration>
//!         <Resources><Resource Reference="T1"/></Resources></Event>
//!     </Events>
//!     <Constraints>
//!       <AvoidClashesConstraint Id="clashes"><Name>No clashes</Name>
//!         <Required>true</Required><Weight>1</Weight><CostFunction>Linear</CostFunction>
//!         <AppliesTo><Resources><Resource Reference="T1"/></Resources></AppliesTo>
//!       </AvoidClashesConstraint>
//!     </Constraints>
//!   </Instance></Instances>
//!   <SolutionGroups><SolutionGroup Id="mine"><MetaData/>
//!     <Solution Reference="tiny"><Events>
//!       <Event Reference="E1"><Time Reference="Mo1"/></Event>
//!       <Event Reference="E2"><Time Reference="Mo1"/></Event>
//!     </Events></Solution>
//!   </SolutionGroup></SolutionGroups>
//! </HighSchoolTimetableArchive>"#;
//! let archive = xhstt::parse_archive("tiny.xml", text)?;
//! let solution = &archive.solution_groups[0].solutions[0];
//! let evaluation = xhstt::evaluate(&archive.instances[0], solution)?;
//! assert_eq!((evaluation.infeasibility, evaluation.objective), (1, 0));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod evaluate;
pub mod general;
pub mod model;
pub mod read;
pub mod write;

use std::path::Path;

pub use evaluate::{evaluate, Evaluation, InvalidSolution};
pub use model::Archive;
pub use read::{parse_archive, parse_solutions};
pub use write::{archive_with_solution, GroupToWrite};

use crate::error::{Error, Issue};
use crate::problem::Problem;
use crate::timetable::Timetable;

/// One instance of an archive read as a problem of the general model, with what writing a
/// timetable of it back as XHSTT needs.
#[derive(Clone, Debug, PartialEq)]
pub struct XhsttProblem {
    /// The file it was read from, for messages.
    pub file: String,
    /// The archive's text: its instances are written back byte for byte beside a solution.
    pub source: String,
    /// The archive.
    pub archive: Archive,
    /// The instance solved, by its place in the archive.
    pub instance: usize,
    /// The instance on the general model.
    pub mapped: general::OnGeneralModel,
}

impl XhsttProblem {
    /// Reads an archive of one instance and maps it onto the general model; an archive of
    /// several instances, or an instance that does not map, is refused with every reason.
    pub fn read(path: &Path) -> Result<(Self, Problem), Error> {
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|error| Error::Io { file: file.clone(), error })?;
        let source = crate::formats::utf8(&file, &bytes)?.to_owned();
        Self::parse(&file, source)
    }

    /// [`Self::read`] from the archive's text; `file` names it in messages.
    pub fn parse(file: &str, source: String) -> Result<(Self, Problem), Error> {
        let archive = parse_archive(file, &source)?;
        if archive.instances.len() != 1 {
            let message = format!("the archive holds {} instances; Horarium solves an archive of one", archive.instances.len());
            return Err(Error::parse(file, vec![Issue::at_path("Instances".to_owned(), message)]));
        }
        let mapped = general::to_general(&archive.instances[0]).map_err(|issues| Error::parse(file, issues))?;
        let problem = Problem::from_def(mapped.problem.clone()).map_err(|issues| Error::parse(file, issues))?;
        Ok((XhsttProblem { file: file.to_owned(), source, archive, instance: 0, mapped }, problem))
    }

    /// The same archive with the events `events` re-split into more parts (see
    /// [`general::OnGeneralModel::resplit`]), and its problem; `None` when none can be.
    pub fn resplit(&self, events: &[model::EventId]) -> Option<Result<(Self, Problem), Error>> {
        let parts = self.mapped.resplit(events)?;
        let mapped = match general::to_general_split_into(self.instance(), parts) {
            Ok(mapped) => mapped,
            Err(issues) => return Some(Err(Error::parse(&self.file, issues))),
        };
        Some(Problem::from_def(mapped.problem.clone()).map_err(|issues| Error::parse(&self.file, issues)).map(|problem| {
            (
                XhsttProblem {
                    file: self.file.clone(),
                    source: self.source.clone(),
                    archive: self.archive.clone(),
                    instance: self.instance,
                    mapped,
                },
                problem,
            )
        }))
    }

    /// The instance solved.
    pub fn instance(&self) -> &model::Instance {
        &self.archive.instances[self.instance]
    }

    /// The solution a timetable of the mapped problem stands for, with its evaluation (or why
    /// it is no timetable of the instance).
    pub fn solution(&self, timetable: &Timetable) -> (model::Solution, Result<Evaluation, InvalidSolution>) {
        let solution = general::solution_of(&self.mapped, timetable, self.instance);
        let evaluation = evaluate(self.instance(), &solution);
        (solution, evaluation)
    }

    /// The archive with the solution `timetable` stands for as its one solution group,
    /// `Horarium`, with its evaluation as the report; and the evaluation.
    pub fn write_timetable(&self, timetable: &Timetable) -> Result<(String, Evaluation), Error> {
        let (solution, evaluation) = self.solution(timetable);
        // A timetable of the mapped problem is always a solution (parts add up, lessons end
        // within their day); an error here is a bug of the mapping, reported as such.
        let evaluation = evaluation.map_err(|e| {
            let issues = e.problems.into_iter().map(|p| Issue::at_path("Horarium's solution".to_owned(), p)).collect();
            Error::parse(&self.file, issues)
        })?;
        let to_write = GroupToWrite {
            id: "Horarium",
            metadata: &[("Contributor", "Horarium")],
            solution: &solution,
            instance: self.instance(),
            evaluation: Some(&evaluation),
        };
        Ok((archive_with_solution(&self.file, &self.source, &to_write)?, evaluation))
    }
}

/// Reads an XHSTT archive file.
pub fn read_archive(path: &Path) -> Result<Archive, Error> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|error| Error::Io { file: file.clone(), error })?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|e| Error::parse(&file, vec![Issue::at_path(String::new(), format!("not UTF-8 text: {e}"))]))?;
    parse_archive(&file, text)
}
