//! `horarium convert`: rewrite a problem in Horarium JSON.

use std::path::Path;
use std::process::ExitCode;

use horarium::formats;

pub fn to_json(reader: super::ProblemReader, instance: &Path, output: Option<&Path>) -> anyhow::Result<ExitCode> {
    let problem = reader.read(instance)?;
    let mut text = formats::json::write_problem(&problem);
    text.push('\n');
    super::write_output(output, &text)?;
    Ok(ExitCode::SUCCESS)
}
