//! The CLI's error: an SDK error or a message, printed as one line.

use std::fmt;

/// Why a command failed.
#[derive(Debug)]
pub(crate) enum CliError {
    /// The SDK said no (its Display says what to do).
    Sdk(usermgmt::Error),
    /// Anything else, already phrased for the user.
    Message(String),
    /// The command line asked for something impossible (an empty or malformed value);
    /// nothing was sent. Exit code 2, like clap's own usage errors.
    Usage(String),
}

impl CliError {
    /// The process exit code for this error: 2 for usage errors (and the SDK's invalid
    /// input, which is caught before any request), 1 otherwise.
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) | CliError::Sdk(usermgmt::Error::InvalidInput { .. }) => 2,
            _ => 1,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Sdk(error) => write!(f, "{error}"),
            CliError::Message(message) | CliError::Usage(message) => f.write_str(message),
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
