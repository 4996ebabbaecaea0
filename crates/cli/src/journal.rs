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

    /// The store, owned (for a server that records from many tasks).
    pub(crate) fn into_store(self) -> usermgmt_journal::Journal {
        self.inner
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

/// Where the sandbox keeps its journal and state: `sandbox/` in the platform state
/// directory (`~/.local/state/usermgmt/sandbox` on Linux), whatever `USERMGMT_JOURNAL` says.
pub(crate) fn sandbox_dir() -> CliResult<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "usermgmt").ok_or_else(|| {
        CliError::Message(
            "cannot find a state directory for the sandbox (no home directory); pass \
             --sandbox-state PATH and --journal PATH"
                .into(),
        )
    })?;
    let state = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir());
    Ok(state.join("sandbox"))
}
