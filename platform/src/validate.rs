//! Input validation that reports every problem at once, each naming its field.
//!
//! The rules are the platform's (a lesson no longer than a day, a slot inside the week, a
//! reference to a row of the same tenant), several of them needing the database, so they are
//! plain code over one collector rather than attributes of a validation crate.

use crate::error::{ApiError, FieldError};

/// Longest name accepted, in characters.
pub const MAX_NAME: usize = 100;

/// Collects the problems found in one input.
#[derive(Debug, Default)]
pub struct Check {
    fields: Vec<FieldError>,
}

impl Check {
    /// An empty collector.
    pub fn new() -> Self {
        Check::default()
    }

    /// Records a problem with `field`.
    pub fn fail(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.fields.push(FieldError { field: field.into(), message: message.into() });
    }

    /// `value` is a name: 1 to [`MAX_NAME`] characters, not only spaces, no control characters.
    pub fn name(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.fail(field, "must not be empty");
        } else if value.chars().count() > MAX_NAME {
            self.fail(field, format!("must be at most {MAX_NAME} characters"));
        } else if value.chars().any(char::is_control) {
            self.fail(field, "must not contain control characters");
        } else if value != value.trim() {
            self.fail(field, "must not start or end with spaces");
        }
    }

    /// `value` lies in `min..=max`.
    pub fn range(&mut self, field: &str, value: i64, min: i64, max: i64) {
        if !(min..=max).contains(&value) {
            self.fail(field, format!("must be between {min} and {max}, not {value}"));
        }
    }

    /// Records `message` for `field` unless `ok`.
    pub fn ensure(&mut self, ok: bool, field: impl Into<String>, message: impl Into<String>) {
        if !ok {
            self.fail(field, message);
        }
    }

    /// Whether nothing was found so far.
    pub fn is_clean(&self) -> bool {
        self.fields.is_empty()
    }

    /// `Ok` when nothing was found, else a 422 listing every problem.
    pub fn finish(self) -> Result<(), ApiError> {
        if self.fields.is_empty() {
            Ok(())
        } else {
            Err(ApiError::invalid(self.fields))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let mut check = Check::new();
        check.name("name", "  ");
        check.name("other", "ok");
        check.name("padded", " x");
        check.range("capacity", 0, 1, 10_000);
        let err = check.finish().unwrap_err();
        assert_eq!(err.code(), "invalid_input");
        assert_eq!(err.status().as_u16(), 422);
        assert!(err.to_string().contains("3 problems"), "{err}");
    }

    #[test]
    fn a_clean_input_passes() {
        let mut check = Check::new();
        check.name("name", "Ada Lovelace");
        check.range("capacity", 30, 1, 10_000);
        assert!(check.is_clean());
        assert!(check.finish().is_ok());
    }
}
