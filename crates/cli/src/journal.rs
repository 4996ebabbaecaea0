//! Opening the journal the CLI records runs in, at the path the flags, the environment
//! or the platform give.

use std::path::{Path, PathBuf};

use usermgmt::Recorder;

use crate::error::{CliError, CliResult};

/// The opened journal and where it lives.
pub(crate) struct Journal {
    inner: usermgmt_journal::Journal,
}

impl Journal {
    /// Open (creating if needed) the journal at `path`.
    pub(crate) fn open(path: &Path) -> CliResult<Journal> {
        let inner = usermgmt_journal::Journal::open(path)
            .map_err(|e| CliError::Message(format!("cannot open the journal: {e}")))?;
        Ok(Journal { inner })
    }

    /// The journal as the facade's recorder.
    pub(crate) fn recorder(&self) -> &dyn Recorder {
        &self.inner
    }

    /// The store itself, for reading runs.
    pub(crate) fn store(&self) -> &usermgmt_journal::Journal {
        &self.inner
    }
}

/// The platform default (`~/.local/state/usermgmt/journal.db` on Linux).
pub(crate) fn default_path() -> CliResult<PathBuf> {
    usermgmt_journal::default_path().map_err(|e| {
        CliError::Message(format!(
            "cannot find a place for the journal: {e}; pass --journal PATH"
        ))
    })
}

/// The sandbox's own journal, beside the real one but never the same file.
pub(crate) fn sandbox_path() -> CliResult<PathBuf> {
    Ok(sandbox_dir()?.join("journal.db"))
}

/// Where the sandbox keeps its journal and state: `sandbox/` beside the real journal.
pub(crate) fn sandbox_dir() -> CliResult<PathBuf> {
    let real = default_path()?;
    let dir = real.parent().map(Path::to_path_buf).unwrap_or_default();
    Ok(dir.join("sandbox"))
}
