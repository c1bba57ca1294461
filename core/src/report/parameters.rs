//! What a solve accepts: [`SolveParameters`], with its defaults and bounds, checked in one place.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::cost::Cost;

/// The time limit when none is given, in seconds.
pub const DEFAULT_TIME_LIMIT: f64 = 10.0;
/// The longest time limit accepted, in seconds: a week.
pub const MAX_TIME_LIMIT: f64 = 7.0 * 24.0 * 3600.0;
/// The seed when none is given.
pub const DEFAULT_SEED: u64 = 1;
/// The most parallel searches accepted.
pub const MAX_THREADS: usize = 256;

/// The parameters of a solve that can be written down (the solver adds a cancellation flag and
/// a timetable to start from). The search stops at the first limit reached; at least one of
/// `time_limit` and `iterations` is needed.
///
/// JSON, every field optional: `{"time_limit": 10, "iterations": null, "target": null, "seed": 1,
/// "threads": 1}`. The seed may also be a decimal string, for JavaScript, whose numbers are exact
/// only up to 2^53.
///
/// ```
/// use horarium_core::report::SolveParameters;
/// let p: SolveParameters = serde_json::from_str(r#"{"iterations": 5000, "time_limit": null, "seed": "18446744073709551615"}"#).unwrap();
/// assert_eq!(p.seed, u64::MAX);
/// assert!(p.check().is_ok());
/// let none: SolveParameters = serde_json::from_str(r#"{"time_limit": null}"#).unwrap();
/// assert_eq!(none.check().unwrap_err().to_string(), "time_limit or iterations must be given: a search needs a limit");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SolveParameters {
    /// Wall-clock limit in seconds, `None` for none. Default: [`DEFAULT_TIME_LIMIT`].
    pub time_limit: Option<f64>,
    /// Limit on moves tried per thread, `None` for none; with one thread and no time limit the
    /// result depends only on the problem, the seed and this number. Default: none.
    pub iterations: Option<u64>,
    /// Stop as soon as a timetable at least this good is found. Default: none.
    pub target: Option<Cost>,
    /// Seed of the random choices; thread `i` uses one derived from it and `i`. Default: [`DEFAULT_SEED`].
    #[serde(deserialize_with = "number_or_decimal")]
    pub seed: u64,
    /// Independent searches run in parallel, sharing their best timetable. Default: 1.
    pub threads: usize,
}

impl Default for SolveParameters {
    fn default() -> Self {
        SolveParameters { time_limit: Some(DEFAULT_TIME_LIMIT), iterations: None, target: None, seed: DEFAULT_SEED, threads: 1 }
    }
}

/// A parameter out of its bounds.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{field} {problem}")]
pub struct ParameterError {
    /// The parameter's name, as in JSON (`time_limit`).
    pub field: &'static str,
    /// What is wrong, as the rest of a sentence after the name (`must be ..., not -1`).
    pub problem: String,
}

impl SolveParameters {
    /// Checks every bound; the error names the first parameter out of bounds.
    pub fn check(&self) -> Result<(), ParameterError> {
        let error = |field, problem: String| Err(ParameterError { field, problem });
        if let Some(t) = self.time_limit {
            if !(t.is_finite() && t > 0.0 && t <= MAX_TIME_LIMIT) {
                return error("time_limit", format!("must be a positive number of seconds up to {MAX_TIME_LIMIT}, not {t}"));
            }
        }
        if !(1..=MAX_THREADS).contains(&self.threads) {
            return error("threads", format!("must be from 1 to {MAX_THREADS}, not {}", self.threads));
        }
        if self.time_limit.is_none() && self.iterations.is_none() {
            return error("time_limit", "or iterations must be given: a search needs a limit".to_owned());
        }
        Ok(())
    }
}

impl fmt::Display for SolveParameters {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.time_limit {
            Some(t) => write!(f, "{t} s")?,
            None => write!(f, "no time limit")?,
        }
        if let Some(n) = self.iterations {
            write!(f, ", {n} iterations")?;
        }
        if let Some(c) = self.target {
            write!(f, ", target {c}")?;
        }
        write!(f, ", seed {}, {} thread{}", self.seed, self.threads, if self.threads == 1 { "" } else { "s" })
    }
}

fn number_or_decimal<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Seed {
        Number(u64),
        Text(String),
    }
    match Seed::deserialize(d)? {
        Seed::Number(n) => Ok(n),
        Seed::Text(t) => t.parse().map_err(|_| serde::de::Error::custom(format!("seed must be an integer from 0 to 2^64-1, not {t:?}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> SolveParameters {
        serde_json::from_str(text).expect("valid parameters")
    }

    #[test]
    fn defaults_are_ten_seconds_seed_one_one_thread() {
        let p = parse("{}");
        assert_eq!(p, SolveParameters::default());
        assert_eq!((p.time_limit, p.seed, p.threads), (Some(10.0), 1, 1));
        assert!(p.check().is_ok());
    }

    #[test]
    fn bounds_name_the_parameter() {
        let bad = |text: &str| parse(text).check().unwrap_err();
        assert_eq!(bad(r#"{"time_limit": -1}"#).field, "time_limit");
        assert_eq!(bad(r#"{"time_limit": 1e9}"#).field, "time_limit");
        assert_eq!(bad(r#"{"threads": 0}"#).to_string(), "threads must be from 1 to 256, not 0");
        assert_eq!(bad(r#"{"threads": 257}"#).field, "threads");
        assert!(parse(r#"{"time_limit": null, "iterations": 0}"#).check().is_ok());
    }

    #[test]
    fn unknown_fields_and_bad_seeds_are_refused() {
        assert!(serde_json::from_str::<SolveParameters>(r#"{"time": 3}"#).is_err());
        let e = serde_json::from_str::<SolveParameters>(r#"{"seed": "x"}"#).unwrap_err().to_string();
        assert!(e.contains("seed must be an integer"), "{e}");
        assert!(serde_json::from_str::<SolveParameters>(r#"{"seed": -1}"#).is_err());
    }
}
