//! The one error type of horarium-core, and the located [`Issue`]s a reader collects.

use std::fmt;

/// One problem found in an input, located as precisely as the format allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    /// 1-based line number, when the input is line-oriented or the parser knows it.
    pub line: Option<usize>,
    /// The field at fault: a header key, a column name, or a JSON path such as `courses[3].teachers[0]`.
    pub field: String,
    /// What was expected and what was found, lowercase, no trailing period.
    pub message: String,
}

impl Issue {
    /// An issue on a known line.
    pub fn at_line(line: usize, field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { line: Some(line), field: field.into(), message: message.into() }
    }

    /// An issue located by a path in the model rather than by a line.
    pub fn at_path(field: String, message: String) -> Self {
        Self { line: None, field, message }
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "{line}: ")?;
        }
        if self.field.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "field {:?}: {}", self.field, self.message)
        }
    }
}

/// Everything that can go wrong in horarium-core. Scoring never fails; only reading does.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read.
    #[error("{file}: {error}")]
    Io {
        /// The path as given.
        file: String,
        /// The operating system's error. Shown in the message, and not also chained as a
        /// `source`, so that reporters that print the chain do not say it twice.
        error: std::io::Error,
    },
    /// A model cannot be written in a format that has no way to express part of it.
    #[error("cannot write {format}: {message}")]
    Unsupported {
        /// The target format.
        format: &'static str,
        /// What cannot be expressed.
        message: String,
    },
    /// An input was read but is malformed or inconsistent; every issue found is listed.
    #[error("{}", display_issues(file, issues))]
    Parse {
        /// The file name, or a description such as `<json>` for in-memory text.
        file: String,
        /// Every issue found, in input order.
        issues: Vec<Issue>,
    },
}

impl Error {
    /// A parse error with the given issues.
    pub fn parse(file: &str, issues: Vec<Issue>) -> Self {
        Error::Parse { file: file.to_owned(), issues }
    }

    /// The issues of a parse error; empty for other errors.
    pub fn issues(&self) -> &[Issue] {
        match self {
            Error::Parse { issues, .. } => issues,
            Error::Io { .. } | Error::Unsupported { .. } => &[],
        }
    }
}

fn display_issues(file: &str, issues: &[Issue]) -> String {
    let mut res = String::new();
    for (idx, issue) in issues.iter().enumerate() {
        if idx > 0 {
            res.push('\n');
        }
        match issue.line {
            Some(_) => res.push_str(&format!("{file}:{issue}")),
            None => res.push_str(&format!("{file}: {issue}")),
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_file_line_and_field() {
        let err = Error::parse(
            "comp01.ctt",
            vec![
                Issue::at_line(14, "rooms", "expected an integer, found \"x\""),
                Issue::at_path("courses[2].teachers[0]".into(), "unknown teacher \"t9\"".into()),
            ],
        );
        assert_eq!(err.to_string(), "comp01.ctt:14: field \"rooms\": expected an integer, found \"x\"\ncomp01.ctt: field \"courses[2].teachers[0]\": unknown teacher \"t9\"");
    }
}
