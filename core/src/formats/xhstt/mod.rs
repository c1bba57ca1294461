//! XHSTT, the XML archive format of high-school timetabling (the ITC-2011 competition's):
//! instances with their times, resources, events and sixteen constraint types, and solutions
//! with the costs reported for them.
//!
//! - [`model`]: the archive with every reference resolved to an index;
//! - [`read`]: the reader ([`read_archive`], [`parse_archive`]), every issue with its line;
//! - [`evaluate`]: a solution's infeasibility and objective values, per constraint and point
//!   of application, as the format's specification defines them;
//! - [`write`]: a solution written beside its instance as a whole archive, with its report.
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
pub mod model;
pub mod read;
pub mod write;

use std::path::Path;

pub use evaluate::{evaluate, Evaluation, InvalidSolution};
pub use model::Archive;
pub use read::{parse_archive, parse_solutions};
pub use write::{archive_with_solution, GroupToWrite};

use crate::error::{Error, Issue};

/// Reads an XHSTT archive file.
pub fn read_archive(path: &Path) -> Result<Archive, Error> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|error| Error::Io { file: file.clone(), error })?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|e| Error::parse(&file, vec![Issue::at_path(String::new(), format!("not UTF-8 text: {e}"))]))?;
    parse_archive(&file, text)
}
