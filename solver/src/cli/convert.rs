//! `horarium convert`: rewrite a problem in Horarium JSON, or lock a timetable into a `.fet` file.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use horarium::formats;

pub fn to_json(reader: super::ProblemReader, instance: &Path, output: Option<&Path>) -> anyhow::Result<ExitCode> {
    let problem = reader.read(instance)?;
    let mut text = formats::json::write_problem(&problem);
    text.push('\n');
    super::write_output(output, &text)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes `instance`, a `.fet` file, with every lesson `timetable` places locked at its time and
/// room, so that FET's own interface opens the result.
pub fn to_fet(reader: super::ProblemReader, instance: &Path, timetable: &Path, output: Option<&Path>) -> anyhow::Result<ExitCode> {
    let read = reader.read_with_sources(instance)?;
    let Some(activities) = &read.fet_activities else {
        anyhow::bail!("{}: --to fet writes a timetable into the school's .fet file; give that file as the problem", instance.display());
    };
    let (placed, warnings) = formats::read_timetable_of(&read, timetable)?;
    for w in &warnings {
        eprintln!("warning: {}:{w}", timetable.display());
    }
    let original = std::fs::read_to_string(instance).with_context(|| format!("cannot read {}", instance.display()))?;
    let text = formats::fet::timetable::write_locked(&original, &read.problem, activities, &placed)
        .map_err(|e| anyhow::anyhow!("{}: {e}", instance.display()))?;
    let unplaced = placed.n_unplaced();
    if unplaced > 0 {
        eprintln!("warning: {}: {unplaced} lesson(s) are not placed and stay unlocked", timetable.display());
    }
    super::write_output(output, &text)?;
    Ok(ExitCode::SUCCESS)
}
