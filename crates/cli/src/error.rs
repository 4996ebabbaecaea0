//! The CLI's error: an SDK error or a message, printed as one line.

use std::fmt;

/// Why a command failed.
#[derive(Debug)]
pub(crate) enum CliError {
    /// The SDK said no (its Display says what to do).
    Sdk(usermgmt::Error),
    /// Anything else, already phrased for the user.
    Message(String),
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Sdk(error) => write!(f, "{error}"),
            CliError::Message(message) => f.write_str(message),
        }
    }
}

impl From<usermgmt::Error> for CliError {
    fn from(error: usermgmt::Error) -> Self {
        CliError::Sdk(error)
    }
}

impl From<String> for CliError {
    fn from(message: String) -> Self {
        CliError::Message(message)
    }
}

/// A command's result: the exit code on success.
pub(crate) type CliResult<T = ()> = Result<T, CliError>;
