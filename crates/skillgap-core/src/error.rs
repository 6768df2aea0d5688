//! Errors callers branch on. Messages name the file, line and column when
//! known, say what is wrong and how to fix it; `main` prints them once.

use crate::catalog::CatalogError;
use crate::ingest::IngestError;

/// A mistake in how the command was called: exit code 2.
#[derive(Debug, Clone, thiserror::Error, PartialEq)]
#[error("{0}")]
pub struct UsageError(pub String);

/// The run was stopped by SIGINT or SIGTERM: exit code 130.
#[derive(Debug, Clone, thiserror::Error, PartialEq)]
#[error("{0}")]
pub struct Interrupted(pub String);

/// A problem with the data: exit code 1.
#[derive(Debug, Clone, thiserror::Error, PartialEq)]
pub enum DataError {
    /// The input file could not be read as a table.
    // Not named `source`: thiserror would make it the error's cause, and
    // `{:#}` would then print the message twice.
    #[error("{}: {error}", at(file, error.line(), error.column()))]
    Ingest {
        /// Input as shown to the user.
        file: String,
        /// What went wrong.
        error: IngestError,
    },
    /// A cell or row is wrong.
    #[error("{}: {message}", at(file, Some(*line), *column))]
    Row {
        /// Input as shown to the user.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column, when known.
        column: Option<usize>,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// A template file is wrong.
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    /// Anything else about the data, already phrased for the user.
    #[error("{file}: {message}")]
    Other {
        /// Input as shown to the user.
        file: String,
        /// What is wrong and how to fix it.
        message: String,
    },
}

/// `file:line:col`, leaving out what is unknown.
pub fn at(file: &str, line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
        (Some(l), None) => format!("{file}:{l}"),
        _ => file.to_string(),
    }
}

/// The process exit code for an error: 2 for usage, 130 for an
/// interrupted run, 1 for everything else.
pub fn exit_code(err: &anyhow::Error) -> i32 {
    if err
        .chain()
        .any(|e| e.downcast_ref::<Interrupted>().is_some())
    {
        130
    } else if err
        .chain()
        .any(|e| e.downcast_ref::<UsageError>().is_some())
    {
        2
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_errors_name_file_line_and_column() {
        let e = DataError::Row {
            file: "team.csv".into(),
            line: 3,
            column: Some(4),
            message: "rating \"7\" for \"Kubernetes\" is outside 0–5".into(),
        };
        assert_eq!(
            e.to_string(),
            "team.csv:3:4: rating \"7\" for \"Kubernetes\" is outside 0–5"
        );
    }

    #[test]
    fn usage_errors_exit_2_others_1() {
        assert_eq!(exit_code(&anyhow::Error::new(UsageError("x".into()))), 2);
        let data = DataError::Other {
            file: "f".into(),
            message: "m".into(),
        };
        assert_eq!(exit_code(&anyhow::Error::new(data)), 1);
        assert_eq!(exit_code(&anyhow::anyhow!("io")), 1);
        assert_eq!(
            exit_code(&anyhow::Error::new(Interrupted("stopped".into()))),
            130
        );
    }
}
